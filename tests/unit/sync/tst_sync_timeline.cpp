// The case timeline across two consoles on one real warroom-server: an analyst's entry
// travels as a marked comment and comes back to the other console as an analyst entry
// (not a plain comment), a posted chain head is recognised on both, and re-pulling
// appends nothing: every datum is on each console's chain exactly once.

#include "SyncConsole.h"
#include "SyncTestSupport.h"

#include "../awsclient/WarroomServerProcess.h"
#include "report/CaseReport.h"
#include "store/CaseEditRepository.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/Workspace.h"
#include "sync/HttpBackend.h"
#include "sync/SyncEngine.h"
#include "timeline/TimelineChain.h"
#include "timeline/TimelineMarkers.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelinePage.h"

#include <QtNetwork/QTcpServer>
#include <QtTest/QtTest>

using namespace warroom;
using timeline::TimelineChain;
using timeline::TimelineEntry;
using warroom::test::WarroomServerProcess;

namespace {

// A console with the case's timeline at hand.
struct Console : test::SyncConsole
{
    QString caseIdOf(const QString &title)
    {
        const auto found = find(title);
        return found ? found->caseId : QString();
    }
    QList<TimelineEntry> timeline(const QString &caseId)
    {
        QString error;
        return TimelineChain(workspace->database()).entries(caseId, &error);
    }
    int count(const QString &caseId, const QString &kind)
    {
        int n = 0;
        for (const TimelineEntry &entry : timeline(caseId))
            n += entry.kind == kind ? 1 : 0;
        return n;
    }
};

// Every source key once: nothing was appended twice.
bool sourcesUnique(const QList<TimelineEntry> &entries, QString *duplicate)
{
    QSet<QString> seen;
    for (const TimelineEntry &entry : entries) {
        const QString source = entry.payload.value(u"source"_s).toString();
        if (source.isEmpty() || seen.contains(source)) {
            *duplicate = source;
            return false;
        }
        seen.insert(source);
    }
    return true;
}

} // namespace

