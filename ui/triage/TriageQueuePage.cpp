#include "TriageQueuePage.h"

#include "EscalationDialog.h"
#include "FindingDetailPane.h"
#include "FindingFileDialog.h"
#include "MessageBox.h"
#include "RuleEditorDialog.h"
#include "SecurityHubPullDialog.h"
#include "SeverityDelegate.h"
#include "aws/AwsHttpClient.h"
#include "aws/CredentialChain.h"
#include "domain/Case.h" // before sync/LocalChanges.h, which uses domain::Case
#include "domain/SuppressionRule.h"
#include "ingest/FindingImporter.h"
#include "ingest/FindingRetriage.h"
#include "ingest/SecurityHubPuller.h"
#include "ingest/StoredTriage.h"
#include "itemmodels/FindingDecisions.h"
#include "itemmodels/FindingEscalation.h"
#include "itemmodels/FindingQueueModel.h"
#include "itemmodels/FindingSavedFilters.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/RuleRepository.h"
#include "store/Workspace.h"
#include "sync/FindingAutoEscalation.h"
#include "sync/LocalChanges.h"
#include "sync/SyncEngine.h"
#include "sync/TriageShare.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QToolBar>
#include <QUuid>
#include <QVBoxLayout>

namespace warroom::ui::triage {

using namespace Qt::StringLiterals;
using itemmodels::FindingQueueFilter;
using itemmodels::FindingQueueModel;

namespace {

constexpr int NewFindingsPollMs = 3000;
constexpr int SearchDelayMs = 150;

// Minimum severity choices: the lower bound of each GuardDuty band.
const QList<std::pair<const char *, double>> SeverityFloors = {
    {QT_TRANSLATE_NOOP("TriageQueuePage", "Any severity"), 0.0},
    {QT_TRANSLATE_NOOP("TriageQueuePage", "Low and above"), 1.0},
    {QT_TRANSLATE_NOOP("TriageQueuePage", "Medium and above"), 4.0},
    {QT_TRANSLATE_NOOP("TriageQueuePage", "High and above"), 7.0},
    {QT_TRANSLATE_NOOP("TriageQueuePage", "Critical only"), 9.0},
};

QString loginName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("USERNAME");
    return name.isEmpty() ? u"analyst"_s : name;
}

QString localFileFrom(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            return url.toLocalFile();
    }
    return {};
}

std::optional<QString> nextFilterName;
std::optional<QString> nextEscalationTarget;
std::optional<ingest::SecurityHubPullSettings> nextPullSettings;

} // namespace

