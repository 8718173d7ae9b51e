// Escalating findings from the triage queue into cases, through the sync layer, against
// the real warroom-server (started on a free loopback port): two findings into a new case
// (fields taken from the findings, links, the case board's severity strip), a sync round
// (the case on the server, the links on its real ID), a third finding into that open case
// (no second case), and Ctrl+Z (verdict and link undone, the case kept).
#include "../awsclient/WarroomServerProcess.h"
#include "../sync/SyncConsole.h"
#include "QueueTestData.h"
#include "domain/Case.h"
#include "itemmodels/CaseBoardCard.h"
#include "itemmodels/CaseBoardModel.h"
#include "itemmodels/FindingQueueModel.h"
#include "store/CaseRepository.h"
#include "store/Workspace.h"
#include "sync/HttpBackend.h"
#include "sync/LocalChanges.h"
#include "sync/SyncEngine.h"
#include "triage/EscalationDialog.h"
#include "triage/TriageQueuePage.h"

#include <QComboBox>
#include <QRadioButton>

#include <QJsonArray>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using ui::triage::TriageQueuePage;

class TestTriageEscalation final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::WarroomServerProcess> m_server;
    test::SyncConsole m_console;
    store::Workspace *m_workspace = nullptr;
    sync::SyncEngine *m_engine = nullptr;
    std::unique_ptr<TriageQueuePage> m_page;
    QTableView *m_table = nullptr;
    QString m_caseId;

    static QString findingId(int i) { return queuetest::makeFinding(i).id; }

    QString stored(const QString &id, const QString &column)
    {
        QSqlQuery query(m_workspace->database().reader());
        query.prepare(u"SELECT COALESCE("_s + column + u", '') FROM findings WHERE id = ?"_s);
        query.addBindValue(id);
        if (!query.exec() || !query.next())
            return u"<missing>"_s;
        return query.value(0).toString();
    }

    qint64 caseCount() { return store::CaseRepository(m_workspace->database().reader()).count(); }

    bool syncRound(QString *message)
    {
        const bool ok = m_console.syncOnce();
        *message = m_engine->lastError();
        return ok;
    }

    QJsonObject serverCall(const QString &operation, const QJsonObject &input)
    {
        return m_console.call(operation, input);
    }

    static QStringList strings(const QJsonArray &array, const QString &member = QString())
    {
        QStringList out;
        for (const QJsonValue &v : array)
            out.append(member.isEmpty() ? v.toString() : v.toObject().value(member).toString());
        out.sort();
        return out;
    }

    void markRows(const QStringList &ids)
    {
        m_table->selectionModel()->clearSelection();
        for (const QString &id : ids) {
            const int row = m_page->model()->rowOf(id);
            QVERIFY2(row >= 0, qPrintable(id));
            m_table->selectionModel()->select(m_page->model()->index(row, 0),
                QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(u"server"_s)));
        m_server = std::make_unique<test::WarroomServerProcess>(m_dir.filePath(u"server"_s));
        QString error;
        QVERIFY2(m_server->start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
        QVERIFY2(m_console.open(m_server->url(), m_server->key(), &error), qPrintable(error));
        m_workspace = m_console.workspace.get();
        m_engine = m_console.engine.get();
        // Findings 1-4: scores 3.7, 7.4, 1.1, 4.8; accounts 2, 3, 1, 2 (x12); Regions
        // us-east-1, eu-west-1, us-east-1, eu-west-1; IAMUser, IAMUser, IAMUser, EC2.
        QVERIFY2(queuetest::addFindings(m_workspace->database(), 1, 5, &error), qPrintable(error));
        ui::AreaContext context;
        context.workspace = m_workspace;
        context.sync = m_engine;
        m_page = std::make_unique<TriageQueuePage>(context);
        m_page->setAnalyst(u"ana"_s);
        m_page->resize(1400, 700);
        m_page->show();
        m_table = m_page->findChild<QTableView *>(u"findingsTable"_s);
        QVERIFY(m_table);
        QTRY_COMPARE(m_page->model()->rowCount(), 4);
        m_table->setFocus();
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_console.engine.reset();
        m_server.reset();
    }

    void escalatesTwoFindingsIntoANewCase()
    {
        const QStringList ids = {findingId(4), findingId(2)};
        markRows(ids);
        TriageQueuePage::setNextEscalationTarget(QString()); // "New case"
        QTest::keyClick(m_table, Qt::Key_E);
        QVERIFY2(m_page->lastMessage().contains(u"new case"_s), qPrintable(m_page->lastMessage()));
        QVERIFY(m_page->lastMessage().contains(u"the case itself stays"_s));

        m_caseId = stored(findingId(2), u"case_id"_s);
        QVERIFY2(sync::LocalChanges::isProvisionalId(m_caseId), qPrintable(m_caseId));
        QCOMPARE(stored(findingId(4), u"case_id"_s), m_caseId);
        QCOMPARE(stored(findingId(2), u"verdict"_s), u"Escalated"_s);
        QCOMPARE(stored(findingId(4), u"verdict_rule"_s), u"analyst:ana"_s);
        QCOMPARE(stored(findingId(1), u"case_id"_s), QString()); // not selected
        QCOMPARE(caseCount(), qint64(1));

        const auto c = store::CaseRepository(m_workspace->database().reader()).get(m_caseId);
        QVERIFY(c);
        QCOMPARE(c->title, u"Finding number 2 (+1 more)"_s); // the most severe (7.4)
        QVERIFY(c->description.contains(u"Finding number 4"_s));
        QCOMPARE(c->impactedAccounts, (QStringList {u"222222222222"_s, u"333333333333"_s}));
        QCOMPARE(c->impactedAwsRegions.size(), 1);
        QCOMPARE(c->impactedAwsRegions.first().region, u"eu-west-1"_s);
        QCOMPARE(c->impactedServices, (QStringList {u"EC2"_s, u"IAMUser"_s}));
        QCOMPARE(c->threatActorIpAddresses.size(), 2);
        QCOMPARE(c->threatActorIpAddresses.at(0).ipAddress, u"198.51.100.2"_s);
        QCOMPARE(c->threatActorIpAddresses.at(1).ipAddress, u"198.51.100.4"_s);
        QVERIFY(c->watchers.isEmpty());
        QCOMPARE(c->engagementType, domain::EngagementType::SecurityIncident);
        QCOMPARE(c->resolverType, domain::ResolverType::Self);

        // The case board's severity strip sees the linked findings.
        itemmodels::CaseBoardModel board(&m_workspace->database());
        QString error;
        QVERIFY2(board.reloadNow(&error), qPrintable(error));
        const auto *card = board.card(m_caseId);
        QVERIFY(card);
        QCOMPARE(card->linkedFindings, 2);
        QCOMPARE(card->maxSeverityScore, 7.4);
        QCOMPARE(card->severity, domain::SeverityLabel::High);
    }

    void linksFollowTheRealCaseIdAfterASync()
    {
        QVERIFY(!m_caseId.isEmpty());
        const QString provisional = m_caseId;
        QString message;
        QVERIFY2(syncRound(&message), qPrintable(message));
        m_caseId = stored(findingId(2), u"case_id"_s);
        QVERIFY2(!sync::LocalChanges::isProvisionalId(m_caseId), qPrintable(m_caseId));
        QVERIFY(m_caseId != provisional);
        QCOMPARE(stored(findingId(4), u"case_id"_s), m_caseId);
        QCOMPARE(caseCount(), qint64(1));
        // The queue's rows show the real ID too.
        QCOMPARE(m_page->model()->rowAt(m_page->model()->rowOf(findingId(2)))->caseId, m_caseId);

        const QJsonObject onServer = serverCall(u"GetCase"_s, {{u"caseId"_s, m_caseId}});
        QCOMPARE(onServer.value(u"title"_s).toString(), u"Finding number 2 (+1 more)"_s);
        QCOMPARE(strings(onServer.value(u"impactedAccounts"_s).toArray()),
            (QStringList {u"222222222222"_s, u"333333333333"_s}));
        QCOMPARE(strings(onServer.value(u"threatActorIpAddresses"_s).toArray(), u"ipAddress"_s),
            (QStringList {u"198.51.100.2"_s, u"198.51.100.4"_s}));
        QCOMPARE(onServer.value(u"engagementType"_s).toString(), u"Security Incident"_s);
        QCOMPARE(onServer.value(u"resolverType"_s).toString(), u"Self"_s);
    }

    void addsAThirdFindingToTheOpenCase()
    {
        QVERIFY(!m_caseId.isEmpty());
        markRows({findingId(1)});
        TriageQueuePage::setNextEscalationTarget(m_caseId);
        QTest::keyClick(m_table, Qt::Key_E);
        QVERIFY2(m_page->lastMessage().contains(u"into case "_s + m_caseId),
            qPrintable(m_page->lastMessage()));
        QCOMPARE(caseCount(), qint64(1)); // no second case
        QCOMPARE(stored(findingId(1), u"case_id"_s), m_caseId);
        QCOMPARE(stored(findingId(1), u"verdict"_s), u"Escalated"_s);
        // What finding 1 adds: its Region and its IP (its account is already listed).
        const auto c = store::CaseRepository(m_workspace->database().reader()).get(m_caseId);
        QVERIFY(c);
        QCOMPARE(c->impactedAwsRegions.size(), 2);
        QCOMPARE(c->threatActorIpAddresses.size(), 3);
        QCOMPARE(c->impactedAccounts.size(), 2);

        QString message;
        QVERIFY2(syncRound(&message), qPrintable(message));
        const QJsonObject onServer = serverCall(u"GetCase"_s, {{u"caseId"_s, m_caseId}});
        QCOMPARE(strings(onServer.value(u"impactedAwsRegions"_s).toArray(), u"region"_s),
            (QStringList {u"eu-west-1"_s, u"us-east-1"_s}));
        QCOMPARE(onServer.value(u"threatActorIpAddresses"_s).toArray().size(), 3);
        const QJsonArray cases = serverCall(u"ListCases"_s, {}).value(u"items"_s).toArray();
        QCOMPARE(cases.size(), 1);

        itemmodels::CaseBoardModel board(&m_workspace->database());
        QVERIFY(board.reloadNow());
        QCOMPARE(board.card(m_caseId)->linkedFindings, 3);
    }

    void undoKeepsTheCase()
    {
        QTest::keyClick(m_table, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(stored(findingId(1), u"verdict"_s), u"Queued"_s);
        QCOMPARE(stored(findingId(1), u"case_id"_s), QString());
        QCOMPARE(stored(findingId(2), u"case_id"_s), m_caseId); // earlier escalation stays
        QCOMPARE(caseCount(), qint64(1));
        QVERIFY(store::CaseRepository(m_workspace->database().reader()).get(m_caseId));
    }

    void dialogOffersNewOrAnOpenCase()
    {
        ui::triage::EscalationDialog none(2, {});
        QVERIFY(!none.findChild<QRadioButton *>(u"escalateExistingCaseRadioButton"_s)->isEnabled());
        QCOMPARE(none.chosenCaseId(), QString());

        ui::triage::EscalationDialog dialog(
            1, {{u"1234567890"_s, u"First"_s}, {u"2345678901"_s, u"Second"_s}});
        auto *cases = dialog.findChild<QComboBox *>(u"escalateCaseComboBox"_s);
        QVERIFY(!cases->isEnabled());
        QCOMPARE(dialog.chosenCaseId(), QString()); // "New case" by default
        dialog.findChild<QRadioButton *>(u"escalateExistingCaseRadioButton"_s)->setChecked(true);
        QVERIFY(cases->isEnabled());
        cases->setCurrentIndex(1);
        QCOMPARE(dialog.chosenCaseId(), u"2345678901"_s);
    }

    // Without a sync engine, E only sets the verdict and says no case was made.
    void withoutASyncEngineOnlyTheVerdict()
    {
        QString error;
        auto workspace = store::Workspace::open(m_dir.filePath(u"plain"_s), &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(queuetest::addFindings(workspace->database(), 1, 3, &error));
        ui::AreaContext context;
        context.workspace = workspace.get();
        TriageQueuePage page(context);
        page.show();
        auto *table = page.findChild<QTableView *>(u"findingsTable"_s);
        QTRY_COMPARE(page.model()->rowCount(), 2);
        table->setFocus();
        table->setCurrentIndex(page.model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_E);
        QVERIFY2(
            page.lastMessage().contains(u"No case was created"_s), qPrintable(page.lastMessage()));
        QCOMPARE(store::CaseRepository(workspace->database().reader()).count(), qint64(0));
    }
};

QTEST_MAIN(TestTriageEscalation)
#include "tst_triageescalation.moc"
