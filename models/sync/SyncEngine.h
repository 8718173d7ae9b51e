#pragma once

#include "CaseBackend.h"
#include "LocalChanges.h"

#include "domain/Investigation.h"
#include "store/OutboxRepository.h"
#include "store/SyncConflictRepository.h"

#include "domain/FieldError.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

class QSqlDatabase;

namespace warroom::domain {
struct Case;
struct CaseSummary;
} // namespace warroom::domain

namespace warroom::store {
class Workspace;
}

namespace warroom::sync {

// Keeps one workspace's store and its CaseBackend in step.
//
// Sender: drains the outbox in order per case (a case waits while its oldest change is
// unsent), one call at a time; transient failures (offline, throttling, 5xx) wait with
// jittered exponential backoff or the server's Retry-After; a refused change (validation,
// conflict, access denied) moves to "needs attention", keeping the server's message,
// where the user retries or discards it. The outbox is in the store, so nothing waiting
// is lost by a restart.
//
// Puller: pages ListCases and fetches GetCase, ListComments and ListCaseEdits only for
// cases whose lastUpdatedDate moved. A case with unsent local changes becomes the
// backend's copy with those changes replayed on it; a field that both the unsent changes
// and the backend changed since the last pull (its base, kept in sync_base) is a conflict:
// recorded with base, local and backend values, and the case sends nothing until the user
// keeps theirs (the entry is sent) or takes the backend's (the local change is dropped).
// Waits on the backend's change feed when it has one, polls otherwise.
class SyncEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)

public:
    SyncEngine(store::Workspace &workspace, std::unique_ptr<CaseBackend> backend,
        QObject *parent = nullptr);
    ~SyncEngine() override;

    LocalChanges &changes() { return *m_changes; }
    CaseBackend &backend() { return *m_backend; }
    store::Workspace &workspace() { return m_workspace; }

    // Live mode: send as changes come, pull on the change feed or every pollInterval.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    void setPollInterval(int milliseconds) { m_pollTimer.setInterval(milliseconds); }

    // One round for scripts: every waiting change is tried once (backoff ignored), then
    // one full pull. `done(ok, message)`: ok when everything was sent and pulled.
    void syncOnce(std::function<void(bool ok, const QString &message)> done);

    // A full pull now (queued behind one that runs).
    void pullNow();

    bool isOnline() const { return m_online; }
    QDateTime lastSync() const { return m_lastSync; }
    QString lastError() const { return m_lastError; }
    qint64 pendingCount() const;
    qint64 failedCount() const;
    // The changes the backend refused, oldest first, with its message in lastError.
    QList<store::OutboxEntry> needsAttention() const;
    bool retry(qint64 outboxId, QString *error);
    // The outbox group of x-warroom triage changes that wait for no case.
    static QString triageGroup() { return QStringLiteral("x-warroom-triage"); }
    static bool isTriageOperation(const QString &operation)
    {
        return operation.startsWith(QStringLiteral("XWarroom"));
    }
    bool discard(qint64 outboxId, QString *error);
    // Replaces the payload of a refused change (the user fixed it) and sends it again; the
    // payload's members are checked with the domain rules first (*errors names the field).
    // The case, comment and clientToken members stay; a new clientToken is used.
    bool editRefused(
        qint64 outboxId, const QJsonObject &payload, domain::FieldErrors *errors, QString *error);

    enum class ConflictChoice { KeepMine, TakeTheirs };
    // The fields changed both here and on the backend, oldest first.
    QList<store::SyncConflict> conflicts() const;
    QList<store::SyncConflict> conflictsForCase(const QString &caseId) const;
    qint64 conflictCount() const;
    // KeepMine: the waiting change is sent (it overwrites the backend's value).
    // TakeTheirs: the local change of that field is dropped, the store takes the
    // backend's value. The case sends again once it has no conflict left.
    bool resolveConflict(
        const QString &caseId, const QString &field, ConflictChoice choice, QString *error);

    // Backoff before retry number `attempt` (1-based), with jitter, capped at 60 s.
    static int backoffMs(int attempt, double random);

    // Test seam: runs between the sender's GetCase check of a field change and its write;
    // the write waits until `proceed` is called (a test makes a competing change there).
    using BeforeCheckedWrite
        = std::function<void(const QString &caseId, std::function<void()> proceed)>;
    void setBeforeCheckedWrite(BeforeCheckedWrite hook) { m_beforeCheckedWrite = std::move(hook); }

    // Fetches a Verified attachment into targetPath (written whole or not at all).
    void downloadAttachment(const QString &caseId, const QString &attachmentId,
        const QString &targetPath, std::function<void(bool ok, const QString &message)> done);

signals:
    void statusChanged();
    // Bytes of an attachment moved so far, for uploads the sender runs and for downloads.
    void transferProgress(
        const QString &caseId, const QString &fileName, qint64 done, qint64 total);
    void caseChanged(const QString &caseId);
    void caseIdReplaced(const QString &oldId, const QString &newId);
    // A full pull finished (ok false when it could not reach the backend).
    void pullFinished(bool ok);
    // A conflict was found, changed or resolved.
    void conflictsChanged();
    // The backend's change feed named triage state (warroom-server's x-warroom extension).
    void triageChanged();
    // An x-warroom triage change of the outbox was answered: `result` holds the finding's
    // state, or the error; a ConflictException (another console holds the finding) counts
    // as sent, since sending it again cannot succeed.
    void triageAnswered(
        const warroom::store::OutboxEntry &entry, const warroom::sync::BackendResult &result);

