#pragma once

#include "CaseBoardCard.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QThread>
#include <QtCore/QTimer>

#include <memory>

namespace warroom::itemmodels {

// Every case of the workspace as one flat list of cards; CaseBoardColumnModel cuts it
// into the board's columns. Loads off the GUI thread (reload()) and drops stale loads
// with a generation number; refreshCase() updates one card in place after a change.
class CaseBoardModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseBoardModel)

public:
    enum Role {
        CaseIdRole = Qt::UserRole + 1,
        TitleRole,
        StatusRole, // int(domain::CaseStatus)
        EngagementTextRole,
        ResolverTextRole,
        ResolverRole, // int(domain::ResolverType)
        PendingCustomerRole, // bool: the customer owes an action
        CreatedRole, // QDateTime
        LastUpdatedRole, // QDateTime
        AgeTextRole, // "3 d"
        UpdatedTextRole, // "5 h"
        WatcherCountRole,
        WatchersTextRole, // names, comma separated
        SeverityRole, // int(domain::SeverityLabel), -1 when no finding is linked
        SeverityTextRole,
        SeverityScoreRole, // double, -1 when no finding is linked
        LinkedFindingsRole,
        ReadOnlyRole, // bool: AWS-supported or closed
    };
    Q_ENUM(Role)

    static QString mimeType(); // "application/x-warroom-case-ids"
    static QMimeData *mimeDataFor(const QStringList &caseIds);
    static QStringList caseIdsFrom(const QMimeData *data);

    explicit CaseBoardModel(store::Database *database, QObject *parent = nullptr);
    ~CaseBoardModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;

    // Starts loading every card on a worker thread; loaded() follows. A newer reload()
    // makes an older one's result be dropped.
    void reload();
    // The same, on this thread (tests, and the first paint of a small workspace).
    bool reloadNow(QString *error = nullptr);
    bool isLoading() const { return m_loading; }
    // How a refreshed card is ordered: by its new values, or where it was (a change that
    // came from a sync must not move cards under the user; the next reload sorts).
    enum class RefreshOrder { Resort, KeepPlace };
    // Re-reads one case: updates, inserts or removes its card.
    bool refreshCase(
        const QString &caseId, QString *error = nullptr, RefreshOrder order = RefreshOrder::Resort);
    // A case created offline got its server ID.
    void replaceCaseId(const QString &oldId, const QString &newId);

    int rowOf(const QString &caseId) const { return m_rowById.value(caseId, -1); }
    const CaseBoardCard *card(int row) const;
    const CaseBoardCard *card(const QString &caseId) const;
    QModelIndex indexOf(const QString &caseId) const;

    // The clock the age texts are measured with (tests pin it); invalid = now.
    void setNow(const QDateTime &now);
    QDateTime now() const;

signals:
    void loaded(qint64 milliseconds, int cases);
    void loadFailed(const QString &error);

private:
    struct Row
    {
        CaseBoardCard card;
        QString engagementText;
        QString resolverText;
        QString ageText;
        QString updatedText;
        QString watchersText;
        QString severityText;
    };

    static Row rowFor(CaseBoardCard card, const QDateTime &now);
    static std::vector<Row> rowsFor(QList<CaseBoardCard> cards, const QDateTime &now);
    // Each case ID's row in `rows` (made on the loader thread for a background reload).
    static QHash<QString, int> indexOf(const std::vector<Row> &rows);
    void applyRows(std::vector<Row> rows, QHash<QString, int> rowById);
    void rebuildIndex();
    void refreshTimes();

    store::Database *m_database;
    std::vector<Row> m_rows;
    QHash<QString, int> m_rowById;
    QDateTime m_now;
    QTimer m_clock;
    std::unique_ptr<QThread> m_loader;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace warroom::itemmodels
