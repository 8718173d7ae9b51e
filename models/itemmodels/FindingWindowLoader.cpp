#include "FindingWindowLoader.h"

#include "store/Database.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

// The sqlite3 library under Qt's QSQLITE driver (linked through warroom_store).
#include <sqlite3.h>

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

// The text matches of the current search as a bitmap over rowids, so that a window can walk
// the sort index and test each row in memory (the SQL function warroom_text_match(rowid)):
// reading a doclist of a million matches takes tens of milliseconds, where materialising it
// in SQL (rowid IN (SELECT ...)) or probing FTS5 per row takes seconds.
bool FindingWindowLoader::textDriven(const FindingQueueFilter &filter, QString *error)
{
    const QString fts = ftsQueryFromText(filter.text);
    if (fts.isEmpty())
        return false;
    QSqlDatabase connection = m_database.reader();
    sqlite3 *db = store::sqliteHandle(connection);
    if (!db) {
        *error = u"The triage queue needs the QSQLITE driver."_s;
        return false;
    }
    sqlite3_int64 maxRowid = 0;
    {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(
                db, "SELECT COALESCE(MAX(rowid), 0) FROM findings", -1, &statement, nullptr)
                == SQLITE_OK
            && sqlite3_step(statement) == SQLITE_ROW)
            maxRowid = sqlite3_column_int64(statement, 0);
        sqlite3_finalize(statement);
    }
    if (fts == m_matchesFor && maxRowid == m_matchesMaxRowid)
        return m_matchCount <= m_textDrivenLimit.load();
    if (!m_functionRegistered) {
        const auto test = [](sqlite3_context *context, int, sqlite3_value **values) {
            const auto *matches
                = static_cast<const std::vector<bool> *>(sqlite3_user_data(context));
            const sqlite3_int64 rowid = sqlite3_value_int64(values[0]);
            sqlite3_result_int(context,
                rowid >= 0 && static_cast<size_t>(rowid) < matches->size()
                    && (*matches)[static_cast<size_t>(rowid)]);
        };
        if (sqlite3_create_function_v2(db, "warroom_text_match", 1,
                SQLITE_UTF8 | SQLITE_DETERMINISTIC, &m_matches, test, nullptr, nullptr, nullptr)
            != SQLITE_OK) {
            *error = QString::fromUtf8(sqlite3_errmsg(db));
            return false;
        }
        m_functionRegistered = true;
    }
    m_matchesFor.clear();
    m_matches.assign(static_cast<size_t>(maxRowid) + 1, false);
    m_matchCount = 0;
    sqlite3_stmt *statement = nullptr;
    const QByteArray query = fts.toUtf8();
    if (sqlite3_prepare_v2(db, "SELECT rowid FROM findings_fts WHERE findings_fts MATCH ?", -1,
            &statement, nullptr)
        != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        return false;
    }
    sqlite3_bind_text(
        statement, 1, query.constData(), static_cast<int>(query.size()), SQLITE_TRANSIENT);
    int stepped = SQLITE_ROW;
    while ((stepped = sqlite3_step(statement)) == SQLITE_ROW) {
        const sqlite3_int64 rowid = sqlite3_column_int64(statement, 0);
        if (rowid >= 0 && rowid <= maxRowid) {
            m_matches[static_cast<size_t>(rowid)] = true;
            ++m_matchCount;
        }
    }
    if (stepped != SQLITE_DONE)
        *error = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    if (!error->isEmpty())
        return false;
    m_matchesFor = fts;
    m_matchesMaxRowid = maxRowid;
    return m_matchCount <= m_textDrivenLimit.load();
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
