#include "CaseBoardPage.h"

#include "CaseActions.h"
#include "CaseBoardColumn.h"
#include "MessageBox.h"
#include "NewCaseDialog.h"
#include "casedetail/CaseDetailWidget.h"
#include "itemmodels/CaseBoardColumnModel.h"
#include "itemmodels/CaseBoardModel.h"
#include "store/Workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMainWindow>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QShowEvent>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace warroom::ui {

using namespace Qt::StringLiterals;
using domain::CaseStatus;
using itemmodels::CaseBoardColumnModel;
using itemmodels::CaseBoardModel;
using itemmodels::CaseMoveCheck;

CaseBoardPage::CaseBoardPage(const AreaContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(
          new CaseBoardModel(context.workspace ? &context.workspace->database() : nullptr, this))
    , m_actions(new CaseActions(context, this))
{
    setObjectName(u"caseBoardPage"_s);

    auto *bar = new QWidget(this);
    bar->setObjectName(u"caseBoardFilterBar"_s);
    buildFilterBar(bar);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(u"boardMessageLabel"_s);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->setFrameShape(QFrame::StyledPanel);
    m_messageLabel->setMargin(6);
    m_messageLabel->hide();
    m_messageTimer.setSingleShot(true);
    m_messageTimer.setInterval(15000);
    connect(&m_messageTimer, &QTimer::timeout, m_messageLabel, &QWidget::hide);

    // The columns, side by side in a horizontal scroll area.
    auto *columnsHost = new QWidget;
    auto *columnsLayout = new QHBoxLayout(columnsHost);
    columnsLayout->setContentsMargins(0, 0, 0, 0);
    columnsLayout->setSpacing(4);
    for (CaseStatus status : domain::allValues<CaseStatus>()) {
        const auto i = size_t(status);
        m_columnModels[i] = new CaseBoardColumnModel(m_model, status, this);
        m_columns[i]
            = new CaseBoardColumn(m_columnModels[i], status == CaseStatus::Closed, columnsHost);
        columnsLayout->addWidget(m_columns[i]);
        connect(m_columnModels[i], &CaseBoardColumnModel::moveRequested, this,
            [this](const QStringList &ids, CaseStatus to) {
                // After the drag's own event loop has finished.
                QTimer::singleShot(0, this, [this, ids, to] { requestMove(ids, to); });
            });
        connect(m_columns[i], &CaseBoardColumn::openRequested, this, &CaseBoardPage::openCase);
        connect(m_columns[i], &CaseBoardColumn::contextMenuRequested, this,
            &CaseBoardPage::showCardMenu);
        connect(m_columns[i], &CaseBoardColumn::stepRequested, this, &CaseBoardPage::stepCards);
        connect(m_columns[i], &CaseBoardColumn::neighbourRequested, this,
            [this, status](int direction) { focusNeighbour(status, direction); });
    }
    columnsLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"caseBoardScrollArea"_s);
    scroll->setWidget(columnsHost);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_detailTabs = new QTabWidget(this);
    m_detailTabs->setObjectName(u"caseDetailTabs"_s);
    m_detailTabs->setTabsClosable(true);
    m_detailTabs->setDocumentMode(true);
    m_detailTabs->hide();
    connect(m_detailTabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget *w = m_detailTabs->widget(index);
        m_detailTabs->removeTab(index);
        w->deleteLater();
        m_detailTabs->setVisible(m_detailTabs->count() > 0);
    });

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"caseBoardSplitter"_s);
    m_splitter->addWidget(scroll);
    m_splitter->addWidget(m_detailTabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    m_totalsLabel = new QLabel(this);
    m_totalsLabel->setObjectName(u"caseBoardTotalsLabel"_s);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(bar);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_totalsLabel);

    auto updateTotals = [this] {
        int open = 0;
        int shown = 0;
        for (const auto *c : m_columnModels)
            shown += c->rowCount();
        for (int row = 0; row < m_model->rowCount(); ++row)
            open += m_model->card(row)->status != CaseStatus::Closed;
        m_totalsLabel->setText(m_model->isLoading()
                ? tr("Loading cases…")
                : tr("%1 cases, %2 open, %3 shown").arg(m_model->rowCount()).arg(open).arg(shown));
    };
    connect(m_model, &CaseBoardModel::loaded, this, updateTotals);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, updateTotals);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, updateTotals);
    connect(m_model, &QAbstractItemModel::dataChanged, this, updateTotals);
    for (auto *c : m_columnModels)
        connect(c, &QAbstractItemModel::layoutChanged, this, updateTotals);
    connect(m_model, &CaseBoardModel::loadFailed, this, [this](const QString &error) {
        showMessage(tr("The cases could not be read from the workspace: %1").arg(error), true);
    });

    connect(m_actions, &CaseActions::caseChanged, this, &CaseBoardPage::caseChanged);
    connect(m_actions, &CaseActions::caseSynced, this, &CaseBoardPage::caseSynced);
    connect(m_actions, &CaseActions::caseIdReplaced, this,
        [this](const QString &oldId, const QString &newId) {
            m_model->replaceCaseId(oldId, newId);
            caseChanged(newId);
        });

    m_model->reload();
    updateTotals();
}

