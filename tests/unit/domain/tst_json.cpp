#include <QtTest/QtTest>

#include "domain/Case.h"
#include "domain/CaseEdit.h"
#include "domain/CaseJson.h"
#include "domain/CaseRequests.h"
#include "domain/Comment.h"
#include "domain/Finding.h"
#include "domain/FindingJson.h"
#include "domain/Investigation.h"
#include "domain/InvestigationJson.h"
#include "domain/JsonTime.h"
#include "domain/MembershipJson.h"
#include "domain/MembershipRequests.h"
#include "domain/SuppressionRule.h"
#include "domain/SuppressionRuleJson.h"

using namespace warroom::domain;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QJsonObject parse(const QByteArray &text)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", text.constData());
    return doc.object();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Serialise to bytes and parse again, as the wire does.
template<typename T> T roundTrip(const T &value, FieldErrors &errors)
{
    T back;
    fromJson(parse(compact(toJson(value))), back, &errors);
    return back;
}

QString describe(const FieldErrors &errors)
{
    QStringList lines;
    for (const FieldError &e : errors)
        lines.append(e.field + u": "_s + e.message);
    return lines.join(u'\n');
}

Case fullCase()
{
    Case c;
    c.caseId = u"1234567890"_s;
    c.title = u"Crypto-mining on i-0abc, \"quoted\" & ünïcödé 🚨"_s;
    c.caseArn = u"arn:aws:security-ir:eu-west-1:123456789012:case/1234567890"_s;
    c.description = u"Line one\nLine two"_s;
    c.caseStatus = CaseStatus::ContainmentEradicationAndRecovery;
    c.engagementType = EngagementType::SecurityIncident;
    c.reportedIncidentStartDate = at(1700000000000);
    c.actualIncidentStartDate = at(1699990000500);
    c.impactedAwsRegions = {{u"eu-west-1"_s}, {u"us-east-1"_s}};
    c.threatActorIpAddresses
        = {{u"203.0.113.7"_s, u"curl/8.0"_s}, {u"2001:DB8:0:0:0:0:0:1"_s, QString()}};
    c.pendingAction = PendingAction::Customer;
    c.impactedAccounts = {u"123456789012"_s, u"000000000001"_s};
    c.watchers = {{u"ic@example.com"_s, u"Ines Commander"_s, u"IC"_s},
        {u"only@example.com"_s, QString(), QString()}};
    c.createdDate = at(1700000001000);
    c.lastUpdatedDate = at(1700000002250);
    c.closureCode = ClosureCode::FalsePositive;
    c.resolverType = ResolverType::Self;
    c.impactedServices = {u"Amazon EC2"_s, u"IAM"_s};
    c.caseAttachments = {{u"0f8fad5b-d9cb-469f-a165-70867728950e"_s, u"evidence.zip"_s,
        AttachmentStatus::Verified, u"123456789012"_s, at(1700000003000)}};
    c.closedDate = at(1700000004000);
    c.caseMetadata = {{u"ticket"_s, u"INC-1"_s}, {u"sev"_s, u"1"_s}};
    c.tags = {{u"team"_s, u"blue"_s}, {u"empty"_s, QString()}};
    return c;
}

Membership fullMembership()
{
    Membership m;
    m.membershipId = u"m-abcdef123456"_s;
    m.accountId = u"123456789012"_s;
    m.region = u"eu-central-1"_s;
    m.membershipName = u"Acme IR"_s;
    m.membershipArn = u"arn:aws:security-ir:eu-central-1:123456789012:membership/m-abcdef123456"_s;
    m.membershipStatus = MembershipStatus::Active;
    m.membershipActivationTimestamp = at(1600000000000);
    m.membershipDeactivationTimestamp = at(1800000000123);
    m.customerType = CustomerType::Organization;
    m.numberOfAccountsCovered = 42;
    m.incidentResponseTeam
        = {{u"Ada Lovelace"_s, u"CISO"_s, u"ada@example.com"_s,
               {CommunicationType::CaseCreated, CommunicationType::DisableAwsServiceAccess}},
            {u"Bob"_s, u"Analyst"_s, u"bob@example.com"_s, {}}};
    m.optInFeatures = {{OptInFeatureName::Triage, true}};
    m.membershipAccountsConfigurations.coverEntireOrganization = false;
    m.membershipAccountsConfigurations.organizationalUnits = {u"ou-ab12-cd34ef56"_s};
    m.tags = {{u"env"_s, u"prod"_s}};
    return m;
}

