// SigV4 beyond the public suites: the security-ir double-encoding vector recorded from
// botocore, the building blocks, presigning, and the server-side verify().

#include "aws/Credentials.h"
#include "aws/SigV4Signer.h"

#include <QtCore/QUrl>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom::aws;
using Failure = SigV4Verification::Failure;

namespace {

const QByteArray Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const QByteArray TagsPath
    = "/v1/tags/arn%3Aaws%3Asecurity-ir%3Aus-east-1%3A123456789012%3Acase%2F1234567890";

Credentials exampleCredentials(const QString &token = {})
{
    Credentials credentials;
    credentials.accessKeyId = u"AKIDEXAMPLE"_s;
    credentials.secretAccessKey = QString::fromLatin1(Secret);
    credentials.sessionToken = token;
    return credentials;
}

QDateTime recordedTime()
{
    return QDateTime(QDate(2026, 11, 22), QTime(1, 29, 41), Qt::UTC);
}

SigV4Request tagsRequest()
{
    SigV4Request request;
    request.method = "GET";
    request.path = TagsPath;
    request.headers = {{"Host", "127.0.0.1:18765"}};
    return request;
}

SigV4Request applied(SigV4Request request, const SigV4Signature &signature)
{
    for (const auto &[name, value] : signature.headersToAdd)
        request.setHeader(name, value);
    return request;
}

} // namespace

class TestSigV4 final : public QObject
{
    Q_OBJECT

private slots:
    void securityIrVectorIsDoubleEncoded();
    void securityIrVectorFromUrl();
    void singleEncodingGivesTheWrongSignature();
    void canonicalUri_data();
    void canonicalUri();
    void canonicalQuery_data();
    void canonicalQuery();
    void canonicalHeaderValue_data();
    void canonicalHeaderValue();
    void parseQueryKeepsPlusSigns();
    void signedHeaderSelection();
    void sessionTokenIsSignedByDefault();
    void contentSha256HeaderAndUnsignedPayload();
    void signErrors();
    void parseAuthorization_data();
    void parseAuthorization();
    void verifyAcceptsWhatSignProduces();
    void verifyRejectsTampering_data();
    void verifyRejectsTampering();
    void verifyChecksTheClock();
    void verifyScope();
    void verifyPresigned();
    void accessKeyIdOf();
    void constantTimeEquals();
};

void TestSigV4::securityIrVectorIsDoubleEncoded()
{
    const SigV4Signer signer("us-east-1", "security-ir");
    const SigV4Signature signature
        = signer.sign(tagsRequest(), exampleCredentials(), recordedTime());
    QVERIFY2(signature.isValid(), qPrintable(signature.error));
    QCOMPARE(signature.amzDate, "20261122T012941Z");
    QCOMPARE(signature.canonicalRequest.split('\n').value(1),
        "/v1/tags/"
        "arn%253Aaws%253Asecurity-ir%253Aus-east-1%253A123456789012%253Acase%252F1234567890");
    QCOMPARE(signature.signedHeaders, "host;x-amz-date");
    QCOMPARE(
        signature.signature, "d2622ec455f95545cde413726f7a0a71a3b99bc82b18a5ead2b7b4cfbb651b31");
    QCOMPARE(signature.authorization,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/security-ir/aws4_request, "
        "SignedHeaders=host;x-amz-date, "
        "Signature=d2622ec455f95545cde413726f7a0a71a3b99bc82b18a5ead2b7b4cfbb651b31");
    const QList<HttpHeader> expectedHeaders {
        {"X-Amz-Date", "20261122T012941Z"}, {"Authorization", signature.authorization}};
    QCOMPARE(signature.headersToAdd, expectedHeaders);
}

void TestSigV4::securityIrVectorFromUrl()
{
    // QUrl must keep the label's escapes as they are (no decoding of %3A or %2F).
    const QUrl url(u"http://127.0.0.1:18765"_s + QString::fromLatin1(TagsPath));
    const SigV4Request request = SigV4Request::fromUrl("GET", url);
    QCOMPARE(request.path, TagsPath);
    QCOMPARE(request.headerValue("host"), "127.0.0.1:18765");
    const SigV4Signer signer("us-east-1", "security-ir");
    QCOMPARE(signer.sign(request, exampleCredentials(), recordedTime()).signature,
        "d2622ec455f95545cde413726f7a0a71a3b99bc82b18a5ead2b7b4cfbb651b31");

    // Default ports are left out of Host; others are kept.
    QCOMPARE(SigV4Request::fromUrl("GET", QUrl(u"https://security-ir.us-east-1.api.aws/v1/x"_s))
                 .headerValue("Host"),
        "security-ir.us-east-1.api.aws");
    QCOMPARE(SigV4Request::fromUrl("GET", QUrl(u"https://h.example:8443/"_s)).headerValue("Host"),
        "h.example:8443");
    QCOMPARE(SigV4Request::fromUrl("GET", QUrl(u"http://[::1]:18765/"_s)).headerValue("Host"),
        "[::1]:18765");
}

