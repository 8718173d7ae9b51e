#include "FindingRepository.h"

#include "RawJsonCodec.h"
#include "SqlValues.h"

#include <QByteArrayView>
#include <QSet>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <deque>
#include <optional>
#include <vector>

namespace warroom::store {

using namespace Qt::StringLiterals;
using namespace warroom::domain;

namespace {

const QString Columns = u"id, source, product_name, type, title, description, severity, "
                        u"severity_label, account_id, region, resource_type, resource_id, "
                        u"remote_ips, first_seen, last_seen, created_at, updated_at, count, "
                        u"archived, workflow_state, fingerprint, verdict, verdict_rule, case_id, "
                        u"raw"_s;

QString upsertStatement(int rows = 1)
{
    QStringList updates;
    const QStringList names = Columns.split(u", "_s);
    // An analyst's decision and a case link outlive a new version of the finding (a
    // re-import, a Security Hub pull); the engine's own verdicts follow the new version.
    const QString analystDecided = u"(findings.verdict_rule LIKE 'analyst:%' OR "
                                   u"findings.verdict_rule LIKE 'false-positive:%')"_s;
    for (const QString &name : names) {
        if (name == u"id"_s)
            continue;
        if (name == u"verdict"_s || name == u"verdict_rule"_s)
            updates.append(name + u" = CASE WHEN "_s + analystDecided + u" THEN findings."_s + name
                + u" ELSE excluded."_s + name + u" END"_s);
        else if (name == u"case_id"_s)
            updates.append(u"case_id = COALESCE(excluded.case_id, findings.case_id)"_s);
        else
            updates.append(name + u" = excluded."_s + name);
    }
    const QString row = u"(?"_s + u", ?"_s.repeated(static_cast<int>(names.size()) - 1) + u')';
    QStringList values;
    for (int i = 0; i < rows; ++i)
        values.append(row);
    return u"INSERT INTO findings ("_s + Columns + u") VALUES "_s + values.join(u", "_s)
        + u" ON CONFLICT (id) DO UPDATE SET "_s + updates.join(u", "_s);
}

constexpr int BoundPerRow = 25;

// An enum's stored name as UTF-8, made once: `Count` values from 0.
template<int Count, typename Enum> const QByteArray &utf8NameOf(Enum value)
{
    static const std::array<QByteArray, Count> names = [] {
        std::array<QByteArray, Count> made;
        for (int i = 0; i < Count; ++i)
            made[static_cast<size_t>(i)] = toString(static_cast<Enum>(i)).toUtf8();
        return made;
    }();
    return names[static_cast<size_t>(value)];
}

const QByteArray &utf8Name(FindingSource value)
{
    return utf8NameOf<2>(value);
}

const QByteArray &utf8Name(SeverityLabel value)
{
    return utf8NameOf<5>(value);
}

const QByteArray &utf8Name(Verdict value)
{
    return utf8NameOf<4>(value);
}

// The bulk path: the same upsert and the same stored values as the QtSql path (upsert
// of one finding), through the sqlite3 C API, many rows per statement. Why: each
// statement that writes findings_fts (through the triggers) opens a statement
// savepoint, and FTS5 flushes its pending terms to a new segment at every savepoint;
// one row per statement meant one FTS segment (and merges) per finding. QtSql also
// costs about 1.8x the C API on bulk inserts, and the raw JSON goes in as the UTF-8 it
// already is.
class CUpsert final
{
    Q_DISABLE_COPY_MOVE(CUpsert)

public:
    CUpsert(sqlite3 *db, RawJsonPacker *packer)
        : m_db(db)
        , m_packer(packer)
    {
        const int variables = sqlite3_limit(m_db, SQLITE_LIMIT_VARIABLE_NUMBER, -1);
        m_rowsPerStatement = std::clamp(variables / BoundPerRow, 1, 1000);
    }
    ~CUpsert()
    {
        sqlite3_finalize(m_full);
        sqlite3_finalize(m_partial);
    }

    QString error() const { return m_error; }

