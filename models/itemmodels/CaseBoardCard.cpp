#include "CaseBoardCard.h"

#include "store/Database.h"
#include "store/SqlValues.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

namespace warroom::itemmodels {

using namespace Qt::StringLiterals;

namespace {

// Linked-finding severity per case in one grouped pass over the partial index on case_id.
const QString CardColumns = u"SELECT c.case_id, c.title, c.case_status, c.engagement_type, "
                            "c.resolver_type, c.pending_action, c.created_date, "
                            "c.last_updated_date, c.closed_date, c.watchers, f.n, f.top "
                            "FROM cases c LEFT JOIN (SELECT case_id, COUNT(*) AS n, "
                            "MAX(severity) AS top FROM findings WHERE case_id IS NOT NULL "
                            "GROUP BY case_id) f ON f.case_id = c.case_id"_s;

CaseBoardCard cardFromQuery(const QSqlQuery &q)
{
    CaseBoardCard card;
    card.caseId = q.value(0).toString();
    card.title = q.value(1).toString();
    card.status = domain::fromString<domain::CaseStatus>(q.value(2).toString())
                      .value_or(domain::CaseStatus::Submitted);
    card.engagementType = domain::fromString<domain::EngagementType>(q.value(3).toString());
    card.resolver = domain::fromString<domain::ResolverType>(q.value(4).toString())
                        .value_or(domain::ResolverType::Self);
    card.pendingAction = domain::fromString<domain::PendingAction>(q.value(5).toString())
                             .value_or(domain::PendingAction::None);
    card.createdDate = store::sql::timeFromValue(q.value(6));
    card.lastUpdatedDate = store::sql::timeFromValue(q.value(7));
    card.closedDate = store::sql::timeFromValue(q.value(8));
    const QJsonArray watchers = store::sql::jsonArray(q.value(9));
    for (const QJsonValue &w : watchers) {
        const QJsonObject o = w.toObject();
        const QString email = o.value(u"email"_s).toString();
        const QString name = o.value(u"name"_s).toString();
        card.watcherEmails.append(email.toLower());
        card.watcherNames.append(name.isEmpty() ? email : name);
    }
    card.createdKey = card.createdDate.isValid() ? card.createdDate.toMSecsSinceEpoch() : 0;
    card.lastUpdatedKey
        = card.lastUpdatedDate.isValid() ? card.lastUpdatedDate.toMSecsSinceEpoch() : 0;
    card.titleKey = card.title.toCaseFolded();
    card.linkedFindings = q.value(10).toInt();
    if (card.linkedFindings > 0) {
        card.maxSeverityScore = q.value(11).toDouble();
        card.severity = domain::severityLabelForScore(card.maxSeverityScore);
    }
    return card;
}

} // namespace

bool operator==(const CaseBoardCard &a, const CaseBoardCard &b)
{
    return a.caseId == b.caseId && a.title == b.title && a.status == b.status
        && a.engagementType == b.engagementType && a.resolver == b.resolver
        && a.pendingAction == b.pendingAction && a.createdDate == b.createdDate
        && a.lastUpdatedDate == b.lastUpdatedDate && a.closedDate == b.closedDate
        && a.watcherEmails == b.watcherEmails && a.watcherNames == b.watcherNames
        && a.linkedFindings == b.linkedFindings && a.maxSeverityScore == b.maxSeverityScore;
}

QList<CaseBoardCard> loadCaseCards(store::Database &database, QString *error)
{
    QList<CaseBoardCard> cards;
    QSqlQuery q(database.reader());
    q.setForwardOnly(true);
    if (!q.exec(CardColumns)) {
        if (error)
            *error = q.lastError().text();
        return cards;
    }
    while (q.next())
        cards.append(cardFromQuery(q));
    return cards;
}

std::optional<CaseBoardCard> loadCaseCard(
    store::Database &database, const QString &caseId, QString *error)
{
    QSqlQuery q(database.reader());
    q.setForwardOnly(true);
    q.prepare(QString(CardColumns % u" WHERE c.case_id = ?"_s));
    q.addBindValue(caseId);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return cardFromQuery(q);
}

QString shortDuration(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid() || !to.isValid())
        return QString();
    const qint64 seconds = qMax<qint64>(0, from.secsTo(to));
    if (seconds < 60)
        return QString::number(seconds) + u" s"_s;
    if (seconds < 3600)
        return QString::number(seconds / 60) + u" min"_s;
    if (seconds < 86400)
        return QString::number(seconds / 3600) + u" h"_s;
    if (seconds < 14 * 86400)
        return QString::number(seconds / 86400) + u" d"_s;
    return QString::number(seconds / (7 * 86400)) + u" wk"_s;
}

} // namespace warroom::itemmodels
