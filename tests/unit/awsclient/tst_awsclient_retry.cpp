// The AWS HTTP client against a scripted loopback server: retries (429 + Retry-After,
// 5xx, dropped connections, stalls past the transfer timeout), the retry budget,
// error parsing, and SigV4 on every attempt.

#include "AwsTestSupport.h"
#include "ScriptedHttpServer.h"
#include "aws/AwsError.h"
#include "aws/AwsHttpClient.h"
#include "aws/RetryPolicy.h"
#include "aws/SecurityIrClient.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom::aws;
using namespace warroom;
using warroom::test::ScriptedHttpServer;
using warroom::test::ScriptedResponse;

namespace {

RetryPolicy::Settings fastSettings()
{
    RetryPolicy::Settings settings;
    settings.maxAttempts = 4;
    settings.baseDelay = std::chrono::milliseconds(20);
    settings.maxDelay = std::chrono::milliseconds(200);
    return settings;
}

ScriptedResponse caseBody()
{
    return ScriptedResponse::json(200,
        {{"title"_L1, u"Phishing"_s}, {"caseStatus"_L1, u"Submitted"_s},
            {"createdDate"_L1, 1700000000}});
}

struct Fixture
{
    ScriptedHttpServer server;
    AwsHttpClient http;
    std::unique_ptr<SecurityIrClient> client;
    int clockTicks = 0;
    bool listening = false;

    explicit Fixture(RetryPolicy::Settings settings = fastSettings())
    {
        listening = server.listen();
        http.setCredentials(warroom::test::testCredentials());
        http.retryPolicy().setSettings(settings);
        http.retryPolicy().setRandomSource([] { return 0.5; });
        // A fresh, later time for every signature.
        http.setClock([this] {
            return QDateTime(QDate(2026, 11, 22), QTime(1, 29, 41), Qt::UTC)
                .addSecs(5 * clockTicks++);
        });
        AwsClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpointUrl = server.url();
        client = std::make_unique<SecurityIrClient>(&http, config);
    }

    std::optional<AwsOutcome<domain::Case>> getCase(const QString &caseId = u"1234567890"_s)
    {
        std::optional<AwsOutcome<domain::Case>> result;
        AwsReply *reply = client->getCase(
            caseId, [&](const AwsOutcome<domain::Case> &outcome) { result = outcome; });
        lastReplyAttempts = 0;
        QObject::connect(reply, &AwsReply::finished, reply, [this, reply] {
            lastReplyAttempts = reply->attempts();
            lastDelays = reply->retryDelays();
        });
        warroom::test::spinUntil([&] { return result.has_value(); }, 30000);
        return result;
    }

    int lastReplyAttempts = 0;
    QList<std::chrono::milliseconds> lastDelays;
};

} // namespace

class TestAwsClientRetry final : public QObject
{
    Q_OBJECT

private slots:
    void retryAfterIsHonoured()
    {
        Fixture f;
        f.server.enqueue(ScriptedResponse::json(429,
            {{"__type"_L1, u"ThrottlingException"_s}, {"message"_L1, u"Rate exceeded"_s}},
            {{"Retry-After", "1"}, {"X-Amzn-ErrorType", "ThrottlingException"}}));
        f.server.enqueue(caseBody());
        QElapsedTimer timer;
        timer.start();
        const auto outcome = f.getCase();
        QVERIFY(outcome);
        QVERIFY2(outcome->ok(), qPrintable(outcome->error.toString()));
        QCOMPARE(outcome->value.title, u"Phishing"_s);
        QCOMPARE(f.lastReplyAttempts, 2);
        QCOMPARE(f.lastDelays.size(), 1);
        QCOMPARE(f.lastDelays.first().count(), 1000); // Retry-After, not the 10 ms backoff
        const auto &requests = f.server.requests();
        QCOMPARE(requests.size(), 2);
        QVERIFY2(requests.at(1).elapsedMs - requests.at(0).elapsedMs >= 950,
            qPrintable(QString::number(requests.at(1).elapsedMs - requests.at(0).elapsedMs)));
        QVERIFY(timer.elapsed() >= 950);
        // Every attempt is signed afresh, with its own X-Amz-Date, and verifies.
        QVERIFY(requests.at(0).request.headerValue("x-amz-date")
            != requests.at(1).request.headerValue("x-amz-date"));
        for (const auto &request : requests) {
            const SigV4Verification verification
                = warroom::test::verifyReceived(request, "security-ir", "us-east-1");
            QVERIFY2(verification.isValid(), qPrintable(verification.error));
        }
    }