    bool run(const QList<Finding> &findings, const FindingWriteAhead &ahead)
    {
        const QStringList &fingerprints = ahead.fingerprints;
        const bool known = fingerprints.size() == findings.size();
        const bool packed = ahead.packedRaw.size() == findings.size();
        const bool encoded = ahead.text.size() == findings.size();
        for (qsizetype begin = 0; begin < findings.size(); begin += m_rowsPerStatement) {
            const int rows = static_cast<int>(
                std::min<qsizetype>(m_rowsPerStatement, findings.size() - begin));
            sqlite3_stmt *statement = prepared(rows);
            if (!statement)
                return false;
            m_statement = statement;
            for (int row = 0; row < rows; ++row) {
                const Finding &f = findings.at(begin + row);
                bindRow(row * BoundPerRow, f,
                    known ? fingerprints.at(begin + row) : keep(f.fingerprint()),
                    packed ? ahead.packedRaw.at(begin + row) : packRaw(f.rawJson),
                    encoded ? &ahead.text.at(begin + row) : nullptr);
            }
            const int stepped = sqlite3_step(statement);
            if (stepped != SQLITE_DONE)
                m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
            sqlite3_reset(statement);
            sqlite3_clear_bindings(statement);
            m_keep.clear();
            m_bytes.clear();
            if (stepped != SQLITE_DONE)
                return false;
        }
        return true;
    }

private:
    sqlite3_stmt *prepared(int rows)
    {
        if (rows == m_rowsPerStatement) {
            if (!m_full)
                m_full = prepare(rows);
            return m_full;
        }
        if (!m_partial || m_partialRows != rows) {
            sqlite3_finalize(m_partial);
            m_partial = prepare(rows);
            m_partialRows = rows;
        }
        return m_partial;
    }
    sqlite3_stmt *prepare(int rows)
    {
        const QByteArray sql = upsertStatement(rows).toUtf8();
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v3(m_db, sql.constData(), static_cast<int>(sql.size()),
                SQLITE_PREPARE_PERSISTENT, &statement, nullptr)
            != SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
            sqlite3_finalize(statement);
            return nullptr;
        }
        return statement;
    }

    void bindRow(int i, const Finding &f, const QString &fingerprint, const QByteArray &packed,
        const EncodedFindingText *encoded)
    {
        // The text columns from `encoded` when the parser thread made them, else here.
        const auto field = [&](int index, EncodedFindingText::Field which, const QString &value) {
            if (encoded)
                sqlite3_bind_text(
                    m_statement, index, encoded->data(which), encoded->size(which), SQLITE_STATIC);
            else
                text(index, value);
        };
        field(++i, EncodedFindingText::Id, f.id);
        bindUtf8(++i, utf8Name(f.source));
        field(++i, EncodedFindingText::ProductName, f.productName);
        field(++i, EncodedFindingText::Type, f.type);
        field(++i, EncodedFindingText::Title, f.title);
        field(++i, EncodedFindingText::Description, f.description);
        sqlite3_bind_double(m_statement, ++i, f.severityScore);
        bindUtf8(++i, utf8Name(f.severityLabel));
        field(++i, EncodedFindingText::AccountId, f.accountId);
        field(++i, EncodedFindingText::Region, f.region);
        field(++i, EncodedFindingText::ResourceType, f.resourceType);
        field(++i, EncodedFindingText::ResourceId, f.resourceId);
        ips(++i, f.remoteIps);
        time(++i, f.firstSeen);
        time(++i, f.lastSeen);
        time(++i, f.createdAt);
        time(++i, f.updatedAt);
        sqlite3_bind_int64(m_statement, ++i, f.count);
        sqlite3_bind_int(m_statement, ++i, f.archived ? 1 : 0);
        field(++i, EncodedFindingText::WorkflowState, f.workflowState);
        field(++i, EncodedFindingText::Fingerprint, fingerprint);
        bindUtf8(++i, utf8Name(f.verdict));
        field(++i, EncodedFindingText::VerdictRule, f.verdictRule);
        if (f.caseId.isEmpty())
            sqlite3_bind_null(m_statement, ++i);
        else
            text(++i, f.caseId);
        if (packed.isEmpty())
            raw(++i, f.rawJson);
        else
            sqlite3_bind_blob(m_statement, ++i, packed.constData(), static_cast<int>(packed.size()),
                SQLITE_STATIC);
    }

