#include "RuleEditorDialog.h"

#include "aws/AwsHttpClient.h"
#include "aws/CredentialChain.h"
#include "aws/GuardDutyFilterCriteria.h"
#include "aws/GuardDutyFilterPush.h"
#include "ingest/StoredTriage.h"
#include "store/Database.h"
#include "store/RuleRepository.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLoggingCategory>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

namespace warroom::ui::triage {

using namespace Qt::StringLiterals;
using domain::RuleOperator;

namespace {

Q_LOGGING_CATEGORY(lcRuleEditor, "warroom.ui.triage.rules")

QString operatorText(RuleOperator op)
{
    switch (op) {
    case RuleOperator::Equals:
        return RuleEditorDialog::tr("equals");
    case RuleOperator::NotEquals:
        return RuleEditorDialog::tr("does not equal");
    case RuleOperator::Prefix:
        return RuleEditorDialog::tr("starts with");
    case RuleOperator::Contains:
        return RuleEditorDialog::tr("contains");
    case RuleOperator::GreaterThan:
        return u">"_s;
    case RuleOperator::GreaterOrEqual:
        return u"\u2265"_s;
    case RuleOperator::LessThan:
        return u"<"_s;
    case RuleOperator::LessOrEqual:
        return u"\u2264"_s;
    case RuleOperator::InCidr:
        return RuleEditorDialog::tr("in CIDR");
    }
    return {};
}

QString actionText(domain::RuleAction action)
{
    switch (action) {
    case domain::RuleAction::Suppress:
        return RuleEditorDialog::tr("Suppress");
    case domain::RuleAction::Escalate:
        return RuleEditorDialog::tr("Escalate");
    case domain::RuleAction::Queue:
        return RuleEditorDialog::tr("Keep in the queue");
    }
    return {};
}

// The engine's own reason for refusing one criterion, or empty.
QString criterionProblem(const domain::RuleCriterion &criterion)
{
    domain::SuppressionRule probe;
    probe.id = u"probe"_s;
    probe.criteria = {criterion};
    const warroom::triage::TriageEngine engine({probe}, {});
    if (engine.problems().isEmpty())
        return {};
    QString problem = engine.problems().first();
    const QString prefix = u"rule probe is skipped: "_s;
    return problem.startsWith(prefix) ? problem.mid(prefix.size()) : problem;
}

} // namespace

RuleEditorDialog::RuleEditorDialog(store::Database &database, QWidget *parent)
    : QDialog(parent)
    , m_database(database)
{
    setObjectName(u"ruleEditorDialog"_s);
    setWindowTitle(tr("Triage rules"));
    m_previewer = new ingest::FindingRulePreview(database, this);
    m_previewDelay = new QTimer(this);
    m_previewDelay->setSingleShot(true);
    m_previewDelay->setInterval(PreviewDelayMs);
    connect(m_previewDelay, &QTimer::timeout, this, [this] {
        if (m_current < 0 || m_current >= m_rules.size())
            return;
        m_previewer->request(m_rules.at(m_current));
    });
    connect(
        m_previewer, &ingest::FindingRulePreview::updated, this, &RuleEditorDialog::showPreview);
    buildUi();
    loadFromStore();
}

RuleEditorDialog::~RuleEditorDialog() = default;

void RuleEditorDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(u"ruleEditorTabWidget"_s);
    tabs->addTab(buildRulesTab(), tr("Rules"));
    tabs->addTab(buildPolicyTab(), tr("Policy"));
    layout->addWidget(tabs, 1);
    m_message = new QLabel(this);
    m_message->setObjectName(u"ruleEditorMessageLabel"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(u"saveRulesButton"_s);
    buttons->button(QDialogButtonBox::Close)->setObjectName(u"closeRulesButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &RuleEditorDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(fontMetrics().horizontalAdvance(u'x') * 150, fontMetrics().height() * 40);
}

QWidget *RuleEditorDialog::buildRulesTab()
{
    auto *splitter = new QSplitter(Qt::Horizontal);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_list = new QListWidget(left);
    m_list->setObjectName(u"rulesListWidget"_s);
    leftLayout->addWidget(m_list, 1);
    auto *buttonRow = new QHBoxLayout;
    const auto button = [&](const QString &text, const char *name, const QString &tip) {
        auto *b = new QPushButton(text, left);
        b->setObjectName(QString::fromLatin1(name));
        b->setToolTip(tip);
        buttonRow->addWidget(b);
        return b;
    };
    auto *add = button(tr("New"), "newRuleButton", tr("A new rule (Ctrl+N)"));
    m_delete = button(tr("Delete"), "deleteRuleButton", tr("Delete the rule (Delete)"));
    m_up = button(tr("Up"), "moveRuleUpButton", tr("Run earlier (Ctrl+Up)"));
    m_down = button(tr("Down"), "moveRuleDownButton", tr("Run later (Ctrl+Down)"));
    leftLayout->addLayout(buttonRow);
    connect(add, &QPushButton::clicked, this, &RuleEditorDialog::addRule);
    connect(m_delete, &QPushButton::clicked, this, &RuleEditorDialog::deleteRule);
    connect(m_up, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveRule(1); });
    const auto shortcut = [this](const QKeySequence &keys, auto run) {
        auto *action = new QAction(m_list);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, run);
        m_list->addAction(action);
    };
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Up), [this] { moveRule(-1); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Down), [this] { moveRule(1); });
    shortcut(QKeySequence::Delete, [this] { deleteRule(); });
    shortcut(QKeySequence::New, [this] { addRule(); });
    connect(m_list, &QListWidget::currentRowChanged, this, &RuleEditorDialog::showRule);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const int row = m_list->row(item);
        if (m_loading || row < 0 || row >= m_rules.size())
            return;
        const bool on = item->checkState() == Qt::Checked;
        if (m_rules[row].enabled == on)
            return;
        m_rules[row].enabled = on;
        if (row == m_current) {
            const QSignalBlocker blocker(m_enabled);
            m_enabled->setChecked(on);
        }
    });

    m_form = new QWidget(splitter);
    auto *formLayout = new QVBoxLayout(m_form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    auto *fields = new QFormLayout;
    m_name = new QLineEdit(m_form);
    m_name->setObjectName(u"ruleNameEdit"_s);
    fields->addRow(tr("Name"), m_name);
    m_action = new QComboBox(m_form);
    m_action->setObjectName(u"ruleActionCombo"_s);
    for (const auto action :
        {domain::RuleAction::Suppress, domain::RuleAction::Escalate, domain::RuleAction::Queue})
        m_action->addItem(actionText(action), domain::toString(action));
    fields->addRow(tr("Action"), m_action);
    m_terminal = new QCheckBox(tr("Terminal: a match stops here"), m_form);
    m_terminal->setObjectName(u"ruleTerminalCheck"_s);
    m_enabled = new QCheckBox(tr("Enabled"), m_form);
    m_enabled->setObjectName(u"ruleEnabledCheck"_s);
    auto *flags = new QHBoxLayout;
    flags->addWidget(m_enabled);
    flags->addWidget(m_terminal);
    flags->addStretch(1);
    fields->addRow(QString(), flags);
    m_expires = new QCheckBox(tr("Expires"), m_form);
    m_expires->setObjectName(u"ruleExpiresCheck"_s);
    m_expiresAt = new QDateTimeEdit(m_form);
    m_expiresAt->setObjectName(u"ruleExpiresDateTimeEdit"_s);
    m_expiresAt->setTimeSpec(Qt::UTC);
    m_expiresAt->setCalendarPopup(true);
    m_expiresAt->setDisplayFormat(u"yyyy-MM-dd HH:mm 'UTC'"_s);
    auto *expiry = new QHBoxLayout;
    expiry->addWidget(m_expires);
    expiry->addWidget(m_expiresAt, 1);
    fields->addRow(tr("Expiry"), expiry);
    m_hits = new QLabel(m_form);
    m_hits->setObjectName(u"ruleHitsLabel"_s);
    fields->addRow(tr("Hits"), m_hits);
    formLayout->addLayout(fields);

    auto *criteria = new QGroupBox(tr("All of these criteria"), m_form);
    auto *criteriaLayout = new QVBoxLayout(criteria);
    m_criteriaBox = new QWidget(criteria);
    m_criteriaGrid = new QGridLayout(m_criteriaBox);
    m_criteriaGrid->setContentsMargins(0, 0, 0, 0);
    criteriaLayout->addWidget(m_criteriaBox);
    auto *addCriterion = new QPushButton(tr("Add criterion"), criteria);
    addCriterion->setObjectName(u"addCriterionButton"_s);
    connect(addCriterion, &QPushButton::clicked, this, [this] {
        if (m_current < 0)
            return;
        m_rules[m_current].criteria.append({u"type"_s, RuleOperator::Equals, QString()});
        rebuildCriteria();
        formChanged();
    });
    criteriaLayout->addWidget(addCriterion, 0, Qt::AlignLeft);
    m_ruleError = new QLabel(criteria);
    m_ruleError->setObjectName(u"ruleErrorLabel"_s);
    m_ruleError->setWordWrap(true);
    m_ruleError->setForegroundRole(QPalette::BrightText);
    criteriaLayout->addWidget(m_ruleError);
    formLayout->addWidget(criteria);

    auto *previewBox = new QGroupBox(tr("Preview: stored findings these criteria match"), m_form);
    auto *previewLayout = new QVBoxLayout(previewBox);
    m_previewLabel = new QLabel(previewBox);
    m_previewLabel->setObjectName(u"previewCountLabel"_s);
    previewLayout->addWidget(m_previewLabel);
    m_previewTable = new QTableWidget(0, 6, previewBox);
    m_previewTable->setObjectName(u"previewTableWidget"_s);
    m_previewTable->setHorizontalHeaderLabels(
        {tr("Severity"), tr("Type"), tr("Account"), tr("Resource"), tr("Title"), tr("Verdict")});
    m_previewTable->verticalHeader()->hide();
    m_previewTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewTable->horizontalHeader()->setStretchLastSection(true);
    previewLayout->addWidget(m_previewTable, 1);
    formLayout->addWidget(previewBox, 1);

    m_push = new QPushButton(tr("Push to GuardDuty as an ARCHIVE filter"), m_form);
    m_push->setObjectName(u"pushGuardDutyButton"_s);
    m_push->setToolTip(tr("CreateFilter (or UpdateFilter when pushed before) with action "
                          "ARCHIVE in the GuardDuty detector of this Region"));
    connect(m_push, &QPushButton::clicked, this, &RuleEditorDialog::pushToGuardDuty);
    formLayout->addWidget(m_push, 0, Qt::AlignLeft);

    connect(m_name, &QLineEdit::textEdited, this, &RuleEditorDialog::formChanged);
    connect(m_action, &QComboBox::currentIndexChanged, this, &RuleEditorDialog::formChanged);
    for (QCheckBox *box : {m_terminal, m_enabled, m_expires})
        connect(box, &QCheckBox::toggled, this, &RuleEditorDialog::formChanged);
    connect(m_expiresAt, &QDateTimeEdit::dateTimeChanged, this, &RuleEditorDialog::formChanged);

    splitter->addWidget(left);
    splitter->addWidget(m_form);
    splitter->setStretchFactor(1, 2);
    return splitter;
}

