#include "FindingImporter.h"

#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/RawJsonCodec.h"
#include "triage/TriageEngine.h"

#include <QFile>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <condition_variable>
#include <ctime>
#include <deque>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace warroom::ingest {

namespace {

// A parsed slice of the input, handed from the parser thread to the writer.
struct Chunk
{
    triage::ParseResult parsed;
    // Made on the parser thread so the writer does not: fingerprints and text always,
    // packed raw JSON once the workspace has a dictionary.
    store::FindingWriteAhead ahead;
    // Trained on this chunk's findings (the workspace had none): stored with them.
    std::shared_ptr<const store::RawJsonDictionary> newDictionary;
    qint64 bytesDone = 0;
};

// A dictionary trained on the raw JSON of the first findings; null when they are too few.
std::shared_ptr<const store::RawJsonDictionary> trainOn(const QList<domain::Finding> &findings)
{
    QList<QByteArray> samples;
    for (qsizetype i = 0;
         i < findings.size() && samples.size() < store::RawJsonDictionary::MaximumSamples; ++i)
        samples.append(findings.at(i).rawJson);
    return store::RawJsonDictionary::train(samples);
}

// The parser thread's part after parsing: fingerprints, and the raw JSON compressed with
// the workspace's dictionary, or one trained on the first chunk when it has none yet;
// after triage, the text columns.
class ChunkPreparer
{
public:
    explicit ChunkPreparer(std::shared_ptr<const store::RawJsonDictionary> dictionary)
        : m_packer(std::make_unique<store::RawJsonPacker>(std::move(dictionary)))
        , m_trained(m_packer->hasDictionary())
    {
    }

    void prepare(Chunk *chunk)
    {
        const QList<domain::Finding> &findings = chunk->parsed.findings;
        if (!m_trained) {
            m_trained = true; // one try an import: a small file stays text
            if (auto dictionary = trainOn(findings)) {
                chunk->newDictionary = dictionary;
                m_packer = std::make_unique<store::RawJsonPacker>(std::move(dictionary));
            }
        }
        store::FindingWriteAhead &ahead = chunk->ahead;
        ahead.fingerprints.reserve(findings.size());
        for (const domain::Finding &finding : findings)
            ahead.fingerprints.append(finding.fingerprint());
        if (!m_packer->hasDictionary())
            return;
        ahead.packedRaw.reserve(findings.size());
        for (const domain::Finding &finding : findings)
            ahead.packedRaw.append(m_packer->pack(finding.rawJson));
    }

    // Once triaged: the text columns as UTF-8, the verdict rule among them.
    static void encodeText(Chunk *chunk)
    {
        const QList<domain::Finding> &findings = chunk->parsed.findings;
        store::FindingWriteAhead &ahead = chunk->ahead;
        ahead.text.reserve(findings.size());
        for (qsizetype i = 0; i < findings.size(); ++i)
            ahead.text.append(
                store::EncodedFindingText::encode(findings.at(i), ahead.fingerprints.at(i)));
    }

private:
    std::unique_ptr<store::RawJsonPacker> m_packer;
    bool m_trained = false;
};

// Hands items from one thread to another, in order. Bounded (a fast producer waits
// while the consumer is behind) unless the capacity is 0.
template<typename Item> class Handoff
{
public:
    explicit Handoff(size_t capacity)
        : m_capacity(capacity)
    {
    }

    void push(Item item)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(
            lock, [this] { return m_capacity == 0 || m_items.size() < m_capacity || m_closed; });
        m_items.push_back(std::move(item));
        m_notEmpty.notify_one();
    }
    bool pop(Item *item) // waits for an item; false when there is none and will be none
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [this] { return !m_items.empty() || m_finished; });
        return take(item);
    }
    bool popReady(Item *item) // without waiting
    {
        std::lock_guard lock(m_mutex);
        return take(item);
    }
    bool ready() // an item can be popped without waiting
    {
        std::lock_guard lock(m_mutex);
        return !m_items.empty();
    }
    void finish() // the producer is done
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_notEmpty.notify_all();
    }
    void close() // the consumer gives up: unblock the producer
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notFull.notify_all();
    }
    bool closed()
    {
        std::lock_guard lock(m_mutex);
        return m_closed;
    }

private:
    bool take(Item *item)
    {
        if (m_items.empty())
            return false;
        *item = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return true;
    }

    const size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<Item> m_items;
    bool m_finished = false;
    bool m_closed = false;
};

qint64 threadCpuMicroseconds()
{
    timespec spent {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spent);
    return static_cast<qint64>(spent.tv_sec) * 1000000 + spent.tv_nsec / 1000;
}

