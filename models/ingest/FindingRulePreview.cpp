#include "FindingRulePreview.h"

#include "TriageRow.h"
#include "store/Database.h"
#include "triage/TriageEngine.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace warroom::ingest {

using namespace Qt::StringLiterals;
using domain::RuleOperator;

namespace {

// Rowids per slice of a scan: between slices a newer request abandons this one.
constexpr qint64 SliceRows = 100000;

struct Column
{
    const char *name;
    bool indexed;
};

const QHash<QString, Column> &columns()
{
    static const QHash<QString, Column> map {{u"id"_s, {"id", true}},
        {u"source"_s, {"source", true}}, {u"productName"_s, {"product_name", false}},
        {u"type"_s, {"type", true}}, {u"title"_s, {"title", false}},
        {u"description"_s, {"description", false}}, {u"severityLabel"_s, {"severity_label", false}},
        {u"severityScore"_s, {"severity", true}}, {u"accountId"_s, {"account_id", true}},
        {u"region"_s, {"region", true}}, {u"resourceType"_s, {"resource_type", true}},
        {u"resourceId"_s, {"resource_id", false}}, {u"remoteIps"_s, {"remote_ips", false}},
        {u"count"_s, {"count", false}}, {u"archived"_s, {"archived", false}},
        {u"workflowState"_s, {"workflow_state", false}}};
    return map;
}

bool isAscii(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 128; });
}

QString likeEscaped(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_')
            out.append(u'\\');
        out.append(c);
    }
    return out;
}

// The rule's criteria as SQL: `where` narrows the candidates (never drops a match);
// `exact` when it is also exactly the engine's answer; `indexed` when one term can use an
// index (so COUNT(*) does not read the whole table).
struct SqlPlan
{
    QStringList where;
    QVariantList binds;
    bool exact = true;
    bool indexed = false;
};

SqlPlan planFor(const domain::SuppressionRule &rule)
{
    SqlPlan plan;
    for (const domain::RuleCriterion &c : rule.criteria) {
        const Column column = columns().value(c.field, {"", false});
        const QString col = QString::fromLatin1(column.name);
        if (c.field == "severityScore"_L1 || c.field == "count"_L1) {
            static const QHash<RuleOperator, QString> ops {{RuleOperator::Equals, u"="_s},
                {RuleOperator::NotEquals, u"<>"_s}, {RuleOperator::GreaterThan, u">"_s},
                {RuleOperator::GreaterOrEqual, u">="_s}, {RuleOperator::LessThan, u"<"_s},
                {RuleOperator::LessOrEqual, u"<="_s}};
            plan.where.append(col + u' ' + ops.value(c.op) + u" ?"_s);
            plan.binds.append(c.value.toDouble());
            plan.indexed = plan.indexed || column.indexed;
            continue;
        }
        if (c.field == "archived"_L1) {
            const QString v = c.value.toLower();
            if (c.op == RuleOperator::Equals)
                plan.where.append(v == "true"_L1 ? u"archived <> 0"_s
                                                 : (v == "false"_L1 ? u"archived = 0"_s : u"0"_s));
            else if (c.op == RuleOperator::NotEquals && (v == "true"_L1 || v == "false"_L1))
                plan.where.append(v == "true"_L1 ? u"archived = 0"_s : u"archived <> 0"_s);
            else if (c.op != RuleOperator::NotEquals)
                plan.exact = false;
            continue;
        }
        if (!isAscii(c.value)) {
            plan.exact = false; // SQLite folds ASCII case only: the engine decides
            continue;
        }
        if (c.field == "remoteIps"_L1) {
            // A JSON array of strings: a LIKE on its text keeps every candidate.
            plan.exact = false;
            if (c.op == RuleOperator::Equals || c.op == RuleOperator::Prefix
                || c.op == RuleOperator::Contains) {
                plan.where.append(u"remote_ips LIKE ? ESCAPE '\\'"_s);
                plan.binds.append(QString(u"%"_s + likeEscaped(c.value) + u"%"_s));
            }
            continue;
        }
        switch (c.op) {
        case RuleOperator::Equals:
            // Every case variant of an ASCII value lies between its upper and lower case.
            plan.where.append(col + u" BETWEEN ? AND ? AND "_s + col + u" = ? COLLATE NOCASE"_s);
            plan.binds << c.value.toUpper() << c.value.toLower() << c.value;
            plan.indexed = plan.indexed || column.indexed;
            break;
        case RuleOperator::NotEquals:
            plan.where.append(col + u" <> ? COLLATE NOCASE"_s);
            plan.binds << c.value;
            break;
        case RuleOperator::Prefix:
            if (!c.value.isEmpty()) {
                plan.where.append(col + u" >= ? AND "_s + col + u" < ?"_s);
                plan.binds << c.value.toUpper()
                           << QString(c.value.toLower() + QChar(0xDBFF) + QChar(0xDFFF));
                plan.indexed = plan.indexed || column.indexed;
            }
            plan.where.append(col + u" LIKE ? ESCAPE '\\'"_s);
            plan.binds << QString(likeEscaped(c.value) + u"%"_s);
            break;
        case RuleOperator::Contains:
            plan.where.append(col + u" LIKE ? ESCAPE '\\'"_s);
            plan.binds << QString(u"%"_s + likeEscaped(c.value) + u"%"_s);
            break;
        default:
            plan.exact = false;
            break;
        }
    }
    return plan;
}

