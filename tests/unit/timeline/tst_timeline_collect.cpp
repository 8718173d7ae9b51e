// The merged timeline: every datum of a case (edits, comments, analyst entries, chain
// heads, attachments, investigations, linked findings, local changes) arrives on the
// chain exactly once, however often it is collected, pulled again or renamed.

#include "demo/DemoWorkspace.h"
#include "domain/Case.h"
#include "domain/CaseEdit.h"
#include "domain/Comment.h"
#include "domain/Finding.h"
#include "store/CaseEditRepository.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/Workspace.h"
#include "sync/LocalChanges.h"
#include "timeline/TimelineChain.h"
#include "timeline/TimelineCollector.h"
#include "timeline/TimelineMarkers.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using timeline::TimelineChain;
using timeline::TimelineCollector;
using timeline::TimelineEntry;

namespace {

const QString CaseId = u"1234567890"_s;

QDateTime at(int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, 2), QTime(hour, minute), Qt::UTC);
}

} // namespace

class TimelineCollectTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void markersRoundTrip();
    void everySourceArrivesOnce();
    void repeatedPullsAppendNothing();
    void editedCommentAppendsOneVersion();
    void localChangeFoldsItsPulledEdit();
    void renamedCommentIsNotAppendedAgain();
    void provisionalTimelineIsCarriedOver();
    void chainHeadPostedAndRecognised();
    void demoWorkspaceHasVerifiedTimelines();
    void olderWorkspaceIsCollectedOnce();

private:
    int collect(const QString &caseId = CaseId);
    QList<TimelineEntry> entries(const QString &caseId = CaseId);
    QStringList sources(const QString &caseId = CaseId);
    void seedCase();
    void pull(const domain::CaseEdit &edit);
    void pullComment(const domain::Comment &comment);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
};

void TimelineCollectTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    m_workspace = store::Workspace::open(m_dir->path(), &error);
    QVERIFY2(m_workspace, qPrintable(error));
}

void TimelineCollectTest::cleanup()
{
    m_workspace.reset();
    m_dir.reset();
}

int TimelineCollectTest::collect(const QString &caseId)
{
    int appended = -1;
    QString error;
    const bool ok = m_workspace->database().write(
        [&](QSqlDatabase &connection, QString *e) {
            appended = TimelineCollector(connection).collect(caseId, e);
            return appended >= 0;
        },
        &error);
    if (!ok)
        qWarning("collect failed: %s", qPrintable(error));
    return ok ? appended : -1;
}

QList<TimelineEntry> TimelineCollectTest::entries(const QString &caseId)
{
    QString error;
    return TimelineChain(m_workspace->database()).entries(caseId, &error);
}

QStringList TimelineCollectTest::sources(const QString &caseId)
{
    QStringList list;
    for (const TimelineEntry &entry : entries(caseId))
        list.append(entry.payload.value(u"source"_s).toString());
    return list;
}

void TimelineCollectTest::pull(const domain::CaseEdit &edit)
{
    QString error;
    QVERIFY2(m_workspace->database().write(
                 [&](QSqlDatabase &c, QString *e) {
                     return store::CaseEditRepository(c).append(edit, e)
                         && TimelineCollector(c).collect(edit.caseId, e) >= 0;
                 },
                 &error),
        qPrintable(error));
}

void TimelineCollectTest::pullComment(const domain::Comment &comment)
{
    QString error;
    QVERIFY2(m_workspace->database().write(
                 [&](QSqlDatabase &c, QString *e) {
                     return store::CommentRepository(c).upsert(comment, e)
                         && TimelineCollector(c).collect(comment.caseId, e) >= 0;
                 },
                 &error),
        qPrintable(error));
}

