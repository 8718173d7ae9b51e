// The server's operation table against the botocore model, the router's decoding and
// typing, and the authentication, key file, role and throttling building blocks.
#include "KeyStore.h"
#include "OperationRouter.h"
#include "OperationTable.h"
#include "RateLimiter.h"
#include "RequestAuthenticator.h"

#include "aws/Credentials.h"

#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSet>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom::server;
using warroom::caseservice::Role;

namespace {

QJsonObject loadModel()
{
    QFile file(
        QStringLiteral(WARROOM_TEST_DATA_DIR "/botocore/security-ir/2018-05-10/service-2.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

const OperationSpec *specNamed(const QString &name)
{
    for (const OperationSpec &spec : operationTable()) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

QString locationName(MemberLocation location)
{
    switch (location) {
    case MemberLocation::Uri:
        return u"uri"_s;
    case MemberLocation::QueryString:
        return u"querystring"_s;
    case MemberLocation::Header:
        break;
    }
    return u"header"_s;
}

} // namespace

class TestServerRouter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tableMatchesModel()
    {
        const QJsonObject model = loadModel();
        QVERIFY2(!model.isEmpty(), "the model copy under tests/data/botocore is missing");
        const QJsonObject operations = model.value(u"operations"_s).toObject();
        const QJsonObject shapes = model.value(u"shapes"_s).toObject();
        QCOMPARE(operationTable().size(), operations.size());
        for (auto it = operations.begin(); it != operations.end(); ++it) {
            const OperationSpec *spec = specNamed(it.key());
            QVERIFY2(spec, qPrintable(it.key()));
            const QJsonObject op = it.value().toObject();
            const QJsonObject http = op.value(u"http"_s).toObject();
            QCOMPARE(QString(spec->method), http.value(u"method"_s).toString());
            QCOMPARE(QString(spec->requestUri), http.value(u"requestUri"_s).toString());
            QCOMPARE(spec->successCode, http.value(u"responseCode"_s).toInt(200));
            QCOMPARE(spec->idempotent, op.value(u"idempotent"_s).toBool());

            QSet<QString> expected;
            const QJsonObject members
                = shapes.value(op.value(u"input"_s).toObject().value(u"shape"_s).toString())
                      .toObject()
                      .value(u"members"_s)
                      .toObject();
            for (auto m = members.begin(); m != members.end(); ++m) {
                const QJsonObject ref = m.value().toObject();
                if (ref.contains(u"location"_s))
                    expected.insert(m.key() % u'@' % ref.value(u"location"_s).toString() % u'@'
                        % ref.value(u"locationName"_s).toString(m.key()));
            }
            QSet<QString> actual;
            for (const MemberBinding &b : spec->bindings)
                actual.insert(QString(b.member) % u'@' % locationName(b.location) % u'@'
                    % QString(b.locationName));
            QCOMPARE(actual, expected);
        }
    }

    void everyOperationRoutes()
    {
        const OperationRouter router;
        for (const OperationSpec &spec : operationTable()) {
            QByteArray path = QByteArray(spec.requestUri.data(), spec.requestUri.size());
            path.replace("{resourceArn}",
                "arn%3Aaws%3Asecurity-ir%3Aus-east-1%3A123456789012%3Acase%2F1234567890");
            path.replace("{caseId}", "1234567890");
            path.replace("{membershipId}", "m-abcdefghij");
            path.replace("{commentId}", "123456");
            path.replace("{attachmentId}", "att-1");
            path.replace("{resultId}", "inv-abcdefghij");
            QVERIFY2(!path.contains('{'), path.constData());
            const auto match
                = router.match(QByteArray(spec.method.data(), spec.method.size()), path);
            QVERIFY2(match, path.constData());
            QCOMPARE(QString(match->operation->name), QString(spec.name));
            if (path.contains("arn%3A"))
                QCOMPARE(match->labels.value(u"resourceArn"_s),
                    u"arn:aws:security-ir:us-east-1:123456789012:case/1234567890"_s);
        }
        QVERIFY(!router.match("GET", "/v1/nothing"));
        QVERIFY(!router.match("PATCH", "/v1/create-case"));
        QVERIFY(!router.match("GET", "/v1/tags/arn:aws/with/slashes"));
        QVERIFY(!router.match("GET", "/"));
    }

    void inputFromEveryLocation()
    {
        const OperationRouter router;
        auto match = router.match("GET", "/v1/cases/1234567890/list-investigations");
        QVERIFY(match);
        ApiError error;
        auto input = OperationRouter::buildInput(
            *match, {{"maxResults", "5"}, {"nextToken", "a+b c"}, {"other", "x"}}, {}, &error);
        QVERIFY(input);
        QCOMPARE(input->value(u"caseId"_s).toString(), u"1234567890"_s);
        QCOMPARE(input->value(u"maxResults"_s).toInteger(), 5);
        QCOMPARE(input->value(u"nextToken"_s).toString(), u"a+b c"_s);
        QVERIFY(!input->contains(u"other"_s));

        QVERIFY(!OperationRouter::buildInput(*match, {{"maxResults", "five"}}, {}, &error));
        QCOMPARE(error.reason, u"FIELD_VALIDATION_FAILED"_s);
        QCOMPARE(error.fieldList.at(0).toObject().value(u"name"_s).toString(), u"maxResults"_s);

        match
            = router.match("DELETE", "/v1/tags/arn%3Aaws%3Asecurity-ir%3Aus-east-1%3A1%3Acase%2F1");
        QVERIFY(match);
        input = OperationRouter::buildInput(
            *match, {{"tagKeys", "a"}, {"tagKeys", "b c"}}, {}, &error);
        QVERIFY(input);
        QCOMPARE(input->value(u"tagKeys"_s).toArray(), QJsonArray({u"a"_s, u"b c"_s}));

        match = router.match("POST", "/v1/cases/1234567890/update-case-status");
        QVERIFY(match);
        input = OperationRouter::buildInput(
            *match, {}, R"({"caseStatus": "Closed", "caseId": "9999999999"})", &error);
        QVERIFY(input);
        QCOMPARE(input->value(u"caseId"_s).toString(), u"1234567890"_s); // the path wins
        QVERIFY(!OperationRouter::buildInput(*match, {}, "{\"caseStatus\": ", &error));
        QCOMPARE(error.reason, u"CANNOT_PARSE"_s);
        QVERIFY(!OperationRouter::buildInput(*match, {}, "[1]", &error));
        QCOMPARE(error.reason, u"CANNOT_PARSE"_s);
        input = OperationRouter::buildInput(*match, {}, {}, &error);
        QVERIFY(input); // an empty body is an empty object
    }

    void keyFiles()
    {
        QString error;
        auto store = KeyStore::parse(R"({"keys": [{"accessKeyId": "AKIDEXAMPLE00000001",
            "secretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "principal": "arn:aws:iam::123456789012:user/alice", "role": "case-full"}]})",
            &error);
        QVERIFY2(store, qPrintable(error));
        QVERIFY(store->find(u"AKIDEXAMPLE00000001"_s)->role == Role::CaseFull);
        store = KeyStore::parse("# keys\n[AKIDEXAMPLE00000002]\nsecretAccessKey = "
                                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\nprincipal = "
                                "arn:aws:iam::123456789012:user/bob\nrole = read-only\n",
            &error);
        QVERIFY2(store, qPrintable(error));
        QVERIFY(store->find(u"AKIDEXAMPLE00000002"_s)->role == Role::ReadOnly);
        QVERIFY(!KeyStore::parse("[AKIDEXAMPLE00000003]\nsecret = short\nrole = full\n", &error));
        QVERIFY(!KeyStore::parse(
            R"([{"accessKeyId": "AKIDEXAMPLE00000001", "role": "admin"}])", &error));
        QVERIFY(error.contains(u"role"_s));
    }

    void tokenBucket()
    {
        RateLimiter limiter(2, 3);
        int retry = 0;
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.tryAcquireAt(u"a"_s, 10.0, &retry));
        QVERIFY(!limiter.tryAcquireAt(u"a"_s, 10.0, &retry));
        QCOMPARE(retry, 1);
        QVERIFY(limiter.tryAcquireAt(u"b"_s, 10.0, &retry)); // per key
        QVERIFY(limiter.tryAcquireAt(u"a"_s, 10.5, &retry)); // refilled 1 token
        RateLimiter slow(0.1, 1);
        QVERIFY(slow.tryAcquireAt(u"a"_s, 0, &retry));
        QVERIFY(!slow.tryAcquireAt(u"a"_s, 0, &retry));
        QCOMPARE(retry, 10);
        RateLimiter off(0, 1);
        for (int i = 0; i < 100; ++i)
            QVERIFY(off.tryAcquireAt(u"a"_s, 0, &retry));
    }

    // The double-encoding vector recorded from botocore (SECURITY-IR-NOTES.md section 1).
    void authenticatesBotocoreVector()
    {
        QString error;
        const auto store = KeyStore::parse(R"([{"accessKeyId": "AKIDEXAMPLE",
            "secretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "principal": "arn:aws:iam::123456789012:user/alice", "role": "full"}])",
            &error);
        QVERIFY(!store); // 11 characters: too short for a key id of this server
        const auto good = KeyStore::parse(R"([{"accessKeyId": "AKIDEXAMPLE00000000",
            "secretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "principal": "arn:aws:iam::123456789012:user/alice", "role": "full"}])",
            &error);
        QVERIFY2(good, qPrintable(error));

        // Sign with the server's own signer: the verifier must accept it, then refuse a
        // stale clock, another region and a tampered path.
        warroom::aws::SigV4Request request;
        request.method = "GET";
        request.path
            = "/v1/tags/arn%3Aaws%3Asecurity-ir%3Aus-east-1%3A123456789012%3Acase%2F1234567890";
        request.headers = {{"Host", "127.0.0.1:18765"}};
        warroom::aws::Credentials credentials;
        credentials.accessKeyId = u"AKIDEXAMPLE00000000"_s;
        credentials.secretAccessKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;
        const QDateTime at(QDate(2026, 11, 22), QTime(1, 29, 41), Qt::UTC);
        const warroom::aws::SigV4Signer signer("us-east-1", "security-ir");
        const auto signature = signer.sign(request, credentials, at);
        QVERIFY(signature.isValid());
        request.headers.append(signature.headersToAdd);

        const RequestAuthenticator auth(&*good, "us-east-1");
        QVERIFY(std::holds_alternative<const ServerKey *>(auth.authenticate(request, at)));
        QVERIFY(std::holds_alternative<const ServerKey *>(
            auth.authenticate(request, at.addSecs(14 * 60))));
        auto refused = auth.authenticate(request, at.addSecs(16 * 60));
        QVERIFY(std::holds_alternative<ApiError>(refused));
        QCOMPARE(std::get<ApiError>(refused).type, u"InvalidSignatureException"_s);
        QVERIFY(std::get<ApiError>(refused).message.startsWith(u"Signature expired"_s));

        const RequestAuthenticator otherRegion(&*good, "eu-west-1");
        QCOMPARE(std::get<ApiError>(otherRegion.authenticate(request, at)).type,
            u"InvalidSignatureException"_s);

        auto tampered = request;
        tampered.path.replace("1234567890", "1234567891");
        QCOMPARE(std::get<ApiError>(auth.authenticate(tampered, at)).type,
            u"InvalidSignatureException"_s);
        auto unsignedRequest = request;
        unsignedRequest.removeHeader("authorization");
        QCOMPARE(std::get<ApiError>(auth.authenticate(unsignedRequest, at)).type,
            u"MissingAuthenticationTokenException"_s);
        auto undated = request;
        undated.removeHeader("x-amz-date");
        QCOMPARE(std::get<ApiError>(auth.authenticate(undated, at)).type,
            u"IncompleteSignatureException"_s);
        const RequestAuthenticator noKeys(nullptr, "us-east-1");
        QCOMPARE(std::get<ApiError>(noKeys.authenticate(request, at)).type,
            u"UnrecognizedClientException"_s);
    }
};

QTEST_GUILESS_MAIN(TestServerRouter)
#include "tst_server_router.moc"
