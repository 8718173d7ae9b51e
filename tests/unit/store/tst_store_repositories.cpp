// Round trips through every repository, and the behaviours the callers rely on.

#include "domain/JsonTime.h"
#include "store/CaseEditRepository.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/MembershipRepository.h"
#include "store/OrganizationRepository.h"
#include "store/RuleRepository.h"
#include "store/SyncConflictRepository.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace warroom::domain;
using namespace warroom::store;

namespace {

QDateTime at(qint64 seconds, int ms = 0)
{
    return QDateTime::fromMSecsSinceEpoch(seconds * 1000 + ms, Qt::UTC);
}

Case sampleCase(const QString &id, CaseStatus status, qint64 updated)
{
    Case c;
    c.caseId = id;
    c.title = u"Case "_s + id;
    c.caseArn = u"arn:aws:security-ir:eu-west-1:123456789012:case/"_s + id;
    c.description = u"Unusual API calls"_s;
    c.caseStatus = status;
    c.engagementType = EngagementType::SecurityIncident;
    c.resolverType = ResolverType::Self;
    c.pendingAction = PendingAction::None;
    c.reportedIncidentStartDate = at(1700000000, 250);
    c.createdDate = at(1700000100);
    c.lastUpdatedDate = at(updated);
    c.impactedAwsRegions = {ImpactedRegion {u"eu-west-1"_s}, ImpactedRegion {u"us-east-1"_s}};
    c.threatActorIpAddresses = {ThreatActorIp {u"198.51.100.7"_s, u"curl/8.0"_s}};
    c.impactedAccounts = {u"123456789012"_s};
    c.watchers = {Watcher {u"ana@example.com"_s, u"Ana"_s, u"IR lead"_s}};
    c.impactedServices = {u"EC2"_s, u"IAM"_s};
    Attachment a;
    a.attachmentId = u"0f8fad5b-d9cb-469f-a165-70867728950e"_s;
    a.fileName = u"timeline.csv"_s;
    a.attachmentStatus = AttachmentStatus::Verified;
    a.creator = u"AIDAEXAMPLE"_s;
    a.createdDate = at(1700000200);
    c.caseAttachments = {a};
    c.caseMetadata = {CaseMetadataEntry {u"ticket"_s, u"INC-1"_s}};
    c.tags.insert(u"team"_s, u"blue"_s);
    return c;
}

Finding sampleFinding(const QString &id, double score)
{
    Finding f;
    f.id = id;
    f.source = FindingSource::GuardDuty;
    f.productName = u"aws/guardduty"_s;
    f.type = u"Recon:EC2/PortProbeUnprotectedPort"_s;
    f.title = u"Unprotected port probed"_s;
    f.description = u"EC2 instance has an unprotected port which is being probed"_s;
    f.severityScore = score;
    f.severityLabel = severityLabelForScore(score);
    f.accountId = u"123456789012"_s;
    f.region = u"eu-west-1"_s;
    f.resourceType = u"Instance"_s;
    f.resourceId = u"i-0abc"_s + id;
    f.remoteIps = {u"203.0.113.9"_s};
    f.firstSeen = at(1700000000);
    f.lastSeen = at(1700003600, 500);
    f.createdAt = at(1700000000);
    f.updatedAt = at(1700003600);
    f.count = 3;
    f.verdict = Verdict::Queued;
    f.verdictRule = u"severity-threshold"_s;
    f.rawJson = R"({"id":")" + id.toUtf8() + R"(","severity":5})";
    return f;
}

} // namespace

class TestStoreRepositories final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void caseRoundTripAndList();
    void caseUpdateKeepsComments();
    void lastUpdatedLookups();
    void commentsAndEdits();
    void findingsBatchedUpsert();
    void rulesInPositionOrder();
    void membershipRoundTrip();
    void organizationTree();

private:
    bool write(const Database::WriteFunction &work)
    {
        QString error;
        const bool ok = m_workspace->database().write(work, &error);
        if (!ok)
            qWarning() << error;
        return ok;
    }
    QSqlDatabase reader() { return m_workspace->database().reader(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_workspace;
};

void TestStoreRepositories::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    m_workspace = Workspace::open(m_dir->path(), &error);
    QVERIFY2(m_workspace, qPrintable(error));
}

void TestStoreRepositories::cleanup()
{
    m_workspace.reset();
    m_dir.reset();
}

