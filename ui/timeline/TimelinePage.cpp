#include "TimelinePage.h"

#include "AddTimelineEntryDialog.h"
#include "TimelineAxis.h"
#include "TimelineFileDialog.h"
#include "TimelineRowDelegate.h"
#include "itemmodels/CaseListModel.h"
#include "report/CaseReport.h"
#include "report/PdfReportWriter.h"
#include "store/Database.h"
#include "store/Workspace.h"
#include "sync/LocalChanges.h"
#include "sync/SyncEngine.h"
#include "timeline/BackgroundPriority.h"
#include "timeline/TimelineChain.h"
#include "timeline/TimelineEntryText.h"
#include "timeline/TimelineImport.h"
#include "timeline/TimelineMarkers.h"
#include "timeline/TimelineModel.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QShowEvent>
#include <QSplitter>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace warroom::ui {

using namespace Qt::StringLiterals;
using itemmodels::CaseListModel;
using timeline::ChainVerification;
using timeline::TimelineChain;
using timeline::TimelineModel;

namespace {

QString spanText(qint64 ms)
{
    const qint64 minutes = ms / 60000;
    if (minutes < 120)
        return QObject::tr("%1 min").arg(minutes);
    if (minutes < 48 * 60)
        return QObject::tr("%1 h").arg(minutes / 60);
    if (minutes < 90 * 24 * 60)
        return QObject::tr("%1 d").arg(minutes / (24 * 60));
    return QObject::tr("%1 months").arg(minutes / (30 * 24 * 60));
}

} // namespace

TimelinePage::TimelinePage(const AreaContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_cases(new CaseListModel(context.workspace ? &context.workspace->database() : nullptr, this))
    , m_model(new TimelineModel(context.workspace ? &context.workspace->database() : nullptr, this))
{
    setObjectName(u"timelinePage"_s);
    auto *top = new QWidget(this);
    auto *filters = new QWidget(this);
    buildBars(top, filters);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(u"timelineMessageLabel"_s);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->setFrameShape(QFrame::StyledPanel);
    m_messageLabel->setMargin(6);
    m_messageLabel->hide();

    m_axis = new TimelineAxis(m_model, this);

    m_list = new QTableView(this);
    m_list->setObjectName(u"timelineTableView"_s);
    m_list->setModel(m_model);
    m_list->setItemDelegate(new TimelineRowDelegate(m_list));
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(false);
    m_list->setShowGrid(false);
    m_list->verticalHeader()->hide();
    m_list->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_list->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_list->horizontalHeader()->setHighlightSections(false);
    const int timeWidth = fontMetrics().horizontalAdvance(u"0000-00-00 00:00:00 WWWW"_s) + 16;
    m_list->setColumnWidth(TimelineModel::HappenedColumn, timeWidth);
    m_list->setColumnWidth(TimelineModel::RecordedColumn, timeWidth);
    m_list->setColumnWidth(
        TimelineModel::KindColumn, fontMetrics().horizontalAdvance(tr("Investigation")) + 44);
    m_list->setColumnWidth(TimelineModel::AuthorColumn,
        fontMetrics().horizontalAdvance(u"analyst@example.com"_s) + 16);
    m_list->horizontalHeader()->setStretchLastSection(true);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"timelineSplitter"_s);
    splitter->addWidget(m_axis);
    splitter->addWidget(m_list);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(top);
    layout->addWidget(filters);
    layout->addWidget(m_messageLabel);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_statusBar);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(150);
    connect(m_searchDelay, &QTimer::timeout, this, &TimelinePage::applyFilter);

    connect(m_model, &TimelineModel::loaded, this, &TimelinePage::modelLoaded);
    connect(m_model, &TimelineModel::loadFailed, this, [this](const QString &error) {
        showMessage(tr("The timeline could not be read from the workspace: %1").arg(error), true);
    });
    connect(m_model, &TimelineModel::filtered, this, [this] {
        updateCounts();
        if (m_axis->currentSeq() != 0)
            selectSeq(m_axis->currentSeq());
    });
    connect(m_model, &TimelineModel::verified, this, &TimelinePage::showVerification);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &TimelinePage::listCurrentChanged);
    connect(m_axis, &TimelineAxis::currentSeqChanged, this, &TimelinePage::axisCurrentChanged);
    connect(m_axis, &TimelineAxis::visibleRangeChanged, this, &TimelinePage::updateCounts);
    if (m_context.sync) {
        // Another console's analyst entry, a pull: re-read the case shown (off the GUI thread).
        connect(m_context.sync, &sync::SyncEngine::caseChanged, this, [this](const QString &id) {
            if (id == m_model->caseId() && isVisible())
                m_model->reload();
        });
        // A case made offline got the backend's ID: its timeline moved with it.
        connect(&m_context.sync->changes(), &sync::LocalChanges::caseIdReplaced, this,
            &TimelinePage::caseIdReplaced);
    }

    m_caseCombo->setModel(m_cases);
    m_caseCombo->setModelColumn(CaseListModel::TitleColumn);
    connect(m_caseCombo, &QComboBox::currentIndexChanged, this, &TimelinePage::caseChosen);
    // The cases are read on a worker; the first one is shown once they are there.
    connect(m_cases, &CaseListModel::reloaded, this, &TimelinePage::casesReloaded);
    caseChosen();
    if (context.workspace) {
        m_verificationLabel->setText(tr("Reading the cases…"));
        m_cases->reloadInBackground();
    }
}

