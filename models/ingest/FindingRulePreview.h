#pragma once

#include "domain/SuppressionRule.h"

#include <QList>
#include <QMetaType>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace warroom::store {
class Database;
}

namespace warroom::ingest {

struct RulePreviewRow final
{
    QString id;
    double severity = 0.0;
    QString type;
    QString accountId;
    QString resourceId;
    QString title;
    QString verdict;
    QString verdictRule;
};

// How many stored findings a rule's criteria match, and the first of them (stored order).
struct RulePreviewResult final
{
    quint64 generation = 0;
    qint64 matches = 0; // so far, while !complete
    qint64 scanned = 0; // findings looked at by the engine (0 when SQL counted alone)
    qint64 total = 0; // findings stored
    QList<RulePreviewRow> rows;
    bool complete = false;
    bool countedBySql = false; // every criterion ran in SQL (no engine pass)
    qint64 elapsedMs = 0;
    QString error;
};

// The rule editor's preview, off the GUI thread. Each criterion becomes SQL where SQLite
// can answer it the engine's way (ASCII values: = / <> with NOCASE and a BINARY range on
// the column's index for equals and prefix, LIKE for prefix and contains, numeric
// comparisons on severity and count); when all do, COUNT(*) and one LIMIT query answer.
// Otherwise (a CIDR block, remote IPs, a non-ASCII value) SQL narrows the candidates and
// TriageEngine::matches() decides each one, in rowid slices with partial counts. A newer
// request abandons an older one between slices.
class FindingRulePreview final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingRulePreview)

public:
    static constexpr int DefaultRowLimit = 50;

    explicit FindingRulePreview(store::Database &database, QObject *parent = nullptr);
    ~FindingRulePreview() override;

    void setRowLimit(int rows) { m_rowLimit = rows; }
    // Starts a preview of `rule`'s criteria; its generation. updated() reports it.
    quint64 request(const domain::SuppressionRule &rule);
    quint64 latestGeneration() const { return m_latest->load(); }

    // The same on the calling thread. `progress` gets partial results and returns false to stop.
    static RulePreviewResult compute(store::Database &database, const domain::SuppressionRule &rule,
        int rowLimit, const std::function<bool(const RulePreviewResult &)> &progress = {});

signals:
    // Partial (complete false) and final results of the newest request only.
    void updated(const ingest::RulePreviewResult &result);

private:
    store::Database &m_database;
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr; // lives on m_thread: runs the queued requests
    std::shared_ptr<std::atomic<quint64>> m_latest;
    int m_rowLimit = DefaultRowLimit;
};

} // namespace warroom::ingest

Q_DECLARE_METATYPE(warroom::ingest::RulePreviewResult)
