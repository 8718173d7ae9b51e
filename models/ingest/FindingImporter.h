#pragma once

#include "domain/Finding.h"
#include "triage/FindingParser.h"

#include <QMap>
#include <QString>

#include <atomic>
#include <functional>

namespace warroom::store {
class Database;
}
namespace warroom::triage {
class TriageEngine;
}

namespace warroom::ingest {

struct ImportResult
{
    qint64 stored = 0; // findings written (new or updated)
    QList<triage::ParseIssue> issues; // items skipped, with line/position and reason
    QMap<domain::Verdict, qint64> verdicts; // of the stored findings
    bool cancelled = false;
    QString error; // set when the import stopped on an I/O or database error
    bool ok() const { return error.isEmpty(); }
};

// Reads a findings file (one JSON document, or JSON Lines), parses on a worker thread
// while the calling thread triages and stores, in batches of one transaction each, so a
// cancel or a crash loses at most the batch in flight and readers see progress.
class FindingImporter final
{
public:
    using Progress = std::function<void(qint64 bytesDone, qint64 bytesTotal, qint64 stored)>;

    FindingImporter(store::Database &database, triage::TriageEngine &engine);

    void setBatchSize(int findings) { m_batchSize = findings; }
    // Teach the engine the fingerprints already stored, so repeats of them fold.
    bool primeEngineFromStore(QString *error);

    ImportResult importFile(const QString &path, const Progress &progress = {},
        const std::atomic<bool> *cancel = nullptr);
    // Findings parsed elsewhere (a Security Hub GetFindings page): triaged and stored in
    // batches like a file's; new versions of stored findings update them in place.
    ImportResult importFindings(QList<domain::Finding> findings);

private:
    bool storeBatch(QList<domain::Finding> &batch, QStringList &fingerprints, ImportResult *result);

    store::Database &m_database;
    triage::TriageEngine &m_engine;
    int m_batchSize = 5000;
};

} // namespace warroom::ingest