QWidget *RuleEditorDialog::buildPolicyTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *networks = new QGroupBox(tr("Trusted networks: findings whose remote addresses all lie "
                                      "in them are suppressed"),
        page);
    auto *networksLayout = new QVBoxLayout(networks);
    m_networks = new QTableWidget(0, 2, networks);
    m_networks->setObjectName(u"trustedNetworksTableWidget"_s);
    m_networks->setHorizontalHeaderLabels({tr("Name"), tr("CIDR block (IPv4 or IPv6)")});
    m_networks->horizontalHeader()->setStretchLastSection(true);
    m_networks->verticalHeader()->hide();
    networksLayout->addWidget(m_networks);
    auto *networkButtons = new QHBoxLayout;
    auto *addNetwork = new QPushButton(tr("Add network"), networks);
    addNetwork->setObjectName(u"addNetworkButton"_s);
    auto *removeNetwork = new QPushButton(tr("Remove network"), networks);
    removeNetwork->setObjectName(u"removeNetworkButton"_s);
    networkButtons->addWidget(addNetwork);
    networkButtons->addWidget(removeNetwork);
    networkButtons->addStretch(1);
    networksLayout->addLayout(networkButtons);
    m_networksError = new QLabel(networks);
    m_networksError->setObjectName(u"trustedNetworksErrorLabel"_s);
    m_networksError->setWordWrap(true);
    networksLayout->addWidget(m_networksError);
    connect(addNetwork, &QPushButton::clicked, this, [this] {
        const int row = m_networks->rowCount();
        m_networks->insertRow(row);
        m_networks->setItem(row, 0, new QTableWidgetItem(tr("Network %1").arg(row + 1)));
        m_networks->setItem(row, 1, new QTableWidgetItem());
        m_networks->setCurrentCell(row, 1);
        validateNetworks();
    });
    connect(removeNetwork, &QPushButton::clicked, this, [this] {
        if (m_networks->currentRow() >= 0)
            m_networks->removeRow(m_networks->currentRow());
        validateNetworks();
    });
    connect(m_networks, &QTableWidget::itemChanged, this, &RuleEditorDialog::validateNetworks);
    layout->addWidget(networks, 1);

    auto *thresholds = new QGroupBox(tr("Severity thresholds (after the rules)"), page);
    auto *thresholdLayout = new QFormLayout(thresholds);
    const auto spin = [&](const char *name) {
        auto *s = new QDoubleSpinBox(thresholds);
        s->setObjectName(QString::fromLatin1(name));
        s->setRange(0.0, 10.0);
        s->setDecimals(1);
        s->setSingleStep(0.5);
        return s;
    };
    m_escalateAt = new QCheckBox(tr("Escalate at or above"), thresholds);
    m_escalateAt->setObjectName(u"escalateAtCheck"_s);
    m_escalateAtValue = spin("escalateAtSpinBox");
    thresholdLayout->addRow(m_escalateAt, m_escalateAtValue);
    m_suppressBelow = new QCheckBox(tr("Suppress below"), thresholds);
    m_suppressBelow->setObjectName(u"suppressBelowCheck"_s);
    m_suppressBelowValue = spin("suppressBelowSpinBox");
    thresholdLayout->addRow(m_suppressBelow, m_suppressBelowValue);
    m_suppressArchived = new QCheckBox(tr("Suppress findings archived at the source"), thresholds);
    m_suppressArchived->setObjectName(u"suppressArchivedCheck"_s);
    thresholdLayout->addRow(m_suppressArchived);
    m_foldRepeats = new QCheckBox(
        tr("Repeats (same type, resource, account) take their first finding's verdict"),
        thresholds);
    m_foldRepeats->setObjectName(u"foldRepeatsCheck"_s);
    thresholdLayout->addRow(m_foldRepeats);
    layout->addWidget(thresholds);

    auto *escalation = new QGroupBox(tr("Auto-escalation"), page);
    auto *escalationLayout = new QFormLayout(escalation);
    m_autoEscalate = new QCheckBox(
        tr("Findings escalated by a rule go into a case (through the sync layer)"), escalation);
    m_autoEscalate->setObjectName(u"autoEscalateCheck"_s);
    escalationLayout->addRow(m_autoEscalate);
    m_grouping = new QComboBox(escalation);
    m_grouping->setObjectName(u"autoEscalationGroupingCombo"_s);
    m_grouping->addItem(tr("One case per fingerprint (type, resource, account)"), 0);
    m_grouping->addItem(tr("One case per rule"), 1);
    escalationLayout->addRow(tr("Cases"), m_grouping);
    m_includeThreshold
        = new QCheckBox(tr("Also findings escalated by the severity threshold"), escalation);
    m_includeThreshold->setObjectName(u"includeThresholdCheck"_s);
    escalationLayout->addRow(m_includeThreshold);
    layout->addWidget(escalation);
    layout->addStretch(1);
    return page;
}