TimelinePage::~TimelinePage()
{
    for (QThread *thread : std::as_const(m_jobs)) {
        thread->wait();
        delete thread;
    }
}

void TimelinePage::casesReloaded(bool ok, const QString &error)
{
    if (!ok) {
        showMessage(tr("The cases could not be read from the workspace: %1").arg(error), true);
        return;
    }
    if (!m_pendingCaseId.isEmpty()) {
        const QString pending = std::exchange(m_pendingCaseId, QString());
        const int row = m_cases->rowOf(pending);
        if (row >= 0)
            m_caseCombo->setCurrentIndex(row);
        else
            showMessage(tr("Case %1 is not in this workspace.").arg(pending), true);
        return;
    }
    if (m_caseCombo->currentIndex() < 0 && m_cases->rowCount() > 0)
        m_caseCombo->setCurrentIndex(0);
    else if (m_cases->rowCount() == 0)
        caseChosen();
}

void TimelinePage::caseIdReplaced(const QString &oldId, const QString &newId)
{
    const bool shown = m_model->caseId() == oldId;
    m_cases->replaceCaseId(oldId, newId); // the row keeps its place, or a pulled one stays
    if (!shown)
        return;
    const int row = m_cases->rowOf(newId);
    if (row >= 0 && row != m_caseCombo->currentIndex())
        m_caseCombo->setCurrentIndex(row);
    if (m_model->caseId() != newId)
        caseChosen();
}