CaseBoardPage::~CaseBoardPage()
{
    // Detail windows read this page's workspace and write through its actions.
    for (const QPointer<QWidget> &w : std::as_const(m_windows))
        delete w.data();
}

void CaseBoardPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_shownOnce && !event->spontaneous())
        m_model->reload();
    m_shownOnce = true;
}

void CaseBoardPage::buildFilterBar(QWidget *bar)
{
    m_newCaseButton = new QPushButton(tr("New case…"), bar);
    m_newCaseButton->setObjectName(u"newCaseButton"_s);
    m_newCaseButton->setShortcut(QKeySequence::New);
    connect(m_newCaseButton, &QPushButton::clicked, this, &CaseBoardPage::newCase);

    m_textFilter = new QLineEdit(bar);
    m_textFilter->setObjectName(u"caseFilterEdit"_s);
    m_textFilter->setPlaceholderText(tr("Filter by title or case ID"));
    m_textFilter->setClearButtonEnabled(true);

    m_engagementFilter = new QComboBox(bar);
    m_engagementFilter->setObjectName(u"engagementFilterCombo"_s);
    m_engagementFilter->addItem(tr("Any engagement"), -1);
    for (auto type : domain::allValues<domain::EngagementType>())
        m_engagementFilter->addItem(domain::toString(type), int(type));

    m_resolverFilter = new QComboBox(bar);
    m_resolverFilter->setObjectName(u"resolverFilterCombo"_s);
    m_resolverFilter->addItem(tr("Any resolver"), -1);
    m_resolverFilter->addItem(tr("Self-managed"), int(domain::ResolverType::Self));
    m_resolverFilter->addItem(tr("AWS-supported"), int(domain::ResolverType::AWS));

    m_pendingFilter = new QCheckBox(tr("Customer action pending"), bar);
    m_pendingFilter->setObjectName(u"pendingActionFilterCheckBox"_s);

    m_watcherFilter = new QLineEdit(bar);
    m_watcherFilter->setObjectName(u"watcherFilterEdit"_s);
    m_watcherFilter->setPlaceholderText(tr("Watcher"));
    m_watcherFilter->setClearButtonEnabled(true);

    m_sortCombo = new QComboBox(bar);
    m_sortCombo->setObjectName(u"caseSortCombo"_s);
    using itemmodels::CaseBoardSort;
    m_sortCombo->addItem(tr("Recently updated first"), int(CaseBoardSort::LastUpdated));
    m_sortCombo->addItem(tr("Oldest first"), int(CaseBoardSort::Oldest));
    m_sortCombo->addItem(tr("Newest first"), int(CaseBoardSort::Newest));
    m_sortCombo->addItem(tr("Most severe first"), int(CaseBoardSort::Severity));
    m_sortCombo->addItem(tr("Title"), int(CaseBoardSort::Title));

    // Combos shrink to a few characters so the board fits a narrow window.
    for (QComboBox *combo : {m_engagementFilter, m_resolverFilter, m_sortCombo}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(8);
    }

    // Two rows, so the bar never makes the window wider than a laptop screen.
    auto *layout = new QVBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *firstRow = new QHBoxLayout;
    firstRow->addWidget(m_newCaseButton);
    firstRow->addWidget(m_textFilter, 2);
    firstRow->addWidget(new QLabel(tr("Sort:"), bar));
    firstRow->addWidget(m_sortCombo);
    auto *secondRow = new QHBoxLayout;
    secondRow->addWidget(m_engagementFilter);
    secondRow->addWidget(m_resolverFilter);
    secondRow->addWidget(m_pendingFilter);
    secondRow->addWidget(m_watcherFilter, 1);
    layout->addLayout(firstRow);
    layout->addLayout(secondRow);

    connect(m_textFilter, &QLineEdit::textChanged, this, &CaseBoardPage::applyFilter);
    connect(m_watcherFilter, &QLineEdit::textChanged, this, &CaseBoardPage::applyFilter);
    connect(m_engagementFilter, &QComboBox::currentIndexChanged, this, &CaseBoardPage::applyFilter);
    connect(m_resolverFilter, &QComboBox::currentIndexChanged, this, &CaseBoardPage::applyFilter);
    connect(m_pendingFilter, &QCheckBox::toggled, this, &CaseBoardPage::applyFilter);
    connect(m_sortCombo, &QComboBox::currentIndexChanged, this, [this] {
        const auto order = itemmodels::CaseBoardSort(m_sortCombo->currentData().toInt());
        for (auto *c : m_columnModels)
            c->setOrder(order);
    });
}