void TimelineCollectTest::seedCase()
{
    domain::Case value;
    value.caseId = CaseId;
    value.title = u"Access keys used from an unknown network"_s;
    value.caseStatus = domain::CaseStatus::DetectionAndAnalysis;
    value.resolverType = domain::ResolverType::Self;
    value.createdDate = at(1);
    value.lastUpdatedDate = at(5);
    value.caseAttachments.append(domain::Attachment {u"0f6a8c1e-1111-4222-8333-944455556666"_s,
        u"cloudtrail.json"_s, domain::AttachmentStatus::Verified, u"alice"_s, at(3)});
    QString error;
    const bool seeded = m_workspace->database().write(
        [&](QSqlDatabase &c, QString *e) {
            if (!store::CaseRepository(c).upsert(value, e))
                return false;
            store::CaseEditRepository edits(c);
            store::CommentRepository comments(c);
            QSqlQuery investigation(c);
            investigation.prepare(
                u"INSERT INTO investigations (case_id, investigation_id, action_type, "
                "title, status, last_updated) VALUES (?, ?, ?, ?, ?, ?)"_s);
            investigation.addBindValue(CaseId);
            investigation.addBindValue(u"inv-1"_s);
            investigation.addBindValue(u"Investigation"_s);
            investigation.addBindValue(u"Who used the key"_s);
            investigation.addBindValue(u"Completed"_s);
            investigation.addBindValue(at(4).toSecsSinceEpoch());
            domain::Finding finding;
            finding.id = u"arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/f1"_s;
            finding.title = u"Unusual API call from a Tor exit node"_s;
            finding.accountId = u"111122223333"_s;
            finding.firstSeen = at(0, 30);
            finding.lastSeen = at(2, 45);
            finding.count = 7;
            finding.caseId = CaseId;
            finding.rawJson = "{}";
            domain::Comment comment {
                CaseId, u"100001"_s, at(2), at(2), u"alice"_s, u"alice"_s, u"Keys rotated"_s};
            domain::Comment analyst {CaseId, u"100002"_s, at(6), at(6), u"bob"_s, u"bob"_s,
                timeline::TimelineMarkers::analystComment(
                    {QDateTime(QDate(2026, 11, 2), QTime(2, 13), Qt::UTC), 3600,
                        u"Attacker created an access key"_s})};
            return edits.append({CaseId, at(1), u"alice"_s, u"CreateCase"_s,
                                    u"Case created with status Submitted"_s},
                       e)
                && edits.append({CaseId, at(1, 30), u"alice"_s, u"UpdateCase"_s,
                                    u"Title changed to Access keys used"_s},
                    e)
                && edits.append({CaseId, at(5), u"bob"_s, u"UpdateCaseStatus"_s,
                                    u"Status changed from Submitted to Detection and Analysis"_s},
                    e)
                && comments.upsert(comment, e) && comments.upsert(analyst, e)
                && store::execQuery(investigation, e)
                && store::FindingRepository(c).upsert(finding, e);
        },
        &error);
    QVERIFY2(seeded, qPrintable(error));
}

void TimelineCollectTest::markersRoundTrip()
{
    const timeline::AnalystNote note {QDateTime(QDate(2026, 11, 2), QTime(1, 13), Qt::UTC), 3600,
        u"Attacker created an access key"_s};
    const QString body = timeline::TimelineMarkers::analystComment(note);
    QVERIFY2(body.contains(u"2026-11-02T02:13:00+01:00"_s), qPrintable(body));
    const auto back = timeline::TimelineMarkers::parseAnalyst(body);
    QVERIFY(back);
    QCOMPARE(back->occurredAt, note.occurredAt);
    QCOMPARE(back->occurredOffset, 3600);
    QCOMPARE(back->text, note.text);
    QVERIFY(!timeline::TimelineMarkers::parseChainHead(body));
    QVERIFY(!timeline::TimelineMarkers::parseAnalyst(u"Attacker created an access key"_s));
    QVERIFY(!timeline::TimelineMarkers::parseAnalyst(u"[warroom-timeline analyst v1] {oops"_s));

    const timeline::PostedHead head {QString(64, u'a'), 42, 17, u"ws-1"_s};
    const auto headBack = timeline::TimelineMarkers::parseChainHead(
        timeline::TimelineMarkers::chainHeadComment(head));
    QVERIFY(headBack);
    QCOMPARE(headBack->head, head.head);
    QCOMPARE(headBack->lastSeq, 42);
    QCOMPARE(headBack->entries, 17);
    QCOMPARE(headBack->workspace, u"ws-1"_s);
}

