#pragma once

#include "timeline/TimelineChain.h"

#include <QtCore/QAbstractTableModel>
#include <QtCore/QHash>
#include <QtCore/QSet>
#include <QtCore/QThread>

#include <functional>
#include <memory>
#include <vector>

namespace warroom::store {
class Database;
}

namespace warroom::timeline {

// One entry as the views show it. Times are UTC ms since the epoch; timeMs is when it
// happened, or when it was recorded when that is unknown, and orders the rows.
struct TimelineRow
{
    qint64 seq = 0;
    qint64 timeMs = 0;
    qint64 recordedMs = 0;
    bool occurredKnown = false;
    QString kind;
    int lane = 0; // index of kind in TimelineModel::kinds()
    QString author;
    QString text;
    bool hasOffset = false; // the analyst gave the happened-at time with a UTC offset
    int offsetSeconds = 0;
};

// What the view filters on; an empty field lets everything through.
struct TimelineFilter
{
    QSet<QString> kinds; // the kinds shown; empty = every kind
    QString author;
    QString search; // case-insensitive, in text, author and kind

    bool operator==(const TimelineFilter &other) const
    {
        return kinds == other.kinds && author == other.author && search == other.search;
    }
    bool operator!=(const TimelineFilter &other) const { return !(*this == other); }
};

// The entries of one case sorted by the time they happened, filtered by kind, author
// and text. Reading, sorting and filtering a large timeline run on a worker thread
// (reload(), setFilter() past SyncFilterLimit entries) and stale results are dropped
// with a generation number; the GUI thread only swaps the rows in. verify() checks the
// hash chain on a worker too and marks the first bad entry.
class TimelineModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineModel)

public:
    enum Column {
        HappenedColumn,
        RecordedColumn,
        KindColumn,
        AuthorColumn,
        TextColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SeqRole = Qt::UserRole + 1,
        TimeRole, // qint64 ms: happened, or recorded when unknown
        RecordedRole, // qint64 ms
        KindRole, // the kind's key ("analyst")
        AuthorRole,
        TextRole,
        FirstBadRole, // bool: the entry verification named as the first bad one
    };
    Q_ENUM(Role)

    // Up to this many entries a new filter is applied on the calling thread.
    static constexpr int SyncFilterLimit = 5000;

    explicit TimelineModel(store::Database *database, QObject *parent = nullptr);
    ~TimelineModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Shows `caseId`'s timeline: empties the model and starts loading it.
    void setCaseId(const QString &caseId);
    QString caseId() const { return m_caseId; }
    // Re-reads the case's entries on a worker thread; loaded() follows.
    void reload();
    // The same on this thread (tests, small timelines).
    bool reloadNow(QString *error = nullptr);
    bool isLoading() const { return m_loading; }

    void setFilter(const TimelineFilter &filter);
    TimelineFilter filter() const { return m_filter; }

    // Checks the hash chain on a worker thread; verified() follows.
    void verify();
    bool isVerifying() const { return m_verifying; }
    bool hasVerification() const { return m_hasVerification; }
    ChainVerification verification() const { return m_verification; }

    // Every entry of the case, before filtering.
    int totalCount() const { return m_all ? int(m_all->size()) : 0; }
    QStringList kinds() const { return m_kinds; } // in lane order
    QStringList authors() const { return m_authors; } // sorted
    qint64 firstTimeMs() const; // of every entry; 0 when empty
    qint64 lastTimeMs() const;

    const TimelineRow &entry(int row) const { return (*m_all)[size_t(m_rows[size_t(row)])]; }
    int rowOfSeq(qint64 seq) const { return m_rowBySeq.value(seq, -1); }
    // The first row whose time is >= ms (rowCount() when none).
    int lowerBound(qint64 ms) const;
    QString happenedText(const TimelineRow &row) const;
    static QString recordedText(const TimelineRow &row);

signals:
    void loaded(qint64 milliseconds, int entries);
    void loadFailed(const QString &error);
    // The rows shown changed after setFilter() or a load.
    void filtered();
    void verified(const warroom::timeline::ChainVerification &result);

private:
    using Rows = std::vector<TimelineRow>;
    struct Snapshot
    {
        std::shared_ptr<const Rows> all;
        QStringList kinds;
        QStringList authors;
    };
    struct Selection
    {
        std::vector<int> rows;
        QHash<qint64, int> rowBySeq;
    };

    static Snapshot readSnapshot(store::Database &database, const QString &caseId, QString *error);
    static Selection select(const Rows &all, const TimelineFilter &filter);
    void applySnapshot(Snapshot snapshot, Selection selection);
    void applySelection(Selection selection);
    void releaseOffThread(std::shared_ptr<const Rows> rows, Selection selection);
    // Runs `work` on a thread of its own; the destructor waits for every one still running.
    void startWorker(const std::function<void()> &work);

    store::Database *m_database;
    QString m_caseId;
    std::shared_ptr<const Rows> m_all;
    std::vector<int> m_rows;
    QHash<qint64, int> m_rowBySeq;
    QStringList m_kinds;
    QStringList m_authors;
    TimelineFilter m_filter;
    ChainVerification m_verification;
    bool m_hasVerification = false;
    bool m_verifying = false;
    bool m_loading = false;
    quint64 m_generation = 0; // loads and filters
    quint64 m_verifyGeneration = 0;
    QList<QThread *> m_threads;
};

} // namespace warroom::timeline
