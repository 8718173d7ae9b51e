// SecurityIrClient: the wire shape of all 24 operations (method, URI with encoded
// labels, query, body, headers, clientToken, SigV4) and the typed outputs, against a
// scripted loopback server; the five paginators.

#include "AwsTestSupport.h"
#include "ScriptedHttpServer.h"
#include "aws/SecurityIrClient.h"
#include "domain/Enums.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom::aws;
using namespace warroom;
using warroom::test::ReceivedRequest;
using warroom::test::ScriptedHttpServer;
using warroom::test::ScriptedResponse;

namespace {

const QString CaseId = u"1234567890"_s;
const QString CaseArn = u"arn:aws:security-ir:us-east-1:123456789012:case/1234567890"_s;
const QByteArray EncodedCaseArn
    = "arn%3Aaws%3Asecurity-ir%3Aus-east-1%3A123456789012%3Acase%2F1234567890";
const QRegularExpression UuidPattern(
    u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);

} // namespace

class TestAwsClientSecurityIr final : public QObject
{
    Q_OBJECT

private:
    ScriptedHttpServer m_server;
    AwsHttpClient m_http;
    std::unique_ptr<SecurityIrClient> m_client;

    // The one request the last call sent, checked for method, target and signature.
    ReceivedRequest takeRequest(const QByteArray &method, const QByteArray &target)
    {
        const QList<ReceivedRequest> requests = m_server.requests();
        m_server.clear();
        if (requests.size() != 1) {
            qWarning("expected 1 request, got %d", int(requests.size()));
            return {};
        }
        const ReceivedRequest &request = requests.first();
        if (request.request.method != method || request.target != target)
            qWarning("got %s %s", request.request.method.constData(), request.target.constData());
        return request;
    }