void TimelineCollectTest::everySourceArrivesOnce()
{
    seedCase();
    // 3 edits, 2 comments (one an analyst entry), 1 attachment, 1 investigation, a finding
    // first and last seen.
    QCOMPARE(collect(), 9);
    const QList<TimelineEntry> chain = entries();
    QCOMPARE(chain.size(), 9);
    QHash<QString, int> kinds;
    for (const TimelineEntry &entry : chain) {
        ++kinds[entry.kind];
        QVERIFY(entry.recordedAt.isValid());
        QVERIFY(entry.payload.contains(u"zone"_s));
        QVERIFY(entry.payload.contains(u"offset"_s));
        QVERIFY2(!entry.payload.value(u"text"_s).toString().isEmpty(), qPrintable(entry.kind));
    }
    QCOMPARE(kinds.value(u"status"_s), 2); // CreateCase and UpdateCaseStatus edits
    QCOMPARE(kinds.value(u"caseEdit"_s), 1);
    QCOMPARE(kinds.value(u"comment"_s), 1);
    QCOMPARE(kinds.value(u"analyst"_s), 1);
    QCOMPARE(kinds.value(u"attachment"_s), 1);
    QCOMPARE(kinds.value(u"investigation"_s), 1);
    QCOMPARE(kinds.value(u"finding"_s), 2);
    // Appended in the order things happened; the analyst's 02:13 is when it happened.
    for (qsizetype i = 1; i < chain.size(); ++i)
        QVERIFY(chain.at(i - 1).occurredAt <= chain.at(i).occurredAt);
    for (const TimelineEntry &entry : chain) {
        if (entry.kind == u"analyst"_s) {
            QCOMPARE(entry.occurredAt, QDateTime(QDate(2026, 11, 2), QTime(2, 13), Qt::UTC));
            QCOMPARE(
                entry.payload.value(u"text"_s).toString(), u"Attacker created an access key"_s);
            QCOMPARE(entry.payload.value(u"author"_s).toString(), u"bob"_s);
        }
        if (entry.kind == u"status"_s && entry.payload.value(u"action"_s) == u"UpdateCaseStatus"_s)
            QCOMPARE(entry.payload.value(u"status"_s).toString(), u"Detection and Analysis"_s);
    }
    QVERIFY(TimelineChain(m_workspace->database()).verify(CaseId).ok);
}

void TimelineCollectTest::repeatedPullsAppendNothing()
{
    seedCase();
    QCOMPARE(collect(), 9);
    for (int round = 0; round < 3; ++round)
        QCOMPARE(collect(), 0);
    // The same edit pulled again (the store keeps it once) appends nothing; a new one, one.
    const domain::CaseEdit again {CaseId, at(5), u"bob"_s, u"UpdateCaseStatus"_s,
        u"Status changed from Submitted to Detection and Analysis"_s};
    pull(again);
    pull(again);
    QCOMPARE(entries().size(), 9);
    pull({CaseId, at(7), u"bob"_s, u"UpdateCase"_s, u"Description changed (42 characters)"_s});
    pull({CaseId, at(7), u"bob"_s, u"UpdateCase"_s, u"Description changed (42 characters)"_s});
    QCOMPARE(entries().size(), 10);
    const QStringList keys = sources();
    QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), keys.size());
    QVERIFY(TimelineChain(m_workspace->database()).verify(CaseId).ok);
}

void TimelineCollectTest::editedCommentAppendsOneVersion()
{
    seedCase();
    QCOMPARE(collect(), 9);
    domain::Comment comment {CaseId, u"100001"_s, at(2), at(8), u"alice"_s, u"carol"_s,
        u"Keys rotated and the old ones deleted"_s};
    pullComment(comment);
    pullComment(comment);
    QCOMPARE(entries().size(), 10);
    const TimelineEntry last = entries().last();
    QCOMPARE(last.kind, u"comment"_s);
    QVERIFY(last.payload.value(u"edited"_s).toBool());
    QCOMPARE(last.payload.value(u"author"_s).toString(), u"carol"_s);
    QCOMPARE(last.occurredAt, at(8));
}

