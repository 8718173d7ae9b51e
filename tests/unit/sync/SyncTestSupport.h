#pragma once

#include "domain/CaseRequests.h"

#include <QtCore/QDateTime>

using namespace Qt::StringLiterals;

namespace warroom::test {

inline domain::CreateCaseRequest newCaseRequest(const QString &title)
{
    domain::CreateCaseRequest request;
    request.resolverType = domain::ResolverType::Self;
    request.title = title;
    request.description = u"Console logins from a new country"_s;
    request.engagementType = domain::EngagementType::SecurityIncident;
    request.reportedIncidentStartDate = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
    request.impactedAccounts = QStringList {u"111122223333"_s};
    request.watchers = QList<domain::Watcher> {};
    return request;
}

} // namespace warroom::test