void RuleEditorDialog::loadFromStore()
{
    QString error;
    m_rules = store::RuleRepository(m_database.reader()).list(&error);
    if (!error.isEmpty())
        m_message->setText(tr("Could not read the rules: %1").arg(error));
    m_originalIds.clear();
    for (const domain::SuppressionRule &rule : std::as_const(m_rules))
        m_originalIds.append(rule.id);
    const warroom::triage::TriagePolicy policy = ingest::triagePolicyFromStore(m_database, &error);
    m_loading = true;
    m_networks->setRowCount(0);
    for (const warroom::triage::TrustedNetwork &network : policy.trustedNetworks) {
        const int row = m_networks->rowCount();
        m_networks->insertRow(row);
        m_networks->setItem(row, 0, new QTableWidgetItem(network.name));
        m_networks->setItem(row, 1, new QTableWidgetItem(network.cidr));
    }
    m_escalateAt->setChecked(policy.escalateAtSeverity.has_value());
    m_escalateAtValue->setValue(policy.escalateAtSeverity.value_or(7.0));
    m_suppressBelow->setChecked(policy.suppressBelowSeverity.has_value());
    m_suppressBelowValue->setValue(policy.suppressBelowSeverity.value_or(1.0));
    m_suppressArchived->setChecked(policy.suppressArchived);
    m_foldRepeats->setChecked(policy.foldRepeats);
    m_autoEscalate->setChecked(policy.autoEscalation.enabled);
    m_grouping->setCurrentIndex(
        policy.autoEscalation.grouping == warroom::triage::AutoEscalationPolicy::Grouping::Rule
            ? 1
            : 0);
    m_includeThreshold->setChecked(policy.autoEscalation.includeSeverityThreshold);
    m_loading = false;
    validateNetworks();
    refreshList();
    m_list->setCurrentRow(m_rules.isEmpty() ? -1 : 0);
    if (m_rules.isEmpty())
        showRule(-1);
}