void TimelineCollectTest::localChangeFoldsItsPulledEdit()
{
    seedCase();
    QCOMPARE(collect(), 9);
    sync::LocalChanges changes(m_workspace->database(), u"arn:aws:iam::111122223333:user/alice"_s);
    QString error;
    QVERIFY2(changes.updateCaseStatus(
                 CaseId, domain::CaseStatus::ContainmentEradicationAndRecovery, &error),
        qPrintable(error));
    QCOMPARE(entries().size(), 10);
    const TimelineEntry local = entries().last();
    QCOMPARE(local.kind, u"status"_s);
    QVERIFY(local.payload.value(u"local"_s).toBool());
    QCOMPARE(
        local.payload.value(u"status"_s).toString(), u"Containment, Eradication and Recovery"_s);
    QVERIFY(local.payload.value(u"source"_s).toString().startsWith(u"outbox:"_s));

    // The backend's edit of that change arrives with the pull: folded, not appended.
    const domain::CaseEdit confirmed {CaseId, at(9), u"arn:aws:iam::111122223333:user/alice"_s,
        u"UpdateCaseStatus"_s,
        u"Status changed from Detection and Analysis to Containment, Eradication and Recovery"_s};
    pull(confirmed);
    pull(confirmed);
    QCOMPARE(entries().size(), 10);
    // Another console's status change later is a new entry.
    pull({CaseId, at(10), u"bob"_s, u"UpdateCaseStatus"_s,
        u"Status changed from Containment, Eradication and Recovery to Post-incident Activities"_s});
    QCOMPARE(entries().size(), 11);
    QCOMPARE(entries().last().payload.value(u"author"_s).toString(), u"bob"_s);
    QVERIFY(TimelineChain(m_workspace->database()).verify(CaseId).ok);
}

void TimelineCollectTest::renamedCommentIsNotAppendedAgain()
{
    seedCase();
    QCOMPARE(collect(), 9);
    sync::LocalChanges changes(m_workspace->database(), u"alice"_s);
    QString error;
    const QString local = changes.addTimelineEntry(CaseId,
        {QDateTime(QDate(2026, 11, 2), QTime(3, 0), Qt::UTC), 0, u"Key deactivated"_s}, &error);
    QVERIFY2(!local.isEmpty(), qPrintable(error));
    QCOMPARE(entries().size(), 10);
    QCOMPARE(entries().last().kind, u"analyst"_s);
    // The backend answers with ID 100777; then the pull brings its copy.
    QVERIFY2(changes.replaceCommentId(CaseId, local, u"100777"_s, &error), qPrintable(error));
    const auto stored
        = store::CommentRepository(m_workspace->database().reader()).get(CaseId, u"100777"_s);
    QVERIFY(stored);
    pullComment(*stored);
    pullComment(*stored);
    QCOMPARE(entries().size(), 10);
}

void TimelineCollectTest::provisionalTimelineIsCarriedOver()
{
    sync::LocalChanges changes(m_workspace->database(), u"alice"_s);
    QString error;
    domain::CreateCaseRequest request;
    request.resolverType = domain::ResolverType::Self;
    request.title = u"Created offline"_s;
    request.description = u"Console logins from a new country"_s;
    request.engagementType = domain::EngagementType::SecurityIncident;
    request.reportedIncidentStartDate = at(1);
    request.impactedAccounts = QStringList {u"111122223333"_s};
    request.watchers = QList<domain::Watcher> {};
    const QString provisional = changes.createCase(request, nullptr, &error);
    QVERIFY2(!provisional.isEmpty(), qPrintable(error));
    QVERIFY(!changes.addTimelineEntry(provisional, {at(2), 0, u"Seen first"_s}, &error).isEmpty());
    QVERIFY(
        changes.updateCaseStatus(provisional, domain::CaseStatus::DetectionAndAnalysis, &error));
    // The provisional case has its own chain at once.
    const QList<TimelineEntry> before = entries(provisional);
    QCOMPARE(before.size(), 2);
    QCOMPARE(before.at(0).kind, u"analyst"_s);
    QCOMPARE(before.at(1).kind, u"status"_s);
    QVERIFY(TimelineChain(m_workspace->database()).verify(provisional).ok);
    // The backend's ID: the chain is carried over in order, with its clocks and the hash
    // each entry had, and collecting again appends nothing (the sources moved along).
    QVERIFY2(changes.replaceCaseId(provisional, u"1999999999"_s, &error), qPrintable(error));
    const QList<TimelineEntry> chain = entries(u"1999999999"_s);
    QCOMPARE(chain.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(chain.at(i).kind, before.at(i).kind);
        QCOMPARE(chain.at(i).occurredAt, before.at(i).occurredAt);
        QCOMPARE(chain.at(i).recordedAt, before.at(i).recordedAt);
        QCOMPARE(chain.at(i).payload.value(u"provisionalCaseId"_s).toString(), provisional);
        QCOMPARE(chain.at(i).payload.value(u"provisionalSeq"_s).toInteger(), before.at(i).seq);
        QCOMPARE(chain.at(i).payload.value(u"provisionalHash"_s).toString(), before.at(i).hash);
        QCOMPARE(chain.at(i).payload.value(u"source"_s), before.at(i).payload.value(u"source"_s));
    }
    QCOMPARE(chain.first().occurredAt, at(2));
    QVERIFY(TimelineChain(m_workspace->database()).verify(u"1999999999"_s).ok);
    QVERIFY(m_workspace->database().write(
        [](QSqlDatabase &c, QString *e) {
            return timeline::TimelineCollector(c).collect(u"1999999999"_s, e) == 0;
        },
        &error));
    QCOMPARE(entries(u"1999999999"_s).size(), 2);
    // The provisional rows stay as they were (append-only) and still verify.
    QCOMPARE(entries(provisional).size(), 2);
    QVERIFY(TimelineChain(m_workspace->database()).verify(provisional).ok);
}

