#include "OrganizationTreeModel.h"

using namespace Qt::StringLiterals;

namespace warroom::onboarding {

OrganizationTreeModel::OrganizationTreeModel(OrganizationSource *source, QObject *parent)
    : QAbstractItemModel(parent)
    , m_source(source)
{
    m_invisibleRoot.fetched = true;
}

OrganizationTreeModel::~OrganizationTreeModel() = default;

void OrganizationTreeModel::reload()
{
    if (!m_source)
        return;
    beginResetModel();
    m_invisibleRoot.children.clear();
    ++m_generation;
    m_pending = 0;
    endResetModel();
    const int generation = m_generation;
    ++m_pending;
    emit coverageChanged();
    m_source->listRoots([this, generation](const SourceResult<QList<OrganizationEntry>> &r) {
        if (generation != m_generation)
            return;
        if (!r.ok()) {
            m_lastError = r.error.toString();
            emit loadFailed(m_lastError);
        } else {
            beginInsertRows({}, 0, int(r.value.size()) - 1);
            for (const auto &entry : r.value) {
                auto node = std::make_unique<Node>();
                node->entry = entry;
                node->parent = &m_invisibleRoot;
                m_invisibleRoot.children.push_back(std::move(node));
            }
            endInsertRows();
            // Checked OUs restored before the tree arrived still need their subtrees.
            if (!m_checked.isEmpty() || m_wantAll)
                loadAll();
        }
        requestDone();
    });
}

void OrganizationTreeModel::requestDone()
{
    --m_pending;
    emit coverageChanged();
}

void OrganizationTreeModel::fetch(Node *node, bool recursive)
{
    if (!m_source || node->fetched) {
        if (recursive)
            for (auto &child : node->children)
                fetch(child.get(), true);
        return;
    }
    node->loadEverything = node->loadEverything || recursive;
    if (node->fetching || node->entry.kind == OrganizationEntry::Kind::Account)
        return;
    node->fetching = true;
    ++m_pending;
    const int generation = m_generation;
    const QString id = node->entry.id;
    m_source->listChildren(
        id, [this, generation, id](const SourceResult<QList<OrganizationEntry>> &r) {
            if (generation != m_generation)
                return;
            Node *node = find(&m_invisibleRoot, id);
            if (!node)
                return;
            node->fetching = false;
            if (!r.ok()) {
                m_lastError = r.error.toString();
                emit loadFailed(m_lastError);
                requestDone();
                return;
            }
            node->fetched = true;
            const QModelIndex parentIndex = indexFor(node);
            if (!r.value.isEmpty()) {
                beginInsertRows(parentIndex, 0, int(r.value.size()) - 1);
                for (const auto &entry : r.value) {
                    auto child = std::make_unique<Node>();
                    child->entry = entry;
                    child->parent = node;
                    child->fetched = entry.kind == OrganizationEntry::Kind::Account;
                    node->children.push_back(std::move(child));
                }
                endInsertRows();
            } else {
                // hasChildren() said yes before the fetch; let views redraw the branch mark.
                emit dataChanged(parentIndex, parentIndex);
            }
            if (node->loadEverything)
                for (auto &child : node->children)
                    fetch(child.get(), true);
            requestDone();
        });
}

void OrganizationTreeModel::loadAll()
{
    m_wantAll = true; // also when the roots have not arrived yet
    for (auto &root : m_invisibleRoot.children)
        fetch(root.get(), true);
    emit coverageChanged();
}

void OrganizationTreeModel::fetchSubtree(Node *node)
{
    fetch(node, true);
}

OrganizationTreeModel::Node *OrganizationTreeModel::find(Node *from, const QString &id) const
{
    if (from->entry.id == id && from != &m_invisibleRoot)
        return from;
    for (auto &child : from->children)
        if (Node *found = find(child.get(), id))
            return found;
    return nullptr;
}

void OrganizationTreeModel::setCheckedUnits(const QStringList &ids)
{
    m_checked = ids;
    for (const QString &id : ids)
        if (Node *node = find(const_cast<Node *>(&m_invisibleRoot), id))
            fetchSubtree(node);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::CheckStateRole});
    emit checkedUnitsChanged();
    emit coverageChanged();
}

