#include "MembershipView.h"

#include "MessageBox.h"
#include "domain/Validation.h"
#include "onboarding/FieldErrorLabel.h"
#include "onboarding/MembershipService.h"
#include "onboarding/OnboardingDraft.h"
#include "onboarding/OrganizationTreeModel.h"
#include "onboarding/ResponderEditor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace warroom::ui {

namespace {

QStringList splitIds(const QString &text)
{
    QStringList ids;
    for (const QString &part : text.split(QRegularExpression(u"[,\\s]+"_s), Qt::SkipEmptyParts))
        ids.append(part);
    return ids;
}

QString unitsError(const QString &text, const QString &field)
{
    const QStringList ids = splitIds(text);
    if (ids.isEmpty())
        return {};
    domain::FieldErrors errors;
    domain::checkOrganizationalUnitsUpdate(ids, field, errors);
    if (errors.isEmpty())
        return {};
    QString message = errors.first().message;
    if (ids.size() > domain::limits::OrganizationalUnitsPerUpdateMax)
        message += u' '
            + QObject::tr("One UpdateMembership takes at most %1; save these in batches.")
                  .arg(domain::limits::OrganizationalUnitsPerUpdateMax);
    return message;
}

} // namespace

MembershipView::MembershipView(onboarding::MembershipService *service,
    onboarding::OrganizationSource *organization, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_organization(organization)
{
    setObjectName(u"membershipView"_s);
    m_status = new QLabel(this);
    m_status->setObjectName(u"membershipStatusValue"_s);
    m_account = new QLabel(this);
    m_account->setObjectName(u"membershipAccountValue"_s);
    m_region = new QLabel(this);
    m_region->setObjectName(u"membershipRegionValue"_s);
    m_arn = new QLabel(this);
    m_arn->setObjectName(u"membershipArnValue"_s);
    m_arn->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // An ARN has no spaces: wrap it anywhere rather than run into the team column.
    m_arn->setWordWrap(true);
    m_arn->setMinimumWidth(fontMetrics().averageCharWidth() * 20);
    m_arn->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_covered = new QLabel(this);
    m_covered->setObjectName(u"accountsCoveredValue"_s);
    m_scope = new QLabel(this);
    m_scope->setObjectName(u"membershipScopeValue"_s);
    m_scope->setWordWrap(true);
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"membershipNameEdit"_s);
    m_nameError = new FieldErrorLabel(u"membershipNameError"_s, this);
    m_triage = new QCheckBox(tr("Proactive response (Triage)"), this);
    m_triage->setObjectName(u"triageOptInCheck"_s);
    m_wholeOrganization = new QCheckBox(tr("Cover the whole organisation"), this);
    m_wholeOrganization->setObjectName(u"coverEntireOrganizationCheck"_s);
    m_addUnits = new QLineEdit(this);
    m_addUnits->setObjectName(u"addUnitsEdit"_s);
    m_addUnits->setPlaceholderText(tr("OU IDs to add, e.g. ou-ab12-cd34ef56 (at most 5)"));
    m_removeUnits = new QLineEdit(this);
    m_removeUnits->setObjectName(u"removeUnitsEdit"_s);
    m_removeUnits->setPlaceholderText(tr("OU IDs to remove (at most 5)"));
    m_addUnitsError = new FieldErrorLabel(u"addUnitsError"_s, this);
    m_removeUnitsError = new FieldErrorLabel(u"removeUnitsError"_s, this);
    m_team = new ResponderEditor(this);
    m_team->setObjectName(u"membershipTeamEditor"_s);
    m_accounts = new QTableWidget(0, 4, this);
    m_accounts->setObjectName(u"accountsTable"_s);
    m_accounts->setHorizontalHeaderLabels(
        {tr("Account"), tr("Name"), tr("Association"), tr("Relationship")});
    m_accounts->horizontalHeader()->setStretchLastSection(true);
    m_accounts->verticalHeader()->setVisible(false);
    m_accounts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_accounts->setMinimumHeight(160);
    m_accounts->verticalHeader()->setDefaultSectionSize(fontMetrics().lineSpacing() + 8);
    m_save = new QPushButton(tr("&Save changes"), this);
    m_save->setObjectName(u"saveMembershipButton"_s);
    m_cancel = new QPushButton(tr("&Cancel membership..."), this);
    m_cancel->setObjectName(u"cancelMembershipButton"_s);
    m_undo = new QPushButton(tr("&Undo cancellation..."), this);
    m_undo->setObjectName(u"undoCancellationButton"_s);
    m_refresh = new QPushButton(tr("Re&fresh"), this);
    m_refresh->setObjectName(u"refreshMembershipButton"_s);
    m_message = new QLabel(this);
    m_message->setObjectName(u"membershipMessage"_s);
    m_message->setWordWrap(true);

    auto *facts = new QFormLayout;
    facts->addRow(tr("Status:"), m_status);
    facts->addRow(tr("Account:"), m_account);
    facts->addRow(tr("Region:"), m_region);
    facts->addRow(tr("ARN:"), m_arn);
    facts->addRow(tr("Accounts covered:"), m_covered);
    facts->addRow(tr("Scope:"), m_scope);

    auto *editBox = new QGroupBox(tr("Edit"), this);
    auto *edit = new QFormLayout(editBox);
    auto *nameBox = new QWidget(editBox);
    auto *nameLayout = new QVBoxLayout(nameBox);
    nameLayout->setContentsMargins(0, 0, 0, 0);
    nameLayout->addWidget(m_name);
    nameLayout->addWidget(m_nameError);
    edit->addRow(tr("&Name:"), nameBox);
    edit->addRow(QString(), m_triage);
    edit->addRow(QString(), m_wholeOrganization);
    edit->addRow(tr("Add OUs:"), m_addUnits);
    edit->addRow(QString(), m_addUnitsError);
    edit->addRow(tr("Remove OUs:"), m_removeUnits);
    edit->addRow(QString(), m_removeUnitsError);

    auto *teamBox = new QGroupBox(tr("Incident response team"), this);
    auto *teamLayout = new QVBoxLayout(teamBox);
    teamLayout->addWidget(m_team);

    auto *accountsBox = new QGroupBox(tr("Accounts and their association"), this);
    auto *accountsLayout = new QVBoxLayout(accountsBox);
    accountsLayout->addWidget(m_accounts);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_refresh);
    buttons->addStretch();
    buttons->addWidget(m_undo);
    buttons->addWidget(m_cancel);

    auto *content = new QWidget;
    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addLayout(facts);
    left->addWidget(editBox);
    left->addWidget(accountsBox, 1);
    columns->addLayout(left, 1);
    columns->addWidget(teamBox, 1);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addLayout(columns, 1);
    contentLayout->addWidget(m_message);
    contentLayout->addLayout(buttons);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    if (m_organization) {
        m_tree = new onboarding::OrganizationTreeModel(m_organization, this);
        connect(m_tree, &onboarding::OrganizationTreeModel::coverageChanged, this, [this] {
            if (!m_tree->isLoading())
                loadAccounts();
        });
    }
    connect(m_name, &QLineEdit::textChanged, this, &MembershipView::validateEdits);
    connect(m_addUnits, &QLineEdit::textChanged, this, &MembershipView::validateEdits);
    connect(m_removeUnits, &QLineEdit::textChanged, this, &MembershipView::validateEdits);
    connect(m_team, &ResponderEditor::teamChanged, this, &MembershipView::validateEdits);
    connect(m_save, &QPushButton::clicked, this, &MembershipView::save);
    connect(m_cancel, &QPushButton::clicked, this, &MembershipView::cancelMembership);
    connect(m_undo, &QPushButton::clicked, this, &MembershipView::undoCancellation);
    connect(m_refresh, &QPushButton::clicked, this, &MembershipView::refresh);
    show(m_membership);
}