void TimelinePage::buildBars(QWidget *top, QWidget *filters)
{
    m_caseCombo = new QComboBox(top);
    m_caseCombo->setObjectName(u"timelineCaseComboBox"_s);
    m_caseCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_caseCombo->setMinimumContentsLength(24);
    auto *caseLabel = new QLabel(tr("&Case:"), top);
    caseLabel->setBuddy(m_caseCombo);

    m_verifyButton = new QPushButton(tr("&Verify"), top);
    m_verifyButton->setObjectName(u"verifyTimelinePushButton"_s);
    m_verifyButton->setToolTip(tr("Check every entry of the hash chain again"));
    connect(m_verifyButton, &QPushButton::clicked, this, &TimelinePage::verifyChain);
    m_verificationLabel = new QLabel(top);
    m_verificationLabel->setObjectName(u"timelineVerificationLabel"_s);
    m_verificationLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verificationLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_addButton = new QPushButton(tr("&Add entry…"), top);
    m_addButton->setObjectName(u"addTimelineEntryPushButton"_s);
    m_addButton->setToolTip(tr("Add what an analyst found out, with when it happened"));
    connect(m_addButton, &QPushButton::clicked, this, &TimelinePage::addEntryInteractively);
    m_exportButton = new QPushButton(tr("E&xport CSV…"), top);
    m_exportButton->setObjectName(u"exportTimelinePushButton"_s);
    connect(m_exportButton, &QPushButton::clicked, this, &TimelinePage::exportCsvInteractively);

    auto *topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(caseLabel);
    topLayout->addWidget(m_caseCombo, 2);
    topLayout->addWidget(m_verifyButton);
    topLayout->addWidget(m_verificationLabel, 3);
    topLayout->addWidget(m_addButton);
    topLayout->addWidget(m_exportButton);
    topLayout->addWidget(buildCaseMenu(top));

    m_kindCombo = new QComboBox(filters);
    m_kindCombo->setObjectName(u"timelineKindComboBox"_s);
    m_kindCombo->addItem(tr("Every kind"), QString());
    m_authorCombo = new QComboBox(filters);
    m_authorCombo->setObjectName(u"timelineAuthorComboBox"_s);
    m_authorCombo->addItem(tr("Every author"), QString());
    m_authorCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_authorCombo->setMinimumContentsLength(12);
    m_searchEdit = new QLineEdit(filters);
    m_searchEdit->setObjectName(u"timelineSearchLineEdit"_s);
    m_searchEdit->setPlaceholderText(tr("Search the entries"));
    m_searchEdit->setClearButtonEnabled(true);
    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, &TimelinePage::applyFilter);
    connect(m_authorCombo, &QComboBox::currentIndexChanged, this, &TimelinePage::applyFilter);
    connect(m_searchEdit, &QLineEdit::textChanged, this, [this] { m_searchDelay->start(); });

    auto zoomButton = [this](const QString &text, const QString &name, const QString &tip) {
        auto *button = new QToolButton(this);
        button->setText(text);
        button->setObjectName(name);
        button->setToolTip(tip);
        button->setAutoRaise(true);
        return button;
    };
    auto *zoomOut = zoomButton(u"−"_s, u"zoomOutToolButton"_s, tr("Zoom out (-)"));
    auto *zoomIn = zoomButton(u"+"_s, u"zoomInToolButton"_s, tr("Zoom in (+)"));
    auto *fit = zoomButton(tr("Fit"), u"zoomFitToolButton"_s, tr("Show every entry (0)"));
    connect(zoomOut, &QToolButton::clicked, this, [this] {
        m_axis->zoom(2.0, m_axis->laneLeft() + (m_axis->width() - m_axis->laneLeft()) / 2);
    });
    connect(zoomIn, &QToolButton::clicked, this, [this] {
        m_axis->zoom(0.5, m_axis->laneLeft() + (m_axis->width() - m_axis->laneLeft()) / 2);
    });
    connect(fit, &QToolButton::clicked, this, [this] { m_axis->fitAll(); });
    m_rangeLabel = new QLabel(this);
    m_rangeLabel->setObjectName(u"timelineRangeLabel"_s);

    auto *filterLayout = new QHBoxLayout(filters);
    filterLayout->setContentsMargins(0, 0, 0, 0);
    filterLayout->addWidget(new QLabel(tr("Kind:"), filters));
    filterLayout->addWidget(m_kindCombo);
    filterLayout->addWidget(new QLabel(tr("Author:"), filters));
    filterLayout->addWidget(m_authorCombo);
    filterLayout->addWidget(m_searchEdit, 1);

    // Under the list: the count, then the visible range and the zoom buttons.
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(u"timelineCountLabel"_s);
    m_statusBar = new QWidget(this);
    auto *statusLayout = new QHBoxLayout(m_statusBar);
    statusLayout->setContentsMargins(0, 0, 0, 0);
    statusLayout->addWidget(m_countLabel);
    m_busyBar = new QProgressBar(m_statusBar);
    m_busyBar->setObjectName(u"timelineBusyProgressBar"_s);
    m_busyBar->setRange(0, 0); // busy: how long a report or an import takes is not known
    m_busyBar->setMaximumWidth(160);
    m_busyBar->setTextVisible(false);
    m_busyBar->hide();
    statusLayout->addWidget(m_busyBar);
    statusLayout->addStretch(1);
    statusLayout->addWidget(m_rangeLabel);
    statusLayout->addWidget(zoomOut);
    statusLayout->addWidget(zoomIn);
    statusLayout->addWidget(fit);
}