void CaseBoardPage::applyFilter()
{
    itemmodels::CaseBoardFilter filter;
    filter.text = m_textFilter->text().trimmed();
    filter.watcher = m_watcherFilter->text().trimmed();
    filter.customerActionPendingOnly = m_pendingFilter->isChecked();
    if (const int e = m_engagementFilter->currentData().toInt(); e >= 0)
        filter.engagementType = domain::EngagementType(e);
    if (const int r = m_resolverFilter->currentData().toInt(); r >= 0)
        filter.resolver = domain::ResolverType(r);
    for (auto *c : m_columnModels)
        c->setFilter(filter);
}

CaseBoardColumn *CaseBoardPage::column(CaseStatus status) const
{
    return m_columns[size_t(status)];
}

QString CaseBoardPage::lastMessage() const
{
    return m_messageLabel->isVisible() ? m_messageLabel->text() : QString();
}

void CaseBoardPage::showMessage(const QString &text, bool problem)
{
    m_messageLabel->setText(text);
    m_messageLabel->setProperty("problem", problem);
    m_messageLabel->setVisible(!text.isEmpty());
    m_messageTimer.start(); // a message stays until the next one or for a while
    if (problem)
        emit moveRefused(text);
}

int CaseBoardPage::requestMove(const QStringList &caseIds, CaseStatus to)
{
    QStringList refused;
    QStringList toClose;
    QStringList toUpdate;
    for (const QString &id : caseIds) {
        const itemmodels::CaseBoardCard *card = m_model->card(id);
        if (!card) {
            refused.append(tr("Case %1 is no longer in this workspace.").arg(id));
            continue;
        }
        const CaseMoveCheck check = itemmodels::checkCaseMove(*card, to);
        switch (check.kind) {
        case CaseMoveCheck::Kind::NoChange:
            break;
        case CaseMoveCheck::Kind::Refused:
            refused.append(check.reason);
            break;
        case CaseMoveCheck::Kind::Close:
            toClose.append(id);
            break;
        case CaseMoveCheck::Kind::UpdateStatus:
            toUpdate.append(id);
            break;
        }
    }
    QString why;
    if ((!toClose.isEmpty() || !toUpdate.isEmpty()) && !m_actions->canWrite(&why)) {
        refused.append(why);
        toClose.clear();
        toUpdate.clear();
    }
    if (!toClose.isEmpty()) {
        QStringList names;
        for (const QString &id : std::as_const(toClose))
            names.append(u"• "_s + id + u"  "_s + m_model->card(id)->title);
        const QString text = toClose.size() == 1
            ? tr("Close case %1?\n\n%2\n\nA closed case cannot be reopened.")
                  .arg(toClose.first(), m_model->card(toClose.first())->title)
            : tr("Close these %1 cases?\n\n%2\n\nA closed case cannot be reopened.")
                  .arg(toClose.size())
                  .arg(names.join(u'\n'));
        if (MessageBox::question(this, tr("Close case"), text,
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
            toClose.clear();
    }
    int moved = 0;
    for (const QString &id : std::as_const(toUpdate)) {
        QString error;
        if (m_actions->updateStatus(id, to, &error))
            ++moved;
        else
            refused.append(error);
    }
    for (const QString &id : std::as_const(toClose)) {
        QString error;
        if (m_actions->closeCase(id, &error))
            ++moved;
        else
            refused.append(error);
    }
    if (!refused.isEmpty())
        showMessage(refused.join(u'\n'), true);
    else if (moved > 0)
        showMessage(moved == 1 ? tr("Moved 1 case to %1.").arg(domain::toString(to))
                               : tr("Moved %1 cases to %2.").arg(moved).arg(domain::toString(to)),
            false);
    if (moved > 0 && caseIds.size() == 1)
        column(to)->selectCase(caseIds.first());
    return moved;
}

void CaseBoardPage::stepCards(const QStringList &caseIds, int direction)
{
    if (caseIds.isEmpty())
        return;
    const itemmodels::CaseBoardCard *card = m_model->card(caseIds.first());
    if (!card)
        return;
    // The nearest column that way the first card may move to; otherwise the next
    // column, so the refusal explains itself.
    const QList<CaseStatus> allowed = itemmodels::allowedCaseMoves(*card);
    const int from = int(card->status);
    int target = -1;
    for (int s = from + direction; s >= 0 && s < ColumnCount; s += direction) {
        if (allowed.contains(CaseStatus(s))) {
            target = s;
            break;
        }
    }
    if (target < 0)
        target = from + direction;
    if (target < 0 || target >= ColumnCount)
        return;
    requestMove(caseIds, CaseStatus(target));
}

void CaseBoardPage::focusNeighbour(CaseStatus from, int direction)
{
    // The next column that way with a card to land on (collapsed or empty ones are skipped).
    for (int s = int(from) + direction; s >= 0 && s < ColumnCount; s += direction) {
        CaseBoardColumn *target = m_columns[size_t(s)];
        if (target->isCollapsed() || target->model()->rowCount() == 0)
            continue;
        const int row
            = qMin(column(from)->view()->currentIndex().row(), target->model()->rowCount() - 1);
        const QModelIndex index = target->model()->index(qMax(0, row), 0);
        target->view()->setCurrentIndex(index);
        target->view()->setFocus(Qt::TabFocusReason);
        return;
    }
}

void CaseBoardPage::showCardMenu(const QString &caseId, const QPoint &globalPos)
{
    const itemmodels::CaseBoardCard *card = m_model->card(caseId);
    if (!card)
        return;
    QStringList ids = column(card->status)->selectedCaseIds();
    if (!ids.contains(caseId))
        ids = {caseId};
    QMenu menu(this);
    menu.setObjectName(u"caseCardMenu"_s);
    menu.setToolTipsVisible(true);
    QAction *open = menu.addAction(tr("Open"));
    QAction *window = menu.addAction(tr("Open in new window"));
    QAction *timeline = menu.addAction(tr("Show timeline"));
    timeline->setEnabled(bool(m_context.showItem));
    QMenu *move = menu.addMenu(tr("Move to"));
    move->setObjectName(u"caseMoveMenu"_s);
    move->setToolTipsVisible(true);
    QHash<QAction *, CaseStatus> targets;
    for (CaseStatus s : domain::allValues<CaseStatus>()) {
        if (s == card->status)
            continue;
        const CaseMoveCheck check = itemmodels::checkCaseMove(*card, s);
        QAction *a = move->addAction(
            domain::toString(s) + (s == CaseStatus::Closed ? tr("…") : QString()));
        a->setEnabled(check.isAccepted());
        a->setToolTip(check.reason);
        targets.insert(a, s);
    }
    QAction *chosen = menu.exec(globalPos);
    if (chosen == open)
        openCase(caseId);
    else if (chosen == window)
        openCaseInWindow(caseId);
    else if (chosen == timeline)
        m_context.showItem(Area::Timeline, caseId);
    else if (targets.contains(chosen))
        requestMove(ids, targets.value(chosen));
}

void CaseBoardPage::caseSynced(const QString &caseId)
{
    m_model->refreshCase(caseId, nullptr, itemmodels::CaseBoardModel::RefreshOrder::KeepPlace);
    if (CaseDetailWidget *detail = detailFor(caseId))
        detail->reload();
    for (const QPointer<QWidget> &w : std::as_const(m_windows))
        if (auto *d = qobject_cast<CaseDetailWidget *>(w.data()); d && d->caseId() == caseId)
            d->reload();
}

void CaseBoardPage::caseChanged(const QString &caseId)
{
    m_model->refreshCase(caseId);
    if (CaseDetailWidget *detail = detailFor(caseId))
        detail->reload();
    for (const QPointer<QWidget> &w : std::as_const(m_windows))
        if (auto *d = qobject_cast<CaseDetailWidget *>(w.data()); d && d->caseId() == caseId)
            d->reload();
}

CaseDetailWidget *CaseBoardPage::makeDetail(const QString &caseId, QWidget *parent)
{
    auto *detail = new CaseDetailWidget(m_context, m_actions, caseId, parent);
    connect(detail, &CaseDetailWidget::openInWindowRequested, this,
        [this](const QString &id) { openCaseInWindow(id); });
    return detail;
}

CaseDetailWidget *CaseBoardPage::detailFor(const QString &caseId) const
{
    for (int i = 0; i < m_detailTabs->count(); ++i)
        if (auto *d = qobject_cast<CaseDetailWidget *>(m_detailTabs->widget(i));
            d && d->caseId() == caseId)
            return d;
    return nullptr;
}

void CaseBoardPage::showItem(const QString &caseId)
{
    if (const itemmodels::CaseBoardCard *card = m_model->card(caseId))
        column(card->status)->selectCase(caseId);
    openCase(caseId);
}

void CaseBoardPage::openCase(const QString &caseId)
{
    if (caseId.isEmpty())
        return;
    CaseDetailWidget *detail = detailFor(caseId);
    if (!detail) {
        detail = makeDetail(caseId, m_detailTabs);
        m_detailTabs->addTab(detail, caseId);
    }
    m_detailTabs->setTabText(m_detailTabs->indexOf(detail), detail->shortTitle());
    m_detailTabs->setCurrentWidget(detail);
    m_detailTabs->show();
}

CaseDetailWidget *CaseBoardPage::openCaseInWindow(const QString &caseId)
{
    auto *detail = makeDetail(caseId, nullptr);
    detail->setAttribute(Qt::WA_DeleteOnClose);
    detail->setWindowFlag(Qt::Window);
    detail->setWindowTitle(tr("Case %1 — %2").arg(caseId, detail->shortTitle()));
    detail->resize(720, 800);
    m_windows.append(detail);
    detail->show();
    return detail;
}

void CaseBoardPage::newCase()
{
    QString why;
    if (!m_actions->canWrite(&why)) {
        showMessage(why, true);
        return;
    }
    auto *dialog = new NewCaseDialog(m_actions, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewCaseDialog::caseCreated, this, [this](const QString &caseId) {
        m_model->refreshCase(caseId);
        showItem(caseId);
        showMessage(tr("Created case %1.").arg(caseId), false);
    });
    dialog->open();
}

} // namespace warroom::ui
