#include "StoredTriage.h"

#include "store/Database.h"
#include "store/RuleRepository.h"

namespace warroom::ingest {

std::unique_ptr<triage::TriageEngine> triageEngineFromStore(
    store::Database &database, QString *error)
{
    QString listError;
    const QList<domain::SuppressionRule> rules
        = store::RuleRepository(database.reader()).list(&listError);
    if (!listError.isEmpty()) {
        if (error)
            *error = listError;
        return nullptr;
    }
    return std::make_unique<triage::TriageEngine>(rules, triage::TriagePolicy {});
}

} // namespace warroom::ingest
