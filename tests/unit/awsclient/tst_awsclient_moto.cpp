// The STS, Organizations, Security Hub and GuardDuty clients against moto_server on a
// free loopback port. Operations moto does not implement (Security Hub
// BatchUpdateFindings, GuardDuty ListFindings / GetFindings / ListFilters) are checked
// against the scripted loopback server instead.

#include "AwsTestSupport.h"
#include "MotoServer.h"
#include "ScriptedHttpServer.h"
#include "aws/GuardDutyClient.h"
#include "aws/OrganizationsClient.h"
#include "aws/SecurityHubClient.h"
#include "aws/StsClient.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom::aws;
using warroom::test::runCall;
using warroom::test::ScriptedHttpServer;
using warroom::test::ScriptedResponse;

class TestAwsClientMoto final : public QObject
{
    Q_OBJECT

private:
    warroom::test::MotoServer m_moto;
    quint16 m_port = 0;
    AwsHttpClient m_http;
    QString m_rootId;
    QString m_ouId;
    QString m_memberAccount;

    AwsClientConfig motoConfig() const
    {
        AwsClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpointUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
        return config;
    }

    static QJsonObject call(AwsServiceClient &client, const QString &operation,
        const QByteArray &method, const QByteArray &path, const QJsonObject &body)
    {
        const auto outcome = runCall<QJsonObject>([&](auto done) {
            AwsServiceClient::deliverJson(
                client.callRestJson(operation, method, path, {}, body), done);
        });
        if (!outcome || !outcome->ok())
            qWarning("%s failed: %s", qPrintable(operation),
                outcome ? qPrintable(outcome->error.toString()) : "no answer");
        return outcome ? outcome->json : QJsonObject();
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_moto.start(&error), qPrintable(error));
        m_port = m_moto.port();
        m_http.setCredentials(warroom::test::testCredentials());
        m_http.setTransferTimeout(std::chrono::milliseconds(30000));
    }

    void cleanupTestCase() { m_moto.stop(); }

    void stsGetCallerIdentity()
    {
        StsClient sts(&m_http, motoConfig());
        const auto outcome
            = runCall<CallerIdentity>([&](auto done) { sts.getCallerIdentity(done); });
        QVERIFY(outcome);
        QVERIFY2(outcome->ok(), qPrintable(outcome->error.toString()));
        QCOMPARE(outcome->value.account, u"123456789012"_s);
        QVERIFY2(outcome->value.arn.startsWith(u"arn:aws:"_s), qPrintable(outcome->value.arn));
        QCOMPARE(outcome->json.value("Account"_L1).toString(), u"123456789012"_s);
    }

    void organizationsBeforeAnOrganizationExists()
    {
        OrganizationsClient organizations(&m_http, motoConfig());
        const auto outcome
            = runCall<QJsonObject>([&](auto done) { organizations.describeOrganization(done); });
        QVERIFY(outcome);
        QVERIFY(!outcome->ok());
        QCOMPARE(outcome->error.kind, AwsError::Kind::Service);
        QCOMPARE(outcome->error.type, u"AWSOrganizationsNotInUseException"_s);
        QCOMPARE(outcome->error.httpStatus, 400);
    }

    void organizations()
    {
        OrganizationsClient organizations(&m_http, motoConfig());
        QCOMPARE(organizations.endpoint().signingName, QByteArray("organizations"));
        // Set the organisation up with the generic JSON 1.1 call.
        const auto created = runCall<QJsonObject>([&](auto done) {
            organizations.invokeJson11(
                u"CreateOrganization"_s, {{"FeatureSet"_L1, u"ALL"_s}}, done);
        });
        QVERIFY(created && created->ok());

        const auto described
            = runCall<QJsonObject>([&](auto done) { organizations.describeOrganization(done); });
        QVERIFY(described && described->ok());
        const QJsonObject organization = described->json.value("Organization"_L1).toObject();
        QCOMPARE(organization.value("FeatureSet"_L1).toString(), u"ALL"_s);
        QCOMPARE(organization.value("MasterAccountId"_L1).toString(), u"123456789012"_s);

        const auto roots
            = runCall<QJsonObject>([&](auto done) { organizations.listRoots(QString(), done); });
        QVERIFY(roots && roots->ok());
        m_rootId
            = roots->json.value("Roots"_L1).toArray().at(0).toObject().value("Id"_L1).toString();
        QVERIFY2(m_rootId.startsWith(u"r-"_s), qPrintable(m_rootId));

        const auto ou = runCall<QJsonObject>([&](auto done) {
            organizations.invokeJson11(u"CreateOrganizationalUnit"_s,
                {{"ParentId"_L1, m_rootId}, {"Name"_L1, u"Security"_s}}, done);
        });
        QVERIFY(ou && ou->ok());
        m_ouId = ou->json.value("OrganizationalUnit"_L1).toObject().value("Id"_L1).toString();
        QVERIFY2(m_ouId.startsWith(u"ou-"_s), qPrintable(m_ouId));

        for (int i = 0; i < 3; ++i) {
            const auto account = runCall<QJsonObject>([&](auto done) {
                organizations.invokeJson11(u"CreateAccount"_s,
                    {{"AccountName"_L1, u"member-%1"_s.arg(i)},
                        {"Email"_L1, u"member%1@example.com"_s.arg(i)}},
                    done);
            });
            QVERIFY(account && account->ok());
            m_memberAccount = account->json.value("CreateAccountStatus"_L1)
                                  .toObject()
                                  .value("AccountId"_L1)
                                  .toString();
        }
        QCOMPARE(m_memberAccount.size(), 12);

        const auto units = runCall<QJsonObject>([&](auto done) {
            organizations.listOrganizationalUnitsForParent(m_rootId, QString(), done);
        });
        QVERIFY(units && units->ok());
        const QJsonArray unitList = units->json.value("OrganizationalUnits"_L1).toArray();
        QCOMPARE(unitList.size(), 1);
        QCOMPARE(unitList.at(0).toObject().value("Name"_L1).toString(), u"Security"_s);

        const auto accounts = runCall<QJsonObject>(
            [&](auto done) { organizations.listAccountsForParent(m_rootId, QString(), done); });
        QVERIFY(accounts && accounts->ok());
        QCOMPARE(accounts->json.value("Accounts"_L1).toArray().size(), 4); // management + 3

        // The paginator walks ListAccountsForParent one account per page.
        int pages = 0;
        QStringList seen;
        std::optional<AwsError> end;
        organizations.paginateJson11(
            u"ListAccountsForParent"_s, {{"ParentId"_L1, m_rootId}, {"MaxResults"_L1, 1}},
            [&](const QJsonObject &page) {
                ++pages;
                for (const QJsonValue &account : page.value("Accounts"_L1).toArray())
                    seen << account.toObject().value("Id"_L1).toString();
                return true;
            },
            [&](const AwsError &error) { end = error; });
        QVERIFY(warroom::test::spinUntil([&] { return end.has_value(); }));
        QVERIFY2(!end->isError(), qPrintable(end->toString()));
        QCOMPARE(seen.size(), 4);
        QCOMPARE(pages, 4);
        QVERIFY(seen.contains(m_memberAccount));
    }

    void trustedAccessAndDelegatedAdministrator()
    {
        OrganizationsClient organizations(&m_http, motoConfig());
        // moto does not know security-ir's principal: a typed InvalidInputException.
        const auto unknown = runCall<QJsonObject>([&](auto done) {
            organizations.registerDelegatedAdministrator(
                m_memberAccount, OrganizationsClient::securityIrPrincipal(), done);
        });
        QVERIFY(unknown);
        QCOMPARE(unknown->error.type, u"InvalidInputException"_s);
        QVERIFY(!unknown->error.message.isEmpty());

        // The same calls with a principal moto knows.
        const QString principal = u"guardduty.amazonaws.com"_s;
        const auto enabled = runCall<QJsonObject>(
            [&](auto done) { organizations.enableAwsServiceAccess(principal, done); });
        QVERIFY2(enabled && enabled->ok(), enabled ? qPrintable(enabled->error.toString()) : "");
        const auto access = runCall<QJsonObject>(
            [&](auto done) { organizations.listAwsServiceAccessForOrganization(QString(), done); });
        QVERIFY(access && access->ok());
        const QJsonArray principals = access->json.value("EnabledServicePrincipals"_L1).toArray();
        QCOMPARE(principals.size(), 1);
        QCOMPARE(principals.at(0).toObject().value("ServicePrincipal"_L1).toString(), principal);

        const auto registered = runCall<QJsonObject>([&](auto done) {
            organizations.registerDelegatedAdministrator(m_memberAccount, principal, done);
        });
        QVERIFY2(registered && registered->ok(),
            registered ? qPrintable(registered->error.toString()) : "");
        const auto admins = runCall<QJsonObject>([&](auto done) {
            organizations.listDelegatedAdministrators(principal, QString(), done);
        });
        QVERIFY(admins && admins->ok());
        const QJsonArray adminList = admins->json.value("DelegatedAdministrators"_L1).toArray();
        QCOMPARE(adminList.size(), 1);
        QCOMPARE(adminList.at(0).toObject().value("Id"_L1).toString(), m_memberAccount);

        const auto again = runCall<QJsonObject>([&](auto done) {
            organizations.registerDelegatedAdministrator(m_memberAccount, principal, done);
        });
        QVERIFY(again);
        QCOMPARE(again->error.type, u"AccountAlreadyRegisteredException"_s);
        QVERIFY(!again->error.retryable);
    }

    void securityHubGetFindings()
    {
        SecurityHubClient hub(&m_http, motoConfig());
        call(hub, u"EnableSecurityHub"_s, "POST", "/accounts", QJsonObject {});
        QJsonArray findings;
        for (int i = 0; i < 3; ++i) {
            findings.append(QJsonObject {{"SchemaVersion"_L1, u"2018-10-08"_s},
                {"Id"_L1, u"finding-%1"_s.arg(i)},
                {"ProductArn"_L1,
                    u"arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default"_s},
                {"GeneratorId"_L1, u"warroom-test"_s}, {"AwsAccountId"_L1, u"123456789012"_s},
                {"Types"_L1, QJsonArray {u"TTPs/Initial Access"_s}},
                {"CreatedAt"_L1, u"2026-11-01T00:00:00Z"_s},
                {"UpdatedAt"_L1, u"2026-11-01T00:00:00Z"_s},
                {"Severity"_L1, QJsonObject {{"Label"_L1, u"HIGH"_s}}},
                {"Title"_L1, u"Finding %1"_s.arg(i)}, {"Description"_L1, u"Test finding"_s},
                {"Resources"_L1,
                    QJsonArray {
                        QJsonObject {{"Type"_L1, u"AwsEc2Instance"_s}, {"Id"_L1, u"i-1"_s}}}}});
        }
        const QJsonObject imported = call(
            hub, u"BatchImportFindings"_s, "POST", "/findings/import", {{"Findings"_L1, findings}});
        QCOMPARE(imported.value("SuccessCount"_L1).toInt(), 3);

        const QJsonObject filters {{"SeverityLabel"_L1,
            QJsonArray {QJsonObject {{"Value"_L1, u"HIGH"_s}, {"Comparison"_L1, u"EQUALS"_s}}}}};
        const auto first = runCall<QJsonObject>(
            [&](auto done) { hub.getFindings(filters, {}, 2, QString(), done); });
        QVERIFY(first);
        QVERIFY2(first->ok(), qPrintable(first->error.toString()));
        QCOMPARE(first->json.value("Findings"_L1).toArray().size(), 2);
        const QString next = first->json.value("NextToken"_L1).toString();
        QVERIFY(!next.isEmpty());
        const auto second
            = runCall<QJsonObject>([&](auto done) { hub.getFindings(filters, {}, 2, next, done); });
        QVERIFY(second && second->ok());
        QCOMPARE(second->json.value("Findings"_L1).toArray().size(), 1);

        QStringList ids;
        std::optional<AwsError> end;
        hub.paginateFindings(
            filters, 1,
            [&](const QJsonObject &page) {
                for (const QJsonValue &finding : page.value("Findings"_L1).toArray())
                    ids << finding.toObject().value("Id"_L1).toString();
                return true;
            },
            [&](const AwsError &error) { end = error; });
        QVERIFY(warroom::test::spinUntil([&] { return end.has_value(); }));
        QVERIFY(!end->isError());
        ids.sort();
        QCOMPARE(ids, QStringList({u"finding-0"_s, u"finding-1"_s, u"finding-2"_s}));

        // A typed error from moto's validation of MaxResults.
        const auto bad = runCall<QJsonObject>(
            [&](auto done) { hub.getFindings({}, {}, 500, QString(), done); });
        QVERIFY(bad);
        QVERIFY(!bad->ok());
        QCOMPARE(bad->error.kind, AwsError::Kind::Service);
        QVERIFY(!bad->error.type.isEmpty());
    }

    void guardDutyDetectorsAndFilters()
    {
        GuardDutyClient guardDuty(&m_http, motoConfig());
        const QJsonObject detector
            = call(guardDuty, u"CreateDetector"_s, "POST", "/detector", {{"enable"_L1, true}});
        const QString detectorId = detector.value("detectorId"_L1).toString();
        QVERIFY(!detectorId.isEmpty());

        const auto detectors
            = runCall<QJsonObject>([&](auto done) { guardDuty.listDetectors(QString(), done); });
        QVERIFY(detectors && detectors->ok());
        QCOMPARE(detectors->json.value("detectorIds"_L1).toArray().at(0).toString(), detectorId);

        const QJsonObject criteria {{"criterion"_L1,
            QJsonObject {{"type"_L1,
                QJsonObject {{"eq"_L1, QJsonArray {u"Recon:EC2/PortProbeUnprotectedPort"_s}}}}}}};
        const auto created = runCall<QJsonObject>([&](auto done) {
            guardDuty.createFilter(detectorId, u"suppress-port-probes"_s, criteria, u"ARCHIVE"_s,
                u"Known scanner"_s, 1, done);
        });
        QVERIFY2(created && created->ok(), created ? qPrintable(created->error.toString()) : "");
        QCOMPARE(created->json.value("name"_L1).toString(), u"suppress-port-probes"_s);

        const auto filter = runCall<QJsonObject>(
            [&](auto done) { guardDuty.getFilter(detectorId, u"suppress-port-probes"_s, done); });
        QVERIFY2(filter && filter->ok(), filter ? qPrintable(filter->error.toString()) : "");
        QCOMPARE(filter->json.value("action"_L1).toString(), u"ARCHIVE"_s);
        QCOMPARE(filter->json.value("findingCriteria"_L1).toObject(), criteria);

        const auto missing = runCall<QJsonObject>(
            [&](auto done) { guardDuty.getFilter(detectorId, u"nope"_s, done); });
        QVERIFY(missing);
        QVERIFY(!missing->ok());
        QCOMPARE(missing->error.kind, AwsError::Kind::Service);
    }

    // --- not implemented by moto: the scripted server ----------------------------------

    void guardDutyFindingsAndFilterListScripted()
    {
        ScriptedHttpServer server;
        QVERIFY(server.listen());
        AwsClientConfig config;
        config.region = u"eu-west-1"_s;
        config.endpointUrl = server.url();
        GuardDutyClient guardDuty(&m_http, config);
        const QString detector = u"12abc34d567e8fa901bc2d34e56789f0"_s;

        server.enqueue(ScriptedResponse::json(
            200, {{"findingIds"_L1, QJsonArray {u"f1"_s, u"f2"_s}}, {"nextToken"_L1, u"n2"_s}}));
        const QJsonObject criteria {
            {"criterion"_L1, QJsonObject {{"severity"_L1, QJsonObject {{"gte"_L1, 7}}}}}};
        const auto listed = runCall<QJsonObject>(
            [&](auto done) { guardDuty.listFindings(detector, criteria, 50, u"n1"_s, done); });
        QVERIFY(listed && listed->ok());
        QCOMPARE(listed->json.value("findingIds"_L1).toArray().size(), 2);
        QCOMPARE(
            server.requests().value(0).target, "/detector/" + detector.toLatin1() + "/findings");
        QCOMPARE(server.requests().value(0).json(),
            QJsonObject({{"findingCriteria"_L1, criteria}, {"maxResults"_L1, 50},
                {"nextToken"_L1, u"n1"_s}}));
        QVERIFY(warroom::test::verifyReceived(server.requests().value(0), "guardduty", "eu-west-1")
                    .isValid());
        server.clear();

        server.enqueue(ScriptedResponse::json(200,
            {{"findings"_L1, QJsonArray {QJsonObject {{"id"_L1, u"f1"_s}, {"severity"_L1, 8}}}}}));
        const auto got = runCall<QJsonObject>(
            [&](auto done) { guardDuty.getFindings(detector, {u"f1"_s}, done); });
        QVERIFY(got && got->ok());
        QCOMPARE(
            got->json.value("findings"_L1).toArray().at(0).toObject().value("id"_L1).toString(),
            u"f1"_s);
        QCOMPARE(server.requests().value(0).target,
            "/detector/" + detector.toLatin1() + "/findings/get");
        QCOMPARE(server.requests().value(0).json(),
            QJsonObject({{"findingIds"_L1, QJsonArray {u"f1"_s}}}));
        server.clear();

        server.enqueue(ScriptedResponse::json(
            200, {{"filterNames"_L1, QJsonArray {u"suppress-port-probes"_s}}}));
        const auto filters = runCall<QJsonObject>(
            [&](auto done) { guardDuty.listFilters(detector, u"t 1"_s, done); });
        QVERIFY(filters && filters->ok());
        QCOMPARE(filters->json.value("filterNames"_L1).toArray().size(), 1);
        QCOMPARE(server.requests().value(0).request.method, QByteArray("GET"));
        QCOMPARE(server.requests().value(0).target,
            "/detector/" + detector.toLatin1() + "/filter?nextToken=t%201");
        QVERIFY(warroom::test::verifyReceived(server.requests().value(0), "guardduty", "eu-west-1")
                    .isValid());
    }

    void securityHubBatchUpdateFindingsScripted()
    {
        ScriptedHttpServer server;
        QVERIFY(server.listen());
        AwsClientConfig config;
        config.region = u"us-west-2"_s;
        config.endpointUrl = server.url();
        SecurityHubClient hub(&m_http, config);
        const QJsonArray identifiers {QJsonObject {{"Id"_L1, u"finding-0"_s},
            {"ProductArn"_L1,
                u"arn:aws:securityhub:us-west-2:123456789012:product/123456789012/default"_s}}};
        server.enqueue(ScriptedResponse::json(200,
            {{"ProcessedFindings"_L1, identifiers}, {"UnprocessedFindings"_L1, QJsonArray {}}}));
        const auto outcome = runCall<QJsonObject>([&](auto done) {
            hub.batchUpdateFindings(identifiers,
                {{"Workflow"_L1, QJsonObject {{"Status"_L1, u"SUPPRESSED"_s}}},
                    {"Note"_L1,
                        QJsonObject {
                            {"Text"_L1, u"Known scanner"_s}, {"UpdatedBy"_L1, u"warroom"_s}}}},
                done);
        });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->json.value("ProcessedFindings"_L1).toArray().size(), 1);
        const auto &request = server.requests().value(0);
        QCOMPARE(request.request.method, QByteArray("PATCH"));
        QCOMPARE(request.target, QByteArray("/findings/batchupdate"));
        QCOMPARE(request.json().value("FindingIdentifiers"_L1).toArray(), identifiers);
        QCOMPARE(request.json().value("Workflow"_L1).toObject().value("Status"_L1).toString(),
            u"SUPPRESSED"_s);
        QVERIFY(warroom::test::verifyReceived(request, "securityhub", "us-west-2").isValid());
    }

    void json11WireShapeScripted()
    {
        // The JSON 1.1 headers, checked on the wire.
        ScriptedHttpServer server;
        QVERIFY(server.listen());
        AwsClientConfig config;
        config.endpointUrl = server.url(); // organizations is global: us-east-1 by default
        OrganizationsClient organizations(&m_http, config);
        server.enqueue(ScriptedResponse::json(200, {{"Roots"_L1, QJsonArray {}}}));
        QVERIFY(runCall<QJsonObject>([&](auto done) { organizations.listRoots(u"tok"_s, done); }));
        const auto &request = server.requests().value(0);
        QCOMPARE(request.request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/"));
        QCOMPARE(request.request.headerValue("x-amz-target"),
            QByteArray("AWSOrganizationsV20161128.ListRoots"));
        QCOMPARE(
            request.request.headerValue("content-type"), QByteArray("application/x-amz-json-1.1"));
        QCOMPARE(request.json(), QJsonObject({{"NextToken"_L1, u"tok"_s}}));
        QVERIFY(warroom::test::verifyReceived(request, "organizations", "us-east-1").isValid());

        // And the query protocol of STS.
        StsClient sts(&m_http, [&] {
            AwsClientConfig c = config;
            c.region = u"eu-central-1"_s;
            return c;
        }());
        server.clear();
        server.enqueue(ScriptedResponse::raw(200, "OK",
            "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:"
            "user/ada</Arn><UserId>AIDA</UserId><Account>111122223333</Account>"
            "</GetCallerIdentityResult></GetCallerIdentityResponse>",
            {{"Content-Type", "text/xml"}}));
        const auto identity
            = runCall<CallerIdentity>([&](auto done) { sts.getCallerIdentity(done); });
        QVERIFY(identity && identity->ok());
        QCOMPARE(identity->value.arn, u"arn:aws:iam::111122223333:user/ada"_s);
        const auto &stsRequest = server.requests().value(0);
        QCOMPARE(
            stsRequest.request.body, QByteArray("Action=GetCallerIdentity&Version=2011-06-15"));
        QVERIFY(stsRequest.request.headerValue("content-type")
                    .startsWith("application/x-www-form-urlencoded"));
        QVERIFY(warroom::test::verifyReceived(stsRequest, "sts", "eu-central-1").isValid());
    }
};

QTEST_GUILESS_MAIN(TestAwsClientMoto)
#include "tst_awsclient_moto.moc"