    const QByteArray &packRaw(const QByteArray &json)
    {
        static const QByteArray none;
        return m_packer ? keep(m_packer->pack(json)) : none;
    }

    // Bound values are SQLITE_STATIC: what is made here lives until the step is done.
    const QString &keep(QString &&value)
    {
        m_keep.push_back(std::move(value));
        return m_keep.back();
    }
    const QByteArray &keep(QByteArray &&value)
    {
        m_bytes.push_back(std::move(value));
        return m_bytes.back();
    }

    void text(int index, const QString &value)
    {
        // UTF-8 is what the database holds: converted here once, not by SQLite.
        bindUtf8(index, value.isNull() ? m_empty : keep(value.toUtf8()));
    }
    void time(int index, const QDateTime &value)
    {
        if (!value.isValid()) {
            sqlite3_bind_null(m_statement, index);
            return;
        }
        const qint64 ms = value.toMSecsSinceEpoch();
        if (ms % 1000 == 0)
            sqlite3_bind_int64(m_statement, index, ms / 1000);
        else
            sqlite3_bind_double(m_statement, index, static_cast<double>(ms) / 1000.0);
    }
    void ips(int index, const QStringList &ips)
    {
        // What QJsonDocument writes for an array of plain strings; anything else
        // (quotes, backslashes, control or non-ASCII characters) goes through it.
        QByteArray json;
        json.reserve(2 + ips.size() * 18);
        json.append('[');
        for (const QString &ip : ips) {
            if (json.size() > 1)
                json.append(',');
            json.append('"');
            for (const QChar c : ip) {
                const char16_t u = c.unicode();
                if (u < 0x20 || u > 0x7e || u == u'"' || u == u'\\') {
                    bindUtf8(index, keep(sql::jsonText(QJsonArray::fromStringList(ips)).toUtf8()));
                    return;
                }
                json.append(static_cast<char>(u));
            }
            json.append('"');
        }
        json.append(']');
        bindUtf8(index, keep(std::move(json)));
    }
    void raw(int index, const QByteArray &json)
    {
        // Stored as QString::fromUtf8 would have made it: invalid UTF-8 is repaired.
        if (QByteArrayView(json).isValidUtf8())
            bindUtf8(index, json);
        else
            bindUtf8(index, keep(QString::fromUtf8(json).toUtf8()));
    }
    void bindUtf8(int index, const QByteArray &bytes)
    {
        sqlite3_bind_text(
            m_statement, index, bytes.constData(), static_cast<int>(bytes.size()), SQLITE_STATIC);
    }

    sqlite3 *m_db = nullptr;
    RawJsonPacker *m_packer = nullptr;
    sqlite3_stmt *m_full = nullptr;
    sqlite3_stmt *m_partial = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    int m_rowsPerStatement = 1;
    int m_partialRows = 0;
    QString m_error;
    const QByteArray m_empty = QByteArray("");
    std::deque<QString> m_keep; // a deque: references stay valid as it grows
    std::deque<QByteArray> m_bytes;
};

// Below this many findings the per-row trigger is as cheap as the schema change.
constexpr qsizetype DeferFtsFrom = 256;

// Upserting a list in order leaves each id once, at the rowid of its first occurrence
// (or its existing row), holding the values of its last occurrence. When ids repeat,
// returns the list that does that with each id once: first places, last values.
struct UniqueRows
{
    QList<Finding> findings;
    FindingWriteAhead ahead;
};

std::optional<UniqueRows> withoutRepeats(
    const QList<Finding> &findings, const FindingWriteAhead &ahead)
{
    QHash<QStringView, qsizetype> slotOf;
    slotOf.reserve(findings.size());
    std::vector<qsizetype> pick; // per slot: the index whose values it takes
    pick.reserve(static_cast<size_t>(findings.size()));
    for (qsizetype i = 0; i < findings.size(); ++i) {
        const QStringView id(findings.at(i).id);
        const auto slot = slotOf.constFind(id);
        if (slot == slotOf.constEnd()) {
            slotOf.insert(id, static_cast<qsizetype>(pick.size()));
            pick.push_back(i);
        } else {
            pick[static_cast<size_t>(*slot)] = i;
        }
    }
    if (static_cast<qsizetype>(pick.size()) == findings.size())
        return std::nullopt;
    UniqueRows unique;
    unique.findings.reserve(static_cast<qsizetype>(pick.size()));
    for (const qsizetype i : pick) {
        unique.findings.append(findings.at(i));
        unique.ahead.fingerprints.append(ahead.fingerprints.size() == findings.size()
                ? ahead.fingerprints.at(i)
                : findings.at(i).fingerprint());
        if (ahead.packedRaw.size() == findings.size())
            unique.ahead.packedRaw.append(ahead.packedRaw.at(i));
        if (ahead.text.size() == findings.size())
            unique.ahead.text.append(ahead.text.at(i));
    }
    return unique;
}

} // namespace