// JSON Lines when the first non-blank line is a JSON document on its own.
bool looksLikeJsonLines(const QByteArray &head)
{
    qsizetype start = 0;
    while (start < head.size() && QChar::isSpace(static_cast<uchar>(head.at(start))))
        ++start;
    const qsizetype end = head.indexOf('\n', start);
    if (end < 0)
        return false;
    QJsonParseError error;
    QJsonDocument::fromJson(head.mid(start, end - start), &error);
    return error.error == QJsonParseError::NoError;
}

} // namespace

FindingImporter::FindingImporter(store::Database &database, triage::TriageEngine &engine)
    : m_database(database)
    , m_engine(engine)
{
}

bool FindingImporter::primeEngineFromStore(QString *error)
{
    QSqlQuery query(m_database.reader());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT fingerprint, verdict, id FROM findings ORDER BY rowid"_s)) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        const auto verdict = domain::verdictFromString(query.value(1).toString());
        m_engine.rememberFingerprint(query.value(0).toString(),
            verdict.value_or(domain::Verdict::Queued), query.value(2).toString());
    }
    return true;
}

void FindingImporter::classify(QList<domain::Finding> &findings, const QStringList &fingerprints)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (qsizetype i = 0; i < findings.size(); ++i) {
        domain::Finding &finding = findings[i];
        triage::TriageResult verdict = m_engine.classify(finding, now, fingerprints.at(i));
        finding.verdict = verdict.verdict;
        finding.verdictRule = std::move(verdict.rule);
    }
}

bool FindingImporter::storeBatch(
    Batch &batch, ImportResult *result, const std::function<void(Batch &&)> &release)
{
    if (batch.findings.isEmpty())
        return true;
    QMap<domain::Verdict, qint64> verdicts;
    for (const domain::Finding &finding : std::as_const(batch.findings))
        ++verdicts[finding.verdict];
    QString error;
    const bool written = m_database.write(
        [&](QSqlDatabase &connection, QString *writeError) {
            if (batch.newDictionary
                && !store::rawjson::saveDictionary(connection, *batch.newDictionary, writeError))
                return false;
            return store::FindingRepository(connection)
                .upsert(batch.findings, batch.ahead, writeError);
        },
        &error);
    if (!written) {
        result->error = u"could not store findings: "_s + error;
        return false;
    }
    result->stored += batch.findings.size();
    ++result->transactions;
    for (auto it = verdicts.cbegin(); it != verdicts.cend(); ++it)
        result->verdicts[it.key()] += it.value();
    batch.newDictionary.reset();
    if (release) {
        release(std::move(batch));
        batch = Batch();
        batch.findings.reserve(m_batchSize);
        batch.ahead.fingerprints.reserve(m_batchSize);
    } else {
        batch.findings.clear();
        batch.ahead.clear();
    }
    return true;
}

ImportResult FindingImporter::importFindings(QList<domain::Finding> findings)
{
    ImportResult result;
    Batch batch;
    // Packed by the repository on this thread; a workspace without a dictionary trains
    // one on these findings when there are enough.
    if (!store::rawjson::currentDictionary(m_database.reader()))
        batch.newDictionary = trainOn(findings);
    QStringList fingerprints;
    fingerprints.reserve(findings.size());
    for (const domain::Finding &finding : std::as_const(findings))
        fingerprints.append(finding.fingerprint());
    classify(findings, fingerprints);
    for (qsizetype i = 0; i < findings.size(); ++i) {
        batch.ahead.fingerprints.append(std::move(fingerprints[i]));
        batch.findings.append(std::move(findings[i]));
        if (batch.findings.size() >= m_batchSize && !storeBatch(batch, &result))
            return result;
    }
    storeBatch(batch, &result);
    return result;
}