void TestStoreRepositories::caseRoundTripAndList()
{
    const Case one = sampleCase(u"1000000001"_s, CaseStatus::Submitted, 1700000500);
    const Case two = sampleCase(u"1000000002"_s, CaseStatus::Acknowledged, 1700000900);
    const Case three = sampleCase(u"1000000003"_s, CaseStatus::Submitted, 1700000700);
    QVERIFY(write([&](QSqlDatabase &c, QString *e) {
        CaseRepository cases(c);
        return cases.upsert(one, e) && cases.upsert(two, e) && cases.upsert(three, e);
    }));
    CaseRepository cases(reader());
    const std::optional<Case> loaded = cases.get(one.caseId);
    QVERIFY(loaded);
    QCOMPARE(loaded->reportedIncidentStartDate, one.reportedIncidentStartDate);
    QCOMPARE(loaded->caseAttachments.size(), 1);
    QCOMPARE(loaded->tags, one.tags);
    QVERIFY(*loaded == one);
    QVERIFY(!cases.get(u"9999999999"_s));

    QCOMPARE(cases.count(), 3);
    const QList<CaseSummary> byUpdate = cases.listSummaries();
    QCOMPARE(byUpdate.size(), 3);
    QCOMPARE(byUpdate.at(0).caseId, two.caseId);
    QCOMPARE(byUpdate.at(1).caseId, three.caseId);
    QVERIFY(byUpdate.at(2) == summaryOf(one));
    CaseFilter submitted;
    submitted.status = CaseStatus::Submitted;
    submitted.order = CaseOrder::CreatedAsc;
    submitted.limit = 1;
    QCOMPARE(cases.listSummaries(submitted).size(), 1);
    const QMap<CaseStatus, qint64> counts = cases.countByStatus();
    QCOMPARE(counts.value(CaseStatus::Submitted), 2);
    QCOMPARE(counts.value(CaseStatus::Acknowledged), 1);

    QVERIFY(write(
        [&](QSqlDatabase &c, QString *e) { return CaseRepository(c).remove(two.caseId, e); }));
    QCOMPARE(cases.count(), 2);
}

// The light lookups of a sync's list pass give what the whole case and the whole base
// give: the same dates, and nothing for what is not stored.
void TestStoreRepositories::lastUpdatedLookups()
{
    Case one = sampleCase(u"1000000001"_s, CaseStatus::Submitted, 1700000500);
    one.lastUpdatedDate = QDateTime::fromMSecsSinceEpoch(1700000512345, Qt::UTC);
    const QJsonObject remote {{u"caseId"_s, one.caseId}, {u"lastUpdatedDate"_s, 1700000512.345},
        {u"title"_s, u"As pulled"_s}};
    QVERIFY(write([&](QSqlDatabase &c, QString *e) {
        return CaseRepository(c).upsert(one, e)
            && SyncConflictRepository(c).setBase(one.caseId, remote, e);
    }));
    const CaseRepository cases(reader());
    QCOMPARE(cases.lastUpdated(one.caseId), std::optional(cases.get(one.caseId)->lastUpdatedDate));
    QCOMPARE(*cases.lastUpdated(one.caseId), one.lastUpdatedDate);
    QVERIFY(!cases.lastUpdated(u"9999999999"_s));
    const SyncConflictRepository bases(reader());
    const auto date = bases.baseLastUpdated(one.caseId);
    QVERIFY(date);
    QCOMPARE(timestampFromJson(*date),
        timestampFromJson(bases.base(one.caseId)->value(u"lastUpdatedDate"_s)));
    QCOMPARE(timestampFromJson(*date)->toMSecsSinceEpoch(), 1700000512345);
    QVERIFY(!bases.baseLastUpdated(u"9999999999"_s));
}

void TestStoreRepositories::caseUpdateKeepsComments()
{
    Case c = sampleCase(u"1000000001"_s, CaseStatus::Submitted, 1700000500);
    Comment comment;
    comment.caseId = c.caseId;
    comment.commentId = u"000001"_s;
    comment.body = u"First look"_s;
    comment.createdDate = at(1700000600);
    QVERIFY(write([&](QSqlDatabase &db, QString *e) {
        return CaseRepository(db).upsert(c, e) && CommentRepository(db).upsert(comment, e);
    }));
    c.caseStatus = CaseStatus::DetectionAndAnalysis;
    c.caseAttachments.clear();
    QVERIFY(write([&](QSqlDatabase &db, QString *e) { return CaseRepository(db).upsert(c, e); }));
    QCOMPARE(CaseRepository(reader()).get(c.caseId)->caseStatus, CaseStatus::DetectionAndAnalysis);
    QVERIFY(CaseRepository(reader()).get(c.caseId)->caseAttachments.isEmpty());
    QCOMPARE(CommentRepository(reader()).countForCase(c.caseId), 1);
    // Deleting the case takes its comments with it.
    QVERIFY(write(
        [&](QSqlDatabase &db, QString *e) { return CaseRepository(db).remove(c.caseId, e); }));
    QCOMPARE(CommentRepository(reader()).countForCase(c.caseId), 0);
}

