#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>
#include <chrono>
#include <optional>
#include <utility>

class QUrl;

namespace warroom::aws {

struct Credentials;

using HttpHeader = std::pair<QByteArray, QByteArray>;
// A decoded query parameter (raw bytes, UTF-8 for text); encoding happens when signing.
using QueryItem = std::pair<QByteArray, QByteArray>;

// An HTTP request as it goes on the wire (client side) or as it arrived (server side).
struct SigV4Request
{
    QByteArray method = "GET";
    // The path exactly as sent, already percent-encoded where the protocol encodes it
    // (rest-json labels: "/v1/tags/arn%3Aaws%3A..."). Never decoded by the signer.
    QByteArray path = "/";
    QList<QueryItem> query; // in wire order, repeated keys allowed
    QList<HttpHeader> headers; // in wire order, any case, repeated names allowed
    QByteArray body;

    // Path and query taken from the URL as encoded, plus a Host header (with the port
    // when it is not the scheme's default) unless one is given.
    static SigV4Request fromUrl(const QByteArray &method, const QUrl &url,
        QList<HttpHeader> headers = {}, QByteArray body = {});
    // Splits "a=1&b=x%20y&c" into decoded items; '+' stays a plus sign (RFC 3986).
    static QList<QueryItem> parseQuery(QByteArrayView rawQuery);
    // RFC 3986 encoding of the items, in the given order, for a URL.
    static QByteArray encodeQuery(const QList<QueryItem> &items);

    // First value of a header, names compared case-insensitively; empty if absent.
    QByteArray headerValue(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    void removeHeader(QByteArrayView name);
    void setHeader(const QByteArray &name, const QByteArray &value); // replaces all
};

struct SigV4Options
{
    enum class Payload {
        HashBody, // SHA-256 of the body (the default for every non-S3 service)
        Unsigned, // "UNSIGNED-PAYLOAD"
        Precomputed, // precomputedPayloadHash, e.g. a streamed upload's hash
    };
    enum class SessionToken {
        Signed, // X-Amz-Security-Token is part of the canonical request (the default)
        AddedAfterSigning, // added to the request but not signed (a few old services)
    };

    bool doubleEncodePath = true; // encode the wire path again; off only for S3
    bool normalizePath = true; // collapse "//", "/./", "/../"; off only for S3
    Payload payload = Payload::HashBody;
    QByteArray precomputedPayloadHash; // lower-case hex, with Payload::Precomputed
    bool addContentSha256Header = false; // sign and send x-amz-content-sha256
    SessionToken sessionToken = SessionToken::Signed;
    // Lower-case names to sign. Unset: every header except unsignedHeaders(). Host,
    // X-Amz-Date and the headers the signer adds are always signed.
    std::optional<QList<QByteArray>> headersToSign;
    std::chrono::seconds presignExpiry {3600}; // X-Amz-Expires, 1 s to 7 days

    // Headers never signed by default: proxies and clients rewrite them.
    static const QList<QByteArray> &unsignedHeaders();
};

// The result of header signing. Intermediate strings are kept for tests and logs
// (none of them contains the secret).
struct SigV4Signature
{
    QString error; // empty on success
    QByteArray amzDate; // 20150830T123600Z
    QByteArray credentialScope; // 20150830/us-east-1/service/aws4_request
    QByteArray payloadHash;
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signedHeaders; // host;x-amz-date
    QByteArray signature; // lower-case hex
    QByteArray authorization; // value of the Authorization header
    // Headers to set on the request, in order: X-Amz-Date, X-Amz-Security-Token,
    // x-amz-content-sha256 (when present), Authorization.
    QList<HttpHeader> headersToAdd;

    bool isValid() const { return error.isEmpty(); }
};

// The result of query (presigned URL) signing.
struct SigV4Presigned
{
    QString error;
    QByteArray amzDate;
    QByteArray credentialScope;
    QByteArray payloadHash;
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signedHeaders;
    QByteArray signature;
    // X-Amz-Algorithm, -Credential, -Date, -SignedHeaders, -Expires,
    // [-Security-Token], -Signature: decoded, in the order the AWS SDKs append them.
    QList<QueryItem> queryToAdd;
    QByteArray query; // the request's own items then queryToAdd, encoded for the URL

