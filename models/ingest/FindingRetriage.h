#pragma once

#include "triage/TriageEngine.h"

#include <QHash>

#include <atomic>
#include <functional>

namespace warroom::store {
class Database;
}

namespace warroom::ingest {

struct RetriageResult
{
    qint64 examined = 0;
    qint64 changed = 0; // findings whose verdict or rule changed
    bool cancelled = false;
    QHash<QString, qint64> ruleHits; // rule id -> findings it matched, of those examined
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Runs the triage engine again over stored findings, in rowid order, in batches of one
// transaction each (a cancel keeps what was committed). Decisions made by an analyst
// (verdict rule "analyst:..." or "false-positive:...") are never overridden.
class FindingRetriage final
{
public:
    enum class Scope {
        Untriaged, // verdict Unset (stored without triage, e.g. the demo workspace)
        Automatic, // every finding whose verdict the engine made: after the rules changed
    };
    using Progress = std::function<void(qint64 done, qint64 total)>;

    static constexpr int BatchSize = 5000;

    static RetriageResult run(store::Database &database, triage::TriageEngine &engine, Scope scope,
        const Progress &progress = {}, const std::atomic<bool> *cancel = nullptr);

    // How many findings `scope` would examine.
    static qint64 pending(store::Database &database, Scope scope, QString *error = nullptr);
};

} // namespace warroom::ingest
