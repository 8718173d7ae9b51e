#include "CaseBoardModel.h"

#include "store/Database.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QMimeData>

namespace warroom::itemmodels {

using namespace Qt::StringLiterals;

namespace {

constexpr int ClockIntervalMs = 60 * 1000;

QString engagementText(const std::optional<domain::EngagementType> &type)
{
    if (!type)
        return QString();
    return *type == domain::EngagementType::SecurityIncident ? u"Incident"_s : u"Investigation"_s;
}

} // namespace

QString CaseBoardModel::mimeType()
{
    return u"application/x-warroom-case-ids"_s;
}

QMimeData *CaseBoardModel::mimeDataFor(const QStringList &caseIds)
{
    auto *data = new QMimeData;
    data->setData(mimeType(), caseIds.join(u'\n').toUtf8());
    data->setText(caseIds.join(u'\n'));
    return data;
}

QStringList CaseBoardModel::caseIdsFrom(const QMimeData *data)
{
    if (!data || !data->hasFormat(mimeType()))
        return {};
    return QString::fromUtf8(data->data(mimeType())).split(u'\n', Qt::SkipEmptyParts);
}

CaseBoardModel::CaseBoardModel(store::Database *database, QObject *parent)
    : QAbstractListModel(parent)
    , m_database(database)
{
    m_clock.setInterval(ClockIntervalMs);
    connect(&m_clock, &QTimer::timeout, this, &CaseBoardModel::refreshTimes);
    m_clock.start();
}

CaseBoardModel::~CaseBoardModel()
{
    if (m_loader)
        m_loader->wait();
}

int CaseBoardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant CaseBoardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const CaseBoardCard &c = row.card;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return c.title;
    case Qt::ToolTipRole:
        return QString(c.title % u"\nCase "_s % c.caseId % u" · "_s % row.engagementText % u" · "_s
            % row.resolverText);
    case CaseIdRole:
        return c.caseId;
    case StatusRole:
        return int(c.status);
    case EngagementTextRole:
        return row.engagementText;
    case ResolverTextRole:
        return row.resolverText;
    case ResolverRole:
        return int(c.resolver);
    case PendingCustomerRole:
        return c.pendingAction == domain::PendingAction::Customer;
    case CreatedRole:
        return c.createdDate;
    case LastUpdatedRole:
        return c.lastUpdatedDate;
    case AgeTextRole:
        return row.ageText;
    case UpdatedTextRole:
        return row.updatedText;
    case WatcherCountRole:
        return int(c.watcherEmails.size());
    case WatchersTextRole:
        return row.watchersText;
    case SeverityRole:
        return c.severity ? int(*c.severity) : -1;
    case SeverityTextRole:
        return row.severityText;
    case SeverityScoreRole:
        return c.maxSeverityScore;
    case LinkedFindingsRole:
        return c.linkedFindings;
    case ReadOnlyRole:
        return c.isReadOnlyOnBoard();
    default:
        return {};
    }
}

Qt::ItemFlags CaseBoardModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (!m_rows[size_t(index.row())].card.isReadOnlyOnBoard())
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QHash<int, QByteArray> CaseBoardModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(CaseIdRole, "caseId");
    names.insert(TitleRole, "title");
    names.insert(StatusRole, "status");
    names.insert(PendingCustomerRole, "pendingCustomer");
    names.insert(WatcherCountRole, "watcherCount");
    names.insert(SeverityRole, "severity");
    return names;
}

QStringList CaseBoardModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData *CaseBoardModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList ids;
    for (const QModelIndex &index : indexes) {
        const QString id = index.data(CaseIdRole).toString();
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    }
    return ids.isEmpty() ? nullptr : mimeDataFor(ids);
}

Qt::DropActions CaseBoardModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions CaseBoardModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

void CaseBoardModel::reload()
{
    if (!m_database)
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    if (m_loader)
        m_loader->wait(); // a load takes milliseconds; never two readers at once
    store::Database *database = m_database;
    const QDateTime at = now();
    m_loader.reset(QThread::create([this, database, generation, at] {
        QElapsedTimer timer;
        timer.start();
        QString error;
        // The card texts are made here too: the GUI thread only swaps rows in.
        auto rows
            = std::make_shared<std::vector<Row>>(rowsFor(loadCaseCards(*database, &error), at));
        auto index = std::make_shared<QHash<QString, int>>(indexOf(*rows));
        database->releaseThreadConnections();
        const qint64 ms = timer.elapsed();
        QMetaObject::invokeMethod(
            this,
            [this, generation, rows, index, error, ms] {
                if (generation != m_generation)
                    return; // a newer reload() is on its way
                m_loading = false;
                if (!error.isEmpty()) {
                    emit loadFailed(error);
                    return;
                }
                const int count = int(rows->size());
                applyRows(std::move(*rows), std::move(*index));
                emit loaded(ms, count);
            },
            Qt::QueuedConnection);
    }));
    m_loader->start();
}

bool CaseBoardModel::reloadNow(QString *error)
{
    if (!m_database)
        return false;
    ++m_generation; // anything still loading is older
    QElapsedTimer timer;
    timer.start();
    QString failure;
    QList<CaseBoardCard> cards = loadCaseCards(*m_database, &failure);
    m_loading = false;
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        emit loadFailed(failure);
        return false;
    }
    const int count = int(cards.size());
    std::vector<Row> rows = rowsFor(std::move(cards), now());
    QHash<QString, int> index = indexOf(rows);
    applyRows(std::move(rows), std::move(index));
    emit loaded(timer.elapsed(), count);
    return true;
}

