#pragma once

#include "Database.h"
#include "domain/Finding.h"

#include <QList>
#include <QMap>
#include <QSqlDatabase>

#include <memory>
#include <optional>

namespace warroom::store {

class RawJsonPacker;

// Normalised findings with their raw JSON (compressed with the workspace's dictionary once
// it has one: RawJsonCodec). The FTS5 index (findings_fts) follows the table through
// triggers; the bulk upsert fills it once per batch for its new rows.
class FindingRepository final
{
public:
    static constexpr int DefaultBatchSize = 20000;

    explicit FindingRepository(const QSqlDatabase &connection);
    ~FindingRepository();

    // Inside a Database::write: inserts, or updates an existing id in place (its
    // rowid, and so its place in keyset windows, is kept).
    bool upsert(const domain::Finding &finding, QString *error);
    // Many at once, through the sqlite3 C API on the QSQLITE connection (the same rows
    // as one upsert() each). `fingerprints`, when it has one per finding, saves
    // computing them again.
    bool upsert(const QList<domain::Finding> &findings, QString *error);
    bool upsert(
        const QList<domain::Finding> &findings, const QStringList &fingerprints, QString *error);
    // `packedRaw`, when it has one entry per finding, is what a RawJsonPacker made of
    // each raw JSON on another thread (an empty entry: stored as text).
    bool upsert(const QList<domain::Finding> &findings, const QStringList &fingerprints,
        const QList<QByteArray> &packedRaw, QString *error);

    // Bulk: one transaction per `batchSize` findings; `progress(done, total)` after
    // each commit, returning false cancels (what was committed stays).
    static bool upsertBatched(Database &database, const QList<domain::Finding> &findings,
        int batchSize, const Database::ProgressFunction &progress, QString *error,
        bool *cancelled = nullptr);

    std::optional<domain::Finding> get(const QString &id, QString *error = nullptr) const;
    qint64 count(QString *error = nullptr) const;
    QMap<domain::Verdict, qint64> countByVerdict(QString *error = nullptr) const;
    bool setVerdict(
        const QString &id, domain::Verdict verdict, const QString &rule, QString *error);
    bool linkToCase(const QString &id, const QString &caseId, QString *error);
    // Ids whose title, description, type or resource match an FTS5 query, best first.
    QStringList search(const QString &ftsQuery, int limit, QString *error = nullptr) const;

private:
    RawJsonPacker *packer(); // with the workspace's current dictionary

    QSqlDatabase m_connection;
    QSqlQuery m_upsert;
    std::unique_ptr<RawJsonPacker> m_packer;
};

} // namespace warroom::store