TriageQueuePage::TriageQueuePage(const AreaContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_analyst(loginName())
{
    setObjectName(u"triageQueuePage"_s);
    setAcceptDrops(true);
    store::Database &database = m_context.workspace->database();
    m_model = new FindingQueueModel(database, this);
    m_decisions = std::make_unique<itemmodels::FindingDecisions>(database);
    m_puller = new ingest::SecurityHubPuller(database, this);
    buildUi();
    buildActions();
    reloadSavedFilters();
    connect(m_puller, &ingest::SecurityHubPuller::statusChanged, this,
        [this] { m_hubStatusLabel->setText(m_puller->statusText()); });
    connect(m_puller, &ingest::SecurityHubPuller::pullFinished, this,
        [this](const ingest::SecurityHubPullResult &result) {
            if (result.ok() && result.stored > 0)
                m_model->checkForNewFindings(); // the "N new" bar, nothing moves
        });
    applyPullSettings(ingest::SecurityHubPullSettings::load(database));
    if (m_context.sync) {
        m_share = new sync::TriageShare(*m_context.sync, this);
        m_share->setAnalyst(m_analyst);
        m_decisions->setChangeHook(
            [this](QSqlDatabase &connection, const QList<itemmodels::FindingDecisionState> &before,
                const QList<itemmodels::FindingDecisionState> &after, QString *error) {
                const auto convert = [](const QList<itemmodels::FindingDecisionState> &states) {
                    QList<sync::TriageShare::FindingState> out;
                    for (const auto &s : states)
                        out.append({s.id, s.verdict, s.verdictRule, s.assignee, s.caseId});
                    return out;
                };
                return m_share->queueChanges(connection, convert(before), convert(after), error);
            });
        connect(m_share, &sync::TriageShare::stateChanged, this,
            &TriageQueuePage::onSharedStateChanged);
        connect(m_share, &sync::TriageShare::refused, this,
            [this](const QString &findingId, const QString &message) {
                report(tr("Finding %1: %2").arg(findingId, message));
            });
        m_share->start();
        m_model->setWorkedBy(m_share->workedByOthers());
    }
    m_shareLabel->setText(m_share ? m_share->describe()
                                  : tr("Triage decisions stay on this console (no sync engine)"));
    // A case created by an escalation gets its real ID at the first sync: the rows follow.
    if (m_context.sync)
        connect(m_context.sync, &sync::SyncEngine::caseIdReplaced, this,
            &TriageQueuePage::followCaseId);
    // Findings stored without triage (the demo workspace, an older import) get their
    // verdicts in the background; the queue shows them when that is done.
    if (ingest::FindingRetriage::pending(database, ingest::FindingRetriage::Scope::Untriaged) > 0)
        QTimer::singleShot(
            0, this, [this] { retriage(ingest::FindingRetriage::Scope::Untriaged); });
    else if (m_context.sync) // findings a rule escalated before a restart, not in a case yet
        QTimer::singleShot(0, this, [this] { autoEscalate(); });
}

TriageQueuePage::~TriageQueuePage()
{
    if (m_importThread) {
        m_importCancel->store(true);
        m_importThread->wait();
        delete m_importThread;
    }
}

void TriageQueuePage::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(u"triageToolBar"_s);
    auto *importAction = toolbar->addAction(tr("Import findings\u2026"));
    importAction->setObjectName(u"importFindingsAction"_s);
    importAction->setShortcut(QKeySequence(u"Ctrl+I"_s));
    importAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    importAction->setToolTip(tr("Import a findings file (Ctrl+I), or drop one on the queue"));
    connect(importAction, &QAction::triggered, this, &TriageQueuePage::chooseFileToImport);
    addAction(importAction);
    auto *pullAction = toolbar->addAction(tr("Pull from Security Hub"));
    pullAction->setObjectName(u"pullSecurityHubAction"_s);
    pullAction->setShortcut(QKeySequence(u"Ctrl+Shift+P"_s));
    pullAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    pullAction->setToolTip(tr("Pull the findings Security Hub updated since the last pull now"));
    connect(pullAction, &QAction::triggered, this, &TriageQueuePage::pullSecurityHub);
    addAction(pullAction);
    auto *pullSettings = toolbar->addAction(tr("Security Hub\u2026"));
    pullSettings->setObjectName(u"securityHubSettingsAction"_s);
    pullSettings->setToolTip(tr("Schedule and filters of the Security Hub pull"));
    connect(pullSettings, &QAction::triggered, this, &TriageQueuePage::editSecurityHubSettings);

    auto *rulesAction = toolbar->addAction(tr("Rules\u2026"));
    rulesAction->setObjectName(u"editRulesAction"_s);
    rulesAction->setShortcut(QKeySequence(u"Ctrl+R"_s));
    rulesAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    rulesAction->setToolTip(tr("Triage rules, trusted networks, thresholds and auto-escalation "
                               "(Ctrl+R)"));
    connect(rulesAction, &QAction::triggered, this, [this] { openRuleEditor(); });
    addAction(rulesAction);

    m_search = new QLineEdit(toolbar);
    m_search->setObjectName(u"searchEdit"_s);
    m_search->setPlaceholderText(tr("Search title, description, type, resource (/)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(fontMetrics().horizontalAdvance(u'x') * 36);
    toolbar->addWidget(m_search);

    m_verdict = new QComboBox(toolbar);
    m_verdict->setObjectName(u"verdictCombo"_s);
    m_verdict->addItem(tr("Queued"), u"Queued"_s);
    m_verdict->addItem(tr("Escalated"), u"Escalated"_s);
    m_verdict->addItem(tr("Suppressed"), u"Suppressed"_s);
    m_verdict->addItem(tr("All verdicts"), QString());
    toolbar->addWidget(m_verdict);

    m_severity = new QComboBox(toolbar);
    m_severity->setObjectName(u"severityCombo"_s);
    for (const auto &[label, floor] : SeverityFloors)
        m_severity->addItem(tr(label), floor);
    toolbar->addWidget(m_severity);

    m_group = new QCheckBox(tr("Group repeats"), toolbar);
    m_group->setObjectName(u"groupRepeatsCheck"_s);
    m_group->setChecked(true);
    toolbar->addWidget(m_group);

    m_saved = new QComboBox(toolbar);
    m_saved->setObjectName(u"savedFilterCombo"_s);
    m_saved->setMinimumContentsLength(14);
    toolbar->addWidget(m_saved);
    auto *saveFilter = toolbar->addAction(tr("Save filter\u2026"));
    saveFilter->setObjectName(u"saveFilterAction"_s);
    connect(saveFilter, &QAction::triggered, this, &TriageQueuePage::saveCurrentFilter);
    layout->addWidget(toolbar);

    m_newBar = new QFrame(this);
    m_newBar->setObjectName(u"newFindingsBar"_s);
    m_newBar->setFrameShape(QFrame::StyledPanel);
    m_newBar->setAutoFillBackground(true);
    m_newBar->setBackgroundRole(QPalette::AlternateBase);
    auto *newLayout = new QHBoxLayout(m_newBar);
    m_newLabel = new QLabel(m_newBar);
    m_newLabel->setObjectName(u"newFindingsLabel"_s);
    auto *showNew = new QPushButton(tr("Show (F5)"), m_newBar);
    showNew->setObjectName(u"showNewButton"_s);
    newLayout->addWidget(m_newLabel, 1);
    newLayout->addWidget(showNew);
    connect(showNew, &QPushButton::clicked, m_model, &FindingQueueModel::refresh);
    m_newBar->hide();
    layout->addWidget(m_newBar);

    m_importBar = new QFrame(this);
    m_importBar->setObjectName(u"importBar"_s);
    auto *importLayout = new QHBoxLayout(m_importBar);
    m_importLabel = new QLabel(m_importBar);
    m_importLabel->setObjectName(u"backgroundJobLabel"_s);
    importLayout->addWidget(m_importLabel);
    m_importProgress = new QProgressBar(m_importBar);
    m_importProgress->setObjectName(u"importProgress"_s);
    m_importProgress->setRange(0, 1000);
    importLayout->addWidget(m_importProgress, 1);
    m_cancelImport = new QPushButton(tr("Cancel"), m_importBar);
    m_cancelImport->setObjectName(u"cancelImportButton"_s);
    connect(m_cancelImport, &QPushButton::clicked, this, &TriageQueuePage::cancelImport);
    importLayout->addWidget(m_cancelImport);
    m_importBar->hide();
    layout->addWidget(m_importBar);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_table = new QTableView(splitter);
    m_table->setObjectName(u"findingsTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    const int rowHeight = fontMetrics().height() + 8;
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_table->setItemDelegateForColumn(
        FindingQueueModel::SeverityColumn, new SeverityDelegate(m_table));
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const auto chars = [this](int n) {
        return fontMetrics().horizontalAdvance(u'x') * n;
    };
    const auto text = [this](const QString &sample) {
        return fontMetrics().horizontalAdvance(sample) + 16;
    };
    const int widths[] = {text(u"Informational 10.0"_s) + 8, chars(40), chars(34),
        text(u"000000000000"_s), text(u"ap-southeast-2"_s), chars(26), text(u"0000-00-00 00:00"_s),
        text(u"Repeats"_s), text(u"Suppressed"_s), chars(10)};
    for (int column = 0; column < FindingQueueModel::ColumnCount; ++column)
        header->resizeSection(column, widths[column]);
    header->setSortIndicator(FindingQueueModel::SeverityColumn, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this, header](int column) {
        if (!FindingQueueModel::sortKeyForColumn(column)) { // no index: keep the current order
            const QSignalBlocker blocker(header);
            header->setSortIndicator(FindingQueueModel::columnForSortKey(m_model->filter().sortKey),
                m_model->filter().descending ? Qt::DescendingOrder : Qt::AscendingOrder);
            report(tr("The queue sorts only on indexed columns."));
        }
    });
    m_detail = new FindingDetailPane(splitter);
    m_detail->setObjectName(u"detailPane"_s);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({chars(150), chars(60)});
    layout->addWidget(splitter, 1);

    auto *statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(6, 3, 6, 3);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(u"findingCountLabel"_s);
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(u"triageMessageLabel"_s);
    m_hubStatusLabel = new QLabel(this);
    m_hubStatusLabel->setObjectName(u"securityHubStatusLabel"_s);
    statusRow->addWidget(m_countLabel);
    statusRow->addSpacing(12);
    statusRow->addWidget(m_hubStatusLabel);
    m_shareLabel = new QLabel(this);
    m_shareLabel->setObjectName(u"triageShareLabel"_s);
    statusRow->addSpacing(12);
    statusRow->addWidget(m_shareLabel);
    statusRow->addStretch(1);
    statusRow->addWidget(m_messageLabel);
    layout->addLayout(statusRow);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &TriageQueuePage::applyFilterFromControls);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        applyFilterFromControls();
        m_table->setFocus();
    });
    for (QComboBox *combo : {m_verdict, m_severity})
        connect(combo, &QComboBox::currentIndexChanged, this,
            &TriageQueuePage::applyFilterFromControls);
    connect(m_group, &QCheckBox::toggled, this, &TriageQueuePage::applyFilterFromControls);
    connect(m_saved, &QComboBox::activated, this, [this](int index) {
        if (index <= 0)
            return;
        QString error;
        const auto filters
            = itemmodels::FindingSavedFilters::load(m_context.workspace->database(), &error);
        const auto it = filters.constFind(m_saved->itemText(index));
        if (it != filters.cend()) {
            setControlsFromFilter(*it);
            m_model->setFilter(*it);
        }
    });

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &TriageQueuePage::showCurrentDetails);
    connect(m_model, &FindingQueueModel::modelReset, this, &TriageQueuePage::updateCountLabel);
    connect(
        m_model, &FindingQueueModel::totalCountChanged, this, &TriageQueuePage::updateCountLabel);
    connect(m_model, &FindingQueueModel::windowLoaded, this, [this] {
        updateCountLabel();
        if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0)
            setCurrentRow(0);
    });
    connect(m_model, &FindingQueueModel::loadFailed, this, &TriageQueuePage::report);
    connect(m_model, &FindingQueueModel::newFindingsChanged, this, [this](qint64 count) {
        m_newLabel->setText(tr("%n new finding(s) match this view.", nullptr, int(count)));
        m_newBar->setVisible(count > 0);
    });
    m_newPoll = new QTimer(this);
    m_newPoll->setInterval(NewFindingsPollMs);
    connect(m_newPoll, &QTimer::timeout, m_model, &FindingQueueModel::checkForNewFindings);
    m_newPoll->start();
    setFocusProxy(m_table);
}