void TestSigV4::singleEncodingGivesTheWrongSignature()
{
    SigV4Options s3Like;
    s3Like.doubleEncodePath = false;
    const SigV4Signer signer("us-east-1", "security-ir", s3Like);
    const SigV4Signature signature
        = signer.sign(tagsRequest(), exampleCredentials(), recordedTime());
    QVERIFY(signature.signature.startsWith("621ae368"));
}

void TestSigV4::canonicalUri_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("doubleEncode");
    QTest::addColumn<bool>("normalize");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("root") << QByteArray("/") << true << true << QByteArray("/");
    QTest::newRow("empty") << QByteArray() << true << true << QByteArray("/");
    QTest::newRow("label escapes encoded again")
        << QByteArray("/a%3Ab%2Fc") << true << true << QByteArray("/a%253Ab%252Fc");
    QTest::newRow("encoded slash is not a separator")
        << QByteArray("/x/%2F../y") << true << true << QByteArray("/x/%252F../y");
    QTest::newRow("dots and slashes")
        << QByteArray("//a/./b/../c//") << true << true << QByteArray("/a/c/");
    QTest::newRow("above root") << QByteArray("/../..") << true << true << QByteArray("/");
    QTest::newRow("unnormalised") << QByteArray("//a/./b") << true << false
                                  << QByteArray("//a/./b");
    QTest::newRow("single: escapes kept, raw encoded")
        << QByteArray("/a%3Ab c") << false << false << QByteArray("/a%3Ab%20c");
    QTest::newRow("single: lone percent")
        << QByteArray("/100%") << false << false << QByteArray("/100%25");
    QTest::newRow("reserved characters")
        << QByteArray("/$&+,;=@") << true << true << QByteArray("/%24%26%2B%2C%3B%3D%40");
}

void TestSigV4::canonicalUri()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, doubleEncode);
    QFETCH(bool, normalize);
    QFETCH(QByteArray, expected);
    QCOMPARE(SigV4Signer::canonicalUri(path, doubleEncode, normalize), expected);
}

void TestSigV4::canonicalQuery_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("none") << QByteArray() << QByteArray();
    QTest::newRow("sorted by key then value")
        << QByteArray("b=2&a=2&a=1&A=3") << QByteArray("A=3&a=1&a=2&b=2");
    QTest::newRow("list parameters repeat the key")
        << QByteArray("tagKeys=b%20c&tagKeys=a") << QByteArray("tagKeys=a&tagKeys=b%20c");
    QTest::newRow("empty values") << QByteArray("b&a=") << QByteArray("a=&b=");
    QTest::newRow("RFC 3986") << QByteArray("k=%2B%2F%3D%7E*") << QByteArray("k=%2B%2F%3D~%2A");
    QTest::newRow("sorted after encoding")
        << QByteArray("%C3%A9=1&z=2") << QByteArray("%C3%A9=1&z=2");
    QTest::newRow("ISO-8601 values") << QByteArray("startDate=2000-01-01T00:00:00Z")
                                     << QByteArray("startDate=2000-01-01T00%3A00%3A00Z");
}

void TestSigV4::canonicalQuery()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QCOMPARE(SigV4Signer::canonicalQuery(SigV4Request::parseQuery(raw)), expected);
}

void TestSigV4::canonicalHeaderValue_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("trim") << QByteArray("  v  ") << QByteArray("v");
    QTest::newRow("inner runs") << QByteArray("\"a   b\t\tc\"") << QByteArray("\"a b c\"");
    QTest::newRow("folded lines") << QByteArray("value1\r\n  value2\n     value3")
                                  << QByteArray("value1 value2 value3");
    QTest::newRow("empty") << QByteArray("   ") << QByteArray();
}

void TestSigV4::canonicalHeaderValue()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(SigV4Signer::canonicalHeaderValue(value), expected);
}

