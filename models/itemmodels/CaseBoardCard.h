#pragma once

#include "domain/Enums.h"
#include "domain/Finding.h"

#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

namespace warroom::store {
class Database;
}

namespace warroom::itemmodels {

// What one card of the case board shows and what its filters and sorts read, taken
// from the cases row and the findings linked to the case.
struct CaseBoardCard final
{
    QString caseId;
    QString title;
    domain::CaseStatus status = domain::CaseStatus::Submitted;
    std::optional<domain::EngagementType> engagementType;
    domain::ResolverType resolver = domain::ResolverType::Self;
    domain::PendingAction pendingAction = domain::PendingAction::None;
    QDateTime createdDate;
    QDateTime lastUpdatedDate;
    QDateTime closedDate;
    QStringList watcherEmails; // lower case, for the watcher filter
    QStringList watcherNames; // name, or the email when there is no name
    int linkedFindings = 0;
    double maxSeverityScore = -1; // of the linked findings; -1 when none is linked
    std::optional<domain::SeverityLabel> severity;
    // Sort keys made once where the card is loaded (QDateTime and case-insensitive
    // QString comparisons are what a re-sort of thousands of cards would spend its time on).
    qint64 createdKey = 0; // ms since the epoch, 0 when unknown
    qint64 lastUpdatedKey = 0;
    QString titleKey; // case-folded title

    // AWS moves AWS-supported cases itself, and a closed case stays closed.
    bool isReadOnlyOnBoard() const
    {
        return resolver == domain::ResolverType::AWS || status == domain::CaseStatus::Closed;
    }
};

bool operator==(const CaseBoardCard &a, const CaseBoardCard &b);
inline bool operator!=(const CaseBoardCard &a, const CaseBoardCard &b)
{
    return !(a == b);
}

// Every case of the workspace as cards (one query over cases and linked findings); on
// the calling thread's reader connection. Empty list and *error set on failure.
QList<CaseBoardCard> loadCaseCards(store::Database &database, QString *error);
// One case as a card, or std::nullopt when it is not stored (or on error).
std::optional<CaseBoardCard> loadCaseCard(
    store::Database &database, const QString &caseId, QString *error);

// "45 s", "12 min", "5 h", "3 d", "7 wk" between two times (never negative).
QString shortDuration(const QDateTime &from, const QDateTime &to);

} // namespace warroom::itemmodels
