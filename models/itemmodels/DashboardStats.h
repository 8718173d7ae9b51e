#pragma once

#include "domain/Enums.h"
#include "domain/Finding.h"

#include <QtCore/QDate>
#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>

#include <array>

namespace warroom::store {
class Database;
}

namespace warroom::itemmodels {

// The dashboard's figures over the whole workspace, read in one go (load() runs on a
// worker thread; it only reads). Times in the store are epoch seconds.
struct DashboardStats
{
    static constexpr int StatusCount = 7; // domain::CaseStatus
    static constexpr int VerdictCount = 4; // domain::Verdict
    static constexpr int SeverityCount = 5; // domain::SeverityLabel
    static constexpr int Days = 30; // findings over time: the last 30 days with findings

    struct FindingDay
    {
        QDate day; // UTC
        std::array<int, VerdictCount> byVerdict {};
        std::array<int, SeverityCount> bySeverity {};
    };

    struct PendingCase
    {
        QString caseId;
        QString title;
        domain::CaseStatus status = domain::CaseStatus::Submitted;
        QDateTime lastUpdated;
    };

    int cases = 0;
    int openCases = 0;
    std::array<int, StatusCount> casesByStatus {}; // every case, Closed included
    int openSecurityIncidents = 0;
    int openInvestigations = 0;

    int findings = 0;
    std::array<int, VerdictCount> findingsByVerdict {};
    // One entry per day for the Days days ending on the last day with findings (days
    // without findings included, with zeros); empty when there are no findings.
    QList<FindingDay> findingDays;

    // Created -> first step out of Submitted (from the case edits); cases counted.
    double meanHoursToAcknowledge = -1;
    int acknowledgedCases = 0;
    // Created -> closed, over closed cases.
    double meanHoursToResolve = -1;
    int resolvedCases = 0;

    // Open cases waiting for the customer, longest waiting first.
    QList<PendingCase> pendingCustomer;

    static DashboardStats load(store::Database &database, QString *error);
};

} // namespace warroom::itemmodels