    static bool signedOk(const ReceivedRequest &request)
    {
        const SigV4Verification verification
            = warroom::test::verifyReceived(request, "security-ir", "us-east-1");
        if (!verification.isValid())
            qWarning("%s", qPrintable(verification.error));
        return verification.isValid();
    }

#define EXPECT_REQUEST(wantMethod, wantTarget)                                                     \
    const ReceivedRequest request = takeRequest(wantMethod, wantTarget);                           \
    QCOMPARE(request.request.method, QByteArray(wantMethod));                                      \
    QCOMPARE(request.target, QByteArray(wantTarget));                                              \
    QVERIFY(signedOk(request))

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        m_http.setCredentials(warroom::test::testCredentials());
        AwsClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpointUrl = m_server.url();
        m_client = std::make_unique<SecurityIrClient>(&m_http, config);
        QCOMPARE(m_client->endpoint().signingName, QByteArray("security-ir"));
    }

    void createCaseFillsClientToken()
    {
        domain::CreateCaseRequest input;
        input.resolverType = domain::ResolverType::Self;
        input.title = u"Credential exfiltration"_s;
        input.description = u"Keys used from an unknown ASN"_s;
        input.engagementType = domain::EngagementType::SecurityIncident;
        input.reportedIncidentStartDate = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        input.impactedAccounts = QStringList {u"111122223333"_s};
        input.watchers = QList<domain::Watcher> {};
        m_server.enqueue(ScriptedResponse::json(201, {{"caseId"_L1, CaseId}}));
        const auto outcome = warroom::test::runCall<QString>(
            [&](auto done) { m_client->createCase(input, done); });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value, CaseId);
        QCOMPARE(outcome->httpStatus, 201);
        EXPECT_REQUEST("POST", "/v1/create-case");
        QCOMPARE(request.request.headerValue("content-type"), QByteArray("application/json"));
        const QJsonObject body = request.json();
        QVERIFY2(UuidPattern.match(body.value("clientToken"_L1).toString()).hasMatch(),
            qPrintable(body.value("clientToken"_L1).toString()));
        QCOMPARE(body.value("title"_L1).toString(), input.title);
        QCOMPARE(body.value("engagementType"_L1).toString(), u"Security Incident"_s);
        QCOMPARE(body.value("resolverType"_L1).toString(), u"Self"_s);
        QCOMPARE(body.value("reportedIncidentStartDate"_L1).toDouble(), 1793491200.0);
        QCOMPARE(body.value("impactedAccounts"_L1).toArray().size(), 1);
        QVERIFY(body.value("watchers"_L1).isArray());

        // A caller's token is sent unchanged.
        input.clientToken = u"my-token"_s;
        m_server.enqueue(ScriptedResponse::json(201, {{"caseId"_L1, CaseId}}));
        QVERIFY(
            warroom::test::runCall<QString>([&](auto done) { m_client->createCase(input, done); }));
        QCOMPARE(
            m_server.requests().value(0).json().value("clientToken"_L1).toString(), u"my-token"_s);
        m_server.clear();
    }

    void getCase()
    {
        m_server.enqueue(ScriptedResponse::json(200,
            {{"title"_L1, u"T"_s}, {"caseStatus"_L1, u"Detection and Analysis"_s},
                {"createdDate"_L1, 1700000000.5},
                {"impactedAccounts"_L1, QJsonArray {u"111122223333"_s}}}));
        const auto outcome = warroom::test::runCall<domain::Case>(
            [&](auto done) { m_client->getCase(CaseId, done); });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value.caseId, CaseId);
        QCOMPARE(outcome->value.caseStatus, domain::CaseStatus::DetectionAndAnalysis);
        QCOMPARE(outcome->value.createdDate.toMSecsSinceEpoch(), 1700000000500);
        EXPECT_REQUEST("GET", "/v1/cases/1234567890/get-case");
        QVERIFY(request.request.body.isEmpty());
        QVERIFY(!request.request.hasHeader("content-type"));
    }

    void updateCase()
    {
        domain::UpdateCaseRequest input;
        input.caseId = CaseId;
        input.title = u"New title"_s;
        input.impactedAccountsToAdd = {u"444455556666"_s};
        QVERIFY(warroom::test::runCall<NoOutput>(
            [&](auto done) { m_client->updateCase(input, done); }));
        EXPECT_REQUEST("POST", "/v1/cases/1234567890/update-case");
        QCOMPARE(request.json().value("title"_L1).toString(), u"New title"_s);
        QVERIFY(!request.json().contains("caseId"_L1));
        QCOMPARE(request.json().value("impactedAccountsToAdd"_L1).toArray().at(0).toString(),
            u"444455556666"_s);
    }

    void updateCaseStatus()
    {
        m_server.enqueue(ScriptedResponse::json(
            201, {{"caseStatus"_L1, u"Containment, Eradication and Recovery"_s}}));
        const auto outcome
            = warroom::test::runCall<std::optional<domain::CaseStatus>>([&](auto done) {
                  m_client->updateCaseStatus(
                      CaseId, domain::CaseStatus::ContainmentEradicationAndRecovery, done);
              });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value, domain::CaseStatus::ContainmentEradicationAndRecovery);
        EXPECT_REQUEST("POST", "/v1/cases/1234567890/update-case-status");
        QCOMPARE(request.json(),
            QJsonObject({{"caseStatus"_L1, u"Containment, Eradication and Recovery"_s}}));
    }

    void updateResolverType()
    {
        m_server.enqueue(ScriptedResponse::json(200,
            {{"caseId"_L1, CaseId}, {"caseStatus"_L1, u"Submitted"_s},
                {"resolverType"_L1, u"AWS"_s}}));
        const auto outcome = warroom::test::runCall<UpdateResolverTypeResult>([&](auto done) {
            m_client->updateResolverType(CaseId, domain::ResolverType::AWS, done);
        });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value.resolverType, domain::ResolverType::AWS);
        QCOMPARE(outcome->value.caseStatus, domain::CaseStatus::Submitted);
        EXPECT_REQUEST("POST", "/v1/cases/1234567890/update-resolver-type");
        QCOMPARE(request.json(), QJsonObject({{"resolverType"_L1, u"AWS"_s}}));
    }

    void closeCase()
    {
        m_server.enqueue(ScriptedResponse::json(
            200, {{"caseStatus"_L1, u"Closed"_s}, {"closedDate"_L1, 1800000000}}));
        const auto outcome = warroom::test::runCall<CloseCaseResult>(
            [&](auto done) { m_client->closeCase(CaseId, done); });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value.caseStatus, domain::CaseStatus::Closed);
        QCOMPARE(outcome->value.closedDate.toSecsSinceEpoch(), 1800000000);
        EXPECT_REQUEST("POST", "/v1/cases/1234567890/close-case");
        QVERIFY(request.request.body.isEmpty()); // as botocore: no body members, no body
    }

    void listCases()
    {
        m_server.enqueue(ScriptedResponse::json(200,
            {{"items"_L1,
                 QJsonArray {QJsonObject {{"caseId"_L1, CaseId}, {"title"_L1, u"A"_s},
                     {"caseStatus"_L1, u"Submitted"_s}}}},
                {"nextToken"_L1, u"tok-2"_s}, {"total"_L1, 41}}));
        const auto outcome = warroom::test::runCall<Page<domain::CaseSummary>>([&](auto done) {
            m_client->listCases({u"tok-1"_s, 25}, done);
        });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value.items.size(), 1);
        QCOMPARE(outcome->value.items.first().caseId, CaseId);
        QCOMPARE(outcome->value.nextToken, u"tok-2"_s);
        QCOMPARE(outcome->value.total, 41);
        EXPECT_REQUEST("POST", "/v1/list-cases");
        QCOMPARE(
            request.json(), QJsonObject({{"nextToken"_L1, u"tok-1"_s}, {"maxResults"_L1, 25}}));

        // The first page without a token still sends a JSON body ({}), like botocore.
        QVERIFY(warroom::test::runCall<Page<domain::CaseSummary>>(
            [&](auto done) { m_client->listCases({}, done); }));
        QCOMPARE(m_server.requests().value(0).request.body, QByteArray("{}"));
        m_server.clear();
    }

    void createCaseComment()
    {
        m_server.enqueue(ScriptedResponse::json(201, {{"commentId"_L1, u"000001"_s}}));
        const auto outcome = warroom::test::runCall<QString>([&](auto done) {
            m_client->createCaseComment(CaseId, u"Contained the host"_s, QString(), done);
        });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value, u"000001"_s);
        EXPECT_REQUEST("POST", "/v1/cases/1234567890/create-comment");
        QCOMPARE(request.json().value("body"_L1).toString(), u"Contained the host"_s);
        QVERIFY(UuidPattern.match(request.json().value("clientToken"_L1).toString()).hasMatch());
    }

    void updateCaseComment()
    {
        m_server.enqueue(
            ScriptedResponse::json(200, {{"commentId"_L1, u"000001"_s}, {"body"_L1, u"Edited"_s}}));
        const auto outcome = warroom::test::runCall<UpdateCaseCommentResult>([&](auto done) {
            m_client->updateCaseComment(CaseId, u"000001"_s, u"Edited"_s, done);
        });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value.body, u"Edited"_s);
        EXPECT_REQUEST("PUT", "/v1/cases/1234567890/update-case-comment/000001");
        QCOMPARE(request.json(), QJsonObject({{"body"_L1, u"Edited"_s}}));
    }

    void listComments()
    {
        m_server.enqueue(ScriptedResponse::json(200,
            {{"items"_L1,
                 QJsonArray {QJsonObject {{"commentId"_L1, u"000001"_s}, {"body"_L1, u"Hi"_s},
                     {"createdDate"_L1, 1700000000}}}},
                {"total"_L1, 1}}));
        const auto outcome = warroom::test::runCall<Page<domain::Comment>>([&](auto done) {
            m_client->listComments(CaseId, {QString(), 10}, done);
        });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value.items.first().body, u"Hi"_s);
        QCOMPARE(outcome->value.items.first().caseId, CaseId);
        QVERIFY(outcome->value.nextToken.isEmpty());
        EXPECT_REQUEST("POST", "/v1/cases/1234567890/list-comments");
        QCOMPARE(request.json(), QJsonObject({{"maxResults"_L1, 10}}));
    }

    void listCaseEdits()
    {
        m_server.enqueue(ScriptedResponse::json(200,
            {{"items"_L1,
                QJsonArray {QJsonObject {{"eventTimestamp"_L1, 1700000000},
                    {"action"_L1, u"CaseCreated"_s}, {"principal"_L1, u"111122223333"_s},
                    {"message"_L1, u"Case was created"_s}}}}}));
        const auto outcome = warroom::test::runCall<Page<domain::CaseEdit>>(
            [&](auto done) { m_client->listCaseEdits(CaseId, {}, done); });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value.items.first().action, u"CaseCreated"_s);
        EXPECT_REQUEST("POST", "/v1/cases/1234567890/list-case-edits");
    }

    void attachmentUrls()
    {
        m_server.enqueue(ScriptedResponse::json(
            201, {{"attachmentPresignedUrl"_L1, u"https://bucket.s3.amazonaws.com/up"_s}}));
        const auto upload = warroom::test::runCall<QString>([&](auto done) {
            m_client->getCaseAttachmentUploadUrl(CaseId, u"memdump.bin"_s, 1024, QString(), done);
        });
        QVERIFY(upload && upload->ok());
        QCOMPARE(upload->value, u"https://bucket.s3.amazonaws.com/up"_s);
        {
            EXPECT_REQUEST("POST", "/v1/cases/1234567890/get-presigned-url");
            QCOMPARE(request.json().value("fileName"_L1).toString(), u"memdump.bin"_s);
            QCOMPARE(request.json().value("contentLength"_L1).toInteger(), 1024);
            QVERIFY(
                UuidPattern.match(request.json().value("clientToken"_L1).toString()).hasMatch());
        }
        m_server.enqueue(ScriptedResponse::json(
            201, {{"attachmentPresignedUrl"_L1, u"https://bucket.s3.amazonaws.com/down"_s}}));
        const QString attachmentId = u"0b6a2f3e-8f0e-4a57-9d43-5d5f2a1c7e11"_s;
        const auto download = warroom::test::runCall<QString>(
            [&](auto done) { m_client->getCaseAttachmentDownloadUrl(CaseId, attachmentId, done); });
        QVERIFY(download && download->ok());
        QCOMPARE(download->httpStatus, 201);
        EXPECT_REQUEST(
            "GET", "/v1/cases/1234567890/get-presigned-url/0b6a2f3e-8f0e-4a57-9d43-5d5f2a1c7e11");
    }

    void listInvestigationsUsesTheQueryString()
    {
        m_server.enqueue(ScriptedResponse::json(200,
            {{"investigationActions"_L1,
                QJsonArray {QJsonObject {{"investigationId"_L1, u"inv-abcdefghij"_s},
                    {"actionType"_L1, u"Investigation"_s}, {"title"_L1, u"Lateral movement"_s},
                    {"content"_L1, u"# Found"_s}, {"status"_L1, u"Completed"_s},
                    {"lastUpdated"_L1, 1700000000}}}}}));
        const auto outcome = warroom::test::runCall<Page<domain::Investigation>>([&](auto done) {
            m_client->listInvestigations(CaseId, {u"a b/c"_s, 5}, done);
        });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value.items.first().investigationId, u"inv-abcdefghij"_s);
        QCOMPARE(outcome->value.items.first().status, domain::ExecutionStatus::Completed);
        EXPECT_REQUEST(
            "GET", "/v1/cases/1234567890/list-investigations?nextToken=a%20b%2Fc&maxResults=5");
        QVERIFY(request.request.body.isEmpty());
    }

    void sendFeedback()
    {
        QVERIFY(warroom::test::runCall<NoOutput>([&](auto done) {
            m_client->sendFeedback(CaseId, u"inv-abcdefghij"_s, domain::UsefulnessRating::NotUseful,
                u"Wrong host"_s, done);
        }));
        EXPECT_REQUEST("POST", "/v1/cases/1234567890/feedback/inv-abcdefghij/send-feedback");
        QCOMPARE(request.json(),
            QJsonObject({{"usefulness"_L1, u"NOT_USEFUL"_s}, {"comment"_L1, u"Wrong host"_s}}));
    }

    void createMembership()
    {
        domain::CreateMembershipRequest input;
        input.membershipName = u"Warroom"_s;
        input.incidentResponseTeam = {{u"Ada Lovelace"_s, u"CISO"_s, u"ada@example.com"_s, {}},
            {u"Alan Turing"_s, u"Responder"_s, u"alan@example.com"_s, {}}};
        input.coverEntireOrganization = true;
        m_server.enqueue(ScriptedResponse::json(201, {{"membershipId"_L1, u"m-abcdefghij"_s}}));
        const auto outcome = warroom::test::runCall<QString>(
            [&](auto done) { m_client->createMembership(input, done); });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value, u"m-abcdefghij"_s);
        EXPECT_REQUEST("POST", "/v1/membership");
        QCOMPARE(request.json().value("incidentResponseTeam"_L1).toArray().size(), 2);
        QCOMPARE(request.json().value("coverEntireOrganization"_L1).toBool(), true);
        QVERIFY(UuidPattern.match(request.json().value("clientToken"_L1).toString()).hasMatch());
    }

    void getMembership()
    {
        m_server.enqueue(ScriptedResponse::json(200,
            {{"membershipId"_L1, u"m-abcdefghij"_s}, {"accountId"_L1, u"123456789012"_s},
                {"membershipStatus"_L1, u"Active"_s}, {"numberOfAccountsCovered"_L1, 12}}));
        const auto outcome = warroom::test::runCall<domain::Membership>(
            [&](auto done) { m_client->getMembership(u"m-abcdefghij"_s, done); });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value.membershipStatus, domain::MembershipStatus::Active);
        QCOMPARE(outcome->value.numberOfAccountsCovered, 12);
        EXPECT_REQUEST("GET", "/v1/membership/m-abcdefghij");
    }

    void updateMembership()
    {
        domain::UpdateMembershipRequest input;
        input.membershipId = u"m-abcdefghij"_s;
        domain::MembershipAccountsConfigurationsUpdate scope;
        scope.organizationalUnitsToAdd = QStringList {u"ou-abcd-12345678"_s};
        input.membershipAccountsConfigurationsUpdate = scope;
        QVERIFY(warroom::test::runCall<NoOutput>(
            [&](auto done) { m_client->updateMembership(input, done); }));
        EXPECT_REQUEST("PUT", "/v1/membership/m-abcdefghij/update-membership");
        QCOMPARE(request.json()
                     .value("membershipAccountsConfigurationsUpdate"_L1)
                     .toObject()
                     .value("organizationalUnitsToAdd"_L1)
                     .toArray()
                     .at(0)
                     .toString(),
            u"ou-abcd-12345678"_s);
    }

    void cancelMembership()
    {
        m_server.enqueue(ScriptedResponse::json(200, {{"membershipId"_L1, u"m-abcdefghij"_s}}));
        const auto outcome = warroom::test::runCall<QString>(
            [&](auto done) { m_client->cancelMembership(u"m-abcdefghij"_s, done); });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value, u"m-abcdefghij"_s);
        EXPECT_REQUEST("PUT", "/v1/membership/m-abcdefghij");
        QVERIFY(request.request.body.isEmpty());
    }

    void listMemberships()
    {
        m_server.enqueue(ScriptedResponse::json(200,
            {{"items"_L1,
                QJsonArray {QJsonObject {{"membershipId"_L1, u"m-abcdefghij"_s},
                    {"region"_L1, u"us-east-1"_s}, {"membershipStatus"_L1, u"Cancelled"_s}}}}}));
        const auto outcome = warroom::test::runCall<Page<MembershipSummary>>(
            [&](auto done) { m_client->listMemberships({}, done); });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(
            outcome->value.items.first().membershipStatus, domain::MembershipStatus::Cancelled);
        QVERIFY(!outcome->value.total);
        EXPECT_REQUEST("POST", "/v1/memberships");
    }

    void batchGetMemberAccountDetails()
    {
        m_server.enqueue(ScriptedResponse::json(200,
            {{"items"_L1,
                 QJsonArray {QJsonObject {{"accountId"_L1, u"111122223333"_s},
                     {"relationshipStatus"_L1, u"Associated"_s},
                     {"relationshipType"_L1, u"Organization"_s}}}},
                {"errors"_L1,
                    QJsonArray {QJsonObject {{"accountId"_L1, u"444455556666"_s},
                        {"error"_L1, u"NotFound"_s}, {"message"_L1, u"not in org"_s}}}}}));
        const auto outcome = warroom::test::runCall<MemberAccountDetails>([&](auto done) {
            m_client->batchGetMemberAccountDetails(
                u"m-abcdefghij"_s, {u"111122223333"_s, u"444455556666"_s}, done);
        });
        QVERIFY(outcome && outcome->ok());
        QCOMPARE(outcome->value.items.first().relationshipStatus,
            domain::MembershipAccountRelationshipStatus::Associated);
        QCOMPARE(outcome->value.errors.first().error, u"NotFound"_s);
        EXPECT_REQUEST("POST", "/v1/membership/m-abcdefghij/batch-member-details");
        QCOMPARE(request.json().value("accountIds"_L1).toArray().size(), 2);
    }

    void tagsEncodeTheArnLabel()
    {
        m_server.enqueue(ScriptedResponse::raw(204, "No Content", QByteArray()));
        const auto tagged = warroom::test::runCall<NoOutput>([&](auto done) {
            m_client->tagResource(CaseArn, {{u"team"_s, u"blue"_s}}, done);
        });
        QVERIFY(tagged && tagged->ok());
        QCOMPARE(tagged->httpStatus, 204);
        {
            EXPECT_REQUEST("POST", "/v1/tags/" + EncodedCaseArn);
            QCOMPARE(
                request.json(), QJsonObject({{"tags"_L1, QJsonObject {{"team"_L1, u"blue"_s}}}}));
        }
        QVERIFY(warroom::test::runCall<NoOutput>([&](auto done) {
            m_client->untagResource(CaseArn, {u"team"_s, u"b c"_s}, done);
        }));
        {
            EXPECT_REQUEST("DELETE", "/v1/tags/" + EncodedCaseArn + "?tagKeys=team&tagKeys=b%20c");
            QVERIFY(request.request.body.isEmpty());
        }
        m_server.enqueue(ScriptedResponse::json(
            200, {{"tags"_L1, QJsonObject {{"team"_L1, u"blue"_s}, {"env"_L1, u"prod"_s}}}}));
        const auto listed = warroom::test::runCall<domain::Tags>(
            [&](auto done) { m_client->listTagsForResource(CaseArn, done); });
        QVERIFY(listed && listed->ok());
        QCOMPARE(listed->value.value(u"env"_s), u"prod"_s);
        EXPECT_REQUEST("GET", "/v1/tags/" + EncodedCaseArn);
        // The canonical URI is the wire path encoded again (%3A -> %253A).
        const SigV4Verification verification
            = warroom::test::verifyReceived(request, "security-ir", "us-east-1");
        QVERIFY(verification.canonicalRequest.contains("/v1/tags/arn%253Aaws%253Asecurity-ir"));
    }

    void paginatorsFollowNextToken_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("cases") << u"cases"_s;
        QTest::newRow("comments") << u"comments"_s;
        QTest::newRow("edits") << u"edits"_s;
        QTest::newRow("memberships") << u"memberships"_s;
        QTest::newRow("investigations") << u"investigations"_s;
    }

    void paginatorsFollowNextToken()
    {
        QFETCH(QString, kind);
        const QString itemsKey = kind == u"investigations" ? u"investigationActions"_s : u"items"_s;
        auto item = [&](int i) -> QJsonObject {
            if (kind == u"cases")
                return {{"caseId"_L1, QString::number(1000000000 + i)}};
            if (kind == u"comments")
                return {{"commentId"_L1, u"%1"_s.arg(i, 6, 10, QLatin1Char('0'))}};
            if (kind == u"edits")
                return {{"action"_L1, u"edit %1"_s.arg(i)}};
            if (kind == u"memberships")
                return {{"membershipId"_L1, u"m-member%1xx"_s.arg(i)}};
            return {{"investigationId"_L1, u"inv-abcdefghi%1"_s.arg(i)}};
        };
        // Three pages: tokens p2, p3, then none.
        m_server.setHandler([&](const ReceivedRequest &received) {
            QString token = received.json().value("nextToken"_L1).toString();
            for (const auto &[key, value] : received.request.query) {
                if (key == "nextToken")
                    token = QString::fromUtf8(value);
            }
            const int pageIndex = token.isEmpty() ? 0 : token.mid(1).toInt() - 1;
            QJsonObject page {
                {itemsKey, QJsonArray {item(pageIndex * 2), item(pageIndex * 2 + 1)}}};
            if (pageIndex < 2)
                page.insert("nextToken"_L1, u"p%1"_s.arg(pageIndex + 2));
            return ScriptedResponse::json(200, page);
        });
        int items = 0;
        int pages = 0;
        std::optional<AwsError> end;
        auto onDone = [&](const AwsError &error) {
            end = error;
        };
        auto count = [&](const auto &page) {
            ++pages;
            items += int(page.items.size());
            return true;
        };
        if (kind == u"cases")
            m_client->paginateCases(2, count, onDone);
        else if (kind == u"comments")
            m_client->paginateComments(CaseId, 2, count, onDone);
        else if (kind == u"edits")
            m_client->paginateCaseEdits(CaseId, 2, count, onDone);
        else if (kind == u"memberships")
            m_client->paginateMemberships(2, count, onDone);
        else
            m_client->paginateInvestigations(CaseId, 2, count, onDone);
        QVERIFY(warroom::test::spinUntil([&] { return end.has_value(); }));
        m_server.setHandler({});
        QVERIFY2(!end->isError(), qPrintable(end->toString()));
        QCOMPARE(pages, 3);
        QCOMPARE(items, 6);
        const QList<ReceivedRequest> requests = m_server.requests();
        m_server.clear();
        QCOMPARE(requests.size(), 3);
        if (kind == u"investigations") {
            QCOMPARE(requests.at(0).target,
                QByteArray("/v1/cases/1234567890/list-investigations?maxResults=2"));
            QCOMPARE(requests.at(2).target,
                QByteArray("/v1/cases/1234567890/list-investigations?nextToken=p3&maxResults=2"));
        } else {
            QCOMPARE(requests.at(1).json(),
                QJsonObject({{"nextToken"_L1, u"p2"_s}, {"maxResults"_L1, 2}}));
        }
    }

    void paginatorStopsAndCancels()
    {
        m_server.setHandler([](const ReceivedRequest &) {
            return ScriptedResponse::json(200,
                {{"items"_L1, QJsonArray {QJsonObject {{"caseId"_L1, CaseId}}}},
                    {"nextToken"_L1, QUuid::createUuid().toString()}});
        });
        // The page callback says stop after two pages.
        int pages = 0;
        std::optional<AwsError> end;
        m_client->paginateCases(
            1, [&](const Page<domain::CaseSummary> &) { return ++pages < 2; },
            [&](const AwsError &error) { end = error; });
        QVERIFY(warroom::test::spinUntil([&] { return end.has_value(); }));
        QVERIFY(!end->isError());
        QCOMPARE(pages, 2);
        QCOMPARE(m_server.requests().size(), 2);
        m_server.clear();

        // cancel() from outside ends it with Cancelled and nothing more is reported.
        end.reset();
        pages = 0;
        AwsPaginator *paginator = m_client->paginateCases(
            1, [&](const Page<domain::CaseSummary> &) { return ++pages > 0; },
            [&](const AwsError &error) { end = error; });
        QVERIFY(warroom::test::spinUntil([&] { return pages >= 3; }));
        paginator->cancel();
        QVERIFY(end.has_value());
        QCOMPARE(end->kind, AwsError::Kind::Cancelled);
        const int pagesAtCancel = pages;
        QTest::qWait(100);
        QCOMPARE(pages, pagesAtCancel);
        m_server.setHandler({});
        m_server.clear();
    }

    void paginatorReportsErrors()
    {
        m_server.enqueue(ScriptedResponse::json(200,
            {{"items"_L1, QJsonArray {QJsonObject {{"caseId"_L1, CaseId}}}},
                {"nextToken"_L1, u"x"_s}}));
        m_server.enqueue(ScriptedResponse::json(
            403, {{"__type"_L1, u"AccessDeniedException"_s}, {"message"_L1, u"no"_s}}));
        std::optional<AwsError> end;
        int pages = 0;
        m_client->paginateCases(
            1, [&](const Page<domain::CaseSummary> &) { return ++pages > 0; },
            [&](const AwsError &error) { end = error; });
        QVERIFY(warroom::test::spinUntil([&] { return end.has_value(); }));
        QCOMPARE(pages, 1);
        QCOMPARE(end->type, u"AccessDeniedException"_s);
        m_server.clear();
    }
};

QTEST_GUILESS_MAIN(TestAwsClientSecurityIr)
#include "tst_awsclient_securityir.moc"