QString TimelinePage::caseId() const
{
    return m_model->caseId();
}

QString TimelinePage::verificationText() const
{
    return m_verificationLabel->text();
}

void TimelinePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (event->spontaneous() || !m_context.workspace)
        return;
    // Coming back to the area: new cases, new entries (both read off the GUI thread).
    m_cases->reloadInBackground();
    if (!m_model->caseId().isEmpty() && !m_model->isLoading())
        m_model->reload();
}

void TimelinePage::showItem(const QString &caseId)
{
    const int row = m_cases->rowOf(caseId);
    if (row >= 0) {
        m_caseCombo->setCurrentIndex(row);
        return;
    }
    // Not listed yet (new, or the list is still being read): shown once it is read.
    m_pendingCaseId = caseId;
    m_cases->reloadInBackground();
}

void TimelinePage::caseChosen()
{
    const int row = m_caseCombo->currentIndex();
    const QString id
        = row >= 0 && row < m_cases->rowCount() ? m_cases->summary(row).caseId : QString();
    const bool hasCase = !id.isEmpty();
    m_verifyButton->setEnabled(hasCase);
    m_caseCombo->setToolTip(hasCase ? tr("Case %1").arg(id) : QString());
    m_messageLabel->hide();
    m_selectNewest = false;
    m_axis->setCurrentSeq(0);
    if (m_postHeadPending) {
        // The verification it waited for is of the case left behind.
        m_postHeadPending = false;
        finishJob({false, tr("The chain head was not posted: another case was chosen."), {}});
    }
    {
        const QSignalBlocker kinds(m_kindCombo);
        const QSignalBlocker authors(m_authorCombo);
        while (m_kindCombo->count() > 1)
            m_kindCombo->removeItem(1);
        while (m_authorCombo->count() > 1)
            m_authorCombo->removeItem(1);
    }
    m_model->setFilter({{}, {}, m_searchEdit->text().trimmed()});
    m_verificationLabel->setText(
        hasCase ? tr("Reading the timeline…") : tr("This workspace has no cases yet."));
    m_verificationLabel->setStyleSheet(QString());
    if (hasCase)
        m_model->setCaseId(id);
    updateActions();
    updateCounts();
}

void TimelinePage::updateActions()
{
    const bool ready = !m_model->caseId().isEmpty() && m_context.workspace && !isBusy();
    m_addButton->setEnabled(ready);
    m_exportButton->setEnabled(ready);
    m_caseMenuButton->setEnabled(ready);
    m_reportAction->setEnabled(ready);
    m_postHeadAction->setEnabled(ready && !m_postHeadPending);
    m_importAction->setEnabled(ready);
}

void TimelinePage::modelLoaded()
{
    // Keep what is chosen in the filters when the lists of kinds and authors change.
    const QString kind = m_kindCombo->currentData().toString();
    const QString who = m_authorCombo->currentData().toString();
    {
        const QSignalBlocker kinds(m_kindCombo);
        const QSignalBlocker authors(m_authorCombo);
        while (m_kindCombo->count() > 1)
            m_kindCombo->removeItem(1);
        for (const QString &k : m_model->kinds())
            m_kindCombo->addItem(timeline::entrytext::kindTitle(k), k);
        while (m_authorCombo->count() > 1)
            m_authorCombo->removeItem(1);
        for (const QString &a : m_model->authors())
            m_authorCombo->addItem(a, a);
        m_kindCombo->setCurrentIndex(qMax(0, m_kindCombo->findData(kind)));
        m_authorCombo->setCurrentIndex(qMax(0, m_authorCombo->findData(who)));
    }
    if (m_model->totalCount() > 0) {
        m_verificationLabel->setText(tr("Verifying the hash chain…"));
        m_model->verify();
    } else {
        m_verificationLabel->setText(tr("No entries yet: the chain is empty."));
    }
    updateCounts();
    if (m_selectNewest) {
        m_selectNewest = false;
        selectNewest();
    }
}

