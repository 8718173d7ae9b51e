#pragma once

#include "triage/TriageEngine.h"

#include <memory>

namespace warroom::store {
class Database;
}

namespace warroom::ingest {

// The settings key of the workspace's triage policy (TriagePolicyJson).
inline constexpr const char *TriagePolicyKey = "triage.policy";

// The workspace's triage policy (the defaults until one is saved).
triage::TriagePolicy triagePolicyFromStore(store::Database &database, QString *error = nullptr);
bool saveTriagePolicy(
    store::Database &database, const triage::TriagePolicy &policy, QString *error);

// Stores each rule's hit count (rules not in `hits` get 0), after a full re-triage.
bool saveRuleHitCounts(
    store::Database &database, const QHash<QString, qint64> &hits, QString *error);

// The triage engine of a workspace: its stored rules (RuleRepository) and stored policy.
std::unique_ptr<triage::TriageEngine> triageEngineFromStore(
    store::Database &database, QString *error);

} // namespace warroom::ingest