void TestSigV4::parseQueryKeepsPlusSigns()
{
    const QList<QueryItem> items = SigV4Request::parseQuery("a=1+2&&b&c=%41=");
    const QList<QueryItem> expected {{"a", "1+2"}, {"b", ""}, {"c", "A="}};
    QCOMPARE(items, expected);
    QCOMPARE(SigV4Request::encodeQuery(items), "a=1%2B2&b=&c=A%3D");
}

void TestSigV4::signedHeaderSelection()
{
    SigV4Request request = tagsRequest();
    request.method = "POST";
    request.body = R"({"tags":{}})";
    request.headers.append(HttpHeader {"Content-Type", "application/json"});
    request.headers.append(HttpHeader {"User-Agent", "warroom/0.1"});
    request.headers.append(HttpHeader {"X-Amzn-Trace-Id", "Root=1"});
    request.headers.append(HttpHeader {"X-Amz-Date", "19990101T000000Z"}); // replaced by the signer
    request.headers.append(HttpHeader {"Authorization", "stale"}); // ignored

    const SigV4Signer signer("us-east-1", "security-ir");
    SigV4Signature signature = signer.sign(request, exampleCredentials(), recordedTime());
    QCOMPARE(signature.signedHeaders, "content-type;host;x-amz-date");
    QVERIFY(signature.canonicalRequest.contains("\nx-amz-date:20261122T012941Z\n"));
    QVERIFY(signature.canonicalRequest.endsWith(SigV4Signer::sha256Hex(request.body)));

    SigV4Options onlyHost;
    onlyHost.headersToSign = QList<QByteArray> {"host"};
    signature = SigV4Signer("us-east-1", "security-ir", onlyHost)
                    .sign(request, exampleCredentials(), recordedTime());
    QCOMPARE(signature.signedHeaders, "host;x-amz-date"); // x-amz-date is always signed
}

void TestSigV4::sessionTokenIsSignedByDefault()
{
    const SigV4Signer signer("us-east-1", "security-ir");
    const SigV4Signature signature
        = signer.sign(tagsRequest(), exampleCredentials(u"TOKEN/with+chars="_s), recordedTime());
    QCOMPARE(signature.signedHeaders, "host;x-amz-date;x-amz-security-token");
    QVERIFY(
        signature.headersToAdd.contains(HttpHeader {"X-Amz-Security-Token", "TOKEN/with+chars="}));
    QVERIFY(SigV4Signer::verify(applied(tagsRequest(), signature), Secret).isValid());

    const SigV4Presigned presigned
        = signer.presign(tagsRequest(), exampleCredentials(u"TOKEN/with+chars="_s), recordedTime());
    QVERIFY(presigned.query.contains("&X-Amz-Security-Token=TOKEN%2Fwith%2Bchars%3D&"));
}

