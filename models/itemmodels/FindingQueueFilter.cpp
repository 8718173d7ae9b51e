#include "FindingQueueFilter.h"

#include <QJsonValue>

namespace warroom::itemmodels {

using namespace Qt::StringLiterals;
using SortKey = FindingQueueFilter::SortKey;

namespace {

constexpr std::pair<SortKey, const char16_t *> SortKeyNames[] = {
    {SortKey::Severity, u"severity"},
    {SortKey::Type, u"type"},
    {SortKey::Account, u"account"},
    {SortKey::Region, u"region"},
    {SortKey::ResourceType, u"resourceType"},
    {SortKey::LastSeen, u"lastSeen"},
    {SortKey::Verdict, u"verdict"},
};

const QString SelectedColumns
    = u"f.rowid, f.id, f.severity, f.severity_label, f.title, f.type, f.account_id, f.region, "
      u"f.resource_type, f.resource_id, f.last_seen, f.verdict, f.verdict_rule, f.assignee, "
      u"f.case_id, f.source"_s;

// Filters, as WHERE terms. A term on a column other than the sort key is written `+col` so
// that SQLite walks the sort key's index (rows come out in order, a window stops after
// `limit` rows) instead of reading every match of the filter's index and sorting them.
void addFilterTerms(const FindingQueueFilter &filter, QStringList *terms, QVariantList *binds)
{
    const auto column = [&](SortKey key, const QString &name) -> QString {
        return (filter.sortKey == key ? u"f."_s : u"+f."_s) + name;
    };
    if (filter.verdict) {
        terms->append(column(SortKey::Verdict, u"verdict"_s) + u" = ?"_s);
        binds->append(toString(*filter.verdict));
    }
    if (filter.minSeverity > 0.0) {
        terms->append(column(SortKey::Severity, u"severity"_s) + u" >= ?"_s);
        binds->append(filter.minSeverity);
    }
    if (filter.source) {
        terms->append(u"+f.source = ?"_s);
        binds->append(toString(*filter.source));
    }
    if (!filter.accountId.isEmpty()) {
        terms->append(column(SortKey::Account, u"account_id"_s) + u" = ?"_s);
        binds->append(filter.accountId);
    }
    if (!filter.assignee.isEmpty()) {
        terms->append(u"+f.assignee = ?"_s);
        binds->append(filter.assignee);
    }
    if (filter.groupRepeats)
        terms->append(u"f.verdict_rule NOT LIKE 'repeat-of:%'"_s);
}

QString whereClause(const QStringList &terms)
{
    return terms.isEmpty() ? QString() : u" WHERE "_s + terms.join(u" AND "_s);
}

} // namespace

QString toString(SortKey key)
{
    for (const auto &[k, name] : SortKeyNames) {
        if (k == key)
            return QString::fromUtf16(name);
    }
    return QString();
}

std::optional<SortKey> sortKeyFromString(QStringView text)
{
    for (const auto &[k, name] : SortKeyNames) {
        if (text == QStringView(name))
            return k;
    }
    return std::nullopt;
}

QString sortColumnName(SortKey key)
{
    switch (key) {
    case SortKey::Severity:
        return u"severity"_s;
    case SortKey::Type:
        return u"type"_s;
    case SortKey::Account:
        return u"account_id"_s;
    case SortKey::Region:
        return u"region"_s;
    case SortKey::ResourceType:
        return u"resource_type"_s;
    case SortKey::LastSeen:
        return u"last_seen"_s;
    case SortKey::Verdict:
        return u"verdict"_s;
    }
    return u"severity"_s;
}

QJsonObject FindingQueueFilter::toJson() const
{
    QJsonObject json {
        {u"text"_s, text},
        {u"minSeverity"_s, minSeverity},
        {u"accountId"_s, accountId},
        {u"assignee"_s, assignee},
        {u"groupRepeats"_s, groupRepeats},
        {u"sortKey"_s, itemmodels::toString(sortKey)},
        {u"descending"_s, descending},
    };
    json.insert(u"verdict"_s, verdict ? domain::toString(*verdict) : QString());
    json.insert(u"source"_s, source ? domain::toString(*source) : QString());
    return json;
}

FindingQueueFilter FindingQueueFilter::fromJson(const QJsonObject &json)
{
    FindingQueueFilter filter;
    filter.text = json.value(u"text"_s).toString();
    filter.verdict = domain::verdictFromString(json.value(u"verdict"_s).toString());
    filter.minSeverity = qBound(0.0, json.value(u"minSeverity"_s).toDouble(), 10.0);
    filter.source = domain::findingSourceFromString(json.value(u"source"_s).toString());
    filter.accountId = json.value(u"accountId"_s).toString();
    filter.assignee = json.value(u"assignee"_s).toString();
    filter.groupRepeats = json.value(u"groupRepeats"_s).toBool(true);
    filter.sortKey
        = sortKeyFromString(json.value(u"sortKey"_s).toString()).value_or(SortKey::Severity);
    filter.descending = json.value(u"descending"_s).toBool(true);
    return filter;
}

bool FindingQueueFilter::operator==(const FindingQueueFilter &other) const
{
    return text == other.text && verdict == other.verdict && minSeverity == other.minSeverity
        && source == other.source && accountId == other.accountId && assignee == other.assignee
        && groupRepeats == other.groupRepeats && sortKey == other.sortKey
        && descending == other.descending;
}

QString ftsQueryFromText(const QString &text)
{
    const QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    QStringList quoted;
    for (const QString &word : words) {
        QString escaped = word;
        escaped.replace(u'"', u"\"\""_s);
        quoted.append(u'"' + escaped + u'"');
    }
    if (!quoted.isEmpty())
        quoted.last().append(u'*');
    return quoted.join(u' ');
}

FindingQueueSql FindingQueueQuery::window(const FindingQueueFilter &filter,
    const std::optional<FindingQueueCursor> &after, int limit, bool textDriven)
{
    FindingQueueSql out;
    const QString key = u"f."_s + sortColumnName(filter.sortKey);
    const QString fts = ftsQueryFromText(filter.text);
    const QString repeats = filter.groupRepeats
        ? u"(SELECT COUNT(*) FROM findings g WHERE g.fingerprint = f.fingerprint)"_s
        : u"1"_s;
    QString from = u" FROM findings f"_s;
    QStringList terms;
    if (!fts.isEmpty() && textDriven) {
        // CROSS JOIN keeps this join order: the (few) matches first, then their rows.
        from = u" FROM (SELECT rowid AS r FROM findings_fts WHERE findings_fts MATCH ?) m "
               u"CROSS JOIN findings f ON f.rowid = m.r"_s;
        out.binds.append(fts);
    } else if (!fts.isEmpty()) {
        // The loader's in-memory bitmap of the text matches (see FindingWindowLoader).
        terms.append(u"warroom_text_match(f.rowid)"_s);
    }
    addFilterTerms(filter, &terms, &out.binds);
    const QString direction = filter.descending ? u" DESC"_s : u" ASC"_s;
    if (after) {
        if (after->key.isNull()) {
            // NULL keys sort first ascending, last descending.
            terms.append(filter.descending
                    ? QString(key + u" IS NULL AND f.rowid < ?"_s)
                    : QString(u"(("_s + key + u" IS NULL AND f.rowid > ?) OR "_s + key
                        + u" IS NOT NULL)"_s));
            out.binds.append(after->rowid);
        } else {
            terms.append(u"("_s + key + u", f.rowid) "_s + (filter.descending ? u"<"_s : u">"_s)
                + u" (?, ?)"_s);
            out.binds.append(after->key);
            out.binds.append(after->rowid);
        }
    }
    out.sql = u"SELECT "_s + SelectedColumns + u", "_s + repeats + u", "_s + key + from
        + whereClause(terms) + u" ORDER BY "_s + key + direction + u", f.rowid"_s + direction
        + u" LIMIT "_s + QString::number(limit);
    return out;
}

FindingQueueSql FindingQueueQuery::count(const FindingQueueFilter &filter, qint64 afterRowid)
{
    FindingQueueSql out;
    FindingQueueFilter unsorted = filter;
    const QString fts = ftsQueryFromText(filter.text);
    QString from = u" FROM findings f"_s;
    if (!fts.isEmpty()) {
        from = u" FROM (SELECT rowid AS r FROM findings_fts WHERE findings_fts MATCH ?) m "
               u"CROSS JOIN findings f ON f.rowid = m.r"_s;
        out.binds.append(fts);
    }
    QStringList terms;
    // A count has no order: let SQLite pick the most selective index.
    QVariantList binds;
    addFilterTerms(unsorted, &terms, &binds);
    for (QString &term : terms) {
        if (term.startsWith(u"+"_s))
            term.remove(0, 1);
    }
    out.binds.append(binds);
    if (afterRowid > 0) {
        terms.append(u"f.rowid > ?"_s);
        out.binds.append(afterRowid);
    }
    out.sql = u"SELECT COUNT(*)"_s + from + whereClause(terms);
    return out;
}

} // namespace warroom::itemmodels
