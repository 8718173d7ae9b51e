#pragma once

#include "FindingQueueFilter.h"
#include "FindingWindowLoader.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QThread>

#include <atomic>
#include <memory>

namespace warroom::store {
class Database;
}

namespace warroom::itemmodels {

// The triage queue: a lazy table over `findings`. Sorting and filtering happen in SQL on
// indexed columns; rows arrive in keyset windows (fetchMore) loaded on a worker thread;
// every reset bumps a generation and answers of older generations are dropped. Findings
// stored after the queue was opened are counted (newFindingsChanged), never inserted under
// the analyst's cursor: refresh() shows them.
class FindingQueueModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingQueueModel)

public:
    enum Column {
        SeverityColumn,
        TitleColumn,
        TypeColumn,
        AccountColumn,
        RegionColumn,
        ResourceColumn,
        LastSeenColumn,
        RepeatsColumn,
        VerdictColumn,
        AssigneeColumn,
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // the column's value for sorting and filtering
        FindingIdRole,
        SeverityScoreRole,
        SeverityLabelRole,
    };

    static constexpr int FirstWindowRows = 200;
    static constexpr int WindowRows = 500;

    explicit FindingQueueModel(store::Database &database, QObject *parent = nullptr);
    ~FindingQueueModel() override;

    const FindingQueueFilter &filter() const { return m_filter; }
    void setFilter(const FindingQueueFilter &filter);
    // Reloads from the top with the same filter; findings that arrived since show up.
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Columns without an index are not sortable; sorting on them does nothing.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static std::optional<FindingQueueFilter::SortKey> sortKeyForColumn(int column);
    static int columnForSortKey(FindingQueueFilter::SortKey key);

    // Above this many text matches, windows walk the sort index (see FindingQueueQuery).
    void setTextDrivenLimit(int limit) { m_windowLoader->setTextDrivenLimit(limit); }

    const FindingQueueRow *rowAt(int row) const;
    QString findingId(int row) const;
    int rowOf(const QString &findingId) const; // -1 when not loaded
    bool isLoading() const { return m_pending; }
    bool atEnd() const { return m_atEnd; }
    qint64 totalCount() const { return m_total; } // -1 until counted
    qint64 newFindings() const { return m_new; }
    QString lastError() const { return m_error; }

    // After a decision was stored: patch the loaded rows in place (they stay where they
    // are, so the cursor does not jump).
    void updateRows(const QStringList &ids, const QString &verdict, const QString &verdictRule,
        const std::optional<QString> &assignee = std::nullopt,
        const std::optional<QString> &caseId = std::nullopt);

    // Who else works on which findings (finding ID -> analyst), from the shared triage
    // state: shown in the Assignee column ("being worked by X") of the loaded rows.
    void setWorkedBy(const QHash<QString, QString> &workedBy);
    QString workedBy(const QString &findingId) const { return m_workedBy.value(findingId); }

public slots:
    // Asks how many findings arrived since the queue was opened (newFindingsChanged).
    void checkForNewFindings();

signals:
    void windowLoaded();
    void totalCountChanged(qint64 total);
    void newFindingsChanged(qint64 count);
    void loadFailed(const QString &error);

private:
    void reset();
    void requestWindow();
    void requestCount(qint64 afterRowid);
    void onWindowLoaded(const FindingWindow &window);
    void onCountLoaded(quint64 generation, qint64 afterRowid, qint64 count, qint64 maxRowid);

    store::Database &m_database;
    FindingQueueFilter m_filter;
    QList<FindingQueueRow> m_rows;
    QHash<QString, int> m_rowOfId;
    QHash<QString, QString> m_workedBy;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    QThread m_windowThread;
    QThread m_countThread;
    FindingWindowLoader *m_windowLoader = nullptr;
    FindingWindowLoader *m_countLoader = nullptr;
    bool m_pending = false;
    bool m_atEnd = false;
    qint64 m_total = -1;
    qint64 m_baselineRowid = -1; // the newest rowid when the queue was opened
    qint64 m_new = 0;
    QString m_error;
};

} // namespace warroom::itemmodels