void TestSigV4::contentSha256HeaderAndUnsignedPayload()
{
    SigV4Options options;
    options.addContentSha256Header = true;
    options.payload = SigV4Options::Payload::Unsigned;
    SigV4Request request = tagsRequest();
    request.body = "ignored";
    const SigV4Signature signature = SigV4Signer("us-east-1", "s3", options)
                                         .sign(request, exampleCredentials(), recordedTime());
    QCOMPARE(signature.signedHeaders, "host;x-amz-content-sha256;x-amz-date");
    QVERIFY(signature.canonicalRequest.endsWith("\nUNSIGNED-PAYLOAD"));
    QVERIFY(
        signature.headersToAdd.contains(HttpHeader {"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}));
    QVERIFY(SigV4Signer::verify(applied(request, signature), Secret).isValid());

    options.payload = SigV4Options::Payload::Precomputed;
    options.precomputedPayloadHash = SigV4Signer::sha256Hex("streamed");
    const SigV4Signature precomputed = SigV4Signer("us-east-1", "s3", options)
                                           .sign(request, exampleCredentials(), recordedTime());
    QVERIFY(precomputed.canonicalRequest.endsWith(options.precomputedPayloadHash));
}

void TestSigV4::signErrors()
{
    const SigV4Signer signer("us-east-1", "security-ir");
    SigV4Request noHost = tagsRequest();
    noHost.headers.clear();
    QVERIFY(signer.sign(noHost, exampleCredentials(), recordedTime()).error.contains(u"Host"_s));
    QVERIFY(!signer.sign(tagsRequest(), Credentials(), recordedTime()).isValid());
    QVERIFY(!signer.sign(tagsRequest(), exampleCredentials(), QDateTime()).isValid());
    QVERIFY(!SigV4Signer("", "security-ir")
                 .sign(tagsRequest(), exampleCredentials(), recordedTime())
                 .isValid());

    SigV4Options badHash;
    badHash.payload = SigV4Options::Payload::Precomputed;
    badHash.precomputedPayloadHash = "XYZ";
    QVERIFY(!SigV4Signer("us-east-1", "s3", badHash)
                 .sign(tagsRequest(), exampleCredentials(), recordedTime())
                 .isValid());

    SigV4Options tooLong;
    tooLong.presignExpiry = std::chrono::seconds(8 * 24 * 3600);
    QVERIFY(!SigV4Signer("us-east-1", "s3", tooLong)
                 .presign(tagsRequest(), exampleCredentials(), recordedTime())
                 .isValid());
}

void TestSigV4::parseAuthorization_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("error"); // empty: parses
    const QByteArray sig = "Signature=" + QByteArray(64, 'a');
    QTest::newRow("valid") << "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/svc/aws4_request, "
                              "SignedHeaders=host;x-amz-date, "
            + sig << QString();
    QTest::newRow("no spaces after commas")
        << "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/svc/aws4_request,SignedHeaders=host,"
            + sig
        << QString();
    QTest::newRow("other scheme") << QByteArray("Basic dXNlcjpwdw==")
                                  << u"must start with AWS4-HMAC-SHA256"_s;
    QTest::newRow("SigV4a")
        << "AWS4-ECDSA-P256-SHA256 Credential=AK/20150830/svc/aws4_request, SignedHeaders=host, "
            + sig
        << u"must start with AWS4-HMAC-SHA256"_s;
    QTest::newRow("short scope")
        << "AWS4-HMAC-SHA256 Credential=AK/20150830/svc/aws4_request, SignedHeaders=host, " + sig
        << u"Credential must be"_s;
    QTest::newRow("bad date")
        << "AWS4-HMAC-SHA256 Credential=AK/2015-8-30/r/svc/aws4_request, SignedHeaders=host, " + sig
        << u"date must be 8 digits"_s;
    QTest::newRow("upper-case signed header")
        << "AWS4-HMAC-SHA256 Credential=AK/20150830/r/svc/aws4_request, SignedHeaders=Host, " + sig
        << u"SignedHeaders must be lower-case"_s;
    QTest::newRow("short signature") << QByteArray(
        "AWS4-HMAC-SHA256 Credential=AK/20150830/r/svc/aws4_request, SignedHeaders=host, "
        "Signature=abc") << u"64 lower-case hex"_s;
    QTest::newRow("missing signature") << QByteArray(
        "AWS4-HMAC-SHA256 Credential=AK/20150830/r/svc/aws4_request, SignedHeaders=host")
                                       << u"missing Signature="_s;
    QTest::newRow("unknown part")
        << "AWS4-HMAC-SHA256 Credential=AK/20150830/r/svc/aws4_request, SignedHeaders=host, Foo=1, "
            + sig
        << u"unknown component Foo"_s;
    QTest::newRow("repeated part")
        << "AWS4-HMAC-SHA256 Credential=AK/20150830/r/svc/aws4_request, SignedHeaders=host, " + sig
            + ", " + sig
        << u"repeats Signature"_s;
}

void TestSigV4::parseAuthorization()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, error);
    QString actualError;
    const std::optional<SigV4Authorization> parsed
        = SigV4Authorization::parse(header, &actualError);
    if (error.isEmpty()) {
        QVERIFY2(parsed, qPrintable(actualError));
        QCOMPARE(parsed->accessKeyId, "AK");
        QCOMPARE(parsed->credentialScope(), "20150830/us-east-1/svc/aws4_request");
        QCOMPARE(parsed->signedHeaders.first(), "host");
    } else {
        QVERIFY(!parsed);
        QVERIFY2(actualError.contains(error), qPrintable(actualError));
    }
}