const QString RowColumns = u"id, severity, type, account_id, resource_id, title, verdict, "
                           u"verdict_rule"_s;

RulePreviewRow rowFrom(const QSqlQuery &query, int first)
{
    const auto at = [&](int i) {
        return query.value(first + i);
    };
    return {at(0).toString(), at(1).toDouble(), at(2).toString(), at(3).toString(),
        at(4).toString(), at(5).toString(), at(6).toString(), at(7).toString()};
}

bool execWith(QSqlQuery &query, const QString &sql, const QVariantList &binds, QString *error)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        *error = query.lastError().text();
        return false;
    }
    for (const QVariant &bind : binds)
        query.addBindValue(bind);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace

RulePreviewResult FindingRulePreview::compute(store::Database &database,
    const domain::SuppressionRule &rule, int rowLimit,
    const std::function<bool(const RulePreviewResult &)> &progress)
{
    QElapsedTimer timer;
    timer.start();
    RulePreviewResult result;
    domain::SuppressionRule usable = rule;
    usable.enabled = true;
    usable.expiresAt = {};
    const triage::TriageEngine check({usable}, {});
    if (!check.problems().isEmpty()) {
        result.error = check.problems().first();
        result.complete = true;
        return result;
    }
    const QSqlDatabase connection = database.reader();
    qint64 maxRowid = 0;
    {
        QSqlQuery query(connection);
        if (!query.exec(u"SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM findings"_s)
            || !query.next()) {
            result.error = query.lastError().text();
            result.complete = true;
            return result;
        }
        result.total = query.value(0).toLongLong();
        maxRowid = query.value(1).toLongLong();
    }
    const SqlPlan plan = planFor(rule);
    const QString where
        = plan.where.isEmpty() ? u"1"_s : u"("_s + plan.where.join(u") AND ("_s) + u')';
    const auto finish = [&] {
        result.complete = true;
        result.elapsedMs = timer.elapsed();
        return result;
    };

    if (plan.exact && plan.indexed) {
        // SQLite answers alone, through an index.
        result.countedBySql = true;
        QSqlQuery count(connection);
        if (!execWith(
                count, u"SELECT COUNT(*) FROM findings WHERE "_s + where, plan.binds, &result.error)
            || !count.next())
            return finish();
        result.matches = count.value(0).toLongLong();
        QSqlQuery rows(connection);
        if (!execWith(rows,
                u"SELECT "_s + RowColumns + u" FROM findings WHERE "_s + where + u" LIMIT "_s
                    + QString::number(rowLimit),
                plan.binds, &result.error))
            return finish();
        while (rows.next())
            result.rows.append(rowFrom(rows, 0));
        return finish();
    }

    // A scan in rowid slices: SQL alone when exact, else SQL narrows and the engine decides.
    result.countedBySql = plan.exact;
    const QString columns = plan.exact ? RowColumns : RowColumns + u", "_s + triageRowColumns();
    for (qint64 from = 0; from < maxRowid; from += SliceRows) {
        QVariantList binds {from, from + SliceRows};
        binds += plan.binds;
        const QString range = u"rowid > ? AND rowid <= ? AND "_s;
        if (plan.exact) {
            QSqlQuery count(connection);
            if (!execWith(count, u"SELECT COUNT(*) FROM findings WHERE "_s + range + where, binds,
                    &result.error)
                || !count.next())
                return finish();
            const qint64 inSlice = count.value(0).toLongLong();
            if (inSlice > 0 && result.rows.size() < rowLimit) {
                QSqlQuery rows(connection);
                if (!execWith(rows,
                        u"SELECT "_s + RowColumns + u" FROM findings WHERE "_s + range + where
                            + u" ORDER BY rowid LIMIT "_s
                            + QString::number(rowLimit - result.rows.size()),
                        binds, &result.error))
                    return finish();
                while (rows.next())
                    result.rows.append(rowFrom(rows, 0));
            }
            result.matches += inSlice;
        } else {
            QSqlQuery rows(connection);
            if (!execWith(rows,
                    u"SELECT "_s + columns + u" FROM findings WHERE "_s + range + where
                        + u" ORDER BY rowid"_s,
                    binds, &result.error))
                return finish();
            while (rows.next()) {
                ++result.scanned;
                if (!triage::TriageEngine::matches(usable, findingFromTriageRow(rows, 8)))
                    continue;
                ++result.matches;
                if (result.rows.size() < rowLimit)
                    result.rows.append(rowFrom(rows, 0));
            }
        }
        result.elapsedMs = timer.elapsed();
        if (progress && from + SliceRows < maxRowid && !progress(result))
            return result; // abandoned: incomplete
    }
    return finish();
}