void TestStoreRepositories::commentsAndEdits()
{
    const Case c = sampleCase(u"1000000001"_s, CaseStatus::Submitted, 1700000500);
    Comment first {
        c.caseId, u"000001"_s, at(1700000600), at(1700000600), u"ana"_s, u"ana"_s, u"One"_s};
    Comment second {c.caseId, u"000002"_s, at(1700000500), {}, u"bo"_s, {}, u"Two"_s};
    CaseEdit edit {c.caseId, at(1700000700), u"ana"_s, u"UpdateCaseStatus"_s, u"Status moved on"_s};
    bool insertedAgain = true;
    QVERIFY(write([&](QSqlDatabase &db, QString *e) {
        CaseEditRepository edits(db);
        return CaseRepository(db).upsert(c, e) && CommentRepository(db).upsert(first, e)
            && CommentRepository(db).upsert(second, e) && edits.append(edit, e)
            && edits.append(edit, e, &insertedAgain);
    }));
    QVERIFY(!insertedAgain);
    const QList<Comment> comments = CommentRepository(reader()).listForCase(c.caseId);
    QCOMPARE(comments.size(), 2);
    QVERIFY(comments.at(0) == second); // oldest first
    QVERIFY(comments.at(1) == first);
    first.body = u"One, edited"_s;
    QVERIFY(write(
        [&](QSqlDatabase &db, QString *e) { return CommentRepository(db).upsert(first, e); }));
    QCOMPARE(CommentRepository(reader()).get(c.caseId, first.commentId)->body, first.body);

    const QList<CaseEdit> edits = CaseEditRepository(reader()).listForCase(c.caseId);
    QCOMPARE(edits.size(), 1);
    QVERIFY(edits.at(0) == edit);
    // Append-only: an UPDATE is refused.
    QVERIFY(!write([&](QSqlDatabase &db, QString *e) {
        return execStatement(db, u"UPDATE case_edits SET message = 'x'"_s, e);
    }));
    // A comment on a case that does not exist is refused (foreign key).
    Comment orphan = first;
    orphan.caseId = u"1999999999"_s;
    QVERIFY(!write(
        [&](QSqlDatabase &db, QString *e) { return CommentRepository(db).upsert(orphan, e); }));
}

void TestStoreRepositories::findingsBatchedUpsert()
{
    QList<Finding> findings;
    for (int i = 0; i < 250; ++i)
        findings.append(sampleFinding(u"f-%1"_s.arg(i), (i % 100) / 10.0));
    QList<qint64> progress;
    QString error;
    QVERIFY2(FindingRepository::upsertBatched(
                 m_workspace->database(), findings, 100,
                 [&](qint64 done, qint64) {
                     progress.append(done);
                     return true;
                 },
                 &error),
        qPrintable(error));
    QCOMPARE(progress, (QList<qint64> {100, 200, 250}));
    FindingRepository repository(reader());
    QCOMPARE(repository.count(), 250);
    const std::optional<Finding> loaded = repository.get(u"f-7"_s);
    QVERIFY(loaded);
    QVERIFY(*loaded == findings.at(7));
    QCOMPARE(loaded->rawJson, findings.at(7).rawJson);

    // The same id again updates in place (no new row, same rowid).
    QSqlQuery rowid(reader());
    QVERIFY(rowid.exec(u"SELECT rowid FROM findings WHERE id = 'f-7'"_s) && rowid.next());
    const qint64 before = rowid.value(0).toLongLong();
    rowid.finish();
    Finding updated = findings.at(7);
    updated.title = u"Port probe on a new port"_s;
    updated.count = 4;
    QVERIFY(FindingRepository::upsertBatched(m_workspace->database(), {updated}, 100, {}, &error));
    QCOMPARE(repository.count(), 250);
    QCOMPARE(repository.get(u"f-7"_s)->count, 4);
    QVERIFY(rowid.exec(u"SELECT rowid FROM findings WHERE id = 'f-7'"_s) && rowid.next());
    QCOMPARE(rowid.value(0).toLongLong(), before);
    rowid.finish(); // an unfinished query would keep this reader on its old snapshot
    // Full-text search follows the update.
    QCOMPARE(repository.search(u"\"new port\""_s, 10), QStringList {u"f-7"_s});

    QVERIFY(write([&](QSqlDatabase &db, QString *e) {
        FindingRepository r(db);
        return r.setVerdict(u"f-1"_s, Verdict::Suppressed, u"rule-1"_s, e)
            && r.setVerdict(u"f-2"_s, Verdict::Escalated, u"rule-2"_s, e);
    }));
    const QMap<Verdict, qint64> verdicts = repository.countByVerdict();
    QCOMPARE(verdicts.value(Verdict::Queued), 248);
    QCOMPARE(verdicts.value(Verdict::Suppressed), 1);
    QCOMPARE(verdicts.value(Verdict::Escalated), 1);
    QCOMPARE(repository.get(u"f-1"_s)->verdictRule, u"rule-1"_s);
}

