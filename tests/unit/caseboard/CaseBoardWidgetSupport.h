#pragma once

// Drives the board's real widgets: drops built from the source view's own drag data.
#include "caseboard/CaseBoardColumn.h"
#include "caseboard/CaseBoardPage.h"
#include "itemmodels/CaseBoardColumnModel.h"
#include "itemmodels/CaseBoardModel.h"

#include <QtTest/QtTest>
#include <QtWidgets>

#include <memory>

namespace warroom::test {

// Drags the card `caseId` from its column onto `target`'s list, through the views:
// the drag data comes from the source view's model, the drop goes to the target
// viewport as the drag-enter, drag-move and drop events a real drag delivers.
// Returns whether the target view accepted the drop.
inline bool dragCard(ui::CaseBoardPage &page, const QString &caseId, domain::CaseStatus target)
{
    const itemmodels::CaseBoardCard *card = page.model()->card(caseId);
    if (!card)
        return false;
    ui::CaseBoardColumn *from = page.column(card->status);
    const int row = from->model()->rowOf(caseId);
    if (row < 0)
        return false;
    QAbstractItemModel *sourceModel = from->view()->model();
    std::unique_ptr<QMimeData> data(sourceModel->mimeData({sourceModel->index(row, 0)}));
    if (!data)
        return false;
    QWidget *viewport = page.column(target)->view()->viewport();
    const QPointF pos(viewport->width() / 2.0, viewport->height() - 4.0);
    QDragEnterEvent enter(
        pos.toPoint(), Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(pos.toPoint(), Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    if (!move.isAccepted())
        return false;
    QDropEvent drop(pos, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
    QCoreApplication::processEvents(); // the board handles drops after the drag's loop
    return true;
}

// A dark palette derived by Qt from a dark button and window colour.
inline QPalette darkPalette()
{
    QPalette p(QColor(0x3a, 0x3d, 0x41), QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
    return p;
}

} // namespace warroom::test