Finding fullFinding()
{
    Finding f;
    f.id = u"arn:aws:guardduty:us-east-1:123456789012:detector/d/finding/f1"_s;
    f.source = FindingSource::SecurityHub;
    f.productName = u"aws/guardduty"_s;
    f.type = u"Recon:EC2/PortProbeUnprotectedPort"_s;
    f.title = u"Unprotected port"_s;
    f.description = u"Port 22 is being probed"_s;
    f.severityLabel = SeverityLabel::Medium;
    f.severityScore = 5.3;
    f.accountId = u"123456789012"_s;
    f.region = u"us-gov-west-1"_s;
    f.resourceType = u"Instance"_s;
    f.resourceId = u"i-99999999"_s;
    f.remoteIps = {u"198.51.100.1"_s, u"2001:db8::1"_s};
    f.firstSeen = at(1700000000000);
    f.lastSeen = at(1700000100500);
    f.createdAt = at(1700000000001);
    f.updatedAt = at(1700000200000);
    f.count = 17;
    f.archived = true;
    f.workflowState = u"NOTIFIED"_s;
    f.verdict = Verdict::Escalated;
    f.verdictRule = u"rule-7"_s;
    f.caseId = u"1234567890"_s;
    f.rawJson = "{\"id\": \"f1\",  \"x\": [1, 2]}";
    return f;
}

SuppressionRule fullRule()
{
    SuppressionRule r;
    r.id = u"r-1"_s;
    r.name = u"Trusted scanners"_s;
    r.description = u"Our own vulnerability scanner"_s;
    r.position = 3;
    r.enabled = false;
    r.terminal = false;
    r.action = RuleAction::Queue;
    r.criteria = {{u"remoteIps"_s, RuleOperator::InCidr, u"10.0.0.0/8"_s},
        {u"severityScore"_s, RuleOperator::LessOrEqual, u"4"_s},
        {u"type"_s, RuleOperator::Prefix, u"Recon:"_s}};
    r.expiresAt = at(1900000000000);
    r.hitCount = 12345;
    r.createdAt = at(1700000000000);
    return r;
}

} // namespace

class TestDomainJson final : public QObject
{
    Q_OBJECT

private slots:
    void caseRoundTrip()
    {
        const Case c = fullCase();
        FieldErrors errors;
        const Case back = roundTrip(c, errors);
        QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
        QCOMPARE(back.title, c.title);
        QCOMPARE(back.actualIncidentStartDate, c.actualIncidentStartDate);
        QVERIFY(back == c);
        QVERIFY(back.reportedIncidentStartDate.timeSpec() == Qt::UTC);
    }

    void caseUsesApiNames()
    {
        const QJsonObject o = toJson(fullCase());
        const QStringList expected {u"caseId"_s, u"title"_s, u"caseArn"_s, u"description"_s,
            u"caseStatus"_s, u"engagementType"_s, u"reportedIncidentStartDate"_s,
            u"actualIncidentStartDate"_s, u"impactedAwsRegions"_s, u"threatActorIpAddresses"_s,
            u"pendingAction"_s, u"impactedAccounts"_s, u"watchers"_s, u"createdDate"_s,
            u"lastUpdatedDate"_s, u"closureCode"_s, u"resolverType"_s, u"impactedServices"_s,
            u"caseAttachments"_s, u"closedDate"_s, u"caseMetadata"_s, u"tags"_s};
        QStringList keys = o.keys();
        QStringList sorted = expected;
        keys.sort();
        sorted.sort();
        QCOMPARE(keys, sorted);
        QCOMPARE(o.value("caseStatus"_L1).toString(), u"Containment, Eradication and Recovery"_s);
        QCOMPARE(o.value("closureCode"_L1).toString(), u"False Positive"_s);
        // ImpactedAwsRegion is an object, not a bare string.
        const QJsonValue region = o.value("impactedAwsRegions"_L1).toArray().at(0);
        QVERIFY(region.isObject());
        QCOMPARE(region.toObject().value("region"_L1).toString(), u"eu-west-1"_s);
        // The second threat actor IP has no user agent: omitted, not null.
        const QJsonObject ip = o.value("threatActorIpAddresses"_L1).toArray().at(1).toObject();
        QCOMPARE(ip.keys(), QStringList {u"ipAddress"_s});
        // Empty tag value is legal (0-256) and kept.
        QVERIFY(o.value("tags"_L1).toObject().contains("empty"_L1));
    }

