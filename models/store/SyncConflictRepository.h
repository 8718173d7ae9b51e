#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace warroom::store {

// One case field changed both in this workspace (by an unsent outbox entry) and on the
// backend since the last pull. Values are the field's GetCase JSON member (null: absent).
struct SyncConflict final
{
    QString caseId;
    QString field; // GetCase member name: "title", "caseStatus", ...
    QJsonValue baseValue; // the backend's value at the last pull before the local change
    QJsonValue localValue; // this workspace's value (what its outbox will send)
    QJsonValue remoteValue; // the backend's value now
    QDateTime detectedAt;
};

// The sync_base and sync_conflicts tables: the backend's copy of each case as of the last
// pull, and the conflicts waiting for the user. The outbox holds back every entry of a
// case that has a conflict here.
class SyncConflictRepository final
{
public:
    explicit SyncConflictRepository(const QSqlDatabase &connection);

    // The GetCase JSON of `caseId` as last pulled; nullopt when never pulled.
    std::optional<QJsonObject> base(const QString &caseId, QString *error = nullptr) const;
    // Only the base's lastUpdatedDate as stored (a sync's list pass asks this of every
    // case): nullopt without a base.
    std::optional<QJsonValue> baseLastUpdated(
        const QString &caseId, QString *error = nullptr) const;
    bool setBase(const QString &caseId, const QJsonObject &remote, QString *error);
    bool removeBase(const QString &caseId, QString *error);

    QList<SyncConflict> list(QString *error = nullptr) const;
    QList<SyncConflict> listForCase(const QString &caseId, QString *error = nullptr) const;
    std::optional<SyncConflict> get(
        const QString &caseId, const QString &field, QString *error = nullptr) const;
    qint64 count(QString *error = nullptr) const;
    bool upsert(const SyncConflict &conflict, QString *error);
    bool remove(const QString &caseId, const QString &field, QString *error);
    // Every conflict and the base of a case whose ID moved (provisional to real).
    bool moveCase(const QString &oldId, const QString &newId, QString *error);

private:
    QList<SyncConflict> select(
        const QString &where, const QVariantList &values, QString *error) const;

    QSqlDatabase m_connection;
};

} // namespace warroom::store