void TimelinePage::applyFilter()
{
    timeline::TimelineFilter filter;
    if (const QString kind = m_kindCombo->currentData().toString(); !kind.isEmpty())
        filter.kinds.insert(kind);
    filter.author = m_authorCombo->currentData().toString();
    filter.search = m_searchEdit->text().trimmed();
    m_model->setFilter(filter);
}

void TimelinePage::verifyChain()
{
    if (m_model->caseId().isEmpty())
        return;
    m_verificationLabel->setText(tr("Verifying the hash chain…"));
    m_verificationLabel->setStyleSheet(QString());
    m_model->verify();
}

void TimelinePage::showVerification(const ChainVerification &result)
{
    if (m_postHeadPending) {
        m_postHeadPending = false;
        JobResult posted;
        QString error;
        const QString caseId = m_model->caseId();
        if (changes() && !changes()->postVerifiedHead(caseId, result, &error).isEmpty()) {
            posted.ok = true;
            posted.message
                = tr("Chain head %1… (%n entries) posted to case %2 as a comment; the backend "
                     "timestamps it when it is sent.",
                    nullptr, result.entries)
                      .arg(result.head.left(12), caseId);
            m_selectNewest = true;
            m_model->reload();
        } else {
            posted.message = tr("The chain head was not posted: %1").arg(error);
        }
        finishJob(posted);
    }
    if (result.ok) {
        m_verificationLabel->setText(result.entries == 0
                ? tr("No entries yet: the chain is empty.")
                : tr("✔ Verified: %n entries chain correctly, head %1…", nullptr, result.entries)
                      .arg(result.head.left(12)));
        const bool dark = palette().color(QPalette::Window).lightness() < 128;
        m_verificationLabel->setStyleSheet(dark ? u"color: #81c784; font-weight: bold;"_s
                                                : u"color: #2e7d32; font-weight: bold;"_s);
        m_verificationLabel->setToolTip(tr("Chain head (SHA-256): %1").arg(result.head));
        return;
    }
    m_verificationLabel->setText(tr("✘ Not verified: %1").arg(result.problem));
    m_verificationLabel->setStyleSheet(u"color: #e53935; font-weight: bold;"_s);
    m_verificationLabel->setToolTip(result.problem);
    if (result.firstBadSeq > 0) {
        // Show the first bad entry when the filters let it through.
        if (m_model->rowOfSeq(result.firstBadSeq) >= 0) {
            selectSeq(result.firstBadSeq);
            m_axis->setCurrentSeq(result.firstBadSeq);
        }
    }
}

void TimelinePage::listCurrentChanged()
{
    if (m_syncingSelection)
        return;
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    m_axis->setCurrentSeq(current.data(TimelineModel::SeqRole).toLongLong());
}

void TimelinePage::axisCurrentChanged(qint64 seq)
{
    selectSeq(seq);
}

void TimelinePage::selectSeq(qint64 seq)
{
    const int row = m_model->rowOfSeq(seq);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, 0);
    if (m_list->currentIndex().row() == row)
        return;
    m_syncingSelection = true;
    m_list->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_list->scrollTo(index);
    m_syncingSelection = false;
}

