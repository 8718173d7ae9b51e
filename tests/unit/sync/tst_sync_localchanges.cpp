// LocalChanges (store + outbox entry in one transaction, validation naming the field,
// provisional IDs replaced by the backend's) and the SyncEngine on the embedded backend.

#include "SyncTestSupport.h"

#include "caseservice/CaseService.h"
#include "domain/Validation.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/OutboxRepository.h"
#include "store/Workspace.h"
#include "sync/EmbeddedBackend.h"
#include "sync/SyncEngine.h"

#include <QtTest/QtTest>

using namespace warroom;

class TestSyncLocalChanges final : public QObject
{
    Q_OBJECT

private slots:
    void createWritesCaseAndOutboxTogether()
    {
        QTemporaryDir dir;
        QString error;
        auto ws = store::Workspace::open(dir.path(), &error);
        QVERIFY2(ws, qPrintable(error));
        sync::LocalChanges changes(ws->database(), u"arn:aws:iam::123456789012:user/me"_s);
        QSignalSpy changed(&changes, &sync::LocalChanges::caseChanged);
        QSignalSpy outboxChanged(&changes, &sync::LocalChanges::outboxChanged);

        const QString id = changes.createCase(test::newCaseRequest(u"Phishing"_s), nullptr, &error);
        QVERIFY2(!id.isEmpty(), qPrintable(error));
        QVERIFY(sync::LocalChanges::isProvisionalId(id));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(outboxChanged.count(), 1);
        auto reader = ws->database().reader();
        QCOMPARE(store::CaseRepository(reader).get(id)->title, u"Phishing"_s);
        const auto pending
            = store::OutboxRepository(reader).list(store::OutboxEntry::State::Pending);
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().operation, u"CreateCase"_s);
        QCOMPARE(pending.first().caseId, id);
        QVERIFY(!pending.first().clientToken.isEmpty());
        QCOMPARE(pending.first().payload.value(u"clientToken"_s).toString(),
            pending.first().clientToken);