    void retryAfterAsHttpDate()
    {
        const QDateTime now(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC);
        const auto seconds = AwsError::parseRetryAfter("Wed, 21 Oct 2015 07:28:03 GMT", now);
        QVERIFY(seconds);
        QCOMPARE(*seconds, 3.0);
        QCOMPARE(AwsError::parseRetryAfter("2", now).value_or(-1), 2.0);
        QCOMPARE(AwsError::parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now).value_or(-1), 0.0);
        QVERIFY(!AwsError::parseRetryAfter("soon", now));
        QVERIFY(!AwsError::parseRetryAfter("-4", now));
    }

    void serverErrorsThenSuccess()
    {
        Fixture f;
        const QJsonObject internal {
            {"__type"_L1, u"InternalServerException"_s}, {"message"_L1, u"Internal failure"_s}};
        f.server.enqueue(ScriptedResponse::json(500, internal));
        f.server.enqueue(ScriptedResponse::json(503, internal));
        f.server.enqueue(ScriptedResponse::json(500, internal));
        f.server.enqueue(caseBody());
        const int tokensBefore = f.http.retryPolicy().availableTokens();
        const auto outcome = f.getCase();
        QVERIFY(outcome);
        QVERIFY2(outcome->ok(), qPrintable(outcome->error.toString()));
        QCOMPARE(f.lastReplyAttempts, 4);
        // Full jitter with random = 0.5: half of 20, 40, 80 ms.
        const QList<std::chrono::milliseconds> expected {std::chrono::milliseconds(10),
            std::chrono::milliseconds(20), std::chrono::milliseconds(40)};
        QCOMPARE(f.lastDelays, expected);
        // The retries' tokens are refunded by the success.
        QCOMPARE(f.http.retryPolicy().availableTokens(), tokensBefore);
    }

    void serverErrorsUntilGiveUp()
    {
        Fixture f;
        for (int i = 0; i < 4; ++i)
            f.server.enqueue(ScriptedResponse::json(
                500, {{"__type"_L1, u"InternalServerException"_s}, {"message"_L1, u"boom"_s}}));
        const auto outcome = f.getCase();
        QVERIFY(outcome);
        QVERIFY(!outcome->ok());
        QCOMPARE(outcome->error.kind, AwsError::Kind::Service);
        QCOMPARE(outcome->error.type, u"InternalServerException"_s);
        QCOMPARE(outcome->error.httpStatus, 500);
        QVERIFY(outcome->error.retryable);
        QCOMPARE(f.lastReplyAttempts, 4);
        QCOMPARE(f.server.requests().size(), 4);
    }

    void droppedConnectionIsRetried()
    {
        Fixture f;
        // Closed in the middle of the body: QNetworkAccessManager does not resend that
        // by itself, so the second request is our retry.
        f.server.enqueue(ScriptedResponse::truncate());
        f.server.enqueue(caseBody());
        const auto outcome = f.getCase();
        QVERIFY(outcome);
        QVERIFY2(outcome->ok(), qPrintable(outcome->error.toString()));
        QCOMPARE(outcome->value.title, u"Phishing"_s);
        QCOMPARE(f.lastReplyAttempts, 2);
        QCOMPARE(f.server.requests().size(), 2);

        // Closed before any answer, every time (QNetworkAccessManager may resend such a
        // request once on its own; our attempts are counted separately).

        Fixture g;
        g.server.setHandler(
            [](const warroom::test::ReceivedRequest &) { return ScriptedResponse::drop(); });
        const auto failed = g.getCase();
        QVERIFY(failed);
        QCOMPARE(failed->error.kind, AwsError::Kind::Network);
        QCOMPARE(failed->error.httpStatus, 0);
        QVERIFY2(failed->error.message.contains(g.server.url().toString()),
            qPrintable(failed->error.message));
        QCOMPARE(g.lastReplyAttempts, 4);
        QVERIFY(g.server.requests().size() >= 4);
    }

    void stallPastTheTransferTimeout()
    {
        RetryPolicy::Settings settings = fastSettings();
        settings.maxAttempts = 1;
        Fixture f(settings);
        f.http.setTransferTimeout(std::chrono::milliseconds(400));
        f.server.enqueue(ScriptedResponse::stall());
        QElapsedTimer timer;
        timer.start();
        const auto outcome = f.getCase();
        QVERIFY(outcome);
        QCOMPARE(outcome->error.kind, AwsError::Kind::Timeout);
        QVERIFY(outcome->error.retryable);
        QVERIFY2(outcome->error.message.contains(u"timeout"_s), qPrintable(outcome->error.message));
        QVERIFY(timer.elapsed() >= 350);
        QVERIFY(timer.elapsed() < 10000);

        // With retries left, the stalled attempt is replaced by a new one.
        Fixture g;
        g.http.setTransferTimeout(std::chrono::milliseconds(400));
        g.server.enqueue(ScriptedResponse::stall());
        g.server.enqueue(caseBody());
        const auto retried = g.getCase();
        QVERIFY(retried);
        QVERIFY2(retried->ok(), qPrintable(retried->error.toString()));
        QCOMPARE(g.lastReplyAttempts, 2);
    }

    void retryBudgetIsExhausted()
    {
        RetryPolicy::Settings settings = fastSettings();
        settings.maxAttempts = 10;
        settings.bucketCapacity = 12;
        settings.retryCost = 5;
        Fixture f(settings);
        f.server.setHandler([](const warroom::test::ReceivedRequest &) {
            return ScriptedResponse::json(503, {{"message"_L1, u"Slow down"_s}},
                {{"X-Amzn-ErrorType", "ServiceUnavailableException"}});
        });
        const auto first = f.getCase();
        QVERIFY(first);
        QCOMPARE(first->error.type, u"ServiceUnavailableException"_s);
        QCOMPARE(f.lastReplyAttempts, 3); // 12 tokens pay for two retries of 5
        QCOMPARE(f.http.retryPolicy().availableTokens(), 2);
        // The budget is shared: the next failing call is not retried at all.
        const auto second = f.getCase();
        QVERIFY(second);
        QCOMPARE(f.lastReplyAttempts, 1);
        QCOMPARE(f.server.requests().size(), 4);
        // A success without retries puts a token back.
        f.server.setHandler({});
        f.server.enqueue(caseBody());
        const auto third = f.getCase();
        QVERIFY(third && third->ok());
        QCOMPARE(f.http.retryPolicy().availableTokens(), 3);
    }

    void validationExceptionWithFieldList()
    {
        Fixture f;
        const QJsonObject body {{"__type"_L1, u"ValidationException"_s},
            {"message"_L1, u"1 validation error detected"_s},
            {"reason"_L1, u"FIELD_VALIDATION_FAILED"_s},
            {"fieldList"_L1,
                QJsonArray {
                    QJsonObject {{"name"_L1, u"title"_s},
                        {"message"_L1, u"Member must have length less than or equal to 300"_s}},
                    QJsonObject {{"name"_L1, u"watchers[0].email"_s},
                        {"message"_L1, u"Member must satisfy the email pattern"_s}}}}};
        f.server.enqueue(ScriptedResponse::json(400, body,
            {{"X-Amzn-ErrorType", "ValidationException"}, {"x-amzn-RequestId", "req-1"}}));
        const auto outcome = f.getCase();
        QVERIFY(outcome);
        const AwsError &error = outcome->error;
        QCOMPARE(error.kind, AwsError::Kind::Service);
        QCOMPARE(error.type, u"ValidationException"_s);
        QCOMPARE(error.httpStatus, 400);
        QCOMPARE(error.reason, u"FIELD_VALIDATION_FAILED"_s);
        QCOMPARE(error.requestId, u"req-1"_s);
        QVERIFY(!error.retryable);
        QCOMPARE(error.fieldList.size(), 2);
        QCOMPARE(error.fieldList.at(1).field, u"watchers[0].email"_s);
        QCOMPARE(
            error.fieldList.at(0).message, u"Member must have length less than or equal to 300"_s);
        QCOMPARE(f.lastReplyAttempts, 1);
        QCOMPARE(error.cliMessage(u"GetCase"_s).section(u'\n', 0, 0),
            u"An error occurred (ValidationException) when calling the GetCase operation: 1 "
            u"validation error detected"_s);
    }

    void errorTypeForms_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("retryable");

        QTest::newRow("header with colon")
            << QByteArray("ConflictException:http://internal.amazon.com/coral/com.amazon.coral/")
            << QByteArray(
                   "{\"message\":\"busy\",\"resourceId\":\"1234567890\",\"resourceType\":\"case\"}")
            << 409 << u"ConflictException"_s << false;
        QTest::newRow("header with namespace")
            << QByteArray("aws.security-ir#AccessDeniedException") << QByteArray("{}") << 403
            << u"AccessDeniedException"_s << false;
        QTest::newRow("header wins over body")
            << QByteArray("ResourceNotFoundException")
            << QByteArray("{\"__type\":\"SomethingElse\",\"message\":\"gone\"}") << 404
            << u"ResourceNotFoundException"_s << false;
        QTest::newRow("__type with namespace and colon")
            << QByteArray()
            << QByteArray("{\"__type\":\"com.amazon.coral#ThrottlingException:http://x/"
                          "\",\"message\":\"m\"}")
            << 400 << u"ThrottlingException"_s << true;
        QTest::newRow("code before __type")
            << QByteArray()
            << QByteArray("{\"code\":\"InvalidTokenException\",\"__type\":\"Other\"}") << 423
            << u"InvalidTokenException"_s << false;
        QTest::newRow("Code capitalised")
            << QByteArray() << QByteArray("{\"Code\":\"ServiceQuotaExceededException\"}") << 402
            << u"ServiceQuotaExceededException"_s << false;
        QTest::newRow("status only")
            << QByteArray() << QByteArray("{}") << 404 << u"404"_s << false;
    }

    void errorTypeForms()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(bool, retryable);
        RetryPolicy::Settings settings = fastSettings();
        settings.maxAttempts = 1;
        Fixture f(settings);
        QList<HttpHeader> headers {{"Content-Type", "application/json"}};
        if (!header.isEmpty())
            headers.append({"X-Amzn-ErrorType", header});
        f.server.enqueue(ScriptedResponse::raw(status, "Error", body, headers));
        const auto outcome = f.getCase();
        QVERIFY(outcome);
        QCOMPARE(outcome->error.type, type);
        QCOMPARE(outcome->error.httpStatus, status);
        QCOMPARE(outcome->error.retryable, retryable);
        QCOMPARE(outcome->error.raw, body);
    }

    void conflictMembers()
    {
        const AwsError error = AwsError::fromHttpResponse(409, {},
            "{\"__type\":\"ConflictException\",\"message\":\"m\",\"resourceId\":\"1234567890\","
            "\"resourceType\":\"case\"}");
        QCOMPARE(error.resourceId, u"1234567890"_s);
        QCOMPARE(error.resourceType, u"case"_s);
    }

    void nonJsonBodyOn502()
    {
        Fixture f;
        for (int i = 0; i < 4; ++i)
            f.server.enqueue(ScriptedResponse::raw(502, "Bad Gateway",
                "<html><body>upstream connect error</body></html>",
                {{"Content-Type", "text/html"}}));
        const auto outcome = f.getCase();
        QVERIFY(outcome);
        QCOMPARE(outcome->error.kind, AwsError::Kind::Service);
        QCOMPARE(outcome->error.type, u"502"_s);
        QCOMPARE(outcome->error.message, u"Bad Gateway"_s);
        QVERIFY(outcome->error.retryable);
        QVERIFY(outcome->error.raw.contains("upstream connect error"));
        QCOMPARE(f.lastReplyAttempts, 4);
    }

    void successBodyThatIsNotJson()
    {
        Fixture f;
        f.server.enqueue(ScriptedResponse::raw(200, "OK", "not json"));
        const auto outcome = f.getCase();
        QVERIFY(outcome);
        QCOMPARE(outcome->error.kind, AwsError::Kind::Protocol);
        QVERIFY(!outcome->error.retryable);
    }

    void stsXmlError()
    {
        const QByteArray xml = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                               "<Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>"
                               "<Message>The security token included in the request is invalid."
                               "</Message></Error><RequestId>abc-123</RequestId></ErrorResponse>";
        const AwsError error = AwsError::fromHttpResponse(403, {}, xml);
        QCOMPARE(error.type, u"InvalidClientTokenId"_s);
        QCOMPARE(error.message, u"The security token included in the request is invalid."_s);
        QCOMPARE(error.requestId, u"abc-123"_s);
    }

    void noCredentialsSendsNothing()
    {
        Fixture f;
        f.http.setCredentials({});
        const auto outcome = f.getCase();
        QVERIFY(outcome);
        QCOMPARE(outcome->error.kind, AwsError::Kind::Credentials);
        QVERIFY(outcome->error.isTransport());
        QCOMPARE(f.server.requests().size(), 0);
    }

    void tlsErrorsAreNotIgnored()
    {
        // An https URL on a plain-HTTP listener: the handshake fails and the call fails
        // with a TLS error, once, never falling back or retrying.
        Fixture f;
        AwsClientConfig config;
        config.region = u"us-east-1"_s;
        QUrl url = f.server.url();
        url.setScheme(u"https"_s);
        config.endpointUrl = url;
        SecurityIrClient client(&f.http, config);
        const auto outcome = warroom::test::runCall<domain::Case>(
            [&](auto done) { client.getCase(u"1234567890"_s, done); });
        QVERIFY(outcome);
        QCOMPARE(outcome->error.kind, AwsError::Kind::Tls);
        QVERIFY(!outcome->error.retryable);
        QVERIFY2(
            outcome->error.message.startsWith(u"SSL validation failed for https://127.0.0.1"_s),
            qPrintable(outcome->error.message));
    }

    void abortDuringStall()
    {
        Fixture f;
        f.server.enqueue(ScriptedResponse::stall());
        std::optional<AwsOutcome<domain::Case>> result;
        AwsReply *reply = f.client->getCase(
            u"1234567890"_s, [&](const AwsOutcome<domain::Case> &outcome) { result = outcome; });
        QVERIFY(warroom::test::spinUntil([&] { return f.server.requests().size() == 1; }));
        reply->abort();
        QVERIFY(warroom::test::spinUntil([&] { return result.has_value(); }));
        QCOMPARE(result->error.kind, AwsError::Kind::Cancelled);
    }

    void backoffBoundsAndCaps()
    {
        RetryPolicy::Settings settings;
        settings.baseDelay = std::chrono::milliseconds(100);
        settings.maxDelay = std::chrono::milliseconds(1000);
        settings.maxRetryAfter = std::chrono::milliseconds(5000);
        RetryPolicy policy(settings);
        policy.setRandomSource([] { return 0.999; });
        QCOMPARE(policy.backoff(1).count(), 99);
        QCOMPARE(policy.backoff(3).count(), 399);
        QCOMPARE(policy.backoff(12).count(), 999); // capped by maxDelay
        policy.setRandomSource([] { return 0.0; });
        QCOMPARE(policy.backoff(5).count(), 0); // full jitter reaches zero

        AwsError throttled;
        throttled.kind = AwsError::Kind::Service;
        throttled.retryable = true;
        throttled.retryAfterSeconds = 60;
        const RetryPolicy::Decision tooLong = policy.decide(throttled, 1);
        QVERIFY(!tooLong.retry);
        QVERIFY(tooLong.reason.contains(u"Retry-After"_s));
        AwsError validation;
        validation.kind = AwsError::Kind::Service;
        QVERIFY(!policy.decide(validation, 1).retry);
    }

    void endpoints()
    {
        AwsClientConfig config;
        config.region = u"eu-west-1"_s;
        QCOMPARE(AwsEndpoint::resolve(AwsServiceInfo::securityIr(), config).url,
            QUrl(u"https://security-ir.eu-west-1.api.aws"_s));
        QCOMPARE(AwsEndpoint::resolve(AwsServiceInfo::sts(), config).url,
            QUrl(u"https://sts.eu-west-1.amazonaws.com"_s));
        QCOMPARE(AwsEndpoint::resolve(AwsServiceInfo::guardDuty(), config).url,
            QUrl(u"https://guardduty.eu-west-1.amazonaws.com"_s));
        QCOMPARE(AwsEndpoint::resolve(AwsServiceInfo::securityHub(), config).url,
            QUrl(u"https://securityhub.eu-west-1.amazonaws.com"_s));
        const AwsEndpoint organizations
            = AwsEndpoint::resolve(AwsServiceInfo::organizations(), config);
        QCOMPARE(organizations.url, QUrl(u"https://organizations.us-east-1.amazonaws.com"_s));
        QCOMPARE(organizations.signingRegion, QByteArray("us-east-1"));
        config.useFips = true;
        QCOMPARE(AwsEndpoint::resolve(AwsServiceInfo::securityIr(), config).url,
            QUrl(u"https://security-ir-fips.eu-west-1.api.aws"_s));
        config.useFips = false;
        config.region = u"cn-north-1"_s;
        QCOMPARE(AwsEndpoint::resolve(AwsServiceInfo::securityIr(), config).url,
            QUrl(u"https://security-ir.cn-north-1.api.amazonwebservices.com.cn"_s));
        config.region = u"us-east-1"_s;
        config.endpointUrl = QUrl(u"http://127.0.0.1:9"_s);
        QCOMPARE(
            AwsEndpoint::resolve(AwsServiceInfo::securityIr(), config).url, config.endpointUrl);
        config.useFips = true;
        QVERIFY(!AwsEndpoint::resolve(AwsServiceInfo::securityIr(), config).isValid());
        config.useFips = false;
        config.endpointUrl.clear();
        config.region = u"us-east-1.evil.example/"_s;
        QVERIFY(!AwsEndpoint::resolve(AwsServiceInfo::securityIr(), config).isValid());
        config.region.clear();
        QCOMPARE(AwsEndpoint::resolve(AwsServiceInfo::securityIr(), config).error,
            u"You must specify a region."_s);
    }
};

QTEST_GUILESS_MAIN(TestAwsClientRetry)
#include "tst_awsclient_retry.moc"
