#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace warroom::store {
class Database;
}

namespace warroom::timeline {

// One entry of a case's timeline. Two clocks: when it happened (may be unknown) and
// when this workspace recorded it. Times are UTC milliseconds since the epoch.
struct TimelineEntry
{
    qint64 seq = 0;
    QString caseId;
    QString kind; // caseEdit, comment, status, attachment, investigation, finding, analyst
    QDateTime occurredAt; // invalid when unknown
    QDateTime recordedAt;
    QJsonObject payload;
    QString prevHash;
    QString hash;
};

// The result of verify(): ok, or the first entry that does not chain.
struct ChainVerification
{
    bool ok = true;
    int entries = 0;
    qint64 firstBadSeq = 0; // 0 when ok
    QString problem; // a sentence naming the entry and what is wrong
    QString head; // hash of the last entry ("" for an empty chain)
};

// The append-only hash chain of each case in the store's timeline table. Each entry
// stores SHA-256 (hex) over the previous entry's hash and its own canonical JSON (seq,
// case, kind, both clocks, payload; keys sorted, compact), so changing, inserting,
// deleting or reordering any row breaks the chain at that row.
class TimelineChain final
{
public:
    explicit TimelineChain(store::Database &database)
        : m_db(database)
    {
    }

    // Appends an entry at the end of the case's chain; fills seq, prevHash and hash.
    bool append(TimelineEntry *entry, QString *error);
    QList<TimelineEntry> entries(const QString &caseId, QString *error) const;
    ChainVerification verify(const QString &caseId) const;

    static QString genesisHash();
    static QByteArray canonicalJson(const TimelineEntry &entry);
    static QString entryHash(const QString &prevHash, const TimelineEntry &entry);

    // CSV with a header row; every field of every entry, so importCsv() gives back
    // identical entries (payload as compact JSON, times as ISO 8601 UTC with ms).
    static QByteArray toCsv(const QList<TimelineEntry> &entries);
    // Parses what toCsv() wrote. Errors name the line and the field.
    static QList<TimelineEntry> fromCsv(const QByteArray &csv, QString *error);

private:
    store::Database &m_db;
};

} // namespace warroom::timeline
