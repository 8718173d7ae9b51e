// Shared triage through warroom-server's x-warroom triage extension: two consoles (two
// workspaces, two sync engines, two triage queue pages offscreen) on one real
// warroom-server. A claim made on one shows on the other as "being worked by"; working
// on a claimed finding asks first; claims made offline on both resolve to the one the
// server got first, on both consoles; decisions (suppress, escalate into a case)
// replicate; a decision made while the console cannot send is queued and sent later.

#include "../awsclient/WarroomServerProcess.h"
#include "../sync/SyncConsole.h"
#include "MessageBox.h"
#include "QueueTestData.h"
#include "itemmodels/FindingQueueModel.h"
#include "store/OutboxRepository.h"
#include "store/Workspace.h"
#include "sync/LocalChanges.h"
#include "sync/SyncEngine.h"
#include "sync/TriageShare.h"
#include "triage/TriageQueuePage.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using itemmodels::FindingQueueModel;
using ui::MessageBox;
using ui::triage::TriageQueuePage;

class TestTriageShared final : public QObject
{
    Q_OBJECT

    struct Console
    {
        test::SyncConsole sync;
        std::unique_ptr<TriageQueuePage> page;
        QTableView *table = nullptr;

        sync::TriageShare &share() { return *page->triageShare(); }
        QString stored(const QString &id, const QString &column)
        {
            QSqlQuery query(sync.workspace->database().reader());
            query.prepare(u"SELECT COALESCE("_s + column + u", '') FROM findings WHERE id = ?"_s);
            query.addBindValue(id);
            if (!query.exec() || !query.next())
                return u"<missing>"_s;
            return query.value(0).toString();
        }
        void select(const QString &id)
        {
            table->selectionModel()->clearSelection();
            const int row = page->model()->rowOf(id);
            QVERIFY2(row >= 0, qPrintable(id));
            table->selectionModel()->setCurrentIndex(
                page->model()->index(row, FindingQueueModel::TitleColumn),
                QItemSelectionModel::NoUpdate);
        }
        QString assigneeText(const QString &id)
        {
            const int row = page->model()->rowOf(id);
            return row < 0
                ? QString()
                : page->model()->index(row, FindingQueueModel::AssigneeColumn).data().toString();
        }
        // The outbox as text, for failure messages.
        QString outboxText()
        {
            QSqlQuery query(sync.workspace->database().reader());
            query.exec(u"SELECT case_id, operation, state, attempts, last_error FROM outbox"_s);
            QStringList rows;
            while (query.next())
                rows << QStringList {query.value(0).toString(), query.value(1).toString(),
                    query.value(2).toString(), query.value(3).toString(), query.value(4).toString()}
                            .join(u" | "_s);
            return rows.join(u'\n');
        }
        // The stored copy of the server's claim on `id`: {claimed at, expires at}, or {0, 0}.
        std::pair<double, double> claimTimes(const QString &id)
        {
            QSqlQuery query(sync.workspace->database().reader());
            query.prepare(u"SELECT claimed_at, claim_expires_at FROM triage_shared WHERE "
                          u"finding_id = ? AND claim_console <> ''"_s);
            query.addBindValue(id);
            if (!query.exec() || !query.next())
                return {0.0, 0.0};
            return {query.value(0).toDouble(), query.value(1).toDouble()};
        }
        qint64 claimsWaiting(const QString &id)
        {
            QSqlQuery query(sync.workspace->database().reader());
            query.prepare(u"SELECT COUNT(*) FROM outbox WHERE state <> 'sent' AND operation = "
                          u"'XWarroomClaimFinding' AND json_extract(payload, '$.findingId') = ?"_s);
            query.addBindValue(id);
            return query.exec() && query.next() ? query.value(0).toLongLong() : -1;
        }
        qint64 waitingTriageChanges()
        {
            QSqlQuery query(sync.workspace->database().reader());
            query.exec(u"SELECT COUNT(*) FROM outbox WHERE state <> 'sent' AND operation LIKE "
                       u"'XWarroom%'"_s);
            return query.next() ? query.value(0).toLongLong() : -1;
        }
    };

