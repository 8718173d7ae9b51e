#pragma once

#include "OrganizationSource.h"

#include <QtCore/QAbstractItemModel>
#include <QtCore/QPointer>
#include <QtCore/QSet>

#include <memory>
#include <vector>

namespace warroom::onboarding {

// The organisation as a tree (root > OUs > accounts), loaded lazily from an
// OrganizationSource as branches are expanded; OUs are checkable. Counts the accounts
// the checked OUs cover (loading their subtrees to do so).
class OrganizationTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrganizationTreeModel)

public:
    enum Column { NameColumn, IdColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, KindRole };

    explicit OrganizationTreeModel(OrganizationSource *source, QObject *parent = nullptr);
    ~OrganizationTreeModel() override;

    // Loads the roots again (and forgets everything below them).
    void reload();
    // Loads every branch (for searching and for counting the whole organisation).
    void loadAll();
    // True while any request is out.
    bool isLoading() const { return m_pending > 0; }
    QString lastError() const { return m_lastError; }

    QStringList checkedUnits() const { return m_checked; }
    void setCheckedUnits(const QStringList &ids);
    QString nameOf(const QString &id) const;
    // Accounts under the checked OUs (their subtrees, loaded on demand).
    int coveredAccountCount() const;
    // Every account loaded so far (all of them after loadAll() finished).
    QList<OrganizationEntry> loadedAccounts() const;
    int loadedAccountCount() const;
    QModelIndex indexOf(const QString &id) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void checkedUnitsChanged();
    // Loading started or finished, or the covered count changed.
    void coverageChanged();
    void loadFailed(const QString &message);

private:
    struct Node
    {
        OrganizationEntry entry;
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        bool fetched = false;
        bool fetching = false;
        bool loadEverything = false; // fetch the whole subtree once this level arrives
    };

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(Node *node, int column = 0) const;
    void fetch(Node *node, bool recursive);
    void fetchSubtree(Node *node);
    Node *find(Node *from, const QString &id) const;
    void collectAccounts(const Node *node, QSet<QString> &ids) const;
    void requestDone();

    QPointer<OrganizationSource> m_source;
    Node m_invisibleRoot;
    QStringList m_checked;
    int m_pending = 0;
    bool m_wantAll = false;
    int m_generation = 0;
    QString m_lastError;
};

} // namespace warroom::onboarding