void TestSigV4::verifyAcceptsWhatSignProduces()
{
    SigV4Request request = tagsRequest();
    request.method = "POST";
    request.query = {{"tagKeys", "a"}, {"tagKeys", "b c"}};
    request.body = R"({"tags":{"k":"v"}})";
    request.headers.append(HttpHeader {"Content-Type", "application/json"});
    const SigV4Signer signer("us-east-1", "security-ir");
    const SigV4Signature signature = signer.sign(request, exampleCredentials(), recordedTime());
    SigV4Request sent = applied(request, signature);
    sent.headers.append(
        HttpHeader {"User-Agent", "added by a proxy"}); // unsigned headers may change

    SigV4VerifyOptions options;
    options.expectedRegion = "us-east-1";
    options.expectedService = "security-ir";
    options.now = recordedTime().addSecs(30);
    const SigV4Verification verification = SigV4Signer::verify(sent, Secret, options);
    QVERIFY2(verification.isValid(), qPrintable(verification.error));
    QCOMPARE(verification.canonicalRequest, signature.canonicalRequest);
    QCOMPARE(verification.authorization.accessKeyId, "AKIDEXAMPLE");
    QVERIFY(!verification.presigned);
}

void TestSigV4::verifyRejectsTampering_data()
{
    QTest::addColumn<int>("change");
    QTest::addColumn<int>("failure");
    QTest::addColumn<QString>("error");
    QTest::newRow("body") << 0 << int(Failure::SignatureMismatch) << u"does not match"_s;
    QTest::newRow("path") << 1 << int(Failure::SignatureMismatch) << u"does not match"_s;
    QTest::newRow("query") << 2 << int(Failure::SignatureMismatch) << u"does not match"_s;
    QTest::newRow("signed header value")
        << 3 << int(Failure::SignatureMismatch) << u"does not match"_s;
    QTest::newRow("signed header dropped")
        << 4 << int(Failure::IncompleteSignature) << u"content-type"_s;
    QTest::newRow("wrong secret") << 5 << int(Failure::SignatureMismatch) << u"does not match"_s;
    QTest::newRow("no authorization") << 6 << int(Failure::MissingAuthentication) << u"neither"_s;
    QTest::newRow("no x-amz-date") << 7 << int(Failure::IncompleteSignature) << u"X-Amz-Date"_s;
    QTest::newRow("method") << 8 << int(Failure::SignatureMismatch) << u"does not match"_s;
    QTest::newRow("content hash lies")
        << 9 << int(Failure::PayloadHashMismatch) << u"x-amz-content-sha256"_s;
}

void TestSigV4::verifyRejectsTampering()
{
    QFETCH(int, change);
    QFETCH(int, failure);
    QFETCH(QString, error);
    SigV4Request request = tagsRequest();
    request.method = "POST";
    request.body = R"({"a":1})";
    request.query = {{"k", "v"}};
    request.headers.append(HttpHeader {"Content-Type", "application/json"});
    const SigV4Signature signature = SigV4Signer("us-east-1", "security-ir")
                                         .sign(request, exampleCredentials(), recordedTime());
    SigV4Request sent = applied(request, signature);
    QByteArray secret = Secret;
    switch (change) {
    case 0:
        sent.body = R"({"a":2})";
        break;
    case 1:
        sent.path = "/v1/tags/other";
        break;
    case 2:
        sent.query.append(QueryItem {"k", "w"});
        break;
    case 3:
        sent.setHeader("Content-Type", "text/plain");
        break;
    case 4:
        sent.removeHeader("content-type");
        break;
    case 5:
        secret = "not-the-secret";
        break;
    case 6:
        sent.removeHeader("authorization");
        break;
    case 7:
        sent.removeHeader("x-amz-date");
        break;
    case 8:
        sent.method = "PUT";
        break;
    case 9:
        sent.setHeader("x-amz-content-sha256", SigV4Signer::sha256Hex("other"));
        break;
    }
    const SigV4Verification verification = SigV4Signer::verify(sent, secret);
    QCOMPARE(int(verification.failure), failure);
    QVERIFY2(verification.error.contains(error), qPrintable(verification.error));
    QVERIFY(!verification.error.contains(QString::fromLatin1(Secret)));
}

void TestSigV4::verifyChecksTheClock()
{
    const SigV4Signature signature = SigV4Signer("us-east-1", "security-ir")
                                         .sign(tagsRequest(), exampleCredentials(), recordedTime());
    const SigV4Request sent = applied(tagsRequest(), signature);
    SigV4VerifyOptions options;
    options.now = recordedTime().addSecs(14 * 60);
    QVERIFY(SigV4Signer::verify(sent, Secret, options).isValid());
    options.now = recordedTime().addSecs(16 * 60);
    QCOMPARE(SigV4Signer::verify(sent, Secret, options).failure, Failure::RequestTimeTooSkewed);
    options.now = recordedTime().addSecs(-16 * 60);
    QCOMPARE(SigV4Signer::verify(sent, Secret, options).failure, Failure::RequestTimeTooSkewed);
}

