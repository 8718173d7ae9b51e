// Runs every case of the two public SigV4 suites copied into tests/data/sigv4/:
// botocore's aws4_testsuite (header signing) and aws-c-auth's v4 suite (header and
// presigned-query signing). Each case folder must be accounted for: a folder that the
// test does not recognise fails the test, so new vectors cannot be skipped silently.

#include "aws/Credentials.h"
#include "aws/SigV4Signer.h"

#include <QtCore/QDir>
#include <QtCore/QDirIterator>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom::aws;

namespace {

const QByteArray AccessKey = "AKIDEXAMPLE";
const QByteArray Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

QString dataDir()
{
    return QStringLiteral(WARROOM_TEST_DATA_DIR) + u"/sigv4"_s;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// A raw HTTP/1.1 request as the suites write it: the request target is not encoded
// (it may contain spaces and UTF-8), header values may be folded onto indented lines.
struct RawRequest
{
    SigV4Request request;
    QByteArray rawQuery;
    bool ok = false;
};

RawRequest parseRawRequest(const QByteArray &text)
{
    RawRequest raw;
    const QList<QByteArray> lines = text.split('\n');
    if (lines.isEmpty())
        return raw;
    const QByteArray requestLine = lines.first();
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace < 0 || lastSpace <= firstSpace
        || !requestLine.mid(lastSpace + 1).startsWith("HTTP/"))
        return raw;
    raw.request.method = requestLine.left(firstSpace);
    const QByteArray target = requestLine.mid(firstSpace + 1, lastSpace - firstSpace - 1);
    const qsizetype question = target.indexOf('?');
    raw.request.path = question < 0 ? target : target.left(question);
    raw.rawQuery = question < 0 ? QByteArray() : target.mid(question + 1);
    raw.request.query = SigV4Request::parseQuery(raw.rawQuery);

    qsizetype i = 1;
    for (; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.isEmpty())
            break;
        if (line.startsWith(' ') || line.startsWith('\t')) {
            if (raw.request.headers.isEmpty())
                return raw;
            raw.request.headers.last().second += '\n' + line; // a folded value
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return raw;
        raw.request.headers.append({line.left(colon), line.mid(colon + 1)});
    }
    if (i < lines.size())
        raw.request.body = lines.mid(i + 1).join('\n');
    raw.ok = true;
    return raw;
}

// The value of "Name:value" in a signed-request file (first match, name case-insensitive).
QByteArray headerInSignedRequest(const QByteArray &signedRequest, QByteArrayView name)
{
    for (const QByteArray &line : signedRequest.split('\n')) {
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray queryOfRequestLine(const QByteArray &signedRequest)
{
    const QByteArray requestLine = signedRequest.left(signedRequest.indexOf('\n'));
    const qsizetype question = requestLine.indexOf('?');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    return question < 0 ? QByteArray() : requestLine.mid(question + 1, lastSpace - question - 1);
}

QDateTime suiteTime()
{
    return QDateTime(QDate(2015, 8, 30), QTime(12, 36, 0), Qt::UTC);
}

QStringList caseFolders(const QString &suite, const QString &marker)
{
    QStringList result;
    const QDir root(dataDir() + u'/' + suite);
    QDirIterator it(root.path(), QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString dir = it.next();
        const QString name = QFileInfo(dir).fileName();
        const QString markerFile = marker.isEmpty() ? name + u".req"_s : marker;
        if (QFile::exists(dir + u'/' + markerFile))
            result.append(root.relativeFilePath(dir));
    }
    result.sort();
    return result;
}

// Folders of a suite that hold no case (only other case folders and notes).
const QStringList BotocoreGroupingFolders {u"normalize-path"_s, u"post-sts-token"_s};

} // namespace

class TestSigV4Vectors final : public QObject
{
    Q_OBJECT

private slots:
    void suitesArePresent();
    void everyFolderIsACase();
    void botocore_data();
    void botocore();
    void awsCAuthHeader_data();
    void awsCAuthHeader();
    void awsCAuthQuery_data();
    void awsCAuthQuery();
};

void TestSigV4Vectors::suitesArePresent()
{
    for (const QString &suite : {u"botocore-aws4_testsuite"_s, u"aws-c-auth-v4"_s}) {
        QVERIFY2(QFile::exists(dataDir() + u'/' + suite + u"/LICENSE"_s), qPrintable(suite));
        QVERIFY2(QFile::exists(dataDir() + u'/' + suite + u"/NOTICE"_s), qPrintable(suite));
    }
    // Numbers as copied; a changed count means the copy changed and this file must be read again.
    QCOMPARE(caseFolders(u"botocore-aws4_testsuite"_s, {}).size(), 34);
    QCOMPARE(caseFolders(u"aws-c-auth-v4"_s, u"context.json"_s).size(), 38);
}

void TestSigV4Vectors::everyFolderIsACase()
{
    const QStringList botocoreCases = caseFolders(u"botocore-aws4_testsuite"_s, {});
    QDirIterator botocore(dataDir() + u"/botocore-aws4_testsuite"_s,
        QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    const QDir botocoreRoot(dataDir() + u"/botocore-aws4_testsuite"_s);
    while (botocore.hasNext()) {
        const QString relative = botocoreRoot.relativeFilePath(botocore.next());
        QVERIFY2(botocoreCases.contains(relative) || BotocoreGroupingFolders.contains(relative),
            qPrintable(u"unaccounted vector folder botocore-aws4_testsuite/"_s + relative));
    }
    const QStringList cCases = caseFolders(u"aws-c-auth-v4"_s, u"context.json"_s);
    const QDir cRoot(dataDir() + u"/aws-c-auth-v4"_s);
    for (const QString &folder : cRoot.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        QVERIFY2(cCases.contains(folder),
            qPrintable(u"unaccounted vector folder aws-c-auth-v4/"_s + folder));
}

// botocore's suite: fixed credentials, service "service", us-east-1, path
// normalisation on, body hashed. Session tokens follow the suite's readme: the value is
// the X-Amz-Security-Token of the .sreq; it is signed when the .creq lists it
// (get-vanilla-with-session-token, post-sts-header-before) and added after signing
// otherwise (post-sts-header-after).
void TestSigV4Vectors::botocore_data()
{
    QTest::addColumn<QString>("folder");
    for (const QString &folder : caseFolders(u"botocore-aws4_testsuite"_s, {}))
        QTest::newRow(qPrintable(folder)) << folder;
}

void TestSigV4Vectors::botocore()
{
    QFETCH(QString, folder);
    const QString base
        = dataDir() + u"/botocore-aws4_testsuite/"_s + folder + u'/' + QFileInfo(folder).fileName();
    const RawRequest raw = parseRawRequest(readFile(base + u".req"_s));
    QVERIFY2(raw.ok, "unparsable .req");
    const QByteArray expectedCreq = readFile(base + u".creq"_s);
    const QByteArray expectedSts = readFile(base + u".sts"_s);
    const QByteArray expectedAuthz = readFile(base + u".authz"_s).trimmed();
    const QByteArray signedRequest = readFile(base + u".sreq"_s);
    QVERIFY(!expectedCreq.isEmpty() && !expectedSts.isEmpty() && !expectedAuthz.isEmpty());

    Credentials credentials;
    credentials.accessKeyId = QString::fromLatin1(AccessKey);
    credentials.secretAccessKey = QString::fromLatin1(Secret);
    credentials.sessionToken
        = QString::fromLatin1(headerInSignedRequest(signedRequest, "X-Amz-Security-Token"));
    SigV4Options options;
    if (credentials.isTemporary() && !expectedCreq.contains("\nx-amz-security-token:"))
        options.sessionToken = SigV4Options::SessionToken::AddedAfterSigning;

    const SigV4Signer signer("us-east-1", "service", options);
    const SigV4Signature signature = signer.sign(raw.request, credentials, suiteTime());
    QVERIFY2(signature.isValid(), qPrintable(signature.error));
    QCOMPARE(signature.canonicalRequest, expectedCreq);
    QCOMPARE(signature.stringToSign, expectedSts);
    QCOMPARE(signature.authorization, expectedAuthz);
    QCOMPARE(signature.signature, expectedAuthz.mid(expectedAuthz.lastIndexOf('=') + 1));
    if (credentials.isTemporary()) {
        const HttpHeader token {"X-Amz-Security-Token", credentials.sessionToken.toLatin1()};
        QVERIFY(signature.headersToAdd.contains(token));
    }

    // The server side accepts what the client side produced.
    SigV4Request sent = raw.request;
    for (const auto &[name, value] : signature.headersToAdd)
        sent.setHeader(name, value);
    const SigV4Verification verification = SigV4Signer::verify(sent, Secret);
    QVERIFY2(verification.isValid(), qPrintable(verification.error));
}

void TestSigV4Vectors::awsCAuthHeader_data()
{
    QTest::addColumn<QString>("folder");
    for (const QString &folder : caseFolders(u"aws-c-auth-v4"_s, u"context.json"_s))
        QTest::newRow(qPrintable(folder)) << folder;
}

namespace {

struct CContext
{
    Credentials credentials;
    QByteArray region;
    QByteArray service;
    QDateTime time;
    SigV4Options options;
};

CContext readContext(const QString &folder)
{
    const QJsonObject json
        = QJsonDocument::fromJson(readFile(folder + u"/context.json"_s)).object();
    const QJsonObject creds = json.value(u"credentials"_s).toObject();
    CContext context;
    context.credentials.accessKeyId = creds.value(u"access_key_id"_s).toString();
    context.credentials.secretAccessKey = creds.value(u"secret_access_key"_s).toString();
    context.credentials.sessionToken = creds.value(u"token"_s).toString();
    context.region = json.value(u"region"_s).toString().toUtf8();
    context.service = json.value(u"service"_s).toString().toUtf8();
    context.time = QDateTime::fromString(json.value(u"timestamp"_s).toString(), Qt::ISODate);
    context.options.normalizePath = json.value(u"normalize"_s).toBool(true);
    // sign_body: the payload hash is also sent and signed as x-amz-content-sha256.
    context.options.addContentSha256Header = json.value(u"sign_body"_s).toBool(false);
    if (json.value(u"omit_session_token"_s).toBool(false))
        context.options.sessionToken = SigV4Options::SessionToken::AddedAfterSigning;
    context.options.presignExpiry
        = std::chrono::seconds(json.value(u"expiration_in_seconds"_s).toInt(3600));
    return context;
}

} // namespace

void TestSigV4Vectors::awsCAuthHeader()
{
    QFETCH(QString, folder);
    const QString dir = dataDir() + u"/aws-c-auth-v4/"_s + folder;
    const CContext context = readContext(dir);
    QVERIFY(context.time.isValid());
    const RawRequest raw = parseRawRequest(readFile(dir + u"/request.txt"_s));
    QVERIFY2(raw.ok, "unparsable request.txt");

    const SigV4Signer signer(context.region, context.service, context.options);
    const SigV4Signature signature = signer.sign(raw.request, context.credentials, context.time);
    QVERIFY2(signature.isValid(), qPrintable(signature.error));
    QCOMPARE(signature.canonicalRequest, readFile(dir + u"/header-canonical-request.txt"_s));
    QCOMPARE(signature.stringToSign, readFile(dir + u"/header-string-to-sign.txt"_s));
    QCOMPARE(signature.signature, readFile(dir + u"/header-signature.txt"_s).trimmed());
    const QByteArray signedRequest = readFile(dir + u"/header-signed-request.txt"_s);
    QCOMPARE(signature.authorization, headerInSignedRequest(signedRequest, "Authorization"));
    for (const auto &[name, value] : signature.headersToAdd)
        QCOMPARE(value, headerInSignedRequest(signedRequest, name));

    if (context.options.normalizePath) { // verify() always normalises, as non-S3 services do
        SigV4Request sent = raw.request;
        for (const auto &[name, value] : signature.headersToAdd)
            sent.setHeader(name, value);
        const SigV4Verification verification
            = SigV4Signer::verify(sent, context.credentials.secretAccessKey.toUtf8());
        QVERIFY2(verification.isValid(), qPrintable(verification.error));
    }
}

void TestSigV4Vectors::awsCAuthQuery_data()
{
    awsCAuthHeader_data();
}

void TestSigV4Vectors::awsCAuthQuery()
{
    QFETCH(QString, folder);
    const QString dir = dataDir() + u"/aws-c-auth-v4/"_s + folder;
    const CContext context = readContext(dir);
    const RawRequest raw = parseRawRequest(readFile(dir + u"/request.txt"_s));
    QVERIFY2(raw.ok, "unparsable request.txt");

    const SigV4Signer signer(context.region, context.service, context.options);
    const SigV4Presigned presigned = signer.presign(raw.request, context.credentials, context.time);
    QVERIFY2(presigned.isValid(), qPrintable(presigned.error));
    QCOMPARE(presigned.canonicalRequest, readFile(dir + u"/query-canonical-request.txt"_s));
    QCOMPARE(presigned.stringToSign, readFile(dir + u"/query-string-to-sign.txt"_s));
    QCOMPARE(presigned.signature, readFile(dir + u"/query-signature.txt"_s).trimmed());
    // The signed request line: the request's own query as written, then the X-Amz-* items.
    const QByteArray expectedQuery
        = queryOfRequestLine(readFile(dir + u"/query-signed-request.txt"_s));
    const QByteArray added = SigV4Request::encodeQuery(presigned.queryToAdd);
    QCOMPARE(raw.rawQuery.isEmpty() ? added : raw.rawQuery + '&' + added, expectedQuery);

    if (context.options.normalizePath) {
        SigV4Request sent = raw.request;
        sent.query.append(presigned.queryToAdd);
        SigV4VerifyOptions verifyOptions;
        verifyOptions.now = context.time.addSecs(60);
        const SigV4Verification verification = SigV4Signer::verify(
            sent, context.credentials.secretAccessKey.toUtf8(), verifyOptions);
        if (context.options.sessionToken == SigV4Options::SessionToken::AddedAfterSigning)
            QCOMPARE(verification.failure, SigV4Verification::Failure::SignatureMismatch);
        else
            QVERIFY2(verification.isValid(), qPrintable(verification.error));
    }
}

QTEST_GUILESS_MAIN(TestSigV4Vectors)
#include "tst_aws_sigv4_vectors.moc"