FindingRepository::FindingRepository(const QSqlDatabase &connection)
    : m_connection(connection)
    , m_upsert(connection)
{
}

FindingRepository::~FindingRepository() = default;

bool FindingRepository::upsert(const Finding &f, QString *error)
{
    if (m_upsert.lastQuery().isEmpty())
        m_upsert.prepare(upsertStatement());
    QJsonArray ips = QJsonArray::fromStringList(f.remoteIps);
    m_upsert.addBindValue(sql::text(f.id));
    m_upsert.addBindValue(toString(f.source));
    m_upsert.addBindValue(sql::text(f.productName));
    m_upsert.addBindValue(sql::text(f.type));
    m_upsert.addBindValue(sql::text(f.title));
    m_upsert.addBindValue(sql::text(f.description));
    m_upsert.addBindValue(f.severityScore);
    m_upsert.addBindValue(toString(f.severityLabel));
    m_upsert.addBindValue(sql::text(f.accountId));
    m_upsert.addBindValue(sql::text(f.region));
    m_upsert.addBindValue(sql::text(f.resourceType));
    m_upsert.addBindValue(sql::text(f.resourceId));
    m_upsert.addBindValue(sql::jsonText(ips));
    m_upsert.addBindValue(sql::timeValue(f.firstSeen));
    m_upsert.addBindValue(sql::timeValue(f.lastSeen));
    m_upsert.addBindValue(sql::timeValue(f.createdAt));
    m_upsert.addBindValue(sql::timeValue(f.updatedAt));
    m_upsert.addBindValue(f.count);
    m_upsert.addBindValue(f.archived ? 1 : 0);
    m_upsert.addBindValue(sql::text(f.workflowState));
    m_upsert.addBindValue(f.fingerprint());
    m_upsert.addBindValue(toString(f.verdict));
    m_upsert.addBindValue(sql::text(f.verdictRule));
    m_upsert.addBindValue(sql::textOrNull(f.caseId));
    const QByteArray packed = packer()->pack(f.rawJson);
    if (packed.isEmpty())
        m_upsert.addBindValue(QString::fromUtf8(f.rawJson));
    else
        m_upsert.addBindValue(packed); // a BLOB
    return execQuery(m_upsert, error);
}

RawJsonPacker *FindingRepository::packer()
{
    if (!m_packer)
        m_packer = std::make_unique<RawJsonPacker>(rawjson::currentDictionary(m_connection));
    return m_packer.get();
}

EncodedFindingText EncodedFindingText::encode(const Finding &finding, const QString &fingerprint)
{
    EncodedFindingText encoded;
    const std::array<const QString *, FieldCount> fields {&finding.id, &finding.productName,
        &finding.type, &finding.title, &finding.description, &finding.accountId, &finding.region,
        &finding.resourceType, &finding.resourceId, &finding.workflowState, &fingerprint,
        &finding.verdictRule};
    qsizetype length = 0;
    for (const QString *value : fields)
        length += value->size();
    encoded.m_bytes.reserve(length + 16); // ASCII mostly: grows when it is not
    for (int i = 0; i < FieldCount; ++i) {
        encoded.m_starts[i] = static_cast<int>(encoded.m_bytes.size());
        encoded.m_bytes.append(fields[i]->toUtf8());
    }
    encoded.m_starts[FieldCount] = static_cast<int>(encoded.m_bytes.size());
    return encoded;
}

