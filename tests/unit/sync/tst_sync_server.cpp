// The SyncEngine against the real warroom-server on a loopback port: two workspaces see
// each other's changes through the change feed, and changes made while the server is
// stopped arrive exactly once after it starts again.

#include "SyncConsole.h"
#include "SyncTestSupport.h"

#include "../awsclient/WarroomServerProcess.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/Workspace.h"
#include "sync/BackendSettings.h"
#include "sync/HttpBackend.h"
#include "sync/SyncEngine.h"

#include <QtNetwork/QTcpServer>
#include <QtTest/QtTest>

using namespace warroom;
using warroom::test::WarroomServerProcess;

namespace {

using Console = test::SyncConsole;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestSyncServer final : public QObject
{
    Q_OBJECT

private slots:
    // GetCase has no tags: a case's tags come back through ListTagsForResource, so a
    // pull neither drops the creator's tags nor leaves another console without them.
    void tagsSurviveAPullAndReachTheOtherConsole()
    {
        QTemporaryDir serverDir;
        WarroomServerProcess server(serverDir.path());
        QString error;
        QVERIFY2(server.start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
        Console a, b;
        QVERIFY2(a.open(server.url(), server.key(), &error), qPrintable(error));
        QVERIFY2(b.open(server.url(), server.key(), &error), qPrintable(error));
        auto request = test::newCaseRequest(u"Tagged case"_s);
        request.tags = domain::Tags {{u"team"_s, u"blue"_s}, {u"drill"_s, u"q4"_s}};
        const domain::Tags tags = request.tags;
        QVERIFY(!a.engine->changes().createCase(request, nullptr, &error).isEmpty());
        QString message;
        QVERIFY2(a.syncOnce(&message), qPrintable(message));
        QVERIFY2(a.syncOnce(&message), qPrintable(message)); // pulls its own case
        const auto mine = a.find(u"Tagged case"_s);
        QVERIFY(mine);
        QVERIFY(!sync::LocalChanges::isProvisionalId(mine->caseId));
        QCOMPARE(mine->tags, tags);
        QVERIFY2(b.syncOnce(&message), qPrintable(message));
        const auto theirs = b.find(u"Tagged case"_s);
        QVERIFY(theirs);
        QCOMPARE(theirs->tags, tags);
    }

    void twoWorkspacesSeeEachOther()
    {
        QTemporaryDir serverDir;
        WarroomServerProcess server(serverDir.path());
        QString error;
        QVERIFY2(server.start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
        Console a, b;
        QVERIFY2(a.open(server.url(), server.key(), &error), qPrintable(error));
        QVERIFY2(b.open(server.url(), server.key(), &error), qPrintable(error));
        QVERIFY(a.engine->backend().hasChangeFeed());
        a.engine->start();
        b.engine->start();

        const QString local = a.engine->changes().createCase(
            test::newCaseRequest(u"Shared case"_s), nullptr, &error);
        QVERIFY(!local.isEmpty());
        QVERIFY(!a.engine->changes().addComment(local, u"From console A"_s, &error).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(b.find(u"Shared case"_s).has_value(), 10000);
        const QString caseId = b.find(u"Shared case"_s)->caseId;
        QVERIFY(!sync::LocalChanges::isProvisionalId(caseId));
        QTRY_COMPARE_WITH_TIMEOUT(
            store::CommentRepository(b.workspace->database().reader()).listForCase(caseId).size(),
            1, 10000);
        QCOMPARE(a.find(u"Shared case"_s)->caseId, caseId);

        // B changes the status; A sees it within 2 s through the change feed.
        QTRY_COMPARE_WITH_TIMEOUT(a.engine->pendingCount(), 0, 10000);
        QTest::qWait(300); // let both listeners settle on the feed
        QVERIFY(b.engine->changes().updateCaseStatus(
            caseId, domain::CaseStatus::DetectionAndAnalysis, &error));
        QElapsedTimer timer;
        timer.start();
        QTRY_VERIFY_WITH_TIMEOUT(a.find(u"Shared case"_s)->caseStatus
                == std::optional(domain::CaseStatus::DetectionAndAnalysis),
            2000);
        qInfo("change seen by the other workspace after %lld ms (limit 2000)", timer.elapsed());
        QVERIFY(a.engine->isOnline());
        QVERIFY(a.engine->lastSync().isValid());
    }

    void offlineChangesArriveExactlyOnce()
    {
        QTemporaryDir serverDir;
        WarroomServerProcess server(serverDir.path());
        QString error;
        const QString listen = u"127.0.0.1:"_s + QString::number(freePort());
        QVERIFY2(
            server.start({u"--rate"_s, u"0"_s, u"--listen"_s, listen}, &error), qPrintable(error));
        const QUrl url = server.url();
        QVERIFY2(url.toString().endsWith(listen.section(u':', 1)), qPrintable(url.toString()));
        Console a, b;
        QVERIFY2(a.open(url, server.key(), &error), qPrintable(error));
        QVERIFY2(b.open(url, server.key(), &error), qPrintable(error));
        a.engine->start();
        QTRY_VERIFY_WITH_TIMEOUT(a.engine->lastSync().isValid(), 10000);

        server.stop();
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            const QString id = a.engine->changes().createCase(
                test::newCaseRequest(u"Offline case %1"_s.arg(i)), nullptr, &error);
            QVERIFY(!id.isEmpty());
            ids << id;
        }
        QVERIFY(a.engine->changes().updateCaseStatus(
            ids[1], domain::CaseStatus::DetectionAndAnalysis, &error));
        QVERIFY(!a.engine->changes().addComment(ids[2], u"Written offline"_s, &error).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!a.engine->isOnline(), 10000);
        QCOMPARE(a.engine->pendingCount(), 5);

        QVERIFY2(
            server.start({u"--rate"_s, u"0"_s, u"--listen"_s, listen}, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(a.engine->pendingCount(), 0, 20000);
        QCOMPARE(a.engine->failedCount(), 0);
        QVERIFY(a.engine->isOnline());

        // B pulls once (the headless path): exactly three cases, each once.
        bool finished = false, ok = false;
        QString message;
        b.engine->syncOnce([&](bool good, const QString &m) {
            finished = true;
            ok = good;
            message = m;
        });
        QTRY_VERIFY_WITH_TIMEOUT(finished, 20000);
        QVERIFY2(ok, qPrintable(message));
        const auto cases = store::CaseRepository(b.workspace->database().reader()).listSummaries();
        QCOMPARE(cases.size(), 3);
        QCOMPARE(b.find(u"Offline case 1"_s)->caseStatus,
            std::optional(domain::CaseStatus::DetectionAndAnalysis));
        QCOMPARE(store::CommentRepository(b.workspace->database().reader())
                     .listForCase(b.find(u"Offline case 2"_s)->caseId)
                     .size(),
            1);

        // warroomctl sync into a third workspace set to this server, then its cases.
        QTemporaryDir thirdDir;
        {
            auto third = store::Workspace::open(thirdDir.path(), &error);
            QVERIFY2(third, qPrintable(error));
            sync::BackendSettings settings;
            settings.kind = sync::BackendSettings::Kind::Server;
            settings.serverUrl = url;
            QVERIFY2(settings.save(third->database(), &error), qPrintable(error));
            sync::BackendSettings bad = settings;
            bad.serverUrl = QUrl(u"ftp://x"_s);
            QVERIFY(!bad.save(third->database(), &error));
            QVERIFY2(error.contains(u"Server URL"_s), qPrintable(error));
            third->database().releaseThreadConnections();
        }
        const auto synced
            = server.ctl({u"sync"_s, u"--workspace"_s, thirdDir.path()}, server.key());
        QVERIFY2(synced.exitCode == 0,
            qPrintable(
                QString::number(synced.exitCode) + QString::fromUtf8(synced.out + synced.err)));
        QCOMPARE(synced.json().value(u"Cases"_s).toInt(), 3);
        QCOMPARE(synced.json().value(u"Backend"_s).toString(), url.toString());
        const auto listed = server.ctl(
            {u"workspace"_s, u"cases"_s, u"--workspace"_s, thirdDir.path()}, server.key());
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        QCOMPARE(listed.json().value(u"items"_s).toArray().size(), 3);

        // --workspace before the command works too, and with it `cases list` reads the
        // workspace's store: it answers with the server stopped.
        const auto globalFirst
            = server.ctl({u"--workspace"_s, thirdDir.path(), u"sync"_s}, server.key());
        QVERIFY2(globalFirst.exitCode == 0, globalFirst.err.constData());
        QCOMPARE(globalFirst.json().value(u"Cases"_s).toInt(), 3);
        server.stop();
        const auto local = server.ctl(
            {u"--workspace"_s, thirdDir.path(), u"cases"_s, u"list"_s}, aws::Credentials());
        QVERIFY2(local.exitCode == 0, local.err.constData());
        const QJsonArray items = local.json().value(u"items"_s).toArray();
        QCOMPARE(items.size(), 3);
        QStringList titles;
        for (const auto &item : items)
            titles.append(item.toObject().value(u"title"_s).toString());
        QVERIFY2(titles.contains(u"Offline case 1"_s), qPrintable(titles.join(u", "_s)));
        // Without --workspace it is ListCases on the service, which is down now.
        const auto remote = server.ctl({u"--endpoint-url"_s, url.toString(), u"--region"_s,
                                           u"us-east-1"_s, u"cases"_s, u"list"_s},
            server.key());
        QCOMPARE(remote.exitCode, 3);
        // A remote-only command refuses --workspace.
        const auto refused = server.ctl({u"--workspace"_s, thirdDir.path(), u"cases"_s, u"get"_s,
                                            u"--case-id"_s, u"1234567890"_s},
            server.key());
        QCOMPARE(refused.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncServer)
#include "tst_sync_server.moc"