void TriageQueuePage::buildActions()
{
    struct Key
    {
        const char *name;
        QString text;
        QList<QKeySequence> keys;
        std::function<void()> run;
    };
    const auto move = [this](int delta) {
        const QModelIndex current = m_table->currentIndex();
        setCurrentRow(std::clamp(current.isValid() ? current.row() + delta : 0, 0,
            std::max(0, m_model->rowCount() - 1)));
    };
    const QList<Key> keys = {
        {"nextFindingAction", tr("Next finding"), {QKeySequence(Qt::Key_J)},
            [move] {
                move(1);
            }},
        {"previousFindingAction", tr("Previous finding"), {QKeySequence(Qt::Key_K)},
            [move] {
                move(-1);
            }},
        {"toggleSelectAction", tr("Select / unselect"),
            {QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_X)},
            [this] {
                const QModelIndex current = m_table->currentIndex();
                if (current.isValid())
                    m_table->selectionModel()->select(
                        current, QItemSelectionModel::Toggle | QItemSelectionModel::Rows);
            }},
        {"escalateAction", tr("Escalate"), {QKeySequence(Qt::Key_E)},
            [this] {
                escalateSelection();
            }},
        {"suppressAction", tr("Suppress"), {QKeySequence(Qt::Key_S)},
            [this] {
                suppressSelection();
            }},
        {"falsePositiveAction", tr("False positive"), {QKeySequence(Qt::Key_F)},
            [this] {
                markFalsePositive();
            }},
        {"requeueAction", tr("Back to the queue"), {QKeySequence(Qt::Key_Q)},
            [this] {
                requeueSelection();
            }},
        {"assignAction", tr("Assign to me"), {QKeySequence(Qt::Key_A)},
            [this] {
                assignSelection();
            }},
        {"undoAction", tr("Undo"), {QKeySequence::Undo},
            [this] {
                undo();
            }},
    };
    for (const Key &key : keys) {
        auto *action = new QAction(key.text, m_table);
        action->setObjectName(QString::fromLatin1(key.name));
        action->setShortcuts(key.keys);
        action->setShortcutContext(Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, key.run);
        m_table->addAction(action);
    }
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *search = new QAction(tr("Search"), this);
    search->setShortcuts({QKeySequence(Qt::Key_Slash), QKeySequence::Find});
    search->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(search, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(search);
    auto *refresh = new QAction(tr("Show new findings"), this);
    refresh->setObjectName(u"refreshAction"_s);
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refresh, &QAction::triggered, m_model, &FindingQueueModel::refresh);
    addAction(refresh);
}

