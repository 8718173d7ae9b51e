#pragma once

#include "triage/TriageEngine.h"

#include <QString>
#include <QStringList>

namespace warroom::store {
class Database;
}

namespace warroom::sync {

class LocalChanges;

struct AutoEscalationResult
{
    int casesCreated = 0;
    int casesUpdated = 0;
    qint64 findingsLinked = 0;
    qint64 waiting = 0; // escalated findings left for the next run (the per-run case limit)
    QStringList caseIds; // cases created or added to, in order
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// The auto-escalation policy: findings the triage engine escalated (by a rule, by a repeat
// of an escalated finding, and, when the policy says so, by the severity threshold) that
// are in no case yet go into one, through LocalChanges, so the case is queued for the
// backend like one made by hand. Findings that share a key (their fingerprint, or the rule
// that escalated them) share a case: an open case that already holds a finding with that
// key gets what it lacks (UpdateCase), else a new case is made (FindingEscalation). The
// case write and the findings' links are one transaction, and only findings without a
// case are taken, so each finding is escalated exactly once, across re-triage (which keeps
// case links) and restarts. Analyst decisions are never touched.
class FindingAutoEscalation final
{
public:
    static constexpr int DefaultMaxNewCasesPerRun = 25;

    FindingAutoEscalation(store::Database &database, LocalChanges &changes);

    void setMaxNewCasesPerRun(int cases) { m_maxNewCases = cases; }

    // Does nothing (an empty result) when the policy is off.
    AutoEscalationResult run(const triage::AutoEscalationPolicy &policy);

    // How many findings wait for a case under `policy`.
    static qint64 pending(store::Database &database, const triage::AutoEscalationPolicy &policy,
        QString *error = nullptr);

private:
    store::Database &m_database;
    LocalChanges &m_changes;
    int m_maxNewCases = DefaultMaxNewCasesPerRun;
};

} // namespace warroom::sync
