#include "CaseListModel.h"

#include "domain/Validation.h"
#include "store/CaseRepository.h"
#include "store/Database.h"

#include <QtCore/QSet>

using namespace Qt::StringLiterals;

namespace warroom::itemmodels {

namespace {

template<typename T> QString optionalText(const std::optional<T> &value)
{
    return value ? domain::toString(*value) : QString();
}

// An ID the backend did not assign (a case made offline) fails the model's caseId shape.
bool isProvisional(const QString &caseId)
{
    domain::FieldErrors errors;
    domain::checkCaseId(caseId, u"caseId"_s, errors);
    return !errors.isEmpty();
}

} // namespace

CaseListModel::CaseListModel(store::Database *database, QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(database)
{
}

CaseListModel::~CaseListModel()
{
    if (m_loader)
        m_loader->wait();
}

int CaseListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CaseListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant CaseListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::CaseSummary &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return c.caseId;
        case TitleColumn:
            return c.title;
        case StatusColumn:
            return optionalText(c.caseStatus);
        case ResolverColumn:
            return optionalText(c.resolverType);
        case EngagementColumn:
            return optionalText(c.engagementType);
        case UpdatedColumn:
            return c.lastUpdatedDate.isValid() ? c.lastUpdatedDate.toString(Qt::ISODate)
                                               : QString();
        default:
            return {};
        }
    case CaseIdRole:
        return c.caseId;
    case StatusRole:
        return c.caseStatus ? int(*c.caseStatus) : -1;
    case LastUpdatedRole:
        return c.lastUpdatedDate;
    case ProvisionalRole:
        return isProvisional(c.caseId);
    default:
        return {};
    }
}

QVariant CaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Case ID");
    case TitleColumn:
        return tr("Title");
    case StatusColumn:
        return tr("Status");
    case ResolverColumn:
        return tr("Resolver");
    case EngagementColumn:
        return tr("Engagement");
    case UpdatedColumn:
        return tr("Last updated");
    default:
        return {};
    }
}

QHash<int, QByteArray> CaseListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(CaseIdRole, "caseId");
    names.insert(StatusRole, "status");
    names.insert(LastUpdatedRole, "lastUpdated");
    names.insert(ProvisionalRole, "provisional");
    return names;
}

bool CaseListModel::reload(QString *error)
{
    if (!m_database) {
        if (error)
            *error = tr("No workspace is open.");
        return false;
    }
    QString failure;
    store::CaseRepository cases(m_database->reader());
    const QList<domain::CaseSummary> fresh = cases.listSummaries({}, &failure);
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        return false;
    }
    apply(fresh, indexOf(fresh));
    return true;
}

void CaseListModel::reloadInBackground()
{
    if (!m_database)
        return;
    if (m_loader) {
        m_reloadAgain = true;
        return;
    }
    store::Database *database = m_database;
    m_loader.reset(QThread::create([this, database] {
        QString failure;
        QList<domain::CaseSummary> fresh;
        {
            store::CaseRepository cases(database->reader());
            fresh = cases.listSummaries({}, &failure);
        }
        database->releaseThreadConnections();
        QHash<QString, int> freshIndex = indexOf(fresh); // here, not on the GUI thread
        QMetaObject::invokeMethod(
            this,
            [this, fresh = std::move(fresh), freshIndex = std::move(freshIndex),
                failure]() mutable {
                if (m_loader) {
                    m_loader->wait();
                    m_loader.reset();
                }
                if (failure.isEmpty())
                    apply(fresh, std::move(freshIndex));
                emit reloaded(failure.isEmpty(), failure);
                if (m_reloadAgain) {
                    m_reloadAgain = false;
                    reloadInBackground();
                }
            },
            Qt::QueuedConnection);
    }));
    m_loader->start();
}

QHash<QString, int> CaseListModel::indexOf(const QList<domain::CaseSummary> &rows)
{
    QHash<QString, int> index;
    index.reserve(rows.size());
    for (int i = 0; i < rows.size(); ++i)
        index.insert(rows.at(i).caseId, i);
    return index;
}

void CaseListModel::apply(const QList<domain::CaseSummary> &fresh, QHash<QString, int> freshIndex)
{
    if (m_rows.isEmpty()) { // the first load: the rows and their index as they came
        if (fresh.isEmpty())
            return;
        beginInsertRows({}, 0, int(fresh.size()) - 1);
        m_rows = fresh;
        m_rowById = std::move(freshIndex);
        endInsertRows();
        return;
    }

    // Gone rows first (from the bottom, so the rows above keep their numbers)...
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!freshIndex.contains(m_rows.at(row).caseId))
            removeRowAt(row);
    }
    // ...then changed rows in place, new rows at the end in the store's order, inserted
    // in one go (100,000 cases one insert each kept a view busy for a tenth of a second).
    QList<const domain::CaseSummary *> added;
    for (const domain::CaseSummary &summary : fresh) {
        const int row = rowOf(summary.caseId);
        if (row < 0)
            added.append(&summary);
        else if (m_rows.at(row) != summary)
            setRow(row, summary);
    }
    if (added.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    m_rows.reserve(first + added.size());
    m_rowById.reserve(first + added.size());
    for (const domain::CaseSummary *summary : std::as_const(added)) {
        m_rowById.insert(summary->caseId, int(m_rows.size()));
        m_rows.append(*summary);
    }
    endInsertRows();
}

bool CaseListModel::refreshCase(const QString &caseId, QString *error)
{
    if (!m_database) {
        if (error)
            *error = tr("No workspace is open.");
        return false;
    }
    QString failure;
    store::CaseRepository cases(m_database->reader());
    const std::optional<domain::Case> fresh = cases.get(caseId, &failure);
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        return false;
    }
    const int row = rowOf(caseId);
    if (!fresh) {
        if (row >= 0)
            removeRowAt(row);
        return true;
    }
    const domain::CaseSummary summary = domain::summaryOf(*fresh);
    if (row < 0)
        appendRow(summary);
    else if (m_rows.at(row) != summary)
        setRow(row, summary);
    return true;
}

void CaseListModel::replaceCaseId(const QString &oldId, const QString &newId)
{
    const int row = rowOf(oldId);
    if (row < 0 || oldId == newId)
        return;
    const int existing = rowOf(newId);
    if (existing >= 0) {
        // A pull already brought the case under its new ID: the provisional row goes.
        removeRowAt(row);
        return;
    }
    m_rowById.remove(oldId);
    m_rows[row].caseId = newId;
    m_rowById.insert(newId, row);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void CaseListModel::removeRowAt(int row)
{
    beginRemoveRows({}, row, row);
    m_rowById.remove(m_rows.at(row).caseId);
    m_rows.removeAt(row);
    reindexFrom(row);
    endRemoveRows();
}

void CaseListModel::appendRow(const domain::CaseSummary &summary)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(summary);
    m_rowById.insert(summary.caseId, row);
    endInsertRows();
}

void CaseListModel::setRow(int row, const domain::CaseSummary &summary)
{
    m_rows[row] = summary;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void CaseListModel::reindexFrom(int row)
{
    for (int i = row; i < m_rows.size(); ++i)
        m_rowById.insert(m_rows.at(i).caseId, i);
}

} // namespace warroom::itemmodels
