#pragma once

#include "FindingQueueFilter.h"

#include <QList>
#include <QMetaType>
#include <QObject>

#include <atomic>
#include <memory>
#include <vector>

namespace warroom::store {
class Database;
}

namespace warroom::itemmodels {

// One row of the triage queue, with its display strings made off the GUI thread.
struct FindingQueueRow final
{
    qint64 rowid = 0;
    QString id;
    double severity = 0.0;
    QString severityLabel;
    QString title;
    QString type;
    QString accountId;
    QString region;
    QString resourceType;
    QString resourceId;
    QString resource; // "type id", shown
    QVariant lastSeen; // epoch seconds, or null
    QString lastSeenText;
    QString verdict;
    QString verdictRule;
    QString assignee;
    QString caseId;
    QString source;
    qint64 repeats = 1;
    QVariant sortValue; // the sort key's value: where the next window starts
};

struct FindingWindow final
{
    quint64 generation = 0;
    QList<FindingQueueRow> rows;
    bool atEnd = false;
    QString error;
};

// Runs the queue's SQL on its own thread and read connection. Requests carry the model's
// generation; a request older than the newest one is skipped without running, and the
// model drops any answer that is not of its current generation.
class FindingWindowLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingWindowLoader)

public:
    FindingWindowLoader(
        store::Database &database, std::shared_ptr<std::atomic<quint64>> latestGeneration);

    // Runs on the calling thread (the loader's thread, or a test's).
    FindingWindow loadWindow(quint64 generation, const FindingQueueFilter &filter,
        const std::optional<FindingQueueCursor> &after, int limit);

    // Tests lower it to exercise both plans on small data.
    void setTextDrivenLimit(int limit) { m_textDrivenLimit = limit; }

public slots:
    void requestWindow(quint64 generation, const itemmodels::FindingQueueFilter &filter,
        bool hasCursor, const QVariant &cursorKey, qint64 cursorRowid, int limit);
    void requestCount(
        quint64 generation, const itemmodels::FindingQueueFilter &filter, qint64 afterRowid);
    void releaseConnections();

signals:
    void windowLoaded(const itemmodels::FindingWindow &window);
    void countLoaded(quint64 generation, qint64 afterRowid, qint64 count, qint64 maxRowid);

private:
    bool stale(quint64 generation) const { return generation < m_latest->load(); }
    bool textDriven(const FindingQueueFilter &filter, QString *error);

    store::Database &m_database;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    QString m_matchesFor; // the FTS query m_matches holds, up to m_matchesMaxRowid
    qint64 m_matchesMaxRowid = -1;
    std::vector<bool> m_matches; // by rowid: does the finding match the text
    qint64 m_matchCount = 0;
    bool m_functionRegistered = false;
    std::atomic<int> m_textDrivenLimit {FindingQueueQuery::TextMatchesDrivenLimit};
};

} // namespace warroom::itemmodels

Q_DECLARE_METATYPE(warroom::itemmodels::FindingQueueFilter)
Q_DECLARE_METATYPE(warroom::itemmodels::FindingWindow)