MembershipView::~MembershipView() = default;

bool MembershipView::isBusy() const
{
    return m_busy > 0 || (m_tree && m_tree->isLoading());
}

void MembershipView::setBusy(bool busy)
{
    m_busy += busy ? 1 : -1;
    const bool any = m_busy > 0;
    m_refresh->setEnabled(!any);
    validateEdits();
    emit busyChanged(any);
}

void MembershipView::setMessage(const QString &text, bool error)
{
    m_message->setText(error ? QString(u"\u26a0 "_s + text) : text);
}

void MembershipView::refresh()
{
    if (!m_service)
        return;
    setBusy(true);
    QPointer<MembershipView> self(this);
    m_service->listMemberships(
        [self](const onboarding::MembershipResult<QList<aws::MembershipSummary>> &r) {
            if (!self)
                return;
            self->setBusy(false);
            if (!r.ok()) {
                self->setMessage(
                    tr("Could not list memberships: %1").arg(r.error.toString()), true);
                return;
            }
            QString chosen;
            for (const auto &m : r.value)
                if (m.membershipStatus == domain::MembershipStatus::Active)
                    chosen = m.membershipId;
            if (chosen.isEmpty() && !r.value.isEmpty())
                chosen = r.value.last().membershipId;
            if (chosen.isEmpty()) {
                self->m_membership = {};
                self->show(self->m_membership);
                self->setMessage(tr("This account has no membership yet."));
                emit self->loaded(QString());
                return;
            }
            self->load(chosen);
        });
}

