#pragma once

#include "SyncConsole.h"
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