void TestSigV4::verifyScope()
{
    const SigV4Signature signature = SigV4Signer("eu-west-1", "security-ir")
                                         .sign(tagsRequest(), exampleCredentials(), recordedTime());
    const SigV4Request sent = applied(tagsRequest(), signature);
    SigV4VerifyOptions options;
    options.expectedRegion = "us-east-1";
    SigV4Verification verification = SigV4Signer::verify(sent, Secret, options);
    QCOMPARE(verification.failure, Failure::ScopeMismatch);
    QVERIFY(verification.error.contains(u"eu-west-1"_s));
    options.expectedRegion.clear();
    options.expectedService = "sts";
    QCOMPARE(SigV4Signer::verify(sent, Secret, options).failure, Failure::ScopeMismatch);

    SigV4Request otherDay = sent;
    otherDay.setHeader("X-Amz-Date", "20261123T012941Z");
    QCOMPARE(SigV4Signer::verify(otherDay, Secret).failure, Failure::ScopeMismatch);
}

void TestSigV4::verifyPresigned()
{
    SigV4Options options;
    options.presignExpiry = std::chrono::seconds(300);
    const SigV4Signer signer("us-east-1", "security-ir", options);
    SigV4Request request = tagsRequest();
    request.query = {{"attachment", "report v1.pdf"}};
    const SigV4Presigned presigned = signer.presign(request, exampleCredentials(), recordedTime());
    QVERIFY2(presigned.isValid(), qPrintable(presigned.error));
    QVERIFY(
        presigned.query.startsWith("attachment=report%20v1.pdf&X-Amz-Algorithm=AWS4-HMAC-SHA256&"));
    QVERIFY(presigned.query.endsWith(QByteArray("&X-Amz-Signature=" + presigned.signature)));

    SigV4Request sent = request;
    sent.query = SigV4Request::parseQuery(presigned.query);
    SigV4VerifyOptions verifyOptions;
    verifyOptions.now = recordedTime().addSecs(299);
    SigV4Verification verification = SigV4Signer::verify(sent, Secret, verifyOptions);
    QVERIFY2(verification.isValid(), qPrintable(verification.error));
    QVERIFY(verification.presigned);

    verifyOptions.now = recordedTime().addSecs(301);
    QCOMPARE(SigV4Signer::verify(sent, Secret, verifyOptions).failure, Failure::Expired);

    SigV4Request tampered = sent;
    tampered.query.first().second = "report v2.pdf";
    verifyOptions.now = recordedTime();
    QCOMPARE(
        SigV4Signer::verify(tampered, Secret, verifyOptions).failure, Failure::SignatureMismatch);

    SigV4Request broken = sent;
    broken.query.removeIf([](const QueryItem &item) { return item.first == "X-Amz-Expires"; });
    QCOMPARE(SigV4Signer::verify(broken, Secret).failure, Failure::MalformedAuthorization);
}

void TestSigV4::accessKeyIdOf()
{
    const SigV4Signer signer("us-east-1", "security-ir");
    const SigV4Signature signature
        = signer.sign(tagsRequest(), exampleCredentials(), recordedTime());
    QCOMPARE(SigV4Signer::accessKeyIdOf(applied(tagsRequest(), signature)), "AKIDEXAMPLE");
    SigV4Request presigned = tagsRequest();
    presigned.query = SigV4Request::parseQuery(
        signer.presign(tagsRequest(), exampleCredentials(), recordedTime()).query);
    QCOMPARE(SigV4Signer::accessKeyIdOf(presigned), "AKIDEXAMPLE");
    QCOMPARE(SigV4Signer::accessKeyIdOf(tagsRequest()), QByteArray());
}

void TestSigV4::constantTimeEquals()
{
    QVERIFY(SigV4Signer::constantTimeEquals("abc", "abc"));
    QVERIFY(!SigV4Signer::constantTimeEquals("abc", "abd"));
    QVERIFY(!SigV4Signer::constantTimeEquals("abc", "abcd"));
    QVERIFY(SigV4Signer::constantTimeEquals("", ""));
}

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_aws_sigv4.moc"