void TimelinePage::updateCounts()
{
    const int total = m_model->totalCount();
    const int shown = m_model->rowCount();
    if (m_model->isLoading())
        m_countLabel->setText(tr("Loading the timeline…"));
    else if (shown == total)
        m_countLabel->setText(tr("%n entries", nullptr, total));
    else
        m_countLabel->setText(tr("%1 of %n entries shown", nullptr, total).arg(shown));
    const qint64 start = m_axis->visibleStartMs();
    const qint64 end = m_axis->visibleEndMs();
    const auto utc = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(u"MMM d HH:mm"_s);
    };
    m_rangeLabel->setText(tr("%1 – %2 UTC (%3)").arg(utc(start), utc(end), spanText(end - start)));
}

void TimelinePage::showMessage(const QString &text, bool problem)
{
    m_messageLabel->setText(text);
    m_messageLabel->setStyleSheet(problem ? u"color: #e53935;"_s : QString());
    m_messageLabel->show();
}

QString TimelinePage::author() const
{
    if (m_context.sync && !m_context.sync->changes().principal().isEmpty())
        return m_context.sync->changes().principal();
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? tr("analyst") : user;
}

sync::LocalChanges *TimelinePage::changes()
{
    if (m_context.sync)
        return &m_context.sync->changes();
    // No engine: the change still goes to the store and the outbox, and is sent when a
    // sync engine next runs on this workspace.
    if (!m_ownChanges && m_context.workspace)
        m_ownChanges = new sync::LocalChanges(m_context.workspace->database(), author(), this);
    return m_ownChanges;
}

bool TimelinePage::addEntry(
    const QDateTime &happenedUtc, int offsetSeconds, const QString &text, QString *error)
{
    if (!m_context.workspace || m_model->caseId().isEmpty()) {
        *error = tr("Choose a case first.");
        return false;
    }
    timeline::AnalystNote note;
    note.occurredAt = happenedUtc.toUTC();
    note.occurredOffset = offsetSeconds;
    note.text = text.trimmed();
    if (changes()->addTimelineEntry(m_model->caseId(), note, error).isEmpty())
        return false;
    m_selectNewest = true;
    m_model->reload();
    return true;
}

void TimelinePage::selectNewest()
{
    int newest = -1;
    qint64 newestSeq = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->entry(row).seq > newestSeq) {
            newestSeq = m_model->entry(row).seq;
            newest = row;
        }
    }
    if (newest >= 0) {
        selectSeq(newestSeq);
        m_axis->setCurrentSeq(newestSeq);
    }
}

void TimelinePage::addEntryInteractively()
{
    if (m_model->caseId().isEmpty())
        return;
    AddTimelineEntryDialog dialog(m_caseCombo->currentText(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!addEntry(dialog.happenedAt(), dialog.occurredOffset(), dialog.text(), &error))
        showMessage(tr("The entry could not be added: %1").arg(error), true);
}

QString TimelinePage::messageText() const
{
    return m_messageLabel->isVisibleTo(this) ? m_messageLabel->text() : QString();
}

QToolButton *TimelinePage::buildCaseMenu(QWidget *top)
{
    m_caseMenuButton = new QToolButton(top);
    m_caseMenuButton->setObjectName(u"timelineCaseMenuToolButton"_s);
    m_caseMenuButton->setText(tr("Case &tools"));
    m_caseMenuButton->setToolTip(tr("Report, chain head and import for this case"));
    m_caseMenuButton->setPopupMode(QToolButton::InstantPopup);
    m_caseMenuButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(m_caseMenuButton);
    menu->setObjectName(u"timelineCaseMenu"_s);
    m_reportAction = menu->addAction(tr("Export &report…"));
    m_reportAction->setObjectName(u"exportReportAction"_s);
    m_reportAction->setToolTip(tr("The post-incident report of the case, as PDF or Markdown"));
    connect(m_reportAction, &QAction::triggered, this, &TimelinePage::exportReportInteractively);
    m_postHeadAction = menu->addAction(tr("&Post chain head to case"));
    m_postHeadAction->setObjectName(u"postChainHeadAction"_s);
    m_postHeadAction->setToolTip(
        tr("Verify the timeline and post its head as a comment, so the backend timestamps it"));
    connect(m_postHeadAction, &QAction::triggered, this, &TimelinePage::postChainHead);
    menu->addSeparator();
    m_importAction = menu->addAction(tr("&Import CSV…"));
    m_importAction->setObjectName(u"importTimelineCsvAction"_s);
    m_importAction->setToolTip(
        tr("Add the entries of an exported timeline to this case as analyst entries"));
    connect(m_importAction, &QAction::triggered, this, &TimelinePage::importCsvInteractively);
    auto *exportCsvAction = menu->addAction(tr("E&xport CSV…"));
    exportCsvAction->setObjectName(u"exportTimelineCsvAction"_s);
    connect(exportCsvAction, &QAction::triggered, this, &TimelinePage::exportCsvInteractively);
    m_caseMenuButton->setMenu(menu);
    return m_caseMenuButton;
}

void TimelinePage::runJob(const QString &busyText, std::function<JobResult()> work)
{
    m_busyText = busyText;
    showMessage(busyText, false);
    m_busyBar->show();
    updateActions();
    store::Database *database = &m_context.workspace->database();
    QThread *thread = QThread::create([this, database, work = std::move(work)] {
        timeline::lowerCurrentThreadPriority();
        const JobResult result = work();
        database->releaseThreadConnections();
        QMetaObject::invokeMethod(
            this, [this, result] { finishJob(result); }, Qt::QueuedConnection);
    });
    m_jobs.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_jobs.removeOne(thread);
        delete thread;
    });
    thread->start();
}