bool FindingRepository::upsert(const QList<Finding> &findings, QString *error)
{
    return upsert(findings, FindingWriteAhead(), error);
}

bool FindingRepository::upsert(
    const QList<Finding> &findings, const QStringList &fingerprints, QString *error)
{
    FindingWriteAhead ahead;
    ahead.fingerprints = fingerprints;
    return upsert(findings, ahead, error);
}

bool FindingRepository::upsert(
    const QList<Finding> &findings, const FindingWriteAhead &given, QString *error)
{
    sqlite3 *db = sqliteHandle(m_connection);
    if (!db) { // not the QSQLITE driver: one QtSql statement per finding
        for (const Finding &f : findings) {
            if (!upsert(f, error))
                return false;
        }
        return true;
    }
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    auto exec = [&](const char *sql) {
        return sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    };

    // Bulk loading: the FTS index is filled for the new rows of this batch with one
    // INSERT ... SELECT instead of the per-row insert trigger, which is dropped and
    // re-created (from its own stored text) inside this same transaction, so no other
    // connection ever sees the schema without it, and a rollback restores it. Updates
    // of existing rows still go through findings_fts_update. Ids repeated within the
    // batch are written once (same end state), as a row inserted and then updated by
    // the same batch would have that trigger remove FTS terms that were never added.
    QByteArray insertTrigger;
    sqlite3_int64 lastRowid = 0;
    const bool bulk = findings.size() >= DeferFtsFrom && sqlite3_get_autocommit(db) == 0;
    const auto unique = bulk ? withoutRepeats(findings, given) : std::nullopt;
    const QList<Finding> &rows = unique ? unique->findings : findings;
    const FindingWriteAhead &ahead = unique ? unique->ahead : given;
    if (bulk) {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db,
                "SELECT (SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = "
                "'findings_fts_insert'), (SELECT COALESCE(MAX(rowid), 0) FROM findings)",
                -1, &statement, nullptr)
                == SQLITE_OK
            && sqlite3_step(statement) == SQLITE_ROW) {
            insertTrigger = QByteArray(static_cast<const char *>(sqlite3_column_blob(statement, 0)),
                sqlite3_column_bytes(statement, 0));
            lastRowid = sqlite3_column_int64(statement, 1);
        }
        sqlite3_finalize(statement);
        if (!insertTrigger.isEmpty() && exec("DROP TRIGGER findings_fts_insert") != SQLITE_OK)
            return fail(QString::fromUtf8(sqlite3_errmsg(db)));
    }

    {
        // Prepared now: without the insert trigger when it is dropped.
        CUpsert upsert(db, ahead.packedRaw.size() == rows.size() ? nullptr : packer());
        if (!upsert.run(rows, ahead))
            return fail(upsert.error());
    }
    if (insertTrigger.isEmpty())
        return true;
    sqlite3_stmt *fts = nullptr;
    bool ok = sqlite3_prepare_v2(db,
                  "INSERT INTO findings_fts (rowid, title, description, type, resource_id) "
                  "SELECT rowid, title, description, type, resource_id FROM findings "
                  "WHERE rowid > ? ORDER BY rowid",
                  -1, &fts, nullptr)
        == SQLITE_OK;
    ok = ok && sqlite3_bind_int64(fts, 1, lastRowid) == SQLITE_OK
        && sqlite3_step(fts) == SQLITE_DONE;
    sqlite3_finalize(fts);
    ok = ok && exec(insertTrigger.constData()) == SQLITE_OK;
    return ok ? true : fail(QString::fromUtf8(sqlite3_errmsg(db)));
}

bool FindingRepository::upsertBatched(Database &database, const QList<Finding> &findings,
    int batchSize, const Database::ProgressFunction &progress, QString *error, bool *cancelled)
{
    return database.writeBatched(
        findings.size(), batchSize,
        [&](QSqlDatabase &connection, qint64 begin, qint64 end, QString *batchError) {
            return FindingRepository(connection)
                .upsert(findings.mid(begin, end - begin), batchError);
        },
        progress, error, cancelled);
}