    void absentFieldsAreOmitted()
    {
        Case c;
        c.caseId = u"1234567890"_s;
        const QJsonObject o = toJson(c);
        QCOMPARE(o.keys(), QStringList {u"caseId"_s});
        QVERIFY(!compact(toJson(Membership {})).contains("null"));
        QCOMPARE(toJson(Membership {}).size(), 0);
        QCOMPARE(toJson(Investigation {}).size(), 0);
        FieldErrors errors;
        QVERIFY(roundTrip(c, errors) == c);
        QVERIFY(errors.isEmpty());
    }

    void nullReadsAsAbsent()
    {
        Case c;
        FieldErrors errors;
        QVERIFY(fromJson(
            parse(R"({"caseId":"1234567890","title":null,"closedDate":null})"), c, &errors));
        QVERIFY(errors.isEmpty());
        QVERIFY(c.title.isEmpty());
        QVERIFY(!c.closedDate.isValid());
    }

    void timestampsWrite_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("whole") << qint64(1700000000000) << QByteArray("1700000000");
        QTest::newRow("epoch") << qint64(0) << QByteArray("0");
        QTest::newRow("half") << qint64(1700000000500) << QByteArray("1700000000.5");
        QTest::newRow("millis") << qint64(1700000000123) << QByteArray("1700000000.123");
        QTest::newRow("before 1970") << qint64(-1500) << QByteArray("-1.5");
    }

    void timestampsWrite()
    {
        QFETCH(qint64, ms);
        QFETCH(QByteArray, json);
        Comment c;
        c.commentId = u"000001"_s;
        c.createdDate = at(ms);
        const QByteArray text = compact(toJson(c));
        QVERIFY2(text.contains(QByteArray("\"createdDate\":" + json + "}")), text.constData());
        Comment back;
        QVERIFY(fromJson(parse(text), back));
        QCOMPARE(back.createdDate.toMSecsSinceEpoch(), ms);
    }

    void timestampsRead_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("integer") << QByteArray("946684800") << qint64(946684800000);
        QTest::newRow("fraction") << QByteArray("946684800.25") << qint64(946684800250);
        QTest::newRow("exponent") << QByteArray("9.466848e8") << qint64(946684800000);
        QTest::newRow("sub-ms rounds") << QByteArray("1.0004") << qint64(1000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
    }

    void timestampsRead()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, ms);
        CaseEdit e;
        FieldErrors errors;
        QVERIFY(fromJson(parse(QByteArray("{\"eventTimestamp\":" + value + "}")), e, &errors));
        QCOMPARE(e.eventTimestamp.toMSecsSinceEpoch(), ms);
        QCOMPARE(e.eventTimestamp.timeSpec(), Qt::UTC);
    }

    void timestampHelpers()
    {
        QVERIFY(timestampToJson(QDateTime()).isUndefined());
        QVERIFY(!timestampFromJson(QJsonValue(u"2020-01-01T00:00:00Z"_s)));
        QVERIFY(!timestampFromJson(QJsonValue(1e15)));
        QCOMPARE(timestampFromJson(QJsonValue(1.5))->toMSecsSinceEpoch(), qint64(1500));
        QCOMPARE(fromEpochSeconds(2.0), at(2000));
        // A local-time QDateTime is written as the same instant.
        const QDateTime local = at(1700000000000).toLocalTime();
        QCOMPARE(timestampToJson(local).toInteger(), qint64(1700000000));
    }

    void summaryRoundTrip()
    {
        const CaseSummary s = summaryOf(fullCase());
        QCOMPARE(s.caseStatus, fullCase().caseStatus);
        FieldErrors errors;
        QVERIFY(roundTrip(s, errors) == s);
        QVERIFY(errors.isEmpty());
        QVERIFY(!toJson(s).contains("description"_L1));
    }

    void commentAndEditRoundTrip()
    {
        Comment c {u"1234567890"_s, u"000042"_s, at(1000), at(2500), u"AWS Responder"_s,
            u"123456789012"_s, u"Body with \"quotes\""_s};
        FieldErrors errors;
        QVERIFY(roundTrip(c, errors) == c);
        CaseEdit e {u"1234567890"_s, at(3000), u"arn:aws:iam::123456789012:user/a"_s,
            u"CaseStatusUpdated"_s, u"Status moved to Closed"_s};
        QVERIFY(roundTrip(e, errors) == e);
        QVERIFY(errors.isEmpty());
        QCOMPARE(toJson(e).value("eventTimestamp"_L1).toInteger(), qint64(3));
    }

    void membershipRoundTrip()
    {
        const Membership m = fullMembership();
        FieldErrors errors;
        const Membership back = roundTrip(m, errors);
        QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
        QVERIFY(back == m);
        const QJsonObject o = toJson(m);
        QCOMPARE(o.value("numberOfAccountsCovered"_L1).toInteger(), qint64(42));
        const QJsonObject cfg = o.value("membershipAccountsConfigurations"_L1).toObject();
        QCOMPARE(cfg.value("coverEntireOrganization"_L1), QJsonValue(false));
        QCOMPARE(o.value("incidentResponseTeam"_L1)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("communicationPreferences"_L1)
                     .toArray()
                     .at(1)
                     .toString(),
            u"Disable AWS Service Access"_s);
        QCOMPARE(o.value("optInFeatures"_L1).toArray().at(0).toObject(),
            parse(R"({"featureName":"Triage","isEnabled":true})"));
    }

    void investigationRoundTrip()
    {
        Investigation i;
        i.caseId = u"1234567890"_s;
        i.investigationId = u"inv-abcdefghij"_s;
        i.actionType = ActionType::Summarization;
        i.title = u"Summary"_s;
        i.content = u"# Findings\n* one"_s;
        i.status = ExecutionStatus::InProgress;
        i.lastUpdated = at(5000);
        i.feedback.usefulness = UsefulnessRating::NotUseful;
        i.feedback.comment = u"Missed the root cause"_s;
        i.feedback.submittedAt = at(6000);
        FieldErrors errors;
        QVERIFY(roundTrip(i, errors) == i);
        QVERIFY(errors.isEmpty());
        QCOMPARE(toJson(i).value("feedback"_L1).toObject().value("usefulness"_L1).toString(),
            u"NOT_USEFUL"_s);
        Investigation noFeedback = i;
        noFeedback.feedback = InvestigationFeedback {};
        QVERIFY(!toJson(noFeedback).contains("feedback"_L1));
    }

    void findingRoundTrip()
    {
        const Finding f = fullFinding();
        FieldErrors errors;
        const Finding back = roundTrip(f, errors);
        QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
        QCOMPARE(back.rawJson, f.rawJson); // byte for byte, spacing included
        QCOMPARE(back.severityScore, 5.3);
        QVERIFY(back == f);
        const QJsonObject o = toJson(f);
        QCOMPARE(o.value("source"_L1).toString(), u"SecurityHub"_s);
        QCOMPARE(o.value("verdict"_L1).toString(), u"Escalated"_s);
        QCOMPARE(o.value("severityLabel"_L1).toString(), u"Medium"_s);
    }

    void findingFingerprint()
    {
        const Finding f = fullFinding();
        Finding sameThing = f;
        sameThing.id = u"other-id"_s;
        sameThing.lastSeen = at(9);
        sameThing.remoteIps.clear();
        QCOMPARE(sameThing.fingerprint(), f.fingerprint());
        QCOMPARE(f.fingerprint().size(), 32);
        Finding otherAccount = f;
        otherAccount.accountId = u"210987654321"_s;
        QVERIFY(otherAccount.fingerprint() != f.fingerprint());
        Finding otherResource = f;
        otherResource.resourceId = u"i-11111111"_s;
        QVERIFY(otherResource.fingerprint() != f.fingerprint());
        Finding otherType = f;
        otherType.type = u"Recon:EC2/Portscan"_s;
        QVERIFY(otherType.fingerprint() != f.fingerprint());
        // Field boundaries matter.
        Finding a, b;
        a.type = u"ab"_s;
        a.resourceType = u"c"_s;
        b.type = u"a"_s;
        b.resourceType = u"bc"_s;
        QVERIFY(a.fingerprint() != b.fingerprint());
    }

    void suppressionRuleRoundTrip()
    {
        const SuppressionRule r = fullRule();
        FieldErrors errors;
        QVERIFY(roundTrip(r, errors) == r);
        QVERIFY(errors.isEmpty());
        const QJsonObject criterion = toJson(r).value("criteria"_L1).toArray().at(0).toObject();
        QCOMPARE(
            criterion, parse(R"({"field":"remoteIps","operator":"InCidr","value":"10.0.0.0/8"})"));
        SuppressionRule noExpiry = r;
        noExpiry.expiresAt = QDateTime();
        QVERIFY(!toJson(noExpiry).contains("expiresAt"_L1));
        QVERIFY(roundTrip(noExpiry, errors) == noExpiry);
    }

    void createCaseRequestRoundTrip()
    {
        CreateCaseRequest q;
        q.clientToken = u"603f2dde-1111-2222-3333-444455556666"_s;
        q.resolverType = ResolverType::AWS;
        q.title = u"T"_s;
        q.description = u"D"_s;
        q.engagementType = EngagementType::Investigation;
        q.reportedIncidentStartDate = at(1000);
        q.impactedAccounts = QStringList();
        q.watchers = QList<Watcher>();
        q.impactedAwsRegions = {{u"us-east-1"_s}};
        q.impactedServices = {u"S3"_s};
        q.threatActorIpAddresses = {{u"192.0.2.1"_s, u"ua"_s}};
        q.tags = {{u"k"_s, u"v"_s}};
        const QJsonObject o = toJson(q);
        // Required lists are written even when empty.
        QCOMPARE(o.value("impactedAccounts"_L1), QJsonValue(QJsonArray()));
        QCOMPARE(o.value("watchers"_L1), QJsonValue(QJsonArray()));
        FieldErrors errors;
        QVERIFY(roundTrip(q, errors) == q);
        QVERIFY(errors.isEmpty());
        CreateCaseRequest missing;
        QVERIFY(fromJson(parse(R"({"title":"x"})"), missing));
        QVERIFY(!missing.impactedAccounts.has_value());
        QVERIFY(!missing.watchers.has_value());
    }

    void updateCaseRequestRoundTrip()
    {
        UpdateCaseRequest q;
        q.caseId = u"1234567890"_s;
        q.title = QString(); // present but empty: must survive, validation rejects it
        q.actualIncidentStartDate = at(1234);
        q.engagementType = EngagementType::SecurityIncident;
        q.watchersToAdd = {{u"a@example.com"_s, {}, {}}};
        q.watchersToDelete = {{u"b@example.com"_s, {}, {}}};
        q.threatActorIpAddressesToAdd = {{u"192.0.2.1"_s, {}}};
        q.threatActorIpAddressesToDelete = {{u"192.0.2.2"_s, {}}};
        q.impactedServicesToAdd = {u"EC2"_s};
        q.impactedServicesToDelete = {u"S3"_s};
        q.impactedAwsRegionsToAdd = {{u"eu-west-1"_s}};
        q.impactedAwsRegionsToDelete = {{u"eu-west-2"_s}};
        q.impactedAccountsToAdd = {u"123456789012"_s};
        q.impactedAccountsToDelete = {u"123456789013"_s};
        q.caseMetadata = CaseMetadata {{u"k"_s, u"v"_s}};
        const QJsonObject o = toJson(q);
        QVERIFY(!o.contains("caseId"_L1)); // URI member
        QVERIFY(o.contains("title"_L1));
        UpdateCaseRequest back;
        back.caseId = q.caseId;
        FieldErrors errors;
        QVERIFY(fromJson(parse(compact(o)), back, &errors));
        QVERIFY(back == q);
    }

    void membershipRequestsRoundTrip()
    {
        CreateMembershipRequest c;
        c.clientToken = u"tok"_s;
        c.membershipName = u"Acme"_s;
        c.incidentResponseTeam = fullMembership().incidentResponseTeam;
        c.optInFeatures = QList<OptInFeature> {{OptInFeatureName::Triage, false}};
        c.tags = {{u"a"_s, u"b"_s}};
        c.coverEntireOrganization = true;
        FieldErrors errors;
        QVERIFY(roundTrip(c, errors) == c);
        UpdateMembershipRequest u;
        u.membershipId = u"m-abcdef123456"_s;
        u.membershipName = u"New name"_s;
        u.incidentResponseTeam = c.incidentResponseTeam;
        u.optInFeatures = c.optInFeatures;
        MembershipAccountsConfigurationsUpdate cfg;
        cfg.coverEntireOrganization = false;
        cfg.organizationalUnitsToAdd = QStringList {u"ou-ab12-cd34ef56"_s};
        cfg.organizationalUnitsToRemove = QStringList {u"ou-zz99-aaaabbbb"_s};
        u.membershipAccountsConfigurationsUpdate = cfg;
        u.undoMembershipCancellation = true;
        UpdateMembershipRequest back;
        back.membershipId = u.membershipId;
        QVERIFY(fromJson(parse(compact(toJson(u))), back, &errors));
        QVERIFY(back == u);
        QVERIFY(errors.isEmpty());
        QVERIFY(!toJson(u).contains("membershipId"_L1));
    }

    void badInputReportsField_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("title number")
            << u"case"_s << QByteArray(R"({"title":5})") << u"title"_s << u"text, not a number"_s;
        QTest::newRow("unknown status") << u"case"_s << QByteArray(R"({"caseStatus":"Open"})")
                                        << u"caseStatus"_s << u"Unknown value \"Open\""_s;
        QTest::newRow("status lower-case") << u"case"_s << QByteArray(R"({"caseStatus":"closed"})")
                                           << u"caseStatus"_s << u"\"Closed\""_s;
        QTest::newRow("unknown resolver")
            << u"case"_s << QByteArray(R"({"resolverType":"Partner"})") << u"resolverType"_s
            << u"\"AWS\", \"Self\""_s;
        QTest::newRow("watcher email type")
            << u"case"_s << QByteArray(R"({"watchers":[{"email":"a@b.cd"},{"email":1}]})")
            << u"watchers[1].email"_s << u"not a number"_s;
        QTest::newRow("watchers not a list") << u"case"_s << QByteArray(R"({"watchers":{}})")
                                             << u"watchers"_s << u"a list, not an object"_s;
        QTest::newRow("watcher not an object")
            << u"case"_s << QByteArray(R"({"watchers":["a@b.cd"]})") << u"watchers[0]"_s
            << u"an object, not text"_s;
        QTest::newRow("date as ISO text")
            << u"case"_s << QByteArray(R"({"createdDate":"2020-01-01T00:00:00Z"})")
            << u"createdDate"_s << u"seconds since 1970"_s;
        QTest::newRow("date out of range") << u"case"_s << QByteArray(R"({"closedDate":1e300})")
                                           << u"closedDate"_s << u"between the years 1 and 9999"_s;
        QTest::newRow("unknown region")
            << u"case"_s << QByteArray(R"({"impactedAwsRegions":[{"region":"mars-north-1"}]})")
            << u"impactedAwsRegions[0].region"_s << u"\"mars-north-1\""_s;
        QTest::newRow("region as bare string")
            << u"case"_s << QByteArray(R"({"impactedAwsRegions":["us-east-1"]})")
            << u"impactedAwsRegions[0]"_s << u"an object"_s;
        QTest::newRow("tag value number")
            << u"case"_s << QByteArray(R"({"tags":{"team":1}})") << u"tags.team"_s << u"text"_s;
        QTest::newRow("attachment status")
            << u"case"_s << QByteArray(R"({"caseAttachments":[{"attachmentStatus":"Done"}]})")
            << u"caseAttachments[0].attachmentStatus"_s << u"\"Verified\""_s;
        QTest::newRow("account as number")
            << u"case"_s << QByteArray(R"({"impactedAccounts":[123456789012]})")
            << u"impactedAccounts[0]"_s << u"a number"_s;
        QTest::newRow("metadata entry not object")
            << u"case"_s << QByteArray(R"({"caseMetadata":[5]})") << u"caseMetadata[0]"_s
            << u"an object"_s;
        QTest::newRow("pending action")
            << u"summary"_s << QByteArray(R"({"caseId":"1234567890","pendingAction":"AWS"})")
            << u"pendingAction"_s << u"\"Customer\", \"None\""_s;
        QTest::newRow("comment body bool")
            << u"comment"_s << QByteArray(R"({"body":true})") << u"body"_s << u"true or false"_s;
        QTest::newRow("communication preference")
            << u"membership"_s
            << QByteArray(
                   R"({"incidentResponseTeam":[{},{"communicationPreferences":["Case Deleted"]}]})")
            << u"incidentResponseTeam[1].communicationPreferences[0]"_s << u"Case Deleted"_s;
        QTest::newRow("fractional count")
            << u"membership"_s << QByteArray(R"({"numberOfAccountsCovered":1.5})")
            << u"numberOfAccountsCovered"_s << u"whole number"_s;
        QTest::newRow("membership status")
            << u"membership"_s << QByteArray(R"({"membershipStatus":"Paused"})")
            << u"membershipStatus"_s << u"\"Active\""_s;
        QTest::newRow("opt-in name")
            << u"membership"_s
            << QByteArray(R"({"optInFeatures":[{"featureName":"Other","isEnabled":true}]})")
            << u"optInFeatures[0].featureName"_s << u"\"Triage\""_s;
        QTest::newRow("opt-in enabled missing")
            << u"membership"_s << QByteArray(R"({"optInFeatures":[{"featureName":"Triage"}]})")
            << u"optInFeatures[0].isEnabled"_s << u"required"_s;
        QTest::newRow("cover org as text")
            << u"membership"_s
            << QByteArray(
                   R"({"membershipAccountsConfigurations":{"coverEntireOrganization":"yes"}})")
            << u"membershipAccountsConfigurations.coverEntireOrganization"_s << u"true or false"_s;
        QTest::newRow("usefulness")
            << u"investigation"_s << QByteArray(R"({"feedback":{"usefulness":"MEH"}})")
            << u"feedback.usefulness"_s << u"\"USEFUL\", \"NOT_USEFUL\""_s;
        QTest::newRow("execution status")
            << u"investigation"_s << QByteArray(R"({"status":"Running"})") << u"status"_s
            << u"\"InProgress\""_s;
        QTest::newRow("finding severity")
            << u"finding"_s << QByteArray(R"({"severityLabel":"Severe"})") << u"severityLabel"_s
            << u"\"Critical\""_s;
        QTest::newRow("finding count text")
            << u"finding"_s << QByteArray(R"({"count":"3"})") << u"count"_s << u"text"_s;
        QTest::newRow("finding source") << u"finding"_s << QByteArray(R"({"source":"Inspector"})")
                                        << u"source"_s << u"\"GuardDuty\""_s;
        QTest::newRow("rule operator")
            << u"rule"_s << QByteArray(R"({"criteria":[{"field":"type","operator":"Matches"}]})")
            << u"criteria[0].operator"_s << u"\"InCidr\""_s;
        QTest::newRow("rule action") << u"rule"_s << QByteArray(R"({"action":"Delete"})")
                                     << u"action"_s << u"\"Suppress\""_s;
        QTest::newRow("rule enabled")
            << u"rule"_s << QByteArray(R"({"enabled":1})") << u"enabled"_s << u"true or false"_s;
        QTest::newRow("update undo cancel")
            << u"updateMembership"_s << QByteArray(R"({"undoMembershipCancellation":"true"})")
            << u"undoMembershipCancellation"_s << u"true or false"_s;
        QTest::newRow("update OUs")
            << u"updateMembership"_s
            << QByteArray(
                   R"({"membershipAccountsConfigurationsUpdate":{"organizationalUnitsToAdd":"ou-ab12-cd34ef56"}})")
            << u"membershipAccountsConfigurationsUpdate.organizationalUnitsToAdd"_s << u"a list"_s;
        QTest::newRow("create case watchers")
            << u"createCase"_s << QByteArray(R"({"watchers":[{"name":7}]})")
            << u"watchers[0].name"_s << u"a number"_s;
        QTest::newRow("update case metadata")
            << u"updateCase"_s << QByteArray(R"({"caseMetadata":[{"key":"k","value":2}]})")
            << u"caseMetadata[0].value"_s << u"a number"_s;
    }

    void badInputReportsField()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QFETCH(QString, messagePart);
        const QJsonObject o = parse(json);
        FieldErrors errors;
        bool ok = true;
        if (kind == u"case"_s) {
            Case v;
            ok = fromJson(o, v, &errors);
        } else if (kind == u"summary"_s) {
            CaseSummary v;
            ok = fromJson(o, v, &errors);
        } else if (kind == u"comment"_s) {
            Comment v;
            ok = fromJson(o, v, &errors);
        } else if (kind == u"membership"_s) {
            Membership v;
            ok = fromJson(o, v, &errors);
        } else if (kind == u"investigation"_s) {
            Investigation v;
            ok = fromJson(o, v, &errors);
        } else if (kind == u"finding"_s) {
            Finding v;
            ok = fromJson(o, v, &errors);
        } else if (kind == u"rule"_s) {
            SuppressionRule v;
            ok = fromJson(o, v, &errors);
        } else if (kind == u"updateMembership"_s) {
            UpdateMembershipRequest v;
            ok = fromJson(o, v, &errors);
        } else if (kind == u"createCase"_s) {
            CreateCaseRequest v;
            ok = fromJson(o, v, &errors);
        } else if (kind == u"updateCase"_s) {
            UpdateCaseRequest v;
            ok = fromJson(o, v, &errors);
        } else {
            QFAIL("unknown kind");
        }
        QVERIFY(!ok);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().field, field);
        QVERIFY2(errors.first().message.contains(messagePart), qPrintable(errors.first().message));
    }

    void badInputKeepsTheRest()
    {
        Case c;
        FieldErrors errors;
        const QJsonObject o = parse(
            R"({"caseId":"1234567890","title":"Kept","caseStatus":"Bogus","createdDate":"x","watchers":[{"email":"a@example.com"}]})");
        QVERIFY(!fromJson(o, c, &errors, u"items[3]"_s));
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors.at(0).field, u"items[3].caseStatus"_s);
        QCOMPARE(errors.at(1).field, u"items[3].createdDate"_s);
        QCOMPARE(c.title, u"Kept"_s);
        QVERIFY(!c.caseStatus.has_value());
        QCOMPARE(c.watchers.size(), 1);
        QCOMPARE(c.watchers.first().email, u"a@example.com"_s);
        QVERIFY(hasErrorFor(errors, u"items[3].createdDate"_s));
        QVERIFY(!hasErrorFor(errors, u"items[3].title"_s));
    }

    void fromJsonResetsOutput()
    {
        Case c = fullCase();
        QVERIFY(fromJson(parse(R"({"caseId":"1111111111"})"), c));
        QCOMPARE(c.caseId, u"1111111111"_s);
        QVERIFY(c.title.isEmpty());
        QVERIFY(c.watchers.isEmpty());
        QVERIFY(!c.caseStatus.has_value());
    }
};

QTEST_GUILESS_MAIN(TestDomainJson)
#include "tst_json.moc"
