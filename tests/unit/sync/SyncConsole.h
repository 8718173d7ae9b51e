#pragma once

#include "domain/Case.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/Workspace.h"
#include "sync/EmbeddedBackend.h"
#include "sync/HttpBackend.h"
#include "sync/SyncEngine.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <memory>

#include <memory>
#include <optional>

namespace warroom::test {

// A backend for a test run on both: "embedded" (its file in `folder`), else the
// warroom-server at `url` with `key`.
inline std::unique_ptr<sync::CaseBackend> backendFor(
    const QString &kind, const QString &folder, const QUrl &url, const aws::Credentials &key)
{
    if (kind == QStringLiteral("embedded")) {
        QString error;
        return sync::EmbeddedBackend::open(
            folder + u'/' + sync::EmbeddedBackend::defaultFileName(), &error);
    }
    return std::make_unique<sync::HttpBackend>(url, QStringLiteral("us-east-1"), key);
}

// One syncOnce() round of `engine`, waited for (20 s at most); true when it all went
// through. `message`: the round's counts (and problem).
inline bool syncRound(sync::SyncEngine &engine, QString *message = nullptr)
{
    bool finished = false;
    bool ok = false;
    engine.syncOnce([&](bool good, const QString &text) {
        finished = true;
        ok = good;
        if (message)
            *message = text;
    });
    QElapsedTimer timer;
    timer.start();
    while (!finished && timer.elapsed() < 20000)
        QTest::qWait(20);
    return finished && ok;
}

// One operation on `engine`'s backend, waited for (10 s at most); its output, or {} on error.
inline QJsonObject backendCall(
    sync::SyncEngine &engine, const QString &operation, const QJsonObject &input)
{
    std::optional<sync::BackendResult> answer;
    engine.backend().call(
        operation, input, [&](const sync::BackendResult &result) { answer = result; });
    QElapsedTimer timer;
    timer.start();
    while (!answer && timer.elapsed() < 10000)
        QTest::qWait(10);
    return answer && answer->ok() ? answer->output : QJsonObject();
}

// One console of a sync test: a workspace of its own and a SyncEngine talking to a
// warroom-server (HttpBackend) with `key`.
struct SyncConsole
{
    QTemporaryDir dir;
    std::unique_ptr<store::Workspace> workspace;
    std::unique_ptr<sync::SyncEngine> engine;

    // `timeout`: how long one backend call may take.
    bool open(const QUrl &url, const aws::Credentials &key, QString *error,
        std::chrono::milliseconds timeout = std::chrono::seconds(30))
    {
        workspace = store::Workspace::open(dir.path(), error);
        if (!workspace)
            return false;
        auto backend = std::make_unique<sync::HttpBackend>(url, QStringLiteral("us-east-1"), key);
        backend->setTransferTimeout(timeout);
        engine = std::make_unique<sync::SyncEngine>(*workspace, std::move(backend));
        return true;
    }

    std::optional<domain::Case> get(const QString &caseId) const
    {
        return store::CaseRepository(workspace->database().reader()).get(caseId);
    }

    // The stored case with this title.
    std::optional<domain::Case> find(const QString &title)
    {
        const store::CaseRepository cases(workspace->database().reader());
        for (const auto &summary : cases.listSummaries())
            if (summary.title == title)
                return cases.get(summary.caseId);
        return std::nullopt;
    }

    // One syncOnce() round, waited for (20 s at most); true when it all went through.
    // `message`: the round's counts (and problem).
    bool syncOnce(QString *message = nullptr) { return syncRound(*engine, message); }

    // One operation on the backend, waited for (10 s at most); its output, or {} on error.
    QJsonObject call(const QString &operation, const QJsonObject &input)
    {
        return backendCall(*engine, operation, input);
    }
};

// Two fresh consoles on one server: how the two-workspace suites start each test.
inline bool openConsolePair(const QUrl &url, const aws::Credentials &key,
    std::unique_ptr<SyncConsole> *a, std::unique_ptr<SyncConsole> *b, QString *error)
{
    *a = std::make_unique<SyncConsole>();
    *b = std::make_unique<SyncConsole>();
    return (*a)->open(url, key, error) && (*b)->open(url, key, error);
}

} // namespace warroom::test
