#include "timeline/TimelineModel.h"

#include "store/Database.h"
#include "timeline/BackgroundPriority.h"
#include "timeline/TimelineEntryText.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace warroom::timeline {

TimelineModel::TimelineModel(store::Database *database, QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(database)
{
}

TimelineModel::~TimelineModel()
{
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineRow &row = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case HappenedColumn:
            return happenedText(row);
        case RecordedColumn:
            return recordedText(row);
        case KindColumn:
            return entrytext::kindTitle(row.kind);
        case AuthorColumn:
            return row.author;
        case TextColumn:
            return row.text;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == TextColumn)
            return row.text;
        if (index.column() == AuthorColumn)
            return row.author;
        if (index.column() == HappenedColumn && !row.occurredKnown)
            return tr("When this happened is not known; the time shown is when it was recorded.");
        return {};
    case SeqRole:
        return row.seq;
    case TimeRole:
        return row.timeMs;
    case RecordedRole:
        return row.recordedMs;
    case KindRole:
        return row.kind;
    case AuthorRole:
        return row.author;
    case TextRole:
        return row.text;
    case FirstBadRole:
        return m_hasVerification && !m_verification.ok && m_verification.firstBadSeq == row.seq;
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case HappenedColumn:
        return tr("Happened");
    case RecordedColumn:
        return tr("Recorded");
    case KindColumn:
        return tr("Kind");
    case AuthorColumn:
        return tr("Author");
    case TextColumn:
        return tr("Entry");
    default:
        return {};
    }
}

QHash<int, QByteArray> TimelineModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SeqRole, "seq");
    names.insert(TimeRole, "time");
    names.insert(RecordedRole, "recorded");
    names.insert(KindRole, "kind");
    names.insert(AuthorRole, "author");
    names.insert(TextRole, "text");
    names.insert(FirstBadRole, "firstBad");
    return names;
}

QString TimelineModel::happenedText(const TimelineRow &row) const
{
    if (!row.occurredKnown)
        return tr("unknown");
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(row.timeMs, QTimeZone::utc());
    if (!row.hasOffset)
        return utc.toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
    // In the offset the analyst read the clock in.
    return utc.toOffsetFromUtc(row.offsetSeconds).toString(u"yyyy-MM-dd HH:mm:ss "_s)
        + entrytext::offsetName(row.offsetSeconds);
}

QString TimelineModel::recordedText(const TimelineRow &row)
{
    return QDateTime::fromMSecsSinceEpoch(row.recordedMs, QTimeZone::utc())
        .toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
}

qint64 TimelineModel::firstTimeMs() const
{
    return m_all && !m_all->empty() ? m_all->front().timeMs : 0;
}

qint64 TimelineModel::lastTimeMs() const
{
    return m_all && !m_all->empty() ? m_all->back().timeMs : 0;
}

int TimelineModel::lowerBound(qint64 ms) const
{
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), ms,
        [this](int index, qint64 value) { return (*m_all)[size_t(index)].timeMs < value; });
    return int(it - m_rows.begin());
}