void MembershipView::load(const QString &membershipId)
{
    setBusy(true);
    QPointer<MembershipView> self(this);
    m_service->getMembership(
        membershipId, [self](const onboarding::MembershipResult<domain::Membership> &r) {
            if (!self)
                return;
            self->setBusy(false);
            if (!r.ok()) {
                self->setMessage(
                    tr("Could not read the membership: %1").arg(r.error.toString()), true);
                return;
            }
            if (self->m_message->text().startsWith(tr("This account has no membership")))
                self->setMessage({});
            self->show(r.value);
            if (self->m_tree && self->m_tree->rowCount() == 0) {
                self->m_tree->reload();
                self->m_tree->loadAll();
            } else {
                self->loadAccounts();
            }
            emit self->loaded(r.value.membershipId);
        });
}

void MembershipView::show(const domain::Membership &m)
{
    m_membership = m;
    const bool has = !m.membershipId.isEmpty();
    m_status->setText(
        has && m.membershipStatus ? domain::toString(*m.membershipStatus) : tr("No membership"));
    m_account->setText(m.accountId);
    m_region->setText(m.region);
    // Break opportunities after ':' and '/' (zero-width spaces; the tooltip has it whole).
    QString breakable = m.membershipArn;
    breakable.replace(u':', u":\u200B"_s).replace(u'/', u"/\u200B"_s);
    m_arn->setText(breakable);
    m_arn->setToolTip(m.membershipArn);
    m_covered->setText(
        m.numberOfAccountsCovered ? QString::number(*m.numberOfAccountsCovered) : QString());
    const auto &scope = m.membershipAccountsConfigurations;
    m_scope->setText(scope.coverEntireOrganization.value_or(false) ? tr("The whole organisation")
            : scope.organizationalUnits.isEmpty()
            ? tr("Only the membership account")
            : tr("OUs: %1").arg(scope.organizationalUnits.join(u", "_s)));
    m_name->setText(m.membershipName);
    bool triage = false;
    for (const auto &f : m.optInFeatures)
        triage = triage || (f.featureName == domain::OptInFeatureName::Triage && f.isEnabled);
    m_triage->setChecked(triage);
    m_wholeOrganization->setChecked(scope.coverEntireOrganization.value_or(false));
    m_addUnits->clear();
    m_removeUnits->clear();
    m_team->setTeam(m.incidentResponseTeam);
    fillAccounts();
    validateEdits();
}