ImportResult FindingImporter::importFile(
    const QString &path, const Progress &progress, const std::atomic<bool> *cancel)
{
    ImportResult result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return result;
    }
    const qint64 total = file.size();
    const bool jsonLines = looksLikeJsonLines(file.peek(1 << 20));

    Handoff<Chunk> queue(4);
    // Stored batches go back to the parser thread to be freed: the writer only writes.
    Handoff<Batch> spent(0);
    QString readError;
    ChunkPreparer preparer(store::rawjson::currentDictionary(m_database.reader()));
    // Parsing is the other half of the cost: it runs beside the writer, and triages in
    // order (the engine is this thread's until it is joined).
    std::thread parser([&] {
        const qint64 cpuAtStart = threadCpuMicroseconds();
        // Fingerprints and packed raw JSON, triage (it needs the fingerprints), then the
        // text columns (the verdict rule is one).
        const auto ready = [&](Chunk *chunk) {
            preparer.prepare(chunk);
            classify(chunk->parsed.findings, chunk->ahead.fingerprints);
            ChunkPreparer::encodeText(chunk);
        };
        const auto finish = [&] {
            queue.finish();
            Batch freed;
            while (spent.pop(&freed))
                freed = Batch();
            result.parserCpuMicroseconds = threadCpuMicroseconds() - cpuAtStart;
        };
        if (!jsonLines) {
            Chunk chunk;
            const QByteArray all = file.readAll();
            if (file.error() != QFileDevice::NoError)
                readError = file.errorString();
            chunk.parsed = triage::FindingParser::parseBytes(all);
            ready(&chunk);
            chunk.bytesDone = total;
            queue.push(std::move(chunk));
            finish();
            return;
        }
        // Whole lines, about a quarter of a batch at a time (findings are ~1.5 KB); the
        // first chunk small, so the writer starts early.
        const qint64 bytesPerChunk = std::max<qint64>(256, m_batchSize / 4) * 1536;
        qint64 nextChunkBytes = std::min<qint64>(bytesPerChunk, 1000 * 1536);
        qint64 nextLine = 1;
        qint64 bytesDone = 0;
        QByteArray carry; // a line not yet ended
        while (!queue.closed()) {
            QByteArray block = carry + file.read(nextChunkBytes);
            nextChunkBytes = bytesPerChunk;
            const bool atEnd = file.atEnd() || file.error() != QFileDevice::NoError;
            qsizetype cut = block.size();
            if (!atEnd) {
                cut = block.lastIndexOf('\n') + 1;
                if (cut == 0) { // one long line: read on
                    carry = std::move(block);
                    continue;
                }
            }
            carry = block.mid(cut);
            block.truncate(cut);
            if (block.isEmpty() && atEnd)
                break;
            Chunk chunk;
            chunk.parsed = triage::FindingParser::parseJsonLines(block, nextLine);
            ready(&chunk);
            nextLine += block.count('\n');
            bytesDone += block.size();
            chunk.bytesDone = bytesDone;
            queue.push(std::move(chunk));
            for (Batch freed; spent.popReady(&freed);)
                freed = Batch();
            if (atEnd)
                break;
        }
        if (file.error() != QFileDevice::NoError)
            readError = file.errorString();
        finish();
    });

    const qint64 cpuAtStart = threadCpuMicroseconds();
    // The rows already stored (rowids only grow: an upper bound, read from the index).
    qint64 rowsBefore = 0;
    {
        QSqlQuery last(m_database.reader());
        if (last.exec(u"SELECT MAX(rowid) FROM findings"_s) && last.next())
            rowsBefore = last.value(0).toLongLong();
    }
    const auto batchLimit = [&] {
        return m_largeTableRows > 0 && rowsBefore + result.stored >= m_largeTableRows
            ? qint64(m_batchSize) * std::max(1, m_largeTableFactor)
            : qint64(m_batchSize);
    };
    Batch batch;
    batch.findings.reserve(m_batchSize);
    batch.ahead.fingerprints.reserve(m_batchSize);
    const auto release = [&](Batch &&stored) {
        spent.push(std::move(stored));
    };
    Chunk chunk;
    bool failed = false;
    while (true) {
        // The writer never waits while it holds findings: when no chunk is ready it
        // stores what it has, so batches are big only while the parser is ahead. Except
        // on a large workspace, where big transactions are the point: the parser (about a
        // third of the writer's CPU a finding) catches up, so it waits for the next chunk.
        const bool large = batchLimit() > m_batchSize;
        if (!batch.findings.isEmpty() && !large && !queue.ready()
            && !storeBatch(batch, &result, release)) {
            failed = true;
            break;
        }
        if (!queue.pop(&chunk))
            break;
        result.issues.append(chunk.parsed.issues);
        if (chunk.newDictionary)
            batch.newDictionary = chunk.newDictionary;
        const bool packed = chunk.ahead.packedRaw.size() == chunk.parsed.findings.size();
        for (qsizetype i = 0; i < chunk.parsed.findings.size(); ++i) {
            batch.findings.append(std::move(chunk.parsed.findings[i]));
            batch.ahead.fingerprints.append(std::move(chunk.ahead.fingerprints[i]));
            // A chunk parsed before the dictionary was trained has none: text.
            batch.ahead.packedRaw.append(
                packed ? std::move(chunk.ahead.packedRaw[i]) : QByteArray());
            batch.ahead.text.append(std::move(chunk.ahead.text[i]));
            if (batch.findings.size() >= batchLimit() && !storeBatch(batch, &result, release)) {
                failed = true;
                break;
            }
        }
        if (failed)
            break;
        if (progress)
            progress(chunk.bytesDone, total, result.stored + batch.findings.size());
        if (cancel && cancel->load()) {
            result.cancelled = true;
            break;
        }
    }
    if (!failed && !result.cancelled)
        storeBatch(batch, &result, release);
    queue.close();
    while (queue.pop(&chunk)) { } // drain so the parser can finish
    spent.finish();
    result.writerCpuMicroseconds = threadCpuMicroseconds() - cpuAtStart;
    parser.join();
    if (!readError.isEmpty() && result.error.isEmpty())
        result.error = u"error reading %1: %2"_s.arg(path, readError);
    return result;
}

} // namespace warroom::ingest