warroom::triage::TriagePolicy RuleEditorDialog::policy() const
{
    warroom::triage::TriagePolicy policy;
    for (int row = 0; row < m_networks->rowCount(); ++row) {
        const auto text = [&](int column) {
            const QTableWidgetItem *item = m_networks->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        if (!text(1).isEmpty())
            policy.trustedNetworks.append({text(0), text(1)});
    }
    if (m_escalateAt->isChecked())
        policy.escalateAtSeverity = m_escalateAtValue->value();
    if (m_suppressBelow->isChecked())
        policy.suppressBelowSeverity = m_suppressBelowValue->value();
    policy.suppressArchived = m_suppressArchived->isChecked();
    policy.foldRepeats = m_foldRepeats->isChecked();
    policy.autoEscalation.enabled = m_autoEscalate->isChecked();
    policy.autoEscalation.grouping = m_grouping->currentIndex() == 1
        ? warroom::triage::AutoEscalationPolicy::Grouping::Rule
        : warroom::triage::AutoEscalationPolicy::Grouping::Fingerprint;
    policy.autoEscalation.includeSeverityThreshold = m_includeThreshold->isChecked();
    return policy;
}

int RuleEditorDialog::currentRule() const
{
    return m_current;
}

QString RuleEditorDialog::listText(int index) const
{
    const domain::SuppressionRule &rule = m_rules.at(index);
    QStringList parts {actionText(rule.action)};
    if (rule.terminal)
        parts.append(tr("terminal"));
    parts.append(tr("%n hit(s)", nullptr, int(rule.hitCount)));
    if (rule.expiresAt.isValid())
        parts.append(rule.expiresAt <= QDateTime::currentDateTimeUtc()
                ? tr("expired")
                : tr("until %1").arg(rule.expiresAt.toString(u"yyyy-MM-dd"_s)));
    QStringList problems;
    if (!validateRule(index, &problems))
        parts.append(tr("has errors"));
    return (rule.name.isEmpty() ? tr("(unnamed)") : rule.name) + u"\n    "_s
        + parts.join(u" \u00b7 "_s);
}

void RuleEditorDialog::refreshList()
{
    m_loading = true;
    const int keep = m_current;
    while (m_list->count() > m_rules.size())
        delete m_list->takeItem(m_list->count() - 1);
    for (int i = 0; i < m_rules.size(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        if (!item) {
            item = new QListWidgetItem(m_list);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        }
        item->setText(u"%1. "_s.arg(i + 1) + listText(i));
        item->setCheckState(m_rules.at(i).enabled ? Qt::Checked : Qt::Unchecked);
    }
    m_loading = false;
    m_delete->setEnabled(keep >= 0);
    m_up->setEnabled(keep > 0);
    m_down->setEnabled(keep >= 0 && keep < m_rules.size() - 1);
}

void RuleEditorDialog::showRule(int index)
{
    if (m_loading)
        return;
    m_current = index >= 0 && index < m_rules.size() ? index : -1;
    m_form->setEnabled(m_current >= 0);
    m_loading = true;
    if (m_current < 0) {
        m_name->clear();
        m_hits->clear();
        m_previewLabel->clear();
        m_previewTable->setRowCount(0);
    } else {
        const domain::SuppressionRule &rule = m_rules.at(m_current);
        m_name->setText(rule.name);
        m_action->setCurrentIndex(std::max(0, m_action->findData(domain::toString(rule.action))));
        m_terminal->setChecked(rule.terminal);
        m_enabled->setChecked(rule.enabled);
        m_expires->setChecked(rule.expiresAt.isValid());
        m_expiresAt->setDateTime(rule.expiresAt.isValid()
                ? rule.expiresAt
                : QDateTime::currentDateTimeUtc().addDays(30));
        m_hits->setText(tr("%L1 finding(s) at the last re-triage").arg(rule.hitCount));
    }
    m_expiresAt->setEnabled(m_expires->isChecked());
    m_loading = false;
    rebuildCriteria();
    refreshList();
    showValidation();
    schedulePreview();
}

void RuleEditorDialog::rebuildCriteria()
{
    while (QLayoutItem *item = m_criteriaGrid->takeAt(0)) {
        if (QWidget *widget = item->widget()) {
            // Possibly the Remove button whose click got here: deleted later, renamed now.
            widget->setObjectName(QString());
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
    if (m_current < 0)
        return;
    const QList<domain::RuleCriterion> criteria = m_rules.at(m_current).criteria;
    for (const domain::RuleCriterion &criterion : criteria)
        addCriterionRow(criterion);
}

void RuleEditorDialog::addCriterionRow(const domain::RuleCriterion &criterion)
{
    const int index = m_criteriaGrid->count() / 5; // five widgets per criterion
    const int row = index * 2;
    const QString prefix = u"criterion%1"_s.arg(index);
    auto *field = new QComboBox(m_criteriaBox);
    field->setObjectName(prefix + u"FieldCombo"_s);
    for (const QString &name : domain::ruleFieldNames())
        field->addItem(name, name);
    field->setCurrentIndex(std::max(0, field->findData(criterion.field)));
    auto *op = new QComboBox(m_criteriaBox);
    op->setObjectName(prefix + u"OperatorCombo"_s);
    for (const RuleOperator each : domain::allRuleOperators())
        op->addItem(operatorText(each), domain::toString(each));
    op->setCurrentIndex(std::max(0, op->findData(domain::toString(criterion.op))));
    auto *value = new QLineEdit(criterion.value, m_criteriaBox);
    value->setObjectName(prefix + u"ValueEdit"_s);
    value->setPlaceholderText(tr("value, number or CIDR block"));
    auto *error = new QLabel(m_criteriaBox);
    error->setObjectName(prefix + u"ErrorLabel"_s);
    error->setWordWrap(true);
    auto *remove = new QPushButton(tr("Remove"), m_criteriaBox);
    remove->setObjectName(prefix + u"RemoveButton"_s);
    m_criteriaGrid->addWidget(field, row, 0);
    m_criteriaGrid->addWidget(op, row, 1);
    m_criteriaGrid->addWidget(value, row, 2);
    m_criteriaGrid->addWidget(remove, row, 3);
    m_criteriaGrid->addWidget(error, row + 1, 0, 1, 4);
    m_criteriaGrid->setColumnStretch(2, 1);
    const auto update = [this, index, field, op, value] {
        if (m_loading || m_current < 0 || index >= m_rules[m_current].criteria.size())
            return;
        domain::RuleCriterion &c = m_rules[m_current].criteria[index];
        c.field = field->currentData().toString();
        c.op = domain::ruleOperatorFromString(op->currentData().toString())
                   .value_or(RuleOperator::Equals);
        c.value = value->text().trimmed();
        formChanged();
    };
    connect(field, &QComboBox::currentIndexChanged, this, update);
    connect(op, &QComboBox::currentIndexChanged, this, update);
    connect(value, &QLineEdit::textChanged, this, update);
    connect(remove, &QPushButton::clicked, this, [this, index] {
        if (m_current < 0 || index >= m_rules[m_current].criteria.size())
            return;
        m_rules[m_current].criteria.removeAt(index);
        rebuildCriteria();
        formChanged();
    });
}

void RuleEditorDialog::formChanged()
{
    if (m_loading || m_current < 0)
        return;
    domain::SuppressionRule &rule = m_rules[m_current];
    rule.name = m_name->text();
    rule.action = domain::ruleActionFromString(m_action->currentData().toString())
                      .value_or(domain::RuleAction::Suppress);
    rule.terminal = m_terminal->isChecked();
    rule.enabled = m_enabled->isChecked();
    m_expiresAt->setEnabled(m_expires->isChecked());
    rule.expiresAt = m_expires->isChecked() ? m_expiresAt->dateTime().toUTC() : QDateTime();
    refreshList();
    showValidation();
    schedulePreview();
}

bool RuleEditorDialog::validateRule(int index, QStringList *problems) const
{
    const domain::SuppressionRule &rule = m_rules.at(index);
    if (rule.name.trimmed().isEmpty())
        problems->append(tr("The rule needs a name."));
    if (rule.criteria.isEmpty())
        problems->append(tr("The rule needs at least one criterion."));
    for (const domain::RuleCriterion &criterion : rule.criteria) {
        const QString problem = criterionProblem(criterion);
        if (!problem.isEmpty())
            problems->append(u"%1: %2"_s.arg(criterion.field, problem));
    }
    return problems->isEmpty();
}

void RuleEditorDialog::showValidation()
{
    if (m_current < 0) {
        m_ruleError->clear();
        return;
    }
    const QList<domain::RuleCriterion> &criteria = m_rules.at(m_current).criteria;
    for (int i = 0; i < criteria.size(); ++i) {
        auto *label = m_criteriaBox->findChild<QLabel *>(u"criterion%1ErrorLabel"_s.arg(i));
        if (label)
            label->setText(criterionProblem(criteria.at(i)));
    }
    QStringList problems;
    validateRule(m_current, &problems);
    m_ruleError->setText(
        problems.isEmpty() ? QString() : tr("Not saved until fixed: %1").arg(problems.first()));
    m_push->setEnabled(problems.isEmpty());
}

void RuleEditorDialog::validateNetworks()
{
    if (m_loading)
        return;
    QStringList problems;
    for (int row = 0; row < m_networks->rowCount(); ++row) {
        const QTableWidgetItem *cidr = m_networks->item(row, 1);
        const QString text = cidr ? cidr->text().trimmed() : QString();
        if (text.isEmpty())
            continue;
        if (QHostAddress::parseSubnet(text).first.isNull())
            problems.append(tr("Row %1: \u201c%2\u201d is not a CIDR block (like 198.18.0.0/15 "
                               "or 2001:db8::/32).")
                                .arg(row + 1)
                                .arg(text));
    }
    m_networksError->setText(problems.join(u'\n'));
}

void RuleEditorDialog::schedulePreview()
{
    if (m_current < 0)
        return;
    m_preview.reset();
    QStringList problems;
    validateRule(m_current, &problems);
    // A criterion the engine refuses matches nothing: say so instead of counting.
    for (const domain::RuleCriterion &c : m_rules.at(m_current).criteria) {
        if (!criterionProblem(c).isEmpty()) {
            m_previewDelay->stop();
            m_previewLabel->setText(tr("No preview until the criteria are valid."));
            m_previewTable->setRowCount(0);
            return;
        }
    }
    if (m_rules.at(m_current).criteria.isEmpty()) {
        m_previewDelay->stop();
        m_previewLabel->setText(tr("Add a criterion to see what the rule matches."));
        m_previewTable->setRowCount(0);
        return;
    }
    m_previewLabel->setText(tr("Counting\u2026"));
    m_previewDelay->start();
}

void RuleEditorDialog::showPreview(const ingest::RulePreviewResult &result)
{
    if (!result.error.isEmpty()) {
        m_previewLabel->setText(tr("Preview failed: %1").arg(result.error));
        m_preview = result;
        emit previewUpdated(result);
        return;
    }
    QString text = result.complete ? tr("Matches %L1 of %L2 stored findings (%L3 ms).")
                                         .arg(result.matches)
                                         .arg(result.total)
                                         .arg(result.elapsedMs)
                                   : tr("At least %L1 of %L2 stored findings so far\u2026")
                                         .arg(result.matches)
                                         .arg(result.total);
    if (result.complete && result.matches > result.rows.size())
        text += u' ' + tr("The first %n:", nullptr, int(result.rows.size()));
    m_previewLabel->setText(text);
    m_previewTable->setRowCount(int(result.rows.size()));
    for (int row = 0; row < result.rows.size(); ++row) {
        const ingest::RulePreviewRow &r = result.rows.at(row);
        const QStringList cells {QString::number(r.severity, 'f', 1), r.type, r.accountId,
            r.resourceId, r.title,
            r.verdict + (r.verdictRule.isEmpty() ? QString() : u" ("_s + r.verdictRule + u')')};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == 0)
                item->setData(Qt::UserRole, r.id);
            m_previewTable->setItem(row, column, item);
        }
    }
    if (result.complete)
        m_preview = result;
    emit previewUpdated(result);
}

void RuleEditorDialog::addRule()
{
    domain::SuppressionRule rule;
    rule.id = u"rule-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    rule.name = tr("New rule");
    rule.createdAt = QDateTime::currentDateTimeUtc();
    rule.criteria = {{u"type"_s, RuleOperator::Equals, QString()}};
    propose(rule);
    m_name->setFocus();
    m_name->selectAll();
}

void RuleEditorDialog::propose(const domain::SuppressionRule &rule)
{
    m_rules.append(rule);
    refreshList();
    m_list->setCurrentRow(int(m_rules.size()) - 1);
}

void RuleEditorDialog::deleteRule()
{
    if (m_current < 0)
        return;
    const int at = m_current;
    m_rules.removeAt(at);
    m_current = -1;
    refreshList();
    m_loading = true; // the row may stay current: show it below either way
    m_list->setCurrentRow(std::min(at, int(m_rules.size()) - 1));
    m_loading = false;
    showRule(m_list->currentRow());
}

void RuleEditorDialog::moveRule(int delta)
{
    const int from = m_current;
    const int to = from + delta;
    if (from < 0 || to < 0 || to >= m_rules.size())
        return;
    m_rules.swapItemsAt(from, to);
    m_current = to;
    refreshList();
    m_loading = true;
    m_list->setCurrentRow(to);
    m_loading = false;
    refreshList();
}

bool RuleEditorDialog::save()
{
    QStringList problems;
    for (int i = 0; i < m_rules.size(); ++i) {
        QStringList ruleProblems;
        if (!validateRule(i, &ruleProblems))
            problems.append(u"%1: %2"_s.arg(m_rules.at(i).name, ruleProblems.first()));
    }
    if (!m_networksError->text().isEmpty())
        problems.append(m_networksError->text());
    if (!problems.isEmpty()) {
        m_message->setText(tr("Not saved: %1").arg(problems.join(u"; "_s)));
        return false;
    }
    QStringList keep;
    for (int i = 0; i < m_rules.size(); ++i) {
        m_rules[i].position = i + 1;
        keep.append(m_rules.at(i).id);
    }
    QString error;
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *writeError) {
            store::RuleRepository repository(connection);
            for (const QString &id : std::as_const(m_originalIds))
                if (!keep.contains(id) && !repository.remove(id, writeError))
                    return false;
            for (const domain::SuppressionRule &rule : std::as_const(m_rules))
                if (!repository.upsert(rule, writeError))
                    return false;
            return true;
        },
        &error);
    if (!ok || !ingest::saveTriagePolicy(m_database, policy(), &error)) {
        m_message->setText(tr("Could not save: %1").arg(error));
        return false;
    }
    m_originalIds = keep;
    m_message->setText(tr("Saved %n rule(s) and the policy; re-triaging in the background.",
        nullptr, int(m_rules.size())));
    qCInfo(lcRuleEditor) << "saved" << m_rules.size() << "rules";
    emit saved();
    return true;
}

