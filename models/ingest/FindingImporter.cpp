#include "FindingImporter.h"

#include "store/Database.h"
#include "store/FindingRepository.h"
#include "triage/TriageEngine.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <condition_variable>
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
    qint64 bytesDone = 0;
};

// Bounded so a fast parser cannot fill memory while the writer is behind.
class ChunkQueue
{
public:
    void push(Chunk chunk)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_chunks.size() < 4 || m_closed; });
        m_chunks.push_back(std::move(chunk));
        m_notEmpty.notify_one();
    }
    bool pop(Chunk *chunk)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [this] { return !m_chunks.empty() || m_finished; });
        if (m_chunks.empty())
            return false;
        *chunk = std::move(m_chunks.front());
        m_chunks.pop_front();
        m_notFull.notify_one();
        return true;
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
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<Chunk> m_chunks;
    bool m_finished = false;
    bool m_closed = false;
};

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

bool FindingImporter::storeBatch(QList<domain::Finding> &batch, ImportResult *result)
{
    if (batch.isEmpty())
        return true;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QMap<domain::Verdict, qint64> verdicts;
    for (domain::Finding &finding : batch) {
        const triage::TriageResult verdict = m_engine.classify(finding, now);
        finding.verdict = verdict.verdict;
        finding.verdictRule = verdict.rule;
        ++verdicts[verdict.verdict];
    }
    QString error;
    const bool written = m_database.write(
        [&](QSqlDatabase &connection, QString *writeError) {
            return store::FindingRepository(connection).upsert(batch, writeError);
        },
        &error);
    if (!written) {
        result->error = u"could not store findings: "_s + error;
        return false;
    }
    result->stored += batch.size();
    for (auto it = verdicts.cbegin(); it != verdicts.cend(); ++it)
        result->verdicts[it.key()] += it.value();
    batch.clear();
    return true;
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

    ChunkQueue queue;
    QString readError;
    // Parsing is the other half of the cost: it runs beside the writer.
    std::thread parser([&] {
        if (!jsonLines) {
            Chunk chunk;
            const QByteArray all = file.readAll();
            if (file.error() != QFileDevice::NoError)
                readError = file.errorString();
            chunk.parsed = triage::FindingParser::parseBytes(all);
            chunk.bytesDone = total;
            queue.push(std::move(chunk));
            queue.finish();
            return;
        }
        qint64 lineNumber = 0;
        qint64 bytesDone = 0;
        const int linesPerChunk = std::max(256, m_batchSize / 2);
        while (!file.atEnd() && !queue.closed()) {
            Chunk chunk;
            QByteArray block;
            qint64 firstLine = lineNumber + 1;
            for (int i = 0; i < linesPerChunk && !file.atEnd(); ++i) {
                const QByteArray line = file.readLine();
                bytesDone += line.size();
                ++lineNumber;
                block += line;
                if (!line.endsWith('\n'))
                    block += '\n';
            }
            chunk.parsed = triage::FindingParser::parseBytes(block);
            for (triage::ParseIssue &issue : chunk.parsed.issues) {
                issue.position += firstLine - 1;
                issue.reason.replace(
                    QRegularExpression(u"^line \\d+:"_s), u"line %1:"_s.arg(issue.position));
            }
            chunk.bytesDone = bytesDone;
            queue.push(std::move(chunk));
        }
        if (file.error() != QFileDevice::NoError)
            readError = file.errorString();
        queue.finish();
    });

    QList<domain::Finding> batch;
    batch.reserve(m_batchSize);
    Chunk chunk;
    bool failed = false;
    while (queue.pop(&chunk)) {
        result.issues.append(chunk.parsed.issues);
        for (domain::Finding &finding : chunk.parsed.findings) {
            batch.append(std::move(finding));
            if (batch.size() >= m_batchSize && !storeBatch(batch, &result)) {
                failed = true;
                break;
            }
        }
        if (failed)
            break;
        if (progress)
            progress(chunk.bytesDone, total, result.stored + batch.size());
        if (cancel && cancel->load()) {
            result.cancelled = true;
            break;
        }
    }
    if (!failed && !result.cancelled)
        storeBatch(batch, &result);
    queue.close();
    while (queue.pop(&chunk)) { } // drain so the parser can finish
    parser.join();
    if (!readError.isEmpty() && result.error.isEmpty())
        result.error = u"error reading %1: %2"_s.arg(path, readError);
    return result;
}

} // namespace warroom::ingest