std::optional<Finding> FindingRepository::get(const QString &id, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT "_s + Columns + u" FROM findings WHERE id = ?"_s);
    q.addBindValue(id);
    if (!execQuery(q, error) || !q.next())
        return std::nullopt;
    Finding f;
    f.id = q.value(0).toString();
    f.source = findingSourceFromString(q.value(1).toString()).value_or(FindingSource::GuardDuty);
    f.productName = q.value(2).toString();
    f.type = q.value(3).toString();
    f.title = q.value(4).toString();
    f.description = q.value(5).toString();
    f.severityScore = q.value(6).toDouble();
    f.severityLabel = severityLabelFromString(q.value(7).toString())
                          .value_or(severityLabelForScore(f.severityScore));
    f.accountId = q.value(8).toString();
    f.region = q.value(9).toString();
    f.resourceType = q.value(10).toString();
    f.resourceId = q.value(11).toString();
    for (const QJsonValue &ip : sql::jsonArray(q.value(12)))
        f.remoteIps.append(ip.toString());
    f.firstSeen = sql::timeFromValue(q.value(13));
    f.lastSeen = sql::timeFromValue(q.value(14));
    f.createdAt = sql::timeFromValue(q.value(15));
    f.updatedAt = sql::timeFromValue(q.value(16));
    f.count = q.value(17).toLongLong();
    f.archived = q.value(18).toInt() != 0;
    f.workflowState = q.value(19).toString();
    f.verdict = verdictFromString(q.value(21).toString()).value_or(Verdict::Unset);
    f.verdictRule = q.value(22).toString();
    f.caseId = q.value(23).toString();
    const QVariant raw = q.value(24);
    if (raw.typeId() == QMetaType::QByteArray) { // compressed (RawJsonCodec)
        QString unpackError;
        const auto json = rawjson::unpack(m_connection, raw.toByteArray(), &unpackError);
        if (!json) {
            if (error)
                *error = u"finding %1: %2"_s.arg(f.id, unpackError);
            return std::nullopt;
        }
        f.rawJson = *json;
    } else {
        f.rawJson = raw.toString().toUtf8();
    }
    return f;
}

qint64 FindingRepository::count(QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT COUNT(*) FROM findings"_s);
    if (!execQuery(q, error) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QMap<Verdict, qint64> FindingRepository::countByVerdict(QString *error) const
{
    QMap<Verdict, qint64> counts;
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT verdict, COUNT(*) FROM findings GROUP BY verdict"_s);
    if (!execQuery(q, error))
        return counts;
    while (q.next())
        counts[verdictFromString(q.value(0).toString()).value_or(Verdict::Unset)]
            += q.value(1).toLongLong();
    return counts;
}

bool FindingRepository::setVerdict(
    const QString &id, Verdict verdict, const QString &rule, QString *error)
{
    QSqlQuery q(m_connection);
    q.prepare(u"UPDATE findings SET verdict = ?, verdict_rule = ? WHERE id = ?"_s);
    q.addBindValue(toString(verdict));
    q.addBindValue(sql::text(rule));
    q.addBindValue(id);
    return execQuery(q, error);
}

bool FindingRepository::linkToCase(const QString &id, const QString &caseId, QString *error)
{
    QSqlQuery q(m_connection);
    q.prepare(u"UPDATE findings SET case_id = ? WHERE id = ?"_s);
    q.addBindValue(sql::textOrNull(caseId));
    q.addBindValue(id);
    return execQuery(q, error);
}

QStringList FindingRepository::search(const QString &ftsQuery, int limit, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT f.id FROM findings_fts JOIN findings f ON f.rowid = findings_fts.rowid "
              u"WHERE findings_fts MATCH ? ORDER BY rank LIMIT ?"_s);
    q.addBindValue(ftsQuery);
    q.addBindValue(limit);
    QStringList ids;
    if (!execQuery(q, error))
        return ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

} // namespace warroom::store
