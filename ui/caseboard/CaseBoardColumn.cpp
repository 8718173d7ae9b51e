#include "CaseBoardColumn.h"

#include "CaseCardDelegate.h"
#include "itemmodels/CaseBoardColumnModel.h"
#include "itemmodels/CaseBoardModel.h"

#include <QKeyEvent>
#include <QListView>
#include <QToolButton>
#include <QVBoxLayout>

namespace warroom::ui {

using namespace Qt::StringLiterals;
using itemmodels::CaseBoardModel;

namespace {

// "Containment, Eradication and Recovery" -> "containmentEradicationAndRecovery"
QString statusKey(domain::CaseStatus status)
{
    const QStringList words
        = domain::toString(status).remove(u',').replace(u'-', u' ').split(u' ', Qt::SkipEmptyParts);
    QString key;
    for (const QString &w : words)
        key += key.isEmpty() ? w.toLower() : w.left(1).toUpper() + w.mid(1).toLower();
    return key;
}

} // namespace

CaseBoardColumn::CaseBoardColumn(
    itemmodels::CaseBoardColumnModel *model, bool collapsible, QWidget *parent)
    : QFrame(parent)
    , m_model(model)
    , m_header(new QToolButton(this))
    , m_view(new QListView(this))
    , m_collapsible(collapsible)
{
    const QString key = statusKey(model->status());
    setObjectName(key + u"ColumnFrame"_s);
    setFrameShape(QFrame::StyledPanel);
    m_header->setObjectName(key + u"ColumnHeaderButton"_s);
    m_header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_header->setAutoRaise(true);
    m_header->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    m_header->setCheckable(collapsible);
    if (collapsible) {
        m_header->setToolTip(tr("Show or hide the closed cases"));
        connect(m_header, &QToolButton::toggled, this, [this](bool on) { setCollapsed(!on); });
    }

    m_view->setObjectName(key + u"ColumnView"_s);
    m_view->setModel(model);
    m_view->setItemDelegate(new CaseCardDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(false);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    // Every column as wide as a card, so the board reads as a board at any window size.
    setFixedWidth(QFontMetrics(font()).averageCharWidth() * 40);
    m_view->setAccessibleName(domain::toString(model->status()));
    m_view->installEventFilter(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    layout->addWidget(m_header);
    layout->addWidget(m_view, 1);

    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        emit openRequested(index.data(CaseBoardModel::CaseIdRole).toString());
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            return;
        if (!m_view->selectionModel()->isSelected(index))
            m_view->setCurrentIndex(index);
        emit contextMenuRequested(index.data(CaseBoardModel::CaseIdRole).toString(),
            m_view->viewport()->mapToGlobal(pos));
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &CaseBoardColumn::updateHeader);
    connect(model, &QAbstractItemModel::modelReset, this, &CaseBoardColumn::updateHeader);
    connect(model, &QAbstractItemModel::layoutChanged, this, &CaseBoardColumn::updateHeader);
    if (collapsible)
        m_header->setChecked(true);
    updateHeader();
}

domain::CaseStatus CaseBoardColumn::status() const
{
    return m_model->status();
}

void CaseBoardColumn::setCollapsed(bool collapsed)
{
    if (!m_collapsible || collapsed == m_collapsed)
        return;
    m_collapsed = collapsed;
    m_view->setVisible(!collapsed);
    m_header->setChecked(!collapsed);
    setFixedWidth(QFontMetrics(font()).averageCharWidth() * (collapsed ? 18 : 40));
    updateHeader();
    emit collapsedChanged(collapsed);
}

QStringList CaseBoardColumn::selectedCaseIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &index : std::as_const(rows))
        ids.append(index.data(CaseBoardModel::CaseIdRole).toString());
    return ids;
}

bool CaseBoardColumn::selectCase(const QString &caseId)
{
    const int row = m_model->rowOf(caseId);
    if (row < 0)
        return false;
    setCollapsed(false);
    const QModelIndex index = m_model->index(row, 0);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

bool CaseBoardColumn::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool step = key->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier)
            && (key->key() == Qt::Key_Left || key->key() == Qt::Key_Right);
        const bool neighbour = key->modifiers() == Qt::NoModifier
            && (key->key() == Qt::Key_Left || key->key() == Qt::Key_Right);
        if (neighbour) {
            emit neighbourRequested(key->key() == Qt::Key_Left ? -1 : 1);
            return true;
        }
        if (step && !selectedCaseIds().isEmpty()) {
            emit stepRequested(selectedCaseIds(), key->key() == Qt::Key_Left ? -1 : 1);
            return true;
        }
        if (key->key() == Qt::Key_Menu
            || (key->key() == Qt::Key_F10 && key->modifiers() == Qt::ShiftModifier)) {
            const QModelIndex index = m_view->currentIndex();
            if (index.isValid()) {
                const QRect r = m_view->visualRect(index);
                emit contextMenuRequested(index.data(CaseBoardModel::CaseIdRole).toString(),
                    m_view->viewport()->mapToGlobal(r.center()));
                return true;
            }
        }
    }
    return QFrame::eventFilter(watched, event);
}

void CaseBoardColumn::updateHeader()
{
    const QString name = domain::toString(m_model->status());
    const int count = m_model->rowCount();
    QString text = tr("%1 (%2)").arg(name).arg(count);
    if (m_collapsible)
        text = (m_collapsed ? u"▸ "_s : u"▾ "_s) + text;
    // Long status names are elided; the tooltip and the accessible name keep them whole.
    const int room = width() - 16;
    m_header->setText(QFontMetrics(m_header->font()).elidedText(text, Qt::ElideMiddle, room));
    m_header->setToolTip(text);
    m_header->setAccessibleName(text);
}

} // namespace warroom::ui