private:
    // Workspaces filled before timelines were collected get theirs (once per workspace).
    void collectTimelinesOnce();
    void kickSender();
    void sendEntry(const store::OutboxEntry &entry);
    void finishEntry(const store::OutboxEntry &entry, const BackendResult &result);
    void uploadAttachment(const store::OutboxEntry &entry);
    void scheduleSender();
    void senderIdle();
    // A status change or close refused after an attempt without a verdict may have been
    // applied by that attempt: GetCase tells, and then it counts as sent.
    void confirmApplied(const store::OutboxEntry &entry, const BackendResult &refusal);
    void markDone(const store::OutboxEntry &entry, const BackendResult &result);
    void checkThenSend(const store::OutboxEntry &entry);
    // GetCase of the entry's case, for the sender (dropped after a stop()).
    void readCaseForSend(
        const store::OutboxEntry &entry, std::function<void(const BackendResult &)> then);
    // The status a status change or close moves to; empty for other operations.
    static QString targetStatus(const store::OutboxEntry &entry);
    // `checked`: the case as the check read it (the write is conditional on its
    // lastUpdatedDate where the backend supports that); empty for an unchecked send.
    void callBackend(const store::OutboxEntry &entry, const QJsonObject &checked = QJsonObject());
    // After a checked write on a backend without conditional writes: ListCaseEdits tells
    // whether another writer changed one of its fields between the check and the write;
    // then the write is queued again with the other value and the fields held as conflicts.
    void checkNotOverwritten(const store::OutboxEntry &entry, const QJsonObject &checked,
        const QDateTime &checkedAt, const BackendResult &result);
    void raiseOverwrite(const store::OutboxEntry &entry, const QJsonObject &checked,
        const QJsonObject &overwrote, const QStringList &notes);
    // Records, updates or drops the conflicts of `caseId` given the backend's copy
    // `remote` and `merged` (it with the unsent entries replayed).
    bool detectConflicts(QSqlDatabase &connection, const QString &caseId, const QJsonObject &remote,
        const domain::Case &merged, const QList<store::OutboxEntry> &unsent, bool *conflictsChanged,
        QString *error);
    bool rebuildLocalCase(QSqlDatabase &connection, const QString &caseId, QString *error);

    void listPage(const QString &nextToken);
    void fetchNext();
    // A case whose read failed: read again after a backoff, and with every full pull.
    void refetchLater(const QString &caseId);
    void refetchNow();
    void fetchCase(const QString &caseId, std::function<void(bool ok)> done);
    // Sets value.tags from ListTagsForResource (or the local copy's when they cannot be read).
    void fetchTags(domain::Case value, std::function<void(domain::Case)> done);
    void fetchInvestigations(const QString &caseId, std::function<void(bool ok)> done);
    bool storeInvestigations(
        const QString &caseId, const QList<domain::Investigation> &items, QString *error);
    // Every page of a per-case list operation; an error whose type is in `emptyOn` counts
    // as an empty list.
    void fetchPages(const QString &operation, const QString &caseId, const QString &nextToken,
        QList<QJsonObject> items, std::function<void(bool, QList<QJsonObject>)> done,
        const QString &itemsKey = QStringLiteral("items"), const QStringList &emptyOn = {});
    bool storeCase(const domain::Case &value, const QList<QJsonObject> &comments,
        const QList<QJsonObject> &edits, bool *conflictsChanged, QString *error);
    void finishPull(bool ok);
    QString principalSettingKey() const;
    void learnPrincipal(const QString &principal);

    void listenForChanges();

    void setOnline(bool online, const QString &error = QString());

    store::Workspace &m_workspace;
    std::unique_ptr<CaseBackend> m_backend;
    std::unique_ptr<LocalChanges> m_changes;

    bool m_running = false;
    bool m_online = false;
    QDateTime m_lastSync;
    QString m_lastError;

    // Sender
    bool m_sending = false;
    QString m_sendingCaseId;
    QHash<QString, quint64> m_sendSerial; // per case: bumped when a send starts or ends
    QTimer m_senderTimer;
    bool m_onceMode = false;
    QSet<qint64> m_triedThisRound;

    // Puller
    bool m_pulling = false;
    bool m_pullAgain = false;
    QStringList m_fetchQueue;
    QSet<QString> m_targeted; // cases the change feed named
    QSet<QString> m_afterSend; // cases to read again when their send is answered
    bool m_pullOk = true;
    QTimer m_pollTimer;
    QSet<QString> m_refetch; // cases whose read failed
    QTimer m_refetchTimer;
    int m_refetchFailures = 0;

    // Change feed
    qint64 m_cursor = -1;
    qint64 m_feedBehind = -1; // `latest` of the last empty answer that was ahead of the cursor
    bool m_listening = false;
    int m_feedFailures = 0;
    quint64 m_generation = 0; // bumped by stop(): late answers are ignored

    std::function<void(bool, const QString &)> m_onceDone;
    BeforeCheckedWrite m_beforeCheckedWrite;
    QHash<qint64, int> m_preconditionFailures; // per outbox entry
    QSet<QString> m_ownCommentIds; // comments this console created, to learn its identity
};

} // namespace warroom::sync
