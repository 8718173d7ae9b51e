#pragma once

#include "Database.h"
#include "domain/Finding.h"

#include <QList>
#include <QMap>
#include <QSqlDatabase>

#include <array>
#include <memory>
#include <optional>

namespace warroom::store {

class RawJsonPacker;

// A finding's text columns as the UTF-8 the database holds, made ahead on another thread
// (the importer's parser) so the writer binds them as they are.
class EncodedFindingText final
{
public:
    enum Field {
        Id,
        ProductName,
        Type,
        Title,
        Description,
        AccountId,
        Region,
        ResourceType,
        ResourceId,
        WorkflowState,
        Fingerprint,
        VerdictRule,
        FieldCount
    };

    // Of a triaged finding (the verdict rule is one of the columns) and its fingerprint.
    static EncodedFindingText encode(const domain::Finding &finding, const QString &fingerprint);
    // Points into this object: valid while it lives.
    const char *data(Field field) const { return m_bytes.constData() + m_starts[field]; }
    int size(Field field) const { return m_starts[field + 1] - m_starts[field]; }

private:
    QByteArray m_bytes;
    std::array<int, FieldCount + 1> m_starts {};
};

// What a parser thread can make ahead for findings it hands to FindingRepository::upsert;
// each list is empty or has one entry per finding.
struct FindingWriteAhead
{
    QStringList fingerprints;
    QList<QByteArray> packedRaw; // RawJsonPacker's frames (an empty one: stored as text)
    QList<EncodedFindingText> text;

    void clear()
    {
        fingerprints.clear();
        packedRaw.clear();
        text.clear();
    }
};

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
    bool upsert(
        const QList<domain::Finding> &findings, const FindingWriteAhead &ahead, QString *error);

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