void TriageQueuePage::applyFilterFromControls()
{
    if (m_settingControls)
        return;
    FindingQueueFilter filter = m_model->filter();
    filter.text = m_search->text();
    filter.verdict = domain::verdictFromString(m_verdict->currentData().toString());
    filter.minSeverity = m_severity->currentData().toDouble();
    filter.groupRepeats = m_group->isChecked();
    if (filter != m_model->filter())
        m_model->setFilter(filter);
}

void TriageQueuePage::setControlsFromFilter(const FindingQueueFilter &filter)
{
    m_settingControls = true;
    m_search->setText(filter.text);
    const int verdict
        = m_verdict->findData(filter.verdict ? domain::toString(*filter.verdict) : QString());
    m_verdict->setCurrentIndex(std::max(0, verdict));
    int severity = 0;
    for (int i = 0; i < m_severity->count(); ++i) {
        if (m_severity->itemData(i).toDouble() <= filter.minSeverity)
            severity = i;
    }
    m_severity->setCurrentIndex(severity);
    m_group->setChecked(filter.groupRepeats);
    {
        const QSignalBlocker blocker(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(
            FindingQueueModel::columnForSortKey(filter.sortKey),
            filter.descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    }
    m_searchDelay->stop();
    m_settingControls = false;
}

QStringList TriageQueuePage::targetIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids.append(m_model->findingId(index.row()));
    if (ids.isEmpty() && m_table->currentIndex().isValid())
        ids.append(m_model->findingId(m_table->currentIndex().row()));
    return ids;
}

void TriageQueuePage::setAnalyst(const QString &name)
{
    m_analyst = name;
    if (m_share)
        m_share->setAnalyst(name);
}

bool TriageQueuePage::confirmClaimed(const QStringList &ids)
{
    if (m_share)
        m_share->setForce(false);
    if (!m_share || m_share->mode() != sync::TriageShare::Mode::Shared)
        return true;
    QStringList held;
    for (const QString &id : ids) {
        if (const auto claim = m_share->claimByOther(id))
            held.append(
                tr("%1 (being worked by %2 since %3)")
                    .arg(id, claim->analyst, claim->claimedAt.toLocalTime().toString(u"HH:mm"_s)));
    }
    if (held.isEmpty())
        return true;
    const auto answer = MessageBox::question(this, tr("Someone else works on this"),
        tr("Another analyst has claimed %n of these finding(s):\n%1\n\nWork on them anyway? "
           "Your decision takes them over.",
            nullptr, int(held.size()))
            .arg(held.join(u'\n')));
    if (answer != QMessageBox::Yes) {
        report(
            tr("Left alone: %n finding(s) another analyst works on.", nullptr, int(held.size())));
        return false;
    }
    m_share->setForce(true);
    return true;
}

void TriageQueuePage::onSharedStateChanged(const QStringList &ids)
{
    m_model->setWorkedBy(m_share->workedByOthers());
    QStringList loaded;
    for (const QString &id : ids)
        if (m_model->rowOf(id) >= 0)
            loaded.append(id);
    QString error;
    const auto states = m_decisions->states(loaded, &error);
    if (!states)
        return;
    for (const itemmodels::FindingDecisionState &state : *states)
        m_model->updateRows(
            {state.id}, state.verdict, state.verdictRule, state.assignee, state.caseId);
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid() && ids.contains(m_model->findingId(current.row())))
        showCurrentDetails();
}

void TriageQueuePage::decide(domain::Verdict verdict, const QString &rulePrefix)
{
    const QStringList ids = targetIds();
    if (ids.isEmpty() || !confirmClaimed(ids))
        return;
    const QString rule = rulePrefix + u':' + m_analyst;
    QString error;
    if (!m_decisions->setVerdict(ids, verdict, rule, &error)) {
        report(tr("Could not store the decision: %1").arg(error));
        return;
    }
    m_model->updateRows(ids, domain::toString(verdict), rule);
    report(tr("%1: %n finding(s). Ctrl+Z undoes.", nullptr, int(ids.size()))
               .arg(domain::toString(verdict)));
    moveOnAfterDecision(ids);
}