void RuleEditorDialog::setGuardDutyTarget(
    aws::AwsHttpClient *http, const aws::AwsClientConfig &config, const QString &detectorId)
{
    m_http = http;
    m_awsConfig = config;
    m_detectorId = detectorId;
}

void RuleEditorDialog::pushToGuardDuty()
{
    if (m_current < 0)
        return;
    const aws::GuardDutyFilterCriteria criteria(m_rules.at(m_current));
    if (!criteria.ok()) { // said before looking for credentials
        m_message->setText(
            tr("GuardDuty cannot express this rule:\n") + criteria.refusals().join(u'\n'));
        emit pushFinished(false, m_message->text());
        return;
    }
    if (!m_http || !m_awsConfig) {
        // The AWS CLI's chain: profile, environment, Region.
        const aws::CredentialChain chain;
        const aws::CredentialResolution credentials = chain.resolve();
        const aws::RegionResolution region = chain.resolveRegion();
        if (!credentials.isValid() || region.region.isEmpty()) {
            const QString why = !credentials.isValid()
                ? (credentials.error.isEmpty() ? tr("no AWS credentials were found")
                                               : credentials.error)
                : tr("no AWS Region is set (AWS_REGION or the profile's region)");
            m_message->setText(tr("Cannot push to GuardDuty: %1.").arg(why));
            emit pushFinished(false, m_message->text());
            return;
        }
        if (!m_ownHttp)
            m_ownHttp = new aws::AwsHttpClient(this);
        m_ownHttp->setCredentials(*credentials.credentials);
        aws::AwsClientConfig config;
        config.region = region.region;
        m_http = m_ownHttp;
        m_awsConfig = config;
    }
    auto *push = new aws::GuardDutyFilterPush(m_http, *m_awsConfig, this);
    m_push->setEnabled(false);
    m_message->setText(tr("Pushing to GuardDuty\u2026"));
    connect(push, &aws::GuardDutyFilterPush::finished, this,
        [this, push](bool ok, bool, const QString &, const QString &message) {
            push->deleteLater();
            m_push->setEnabled(true);
            m_message->setText(message);
            emit pushFinished(ok, message);
        });
    push->push(m_rules.at(m_current), m_detectorId);
}

} // namespace warroom::ui::triage
