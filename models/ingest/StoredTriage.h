#pragma once

#include "triage/TriageEngine.h"

#include <memory>

namespace warroom::store {
class Database;
}

namespace warroom::ingest {

// The triage engine of a workspace: its stored rules (RuleRepository) and the default
// policy, taught the fingerprints already stored so repeats fold.
std::unique_ptr<triage::TriageEngine> triageEngineFromStore(
    store::Database &database, QString *error);

} // namespace warroom::ingest