QString OrganizationTreeModel::nameOf(const QString &id) const
{
    const Node *node = find(const_cast<Node *>(&m_invisibleRoot), id);
    return node ? node->entry.name : QString();
}

void OrganizationTreeModel::collectAccounts(const Node *node, QSet<QString> &ids) const
{
    if (node->entry.kind == OrganizationEntry::Kind::Account)
        ids.insert(node->entry.id);
    for (const auto &child : node->children)
        collectAccounts(child.get(), ids);
}

int OrganizationTreeModel::coveredAccountCount() const
{
    QSet<QString> ids;
    for (const QString &id : m_checked)
        if (const Node *node = find(const_cast<Node *>(&m_invisibleRoot), id))
            collectAccounts(node, ids);
    return int(ids.size());
}

QList<OrganizationEntry> OrganizationTreeModel::loadedAccounts() const
{
    QList<OrganizationEntry> out;
    std::function<void(const Node *)> walk = [&](const Node *node) {
        if (node->entry.kind == OrganizationEntry::Kind::Account && node != &m_invisibleRoot)
            out.append(node->entry);
        for (const auto &child : node->children)
            walk(child.get());
    };
    walk(&m_invisibleRoot);
    return out;
}

int OrganizationTreeModel::loadedAccountCount() const
{
    return int(loadedAccounts().size());
}

OrganizationTreeModel::Node *OrganizationTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer())
                           : const_cast<Node *>(&m_invisibleRoot);
}

QModelIndex OrganizationTreeModel::indexFor(Node *node, int column) const
{
    if (!node || node == &m_invisibleRoot)
        return {};
    const auto &siblings = node->parent->children;
    for (size_t row = 0; row < siblings.size(); ++row)
        if (siblings[row].get() == node)
            return createIndex(int(row), column, node);
    return {};
}

QModelIndex OrganizationTreeModel::indexOf(const QString &id) const
{
    return indexFor(find(const_cast<Node *>(&m_invisibleRoot), id));
}

QModelIndex OrganizationTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *node = nodeFor(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || size_t(row) >= node->children.size())
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex OrganizationTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int OrganizationTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int OrganizationTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool OrganizationTreeModel::hasChildren(const QModelIndex &parent) const
{
    const Node *node = nodeFor(parent);
    if (node->entry.kind == OrganizationEntry::Kind::Account && node != &m_invisibleRoot)
        return false;
    return !node->fetched || !node->children.empty();
}

bool OrganizationTreeModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *node = nodeFor(parent);
    return parent.isValid() && !node->fetched && !node->fetching
        && node->entry.kind != OrganizationEntry::Kind::Account;
}

void OrganizationTreeModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid())
        fetch(nodeFor(parent), false);
}

QVariant OrganizationTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFor(index);
    const OrganizationEntry &e = node->entry;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == IdColumn)
            return e.id;
        if (e.kind == OrganizationEntry::Kind::Account)
            return tr("%1 (account)").arg(e.name);
        return e.name;
    case Qt::ToolTipRole:
        return e.kind == OrganizationEntry::Kind::Account ? QString(e.id + u' ' + e.email) : e.id;
    case Qt::CheckStateRole:
        if (index.column() == NameColumn && e.kind == OrganizationEntry::Kind::OrganizationalUnit)
            return m_checked.contains(e.id) ? Qt::Checked : Qt::Unchecked;
        return {};
    case IdRole:
        return e.id;
    case KindRole:
        return int(e.kind);
    default:
        return {};
    }
}

bool OrganizationTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid())
        return false;
    Node *node = nodeFor(index);
    if (node->entry.kind != OrganizationEntry::Kind::OrganizationalUnit)
        return false;
    const bool check = value.toInt() == Qt::Checked;
    if (check && !m_checked.contains(node->entry.id)) {
        m_checked.append(node->entry.id);
        fetchSubtree(node);
    } else if (!check) {
        m_checked.removeAll(node->entry.id);
    }
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit checkedUnitsChanged();
    emit coverageChanged();
    return true;
}

Qt::ItemFlags OrganizationTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeFor(index)->entry.kind == OrganizationEntry::Kind::OrganizationalUnit
        && index.column() == NameColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant OrganizationTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Name") : tr("ID");
}

} // namespace warroom::onboarding