TimelineModel::Snapshot TimelineModel::readSnapshot(
    store::Database &database, const QString &caseId, QString *error)
{
    auto rows = std::make_shared<Rows>();
    {
        QSqlQuery query(database.reader());
        query.setForwardOnly(true);
        query.prepare(u"SELECT seq, kind, occurred_at, recorded_at, payload FROM timeline "
                      "WHERE case_id = ? ORDER BY seq"_s);
        query.addBindValue(caseId);
        if (!query.exec()) {
            *error = query.lastError().text();
            return {};
        }
        while (query.next()) {
            TimelineRow row;
            row.seq = query.value(0).toLongLong();
            row.kind = query.value(1).toString();
            row.recordedMs = query.value(3).toLongLong();
            row.occurredKnown = !query.value(2).isNull();
            row.timeMs = row.occurredKnown ? query.value(2).toLongLong() : row.recordedMs;
            const QJsonObject payload
                = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
            row.author = entrytext::author(payload);
            row.text = entrytext::text(row.kind, payload);
            if (const auto offset = entrytext::occurredOffset(payload)) {
                row.hasOffset = true;
                row.offsetSeconds = *offset;
            }
            rows->push_back(std::move(row));
        }
    }
    std::stable_sort(rows->begin(), rows->end(),
        [](const TimelineRow &a, const TimelineRow &b) { return a.timeMs < b.timeMs; });
    QSet<QString> kinds;
    QSet<QString> authors;
    for (const TimelineRow &row : std::as_const(*rows)) {
        kinds.insert(row.kind);
        if (!row.author.isEmpty())
            authors.insert(row.author);
    }
    Snapshot snapshot;
    snapshot.kinds = QStringList(kinds.begin(), kinds.end());
    std::sort(snapshot.kinds.begin(), snapshot.kinds.end(), [](const QString &a, const QString &b) {
        const int ra = entrytext::kindRank(a);
        const int rb = entrytext::kindRank(b);
        return ra != rb ? ra < rb : a < b;
    });
    QHash<QString, int> laneOf;
    for (qsizetype i = 0; i < snapshot.kinds.size(); ++i)
        laneOf.insert(snapshot.kinds.at(i), int(i));
    for (TimelineRow &row : *rows)
        row.lane = laneOf.value(row.kind);
    snapshot.authors = QStringList(authors.begin(), authors.end());
    snapshot.authors.sort(Qt::CaseInsensitive);
    snapshot.all = std::move(rows);
    return snapshot;
}

TimelineModel::Selection TimelineModel::select(const Rows &all, const TimelineFilter &filter)
{
    Selection selection;
    selection.rows.reserve(all.size());
    // Whether a kind's title matches the search, worked out once per kind, not per row.
    QHash<QString, bool> kindMatches;
    for (size_t i = 0; i < all.size(); ++i) {
        const TimelineRow &row = all[i];
        if (!filter.kinds.isEmpty() && !filter.kinds.contains(row.kind))
            continue;
        if (!filter.author.isEmpty() && row.author != filter.author)
            continue;
        if (!filter.search.isEmpty() && !row.text.contains(filter.search, Qt::CaseInsensitive)
            && !row.author.contains(filter.search, Qt::CaseInsensitive)) {
            auto match = kindMatches.constFind(row.kind);
            if (match == kindMatches.constEnd())
                match = kindMatches.insert(row.kind,
                    entrytext::kindTitle(row.kind).contains(filter.search, Qt::CaseInsensitive));
            if (!*match)
                continue;
        }
        selection.rowBySeq.insert(row.seq, int(selection.rows.size()));
        selection.rows.push_back(int(i));
    }
    return selection;
}

void TimelineModel::startWorker(const std::function<void()> &work)
{
    QThread *thread = QThread::create([this, work] {
        lowerCurrentThreadPriority();
        work();
        m_database->releaseThreadConnections();
    });
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeOne(thread);
        delete thread;
    });
    thread->start();
}

void TimelineModel::setCaseId(const QString &caseId)
{
    if (caseId == m_caseId && (m_all || m_loading))
        return;
    m_caseId = caseId;
    beginResetModel();
    Selection old;
    old.rows = std::move(m_rows);
    old.rowBySeq = std::move(m_rowBySeq);
    releaseOffThread(std::move(m_all), std::move(old));
    m_rows.clear();
    m_rowBySeq.clear();
    m_kinds.clear();
    m_authors.clear();
    m_hasVerification = false;
    m_verification = {};
    ++m_verifyGeneration;
    m_verifying = false;
    endResetModel();
    reload();
}

