#include "FindingQueueModel.h"

#include "store/Database.h"

namespace warroom::itemmodels {

using namespace Qt::StringLiterals;
using SortKey = FindingQueueFilter::SortKey;

FindingQueueModel::FindingQueueModel(store::Database &database, QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(database)
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    // Windows and counts on separate threads: a slow count never delays a window.
    m_windowLoader = new FindingWindowLoader(database, m_latest);
    m_countLoader = new FindingWindowLoader(database, m_latest);
    m_windowLoader->moveToThread(&m_windowThread);
    m_countLoader->moveToThread(&m_countThread);
    for (QThread *thread : {&m_windowThread, &m_countThread})
        thread->setObjectName(u"FindingQueueLoader"_s);
    connect(&m_windowThread, &QThread::finished, m_windowLoader, &QObject::deleteLater);
    connect(&m_countThread, &QThread::finished, m_countLoader, &QObject::deleteLater);
    connect(m_windowLoader, &FindingWindowLoader::windowLoaded, this,
        &FindingQueueModel::onWindowLoaded);
    connect(
        m_countLoader, &FindingWindowLoader::countLoaded, this, &FindingQueueModel::onCountLoaded);
    m_windowThread.start();
    m_countThread.start();
    reset();
}

FindingQueueModel::~FindingQueueModel()
{
    m_latest->store(std::numeric_limits<quint64>::max()); // skip whatever is queued
    for (auto [thread, loader] :
        {std::pair {&m_windowThread, m_windowLoader}, std::pair {&m_countThread, m_countLoader}}) {
        // Blocking: the thread's SQLite connections close on that thread, before it ends.
        QMetaObject::invokeMethod(
            loader, [loader] { loader->releaseConnections(); }, Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();
    }
}

void FindingQueueModel::setFilter(const FindingQueueFilter &filter)
{
    m_filter = filter;
    reset();
}

void FindingQueueModel::refresh()
{
    reset();
}

void FindingQueueModel::reset()
{
    ++m_generation;
    m_latest->store(m_generation);
    beginResetModel();
    m_rows.clear();
    m_rowOfId.clear();
    m_atEnd = false;
    m_pending = false;
    m_total = -1;
    m_baselineRowid = -1;
    m_error.clear();
    endResetModel();
    if (m_new != 0) {
        m_new = 0;
        emit newFindingsChanged(0);
    }
    requestWindow();
    requestCount(0);
}

void FindingQueueModel::requestWindow()
{
    if (m_pending || m_atEnd)
        return;
    m_pending = true;
    const bool hasCursor = !m_rows.isEmpty();
    const QVariant key = hasCursor ? m_rows.last().sortValue : QVariant();
    const qint64 rowid = hasCursor ? m_rows.last().rowid : 0;
    const int limit = hasCursor ? WindowRows : FirstWindowRows;
    QMetaObject::invokeMethod(
        m_windowLoader,
        [loader = m_windowLoader, generation = m_generation, filter = m_filter, hasCursor, key,
            rowid,
            limit] { loader->requestWindow(generation, filter, hasCursor, key, rowid, limit); },
        Qt::QueuedConnection);
}

void FindingQueueModel::onWindowLoaded(const FindingWindow &window)
{
    if (window.generation != m_generation)
        return; // an answer to a filter or sort that has been replaced
    if (!window.error.isEmpty()) {
        m_pending = false;
        m_error = window.error;
        m_atEnd = true;
        emit loadFailed(window.error);
        return;
    }
    m_atEnd = window.atEnd;
    if (!window.rows.isEmpty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(window.rows.size()) - 1);
        m_rows.append(window.rows);
        for (int row = first; row < m_rows.size(); ++row)
            m_rowOfId.insert(m_rows.at(row).id, row);
        endInsertRows();
    }
    // Only now: a view may ask for more while the rows go in, and must get the next window.
    m_pending = false;
    emit windowLoaded();
}

void FindingQueueModel::onCountLoaded(
    quint64 generation, qint64 afterRowid, qint64 count, qint64 maxRowid)
{
    if (generation != m_generation)
        return;
    if (afterRowid == 0 && m_baselineRowid < 0) {
        m_total = count;
        m_baselineRowid = maxRowid;
        emit totalCountChanged(count);
        return;
    }
    if (afterRowid == m_baselineRowid && count != m_new) {
        m_new = count;
        emit newFindingsChanged(count);
    }
}

void FindingQueueModel::checkForNewFindings()
{
    if (m_baselineRowid < 0)
        return;
    requestCount(m_baselineRowid);
}

void FindingQueueModel::requestCount(qint64 afterRowid)
{
    QMetaObject::invokeMethod(
        m_countLoader,
        [loader = m_countLoader, generation = m_generation, filter = m_filter, afterRowid] {
            loader->requestCount(generation, filter, afterRowid);
        },
        Qt::QueuedConnection);
}

int FindingQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FindingQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FindingQueueRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return r.severityLabel;
        case TitleColumn:
            return r.title;
        case TypeColumn:
            return r.type;
        case AccountColumn:
            return r.accountId;
        case RegionColumn:
            return r.region;
        case ResourceColumn:
            return r.resource;
        case LastSeenColumn:
            return r.lastSeenText;
        case RepeatsColumn:
            return r.repeats;
        case VerdictColumn:
            return r.caseId.isEmpty() ? r.verdict : QString(r.verdict + u" \u2192 "_s + r.caseId);
        case AssigneeColumn:
            if (const auto it = m_workedBy.constFind(r.id); it != m_workedBy.cend())
                return tr("being worked by %1").arg(*it);
            return r.assignee;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == VerdictColumn)
            return r.verdictRule;
        if (index.column() == AssigneeColumn && m_workedBy.contains(r.id))
            return tr("%1 claimed this finding on another console.").arg(m_workedBy.value(r.id));
        if (index.column() == TitleColumn)
            return r.title;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == RepeatsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RawValueRole:
        switch (index.column()) {
        case SeverityColumn:
            return r.severity;
        case LastSeenColumn:
            return r.lastSeen;
        case RepeatsColumn:
            return r.repeats;
        case VerdictColumn:
            return r.verdict;
        case ResourceColumn:
            return r.resourceId;
        default:
            return data(index, Qt::DisplayRole);
        }
    case FindingIdRole:
        return r.id;
    case SeverityScoreRole:
        return r.severity;
    case SeverityLabelRole:
        return r.severityLabel;
    }
    return {};
}