FindingRulePreview::FindingRulePreview(store::Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_thread(new QThread(this))
    , m_worker(new QObject)
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    qRegisterMetaType<RulePreviewResult>();
    m_thread->setObjectName(u"RulePreview"_s);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

FindingRulePreview::~FindingRulePreview()
{
    m_latest->fetch_add(1); // abandons the running preview
    store::Database *database = &m_database;
    QMetaObject::invokeMethod(
        m_worker, [database] { database->releaseThreadConnections(); }, Qt::QueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

quint64 FindingRulePreview::request(const domain::SuppressionRule &rule)
{
    const quint64 generation = m_latest->fetch_add(1) + 1;
    QPointer<FindingRulePreview> self(this);
    store::Database *database = &m_database;
    const int rowLimit = m_rowLimit;
    auto latest = m_latest;
    QMetaObject::invokeMethod(
        m_worker,
        [self, database, rule, rowLimit, latest, generation] {
            if (latest->load() != generation)
                return; // a newer request is queued behind this one
            const auto deliver = [&](RulePreviewResult result) {
                result.generation = generation;
                if (!self)
                    return;
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, result, latest] {
                        if (self && latest->load() == result.generation)
                            emit self->updated(result);
                    },
                    Qt::QueuedConnection);
            };
            RulePreviewResult result
                = compute(*database, rule, rowLimit, [&](const RulePreviewResult &partial) {
                      if (latest->load() != generation)
                          return false;
                      deliver(partial);
                      return true;
                  });
            if (result.complete && latest->load() == generation)
                deliver(result);
        },
        Qt::QueuedConnection);
    return generation;
}

} // namespace warroom::ingest