class TestSyncTimeline final : public QObject
{
    Q_OBJECT

private slots:
    void analystEntriesAndChainHeadsTravel()
    {
        QTemporaryDir serverDir;
        WarroomServerProcess server(serverDir.path());
        QString error;
        QVERIFY2(server.start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
        Console a, b;
        QVERIFY2(a.open(server.url(), server.key(), &error), qPrintable(error));
        QVERIFY2(b.open(server.url(), server.key(), &error), qPrintable(error));
        a.engine->start();

        const QString provisional = a.engine->changes().createCase(
            test::newCaseRequest(u"Timeline case"_s), nullptr, &error);
        QVERIFY2(!provisional.isEmpty(), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(
            !sync::LocalChanges::isProvisionalId(a.caseIdOf(u"Timeline case"_s)), 10000);
        const QString caseId = a.caseIdOf(u"Timeline case"_s);
        QTRY_COMPARE_WITH_TIMEOUT(a.engine->pendingCount(), 0, 10000);

        // A: an analyst's entry (it happened at 02:13 in UTC+1), a status move, a comment.
        const QDateTime happened(QDate(2026, 11, 2), QTime(1, 13), Qt::UTC);
        QVERIFY(!a.engine->changes()
                     .addTimelineEntry(
                         caseId, {happened, 3600, u"Attacker created an access key"_s}, &error)
                     .isEmpty());
        QVERIFY(a.engine->changes().updateCaseStatus(
            caseId, domain::CaseStatus::DetectionAndAnalysis, &error));
        QVERIFY(!a.engine->changes().addComment(caseId, u"Keys rotated"_s, &error).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(a.engine->pendingCount(), 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            store::CaseEditRepository(a.workspace->database().reader()).listForCase(caseId).size(),
            4, 10000); // CreateCase, two CreateCaseComment, UpdateCaseStatus
        QVERIFY(a.syncOnce());

        // B pulls: the analyst entry arrives as one, with both clocks and the offset.
        QVERIFY(b.syncOnce());
        QCOMPARE(b.caseIdOf(u"Timeline case"_s), caseId);
        QCOMPARE(b.count(caseId, u"analyst"_s), 1);
        QCOMPARE(b.count(caseId, u"comment"_s), 1);
        for (const TimelineEntry &entry : b.timeline(caseId)) {
            if (entry.kind != u"analyst"_s)
                continue;
            QCOMPARE(entry.occurredAt, happened);
            QCOMPARE(entry.payload.value(u"occurredOffset"_s).toInt(), 3600);
            QCOMPARE(
                entry.payload.value(u"text"_s).toString(), u"Attacker created an access key"_s);
            QVERIFY(entry.recordedAt > happened);
        }
        // A: its own analyst entry once (the backend's copy is the same entry), its status
        // move once (the backend's edit of it is folded into the local entry).
        QCOMPARE(a.count(caseId, u"analyst"_s), 1);
        QCOMPARE(a.count(caseId, u"comment"_s), 1);
        int localStatus = 0, statusEntries = 0;
        for (const TimelineEntry &entry : a.timeline(caseId)) {
            if (entry.kind == u"status"_s) {
                ++statusEntries;
                localStatus += entry.payload.value(u"local"_s).toBool() ? 1 : 0;
            }
        }
        QCOMPARE(localStatus, 1);
        QCOMPARE(statusEntries, 2); // CreateCase and the move
        QCOMPARE(b.count(caseId, u"status"_s), 2);

        // Pulling again, on either side, appends nothing.
        const qsizetype aEntries = a.timeline(caseId).size();
        const qsizetype bEntries = b.timeline(caseId).size();
        QVERIFY(a.syncOnce());
        QVERIFY(b.syncOnce());
        QVERIFY(b.syncOnce());
        QCOMPARE(a.timeline(caseId).size(), aEntries);
        QCOMPARE(b.timeline(caseId).size(), bEntries);
        // Both consoles hold the same facts: one entry per edit, comment and analyst entry.
        QCOMPARE(aEntries, bEntries);
        QString duplicate;
        QVERIFY2(sourcesUnique(a.timeline(caseId), &duplicate), qPrintable(duplicate));
        QVERIFY2(sourcesUnique(b.timeline(caseId), &duplicate), qPrintable(duplicate));

        // A posts its chain head; the backend stamps the comment; both recognise it.
        const auto before = TimelineChain(a.workspace->database()).verify(caseId);
        QVERIFY2(before.ok, qPrintable(before.problem));
        QVERIFY(!a.engine->changes().postChainHead(caseId, &error).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(a.engine->pendingCount(), 0, 10000);
        QVERIFY(b.syncOnce());
        QCOMPARE(a.count(caseId, u"chainHead"_s), 1);
        QCOMPARE(b.count(caseId, u"chainHead"_s), 1);
        for (const TimelineEntry &entry : b.timeline(caseId)) {
            if (entry.kind == u"chainHead"_s) {
                QCOMPARE(entry.payload.value(u"head"_s).toString(), before.head);
                QCOMPARE(entry.payload.value(u"entries"_s).toInt(), before.entries);
                QVERIFY(entry.occurredAt.isValid()); // the backend's timestamp
            }
        }
        const auto comments
            = store::CommentRepository(b.workspace->database().reader()).listForCase(caseId);
        int marked = 0;
        for (const auto &comment : comments)
            marked += timeline::TimelineMarkers::parseChainHead(comment.body) ? 1 : 0;
        QCOMPARE(marked, 1);
        QVERIFY(TimelineChain(a.workspace->database()).verify(caseId).ok);
        QVERIFY(TimelineChain(b.workspace->database()).verify(caseId).ok);

        // The report of either console shows the head with the backend's timestamp.
        for (Console *console : {&a, &b}) {
            const auto report
                = report::CaseReport::load(console->workspace->database(), caseId, &error);
            QVERIFY2(report, qPrintable(error));
            const QString markdown = report->toMarkdown();
            QVERIFY2(markdown.contains(u"(the backend's timestamp)"_s), qPrintable(markdown));
            QVERIFY(markdown.contains(before.head));
            // Each console's chain is its own: only A, which posted it, checks the head.
            QVERIFY2(markdown.contains(console == &a
                             ? u"entries — matches this timeline"_s
                             : u"posted from another workspace, whose chain it covers"_s),
                qPrintable(markdown));
        }
    }

    // A case created offline has a timeline under its provisional ID at once (analyst
    // entries, comments; verified; shown in the Timeline view); when the create syncs,
    // the chain is carried over to the real ID in order with its clocks, the view follows
    // the new ID, nothing is appended twice, and the other console gets the entries.
    void provisionalCaseTimelineCarriesOver()
    {
        QTemporaryDir serverDir;
        WarroomServerProcess server(serverDir.path());
        QString error;
        QVERIFY2(server.start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
        Console a, b;
        QVERIFY2(a.open(server.url(), server.key(), &error), qPrintable(error));
        QVERIFY2(b.open(server.url(), server.key(), &error), qPrintable(error));

        // A is offline (its engine does not run): the case only has a provisional ID.
        const QString provisional = a.engine->changes().createCase(
            test::newCaseRequest(u"Made offline"_s), nullptr, &error);
        QVERIFY2(sync::LocalChanges::isProvisionalId(provisional), qPrintable(provisional));
        const QDateTime happened(QDate(2026, 11, 3), QTime(7, 40), Qt::UTC);
        QVERIFY2(!a.engine->changes()
                      .addTimelineEntry(
                          provisional, {happened, -4 * 3600, u"Phishing mail opened"_s}, &error)
                      .isEmpty(),
            qPrintable(error));
        QVERIFY(
            !a.engine->changes().addComment(provisional, u"Laptop isolated"_s, &error).isEmpty());
        const QList<TimelineEntry> before = a.timeline(provisional);
        QCOMPARE(before.size(), 2);
        QCOMPARE(before.at(0).kind, u"analyst"_s);
        QCOMPARE(before.at(1).kind, u"comment"_s);
        QVERIFY(TimelineChain(a.workspace->database()).verify(provisional).ok);

        // The Timeline view shows it, and follows the case to its real ID.
        ui::AreaContext context;
        context.workspace = a.workspace.get();
        context.sync = a.engine.get();
        ui::TimelinePage page(context);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.showItem(provisional);
        QTRY_COMPARE(page.caseId(), provisional);
        QTRY_COMPARE(page.model()->rowCount(), 2);
        QTRY_VERIFY(page.verificationText().contains(u"Verified"_s));

        a.engine->start();
        QTRY_VERIFY_WITH_TIMEOUT(
            !sync::LocalChanges::isProvisionalId(a.caseIdOf(u"Made offline"_s)), 10000);
        const QString caseId = a.caseIdOf(u"Made offline"_s);
        QTRY_COMPARE_WITH_TIMEOUT(a.engine->pendingCount(), 0, 10000);
        QVERIFY(a.syncOnce());
        QTRY_COMPARE(page.caseId(), caseId);

        // The real chain starts with the carried entries, in order, with their clocks and
        // the provisional hash each had; the backend's copies are not appended again.
        const QList<TimelineEntry> after = a.timeline(caseId);
        QVERIFY(after.size() >= 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(after.at(i).kind, before.at(i).kind);
            QCOMPARE(after.at(i).occurredAt, before.at(i).occurredAt);
            QCOMPARE(after.at(i).recordedAt, before.at(i).recordedAt);
            QCOMPARE(after.at(i).payload.value(u"provisionalCaseId"_s).toString(), provisional);
            QCOMPARE(after.at(i).payload.value(u"provisionalHash"_s).toString(), before.at(i).hash);
        }
        QCOMPARE(after.at(0).occurredAt, happened);
        QCOMPARE(a.count(caseId, u"analyst"_s), 1);
        QCOMPARE(a.count(caseId, u"comment"_s), 1);
        QString duplicate;
        QVERIFY2(sourcesUnique(after, &duplicate), qPrintable(duplicate));
        QVERIFY(TimelineChain(a.workspace->database()).verify(caseId).ok);
        QTRY_COMPARE(page.model()->rowCount(), int(a.timeline(caseId).size()));
        QTRY_VERIFY(page.verificationText().contains(u"Verified"_s));
        QVERIFY(a.syncOnce());
        QCOMPARE(a.timeline(caseId).size(), after.size());

        // The other console reads the analyst entry back as one, with its offset.
        QVERIFY(b.syncOnce());
        QCOMPARE(b.count(caseId, u"analyst"_s), 1);
        QCOMPARE(b.count(caseId, u"comment"_s), 1);
        for (const TimelineEntry &entry : b.timeline(caseId)) {
            if (entry.kind == u"analyst"_s) {
                QCOMPARE(entry.occurredAt, happened);
                QCOMPARE(entry.payload.value(u"occurredOffset"_s).toInt(), -4 * 3600);
            }
        }
        QVERIFY(TimelineChain(b.workspace->database()).verify(caseId).ok);
    }

    // Changes made while the server is down are retried until it is back; each is on
    // both consoles' timelines exactly once.
    void offlineChangesAreOnTheTimelineOnce()
    {
        QTemporaryDir serverDir;
        WarroomServerProcess server(serverDir.path());
        QString error;
        QTcpServer probe; // a free port, kept for the restart
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QString listen = u"127.0.0.1:"_s + QString::number(probe.serverPort());
        probe.close();
        QVERIFY2(
            server.start({u"--rate"_s, u"0"_s, u"--listen"_s, listen}, &error), qPrintable(error));
        Console a, b;
        QVERIFY2(a.open(server.url(), server.key(), &error), qPrintable(error));
        QVERIFY2(b.open(server.url(), server.key(), &error), qPrintable(error));
        a.engine->start();
        QVERIFY(!a.engine->changes()
                     .createCase(test::newCaseRequest(u"Offline timeline"_s), nullptr, &error)
                     .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            !sync::LocalChanges::isProvisionalId(a.caseIdOf(u"Offline timeline"_s)), 10000);
        const QString caseId = a.caseIdOf(u"Offline timeline"_s);
        QTRY_COMPARE_WITH_TIMEOUT(a.engine->pendingCount(), 0, 10000);

        server.stop();
        QVERIFY(a.engine->changes().updateCaseStatus(
            caseId, domain::CaseStatus::DetectionAndAnalysis, &error));
        QVERIFY(
            !a.engine->changes()
                 .addTimelineEntry(caseId, {QDateTime(), 0, u"Found the key in a repo"_s}, &error)
                 .isEmpty());
        QVERIFY(!a.engine->changes().addComment(caseId, u"Written offline"_s, &error).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!a.engine->isOnline(), 10000);
        QCOMPARE(a.count(caseId, u"analyst"_s), 1); // on the timeline at once, offline
        QCOMPARE(a.count(caseId, u"comment"_s), 1);

        QVERIFY2(
            server.start({u"--rate"_s, u"0"_s, u"--listen"_s, listen}, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(a.engine->pendingCount(), 0, 20000);
        QVERIFY(a.syncOnce());
        QVERIFY(a.syncOnce());
        QVERIFY(b.syncOnce());
        QVERIFY(b.syncOnce());
        for (Console *console : {&a, &b}) {
            QCOMPARE(console->count(caseId, u"analyst"_s), 1);
            QCOMPARE(console->count(caseId, u"comment"_s), 1);
            QCOMPARE(console->count(caseId, u"status"_s), 2); // created, the move
            QCOMPARE(console->count(caseId, u"caseEdit"_s), 2); // two comments added
            QString duplicate;
            QVERIFY2(sourcesUnique(console->timeline(caseId), &duplicate), qPrintable(duplicate));
            QVERIFY(TimelineChain(console->workspace->database()).verify(caseId).ok);
        }
    }
};

QTEST_MAIN(TestSyncTimeline) // a QApplication: the Timeline view is shown
#include "tst_sync_timeline.moc"