bool CaseBoardModel::refreshCase(const QString &caseId, QString *error, RefreshOrder order)
{
    if (!m_database)
        return false;
    QString failure;
    const std::optional<CaseBoardCard> fresh = loadCaseCard(*m_database, caseId, &failure);
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        return false;
    }
    const int row = rowOf(caseId);
    if (!fresh) {
        if (row >= 0) {
            beginRemoveRows(QModelIndex(), row, row);
            m_rows.erase(m_rows.begin() + row);
            rebuildIndex();
            endRemoveRows();
        }
        return true;
    }
    if (row >= 0) {
        CaseBoardCard card = *fresh;
        if (order == RefreshOrder::KeepPlace) {
            // The sort keys the columns order by stay; what the card shows is new.
            const CaseBoardCard &old = m_rows[size_t(row)].card;
            card.lastUpdatedKey = old.lastUpdatedKey;
            card.titleKey = old.titleKey;
        }
        m_rows[size_t(row)] = rowFor(card, now());
        emit dataChanged(index(row), index(row));
        return true;
    }
    const int end = int(m_rows.size());
    beginInsertRows(QModelIndex(), end, end);
    m_rows.push_back(rowFor(*fresh, now()));
    m_rowById.insert(caseId, end);
    endInsertRows();
    return true;
}

void CaseBoardModel::replaceCaseId(const QString &oldId, const QString &newId)
{
    const int row = rowOf(oldId);
    if (row < 0)
        return;
    if (rowOf(newId) >= 0) {
        // The pulled case is already here under its new ID: the old card goes.
        beginRemoveRows(QModelIndex(), row, row);
        m_rows.erase(m_rows.begin() + row);
        rebuildIndex();
        endRemoveRows();
        return;
    }
    m_rows[size_t(row)].card.caseId = newId;
    m_rowById.remove(oldId);
    m_rowById.insert(newId, row);
    emit dataChanged(index(row), index(row));
}

const CaseBoardCard *CaseBoardModel::card(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)].card : nullptr;
}

const CaseBoardCard *CaseBoardModel::card(const QString &caseId) const
{
    return card(rowOf(caseId));
}

QModelIndex CaseBoardModel::indexOf(const QString &caseId) const
{
    const int row = rowOf(caseId);
    return row < 0 ? QModelIndex() : index(row);
}

void CaseBoardModel::setNow(const QDateTime &now)
{
    m_now = now;
    refreshTimes();
}

QDateTime CaseBoardModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

CaseBoardModel::Row CaseBoardModel::rowFor(CaseBoardCard card, const QDateTime &at)
{
    Row row;
    row.engagementText = engagementText(card.engagementType);
    row.resolverText = card.resolver == domain::ResolverType::AWS ? u"AWS"_s : u"Self"_s;
    const QDateTime end = card.closedDate.isValid() ? card.closedDate : at;
    row.ageText = shortDuration(card.createdDate, end);
    row.updatedText = shortDuration(card.lastUpdatedDate, at);
    row.watchersText = card.watcherNames.join(u", "_s);
    if (card.severity)
        row.severityText = domain::toString(*card.severity);
    row.card = std::move(card);
    return row;
}

std::vector<CaseBoardModel::Row> CaseBoardModel::rowsFor(
    QList<CaseBoardCard> cards, const QDateTime &now)
{
    std::vector<Row> rows;
    rows.reserve(size_t(cards.size()));
    for (CaseBoardCard &c : cards)
        rows.push_back(rowFor(std::move(c), now));
    return rows;
}

QHash<QString, int> CaseBoardModel::indexOf(const std::vector<Row> &rows)
{
    QHash<QString, int> index;
    index.reserve(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i)
        index.insert(rows[size_t(i)].card.caseId, i);
    return index;
}

void CaseBoardModel::applyRows(std::vector<Row> rows, QHash<QString, int> rowById)
{
    // Same cases in the same order (a reload after a sync pull): only the cards that
    // changed are replaced, one dataChanged each, so an unchanged board costs nothing.
    bool sameRows = rows.size() == m_rows.size();
    for (size_t i = 0; sameRows && i < rows.size(); ++i)
        sameRows = rows[i].card.caseId == m_rows[i].card.caseId;
    if (sameRows) {
        std::vector<int> changed;
        for (size_t i = 0; i < rows.size(); ++i)
            if (rows[i].card != m_rows[i].card)
                changed.push_back(int(i));
        if (changed.size() <= std::max<size_t>(64, rows.size() / 10)) {
            for (int i : changed) {
                m_rows[size_t(i)] = std::move(rows[size_t(i)]);
                emit dataChanged(index(i), index(i));
            }
            return;
        }
        emit layoutAboutToBeChanged();
        m_rows = std::move(rows);
        emit layoutChanged();
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    m_rowById = std::move(rowById);
    endResetModel();
}

void CaseBoardModel::rebuildIndex()
{
    m_rowById = indexOf(m_rows);
}

void CaseBoardModel::refreshTimes()
{
    if (m_rows.empty())
        return;
    const QDateTime at = now();
    for (Row &row : m_rows) {
        const QDateTime end = row.card.closedDate.isValid() ? row.card.closedDate : at;
        row.ageText = shortDuration(row.card.createdDate, end);
        row.updatedText = shortDuration(row.card.lastUpdatedDate, at);
    }
    emit dataChanged(index(0), index(int(m_rows.size()) - 1), {AgeTextRole, UpdatedTextRole});
}

} // namespace warroom::itemmodels
