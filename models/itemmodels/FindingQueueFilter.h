#pragma once

#include "domain/Finding.h"

#include <QJsonObject>
#include <QString>
#include <QVariantList>

#include <optional>

namespace warroom::itemmodels {

// What the triage queue shows and in which order. Every filter and every sort key is an
// indexed column of `findings`, so a window is an index range scan, never a table sort.
struct FindingQueueFilter final
{
    enum class SortKey { Severity, Type, Account, Region, ResourceType, LastSeen, Verdict };

    QString text; // words to find (FTS5 over title, description, type, resource ID)
    std::optional<domain::Verdict> verdict = domain::Verdict::Queued;
    double minSeverity = 0.0; // severity score >= this (0 = all)
    std::optional<domain::FindingSource> source;
    QString accountId;
    QString assignee;
    bool groupRepeats = true; // one row per fingerprint (its first finding) with a count
    SortKey sortKey = SortKey::Severity;
    bool descending = true;

    // Saved filters are stored as this JSON; unknown or bad members fall back to defaults.
    QJsonObject toJson() const;
    static FindingQueueFilter fromJson(const QJsonObject &json);

    bool operator==(const FindingQueueFilter &other) const;
    bool operator!=(const FindingQueueFilter &other) const { return !(*this == other); }
};

// The column a sort key orders by.
QString sortColumnName(FindingQueueFilter::SortKey key);
QString toString(FindingQueueFilter::SortKey key);
std::optional<FindingQueueFilter::SortKey> sortKeyFromString(QStringView text);

// Words typed by a user as an FTS5 query: each word quoted (so punctuation such as the dots
// of an IP address is a phrase, never syntax), all required, the last one a prefix.
// Empty when there is nothing to search for.
QString ftsQueryFromText(const QString &text);

// The SQL of the queue, built from a filter. Values are bound positionally in the order
// of `binds`.
struct FindingQueueSql final
{
    QString sql;
    QVariantList binds;
};

// Where a window starts: after the row with this sort key value and rowid.
struct FindingQueueCursor final
{
    QVariant key; // may be null (last_seen can be absent)
    qint64 rowid = 0;
};

class FindingQueueQuery final
{
public:
    // Above this many text matches a window walks the sort index and tests each row against
    // the matches (the SQL function warroom_text_match(rowid), which the loader registers on
    // its connection); below it, it reads the matches and sorts them.
    static constexpr int TextMatchesDrivenLimit = 20000;

    // The columns a window selects, in this order.
    enum Field {
        RowId,
        Id,
        Severity,
        SeverityLabel,
        Title,
        Type,
        AccountId,
        Region,
        ResourceType,
        ResourceId,
        LastSeen,
        Verdict,
        VerdictRule,
        Assignee,
        CaseId,
        Source,
        Repeats,
        SortValue,
        FieldCount
    };

    // One window of at most `limit` rows after `after` (the first window without it).
    // `textDriven`: read the text matches first (few matches), else walk the sort index.
    static FindingQueueSql window(const FindingQueueFilter &filter,
        const std::optional<FindingQueueCursor> &after, int limit, bool textDriven);
    // How many rows the filter matches (rows above `afterRowid` only, when it is > 0:
    // what arrived since the queue was opened).
    static FindingQueueSql count(const FindingQueueFilter &filter, qint64 afterRowid = 0);
};

} // namespace warroom::itemmodels