void TriageQueuePage::moveOnAfterDecision(const QStringList &ids)
{
    // One finding decided: go on to the next, as an analyst works down the queue.
    const bool marked = m_table->selectionModel()->selectedRows().size() > 1;
    m_table->selectionModel()->clearSelection();
    if (ids.size() == 1 && !marked)
        setCurrentRow(m_table->currentIndex().row() + 1);
    showCurrentDetails();
}

void TriageQueuePage::escalateSelection()
{
    if (!m_context.sync) {
        // No sync layer to write the case through: the verdict only, and say so.
        decide(domain::Verdict::Escalated, u"analyst"_s);
        report(m_messageLabel->text()
            + tr(" No case was created: this workspace has no sync engine running."));
        return;
    }
    const QStringList ids = targetIds();
    if (ids.isEmpty() || !confirmClaimed(ids))
        return;
    QString target;
    if (nextEscalationTarget) {
        target = *nextEscalationTarget;
        nextEscalationTarget.reset();
    } else {
        QString error;
        QList<std::pair<QString, QString>> open;
        const QList<domain::CaseSummary> cases
            = store::CaseRepository(m_context.workspace->database().reader())
                  .listSummaries({}, &error);
        for (const domain::CaseSummary &c : cases)
            if (c.caseStatus != domain::CaseStatus::Closed)
                open.append({c.caseId, c.title});
        EscalationDialog dialog(int(ids.size()), open, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        target = dialog.chosenCaseId();
    }
    escalateToCase(ids, target);
}

void TriageQueuePage::setNextEscalationTarget(const QString &caseId)
{
    nextEscalationTarget = caseId.isNull() ? u""_s : caseId;
}

QString TriageQueuePage::escalateToCase(const QStringList &ids, const QString &caseId)
{
    if (ids.isEmpty())
        return QString();
    if (!m_context.sync) {
        report(tr("Cannot escalate into a case: this workspace has no sync engine running."));
        return QString();
    }
    store::Database &database = m_context.workspace->database();
    QString error;
    QList<domain::Finding> findings;
    const store::FindingRepository repository(database.reader());
    for (const QString &id : ids) {
        auto finding = repository.get(id, &error);
        if (!finding) {
            report(tr("Could not read finding %1: %2").arg(id, error));
            return QString();
        }
        findings.append(*finding);
    }
    sync::LocalChanges &changes = m_context.sync->changes();
    QString target = caseId;
    bool created = false;
    if (target.isEmpty()) {
        const domain::CreateCaseRequest request
            = itemmodels::FindingEscalation::newCase(findings, QDateTime::currentDateTimeUtc());
        target = changes.createCase(request, nullptr, &error);
        if (target.isEmpty()) {
            report(tr("Could not create the case: %1").arg(error));
            return QString();
        }
        created = true;
    } else {
        const auto existing = store::CaseRepository(database.reader()).get(target, &error);
        if (!existing || existing->caseStatus == domain::CaseStatus::Closed) {
            report(existing ? tr("Case %1 is closed.").arg(target)
                            : tr("Could not read case %1: %2").arg(target, error));
            return QString();
        }
        const domain::UpdateCaseRequest additions
            = itemmodels::FindingEscalation::additions(*existing, findings);
        if (!itemmodels::FindingEscalation::isEmpty(additions)
            && !changes.updateCase(additions, nullptr, &error)) {
            report(tr("Could not add to case %1: %2").arg(target, error));
            return QString();
        }
    }
    const QString rule = u"analyst:"_s + m_analyst;
    if (!m_decisions->escalateToCase(ids, target, rule, &error)) {
        report(tr("Case %1 is saved, but the findings could not be linked: %2").arg(target, error));
        return target;
    }
    changes.notifyCaseChanged(target); // the board and detail re-read the linked findings
    m_model->updateRows(
        ids, domain::toString(domain::Verdict::Escalated), rule, std::nullopt, target);
    report((created ? tr("Escalated %n finding(s) into the new case %1.", nullptr, int(ids.size()))
                    : tr("Escalated %n finding(s) into case %1.", nullptr, int(ids.size())))
               .arg(target)
        + tr(" Ctrl+Z undoes the verdicts and links; the case itself stays."));
    moveOnAfterDecision(ids);
    return target;
}

RuleEditorDialog *TriageQueuePage::openRuleEditor(
    const std::optional<domain::SuppressionRule> &proposal)
{
    if (!m_ruleEditor) {
        m_ruleEditor = new RuleEditorDialog(m_context.workspace->database(), this);
        m_ruleEditor->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_ruleEditor, &RuleEditorDialog::saved, this, [this] {
            if (!m_retriageOnRuleChange)
                return;
            if (m_importThread) {
                report(tr("Rules saved; they apply once the running job is done (re-triage "
                          "then)."));
                return;
            }
            retriage(ingest::FindingRetriage::Scope::Automatic);
        });
    }
    if (proposal)
        m_ruleEditor->propose(*proposal);
    m_ruleEditor->show();
    m_ruleEditor->raise();
    m_ruleEditor->activateWindow();
    return m_ruleEditor;
}

RuleEditorDialog *TriageQueuePage::ruleEditor() const
{
    return m_ruleEditor.data();
}

