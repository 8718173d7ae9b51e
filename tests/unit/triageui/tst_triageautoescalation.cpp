// Rule-based auto-escalation into cases (FindingAutoEscalation), on the embedded backend
// and on the real warroom-server: findings a rule escalates go into one case per
// fingerprint through LocalChanges (the per-run limit leaves the rest for the next run),
// every escalated finding is linked exactly once (again after re-triage, after the rule is
// switched off and on, after a restart), repeats join the open case of their fingerprint,
// the cases reach the backend and the links follow the real IDs; the case write and the
// links are one transaction.
#include "../awsclient/WarroomServerProcess.h"
#include "../sync/SyncConsole.h"
#include "../sync/SyncTestSupport.h"
#include "QueueTestData.h"
#include "domain/Case.h"
#include "ingest/FindingRetriage.h"
#include "ingest/StoredTriage.h"
#include "store/CaseRepository.h"
#include "store/OutboxRepository.h"
#include "store/RuleRepository.h"
#include "store/Workspace.h"
#include "sync/EmbeddedBackend.h"
#include "sync/FindingAutoEscalation.h"
#include "sync/HttpBackend.h"
#include "sync/LocalChanges.h"
#include "sync/SyncEngine.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using sync::FindingAutoEscalation;

namespace {

const QString ReconType = u"Recon:EC2/PortProbeUnprotectedPort"_s;

domain::SuppressionRule escalateRecon(bool enabled)
{
    domain::SuppressionRule rule;
    rule.id = u"esc-recon"_s;
    rule.name = u"Port probes are incidents"_s;
    rule.position = 1;
    rule.enabled = enabled;
    rule.action = domain::RuleAction::Escalate;
    rule.criteria = {{u"type"_s, domain::RuleOperator::Equals, ReconType}};
    return rule;
}

} // namespace

