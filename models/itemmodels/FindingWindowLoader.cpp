#include "FindingWindowLoader.h"

#include "store/Database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace warroom::itemmodels {

using namespace Qt::StringLiterals;

namespace {

bool run(QSqlQuery &query, const FindingQueueSql &sql, QString *error)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql.sql)) {
        *error = query.lastError().text();
        return false;
    }
    for (const QVariant &value : sql.binds)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

bool nullableSortKey(FindingQueueFilter::SortKey key)
{
    return key == FindingQueueFilter::SortKey::LastSeen;
}

FindingQueueRow rowFrom(const QSqlQuery &query)
{
    using Q = FindingQueueQuery;
    FindingQueueRow row;
    row.rowid = query.value(Q::RowId).toLongLong();
    row.id = query.value(Q::Id).toString();
    row.severity = query.value(Q::Severity).toDouble();
    row.severityLabel = query.value(Q::SeverityLabel).toString();
    row.title = query.value(Q::Title).toString();
    row.type = query.value(Q::Type).toString();
    row.accountId = query.value(Q::AccountId).toString();
    row.region = query.value(Q::Region).toString();
    row.resourceType = query.value(Q::ResourceType).toString();
    row.resourceId = query.value(Q::ResourceId).toString();
    row.resource = row.resourceType.isEmpty() ? row.resourceId
                                              : QString(row.resourceType + u' ' + row.resourceId);
    row.lastSeen = query.value(Q::LastSeen);
    if (!row.lastSeen.isNull()) {
        const auto ms = static_cast<qint64>(row.lastSeen.toDouble() * 1000.0);
        row.lastSeenText
            = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-dd HH:mm"_s);
    }
    row.verdict = query.value(Q::Verdict).toString();
    row.verdictRule = query.value(Q::VerdictRule).toString();
    row.assignee = query.value(Q::Assignee).toString();
    row.caseId = query.value(Q::CaseId).toString();
    row.source = query.value(Q::Source).toString();
    row.repeats = query.value(Q::Repeats).toLongLong();
    row.sortValue = query.value(Q::SortValue);
    return row;
}

} // namespace

FindingWindowLoader::FindingWindowLoader(
    store::Database &database, std::shared_ptr<std::atomic<quint64>> latestGeneration)
    : m_database(database)
    , m_latest(std::move(latestGeneration))
{
    qRegisterMetaType<FindingQueueFilter>();
    qRegisterMetaType<FindingWindow>();
}

bool FindingWindowLoader::textDriven(const FindingQueueFilter &filter, QString *error)
{
    const QString fts = ftsQueryFromText(filter.text);
    if (fts.isEmpty())
        return false;
    if (fts == m_textDrivenFor)
        return m_textDriven;
    QSqlQuery query(m_database.reader());
    const int limit = FindingQueueQuery::TextMatchesDrivenLimit;
    if (!run(query, FindingQueueQuery::boundedTextMatches(fts, limit), error) || !query.next())
        return false;
    m_textDriven = query.value(0).toLongLong() <= limit;
    m_textDrivenFor = fts;
    return m_textDriven;
}

FindingWindow FindingWindowLoader::loadWindow(quint64 generation, const FindingQueueFilter &filter,
    const std::optional<FindingQueueCursor> &after, int limit)
{
    FindingWindow window;
    window.generation = generation;
    const bool driven = textDriven(filter, &window.error);
    if (!window.error.isEmpty())
        return window;
    std::optional<FindingQueueCursor> cursor = after;
    for (;;) {
        QSqlQuery query(m_database.reader());
        const int wanted = limit - static_cast<int>(window.rows.size());
        if (!run(query, FindingQueueQuery::window(filter, cursor, wanted, driven), &window.error))
            return window;
        int got = 0;
        while (query.next()) {
            window.rows.append(rowFrom(query));
            ++got;
        }
        if (got >= wanted)
            return window;
        // Descending, NULL keys come after every value: go on with them.
        if (filter.descending && nullableSortKey(filter.sortKey)
            && !(cursor && cursor->key.isNull())
            && !(window.rows.size() > 0 && window.rows.last().sortValue.isNull())) {
            cursor = FindingQueueCursor {QVariant(), std::numeric_limits<qint64>::max()};
            continue;
        }
        window.atEnd = true;
        return window;
    }
}

void FindingWindowLoader::requestWindow(quint64 generation, const FindingQueueFilter &filter,
    bool hasCursor, const QVariant &cursorKey, qint64 cursorRowid, int limit)
{
    if (stale(generation))
        return;
    std::optional<FindingQueueCursor> after;
    if (hasCursor)
        after = FindingQueueCursor {cursorKey, cursorRowid};
    emit windowLoaded(loadWindow(generation, filter, after, limit));
}

void FindingWindowLoader::requestCount(
    quint64 generation, const FindingQueueFilter &filter, qint64 afterRowid)
{
    if (stale(generation))
        return;
    QSqlQuery query(m_database.reader());
    QString error;
    qint64 count = 0;
    if (run(query, FindingQueueQuery::count(filter, afterRowid), &error) && query.next())
        count = query.value(0).toLongLong();
    query.finish();
    qint64 maxRowid = 0;
    if (query.exec(u"SELECT COALESCE(MAX(rowid), 0) FROM findings"_s) && query.next())
        maxRowid = query.value(0).toLongLong();
    query.finish();
    emit countLoaded(generation, afterRowid, count, maxRowid);
}

void FindingWindowLoader::releaseConnections()
{
    m_database.releaseThreadConnections();
}

} // namespace warroom::itemmodels
