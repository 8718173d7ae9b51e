#include "FindingRetriage.h"

#include "TriageRow.h"
#include "store/Database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace warroom::ingest {

using namespace Qt::StringLiterals;

namespace {

QString scopeTerm(FindingRetriage::Scope scope)
{
    return scope == FindingRetriage::Scope::Untriaged
        ? u"verdict = 'Unset'"_s
        : u"verdict_rule NOT LIKE 'analyst:%' AND verdict_rule NOT LIKE 'false-positive:%'"_s;
}

struct Change
{
    qint64 rowid;
    QString verdict;
    QString rule;
};

} // namespace

qint64 FindingRetriage::pending(store::Database &database, Scope scope, QString *error)
{
    QSqlQuery query(database.reader());
    if (!query.exec(u"SELECT COUNT(*) FROM findings WHERE "_s + scopeTerm(scope))
        || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return -1;
    }
    return query.value(0).toLongLong();
}

RetriageResult FindingRetriage::run(store::Database &database, triage::TriageEngine &engine,
    Scope scope, const Progress &progress, const std::atomic<bool> *cancel)
{
    RetriageResult result;
    const qint64 total = pending(database, scope, &result.error);
    if (total < 0)
        return result;
    engine.forgetFingerprints();
    {
        // Repeats fold into what is already decided and stays: analyst decisions, or
        // (for untriaged findings) everything triaged before.
        QSqlQuery seen(database.reader());
        seen.setForwardOnly(true);
        const QString kept = scope == Scope::Untriaged
            ? u"verdict <> 'Unset'"_s
            : u"(verdict_rule LIKE 'analyst:%' OR verdict_rule LIKE 'false-positive:%')"_s;
        if (!seen.exec(u"SELECT fingerprint, verdict, id FROM findings WHERE "_s + kept
                + u" ORDER BY rowid"_s)) {
            result.error = seen.lastError().text();
            return result;
        }
        while (seen.next()) {
            engine.rememberFingerprint(seen.value(0).toString(),
                domain::verdictFromString(seen.value(1).toString())
                    .value_or(domain::Verdict::Queued),
                seen.value(2).toString());
        }
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    qint64 after = 0;
    for (;;) {
        if (cancel && cancel->load()) {
            result.cancelled = true;
            return result;
        }
        QList<Change> changes;
        int read = 0;
        {
            QSqlQuery query(database.reader());
            query.setForwardOnly(true);
            query.prepare(u"SELECT rowid, fingerprint, verdict, verdict_rule, "_s
                + triageRowColumns() + u" FROM findings WHERE rowid > ? AND "_s + scopeTerm(scope)
                + u" ORDER BY rowid LIMIT "_s + QString::number(BatchSize));
            query.addBindValue(after);
            if (!query.exec()) {
                result.error = query.lastError().text();
                return result;
            }
            while (query.next()) {
                ++read;
                after = query.value(0).toLongLong();
                const domain::Finding f = findingFromTriageRow(query, 4);
                const triage::TriageResult verdict
                    = engine.classify(f, now, query.value(1).toString());
                const QString name = domain::toString(verdict.verdict);
                if (name != query.value(2).toString() || verdict.rule != query.value(3).toString())
                    changes.append({after, name, verdict.rule});
            }
        }
        result.examined += read;
        if (!changes.isEmpty()) {
            const bool ok = database.write(
                [&](QSqlDatabase &connection, QString *error) {
                    QSqlQuery update(connection);
                    update.prepare(
                        u"UPDATE findings SET verdict = ?, verdict_rule = ? WHERE rowid = ?"_s);
                    for (const Change &change : std::as_const(changes)) {
                        update.addBindValue(change.verdict);
                        update.addBindValue(change.rule);
                        update.addBindValue(change.rowid);
                        if (!update.exec()) {
                            *error = update.lastError().text();
                            return false;
                        }
                    }
                    return true;
                },
                &result.error);
            if (!ok)
                return result;
            result.changed += changes.size();
        }
        if (progress)
            progress(result.examined, total);
        if (read < BatchSize) {
            result.ruleHits = engine.hitCounts();
            return result;
        }
    }
}

} // namespace warroom::ingest
