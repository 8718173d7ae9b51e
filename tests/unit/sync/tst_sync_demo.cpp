// The demo workspace and its embedded backend agree: the demo cases are seeded into the
// backend with their IDs, statuses, dates, comments and edits, so the first pull fetches
// nothing and changes to a demo case are accepted (nothing lands in "needs attention").

#include "caseservice/CaseService.h"
#include "demo/DemoWorkspace.h"
#include "domain/CaseJson.h"
#include "store/CaseEditRepository.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/Workspace.h"
#include "sync/BackendSettings.h"
#include "sync/EmbeddedBackend.h"
#include "sync/SyncEngine.h"

#include <QtTest/QtTest>

using namespace warroom;
using namespace Qt::StringLiterals;

namespace {

// One round of the engine; the message when it did not finish cleanly.
bool syncOnce(sync::SyncEngine &engine, QString *message)
{
    bool finished = false;
    bool ok = false;
    engine.syncOnce([&](bool good, const QString &text) {
        finished = true;
        ok = good;
        *message = text;
    });
    QElapsedTimer timer;
    timer.start();
    while (!finished && timer.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return finished && ok;
}

caseservice::ServiceResult backendCall(
    caseservice::CaseService &service, const QString &operation, const QJsonObject &input)
{
    const caseservice::Principal reader {
        u"TEST"_s, u"arn:aws:iam::318273645501:user/test"_s, caseservice::Role::Full};
    return service.call(operation, input, reader);
}

} // namespace

class TestSyncDemo final : public QObject
{
    Q_OBJECT

private slots:
    void demoCasesAreOnTheBackend()
    {
        QTemporaryDir dir;
        QString error;
        auto ws = store::Workspace::open(dir.path(), &error);
        QVERIFY2(ws, qPrintable(error));
        demo::DemoSize size;
        size.findings = 300;
        QVERIFY2(demo::seedDemoWorkspace(*ws, size, &error), qPrintable(error));
        QElapsedTimer timer;
        timer.start();
        int seeded = 0;
        QVERIFY2(sync::EmbeddedBackend::seedFromStore(*ws, &error, &seeded), qPrintable(error));
        qInfo("seeding the embedded backend with %d demo cases took %lld ms", seeded,
            static_cast<long long>(timer.elapsed()));
        QCOMPARE(seeded, size.cases);

        // Same IDs, statuses (the AWS-managed ones included), dates and history.
        const auto local = store::CaseRepository(ws->database().reader()).listSummaries();
        QCOMPARE(local.size(), size.cases);
        {
            auto backend = sync::EmbeddedBackend::open(
                dir.filePath(sync::EmbeddedBackend::defaultFileName()), &error);
            QVERIFY2(backend, qPrintable(error));
            QSet<domain::CaseStatus> statuses;
            for (const auto &summary : local) {
                const auto got = backendCall(
                    backend->service(), u"GetCase"_s, {{u"caseId"_s, summary.caseId}});
                QVERIFY2(got.ok(), qPrintable(summary.caseId));
                domain::Case remote;
                domain::fromJson(got.body, remote);
                QCOMPARE(remote.caseStatus, summary.caseStatus);
                QCOMPARE(remote.lastUpdatedDate, summary.lastUpdatedDate);
                QCOMPARE(remote.createdDate, summary.createdDate);
                QVERIFY(remote.createdDate < QDateTime::currentDateTimeUtc().addSecs(-3600));
                statuses.insert(*remote.caseStatus);
                const auto comments = backendCall(backend->service(), u"ListComments"_s,
                    {{u"caseId"_s, summary.caseId}, {u"maxResults"_s, 25}});
                QVERIFY(comments.ok());
                QCOMPARE(comments.body.value(u"items"_s).toArray().size(),
                    store::CommentRepository(ws->database().reader())
                        .listForCase(summary.caseId)
                        .size());
                const auto edits = backendCall(backend->service(), u"ListCaseEdits"_s,
                    {{u"caseId"_s, summary.caseId}, {u"maxResults"_s, 25}});
                QVERIFY(edits.ok());
                QCOMPARE(edits.body.value(u"items"_s).toArray().size(),
                    store::CaseEditRepository(ws->database().reader())
                        .listForCase(summary.caseId)
                        .size());
            }
            QCOMPARE(statuses.size(), 7); // every status, Acknowledged and Ready to close too
            const auto memberships = backendCall(backend->service(), u"ListMemberships"_s, {});
            QCOMPARE(memberships.body.value(u"items"_s).toArray().size(), 1);
        }

        // Seeding again changes nothing.
        QVERIFY2(sync::EmbeddedBackend::seedFromStore(*ws, &error, &seeded), qPrintable(error));
        QCOMPARE(seeded, 0);

        // The first round finds nothing moved.
        auto engine = sync::createSyncEngine(*ws, &error);
        QVERIFY2(engine, qPrintable(error));
        QSignalSpy pulled(engine.get(), &sync::SyncEngine::caseChanged);
        QString message;
        QVERIFY2(syncOnce(*engine, &message), qPrintable(message));
        QCOMPARE(pulled.count(), 0);

        // A status change, a watcher and a comment on a demo case reach the backend.
        QString caseId;
        for (const auto &summary : local)
            if (summary.caseStatus == domain::CaseStatus::Submitted
                && summary.resolverType == domain::ResolverType::Self)
                caseId = summary.caseId;
        QVERIFY(!caseId.isEmpty());
        auto &changes = engine->changes();
        QVERIFY2(changes.updateCaseStatus(caseId, domain::CaseStatus::DetectionAndAnalysis, &error),
            qPrintable(error));
        domain::UpdateCaseRequest update;
        update.caseId = caseId;
        update.watchersToAdd
            = {domain::Watcher {u"oncall@northwind.example"_s, u"On call"_s, u"Responder"_s}};
        QVERIFY2(changes.updateCase(update, nullptr, &error), qPrintable(error));
        QVERIFY(!changes.addComment(caseId, u"Checked the demo case from the test"_s, &error)
                     .isEmpty());
        QCOMPARE(engine->pendingCount(), 3);
        QVERIFY2(syncOnce(*engine, &message), qPrintable(message));
        QCOMPARE(engine->pendingCount(), 0);
        QCOMPARE(engine->failedCount(), 0);
        QVERIFY(engine->needsAttention().isEmpty());

        auto *backend = dynamic_cast<sync::EmbeddedBackend *>(&engine->backend());
        QVERIFY(backend);
        const auto got = backendCall(backend->service(), u"GetCase"_s, {{u"caseId"_s, caseId}});
        domain::Case remote;
        domain::fromJson(got.body, remote);
        QCOMPARE(remote.caseStatus, std::optional(domain::CaseStatus::DetectionAndAnalysis));
        bool watcherFound = false;
        for (const auto &watcher : remote.watchers)
            watcherFound = watcherFound || watcher.email == u"oncall@northwind.example"_s;
        QVERIFY(watcherFound);
        const auto comments = backendCall(
            backend->service(), u"ListComments"_s, {{u"caseId"_s, caseId}, {u"maxResults"_s, 25}});
        bool commentFound = false;
        for (const auto &item : comments.body.value(u"items"_s).toArray())
            commentFound = commentFound
                || item.toObject().value(u"body"_s).toString()
                    == u"Checked the demo case from the test"_s;
        QVERIFY(commentFound);
        // The store has the backend's result (real comment IDs, the new status).
        const auto stored = store::CaseRepository(ws->database().reader()).get(caseId);
        QCOMPARE(stored->caseStatus, std::optional(domain::CaseStatus::DetectionAndAnalysis));
        for (const auto &comment :
            store::CommentRepository(ws->database().reader()).listForCase(caseId))
            QVERIFY2(!sync::LocalChanges::isProvisionalId(comment.commentId),
                qPrintable(comment.commentId));
    }
};

QTEST_GUILESS_MAIN(TestSyncDemo)
#include "tst_sync_demo.moc"