void TestStoreRepositories::rulesInPositionOrder()
{
    SuppressionRule a;
    a.id = u"rule-a"_s;
    a.name = u"Trusted scanner"_s;
    a.position = 20;
    a.criteria = {RuleCriterion {u"accountId"_s, RuleOperator::Equals, u"123456789012"_s}};
    a.createdAt = at(1700000000);
    SuppressionRule b = a;
    b.id = u"rule-b"_s;
    b.position = 10;
    b.action = RuleAction::Escalate;
    QVERIFY(write([&](QSqlDatabase &db, QString *e) {
        RuleRepository rules(db);
        return rules.upsert(a, e) && rules.upsert(b, e);
    }));
    QList<SuppressionRule> rules = RuleRepository(reader()).list();
    QCOMPARE(rules.size(), 2);
    QVERIFY(rules.at(0) == b);
    QVERIFY(rules.at(1) == a);
    a.position = 5;
    QVERIFY(write([&](QSqlDatabase &db, QString *e) { return RuleRepository(db).upsert(a, e); }));
    rules = RuleRepository(reader()).list();
    QCOMPARE(rules.at(0).id, a.id);
    QVERIFY(
        write([&](QSqlDatabase &db, QString *e) { return RuleRepository(db).remove(a.id, e); }));
    QCOMPARE(RuleRepository(reader()).list().size(), 1);
}

void TestStoreRepositories::membershipRoundTrip()
{
    Membership m;
    m.membershipId = u"m-abcdef012345"_s;
    m.accountId = u"123456789012"_s;
    m.region = u"eu-west-1"_s;
    m.membershipName = u"Blue team"_s;
    m.membershipStatus = MembershipStatus::Active;
    m.membershipActivationTimestamp = at(1700000000);
    m.customerType = CustomerType::Organization;
    m.numberOfAccountsCovered = 12;
    m.incidentResponseTeam
        = {IncidentResponder {u"Ana Silva"_s, u"IR lead"_s, u"ana@example.com"_s, {}},
            IncidentResponder {u"Bo Lind"_s, u"Analyst"_s, u"bo@example.com"_s, {}}};
    m.optInFeatures = {OptInFeature {OptInFeatureName::Triage, true}};
    m.membershipAccountsConfigurations.organizationalUnits = {u"ou-ab12-cdef3456"_s};
    QVERIFY(
        write([&](QSqlDatabase &db, QString *e) { return MembershipRepository(db).upsert(m, e); }));
    const std::optional<Membership> loaded = MembershipRepository(reader()).current();
    QVERIFY(loaded);
    QVERIFY(*loaded == m);
    QSqlQuery q(reader());
    QVERIFY(q.exec(u"SELECT COUNT(*) FROM membership_responders"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
    QVERIFY(q.exec(u"SELECT ou_id FROM membership_ous"_s) && q.next());
    QCOMPARE(q.value(0).toString(), u"ou-ab12-cdef3456"_s);
}

void TestStoreRepositories::organizationTree()
{
    using Kind = OrganizationNode::Kind;
    const QList<OrganizationNode> tree = {{u"r-ab12"_s, Kind::Root, {}, u"Root"_s, {}, {}, {}, 0},
        {u"ou-ab12-11111111"_s, Kind::OrganizationalUnit, u"r-ab12"_s, u"Prod"_s, {}, {}, {}, 1},
        {u"ou-ab12-22222222"_s, Kind::OrganizationalUnit, u"r-ab12"_s, u"Dev"_s, {}, {}, {}, 0},
        {u"111111111111"_s, Kind::Account, u"ou-ab12-11111111"_s, u"payments"_s,
            u"pay@example.com"_s, {}, u"ACTIVE"_s, 0}};
    QVERIFY(write([&](QSqlDatabase &db, QString *e) {
        return OrganizationRepository(db).replaceAll(tree, e);
    }));
    OrganizationRepository org(reader());
    QCOMPARE(org.count(), 4);
    QCOMPARE(org.roots().size(), 1);
    const QList<OrganizationNode> ous = org.children(u"r-ab12"_s);
    QCOMPARE(ous.size(), 2);
    QCOMPARE(ous.at(0).name, u"Dev"_s); // position order
    QVERIFY(org.accounts().value(0) == tree.at(3));
    QVERIFY(write([&](QSqlDatabase &db, QString *e) {
        return OrganizationRepository(db).replaceAll(tree.mid(0, 1), e);
    }));
    QCOMPARE(org.count(), 1);
}

QTEST_GUILESS_MAIN(TestStoreRepositories)
#include "tst_store_repositories.moc"
