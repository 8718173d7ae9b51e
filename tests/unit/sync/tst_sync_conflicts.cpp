// Conflicts and refused changes in the SyncEngine, against the real warroom-server: a
// field changed in two workspaces is held with both values until the user keeps theirs
// or takes the backend's; fields changed on one side only merge; a refused change is
// edited and sent again.

#include "SyncServerSupport.h"

#include "../awsclient/WarroomServerProcess.h"
#include "domain/CaseJson.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/OutboxRepository.h"

using namespace warroom;
using warroom::test::SyncConsole;
using warroom::test::WarroomServerProcess;
using Choice = sync::SyncEngine::ConflictChoice;

namespace {

domain::UpdateCaseRequest titleUpdate(const QString &caseId, const QString &title)
{
    domain::UpdateCaseRequest request;
    request.caseId = caseId;
    request.title = title;
    return request;
}

} // namespace

class TestSyncConflicts final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_serverDir;
    std::unique_ptr<WarroomServerProcess> m_server;
    std::unique_ptr<SyncConsole> m_a, m_b;

    // A and B both hold a case created by A, synced; neither engine runs (each round
    // is one syncOnce), so the order of events is the test's.
    QString sharedCase(const QString &title) { return test::shareNewCase(*m_a, *m_b, title); }

    QJsonObject serverCase(const QString &caseId)
    {
        return test::callNow(m_b->engine->backend(), u"GetCase"_s, {{u"caseId"_s, caseId}}).output;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<WarroomServerProcess>(m_serverDir.path());
        QString error;
        QVERIFY2(m_server->start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
    }

    void init()
    {
        QString error;
        QVERIFY2(test::openConsolePair(m_server->url(), m_server->key(), &m_a, &m_b, &error),
            qPrintable(error));
    }

    void cleanup()
    {
        m_a.reset();
        m_b.reset();
    }

    void sameFieldBothSidesKeepMine()
    {
        const QString id = sharedCase(u"Conflict keep"_s);
        QVERIFY(!id.isEmpty());
        QString error;
        QVERIFY(m_a->engine->changes().updateCase(titleUpdate(id, u"Mine"_s), nullptr, &error));
        QVERIFY(m_b->engine->changes().updateCase(titleUpdate(id, u"Theirs"_s), nullptr, &error));
        QVERIFY2(m_b->syncOnce(&error), qPrintable(error));

        QSignalSpy conflictsChanged(m_a->engine.get(), &sync::SyncEngine::conflictsChanged);
        QVERIFY(!m_a->syncOnce(&error)); // held: one change waits for the user
        QVERIFY(conflictsChanged.count() >= 1);
        const auto conflicts = m_a->engine->conflicts();
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().caseId, id);
        QCOMPARE(conflicts.first().field, u"title"_s);
        QCOMPARE(conflicts.first().baseValue.toString(), u"Conflict keep"_s);
        QCOMPARE(conflicts.first().localValue.toString(), u"Mine"_s);
        QCOMPARE(conflicts.first().remoteValue.toString(), u"Theirs"_s);
        QCOMPARE(m_a->engine->conflictCount(), 1);
        QCOMPARE(m_a->engine->pendingCount(), 1);
        // Neither side was overwritten.
        QCOMPARE(m_a->get(id)->title, u"Mine"_s);
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Theirs"_s);

        QVERIFY(!m_a->engine->resolveConflict(id, u"description"_s, Choice::KeepMine, &error));
        QVERIFY2(m_a->engine->resolveConflict(id, u"title"_s, Choice::KeepMine, &error),
            qPrintable(error));
        QCOMPARE(m_a->engine->conflictCount(), 0);
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Mine"_s);
        QVERIFY2(m_b->syncOnce(&error), qPrintable(error));
        QCOMPARE(m_b->get(id)->title, u"Mine"_s);
        QCOMPARE(m_b->engine->conflictCount(), 0);
    }

    void takeTheirsDropsOnlyThatField()
    {
        const QString id = sharedCase(u"Conflict take"_s);
        QVERIFY(!id.isEmpty());
        QString error;
        auto mine = titleUpdate(id, u"Mine"_s);
        mine.description = u"Description written in A"_s;
        QVERIFY(m_a->engine->changes().updateCase(mine, nullptr, &error));
        QVERIFY(m_b->engine->changes().updateCase(titleUpdate(id, u"Theirs"_s), nullptr, &error));
        QVERIFY2(m_b->syncOnce(&error), qPrintable(error));
        QVERIFY(!m_a->syncOnce(&error));
        QCOMPARE(m_a->engine->conflictsForCase(id).size(), 1);

        QVERIFY2(m_a->engine->resolveConflict(id, u"title"_s, Choice::TakeTheirs, &error),
            qPrintable(error));
        QCOMPARE(m_a->get(id)->title, u"Theirs"_s);
        QCOMPARE(m_a->get(id)->description, u"Description written in A"_s);
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        const QJsonObject server = serverCase(id);
        QCOMPARE(server.value(u"title"_s).toString(), u"Theirs"_s);
        QCOMPARE(server.value(u"description"_s).toString(), u"Description written in A"_s);
    }

    void pullMergesOtherFieldsAndFindsStatusConflicts()
    {
        const QString id = sharedCase(u"Merge"_s);
        QVERIFY(!id.isEmpty());
        QString error;
        QVERIFY(m_a->engine->changes().updateCase(titleUpdate(id, u"A title"_s), nullptr, &error));
        auto other = titleUpdate(id, QString());
        other.title.reset();
        other.description = u"B description"_s;
        QVERIFY(m_b->engine->changes().updateCase(other, nullptr, &error));
        QVERIFY(m_b->engine->changes().updateCaseStatus(
            id, domain::CaseStatus::DetectionAndAnalysis, &error));
        QVERIFY(m_a->engine->changes().updateCaseStatus(
            id, domain::CaseStatus::DetectionAndAnalysis, &error));
        QVERIFY(m_a->engine->changes().updateCaseStatus(
            id, domain::CaseStatus::PostIncidentActivities, &error));
        QVERIFY2(m_b->syncOnce(&error), qPrintable(error));

        // A pull alone (nothing sent): B's description comes in, A's title and status
        // stay, and the status (Detection here and there, then PostIncident here) is one
        // conflict.
        QSignalSpy pulled(m_a->engine.get(), &sync::SyncEngine::pullFinished);
        m_a->engine->pullNow();
        QVERIFY(pulled.wait(10000));
        const auto local = m_a->get(id);
        QCOMPARE(local->title, u"A title"_s);
        QCOMPARE(local->description, u"B description"_s);
        QCOMPARE(local->caseStatus, std::optional(domain::CaseStatus::PostIncidentActivities));
        const auto conflicts = m_a->engine->conflictsForCase(id);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().field, u"caseStatus"_s);
        QCOMPARE(conflicts.first().localValue.toString(), u"Post-incident Activities"_s);

        // Taking theirs drops both status moves; the title still goes.
        QVERIFY2(m_a->engine->resolveConflict(id, u"caseStatus"_s, Choice::TakeTheirs, &error),
            qPrintable(error));
        QCOMPARE(m_a->engine->pendingCount(), 1);
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        const QJsonObject server = serverCase(id);
        QCOMPARE(server.value(u"title"_s).toString(), u"A title"_s);
        QCOMPARE(server.value(u"description"_s).toString(), u"B description"_s);
        QCOMPARE(server.value(u"caseStatus"_s).toString(), u"Detection and Analysis"_s);
        QCOMPARE(m_a->get(id)->caseStatus, std::optional(domain::CaseStatus::DetectionAndAnalysis));
    }

    void refusedChangeIsEditedAndSent()
    {
        const QString id = sharedCase(u"Refused"_s);
        QVERIFY(!id.isEmpty());
        QString error;
        QVERIFY(test::enqueueOverlongTitle(*m_a, id));
        QVERIFY(!m_a->syncOnce(&error));
        const auto refused = m_a->engine->needsAttention();
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.first().lastError.startsWith(u"ValidationException"_s),
            qPrintable(refused.first().lastError));
        QVERIFY2(
            refused.first().lastError.contains(u"title"_s), qPrintable(refused.first().lastError));

        // Still too long: refused here, nothing changes.
        domain::FieldErrors errors;
        QVERIFY(!m_a->engine->editRefused(
            refused.first().id, {{u"title"_s, QString(301, u'y')}}, &errors, &error));
        QCOMPARE(errors.first().field, u"title"_s);
        QCOMPARE(m_a->engine->failedCount(), 1);

        QVERIFY2(m_a->engine->editRefused(
                     refused.first().id, {{u"title"_s, u"Fixed title"_s}}, &errors, &error),
            qPrintable(error));
        QCOMPARE(m_a->engine->failedCount(), 0);
        QCOMPARE(m_a->engine->pendingCount(), 1);
        QCOMPARE(m_a->get(id)->title, u"Fixed title"_s);
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Fixed title"_s);
    }
};

QTEST_GUILESS_MAIN(TestSyncConflicts)
#include "tst_sync_conflicts.moc"
