#pragma once

#include "AreaPages.h"
#include "domain/Enums.h"
#include "itemmodels/CaseBoardFilter.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTabWidget;
class QPushButton;

namespace warroom::itemmodels {
class CaseBoardModel;
class CaseBoardColumnModel;
} // namespace warroom::itemmodels

namespace warroom::ui {

class CaseActions;
class CaseBoardColumn;
class CaseDetailWidget;

// The case board: one column per case status in lifecycle order, a filter bar, and the
// case detail in a side pane (tabs) or in windows of their own. Moving a card (drag,
// context menu, Ctrl+Shift+Left/Right) goes through requestMove(), which applies the
// API's status graph and writes through the sync layer.
class CaseBoardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseBoardPage)

public:
    static constexpr int ColumnCount = 7;

    CaseBoardPage(const AreaContext &context, QWidget *parent = nullptr);
    ~CaseBoardPage() override;

    itemmodels::CaseBoardModel *model() const { return m_model; }
    CaseBoardColumn *column(domain::CaseStatus status) const;
    CaseActions *actions() const { return m_actions; }
    // The detail pane's widget for `caseId`, or nullptr when it is not open there.
    CaseDetailWidget *detailFor(const QString &caseId) const;
    QString lastMessage() const;

    // Moves each case to `to` when the status graph allows it; Closed asks first.
    // Returns the number of cases moved.
    int requestMove(const QStringList &caseIds, domain::CaseStatus to);

public slots:
    // Selects the case's card and opens it in the side pane.
    void showItem(const QString &caseId);
    void openCase(const QString &caseId);
    CaseDetailWidget *openCaseInWindow(const QString &caseId);
    void newCase();

signals:
    void moveRefused(const QString &reason);

protected:
    // Coming back to the board re-reads the store off the GUI thread; only cards that
    // changed meanwhile (a triage escalation, a pull) are touched.
    void showEvent(QShowEvent *event) override;

private:
    void buildFilterBar(QWidget *bar);
    void applyFilter();
    void showMessage(const QString &text, bool problem);
    void showCardMenu(const QString &caseId, const QPoint &globalPos);
    void stepCards(const QStringList &caseIds, int direction);
    void focusNeighbour(domain::CaseStatus from, int direction);
    void caseChanged(const QString &caseId);
    // A sync changed the case: its card updates where it is, open editors keep edits.
    void caseSynced(const QString &caseId);
    CaseDetailWidget *makeDetail(const QString &caseId, QWidget *parent);

    AreaContext m_context;
    itemmodels::CaseBoardModel *m_model;
    CaseActions *m_actions;
    std::array<itemmodels::CaseBoardColumnModel *, ColumnCount> m_columnModels {};
    std::array<CaseBoardColumn *, ColumnCount> m_columns {};
    QLineEdit *m_textFilter = nullptr;
    QComboBox *m_engagementFilter = nullptr;
    QComboBox *m_resolverFilter = nullptr;
    QCheckBox *m_pendingFilter = nullptr;
    QLineEdit *m_watcherFilter = nullptr;
    QComboBox *m_sortCombo = nullptr;
    QPushButton *m_newCaseButton = nullptr;
    QLabel *m_messageLabel = nullptr;
    QTimer m_messageTimer;
    QLabel *m_totalsLabel = nullptr;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_detailTabs = nullptr;
    QList<QPointer<QWidget>> m_windows;
    bool m_shownOnce = false;
};

} // namespace warroom::ui
