#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace warroom::store {

// One change waiting to be sent to the CaseBackend.
struct OutboxEntry final
{
    enum class State { Pending, Sent, Failed };

    qint64 id = 0; // assigned by enqueue, increasing
    QString caseId; // empty for changes not tied to a case (membership)
    QString operation; // security-ir operation name, e.g. "UpdateCaseStatus"
    QJsonObject payload; // the request body
    QString clientToken; // idempotency token; enqueue makes one when empty
    QDateTime createdAt;
    int attempts = 0;
    QString lastError;
    State state = State::Pending;
    QDateTime nextAttemptAt; // invalid = at once
    QDateTime sentAt;
};

QString toString(OutboxEntry::State state);

// The outbox table. Enqueue inside the same Database::write as the change it carries,
// so both are committed or neither is. Entries of one case are sent strictly in order:
// a case whose oldest unsent entry failed is blocked until the user resolves it.
class OutboxRepository final
{
public:
    explicit OutboxRepository(const QSqlDatabase &connection);

    // Returns the new id, or 0 with *error set.
    qint64 enqueue(const OutboxEntry &entry, QString *error);

    std::optional<OutboxEntry> get(qint64 id, QString *error = nullptr) const;
    // The oldest unsent entry of `caseId` when it is pending and due at `now`.
    std::optional<OutboxEntry> nextPending(
        const QString &caseId, const QDateTime &now, QString *error = nullptr) const;
    // For every case, its oldest unsent entry when that one is pending and due; in id order.
    QList<OutboxEntry> nextPendingPerCase(const QDateTime &now, QString *error = nullptr) const;
    QList<OutboxEntry> list(OutboxEntry::State state, QString *error = nullptr) const;
    // The unsent (pending or failed) entries of `caseId`, oldest first.
    QList<OutboxEntry> unsentForCase(const QString &caseId, QString *error = nullptr) const;
    qint64 count(OutboxEntry::State state, QString *error = nullptr) const;

    bool markSent(qint64 id, const QDateTime &sentAt, QString *error);
    // A transient failure: counts the attempt and waits until `nextAttemptAt`.
    bool markRetry(
        qint64 id, const QString &lastError, const QDateTime &nextAttemptAt, QString *error);
    // The backend rejected the change: kept, shown to the user, blocks its case.
    bool markFailed(qint64 id, const QString &lastError, QString *error);
    // The user chose to try a failed entry again.
    bool requeue(qint64 id, QString *error);
    // The user edited an unsent entry: new payload and clientToken, pending again, due now.
    bool updatePayload(
        qint64 id, const QJsonObject &payload, const QString &clientToken, QString *error);
    // The user chose to drop a failed entry.
    bool remove(qint64 id, QString *error);

private:
    QSqlDatabase m_connection;
};

} // namespace warroom::store