    bool isValid() const { return error.isEmpty(); }
};

// The parts of "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request,
// SignedHeaders=host;x-amz-date, Signature=<64 hex>".
struct SigV4Authorization
{
    QByteArray accessKeyId;
    QByteArray date; // yyyyMMdd
    QByteArray region;
    QByteArray service;
    QList<QByteArray> signedHeaders;
    QByteArray signature;

    QByteArray credentialScope() const;
    // Nullopt with a message naming the part that is wrong.
    static std::optional<SigV4Authorization> parse(QByteArrayView header, QString *error);
};

struct SigV4VerifyOptions
{
    QByteArray expectedRegion; // empty: any region is accepted
    QByteArray expectedService; // empty: any service
    QDateTime now; // invalid: no clock check
    std::chrono::seconds maxClockSkew {15 * 60};
    bool doubleEncodePath = true;
    bool normalizePath = true;
};

struct SigV4Verification
{
    enum class Failure {
        None,
        MissingAuthentication, // no Authorization header, no X-Amz-Signature query
        MalformedAuthorization, // unparsable header or query parameters
        IncompleteSignature, // a required header is not signed or not sent
        ScopeMismatch, // wrong date, region or service in the credential scope
        RequestTimeTooSkewed, // X-Amz-Date too far from now
        Expired, // presigned URL past X-Amz-Expires
        PayloadHashMismatch, // x-amz-content-sha256 is not the body's hash
        SignatureMismatch,
    };

    Failure failure = Failure::None;
    QString error; // for the error response; never contains the secret
    SigV4Authorization authorization; // filled as soon as it parsed
    bool presigned = false;
    QByteArray canonicalRequest; // what the verifier computed, for debugging
    QByteArray stringToSign;

    bool isValid() const { return failure == Failure::None; }
};

// AWS Signature Version 4 (AWS4-HMAC-SHA256) for one region and service.
class SigV4Signer final
{
public:
    static constexpr QByteArrayView Algorithm = "AWS4-HMAC-SHA256";
    static constexpr QByteArrayView UnsignedPayload = "UNSIGNED-PAYLOAD";

    SigV4Signer(QByteArray region, QByteArray service, SigV4Options options = {});

    const QByteArray &region() const { return m_region; }
    const QByteArray &service() const { return m_service; }
    const SigV4Options &options() const { return m_options; }

    // Signs with an Authorization header. The request's own X-Amz-Date,
    // X-Amz-Security-Token and Authorization headers are ignored (replaced).
    SigV4Signature sign(
        const SigV4Request &request, const Credentials &credentials, const QDateTime &time) const;
    // Signs with query parameters (a presigned URL valid for options().presignExpiry).
    SigV4Presigned presign(
        const SigV4Request &request, const Credentials &credentials, const QDateTime &time) const;

    // Server side: recomputes the signature of an incoming request (Authorization
    // header or presigned query) with the secret of its access key and compares in
    // constant time. Read the access key first with SigV4Authorization::parse or
    // accessKeyIdOf() to look up the secret.
    static SigV4Verification verify(const SigV4Request &request, const QByteArray &secretAccessKey,
        const SigV4VerifyOptions &options = {});
    // The access key id an incoming request claims (header or query); empty if none.
    static QByteArray accessKeyIdOf(const SigV4Request &request);

    // Building blocks, public so that tests can check each step.
    static QByteArray canonicalUri(QByteArrayView wirePath, bool doubleEncode, bool normalize);
    static QByteArray normalizePath(QByteArrayView path);
    static QByteArray canonicalQuery(const QList<QueryItem> &items);
    static QByteArray canonicalHeaderValue(QByteArrayView value);
    static QByteArray uriEncode(QByteArrayView bytes, bool keepSlash);
    static QByteArray sha256Hex(const QByteArray &data);
    static QByteArray signingKey(const QByteArray &secretAccessKey, const QByteArray &date,
        const QByteArray &region, const QByteArray &service);
    static QByteArray amzDate(const QDateTime &time);
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

private:
    struct Prepared;
    Prepared prepare(const SigV4Request &request, const Credentials &credentials,
        const QDateTime &time, bool presign) const;

    QByteArray m_region;
    QByteArray m_service;
    SigV4Options m_options;
};

} // namespace warroom::aws