void TimelinePage::finishJob(const JobResult &result)
{
    m_busyText.clear();
    m_busyBar->hide();
    JobResult shown = result;
    if (shown.then)
        shown.then(shown);
    showMessage(shown.message, !shown.ok);
    updateActions();
    emit jobFinished(shown.ok, shown.message);
}

void TimelinePage::exportCsv(const QString &path)
{
    if (!m_context.workspace || m_model->caseId().isEmpty() || isBusy())
        return;
    store::Database *database = &m_context.workspace->database();
    const QString caseId = m_model->caseId();
    runJob(tr("Exporting the timeline of case %1…").arg(caseId), [database, caseId, path] {
        JobResult result;
        QString error;
        const QList<timeline::TimelineEntry> entries
            = TimelineChain(*database).entries(caseId, &error);
        if (!error.isEmpty()) {
            result.message = tr("The timeline could not be exported: %1").arg(error);
            return result;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(TimelineChain::toCsv(entries)) < 0
            || !file.commit()) {
            result.message = tr("The timeline could not be exported: %1").arg(file.errorString());
            return result;
        }
        result.ok = true;
        result.message = tr("Exported %n entries to %1.", nullptr, int(entries.size()))
                             .arg(QDir::toNativeSeparators(path));
        return result;
    });
}

