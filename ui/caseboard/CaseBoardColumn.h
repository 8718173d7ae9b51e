#pragma once

#include "domain/Enums.h"

#include <QFrame>

class QListView;
class QToolButton;

namespace warroom::itemmodels {
class CaseBoardColumnModel;
}

namespace warroom::ui {

// One column of the case board: a header with the status and its count (the Closed
// column's header collapses it) over a list of cards that drags and accepts case IDs.
class CaseBoardColumn final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseBoardColumn)

public:
    CaseBoardColumn(itemmodels::CaseBoardColumnModel *model, bool collapsible, QWidget *parent);

    itemmodels::CaseBoardColumnModel *model() const { return m_model; }
    domain::CaseStatus status() const;
    QListView *view() const { return m_view; }
    QToolButton *header() const { return m_header; }

    bool isCollapsed() const { return m_collapsed; }
    void setCollapsed(bool collapsed);
    // The case IDs of the selected cards, in column order.
    QStringList selectedCaseIds() const;
    bool selectCase(const QString &caseId);

signals:
    void openRequested(const QString &caseId);
    void contextMenuRequested(const QString &caseId, const QPoint &globalPos);
    // Ctrl+Shift+Left / Right: move the selected cards one allowed column that way.
    void stepRequested(const QStringList &caseIds, int direction);
    void collapsedChanged(bool collapsed);
    // Left / Right without modifiers: the focus goes to the neighbouring column.
    void neighbourRequested(int direction);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateHeader();

    itemmodels::CaseBoardColumnModel *m_model;
    QToolButton *m_header;
    QListView *m_view;
    bool m_collapsible;
    bool m_collapsed = false;
};

} // namespace warroom::ui