    QTemporaryDir m_dir;
    std::unique_ptr<test::WarroomServerProcess> m_server;
    Console m_a;
    Console m_b;

    static QString findingId(int i) { return queuetest::makeFinding(i).id; }

    void openConsole(Console &console, const QString &analyst)
    {
        QString error;
        QVERIFY2(console.sync.open(m_server->url(), m_server->key(), &error), qPrintable(error));
        QVERIFY2(queuetest::addFindings(console.sync.workspace->database(), 1, 9, &error),
            qPrintable(error));
        ui::AreaContext context;
        context.workspace = console.sync.workspace.get();
        context.sync = console.sync.engine.get();
        console.page = std::make_unique<TriageQueuePage>(context);
        console.page->setAnalyst(analyst);
        console.page->resize(1400, 700);
        console.page->show();
        console.table = console.page->findChild<QTableView *>(u"findingsTable"_s);
        QVERIFY(console.table);
        QVERIFY(console.page->triageShare());
        QCOMPARE(console.page->triageShare()->mode(), sync::TriageShare::Mode::Shared);
        console.sync.engine->start();
    }

    // Shows every finding (the queue opens on Queued ones) so decided rows stay listed.
    static void showAllVerdicts(Console &console)
    {
        auto *verdict = console.page->findChild<QComboBox *>(u"verdictCombo"_s);
        verdict->setCurrentIndex(verdict->findData(QString()));
        QTRY_COMPARE(console.page->model()->rowCount(), 8);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(u"server"_s)));
        m_server = std::make_unique<test::WarroomServerProcess>(m_dir.filePath(u"server"_s));
        QString error;
        QVERIFY2(m_server->start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
        openConsole(m_a, u"alice"_s);
        openConsole(m_b, u"bob"_s);
        showAllVerdicts(m_a);
        showAllVerdicts(m_b);
        QVERIFY(m_a.share().consoleId() != m_b.share().consoleId());
        QVERIFY(m_a.page->findChild<QLabel *>(u"triageShareLabel"_s)
                    ->text()
                    .contains(m_server->url().toString()));
    }

    void cleanupTestCase()
    {
        for (Console *console : {&m_a, &m_b}) {
            console->page.reset();
            console->sync.engine.reset();
        }
        m_server.reset();
    }

    void aClaimShowsOnTheOtherConsole()
    {
        const QString id = findingId(1); // an ARN: '/' in the path label
        m_a.select(id);
        QElapsedTimer timer;
        timer.start();
        m_a.page->assignSelection();
        QCOMPARE(m_a.stored(id, u"assignee"_s), u"alice"_s);
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_b.share().claimByOther(id).has_value(), qPrintable(m_a.outboxText()), 10000);
        const qint64 ms = timer.elapsed();
        qInfo("claim seen by the other console after %lld ms", ms);
        QVERIFY2(ms < 5000, qPrintable(QString::number(ms)));
        QCOMPARE(m_b.share().claimByOther(id)->analyst, u"alice"_s);
        QCOMPARE(m_b.share().claimByOther(id)->console, m_a.share().consoleId());
        QTRY_COMPARE(m_b.assigneeText(id), u"being worked by alice"_s);
        QVERIFY(!m_a.share().claimByOther(id)); // its own claim
        QCOMPARE(m_a.assigneeText(id), u"alice"_s);
    }

    void workingOnAClaimedFindingAsksFirst()
    {
        const QString id = findingId(1);
        m_b.select(id);
        MessageBox::setNextAnswer(QMessageBox::No);
        m_b.page->suppressSelection();
        QVERIFY(MessageBox::lastText().contains(u"being worked by alice"_s));
        QCOMPARE(m_b.stored(id, u"verdict"_s), u"Queued"_s);
        QVERIFY(m_b.page->lastMessage().contains(u"Left alone"_s));

        // Going on anyway takes the finding over; alice's console sees bob's decision.
        m_b.select(id);
        MessageBox::setNextAnswer(QMessageBox::Yes);
        m_b.page->suppressSelection();
        QCOMPARE(m_b.stored(id, u"verdict"_s), u"Suppressed"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_a.stored(id, u"verdict_rule"_s), u"analyst:bob"_s, 10000);
        QCOMPARE(m_a.stored(id, u"verdict"_s), u"Suppressed"_s);
        QTRY_COMPARE(
            m_a.page->model()->rowAt(m_a.page->model()->rowOf(id))->verdict, u"Suppressed"_s);
        QTRY_VERIFY(!m_b.share().claimByOther(id)); // the decision ended the claim
        QCOMPARE(m_b.sync.engine->failedCount(), 0);
    }

    void claimsMadeOfflineResolveToTheFirstTheServerGot()
    {
        const QString id = findingId(2);
        m_a.sync.engine->stop();
        m_b.sync.engine->stop();
        m_a.select(id);
        m_a.page->assignSelection();
        m_b.select(id);
        m_b.page->assignSelection(); // nothing known about alice's claim yet: no question
        QCOMPARE(m_a.waitingTriageChanges(), 1);
        QCOMPARE(m_b.waitingTriageChanges(), 1);

        m_a.sync.engine->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_a.waitingTriageChanges(), 0, 10000);
        QSignalSpy refused(&m_b.share(), &sync::TriageShare::refused);
        m_b.sync.engine->start();
        QTRY_VERIFY_WITH_TIMEOUT(!refused.isEmpty(), 10000);
        QCOMPARE(refused.first().at(0).toString(), id);
        QVERIFY(refused.first().at(1).toString().contains(u"being worked by alice"_s));
        // Both consoles agree: alice holds it; bob's console gave up its assignment.
        QTRY_COMPARE(m_b.stored(id, u"assignee"_s), QString());
        QTRY_COMPARE(
            m_b.share().claimByOther(id).value_or(sync::TriageClaim()).analyst, u"alice"_s);
        QTRY_COMPARE(m_b.assigneeText(id), u"being worked by alice"_s);
        QVERIFY(!m_a.share().claimByOther(id));
        QCOMPARE(m_a.stored(id, u"assignee"_s), u"alice"_s);
        QCOMPARE(m_b.waitingTriageChanges(), 0);
        QCOMPARE(m_b.sync.engine->failedCount(), 0); // not a change needing attention
        QVERIFY(m_b.page->lastMessage().contains(u"being worked by alice"_s));
    }

    void decisionsReplicate()
    {
        // Escalated into a new case: the decision waits for the case's backend ID.
        const QString escalated = findingId(3);
        m_a.select(escalated);
        TriageQueuePage::setNextEscalationTarget(QString());
        m_a.page->escalateSelection();
        const QString provisional = m_a.stored(escalated, u"case_id"_s);
        QVERIFY2(sync::LocalChanges::isProvisionalId(provisional), qPrintable(provisional));
        QTRY_VERIFY_WITH_TIMEOUT(
            !sync::LocalChanges::isProvisionalId(m_a.stored(escalated, u"case_id"_s)), 10000);
        const QString caseId = m_a.stored(escalated, u"case_id"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_b.stored(escalated, u"case_id"_s), caseId, 10000);
        QCOMPARE(m_b.stored(escalated, u"verdict"_s), u"Escalated"_s);
        QCOMPARE(m_b.stored(escalated, u"verdict_rule"_s), u"analyst:alice"_s);

        // A false positive and a suppression on the other console.
        const QString suppressed = findingId(4);
        m_b.select(suppressed);
        m_b.page->suppressSelection();
        QTRY_COMPARE_WITH_TIMEOUT(m_a.stored(suppressed, u"verdict"_s), u"Suppressed"_s, 10000);
        QCOMPARE(m_a.stored(suppressed, u"verdict_rule"_s), u"analyst:bob"_s);
        // Back in the queue, again from alice.
        m_a.select(suppressed);
        m_a.page->requeueSelection();
        QTRY_COMPARE_WITH_TIMEOUT(m_b.stored(suppressed, u"verdict"_s), u"Queued"_s, 10000);
        QCOMPARE(m_b.stored(suppressed, u"verdict_rule"_s), u"analyst:alice"_s);
    }

    void decisionsMadeOfflineAreSentLater()
    {
        const QString id = findingId(6);
        m_a.sync.engine->stop();
        m_a.select(id);
        m_a.page->suppressSelection();
        QCOMPARE(m_a.waitingTriageChanges(), 1);
        QTest::qWait(1500);
        QCOMPARE(m_b.stored(id, u"verdict"_s), u"Queued"_s);
        m_a.sync.engine->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_b.stored(id, u"verdict"_s), u"Suppressed"_s, 10000);
        QCOMPARE(m_a.waitingTriageChanges(), 0);
    }

    // A console keeps the claims of findings still assigned on it: claimed again before
    // they run out, the server extends them (same claimed-at, later expiry), and every
    // console sees the new expiry. A released finding is not claimed again.
    void claimsAreRenewedWhileAssigned()
    {
        const QString id = findingId(8);
        m_a.select(id);
        m_a.page->assignSelection();
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_a.claimTimes(id).second > 0, qPrintable(m_a.outboxText()), 10000);
        const auto [claimedAt, expiresAt] = m_a.claimTimes(id);
        QCOMPARE(m_a.share().renewClaims(), 0); // four hours left, renewed in the last hour
        m_a.share().setClaimRenewalWindow(5 * 3600);
        QTest::qWait(20); // the server's clock moves on
        // This finding, and any other still assigned on A by the tests before.
        QVERIFY(m_a.share().renewClaims() >= 1);
        QCOMPARE(m_a.claimsWaiting(id), 1);
        QCOMPARE(m_a.share().renewClaims(), 0); // the claims wait to be sent: not twice
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_a.claimTimes(id).second > expiresAt, qPrintable(m_a.outboxText()), 10000);
        QCOMPARE(m_a.claimTimes(id).first, claimedAt);
        QTRY_COMPARE_WITH_TIMEOUT(m_b.claimTimes(id).second, m_a.claimTimes(id).second, 10000);
        QCOMPARE(m_b.share().claimByOther(id)->analyst, u"alice"_s);
        // Released (A again unassigns): not claimed again.
        QTRY_COMPARE(m_a.waitingTriageChanges(), 0);
        m_a.select(id);
        m_a.page->assignSelection();
        QCOMPARE(m_a.stored(id, u"assignee"_s), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!m_b.share().claimByOther(id).has_value(), 10000);
        QTRY_COMPARE(m_a.waitingTriageChanges(), 0);
        m_a.share().renewClaims();
        QCOMPARE(m_a.claimsWaiting(id), 0);
        m_a.share().setClaimRenewalWindow(sync::TriageShare::DefaultClaimRenewalSeconds);
        QTRY_COMPARE(m_a.waitingTriageChanges(), 0);
    }

    void theServerKeepsOneStateForBoth()
    {
        const QJsonObject state = m_a.sync.call(
            u"XWarroomListTriageState"_s, {{u"after"_s, 0}, {u"maxResults"_s, 100}});
        QHash<QString, QJsonObject> items;
        for (const QJsonValue &item : state.value(u"items"_s).toArray())
            items.insert(item[u"findingId"_s].toString(), item.toObject());
        QCOMPARE(items.value(findingId(2))[u"claim"_s][u"analyst"_s].toString(), u"alice"_s);
        QCOMPARE(items.value(findingId(1))[u"decision"_s][u"analyst"_s].toString(), u"bob"_s);
        QCOMPARE(items.value(findingId(3))[u"decision"_s][u"verdict"_s].toString(), u"Escalated"_s);
        QCOMPARE(
            items.value(findingId(6))[u"decision"_s][u"verdict"_s].toString(), u"Suppressed"_s);
    }
};

QTEST_MAIN(TestTriageShared)
#include "tst_triageshared.moc"
