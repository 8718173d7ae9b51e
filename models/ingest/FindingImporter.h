#pragma once

#include "domain/Finding.h"
#include "store/FindingRepository.h"
#include "triage/FindingParser.h"

#include <QMap>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace warroom::store {
class RawJsonDictionary;
} // namespace warroom::store
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
    // CPU time of importFile's two threads (what benchmarks print): parsing and triage,
    // and storing.
    qint64 parserCpuMicroseconds = 0;
    qint64 writerCpuMicroseconds = 0;
    qint64 transactions = 0; // the batches stored, one transaction each
    bool ok() const { return error.isEmpty(); }
};

// Reads a findings file (one JSON document, or JSON Lines), parses and triages on a worker
// thread while the calling thread stores, in batches of one transaction each (at
// most the batch size; less when the parser is behind, so the writer never waits while
// it holds findings), so a cancel or a crash loses at most the batch in flight and
// readers see progress. The worker also fingerprints each finding, compresses its raw
// JSON (RawJsonCodec) and encodes its text columns as UTF-8, so the writer only binds
// them, training the workspace's dictionary on the first findings when it has none; and
// it frees each batch once stored.
class FindingImporter final
{
public:
    using Progress = std::function<void(qint64 bytesDone, qint64 bytesTotal, qint64 stored)>;

    FindingImporter(store::Database &database, triage::TriageEngine &engine);

    void setBatchSize(int findings) { m_batchSize = findings; }
    // Once the workspace holds `rows` findings, importFile's transactions take `factor`
    // times the batch size: each commit rewrites most pages of the indexes whose keys come
    // in random order (ID, fingerprint), so fewer, bigger ones cost less a finding (about
    // 20 % faster at a million findings). 0 rows: never.
    static constexpr qint64 DefaultLargeTableRows = 250000;
    static constexpr int DefaultLargeTableFactor = 5;
    void setLargeTable(qint64 rows, int factor)
    {
        m_largeTableRows = rows;
        m_largeTableFactor = factor;
    }
    // Teach the engine the fingerprints already stored, so repeats of them fold.
    bool primeEngineFromStore(QString *error);

    ImportResult importFile(const QString &path, const Progress &progress = {},
        const std::atomic<bool> *cancel = nullptr);
    // Findings parsed elsewhere (a Security Hub GetFindings page): triaged and stored in
    // batches like a file's; new versions of stored findings update them in place.
    ImportResult importFindings(QList<domain::Finding> findings);

private:
    struct Batch
    {
        QList<domain::Finding> findings;
        store::FindingWriteAhead ahead; // fingerprints always; packed raw JSON, text
                                        // encoded: when the parser made them
        // To store in the same transaction, before the findings packed with it.
        std::shared_ptr<const store::RawJsonDictionary> newDictionary;
    };
    // Triages in order; on the parser thread during importFile.
    void classify(QList<domain::Finding> &findings, const QStringList &fingerprints);
    // Stores and empties `batch`; what it held goes to `release` (to be freed on another
    // thread) when given, else is freed here.
    bool storeBatch(
        Batch &batch, ImportResult *result, const std::function<void(Batch &&)> &release = {});

    store::Database &m_database;
    triage::TriageEngine &m_engine;
    int m_batchSize = store::FindingRepository::DefaultBatchSize;
    qint64 m_largeTableRows = DefaultLargeTableRows;
    int m_largeTableFactor = DefaultLargeTableFactor;
};

} // namespace warroom::ingest
