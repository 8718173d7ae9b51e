#pragma once

// A case's timeline: what happened on the case, from every source, in one append-only
// SHA-256 chain per case (the store's `timeline` table).
//
// Two clocks per entry: occurredAt (when it happened; invalid when unknown) and
// recordedAt (when this workspace appended it), both UTC; the payload keeps the time
// zone they were recorded in. Entry kinds (TimelineEntry::kind) and their payload:
//
//   every kind   source  the key of the datum it was made from (see below); with the
//                        timeline_sources table it makes appending idempotent
//                text    one line for lists and reports
//                author  who did it (principal ARN, account ID or name), may be ""
//                zone    IANA time zone of the console that recorded it ("Europe/Paris")
//                offset  that zone's offset from UTC at recordedAt, in seconds
//                local   true when recorded from this console's own change before the
//                        backend confirmed it (its edit is then folded into this entry)
//   caseEdit     action  the backend's edit-log entry (ListCaseEdits): operation name;
//                        text = its message.                 source "edit:<sha1>"
//   status       action, status (the new CaseStatus when known). From edits of
//                UpdateCaseStatus / CloseCase, or a local status change.
//   attachment   action, fileName. From attachment edits, the case's attachment list
//                (attachmentId, status) or a local upload.      "attachment:<id>"
//   investigation action or investigationId, title, status.   "investigation:<id>"
//   comment      commentId, body, edited (true for a later version of the body).
//                                          "comment:<id>", "comment:<id>:<sha1(body)>"
//   finding      findingId, title, severity, findingType, seen ("first" | "last"),
//                count; occurredAt = the finding's first / last seen.
//                                    "finding:<id>:first", "finding:<id>:last:<ms>"
//   analyst      commentId, text, occurredOffset (the zone offset the analyst gave):
//                an entry an analyst added; synced as a comment with a marker
//                (TimelineMarkers), occurredAt = when it happened.   "comment:<id>"
//   chainHead    commentId, head, lastSeq, entries, workspace: a chain head posted to
//                the case as a comment; occurredAt = the comment's creation time (the
//                backend's, except on the console that posted it). `workspace` is the
//                ID of the workspace whose chain it covers (TimelineChain::workspaceId).
//
// Local changes waiting for the backend use "outbox:<clientToken>"; when the backend's
// edit of the same operation is pulled, its "edit:..." key is added to that entry
// instead of appending a second one.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

class QSqlDatabase;

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
    qint64 lastSeq = 0; // seq of the last entry (0 for an empty chain)
};

// A timeline CSV read for import: every record that parsed, with the line it starts
// on, and one sentence per bad record ("Line 7: field recorded_at is not ...").
struct TimelineCsv
{
    QList<TimelineEntry> entries;
    QList<int> lines; // the line each entry's record starts on
    QStringList problems;
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
    // An entry whose payload "source" is already in the case's chain is not appended
    // (*appended false, entry left as it was); that is not an error.
    bool append(TimelineEntry *entry, QString *error, bool *appended = nullptr);
    QList<TimelineEntry> entries(const QString &caseId, QString *error) const;
    ChainVerification verify(const QString &caseId) const;
    // The same check over entries from elsewhere (a CSV export), in chain order.
    static ChainVerification verifyEntries(const QList<TimelineEntry> &chain);

    // append() inside the caller's transaction (Database::write) on `connection`.
    static bool appendIn(
        QSqlDatabase &connection, TimelineEntry *entry, bool *appended, QString *error);
    // The seq of the entry `sourceKey` names in the case's chain, or 0.
    static qint64 seqForSource(
        QSqlDatabase &connection, const QString &caseId, const QString &sourceKey);
    // Lets `alias` name the entry at `seq` too (no-op when `alias` is already taken).
    static bool addSourceAlias(QSqlDatabase &connection, const QString &caseId, qint64 seq,
        const QString &alias, QString *error);

    // This workspace's ID (a UUID in the settings table, made on first use when
    // `create`; "" when there is none yet and not `create`). Posted heads carry it.
    static QString workspaceId(QSqlDatabase &connection, bool create, QString *error);

    static QString genesisHash();
    static QByteArray canonicalJson(const TimelineEntry &entry);
    static QString entryHash(const QString &prevHash, const TimelineEntry &entry);

    // CSV with a header row; every field of every entry, so importCsv() gives back
    // identical entries (payload as compact JSON, times as ISO 8601 UTC with ms).
    static QByteArray toCsv(const QList<TimelineEntry> &entries);
    // Parses what toCsv() wrote. Errors name the record and the field.
    static QList<TimelineEntry> fromCsv(const QByteArray &csv, QString *error);
    // The same, going on past bad records: every problem, named by its line in the file.
    static TimelineCsv readCsv(const QByteArray &csv);

private:
    store::Database &m_db;
};

} // namespace warroom::timeline
