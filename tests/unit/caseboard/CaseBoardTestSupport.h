#pragma once

// Cases and linked findings written straight into a workspace store, for the board suites.
#include "domain/Case.h"
#include "domain/Finding.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/Workspace.h"

#include <QtCore/QDateTime>
#include <QtCore/QTemporaryDir>

#include <memory>

namespace warroom::test {

inline QDateTime boardEpoch()
{
    return QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC);
}

inline domain::Case boardCase(const QString &id, domain::CaseStatus status,
    domain::ResolverType resolver = domain::ResolverType::Self, const QString &title = QString())
{
    domain::Case c;
    c.caseId = id;
    c.title = title.isEmpty() ? QStringLiteral("Case %1").arg(id) : title;
    c.description = QStringLiteral("Description of %1").arg(id);
    c.caseStatus = status;
    c.engagementType = domain::EngagementType::SecurityIncident;
    c.resolverType = resolver;
    c.pendingAction = domain::PendingAction::None;
    c.reportedIncidentStartDate = boardEpoch().addDays(-2);
    c.createdDate = boardEpoch().addDays(-1);
    c.lastUpdatedDate = boardEpoch();
    c.impactedAccounts = {QStringLiteral("111122223333")};
    if (status == domain::CaseStatus::Closed) {
        c.closedDate = boardEpoch();
        c.closureCode = domain::ClosureCode::InvestigationCompleted;
    }
    return c;
}

inline bool storeCases(store::Database &db, const QList<domain::Case> &cases, QString *error)
{
    return db.write(
        [&](QSqlDatabase &connection, QString *e) {
            store::CaseRepository repo(connection);
            for (const domain::Case &c : cases)
                if (!repo.upsert(c, e))
                    return false;
            return true;
        },
        error);
}

inline bool storeLinkedFinding(store::Database &db, const QString &findingId, const QString &caseId,
    double score, QString *error)
{
    domain::Finding f;
    f.id = findingId;
    f.type = QStringLiteral("Recon:EC2/PortProbeUnprotectedPort");
    f.title = QStringLiteral("Finding %1").arg(findingId);
    f.severityScore = score;
    f.severityLabel = domain::severityLabelForScore(score);
    f.accountId = QStringLiteral("111122223333");
    f.region = QStringLiteral("us-east-1");
    f.caseId = caseId;
    f.rawJson = "{}";
    return db.write(
        [&](QSqlDatabase &connection, QString *e) {
            store::FindingRepository repo(connection);
            return repo.upsert(f, e) && repo.linkToCase(findingId, caseId, e);
        },
        error);
}

} // namespace warroom::test
