#pragma once

#include "SyncTestSupport.h"

#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/OutboxRepository.h"
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
        timedOut.error
            = sync::BackendError {u"TestTimeout"_s, u"no answer"_s, {}, 0, true, true, {}};
        return timedOut;
    }
    return *result;
}

// A case created in `a` and synced into `b` (one round each); its ID, empty on failure.
inline QString shareNewCase(SyncConsole &a, SyncConsole &b, const QString &title)
{
    QString error;
    const QString local = a.engine->changes().createCase(newCaseRequest(title), nullptr, &error);
    if (local.isEmpty() || !a.syncOnce(&error) || !b.syncOnce(&error))
        qWarning("shared case not synced: %s", qPrintable(error));
    for (const auto &s : store::CaseRepository(b.workspace->database().reader()).listSummaries())
        if (s.title == title)
            return s.caseId;
    return {};
}

// A change the server refuses, as an older client could have queued it: UpdateCase with
// a title over the 300 characters the model allows.
inline bool enqueueOverlongTitle(SyncConsole &console, const QString &caseId)
{
    QString error;
    return console.workspace->database().write(
        [&](QSqlDatabase &c, QString *e) {
            store::OutboxEntry entry;
            entry.caseId = caseId;
            entry.operation = u"UpdateCase"_s;
            entry.payload = {{u"caseId"_s, caseId}, {u"title"_s, QString(301, u'x')}};
            return store::OutboxRepository(c).enqueue(entry, e) > 0;
        },
        &error);
}

inline QString serverTitle(sync::CaseBackend &backend, const QString &caseId)
{
    return callNow(backend, u"GetCase"_s, {{u"caseId"_s, caseId}})
        .output.value(u"title"_s)
        .toString();
}

inline quint16 freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace warroom::test