void MembershipView::loadAccounts()
{
    if (!m_tree || m_membership.membershipId.isEmpty() || !m_service)
        return;
    QStringList ids;
    for (const auto &a : m_tree->loadedAccounts())
        ids.append(a.id);
    if (ids.isEmpty()) {
        fillAccounts();
        return;
    }
    m_accountStatus.clear();
    m_accountErrors.clear();
    QPointer<MembershipView> self(this);
    const QString membershipId = m_membership.membershipId;
    // BatchGetMemberAccountDetails takes 1-100 accounts per call.
    for (const QStringList &batch : onboarding::batches(ids, 100)) {
        setBusy(true);
        m_service->batchGetMemberAccountDetails(membershipId, batch,
            [self](const onboarding::MembershipResult<aws::MemberAccountDetails> &r) {
                if (!self)
                    return;
                self->setBusy(false);
                if (!r.ok()) {
                    self->setMessage(
                        tr("Could not read the accounts' association: %1").arg(r.error.toString()),
                        true);
                    return;
                }
                for (const auto &item : r.value.items)
                    self->m_accountStatus.insert(item.accountId,
                        {item.relationshipStatus ? domain::toString(*item.relationshipStatus)
                                                 : QString(),
                            item.relationshipType ? domain::toString(*item.relationshipType)
                                                  : QString()});
                for (const auto &e : r.value.errors)
                    self->m_accountErrors.insert(e.accountId, e.error + u": "_s + e.message);
                self->fillAccounts();
            });
    }
}