class TestTriageAutoEscalation final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::WarroomServerProcess> m_server;

    std::unique_ptr<sync::CaseBackend> backendFor(const QString &kind, const QString &folder)
    {
        return test::backendFor(kind, folder, m_server->url(), m_server->key());
    }

    static QMap<QString, QString> links(store::Database &database)
    {
        QMap<QString, QString> out; // finding id -> case id, escalated findings only
        QSqlQuery query(database.reader());
        query.exec(u"SELECT id, COALESCE(case_id, '') FROM findings WHERE verdict = 'Escalated'"_s);
        while (query.next())
            out.insert(query.value(0).toString(), query.value(1).toString());
        return out;
    }

    static qint64 scalar(store::Database &database, const QString &sql)
    {
        QSqlQuery query(database.reader());
        return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
    }

    static bool retriage(store::Database &database, QString *error)
    {
        auto engine = ingest::triageEngineFromStore(database, error);
        if (!engine)
            return false;
        const auto result = ingest::FindingRetriage::run(
            database, *engine, ingest::FindingRetriage::Scope::Automatic);
        *error = result.error;
        return result.ok();
    }

    static bool saveRule(store::Database &database, const domain::SuppressionRule &rule)
    {
        QString error;
        return database.write(
            [&](QSqlDatabase &connection, QString *e) {
                return store::RuleRepository(connection).upsert(rule, e);
            },
            &error);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(u"server"_s)));
        m_server = std::make_unique<test::WarroomServerProcess>(m_dir.filePath(u"server"_s));
        QString error;
        QVERIFY2(m_server->start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
    }

    void policyRoundTripsThroughTheWorkspace()
    {
        QTemporaryDir dir;
        QString error;
        auto workspace = store::Workspace::open(dir.path(), &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(!ingest::triagePolicyFromStore(workspace->database()).autoEscalation.enabled);
        triage::TriagePolicy policy;
        policy.trustedNetworks = {{u"VPN"_s, u"198.18.0.0/15"_s}, {u"v6"_s, u"2001:db8::/32"_s}};
        policy.escalateAtSeverity = 8.5;
        policy.suppressBelowSeverity = 1.0;
        policy.autoEscalation.enabled = true;
        policy.autoEscalation.grouping = triage::AutoEscalationPolicy::Grouping::Rule;
        policy.autoEscalation.includeSeverityThreshold = true;
        QVERIFY2(
            ingest::saveTriagePolicy(workspace->database(), policy, &error), qPrintable(error));
        const auto back = ingest::triagePolicyFromStore(workspace->database(), &error);
        QCOMPARE(back.trustedNetworks.size(), 2);
        QCOMPARE(back.trustedNetworks.at(1).cidr, u"2001:db8::/32"_s);
        QCOMPARE(back.escalateAtSeverity.value_or(0), 8.5);
        QCOMPARE(back.suppressBelowSeverity.value_or(0), 1.0);
        QVERIFY(back.autoEscalation.enabled);
        QVERIFY(back.autoEscalation.includeSeverityThreshold);
        QCOMPARE(back.autoEscalation.grouping, triage::AutoEscalationPolicy::Grouping::Rule);
    }

    void failedLinkMakesNoCase()
    {
        QTemporaryDir dir;
        QString error;
        auto workspace = store::Workspace::open(dir.path(), &error);
        QVERIFY2(workspace, qPrintable(error));
        sync::LocalChanges changes(workspace->database(), u"ana"_s);
        const domain::CreateCaseRequest request = test::newCaseRequest(u"t"_s);
        const QString none = changes.createCase(
            request, nullptr, &error, [](QSqlDatabase &, const QString &, QString *e) {
                *e = u"link refused"_s;
                return false;
            });
        QVERIFY(none.isEmpty());
        QCOMPARE(error, u"link refused"_s);
        QCOMPARE(scalar(workspace->database(), u"SELECT COUNT(*) FROM cases"_s), 0);
        QCOMPARE(scalar(workspace->database(), u"SELECT COUNT(*) FROM outbox"_s), 0);
    }

    void escalatesEachFindingOnce_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("embedded") << u"embedded"_s;
        QTest::newRow("warroom-server") << u"server"_s;
    }

    void escalatesEachFindingOnce()
    {
        QFETCH(QString, backend);
        const QString folder = m_dir.filePath(u"ws-"_s + backend);
        QString error;
        auto workspace = store::Workspace::open(folder, &error);
        QVERIFY2(workspace, qPrintable(error));
        store::Database &database = workspace->database();
        auto engine = std::make_unique<sync::SyncEngine>(*workspace, backendFor(backend, folder));

        // Findings 1-40: every fourth is a port probe on its own resource (10 fingerprints).
        QVERIFY2(queuetest::addFindings(database, 1, 41, &error), qPrintable(error));
        QVERIFY(saveRule(database, escalateRecon(true)));
        triage::TriagePolicy policy;
        policy.escalateAtSeverity = 9.0; // findings 27 (9.9) and 35 (9.5): not rule-made
        policy.autoEscalation.enabled = true;
        QVERIFY2(ingest::saveTriagePolicy(database, policy, &error), qPrintable(error));
        QVERIFY2(retriage(database, &error), qPrintable(error));
        QCOMPARE(scalar(database,
                     u"SELECT COUNT(*) FROM findings WHERE verdict_rule = 'esc-recon' AND "
                     u"verdict = 'Escalated'"_s),
            10);
        QCOMPARE(FindingAutoEscalation::pending(database, policy.autoEscalation), 10);

        // Off: nothing happens.
        FindingAutoEscalation auto_(database, engine->changes());
        triage::AutoEscalationPolicy off = policy.autoEscalation;
        off.enabled = false;
        QCOMPARE(auto_.run(off).findingsLinked, 0);

        // Four new cases per run: 4, 4, 2, then nothing.
        auto_.setMaxNewCasesPerRun(4);
        QList<int> created;
        for (int run = 0; run < 4; ++run) {
            const auto result = auto_.run(policy.autoEscalation);
            QVERIFY2(result.ok(), qPrintable(result.error));
            created.append(result.casesCreated);
        }
        QCOMPARE(created, (QList<int> {4, 4, 2, 0}));
        QMap<QString, QString> linked = links(database);
        QCOMPARE(linked.size(), 12);
        // The severity threshold's escalations are not the policy's (includeSeverityThreshold off).
        QCOMPARE(linked.value(queuetest::makeFinding(27).id), QString());
        QCOMPARE(linked.value(queuetest::makeFinding(35).id), QString());
        QSet<QString> cases;
        for (int i = 4; i <= 40; i += 4) {
            const QString caseId = linked.value(queuetest::makeFinding(i).id);
            QVERIFY2(sync::LocalChanges::isProvisionalId(caseId), qPrintable(caseId));
            cases.insert(caseId);
            const auto stored = store::CaseRepository(database.reader()).get(caseId);
            QVERIFY(stored);
            QCOMPARE(stored->impactedAccounts, QStringList {queuetest::makeFinding(i).accountId});
            QVERIFY(stored->description.contains(u"esc-recon"_s));
        }
        QCOMPARE(cases.size(), 10);
        QCOMPARE(store::CaseRepository(database.reader()).count(), 10);

        // With the threshold included, the two severity escalations get cases too.
        triage::AutoEscalationPolicy withThreshold = policy.autoEscalation;
        withThreshold.includeSeverityThreshold = true;
        QCOMPARE(FindingAutoEscalation::pending(database, withThreshold), 2);
        QCOMPARE(auto_.run(withThreshold).casesCreated, 2);
        QCOMPARE(store::CaseRepository(database.reader()).count(), 12);

        // To the backend: the links follow the real IDs.
        QString message;
        QVERIFY2(test::syncRound(*engine, &message), qPrintable(message));
        linked = links(database);
        for (const QString &caseId : std::as_const(linked)) {
            QVERIFY2(!sync::LocalChanges::isProvisionalId(caseId), qPrintable(caseId));
            QVERIFY2(!test::backendCall(*engine, u"GetCase"_s, {{u"caseId"_s, caseId}}).isEmpty(),
                qPrintable(caseId));
        }

        // Re-triage, the rule off (verdicts change, links stay), the rule on again: no case.
        QVERIFY2(retriage(database, &error), qPrintable(error));
        QVERIFY(saveRule(database, escalateRecon(false)));
        QVERIFY2(retriage(database, &error), qPrintable(error));
        QCOMPARE(scalar(database,
                     u"SELECT COUNT(*) FROM findings WHERE case_id IS NOT NULL AND verdict <> "
                     u"'Escalated'"_s),
            8); // 8 and 16 (9.6, 9.2) are escalated by the severity threshold now

        QVERIFY(saveRule(database, escalateRecon(true)));
        QVERIFY2(retriage(database, &error), qPrintable(error));
        QCOMPARE(FindingAutoEscalation::pending(database, withThreshold), 0);
        QCOMPARE(auto_.run(withThreshold).findingsLinked, 0);
        QCOMPARE(links(database), linked);

        // Later findings with the fingerprint of 4 and 8 (type, resource, account) join
        // those open cases; nothing new is created.
        QVERIFY2(queuetest::addFindings(database, 304, 305, &error), qPrintable(error));
        QVERIFY2(queuetest::addFindings(database, 308, 309, &error), qPrintable(error));
        QCOMPARE(
            queuetest::makeFinding(304).fingerprint(), queuetest::makeFinding(4).fingerprint());
        QVERIFY2(retriage(database, &error), qPrintable(error));
        const auto joined = auto_.run(withThreshold);
        QVERIFY2(joined.ok(), qPrintable(joined.error));
        QCOMPARE(joined.casesCreated, 0);
        QCOMPARE(joined.casesUpdated, 2);
        linked = links(database);
        QCOMPARE(linked.value(queuetest::makeFinding(304).id),
            linked.value(queuetest::makeFinding(4).id));
        QCOMPARE(linked.value(queuetest::makeFinding(308).id),
            linked.value(queuetest::makeFinding(8).id));

        // A restart: a new engine on the reopened workspace makes no second case.
        engine.reset();
        workspace.reset();
        workspace = store::Workspace::open(folder, &error);
        QVERIFY2(workspace, qPrintable(error));
        engine = std::make_unique<sync::SyncEngine>(*workspace, backendFor(backend, folder));
        FindingAutoEscalation again(workspace->database(), engine->changes());
        QCOMPARE(again.run(ingest::triagePolicyFromStore(workspace->database()).autoEscalation)
                     .findingsLinked,
            0);
        QVERIFY2(test::syncRound(*engine, &message), qPrintable(message));
        QCOMPARE(store::CaseRepository(workspace->database().reader()).count(), 12);
        QCOMPARE(links(workspace->database()), linked);
    }
};

QTEST_MAIN(TestTriageAutoEscalation)
#include "tst_triageautoescalation.moc"