        // A bad request names the field and writes nothing.
        auto bad = test::newCaseRequest(QString());
        domain::FieldErrors errors;
        QVERIFY(changes.createCase(bad, &errors, &error).isEmpty());
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.first().field, u"title"_s);
        QVERIFY(error.contains(u"title"_s));
        QCOMPARE(store::CaseRepository(reader).count(), 1);
        QCOMPARE(store::OutboxRepository(reader).count(store::OutboxEntry::State::Pending), 1);

        // Status rules of the domain: Submitted cannot jump to Ready to Close.
        QVERIFY(!changes.updateCaseStatus(id, domain::CaseStatus::ReadyToClose, &error));
        QVERIFY2(error.contains(u"caseStatus"_s), qPrintable(error));
        QCOMPARE(store::OutboxRepository(reader).count(store::OutboxEntry::State::Pending), 1);
        QVERIFY2(changes.updateCaseStatus(id, domain::CaseStatus::DetectionAndAnalysis, &error),
            qPrintable(error));
        QCOMPARE(store::CaseRepository(reader).get(id)->caseStatus,
            std::optional(domain::CaseStatus::DetectionAndAnalysis));

        // Comment: empty body refused; a good one stored with a provisional ID and queued.
        QVERIFY(changes.addComment(id, QString(), &error).isEmpty());
        QVERIFY(error.contains(u"body"_s));
        const QString commentId = changes.addComment(id, u"Looking into it"_s, &error);
        QVERIFY2(!commentId.isEmpty(), qPrintable(error));
        QCOMPARE(store::CommentRepository(reader).listForCase(id).size(), 1);
        QCOMPARE(store::OutboxRepository(reader).count(store::OutboxEntry::State::Pending), 3);

        // Unknown case: refused, nothing queued.
        QVERIFY(!changes.closeCase(u"9999999999"_s, &error));
        QVERIFY(error.contains(u"9999999999"_s));
        QCOMPARE(store::OutboxRepository(reader).count(store::OutboxEntry::State::Pending), 3);

        // The backend's ID replaces the provisional one everywhere.
        QSignalSpy replaced(&changes, &sync::LocalChanges::caseIdReplaced);
        QVERIFY2(changes.replaceCaseId(id, u"1234567890"_s, &error), qPrintable(error));
        QCOMPARE(replaced.count(), 1);
        QVERIFY(!store::CaseRepository(reader).get(id));
        QVERIFY(store::CaseRepository(reader).get(u"1234567890"_s));
        QCOMPARE(store::CommentRepository(reader).listForCase(u"1234567890"_s).size(), 1);
        for (const auto &entry :
            store::OutboxRepository(reader).list(store::OutboxEntry::State::Pending)) {
            QCOMPARE(entry.caseId, u"1234567890"_s);
            if (entry.operation != u"CreateCase"_s)
                QCOMPARE(entry.payload.value(u"caseId"_s).toString(), u"1234567890"_s);
        }
    }

    void embeddedBackendRoundTrip()
    {
        QTemporaryDir dir;
        QString error;
        auto ws = store::Workspace::open(dir.path(), &error);
        QVERIFY2(ws, qPrintable(error));
        auto backend = sync::EmbeddedBackend::open(
            dir.filePath(sync::EmbeddedBackend::defaultFileName()), &error);
        QVERIFY2(backend, qPrintable(error));
        auto *service = &backend->service();
        sync::SyncEngine engine(*ws, std::move(backend));
        QSignalSpy replaced(&engine, &sync::SyncEngine::caseIdReplaced);
        engine.start();

        const QString local = engine.changes().createCase(
            test::newCaseRequest(u"Crypto mining"_s), nullptr, &error);
        QVERIFY(!local.isEmpty());
        QVERIFY(!engine.changes().addComment(local, u"First look"_s, &error).isEmpty());
        QVERIFY(engine.changes().updateCaseStatus(
            local, domain::CaseStatus::DetectionAndAnalysis, &error));
        QTRY_COMPARE_WITH_TIMEOUT(replaced.count(), 1, 5000);
        const QString real = replaced.first().at(1).toString();
        domain::FieldErrors idErrors;
        domain::checkGeneratedCaseId(real, u"caseId"_s, idErrors);
        QVERIFY2(idErrors.isEmpty(), qPrintable(real));
        QTRY_COMPARE_WITH_TIMEOUT(engine.pendingCount(), 0, 5000);
        QCOMPARE(engine.failedCount(), 0);

        // The embedded service has the case, its status and the comment.
        caseservice::Principal me {
            u"K"_s, u"arn:aws:iam::123456789012:user/me"_s, caseservice::Role::Full};
        const auto got = service->call(u"GetCase"_s, {{u"caseId"_s, real}}, me);
        QVERIFY(got.ok());
        QCOMPARE(got.body.value(u"caseStatus"_s).toString(), u"Detection and Analysis"_s);
        const auto comments = service->call(u"ListComments"_s, {{u"caseId"_s, real}}, me);
        QCOMPARE(comments.body.value(u"items"_s).toArray().size(), 1);

        // A change the backend refuses (feedback on an investigation it does not have):
        // kept in "needs attention" with the server's message, never dropped; retried on
        // request, removed only when the user discards it.
        QVERIFY2(engine.changes().sendFeedback(
                     real, u"inv-0000000000"_s, domain::UsefulnessRating::Useful, &error),
            qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(engine.failedCount(), 1, 5000);
        const auto attention = engine.needsAttention();
        QCOMPARE(attention.size(), 1);
        QCOMPARE(attention.first().operation, u"SendFeedback"_s);
        QVERIFY2(attention.first().lastError.contains(u"ResourceNotFoundException"_s),
            qPrintable(attention.first().lastError));
        QVERIFY(engine.retry(attention.first().id, &error));
        QTRY_COMPARE_WITH_TIMEOUT(engine.failedCount(), 1, 5000);
        QVERIFY(engine.discard(attention.first().id, &error));
        QCOMPARE(engine.failedCount(), 0);
        QCOMPARE(engine.pendingCount(), 0);
    }

    void backoffGrowsWithJitter()
    {
        QCOMPARE(sync::SyncEngine::backoffMs(1, 0.0), 250);
        QCOMPARE(sync::SyncEngine::backoffMs(1, 1.0), 500);
        QCOMPARE(sync::SyncEngine::backoffMs(3, 1.0), 2000);
        QCOMPARE(sync::SyncEngine::backoffMs(30, 1.0), 60000);
    }
};

QTEST_GUILESS_MAIN(TestSyncLocalChanges)
#include "tst_sync_localchanges.moc"