qint64 TriageQueuePage::autoEscalate()
{
    if (!m_context.sync)
        return 0;
    store::Database &database = m_context.workspace->database();
    const warroom::triage::TriagePolicy policy = ingest::triagePolicyFromStore(database);
    if (!policy.autoEscalation.enabled)
        return 0;
    sync::FindingAutoEscalation escalation(database, m_context.sync->changes());
    const sync::AutoEscalationResult result = escalation.run(policy.autoEscalation);
    if (!result.ok()) {
        report(tr("Auto-escalation stopped: %1").arg(result.error));
        return result.findingsLinked;
    }
    if (result.findingsLinked > 0) {
        report(tr("Auto-escalation: %n finding(s) into cases", nullptr, int(result.findingsLinked))
            + u" (%1)."_s.arg(result.caseIds.mid(0, 5).join(u", "_s)
                + (result.caseIds.size() > 5 ? u", \u2026"_s : QString()))
            + (result.waiting > 0
                    ? u' ' + tr("%n more wait for the next run.", nullptr, int(result.waiting))
                    : QString()));
        m_newLabel->setText(tr("Auto-escalation put %n finding(s) into cases: show the queue as "
                               "it is now.",
            nullptr, int(result.findingsLinked)));
        m_newBar->show();
    }
    emit autoEscalated(result.casesCreated, result.casesUpdated, result.findingsLinked);
    // A run makes a limited number of cases; the rest follow, between GUI events.
    if (result.waiting > 0 && result.findingsLinked > 0)
        QTimer::singleShot(0, this, [this] { autoEscalate(); });
    return result.findingsLinked;
}

void TriageQueuePage::followCaseId(const QString &oldId, const QString &newId)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const auto *r = m_model->rowAt(row);
        if (!r || r->caseId != oldId)
            continue;
        const QString id = r->id, verdict = r->verdict, rule = r->verdictRule;
        m_model->updateRows({id}, verdict, rule, std::nullopt, newId);
    }
}

QString TriageQueuePage::lastMessage() const
{
    return m_messageLabel->text();
}

void TriageQueuePage::setNextPullSettings(const ingest::SecurityHubPullSettings &settings)
{
    nextPullSettings = settings;
}

void TriageQueuePage::applyPullSettings(const ingest::SecurityHubPullSettings &settings)
{
    m_puller->setSettings(settings);
    if (settings.enabled) {
        loadPullCredentials();
        m_puller->start();
    } else {
        m_puller->stop();
    }
    m_hubStatusLabel->setText(m_puller->statusText());
}

void TriageQueuePage::loadPullCredentials()
{
    // Keys from the AWS CLI's chain, read when a pull may need them (a credential_process
    // runs a program); a pull without them fails and says so.
    const aws::CredentialResolution chain
        = aws::CredentialChain().resolve(m_puller->settings().profile);
    m_puller->setCredentials(chain.isValid() ? *chain.credentials : aws::Credentials());
}

void TriageQueuePage::pullSecurityHub()
{
    if (!m_puller->isPulling())
        loadPullCredentials();
    if (!m_puller->pullNow())
        report(tr("A Security Hub pull is already running."));
}

