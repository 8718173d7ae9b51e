#include "SigV4Signer.h"

#include "Credentials.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QHash>
#include <QtCore/QMessageAuthenticationCode>
#include <QtCore/QUrl>

#include <algorithm>
#include <array>
#include <map>

using namespace Qt::StringLiterals;

namespace warroom::aws {

namespace {

constexpr QByteArrayView AmzDateFormatHeader = "x-amz-date";
constexpr QByteArrayView SecurityTokenHeader = "x-amz-security-token";
constexpr QByteArrayView ContentSha256Header = "x-amz-content-sha256";
constexpr QByteArrayView Terminator = "aws4_request";

constexpr QByteArrayView QueryAlgorithm = "X-Amz-Algorithm";
constexpr QByteArrayView QueryCredential = "X-Amz-Credential";
constexpr QByteArrayView QueryDate = "X-Amz-Date";
constexpr QByteArrayView QuerySignedHeaders = "X-Amz-SignedHeaders";
constexpr QByteArrayView QueryExpires = "X-Amz-Expires";
constexpr QByteArrayView QuerySecurityToken = "X-Amz-Security-Token";
constexpr QByteArrayView QuerySignature = "X-Amz-Signature";

constexpr qint64 MaxPresignSeconds = 7 * 24 * 3600;

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
        || c == '_' || c == '.' || c == '~';
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isLowerHex(QByteArrayView text)
{
    return std::all_of(text.begin(), text.end(),
        [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool isDigits(QByteArrayView text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void appendPercent(QByteArray &out, unsigned char c)
{
    static constexpr char Hex[] = "0123456789ABCDEF";
    out += '%';
    out += Hex[c >> 4];
    out += Hex[c & 0xF];
}

QByteArray utf8(const QString &text)
{
    return text.toUtf8();
}

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

// Lower-case names, sorted, values of repeated names joined with commas in wire order.
using HeaderMap = std::map<QByteArray, QByteArray>;

// Only the names in `only` when it is given: a verifier canonicalises just the signed
// headers (not, for instance, the long Authorization header).
HeaderMap mergeHeaders(const QList<HttpHeader> &headers, const QList<QByteArray> *only = nullptr)
{
    HeaderMap merged;
    for (const auto &[name, value] : headers) {
        const QByteArray key = name.trimmed().toLower();
        if (only && !only->contains(key))
            continue;
        const QByteArray canonical = SigV4Signer::canonicalHeaderValue(value);
        auto it = merged.find(key);
        if (it == merged.end())
            merged.emplace(key, canonical);
        else
            it->second += ',' + canonical;
    }
    return merged;
}

// Canonical request over the given signed names (lower-case, in the given order).
QByteArray canonicalRequestOf(const QByteArray &method, const QByteArray &canonicalUri,
    const QByteArray &canonicalQuery, const HeaderMap &headers,
    const QList<QByteArray> &signedNames, const QByteArray &payloadHash)
{
    QByteArray out;
    out.reserve(256 + canonicalQuery.size());
    out += method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n';
    for (const QByteArray &name : signedNames) {
        const auto it = headers.find(name);
        out += name + ':' + (it == headers.end() ? QByteArray() : it->second) + '\n';
    }
    out += '\n' + signedNames.join(';') + '\n' + payloadHash;
    return out;
}

QByteArray stringToSignOf(
    const QByteArray &amzDate, const QByteArray &scope, const QByteArray &canonicalRequest)
{
    return SigV4Signer::Algorithm.toByteArray() + '\n' + amzDate + '\n' + scope + '\n'
        + SigV4Signer::sha256Hex(canonicalRequest);
}

// The digits text[from, from + count) as a number; -1 when one is not a digit.
int digitsAt(QByteArrayView text, qsizetype from, qsizetype count)
{
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

// yyyyMMdd'T'HHmmss'Z' by hand: QDateTime::fromString with a format is a parser that costs
// more than the rest of a verification, and it runs on every request the server gets.
QDateTime parseAmzDate(QByteArrayView text)
{
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z')
        return {};
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 4, 2);
    const int day = digitsAt(text, 6, 2);
    const int hour = digitsAt(text, 9, 2);
    const int minute = digitsAt(text, 11, 2);
    const int second = digitsAt(text, 13, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return {};
    const QDate date(year, month, day);
    const QTime time(hour, minute, second);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

bool isQueryAuthKey(const QByteArray &key)
{
    return key == QueryAlgorithm || key == QueryCredential || key == QueryDate
        || key == QuerySignedHeaders || key == QueryExpires || key == QuerySecurityToken
        || key == QuerySignature;
}

// "AKID/20150830/us-east-1/service/aws4_request"
bool parseCredential(QByteArrayView credential, SigV4Authorization &out, QString *error)
{
    const QList<QByteArray> parts = credential.toByteArray().split('/');
    if (parts.size() != 5 || parts[4] != Terminator) {
        *error = u"Credential must be <access key>/<yyyyMMdd>/<region>/<service>/aws4_request"_s;
        return false;
    }
    if (parts[0].isEmpty()) {
        *error = u"Credential has an empty access key id"_s;
        return false;
    }
    if (parts[1].size() != 8 || !isDigits(parts[1])) {
        *error = u"Credential date must be 8 digits (yyyyMMdd)"_s;
        return false;
    }
    if (parts[2].isEmpty() || parts[3].isEmpty()) {
        *error = u"Credential has an empty region or service"_s;
        return false;
    }
    out.accessKeyId = parts[0];
    out.date = parts[1];
    out.region = parts[2];
    out.service = parts[3];
    return true;
}

bool parseSignedHeaders(QByteArrayView text, SigV4Authorization &out, QString *error)
{
    out.signedHeaders = text.toByteArray().split(';');
    for (const QByteArray &name : std::as_const(out.signedHeaders)) {
        if (name.isEmpty() || name != name.toLower() || name.contains(' ')) {
            *error = u"SignedHeaders must be lower-case header names separated by ';'"_s;
            return false;
        }
    }
    return true;
}

bool parseSignature(QByteArrayView text, SigV4Authorization &out, QString *error)
{
    if (text.size() != 64 || !isLowerHex(text)) {
        *error = u"Signature must be 64 lower-case hex digits"_s;
        return false;
    }
    out.signature = text.toByteArray();
    return true;
}

} // namespace

// ---------------------------------------------------------------------------------
// SigV4Request

SigV4Request SigV4Request::fromUrl(
    const QByteArray &method, const QUrl &url, QList<HttpHeader> headers, QByteArray body)
{
    SigV4Request request;
    request.method = method;
    request.path = url.path(QUrl::FullyEncoded).toLatin1();
    if (request.path.isEmpty())
        request.path = "/";
    request.query = parseQuery(url.query(QUrl::FullyEncoded).toLatin1());
    request.headers = std::move(headers);
    request.body = std::move(body);
    if (!request.hasHeader("host")) {
        QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
        if (host.contains(':'))
            host = '[' + host + ']';
        const int port = url.port();
        const int defaultPort = url.scheme() == u"https"_s ? 443
            : url.scheme() == u"http"_s                    ? 80
                                                           : -1;
        if (port != -1 && port != defaultPort)
            host += ':' + QByteArray::number(port);
        request.headers.prepend({"Host", host});
    }
    return request;
}

QList<QueryItem> SigV4Request::parseQuery(QByteArrayView rawQuery)
{
    QList<QueryItem> items;
    if (rawQuery.isEmpty())
        return items;
    for (const QByteArray &pair : rawQuery.toByteArray().split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArray key = eq < 0 ? pair : pair.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        items.append(
            {QByteArray::fromPercentEncoding(key), QByteArray::fromPercentEncoding(value)});
    }
    return items;
}

QByteArray SigV4Request::encodeQuery(const QList<QueryItem> &items)
{
    QByteArray out;
    for (const auto &[key, value] : items) {
        if (!out.isEmpty())
            out += '&';
        out += SigV4Signer::uriEncode(key, false) + '=' + SigV4Signer::uriEncode(value, false);
    }
    return out;
}

QByteArray SigV4Request::headerValue(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool SigV4Request::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.begin(), headers.end(), [name](const HttpHeader &header) {
        return header.first.trimmed().compare(name, Qt::CaseInsensitive) == 0;
    });
}

void SigV4Request::removeHeader(QByteArrayView name)
{
    headers.removeIf([name](const HttpHeader &header) {
        return header.first.trimmed().compare(name, Qt::CaseInsensitive) == 0;
    });
}

void SigV4Request::setHeader(const QByteArray &name, const QByteArray &value)
{
    removeHeader(name);
    headers.append({name, value});
}

// ---------------------------------------------------------------------------------
// SigV4Options, SigV4Authorization

const QList<QByteArray> &SigV4Options::unsignedHeaders()
{
    static const QList<QByteArray> names {"authorization", "user-agent", "expect",
        "x-amzn-trace-id", "connection", "keep-alive", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade"};
    return names;
}

QByteArray SigV4Authorization::credentialScope() const
{
    return date + '/' + region + '/' + service + '/' + Terminator.toByteArray();
}

std::optional<SigV4Authorization> SigV4Authorization::parse(QByteArrayView header, QString *error)
{
    QString localError;
    if (!error)
        error = &localError;
    const QByteArray text = header.toByteArray().trimmed();
    if (!text.startsWith(SigV4Signer::Algorithm) || text.size() == SigV4Signer::Algorithm.size()
        || text[SigV4Signer::Algorithm.size()] != ' ') {
        *error = u"Authorization header must start with AWS4-HMAC-SHA256"_s;
        return std::nullopt;
    }
    SigV4Authorization result;
    bool haveCredential = false;
    bool haveSignedHeaders = false;
    bool haveSignature = false;
    for (const QByteArray &rawPart : text.mid(SigV4Signer::Algorithm.size() + 1).split(',')) {
        const QByteArray part = rawPart.trimmed();
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0) {
            *error = u"Authorization header component \"%1\" is not key=value"_s.arg(
                QString::fromLatin1(part.left(40)));
            return std::nullopt;
        }
        const QByteArray key = part.left(eq);
        const QByteArray value = part.mid(eq + 1);
        bool ok = true;
        if (key == "Credential") {
            ok = !haveCredential && parseCredential(value, result, error);
            haveCredential = true;
        } else if (key == "SignedHeaders") {
            ok = !haveSignedHeaders && parseSignedHeaders(value, result, error);
            haveSignedHeaders = true;
        } else if (key == "Signature") {
            ok = !haveSignature && parseSignature(value, result, error);
            haveSignature = true;
        } else {
            *error = u"Authorization header has an unknown component %1"_s.arg(
                QString::fromLatin1(key.left(40)));
            return std::nullopt;
        }
        if (!ok) {
            if (error->isEmpty())
                *error = u"Authorization header repeats %1"_s.arg(QString::fromLatin1(key));
            return std::nullopt;
        }
    }
    if (!haveCredential || !haveSignedHeaders || !haveSignature) {
        *error = u"Authorization header is missing %1"_s.arg(!haveCredential ? u"Credential="_s
                : !haveSignedHeaders                                         ? u"SignedHeaders="_s
                                                                             : u"Signature="_s);
        return std::nullopt;
    }
    error->clear();
    return result;
}

// ---------------------------------------------------------------------------------
// Building blocks

QByteArray SigV4Signer::uriEncode(QByteArrayView bytes, bool keepSlash)
{
    QByteArray out;
    out.reserve(bytes.size() * 3 / 2 + 8);
    for (const char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/'))
            out += c;
        else
            appendPercent(out, static_cast<unsigned char>(c));
    }
    return out;
}

QByteArray SigV4Signer::normalizePath(QByteArrayView path)
{
    if (path.isEmpty())
        return "/";
    QList<QByteArray> segments;
    for (const QByteArray &segment : path.toByteArray().split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
            continue;
        }
        segments.append(segment);
    }
    QByteArray out = path.startsWith('/') ? QByteArray("/") : QByteArray();
    out += segments.join('/');
    if (path.endsWith('/') && !segments.isEmpty())
        out += '/';
    return out.isEmpty() ? QByteArray("/") : out;
}

QByteArray SigV4Signer::canonicalUri(QByteArrayView wirePath, bool doubleEncode, bool normalize)
{
    const QByteArray path = normalize ? normalizePath(wirePath)
        : wirePath.isEmpty()          ? QByteArray("/")
                                      : wirePath.toByteArray();
    if (doubleEncode)
        return uriEncode(path, true);
    // Encode once: keep the escapes already there, encode whatever is still raw.
    QByteArray out;
    out.reserve(path.size() + 8);
    for (qsizetype i = 0; i < path.size(); ++i) {
        const char c = path[i];
        if (isUnreserved(c) || c == '/'
            || (c == '%' && i + 2 < path.size() && isHexDigit(path[i + 1])
                && isHexDigit(path[i + 2])))
            out += c;
        else
            appendPercent(out, static_cast<unsigned char>(c));
    }
    return out;
}

QByteArray SigV4Signer::canonicalQuery(const QList<QueryItem> &items)
{
    QList<std::pair<QByteArray, QByteArray>> encoded;
    encoded.reserve(items.size());
    for (const auto &[key, value] : items)
        encoded.append({uriEncode(key, false), uriEncode(value, false)});
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto &[key, value] : std::as_const(encoded)) {
        if (!out.isEmpty())
            out += '&';
        out += key + '=' + value;
    }
    return out;
}

QByteArray SigV4Signer::canonicalHeaderValue(QByteArrayView value)
{
    // Trim, and turn every run of whitespace (folded lines included) into one space.
    QByteArray out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        out += c;
    }
    return out;
}

QByteArray SigV4Signer::sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray SigV4Signer::signingKey(const QByteArray &secretAccessKey, const QByteArray &date,
    const QByteArray &region, const QByteArray &service)
{
    // The derived key is the same for a whole day, so each thread keeps the last few (as
    // the SDKs do): four HMACs less on every request a server verifies.
    struct CachedKey
    {
        QByteArray secret, date, region, service, key;
    };
    thread_local std::array<CachedKey, 8> cache;
    thread_local std::size_t next = 0;
    for (const CachedKey &entry : cache) {
        if (!entry.key.isEmpty() && entry.date == date && entry.region == region
            && entry.service == service && entry.secret == secretAccessKey)
            return entry.key;
    }
    const QByteArray dateKey = hmac("AWS4" + secretAccessKey, date);
    const QByteArray regionKey = hmac(dateKey, region);
    const QByteArray serviceKey = hmac(regionKey, service);
    const QByteArray key = hmac(serviceKey, Terminator.toByteArray());
    cache[next] = {secretAccessKey, date, region, service, key};
    next = (next + 1) % cache.size();
    return key;
}

QByteArray SigV4Signer::amzDate(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s).toLatin1();
}

bool SigV4Signer::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// ---------------------------------------------------------------------------------
// Signing

struct SigV4Signer::Prepared
{
    QString error;
    QByteArray amzDate;
    QByteArray scope;
    QByteArray payloadHash;
    QByteArray canonicalUri;
    HeaderMap headers;
    QList<QByteArray> signedNames;
    QList<QueryItem> query; // for presign: the request's items plus the signed X-Amz-* ones
    QList<HttpHeader> headersToAdd;
};

SigV4Signer::SigV4Signer(QByteArray region, QByteArray service, SigV4Options options)
    : m_region(std::move(region))
    , m_service(std::move(service))
    , m_options(std::move(options))
{
}

SigV4Signer::Prepared SigV4Signer::prepare(const SigV4Request &request,
    const Credentials &credentials, const QDateTime &time, bool presign) const
{
    Prepared p;
    if (!credentials.isValid()) {
        p.error = u"cannot sign: no access key id or secret access key"_s;
        return p;
    }
    if (m_region.isEmpty() || m_service.isEmpty()) {
        p.error = u"cannot sign: region and service are required"_s;
        return p;
    }
    if (!time.isValid()) {
        p.error = u"cannot sign: invalid signing time"_s;
        return p;
    }
    if (request.method.isEmpty()) {
        p.error = u"cannot sign: empty HTTP method"_s;
        return p;
    }
    if (!request.hasHeader("host")) {
        p.error = u"cannot sign: the request has no Host header"_s;
        return p;
    }
    if (m_options.payload == SigV4Options::Payload::Precomputed
        && (m_options.precomputedPayloadHash.size() != 64
            || !isLowerHex(m_options.precomputedPayloadHash))) {
        p.error = u"cannot sign: the precomputed payload hash must be 64 lower-case hex digits"_s;
        return p;
    }
    const qint64 expiry = m_options.presignExpiry.count();
    if (presign && (expiry < 1 || expiry > MaxPresignSeconds)) {
        p.error = u"cannot presign: expiry must be between 1 second and 7 days"_s;
        return p;
    }

    p.amzDate = amzDate(time);
    p.scope = p.amzDate.left(8) + '/' + m_region + '/' + m_service + '/' + Terminator.toByteArray();
    switch (m_options.payload) {
    case SigV4Options::Payload::HashBody:
        p.payloadHash = sha256Hex(request.body);
        break;
    case SigV4Options::Payload::Unsigned:
        p.payloadHash = UnsignedPayload.toByteArray();
        break;
    case SigV4Options::Payload::Precomputed:
        p.payloadHash = m_options.precomputedPayloadHash;
        break;
    }
    p.canonicalUri
        = canonicalUri(request.path, m_options.doubleEncodePath, m_options.normalizePath);

    const QByteArray token = utf8(credentials.sessionToken);
    const bool signToken
        = credentials.isTemporary() && m_options.sessionToken == SigV4Options::SessionToken::Signed;

    SigV4Request copy = request;
    copy.removeHeader(AmzDateFormatHeader);
    copy.removeHeader("authorization");
    if (credentials.isTemporary())
        copy.removeHeader(SecurityTokenHeader);
    QList<QByteArray> alwaysSigned {"host"};
    if (!presign) {
        p.headersToAdd.append({"X-Amz-Date", p.amzDate});
        alwaysSigned.append(AmzDateFormatHeader.toByteArray());
        if (credentials.isTemporary())
            p.headersToAdd.append({"X-Amz-Security-Token", token});
        if (signToken)
            alwaysSigned.append(SecurityTokenHeader.toByteArray());
    }
    if (m_options.addContentSha256Header && !presign) {
        copy.removeHeader(ContentSha256Header);
        p.headersToAdd.append({ContentSha256Header.toByteArray(), p.payloadHash});
        alwaysSigned.append(ContentSha256Header.toByteArray());
    }
    copy.headers.append(p.headersToAdd);
    p.headers = mergeHeaders(copy.headers);

    for (const auto &entry : p.headers) {
        const QByteArray &name = entry.first;
        bool sign = false;
        if (alwaysSigned.contains(name))
            sign = true;
        else if (name == SecurityTokenHeader && !signToken && credentials.isTemporary())
            sign = false;
        else if (m_options.headersToSign)
            sign = m_options.headersToSign->contains(name);
        else
            sign = !SigV4Options::unsignedHeaders().contains(name);
        if (sign)
            p.signedNames.append(name); // HeaderMap iterates in sorted order
    }

    if (presign) {
        p.query = request.query;
        p.query.removeIf([](const QueryItem &item) { return isQueryAuthKey(item.first); });
        p.query.append({QueryAlgorithm.toByteArray(), Algorithm.toByteArray()});
        p.query.append(
            {QueryCredential.toByteArray(), utf8(credentials.accessKeyId) + '/' + p.scope});
        p.query.append({QueryDate.toByteArray(), p.amzDate});
        p.query.append({QuerySignedHeaders.toByteArray(), p.signedNames.join(';')});
        p.query.append({QueryExpires.toByteArray(), QByteArray::number(expiry)});
        if (signToken)
            p.query.append({QuerySecurityToken.toByteArray(), token});
    }
    return p;
}

SigV4Signature SigV4Signer::sign(
    const SigV4Request &request, const Credentials &credentials, const QDateTime &time) const
{
    SigV4Signature result;
    Prepared p = prepare(request, credentials, time, false);
    if (!p.error.isEmpty()) {
        result.error = p.error;
        return result;
    }
    result.amzDate = p.amzDate;
    result.credentialScope = p.scope;
    result.payloadHash = p.payloadHash;
    result.signedHeaders = p.signedNames.join(';');
    result.canonicalRequest = canonicalRequestOf(request.method.toUpper(), p.canonicalUri,
        canonicalQuery(request.query), p.headers, p.signedNames, p.payloadHash);
    result.stringToSign = stringToSignOf(p.amzDate, p.scope, result.canonicalRequest);
    const QByteArray key
        = signingKey(utf8(credentials.secretAccessKey), p.amzDate.left(8), m_region, m_service);
    result.signature = hmac(key, result.stringToSign).toHex();
    result.authorization = Algorithm.toByteArray() + " Credential=" + utf8(credentials.accessKeyId)
        + '/' + p.scope + ", SignedHeaders=" + result.signedHeaders
        + ", Signature=" + result.signature;
    result.headersToAdd = std::move(p.headersToAdd);
    result.headersToAdd.append({"Authorization", result.authorization});
    return result;
}

SigV4Presigned SigV4Signer::presign(
    const SigV4Request &request, const Credentials &credentials, const QDateTime &time) const
{
    SigV4Presigned result;
    Prepared p = prepare(request, credentials, time, true);
    if (!p.error.isEmpty()) {
        result.error = p.error;
        return result;
    }
    result.amzDate = p.amzDate;
    result.credentialScope = p.scope;
    result.payloadHash = p.payloadHash;
    result.signedHeaders = p.signedNames.join(';');
    result.canonicalRequest = canonicalRequestOf(request.method.toUpper(), p.canonicalUri,
        canonicalQuery(p.query), p.headers, p.signedNames, p.payloadHash);
    result.stringToSign = stringToSignOf(p.amzDate, p.scope, result.canonicalRequest);
    const QByteArray key
        = signingKey(utf8(credentials.secretAccessKey), p.amzDate.left(8), m_region, m_service);
    result.signature = hmac(key, result.stringToSign).toHex();

    const qsizetype ownItems = request.query.size()
        - std::count_if(request.query.begin(), request.query.end(),
            [](const QueryItem &item) { return isQueryAuthKey(item.first); });
    result.queryToAdd = p.query.mid(ownItems);
    if (credentials.isTemporary()
        && m_options.sessionToken == SigV4Options::SessionToken::AddedAfterSigning)
        result.queryToAdd.append(
            {QuerySecurityToken.toByteArray(), utf8(credentials.sessionToken)});
    result.queryToAdd.append({QuerySignature.toByteArray(), result.signature});
    result.query = SigV4Request::encodeQuery(p.query.first(ownItems) + result.queryToAdd);
    return result;
}

// ---------------------------------------------------------------------------------
// Verification

QByteArray SigV4Signer::accessKeyIdOf(const SigV4Request &request)
{
    const QByteArray header = request.headerValue("authorization");
    if (!header.isEmpty()) {
        const auto parsed = SigV4Authorization::parse(header, nullptr);
        return parsed ? parsed->accessKeyId : QByteArray();
    }
    for (const auto &[key, value] : request.query) {
        if (key == QueryCredential)
            return value.left(value.indexOf('/'));
    }
    return {};
}

SigV4Verification SigV4Signer::verify(const SigV4Request &request,
    const QByteArray &secretAccessKey, const SigV4VerifyOptions &options)
{
    using Failure = SigV4Verification::Failure;
    SigV4Verification v;
    auto fail = [&v](Failure failure, QString message) {
        v.failure = failure;
        v.error = std::move(message);
        return v;
    };

    const QByteArray authorizationHeader = request.headerValue("authorization");
    QByteArray amzDateText;
    QList<QueryItem> canonicalItems = request.query;
    qint64 expires = -1;
    if (!authorizationHeader.isEmpty()) {
        QString error;
        const auto parsed = SigV4Authorization::parse(authorizationHeader, &error);
        if (!parsed)
            return fail(Failure::MalformedAuthorization, error);
        v.authorization = *parsed;
        if (!request.hasHeader(AmzDateFormatHeader))
            return fail(Failure::IncompleteSignature, u"the X-Amz-Date header is missing"_s);
        amzDateText = request.headerValue(AmzDateFormatHeader).trimmed();
        if (!v.authorization.signedHeaders.contains(AmzDateFormatHeader))
            return fail(Failure::IncompleteSignature, u"x-amz-date must be a signed header"_s);
    } else {
        QHash<QByteArray, QByteArray> params;
        for (const auto &[key, value] : request.query) {
            if (isQueryAuthKey(key)) {
                if (params.contains(key))
                    return fail(Failure::MalformedAuthorization,
                        u"query parameter %1 is repeated"_s.arg(QString::fromLatin1(key)));
                params.insert(key, value);
            }
        }
        if (!params.contains(QuerySignature.toByteArray())
            && !params.contains(QueryAlgorithm.toByteArray()))
            return fail(Failure::MissingAuthentication,
                u"the request has neither an Authorization header nor an X-Amz-Signature query parameter"_s);
        v.presigned = true;
        for (const QByteArrayView required : {QueryAlgorithm, QueryCredential, QueryDate,
                 QuerySignedHeaders, QueryExpires, QuerySignature}) {
            if (!params.contains(required.toByteArray()))
                return fail(Failure::MalformedAuthorization,
                    u"query parameter %1 is missing"_s.arg(QString::fromLatin1(required)));
        }
        if (params.value(QueryAlgorithm.toByteArray()) != Algorithm)
            return fail(
                Failure::MalformedAuthorization, u"X-Amz-Algorithm must be AWS4-HMAC-SHA256"_s);
        QString error;
        if (!parseCredential(params.value(QueryCredential.toByteArray()), v.authorization, &error)
            || !parseSignedHeaders(
                params.value(QuerySignedHeaders.toByteArray()), v.authorization, &error)
            || !parseSignature(params.value(QuerySignature.toByteArray()), v.authorization, &error))
            return fail(Failure::MalformedAuthorization, error);
        const QByteArray expiresText = params.value(QueryExpires.toByteArray());
        bool ok = isDigits(expiresText) && !expiresText.isEmpty();
        expires = ok ? expiresText.toLongLong(&ok) : -1;
        if (!ok || expires < 1 || expires > MaxPresignSeconds)
            return fail(Failure::MalformedAuthorization,
                u"X-Amz-Expires must be a number of seconds from 1 to 604800"_s);
        amzDateText = params.value(QueryDate.toByteArray());
        canonicalItems.removeIf([](const QueryItem &item) { return item.first == QuerySignature; });
    }

    const SigV4Authorization &auth = v.authorization;
    const QDateTime signedAt = parseAmzDate(amzDateText);
    if (!signedAt.isValid())
        return fail(
            Failure::MalformedAuthorization, u"X-Amz-Date must look like 20150830T123600Z"_s);
    if (!amzDateText.startsWith(auth.date))
        return fail(Failure::ScopeMismatch,
            u"the credential scope date %1 is not the date of X-Amz-Date"_s.arg(
                QString::fromLatin1(auth.date)));
    if (!options.expectedRegion.isEmpty() && auth.region != options.expectedRegion)
        return fail(Failure::ScopeMismatch,
            u"the credential scope names region %1, expected %2"_s.arg(
                QString::fromLatin1(auth.region), QString::fromLatin1(options.expectedRegion)));
    if (!options.expectedService.isEmpty() && auth.service != options.expectedService)
        return fail(Failure::ScopeMismatch,
            u"the credential scope names service %1, expected %2"_s.arg(
                QString::fromLatin1(auth.service), QString::fromLatin1(options.expectedService)));
    if (!auth.signedHeaders.contains("host"))
        return fail(Failure::IncompleteSignature, u"host must be a signed header"_s);
    for (const QByteArray &name : auth.signedHeaders) {
        if (!request.hasHeader(name))
            return fail(Failure::IncompleteSignature,
                u"signed header %1 is not in the request"_s.arg(QString::fromLatin1(name)));
    }
    if (options.now.isValid()) {
        const qint64 skew = options.maxClockSkew.count();
        const qint64 age = signedAt.secsTo(options.now);
        if (age < -skew || (!v.presigned && age > skew))
            return fail(Failure::RequestTimeTooSkewed,
                u"the request time %1 differs from the server time %2 by more than %3 seconds"_s
                    .arg(
                        QString::fromLatin1(amzDateText), options.now.toUTC().toString(Qt::ISODate))
                    .arg(skew));
        if (v.presigned && age > expires)
            return fail(Failure::Expired,
                u"the presigned request expired %1 seconds ago"_s.arg(age - expires));
    }

    const QByteArray bodyHash = sha256Hex(request.body);
    QList<QByteArray> payloadHashes;
    if (request.hasHeader(ContentSha256Header)) {
        const QByteArray claimed = request.headerValue(ContentSha256Header).trimmed();
        if (claimed != UnsignedPayload && claimed != bodyHash)
            return fail(Failure::PayloadHashMismatch,
                u"x-amz-content-sha256 is not the SHA-256 of the body"_s);
        payloadHashes.append(claimed);
    } else {
        payloadHashes.append(bodyHash);
        if (v.presigned) // presigned URLs made for S3-style services sign no payload
            payloadHashes.append(UnsignedPayload.toByteArray());
    }

    HeaderMap headers = mergeHeaders(request.headers, &auth.signedHeaders);
    const QByteArray uri
        = canonicalUri(request.path, options.doubleEncodePath, options.normalizePath);
    const QByteArray query = canonicalQuery(canonicalItems);
    const QByteArray key = signingKey(secretAccessKey, auth.date, auth.region, auth.service);
    for (const QByteArray &payloadHash : std::as_const(payloadHashes)) {
        v.canonicalRequest = canonicalRequestOf(
            request.method.toUpper(), uri, query, headers, auth.signedHeaders, payloadHash);
        v.stringToSign = stringToSignOf(amzDateText, auth.credentialScope(), v.canonicalRequest);
        if (constantTimeEquals(hmac(key, v.stringToSign).toHex(), auth.signature))
            return v;
    }
    return fail(Failure::SignatureMismatch,
        u"the request signature we calculated does not match the signature you provided"_s);
}

} // namespace warroom::aws
