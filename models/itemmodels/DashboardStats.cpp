#include "itemmodels/DashboardStats.h"

#include "store/Database.h"
#include "store/SqlValues.h"

#include <QtCore/QHash>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

namespace warroom::itemmodels {

using namespace Qt::StringLiterals;
using domain::CaseStatus;

namespace {

bool run(QSqlQuery &query, const QString &sql, QString *error)
{
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

bool readCases(QSqlDatabase connection, DashboardStats *stats, QString *error)
{
    QSqlQuery query(connection);
    if (!run(query,
            u"SELECT case_status, engagement_type, COUNT(*) FROM cases "
            "GROUP BY case_status, engagement_type"_s,
            error))
        return false;
    while (query.next()) {
        const int count = query.value(2).toInt();
        stats->cases += count;
        const auto status = domain::fromString<CaseStatus>(query.value(0).toString());
        if (status)
            stats->casesByStatus[size_t(*status)] += count;
        if (status == CaseStatus::Closed)
            continue;
        stats->openCases += count;
        const auto type = domain::fromString<domain::EngagementType>(query.value(1).toString());
        if (type == domain::EngagementType::SecurityIncident)
            stats->openSecurityIncidents += count;
        else if (type == domain::EngagementType::Investigation)
            stats->openInvestigations += count;
    }

    // Acknowledged: the first edit that moved the case out of Submitted.
    if (!run(query,
            u"SELECT c.created_date, (SELECT MIN(e.event_timestamp) FROM case_edits e "
            "WHERE e.case_id = c.case_id AND e.message LIKE 'Status changed from Submitted to %') "
            "FROM cases c WHERE c.created_date IS NOT NULL"_s,
            error))
        return false;
    double ackSeconds = 0;
    while (query.next()) {
        if (query.value(1).isNull())
            continue;
        const double seconds = query.value(1).toDouble() - query.value(0).toDouble();
        if (seconds < 0)
            continue;
        ackSeconds += seconds;
        ++stats->acknowledgedCases;
    }
    if (stats->acknowledgedCases > 0)
        stats->meanHoursToAcknowledge = ackSeconds / stats->acknowledgedCases / 3600.0;

    if (!run(query,
            u"SELECT COUNT(*), AVG(closed_date - created_date) FROM cases "
            "WHERE closed_date IS NOT NULL AND created_date IS NOT NULL "
            "AND closed_date >= created_date"_s,
            error))
        return false;
    if (query.next() && query.value(0).toInt() > 0) {
        stats->resolvedCases = query.value(0).toInt();
        stats->meanHoursToResolve = query.value(1).toDouble() / 3600.0;
    }

    QSqlQuery pending(connection);
    pending.setForwardOnly(true);
    pending.prepare(u"SELECT case_id, title, case_status, last_updated_date FROM cases "
                    "WHERE pending_action = ? AND case_status <> ? "
                    "ORDER BY last_updated_date, case_id"_s);
    pending.addBindValue(domain::toString(domain::PendingAction::Customer));
    pending.addBindValue(domain::toString(CaseStatus::Closed));
    if (!pending.exec()) {
        *error = pending.lastError().text();
        return false;
    }
    while (pending.next()) {
        DashboardStats::PendingCase c;
        c.caseId = pending.value(0).toString();
        c.title = pending.value(1).toString();
        c.status = domain::fromString<CaseStatus>(pending.value(2).toString())
                       .value_or(CaseStatus::Submitted);
        c.lastUpdated = store::sql::timeFromValue(pending.value(3));
        stats->pendingCustomer.append(c);
    }
    return true;
}

bool readFindings(QSqlDatabase connection, DashboardStats *stats, QString *error)
{
    // One pass over the findings, grouped by UTC day, verdict and severity.
    QSqlQuery query(connection);
    if (!run(query,
            u"SELECT CAST(first_seen / 86400 AS INTEGER) AS day, verdict, severity_label, "
            "COUNT(*) FROM findings GROUP BY day, verdict, severity_label"_s,
            error))
        return false;
    QHash<qint64, DashboardStats::FindingDay> days;
    qint64 lastDay = std::numeric_limits<qint64>::min();
    while (query.next()) {
        const int count = query.value(3).toInt();
        stats->findings += count;
        const auto verdict
            = domain::verdictFromString(query.value(1).toString()).value_or(domain::Verdict::Unset);
        stats->findingsByVerdict[size_t(verdict)] += count;
        if (query.value(0).isNull())
            continue;
        const qint64 day = query.value(0).toLongLong();
        lastDay = qMax(lastDay, day);
        DashboardStats::FindingDay &bucket = days[day];
        bucket.byVerdict[size_t(verdict)] += count;
        const auto severity = domain::severityLabelFromString(query.value(2).toString())
                                  .value_or(domain::SeverityLabel::Informational);
        bucket.bySeverity[size_t(severity)] += count;
    }
    if (days.isEmpty())
        return true;
    const QDate epoch(1970, 1, 1);
    for (qint64 day = lastDay - DashboardStats::Days + 1; day <= lastDay; ++day) {
        DashboardStats::FindingDay bucket = days.value(day);
        bucket.day = epoch.addDays(day);
        stats->findingDays.append(bucket);
    }
    return true;
}

} // namespace

DashboardStats DashboardStats::load(store::Database &database, QString *error)
{
    DashboardStats stats;
    QSqlDatabase connection = database.reader();
    if (!readCases(connection, &stats, error) || !readFindings(connection, &stats, error))
        return {};
    return stats;
}

} // namespace warroom::itemmodels