void TriageQueuePage::editSecurityHubSettings()
{
    ingest::SecurityHubPullSettings settings = m_puller->settings();
    if (nextPullSettings) {
        settings = *nextPullSettings;
        nextPullSettings.reset();
    } else {
        SecurityHubPullDialog dialog(settings, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        settings = dialog.settings();
    }
    QString error;
    if (!settings.save(m_context.workspace->database(), &error)) {
        report(tr("Security Hub settings not saved: %1").arg(error));
        return;
    }
    applyPullSettings(settings);
    report(settings.enabled
            ? tr("Security Hub is pulled every %n minute(s).", nullptr, settings.intervalMinutes)
            : tr("Security Hub is pulled only with Pull now."));
}

void TriageQueuePage::suppressSelection()
{
    decide(domain::Verdict::Suppressed, u"analyst"_s);
}

void TriageQueuePage::requeueSelection()
{
    decide(domain::Verdict::Queued, u"analyst"_s);
}

void TriageQueuePage::markFalsePositive()
{
    const QStringList ids = targetIds();
    if (ids.isEmpty())
        return;
    store::Database &database = m_context.workspace->database();
    QString error;
    const auto finding = store::FindingRepository(database.reader()).get(ids.first(), &error);
    decide(domain::Verdict::Suppressed, u"false-positive"_s);
    if (!finding)
        return;
    // Propose the rule that would have suppressed it: same type, resource and account.
    domain::SuppressionRule rule;
    rule.id = u"fp-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    rule.name = tr("False positive: %1 on %2").arg(finding->type, finding->resourceId);
    rule.description = tr("Proposed by %1 from finding %2").arg(m_analyst, finding->id);
    rule.action = domain::RuleAction::Suppress;
    rule.terminal = true;
    rule.createdAt = QDateTime::currentDateTimeUtc();
    rule.criteria = {{u"type"_s, domain::RuleOperator::Equals, finding->type},
        {u"resourceId"_s, domain::RuleOperator::Equals, finding->resourceId},
        {u"accountId"_s, domain::RuleOperator::Equals, finding->accountId}};
    const auto answer = MessageBox::question(this, tr("Suppress findings like this one?"),
        tr("Create a suppression rule for new findings with\n  type = %1\n  resource = %2\n  "
           "account = %3?\n\nOpen edits it in the rule editor first (with a preview, and a "
           "push to GuardDuty as an ARCHIVE filter).")
            .arg(finding->type, finding->resourceId, finding->accountId),
        QMessageBox::Yes | QMessageBox::Open | QMessageBox::No, QMessageBox::Yes);
    if (answer == QMessageBox::Open) {
        openRuleEditor(rule);
        return;
    }
    if (answer != QMessageBox::Yes)
        return;
    const bool ok = database.write(
        [&](QSqlDatabase &connection, QString *writeError) {
            store::RuleRepository rules(connection);
            const auto existing = rules.list(writeError);
            rule.position = existing.isEmpty() ? 1 : existing.last().position + 1;
            return rules.upsert(rule, writeError);
        },
        &error);
    if (!ok) {
        report(tr("Could not create the rule: %1").arg(error));
        return;
    }
    report(tr("Rule \u201c%1\u201d created.").arg(rule.name));
    if (m_retriageOnRuleChange)
        retriage(ingest::FindingRetriage::Scope::Automatic);
}

void TriageQueuePage::assignSelection()
{
    const QStringList ids = targetIds();
    if (ids.isEmpty() || !confirmClaimed(ids))
        return;
    bool allMine = true;
    for (const QString &id : ids) {
        const auto *row = m_model->rowAt(m_model->rowOf(id));
        allMine = allMine && row && row->assignee == m_analyst;
    }
    const QString assignee = allMine ? QString() : m_analyst;
    QString error;
    if (!m_decisions->assign(ids, assignee, &error)) {
        report(tr("Could not assign: %1").arg(error));
        return;
    }
    m_model->updateRows(ids, QString(), QString(), assignee);
    report(assignee.isEmpty()
            ? tr("Unassigned %n finding(s).", nullptr, int(ids.size()))
            : tr("Assigned %n finding(s) to %1.", nullptr, int(ids.size())).arg(assignee));
}

void TriageQueuePage::undo()
{
    QString error;
    const auto restored = m_decisions->undo(&error);
    if (!restored) {
        report(tr("Could not undo: %1").arg(error));
        return;
    }
    if (restored->isEmpty()) {
        report(tr("Nothing to undo."));
        return;
    }
    for (const itemmodels::FindingDecisionState &state : *restored)
        m_model->updateRows(
            {state.id}, state.verdict, state.verdictRule, state.assignee, state.caseId);
    setCurrentRow(m_model->rowOf(restored->first().id));
    report(tr("Undone (%n finding(s)).", nullptr, int(restored->size())));
    showCurrentDetails();
}

void TriageQueuePage::setCurrentRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    // The cursor moves without touching the marks: Space marks rows, actions use the marks
    // (or the row under the cursor when nothing is marked).
    const int column
        = std::max(int(FindingQueueModel::TitleColumn), m_table->currentIndex().column());
    m_table->selectionModel()->setCurrentIndex(
        m_model->index(row, column), QItemSelectionModel::NoUpdate);
    // Up and down only: scrolling sideways to the title hid the severity column whenever
    // the window was narrower than the table.
    const int across = m_table->horizontalScrollBar()->value();
    m_table->scrollTo(m_table->currentIndex());
    m_table->horizontalScrollBar()->setValue(across);
}

void TriageQueuePage::showCurrentDetails()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    QString error;
    const auto finding = store::FindingRepository(m_context.workspace->database().reader())
                             .get(m_model->findingId(current.row()), &error);
    if (finding)
        m_detail->showFinding(*finding);
    else
        m_detail->clear();
}

void TriageQueuePage::showItem(const QString &findingId)
{
    const int row = m_model->rowOf(findingId);
    if (row >= 0) {
        setCurrentRow(row);
        return;
    }
    QString error;
    const auto finding
        = store::FindingRepository(m_context.workspace->database().reader()).get(findingId, &error);
    if (finding)
        m_detail->showFinding(*finding);
}

void TriageQueuePage::updateCountLabel()
{
    const qint64 total = m_model->totalCount();
    if (total < 0)
        m_countLabel->setText(tr("Counting\u2026"));
    else if (total == 0)
        m_countLabel->setText(
            tr("No findings in this view. Import a file (Ctrl+I) or drop one on the queue."));
    else
        m_countLabel->setText(tr("%L1 finding(s) in this view").arg(total));
}

void TriageQueuePage::reloadSavedFilters()
{
    QString error;
    const auto filters
        = itemmodels::FindingSavedFilters::load(m_context.workspace->database(), &error);
    m_saved->clear();
    m_saved->addItem(tr("Saved filters"));
    for (auto it = filters.cbegin(); it != filters.cend(); ++it)
        m_saved->addItem(it.key());
}

void TriageQueuePage::setNextFilterName(const QString &name)
{
    nextFilterName = name;
}

void TriageQueuePage::saveCurrentFilter()
{
    QString name;
    if (nextFilterName) {
        name = *nextFilterName;
        nextFilterName.reset();
    } else {
        name = QInputDialog::getText(this, tr("Save filter"), tr("Name of this filter:"));
    }
    if (name.trimmed().isEmpty())
        return;
    QString error;
    if (!itemmodels::FindingSavedFilters::save(
            m_context.workspace->database(), name, m_model->filter(), &error)) {
        report(error);
        return;
    }
    reloadSavedFilters();
    m_saved->setCurrentIndex(m_saved->findText(name.trimmed()));
    report(tr("Filter \u201c%1\u201d saved.").arg(name.trimmed()));
}