void MembershipView::fillAccounts()
{
    const QList<onboarding::OrganizationEntry> accounts
        = m_tree ? m_tree->loadedAccounts() : QList<onboarding::OrganizationEntry>();
    m_accounts->setRowCount(m_membership.membershipId.isEmpty() ? 0 : int(accounts.size()));
    if (m_membership.membershipId.isEmpty())
        return;
    for (int row = 0; row < accounts.size(); ++row) {
        const auto &a = accounts.at(row);
        const auto status = m_accountStatus.value(a.id);
        const QString error = m_accountErrors.value(a.id);
        const QStringList cells {
            a.id, a.name, error.isEmpty() ? status.first : error, status.second};
        for (int column = 0; column < cells.size(); ++column)
            m_accounts->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_accounts->resizeColumnsToContents();
}

void MembershipView::validateEdits()
{
    const bool has = !m_membership.membershipId.isEmpty();
    const bool active = m_membership.membershipStatus == domain::MembershipStatus::Active;
    domain::FieldErrors nameErrors;
    domain::checkMembershipName(m_name->text().trimmed(), u"membershipName"_s, nameErrors);
    m_nameError->setMessage(has && !nameErrors.isEmpty() ? nameErrors.first().message : QString());
    m_addUnitsError->setMessage(unitsError(m_addUnits->text(), u"organizationalUnitsToAdd"_s));
    m_removeUnitsError->setMessage(
        unitsError(m_removeUnits->text(), u"organizationalUnitsToRemove"_s));
    const bool valid = nameErrors.isEmpty() && m_addUnitsError->message().isEmpty()
        && m_removeUnitsError->message().isEmpty() && m_team->isTeamValid();
    const bool idle = m_busy == 0;
    for (QWidget *w : std::initializer_list<QWidget *> {
             m_name, m_triage, m_wholeOrganization, m_addUnits, m_removeUnits, m_team})
        w->setEnabled(has && active);
    m_save->setEnabled(has && active && valid && idle);
    m_cancel->setEnabled(has && active && idle);
    m_undo->setEnabled(
        has && m_membership.membershipStatus == domain::MembershipStatus::Cancelled && idle);
    m_undo->setVisible(m_membership.membershipStatus == domain::MembershipStatus::Cancelled);
    m_cancel->setVisible(m_membership.membershipStatus != domain::MembershipStatus::Cancelled);
}

void MembershipView::finishCall(const aws::AwsError &error, const QString &operation,
    const QString &success, const QString &membershipId)
{
    setBusy(false);
    if (error.isError()) {
        // The edits stay on screen so nothing typed is lost.
        setMessage(tr("%1 failed: %2").arg(operation, error.toString()), true);
        return;
    }
    setMessage(success);
    load(membershipId);
}

void MembershipView::save()
{
    validateEdits();
    if (!m_save->isEnabled())
        return;
    domain::UpdateMembershipRequest request;
    request.membershipId = m_membership.membershipId;
    const QString name = m_name->text().trimmed();
    if (name != m_membership.membershipName)
        request.membershipName = name;
    if (m_team->team() != m_membership.incidentResponseTeam)
        request.incidentResponseTeam = m_team->team();
    bool triage = false;
    for (const auto &f : m_membership.optInFeatures)
        triage = triage || (f.featureName == domain::OptInFeatureName::Triage && f.isEnabled);
    if (m_triage->isChecked() != triage)
        request.optInFeatures = QList<domain::OptInFeature> {
            {domain::OptInFeatureName::Triage, m_triage->isChecked()}};
    domain::MembershipAccountsConfigurationsUpdate scope;
    const bool whole
        = m_membership.membershipAccountsConfigurations.coverEntireOrganization.value_or(false);
    if (m_wholeOrganization->isChecked() != whole)
        scope.coverEntireOrganization = m_wholeOrganization->isChecked();
    if (!splitIds(m_addUnits->text()).isEmpty())
        scope.organizationalUnitsToAdd = splitIds(m_addUnits->text());
    if (!splitIds(m_removeUnits->text()).isEmpty())
        scope.organizationalUnitsToRemove = splitIds(m_removeUnits->text());
    if (!scope.isEmpty())
        request.membershipAccountsConfigurationsUpdate = scope;
    if (!request.membershipName && !request.incidentResponseTeam && !request.optInFeatures
        && !request.membershipAccountsConfigurationsUpdate) {
        setMessage(tr("Nothing changed."));
        return;
    }
    setBusy(true);
    QPointer<MembershipView> self(this);
    const QString id = m_membership.membershipId;
    m_service->updateMembership(request, [self, id](const onboarding::MembershipResult<bool> &r) {
        if (self)
            self->finishCall(r.error, u"UpdateMembership"_s, tr("Saved."), id);
    });
}

void MembershipView::cancelMembership()
{
    if (m_membership.membershipId.isEmpty())
        return;
    if (MessageBox::question(this, tr("Cancel membership"),
            tr("Cancel membership %1 (\"%2\")? Security Incident Response stops monitoring "
               "your accounts; you can undo the cancellation until it takes effect.")
                .arg(m_membership.membershipId, m_membership.membershipName))
        != QMessageBox::Yes)
        return;
    setBusy(true);
    QPointer<MembershipView> self(this);
    const QString id = m_membership.membershipId;
    m_service->cancelMembership(id, [self, id](const onboarding::MembershipResult<QString> &r) {
        if (self)
            self->finishCall(
                r.error, u"CancelMembership"_s, tr("Membership %1 is cancelled.").arg(id), id);
    });
}

void MembershipView::undoCancellation()
{
    if (m_membership.membershipId.isEmpty())
        return;
    if (MessageBox::question(this, tr("Undo cancellation"),
            tr("Undo the cancellation of membership %1 and make it active again?")
                .arg(m_membership.membershipId))
        != QMessageBox::Yes)
        return;
    domain::UpdateMembershipRequest request;
    request.membershipId = m_membership.membershipId;
    request.undoMembershipCancellation = true;
    setBusy(true);
    QPointer<MembershipView> self(this);
    const QString id = m_membership.membershipId;
    m_service->updateMembership(request, [self, id](const onboarding::MembershipResult<bool> &r) {
        if (self)
            self->finishCall(
                r.error, u"UpdateMembership"_s, tr("Membership %1 is active again.").arg(id), id);
    });
}

} // namespace warroom::ui