void TimelinePage::exportCsvInteractively()
{
    if (m_model->caseId().isEmpty())
        return;
    const QString suggested = QDir::home().filePath(u"timeline-%1.csv"_s.arg(m_model->caseId()));
    const QString path = TimelineFileDialog::getSaveFileName(
        this, tr("Export timeline as CSV"), suggested, tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void TimelinePage::exportReport(const QString &path)
{
    if (!m_context.workspace || m_model->caseId().isEmpty() || isBusy())
        return;
    store::Database *database = &m_context.workspace->database();
    const QString caseId = m_model->caseId();
    const bool markdown = path.endsWith(u".md"_s, Qt::CaseInsensitive)
        || path.endsWith(u".markdown"_s, Qt::CaseInsensitive);
    runJob(tr("Writing the report of case %1…").arg(caseId), [database, caseId, path, markdown] {
        JobResult result;
        QString error;
        const auto report = report::CaseReport::load(*database, caseId, &error);
        if (!report) {
            result.message = tr("The report could not be written: %1").arg(error);
            return result;
        }
        if (markdown) {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(report->toMarkdown().toUtf8()) < 0
                || !file.commit()) {
                result.message = tr("The report could not be written: %1").arg(file.errorString());
                return result;
            }
        } else if (!report::PdfReportWriter::write(*report, path, &error)) {
            result.message = tr("The report could not be written: %1").arg(error);
            return result;
        }
        result.ok = true;
        result.message = tr("Report of case %1 written to %2 (%n timeline entries, chain %3).",
            nullptr, int(report->timeline().size()))
                             .arg(caseId, QDir::toNativeSeparators(path),
                                 report->verification().ok ? tr("verified") : tr("NOT verified"));
        return result;
    });
}

void TimelinePage::exportReportInteractively()
{
    if (m_model->caseId().isEmpty())
        return;
    const QString suggested = QDir::home().filePath(u"report-%1.pdf"_s.arg(m_model->caseId()));
    const QString path = TimelineFileDialog::getSaveFileName(this, tr("Export case report"),
        suggested, tr("PDF (*.pdf);;Markdown (*.md);;All files (*)"));
    if (!path.isEmpty())
        exportReport(path);
}

void TimelinePage::importCsv(const QString &path)
{
    if (!m_context.workspace || m_model->caseId().isEmpty() || isBusy())
        return;
    store::Database *database = &m_context.workspace->database();
    const QString caseId = m_model->caseId();
    runJob(tr("Reading %1…").arg(QDir::toNativeSeparators(path)), [this, database, caseId, path] {
        JobResult result;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            result.message = tr("%1 could not be read: %2")
                                 .arg(QDir::toNativeSeparators(path), file.errorString());
            return result;
        }
        auto plan = std::make_shared<timeline::TimelineImport::Plan>(
            timeline::TimelineImport::prepare(*database, caseId, file.readAll()));
        if (!plan->problems.isEmpty()) {
            const int shown = int(qMin<qsizetype>(plan->problems.size(), 12));
            QStringList lines = plan->problems.mid(0, shown);
            if (plan->problems.size() > shown)
                lines.append(tr("… and %n more.", nullptr, int(plan->problems.size()) - shown));
            result.message = tr("Nothing was imported: %1 is not a timeline export this console "
                                "can take.\n%2")
                                 .arg(QDir::toNativeSeparators(path), lines.join(u'\n'));
            return result;
        }
        if (plan->notes.isEmpty()) {
            result.ok = true;
            result.message = tr("Nothing to import: the %n entries of the file are on case %1 "
                                "already.",
                nullptr, plan->records)
                                 .arg(caseId);
            return result;
        }
        // The store write (one transaction) on the GUI thread, through the sync layer.
        result.then = [this, plan, caseId](JobResult &done) {
            QString error;
            const QStringList ids = changes()
                ? changes()->addTimelineEntries(caseId, plan->notes, &error)
                : QStringList();
            if (ids.isEmpty()) {
                done.message = tr("Nothing was imported: %1").arg(error);
                return;
            }
            done.ok = true;
            done.message = tr("Imported %n entries into case %1 as analyst entries (%2 of the "
                              "file's were on the case already); they go to the backend with "
                              "the next sync.",
                nullptr, int(ids.size()))
                               .arg(caseId)
                               .arg(plan->alreadyThere);
            if (m_model->caseId() == caseId)
                m_model->reload();
        };
        return result;
    });
}

void TimelinePage::importCsvInteractively()
{
    if (m_model->caseId().isEmpty())
        return;
    const QString path = TimelineFileDialog::getOpenFileName(
        this, tr("Import timeline CSV"), tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importCsv(path);
}

void TimelinePage::postChainHead()
{
    if (!m_context.workspace || m_model->caseId().isEmpty() || isBusy())
        return;
    // Verifying 100,000 entries takes seconds: on the model's worker; showVerification()
    // posts the head it found.
    m_postHeadPending = true;
    m_busyText = tr("Verifying the timeline before posting its head…");
    showMessage(m_busyText, false);
    m_busyBar->show();
    updateActions();
    verifyChain();
}

} // namespace warroom::ui