void TriageQueuePage::report(const QString &message)
{
    m_messageLabel->setText(message);
}

void TriageQueuePage::chooseFileToImport()
{
    const QString path = FindingFileDialog::getOpenFileName(this, QString());
    if (!path.isEmpty())
        importFile(path);
}

void TriageQueuePage::dragEnterEvent(QDragEnterEvent *event)
{
    if (!m_importThread && !localFileFrom(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void TriageQueuePage::dropEvent(QDropEvent *event)
{
    const QString path = localFileFrom(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    importFile(path);
}

void TriageQueuePage::runInBackground(const QString &what, const BackgroundWork &work)
{
    m_importCancel = std::make_shared<std::atomic<bool>>(false);
    auto cancel = m_importCancel;
    store::Database *database = &m_context.workspace->database();
    m_importProgress->setValue(0);
    m_importLabel->setText(what);
    m_importBar->show();
    m_cancelImport->setEnabled(true);
    report(what + u"\u2026"_s);
    m_importThread = QThread::create([this, database, cancel, work] {
        const auto progress = [this](qint64 done, qint64 total) {
            const int value = total > 0 ? int(done * 1000 / total) : 0;
            QMetaObject::invokeMethod(
                m_importProgress, "setValue", Qt::QueuedConnection, Q_ARG(int, value));
        };
        std::function<void()> finish = work(*database, cancel.get(), progress);
        database->releaseThreadConnections();
        QMetaObject::invokeMethod(
            this,
            [this, finish] {
                m_importThread->wait();
                delete m_importThread;
                m_importThread = nullptr;
                m_importBar->hide();
                finish();
            },
            Qt::QueuedConnection);
    });
    m_importThread->setObjectName(u"TriageQueueJob"_s);
    m_importThread->start();
}

void TriageQueuePage::importFile(const QString &path)
{
    if (m_importThread) {
        report(tr("Wait for the running import or re-triage to finish."));
        return;
    }
    runInBackground(tr("Importing %1").arg(QFileInfo(path).fileName()),
        [this, path](store::Database &database, const std::atomic<bool> *cancel,
            const std::function<void(qint64, qint64)> &progress) -> std::function<void()> {
            ingest::ImportResult result;
            QString error;
            auto engine = ingest::triageEngineFromStore(database, &error);
            if (!engine) {
                result.error = error;
            } else {
                ingest::FindingImporter importer(database, *engine);
                if (!importer.primeEngineFromStore(&error))
                    result.error = error;
                else
                    result = importer.importFile(
                        path,
                        [progress](qint64 done, qint64 total, qint64) { progress(done, total); },
                        cancel);
            }
            return [this, result] {
                onImportDone(result);
            };
        });
}

void TriageQueuePage::retriage(ingest::FindingRetriage::Scope scope)
{
    if (m_importThread)
        return;
    runInBackground(scope == ingest::FindingRetriage::Scope::Untriaged
            ? tr("Triaging findings stored without a verdict")
            : tr("Re-triaging with the changed rules"),
        [this, scope](store::Database &database, const std::atomic<bool> *cancel,
            const std::function<void(qint64, qint64)> &progress) -> std::function<void()> {
            ingest::RetriageResult result;
            auto engine = ingest::triageEngineFromStore(database, &result.error);
            if (engine)
                result = ingest::FindingRetriage::run(database, *engine, scope, progress, cancel);
            if (result.ok() && !result.cancelled
                && scope == ingest::FindingRetriage::Scope::Automatic) {
                QString hitsError;
                ingest::saveRuleHitCounts(database, result.ruleHits, &hitsError);
            }
            return [this, result] {
                if (!result.ok())
                    report(tr("Re-triage stopped: %1").arg(result.error));
                else
                    report(tr("Re-triage: %n verdict(s) changed.", nullptr, int(result.changed))
                        + (result.cancelled ? u' ' + tr("(cancelled)") : QString()));
                if (m_model->rowCount() == 0) {
                    m_model->refresh();
                } else if (result.changed > 0) {
                    m_newLabel->setText(
                        tr("Re-triage changed %n verdict(s): show the queue as it is now.", nullptr,
                            int(result.changed)));
                    m_newBar->show();
                }
                emit retriageFinished(result.changed, result.cancelled);
                autoEscalate();
            };
        });
}

void TriageQueuePage::cancelImport()
{
    if (!m_importThread)
        return;
    m_importCancel->store(true);
    m_cancelImport->setEnabled(false);
    report(tr("Cancelling\u2026"));
}

void TriageQueuePage::onImportDone(const ingest::ImportResult &result)
{
    QString message;
    if (!result.ok())
        message = tr("Import failed after %n finding(s): %1", nullptr, int(result.stored))
                      .arg(result.error);
    else if (result.cancelled)
        message = tr("Import cancelled: %n finding(s) kept.", nullptr, int(result.stored));
    else
        message = tr("Imported %n finding(s).", nullptr, int(result.stored));
    if (!result.issues.isEmpty()) {
        const auto &first = result.issues.first();
        message += u' '
            + tr("%n item(s) skipped; first at %1: %2", nullptr, int(result.issues.size()))
                  .arg(first.position)
                  .arg(first.reason);
    }
    report(message);
    m_model->checkForNewFindings();
    emit importFinished(result.stored, int(result.issues.size()), result.cancelled, result.error);
    autoEscalate();
}

} // namespace warroom::ui::triage
