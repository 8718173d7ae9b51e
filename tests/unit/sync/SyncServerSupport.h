#pragma once

#include "SyncTestSupport.h"

#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/Workspace.h"
#include "sync/HttpBackend.h"
#include "sync/SyncEngine.h"

#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpServer>
#include <QtTest/QtTest>

#include <memory>

namespace warroom::test {

// One console: a workspace of its own and its sync engine on a warroom-server URL.
struct SyncConsole
{
    QTemporaryDir dir;
    std::unique_ptr<store::Workspace> workspace;
    std::unique_ptr<sync::SyncEngine> engine;

    bool open(const QUrl &url, const aws::Credentials &key, QString *error,
        std::chrono::milliseconds timeout = std::chrono::seconds(30))
    {
        workspace = store::Workspace::open(dir.path(), error);
        if (!workspace)
            return false;
        auto backend = std::make_unique<sync::HttpBackend>(url, u"us-east-1"_s, key);
        backend->setTransferTimeout(timeout);
        engine = std::make_unique<sync::SyncEngine>(*workspace, std::move(backend));
        return true;
    }
    std::optional<domain::Case> get(const QString &caseId) const
    {
        return store::CaseRepository(workspace->database().reader()).get(caseId);
    }
    // One headless round (every waiting change tried once, then a full pull).
    bool syncOnce(QString *message = nullptr, int timeoutMs = 20000)
    {
        bool finished = false, ok = false;
        engine->syncOnce([&](bool good, const QString &text) {
            finished = true;
            ok = good;
            if (message)
                *message = text;
        });
        (void)QTest::qWaitFor([&] { return finished; }, timeoutMs);
        return finished && ok;
    }
};

// One backend call, waited for.
inline sync::BackendResult callNow(
    sync::CaseBackend &backend, const QString &operation, const QJsonObject &input)
{
    std::optional<sync::BackendResult> result;
    backend.call(operation, input, [&](const sync::BackendResult &r) { result = r; });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, 30000);
    if (!result) {
        sync::BackendResult timedOut;
        timedOut.error = sync::BackendError {u"TestTimeout"_s, u"no answer"_s, {}, 0, true, true, {}};
        return timedOut;
    }
    return *result;
}

inline quint16 freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace warroom::test