void TimelineCollectTest::chainHeadPostedAndRecognised()
{
    seedCase();
    QCOMPARE(collect(), 9);
    sync::LocalChanges changes(m_workspace->database(), u"alice"_s);
    QString error;
    const auto before = TimelineChain(m_workspace->database()).verify(CaseId);
    const QString commentId = changes.postChainHead(CaseId, &error);
    QVERIFY2(!commentId.isEmpty(), qPrintable(error));
    const QList<TimelineEntry> chain = entries();
    QCOMPARE(chain.size(), 10);
    const TimelineEntry head = chain.last();
    QCOMPARE(head.kind, u"chainHead"_s);
    QCOMPARE(head.payload.value(u"head"_s).toString(), before.head);
    QCOMPARE(head.payload.value(u"lastSeq"_s).toInteger(), chain.at(8).seq);
    QCOMPARE(head.payload.value(u"entries"_s).toInt(), 9);
    const auto comment
        = store::CommentRepository(m_workspace->database().reader()).get(CaseId, commentId);
    QVERIFY(comment);
    QVERIFY(comment->body.contains(before.head));

    // A chain that no longer verifies is not vouched for.
    QVERIFY(m_workspace->database().write(
        [](QSqlDatabase &c, QString *e) {
            return store::execStatement(
                c, u"UPDATE timeline SET payload = '{}' WHERE seq = 3"_s, e);
        },
        &error));
    QVERIFY(changes.postChainHead(CaseId, &error).isEmpty());
    QVERIFY2(error.contains(u"does not verify"_s), qPrintable(error));
}

void TimelineCollectTest::demoWorkspaceHasVerifiedTimelines()
{
    QString error;
    QVERIFY2(demo::seedDemoWorkspace(*m_workspace, {6, 400}, &error), qPrintable(error));
    const auto cases = store::CaseRepository(m_workspace->database().reader()).listSummaries();
    QCOMPARE(cases.size(), 6);
    int linkedFindings = 0;
    for (const auto &summary : cases) {
        const int edits = int(store::CaseEditRepository(m_workspace->database().reader())
                                  .listForCase(summary.caseId)
                                  .size());
        const int comments = int(store::CommentRepository(m_workspace->database().reader())
                                     .listForCase(summary.caseId)
                                     .size());
        const QList<TimelineEntry> chain = entries(summary.caseId);
        int findings = 0;
        for (const TimelineEntry &entry : chain)
            findings += entry.kind == u"finding"_s ? 1 : 0;
        linkedFindings += findings;
        QCOMPARE(chain.size(), edits + comments + findings);
        QVERIFY(edits > 0);
        const auto verification = TimelineChain(m_workspace->database()).verify(summary.caseId);
        QVERIFY2(verification.ok, qPrintable(verification.problem));
        QCOMPARE(collect(summary.caseId), 0);
    }
    QVERIFY(linkedFindings > 0);
}

void TimelineCollectTest::olderWorkspaceIsCollectedOnce()
{
    seedCase(); // stored without collecting, as before timelines were collected
    QCOMPARE(entries().size(), 0);
    const auto collectAll = [this] {
        int appended = -1;
        QString error;
        m_workspace->database().write(
            [&](QSqlDatabase &c, QString *e) {
                appended = TimelineCollector(c).collectAllOnce(e);
                return appended >= 0;
            },
            &error);
        return appended;
    };
    QCOMPARE(collectAll(), 9);
    QCOMPARE(collectAll(), 0);
    QCOMPARE(entries().size(), 9);
    QVERIFY(TimelineChain(m_workspace->database()).verify(CaseId).ok);
}

QTEST_GUILESS_MAIN(TimelineCollectTest)
#include "tst_timeline_collect.moc"