QVariant FindingQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case TitleColumn:
        return tr("Title");
    case TypeColumn:
        return tr("Type");
    case AccountColumn:
        return tr("Account");
    case RegionColumn:
        return tr("Region");
    case ResourceColumn:
        return tr("Resource");
    case LastSeenColumn:
        return tr("Last seen (UTC)");
    case RepeatsColumn:
        return tr("Repeats");
    case VerdictColumn:
        return tr("Verdict");
    case AssigneeColumn:
        return tr("Assignee");
    }
    return {};
}

bool FindingQueueModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_pending;
}

void FindingQueueModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        requestWindow();
}

std::optional<SortKey> FindingQueueModel::sortKeyForColumn(int column)
{
    switch (column) {
    case SeverityColumn:
        return SortKey::Severity;
    case TypeColumn:
        return SortKey::Type;
    case AccountColumn:
        return SortKey::Account;
    case RegionColumn:
        return SortKey::Region;
    case ResourceColumn:
        return SortKey::ResourceType;
    case LastSeenColumn:
        return SortKey::LastSeen;
    case VerdictColumn:
        return SortKey::Verdict;
    default:
        return std::nullopt;
    }
}

int FindingQueueModel::columnForSortKey(SortKey key)
{
    for (int column = 0; column < ColumnCount; ++column) {
        if (sortKeyForColumn(column) == key)
            return column;
    }
    return SeverityColumn;
}

void FindingQueueModel::sort(int column, Qt::SortOrder order)
{
    const auto key = sortKeyForColumn(column);
    if (!key)
        return;
    const bool descending = order == Qt::DescendingOrder;
    if (*key == m_filter.sortKey && descending == m_filter.descending)
        return;
    m_filter.sortKey = *key;
    m_filter.descending = descending;
    reset();
}

const FindingQueueRow *FindingQueueModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

QString FindingQueueModel::findingId(int row) const
{
    const FindingQueueRow *r = rowAt(row);
    return r ? r->id : QString();
}

int FindingQueueModel::rowOf(const QString &findingId) const
{
    return m_rowOfId.value(findingId, -1);
}

void FindingQueueModel::setWorkedBy(const QHash<QString, QString> &workedBy)
{
    if (workedBy == m_workedBy)
        return;
    QSet<QString> touched;
    for (auto it = m_workedBy.cbegin(); it != m_workedBy.cend(); ++it)
        if (workedBy.value(it.key()) != it.value())
            touched.insert(it.key());
    for (auto it = workedBy.cbegin(); it != workedBy.cend(); ++it)
        if (m_workedBy.value(it.key()) != it.value())
            touched.insert(it.key());
    m_workedBy = workedBy;
    for (const QString &id : std::as_const(touched)) {
        const int row = m_rowOfId.value(id, -1);
        if (row >= 0)
            emit dataChanged(index(row, AssigneeColumn), index(row, AssigneeColumn));
    }
}

void FindingQueueModel::updateRows(const QStringList &ids, const QString &verdict,
    const QString &verdictRule, const std::optional<QString> &assignee,
    const std::optional<QString> &caseId)
{
    int first = -1;
    int last = -1;
    for (const QString &id : ids) {
        const int row = rowOf(id);
        if (row < 0)
            continue;
        FindingQueueRow &r = m_rows[row];
        if (!verdict.isEmpty()) {
            r.verdict = verdict;
            r.verdictRule = verdictRule;
        }
        if (assignee)
            r.assignee = *assignee;
        if (caseId)
            r.caseId = *caseId;
        first = first < 0 ? row : std::min(first, row);
        last = std::max(last, row);
    }
    if (first >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

} // namespace warroom::itemmodels
