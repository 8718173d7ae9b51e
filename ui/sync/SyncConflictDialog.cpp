#include "SyncConflictDialog.h"

#include "sync/CaseMerge.h"
#include "sync/SyncEngine.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace warroom::ui {

using namespace Qt::StringLiterals;

namespace {

enum Column { CaseColumn, FieldColumn, BaseColumn, MineColumn, TheirsColumn, ColumnCount };
constexpr int CaseIdRole = Qt::UserRole + 1;
constexpr int FieldRole = Qt::UserRole + 2;

QString oneLine(const QString &text)
{
    QString line = text;
    line.replace(u'\n', u' ');
    return line.size() > 60 ? line.left(59) + u'…' : line;
}

} // namespace

SyncConflictDialog::SyncConflictDialog(
    sync::SyncEngine *engine, const QString &caseId, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_caseId(caseId)
{
    setObjectName(u"syncConflictDialog"_s);
    setWindowTitle(
        caseId.isEmpty() ? tr("Sync conflicts") : tr("Sync conflicts of case %1").arg(caseId));
    auto *intro = new QLabel(tr("These fields were changed here and on the backend since the "
                                "last sync. Choose for each: keep yours (it is sent and "
                                "replaces the backend's) or take the backend's (your change "
                                "of that field is dropped). Nothing of the case is sent until "
                                "every field is decided."),
        this);
    intro->setWordWrap(true);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(u"conflictTree"_s);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels(
        {tr("Case"), tr("Field"), tr("Last synced"), tr("Yours"), tr("Backend's")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(true);
    m_detail = new QLabel(this);
    m_detail->setObjectName(u"conflictDetailLabel"_s);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"conflictProblemLabel"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();

    m_keep = new QPushButton(tr("Keep mine"), this);
    m_keep->setObjectName(u"keepMineButton"_s);
    m_take = new QPushButton(tr("Take theirs"), this);
    m_take->setObjectName(u"takeTheirsButton"_s);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    close->setObjectName(u"conflictButtonBox"_s);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_keep, &QPushButton::clicked, this, &SyncConflictDialog::keepMine);
    connect(m_take, &QPushButton::clicked, this, &SyncConflictDialog::takeTheirs);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &SyncConflictDialog::showSelected);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_keep);
    buttons->addWidget(m_take);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_detail);
    layout->addWidget(m_problem);
    layout->addLayout(buttons);
    resize(760, 380);

    if (m_engine)
        connect(m_engine, &sync::SyncEngine::conflictsChanged, this, &SyncConflictDialog::reload);
    reload();
}

int SyncConflictDialog::conflictCount() const
{
    return m_tree->topLevelItemCount();
}

void SyncConflictDialog::reload()
{
    const QString selectedCase
        = m_tree->currentItem() ? m_tree->currentItem()->data(0, CaseIdRole).toString() : QString();
    const QString selectedField
        = m_tree->currentItem() ? m_tree->currentItem()->data(0, FieldRole).toString() : QString();
    m_tree->clear();
    if (!m_engine)
        return;
    const auto conflicts
        = m_caseId.isEmpty() ? m_engine->conflicts() : m_engine->conflictsForCase(m_caseId);
    for (const auto &c : conflicts) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(CaseColumn, c.caseId);
        item->setText(FieldColumn, sync::CaseMerge::fieldLabel(c.field));
        item->setText(BaseColumn, oneLine(sync::CaseMerge::displayValue(c.field, c.baseValue)));
        item->setText(MineColumn, oneLine(sync::CaseMerge::displayValue(c.field, c.localValue)));
        item->setText(TheirsColumn, oneLine(sync::CaseMerge::displayValue(c.field, c.remoteValue)));
        item->setData(0, CaseIdRole, c.caseId);
        item->setData(0, FieldRole, c.field);
        item->setData(
            MineColumn, Qt::UserRole, sync::CaseMerge::displayValue(c.field, c.localValue));
        item->setData(
            TheirsColumn, Qt::UserRole, sync::CaseMerge::displayValue(c.field, c.remoteValue));
        item->setData(
            BaseColumn, Qt::UserRole, sync::CaseMerge::displayValue(c.field, c.baseValue));
    }
    if (!selectConflict(selectedCase, selectedField) && m_tree->topLevelItemCount() > 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(0));
    showSelected();
}

bool SyncConflictDialog::selectConflict(const QString &caseId, const QString &field)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->data(0, CaseIdRole).toString() == caseId
            && item->data(0, FieldRole).toString() == field) {
            m_tree->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

void SyncConflictDialog::showSelected()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    m_keep->setEnabled(item != nullptr);
    m_take->setEnabled(item != nullptr);
    if (!item) {
        m_detail->setText(
            m_tree->topLevelItemCount() == 0 ? tr("No conflicts are waiting.") : QString());
        return;
    }
    m_detail->setText(tr("%1 of case %2\nLast synced: %3\nYours: %4\nBackend's: %5")
                          .arg(item->text(FieldColumn), item->text(CaseColumn),
                              item->data(BaseColumn, Qt::UserRole).toString(),
                              item->data(MineColumn, Qt::UserRole).toString(),
                              item->data(TheirsColumn, Qt::UserRole).toString()));
}

bool SyncConflictDialog::keepMine()
{
    return resolve(true);
}

bool SyncConflictDialog::takeTheirs()
{
    return resolve(false);
}

bool SyncConflictDialog::resolve(bool keepMine)
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || !m_engine)
        return false;
    QString error;
    const bool ok = m_engine->resolveConflict(item->data(0, CaseIdRole).toString(),
        item->data(0, FieldRole).toString(),
        keepMine ? sync::SyncEngine::ConflictChoice::KeepMine
                 : sync::SyncEngine::ConflictChoice::TakeTheirs,
        &error);
    m_problem->setVisible(!ok);
    m_problem->setText(error);
    reload();
    return ok;
}

} // namespace warroom::ui