void TimelineModel::reload()
{
    if (!m_database || m_caseId.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    store::Database *database = m_database;
    const QString caseId = m_caseId;
    const TimelineFilter filter = m_filter;
    startWorker([this, database, caseId, filter, generation] {
        QElapsedTimer timer;
        timer.start();
        QString error;
        auto snapshot = std::make_shared<Snapshot>(readSnapshot(*database, caseId, &error));
        auto selection = std::make_shared<Selection>(
            snapshot->all ? select(*snapshot->all, filter) : Selection());
        const qint64 ms = timer.elapsed();
        QMetaObject::invokeMethod(
            this,
            [this, generation, snapshot, selection, filter, error, ms] {
                if (generation != m_generation)
                    return;
                m_loading = false;
                if (!error.isEmpty()) {
                    emit loadFailed(error);
                    return;
                }
                const int count = int(snapshot->all->size());
                applySnapshot(std::move(*snapshot), std::move(*selection));
                emit loaded(ms, count);
                if (filter != m_filter)
                    setFilter(m_filter);
            },
            Qt::QueuedConnection);
    });
}

bool TimelineModel::reloadNow(QString *error)
{
    if (!m_database)
        return false;
    ++m_generation;
    QElapsedTimer timer;
    timer.start();
    QString failure;
    Snapshot snapshot = readSnapshot(*m_database, m_caseId, &failure);
    m_loading = false;
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        emit loadFailed(failure);
        return false;
    }
    Selection selection = select(*snapshot.all, m_filter);
    const int count = int(snapshot.all->size());
    applySnapshot(std::move(snapshot), std::move(selection));
    emit loaded(timer.elapsed(), count);
    return true;
}

void TimelineModel::releaseOffThread(std::shared_ptr<const Rows> rows, Selection selection)
{
    // Freeing 100,000 rows' strings takes tens of milliseconds: not on the GUI thread.
    if (!rows && selection.rows.empty())
        return;
    auto garbage = std::make_shared<std::pair<std::shared_ptr<const Rows>, Selection>>(
        std::move(rows), std::move(selection));
    startWorker([garbage]() mutable { garbage.reset(); });
}

void TimelineModel::applySnapshot(Snapshot snapshot, Selection selection)
{
    beginResetModel();
    Selection old;
    old.rows = std::move(m_rows);
    old.rowBySeq = std::move(m_rowBySeq);
    std::shared_ptr<const Rows> oldRows = std::move(m_all);
    m_all = std::move(snapshot.all);
    m_kinds = std::move(snapshot.kinds);
    m_authors = std::move(snapshot.authors);
    m_rows = std::move(selection.rows);
    m_rowBySeq = std::move(selection.rowBySeq);
    endResetModel();
    releaseOffThread(std::move(oldRows), std::move(old));
    emit filtered();
}

void TimelineModel::applySelection(Selection selection)
{
    beginResetModel();
    Selection old;
    old.rows = std::move(m_rows);
    old.rowBySeq = std::move(m_rowBySeq);
    m_rows = std::move(selection.rows);
    m_rowBySeq = std::move(selection.rowBySeq);
    endResetModel();
    releaseOffThread(nullptr, std::move(old));
    emit filtered();
}

void TimelineModel::setFilter(const TimelineFilter &filter)
{
    m_filter = filter;
    if (!m_all || m_loading)
        return; // the load in progress applies it, or the next one does
    const quint64 generation = ++m_generation;
    if (m_all->size() <= size_t(SyncFilterLimit)) {
        applySelection(select(*m_all, filter));
        return;
    }
    std::shared_ptr<const Rows> all = m_all;
    startWorker([this, all, filter, generation] {
        auto selection = std::make_shared<Selection>(select(*all, filter));
        QMetaObject::invokeMethod(
            this,
            [this, all, selection, generation] {
                if (generation != m_generation || all != m_all)
                    return;
                applySelection(std::move(*selection));
            },
            Qt::QueuedConnection);
    });
}

void TimelineModel::verify()
{
    if (!m_database || m_caseId.isEmpty())
        return;
    const quint64 generation = ++m_verifyGeneration;
    m_verifying = true;
    store::Database *database = m_database;
    const QString caseId = m_caseId;
    startWorker([this, database, caseId, generation] {
        const ChainVerification result = TimelineChain(*database).verify(caseId);
        QMetaObject::invokeMethod(
            this,
            [this, result, generation] {
                if (generation != m_verifyGeneration)
                    return;
                const qint64 previousBad = m_hasVerification ? m_verification.firstBadSeq : 0;
                m_verifying = false;
                m_hasVerification = true;
                m_verification = result;
                for (qint64 seq : {previousBad, result.firstBadSeq}) {
                    const int row = rowOfSeq(seq);
                    if (seq > 0 && row >= 0)
                        emit dataChanged(
                            index(row, 0), index(row, ColumnCount - 1), {FirstBadRole});
                }
                emit verified(result);
            },
            Qt::QueuedConnection);
    });
}

} // namespace warroom::timeline
