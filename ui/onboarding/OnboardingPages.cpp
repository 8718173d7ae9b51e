#include "OnboardingPages.h"

#include "FieldErrorLabel.h"
#include "MessageBox.h"
#include "OnboardingWizard.h"
#include "ResponderEditor.h"
#include "aws/CredentialChain.h"
#include "aws/OrganizationsClient.h"
#include "domain/AwsRegion.h"
#include "domain/Validation.h"
#include "onboarding/MembershipService.h"
#include "onboarding/OrganizationSource.h"
#include "onboarding/OrganizationTreeModel.h"
#include "onboarding/PrerequisiteChecker.h"
#include "onboarding/SignUpRunner.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSortFilterProxyModel>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace warroom::ui {

using onboarding::MembershipAccountChoice;

namespace {

QLabel *wrappedLabel(const QString &text, QWidget *parent, const QString &objectName = {})
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    if (!objectName.isEmpty())
        label->setObjectName(objectName);
    return label;
}

QWidget *withError(QWidget *field, FieldErrorLabel *error, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(field);
    v->addWidget(error);
    v->addStretch(1); // spare height below, so the field stays level with its label
    return box;
}

} // namespace

OnboardingWizard *OnboardingPage::onboardingWizard() const
{
    return static_cast<OnboardingWizard *>(wizard());
}

onboarding::OnboardingDraft &OnboardingPage::draft() const
{
    return onboardingWizard()->draft();
}

// --- 1. Before you begin ------------------------------------------------------------------

PrerequisitesPage::PrerequisitesPage(QWidget *parent)
    : OnboardingPage(parent)
{
    setObjectName(u"prerequisitesPage"_s);
    setTitle(tr("Before you begin"));
    setSubTitle(tr("What Security Incident Response needs in your organisation. Failed checks "
                   "do not stop you, but sign-up or monitoring may not work until they pass."));
    m_sourceLabel = wrappedLabel({}, this, u"organizationSourceLabel"_s);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"prerequisitesList"_s);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Check"), tr("Result"), tr("Details and how to fix")});
    m_list->setRootIsDecorated(false);
    m_list->setWordWrap(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_list->setColumnWidth(0, fontMetrics().averageCharWidth() * 46);
    m_list->setColumnWidth(1, fontMetrics().averageCharWidth() * 14);
    connect(m_list->header(), &QHeaderView::sectionResized, this, [this] { fitRows(); });
    // The stretched last column follows the list's width: the rows follow it too.
    connect(m_list->header(), &QHeaderView::geometriesChanged, this, [this] { fitRows(); });
    m_recheck = new QPushButton(tr("Check &again"), this);
    m_recheck->setObjectName(u"recheckButton"_s);
    m_enableAccess = new QPushButton(tr("&Enable trusted access"), this);
    m_enableAccess->setObjectName(u"enableTrustedAccessButton"_s);
    m_enableAccess->setVisible(false);
    m_resumeLabel = wrappedLabel({}, this, u"resumeLabel"_s);
    m_resumeLabel->setVisible(false);
    m_unreachableLabel = wrappedLabel(
        tr("<b>No organisation could be reached</b>, so every check is unknown (the reason is "
           "next to each). Set the Organizations endpoint URL and its keys in Workspace > "
           "Backend Settings (empty: AWS Organizations itself), then Check again. You can "
           "still go on: the account scope then has no tree to pick OUs from."),
        this, u"organizationUnreachableLabel"_s);
    m_unreachableLabel->setVisible(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_recheck);
    buttons->addWidget(m_enableAccess);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_sourceLabel);
    layout->addWidget(m_unreachableLabel);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_resumeLabel);

    connect(m_recheck, &QPushButton::clicked, this, [this] {
        if (m_checker)
            m_checker->start();
    });
    connect(m_enableAccess, &QPushButton::clicked, this, [this] {
        const QString principal = aws::OrganizationsClient::securityIrPrincipal();
        if (MessageBox::question(this, tr("Enable trusted access"),
                tr("Allow %1 to act in every account of the organisation "
                   "(EnableAWSServiceAccess)?")
                    .arg(principal))
            != QMessageBox::Yes)
            return;
        m_enableAccess->setEnabled(false);
        onboardingWizard()->organization()->enableServiceAccess(
            principal, [this](const onboarding::SourceResult<bool> &r) {
                m_enableAccess->setEnabled(true);
                if (!r.ok())
                    MessageBox::warning(this, tr("Enable trusted access"), r.error.toString());
                m_checker->start();
            });
    });
}

void PrerequisitesPage::initializePage()
{
    if (!m_checker) {
        m_checker = new onboarding::PrerequisiteChecker(onboardingWizard()->organization(), this);
        connect(m_checker, &onboarding::PrerequisiteChecker::changed, this,
            &PrerequisitesPage::refresh);
        connect(m_checker, &onboarding::PrerequisiteChecker::finished, this, [this] {
            refresh();
            if (!m_checker->signedInAccountId().isEmpty()) {
                draft().signedInAccountId = m_checker->signedInAccountId();
                onboardingWizard()->saveDraft();
            }
        });
    }
    m_sourceLabel->setText(
        tr("Checking against: %1").arg(onboardingWizard()->organization()->description()));
    const bool resume = !draft().membershipId.isEmpty();
    m_resumeLabel->setVisible(resume);
    m_resumeLabel->setText(tr("An earlier sign-up created membership %1 but did not finish. "
                              "Next takes you to the summary to resume it.")
                               .arg(draft().membershipId));
    m_checker->start();
}

void PrerequisitesPage::refresh()
{
    m_list->clear();
    for (const auto &p : m_checker->results()) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, p.title);
        item->setText(1, onboarding::toString(p.state));
        item->setData(1, Qt::UserRole, int(p.state));
        item->setData(0, Qt::UserRole, p.key);
        const bool needsFix = p.state == onboarding::Prerequisite::State::Failed
            || p.state == onboarding::Prerequisite::State::NotCheckable
            || p.state == onboarding::Prerequisite::State::Unknown;
        item->setText(
            2, needsFix && !p.fix.isEmpty() ? QString(p.detail + u"\n"_s + p.fix) : p.detail);
        item->setToolTip(2, item->text(2));
        QStyle::StandardPixmap icon = QStyle::SP_MessageBoxQuestion;
        if (p.state == onboarding::Prerequisite::State::Passed)
            icon = QStyle::SP_DialogApplyButton;
        else if (p.state == onboarding::Prerequisite::State::Failed)
            icon = QStyle::SP_MessageBoxCritical;
        else if (p.state == onboarding::Prerequisite::State::NotCheckable)
            icon = QStyle::SP_MessageBoxInformation;
        item->setIcon(1, style()->standardIcon(icon));
    }
    fitRows();
    m_unreachableLabel->setVisible(m_checker->nothingReachable());
    const auto *access = m_checker->result(u"trustedAccess"_s);
    m_enableAccess->setVisible(access && access->state == onboarding::Prerequisite::State::Failed);
}

void PrerequisitesPage::fitRows()
{
    // Rows as tall as their wrapped text at the columns' current widths (the view's own
    // estimate cut the longer "how to fix" lines short).
    const QFontMetrics metrics(m_list->font());
    // The item delegate's own padding, with room to spare: an estimate one pixel short
    // makes the view elide the last line instead of wrapping it.
    const int margin = style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_list) * 2 + 16;
    // The check's name column wide enough for the longest name on one line while that
    // takes at most a quarter of the list, and never narrower than its longest unbreakable word
    // (the service-linked role's name), so that no name is cut short.
    int longestWord = 0;
    int longestName = 0;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QString name = m_list->topLevelItem(i)->text(0);
        longestName = std::max(longestName, metrics.horizontalAdvance(name));
        for (const QString &word : name.split(u' '))
            longestWord = std::max(longestWord, metrics.horizontalAdvance(word));
    }
    const int wanted = std::max(longestWord, std::min(longestName, m_list->width() / 4));
    if (m_list->header()->sectionSize(0) < wanted + margin)
        m_list->header()->resizeSection(0, wanted + margin); // fitRows again, once
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        int height = metrics.height();
        for (int column : {0, 2}) {
            // The last column stretches to the viewport's edge, possibly not yet.
            const QHeaderView *header = m_list->header();
            const int stretched
                = m_list->viewport()->width() - header->sectionSize(0) - header->sectionSize(1);
            const int section
                = column == 0 || stretched < 40 ? header->sectionSize(column) : stretched;
            const int width = std::max(40, section - margin);
            const QRect needed = metrics.boundingRect(
                QRect(0, 0, width, 100000), Qt::TextWordWrap, item->text(column));
            height = std::max(height, needed.height());
        }
        item->setSizeHint(0, QSize(-1, height + 6));
    }
}

int PrerequisitesPage::nextId() const
{
    // Resuming: straight to the summary, unless the delegated administrator's keys are
    // needed again (they are never saved).
    if (wizard() && !draft().membershipId.isEmpty() && !onboardingWizard()->needsDelegatedKeys())
        return OnboardingWizard::SummaryPageId;
    return OnboardingWizard::MembershipAccountPageId;
}

// --- 2. Membership account ---------------------------------------------------------------

MembershipAccountPage::MembershipAccountPage(QWidget *parent)
    : OnboardingPage(parent)
{
    setObjectName(u"membershipAccountPage"_s);
    setTitle(tr("Membership account"));
    setSubTitle(tr("The account that holds the membership and receives cases."));
    m_delegated = new QRadioButton(tr("A &delegated administrator account (recommended)"), this);
    m_delegated->setObjectName(u"delegatedAdminRadio"_s);
    m_signedIn = new QRadioButton(tr("The &signed-in account"), this);
    m_signedIn->setObjectName(u"signedInAccountRadio"_s);
    auto *group = new QButtonGroup(this);
    group->addButton(m_delegated);
    group->addButton(m_signedIn);
    m_accountEdit = new QLineEdit(this);
    m_accountEdit->setObjectName(u"delegatedAdminEdit"_s);
    m_accountEdit->setPlaceholderText(tr("12-digit account ID, e.g. 111122223333"));
    m_accountEdit->setMaxLength(20);
    m_accountError = new FieldErrorLabel(u"delegatedAdminError"_s, this);
    m_registerButton = new QPushButton(tr("&Register as delegated administrator..."), this);
    m_registerButton->setObjectName(u"registerDelegatedAdminButton"_s);
    m_statusLabel = wrappedLabel({}, this, u"delegatedAdminStatusLabel"_s);
    m_signedInLabel = wrappedLabel({}, this, u"signedInAccountLabel"_s);

    // After registration the membership is created from the delegated administrator
    // account: keys for it, checked against the 12-digit ID.
    m_keysBox = new QGroupBox(this);
    m_keysBox->setObjectName(u"delegatedKeysGroupBox"_s);
    m_keysBox->setVisible(false);
    m_keySourceCombo = new QComboBox(m_keysBox);
    m_keySourceCombo->setObjectName(u"delegatedKeySourceCombo"_s);
    m_roleEdit = new QLineEdit(u"OrganizationAccountAccessRole"_s, m_keysBox);
    m_roleEdit->setObjectName(u"delegatedRoleEdit"_s);
    m_keysProfileCombo = new QComboBox(m_keysBox);
    m_keysProfileCombo->setObjectName(u"delegatedProfileCombo"_s);
    m_keysProfileCombo->setEditable(true);
    m_keysProfileCombo->addItem(QString());
    m_keysProfileCombo->addItems(aws::CredentialChain().availableProfiles());
    m_keyIdEdit = new QLineEdit(m_keysBox);
    m_keyIdEdit->setObjectName(u"delegatedAccessKeyEdit"_s);
    m_secretEdit = new QLineEdit(m_keysBox);
    m_secretEdit->setObjectName(u"delegatedSecretKeyEdit"_s);
    m_secretEdit->setEchoMode(QLineEdit::Password);
    m_checkKeysButton = new QPushButton(tr("C&heck keys"), m_keysBox);
    m_checkKeysButton->setObjectName(u"checkDelegatedKeysButton"_s);
    m_keysStatusLabel = wrappedLabel({}, m_keysBox, u"delegatedKeysStatusLabel"_s);
    m_keysStatusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const int labelWidth = fontMetrics().averageCharWidth() * 20;
    auto keyRow = [this, labelWidth](const QString &text, QWidget *field) {
        auto *row = new QWidget(m_keysBox);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *label = new QLabel(text, row);
        label->setBuddy(field);
        label->setMinimumWidth(labelWidth);
        h->addWidget(label);
        h->addWidget(field, 1);
        return row;
    };
    m_sourceRow = keyRow(tr("Keys &from:"), m_keySourceCombo);
    m_roleRow = keyRow(tr("Role &name:"), m_roleEdit);
    m_profileRow = keyRow(tr("&Profile:"), m_keysProfileCombo);
    m_keyIdRow = keyRow(tr("Access &key ID:"), m_keyIdEdit);
    m_secretRow = keyRow(tr("Secret access ke&y:"), m_secretEdit);
    auto *keysLayout = new QVBoxLayout(m_keysBox);
    for (QWidget *row : {m_sourceRow, m_roleRow, m_profileRow, m_keyIdRow, m_secretRow})
        keysLayout->addWidget(row);
    auto *checkRow = new QHBoxLayout;
    checkRow->addWidget(m_checkKeysButton);
    checkRow->addStretch();
    keysLayout->addLayout(checkRow);
    keysLayout->addWidget(m_keysStatusLabel);

    auto *accountRow = new QHBoxLayout;
    accountRow->addWidget(withError(m_accountEdit, m_accountError, this), 1);
    accountRow->addWidget(m_registerButton, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_delegated);
    layout->addWidget(wrappedLabel(
        tr("A member account (often your security tooling account) that the management "
           "account registers as delegated administrator for security-ir.amazonaws.com. "
           "Keeps day-to-day incident work out of the management account. The membership "
           "is then created from that account, with its own keys."),
        this));
    layout->addLayout(accountRow);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_keysBox);
    layout->addSpacing(12);
    layout->addWidget(m_signedIn);
    layout->addWidget(m_signedInLabel);
    layout->addStretch();

    connect(m_delegated, &QRadioButton::toggled, this, &MembershipAccountPage::update);
    connect(m_accountEdit, &QLineEdit::textChanged, this, &MembershipAccountPage::update);
    connect(m_registerButton, &QPushButton::clicked, this, &MembershipAccountPage::registerAccount);
    connect(m_keySourceCombo, &QComboBox::currentIndexChanged, this,
        &MembershipAccountPage::updateKeys);
    connect(m_checkKeysButton, &QPushButton::clicked, this, &MembershipAccountPage::checkKeys);
}

void MembershipAccountPage::updateKeys()
{
    auto *access = onboardingWizard() ? onboardingWizard()->delegatedAccess() : nullptr;
    const auto &d = draft();
    const QString id = d.delegatedAdministratorId;
    const bool show = access && d.accountChoice == MembershipAccountChoice::DelegatedAdministrator
        && d.delegatedAdministratorRegistered;
    m_keysBox->setVisible(show);
    if (!show)
        return;
    if (m_keySourceCombo->count() == 0) {
        for (const auto source : access->sources())
            m_keySourceCombo->addItem(onboarding::DelegatedAccess::toString(source), int(source));
    }
    const bool keys = access->needsKeys();
    m_keysBox->setTitle(keys ? tr("Keys of the delegated administrator %1").arg(id)
                             : tr("Delegated administrator %1").arg(id));
    const auto source = onboarding::DelegatedKeySource(m_keySourceCombo->currentData().toInt());
    m_sourceRow->setVisible(keys);
    m_roleRow->setVisible(keys && source == onboarding::DelegatedKeySource::AssumeRole);
    m_profileRow->setVisible(keys && source == onboarding::DelegatedKeySource::Profile);
    m_keyIdRow->setVisible(keys && source == onboarding::DelegatedKeySource::AccessKeys);
    m_secretRow->setVisible(keys && source == onboarding::DelegatedKeySource::AccessKeys);
    m_checkKeysButton->setVisible(keys);
    m_checkKeysButton->setEnabled(!m_keysChecking);
    if (m_keysCheckedFor != id) {
        // A new account: what was checked before does not count.
        m_keysCheckedFor.clear();
        if (!keys) {
            checkKeys(); // the embedded backend: only which account it holds
        } else {
            m_keysStatusLabel->setText(
                tr("Sign-up must run as %1, not as the management account. Give keys for it "
                   "(assuming OrganizationAccountAccessRole from the management account works "
                   "in accounts Organizations created) and press Check keys: they must belong "
                   "to account %1.")
                    .arg(id));
        }
    }
}

void MembershipAccountPage::checkKeys()
{
    auto *access = onboardingWizard()->delegatedAccess();
    if (!access)
        return;
    const QString id = draft().delegatedAdministratorId;
    onboarding::DelegatedKeyRequest request;
    request.source = onboarding::DelegatedKeySource(m_keySourceCombo->currentData().toInt());
    request.roleName = m_roleEdit->text();
    request.profile = m_keysProfileCombo->currentText();
    request.accessKeyId = m_keyIdEdit->text();
    request.secretAccessKey = m_secretEdit->text();
    m_keysCheckedFor = id;
    m_keysChecking = true;
    m_checkKeysButton->setEnabled(false);
    if (access->needsKeys())
        m_keysStatusLabel->setText(tr("Checking the keys of %1...").arg(id));
    emit completeChanged();
    QPointer<MembershipAccountPage> self(this);
    access->check(id, request, [self](bool ok, const QString &message) {
        if (!self)
            return;
        self->m_keysChecking = false;
        self->m_checkKeysButton->setEnabled(true);
        self->m_keysStatusLabel->setText(ok ? message : tr("✗ %1").arg(message));
        self->setProperty("keysOk", ok);
        emit self->completeChanged();
    });
}

int MembershipAccountPage::nextId() const
{
    if (wizard() && !draft().membershipId.isEmpty())
        return OnboardingWizard::SummaryPageId; // resuming: only the keys were needed
    return OnboardingWizard::RegionPageId;
}

void MembershipAccountPage::initializePage()
{
    const auto &d = draft();
    m_delegated->setChecked(d.accountChoice == MembershipAccountChoice::DelegatedAdministrator);
    m_signedIn->setChecked(d.accountChoice == MembershipAccountChoice::SignedInAccount);
    m_accountEdit->setText(d.delegatedAdministratorId);
    m_signedInLabel->setText(d.signedInAccountId.isEmpty()
            ? tr("The signed-in account is not known (the first page could not read it).")
            : tr("Account %1: the membership and its cases live in the account you are "
                 "signed in to.")
                  .arg(d.signedInAccountId));
    QPointer<MembershipAccountPage> self(this);
    onboardingWizard()->organization()->delegatedAdministrators(
        aws::OrganizationsClient::securityIrPrincipal(),
        [self](const onboarding::SourceResult<QStringList> &r) {
            if (!self)
                return;
            // A list answered after a registration from this page may predate it.
            self->m_registered = r.value;
            for (const QString &id : std::as_const(self->m_registeredHere))
                if (!self->m_registered.contains(id))
                    self->m_registered.append(id);
            if (r.ok() && !r.value.isEmpty() && self->m_accountEdit->text().isEmpty())
                self->m_accountEdit->setText(r.value.first());
            self->update();
        });
    update();
}

void MembershipAccountPage::update()
{
    auto &d = draft();
    d.accountChoice = m_delegated->isChecked() ? MembershipAccountChoice::DelegatedAdministrator
                                               : MembershipAccountChoice::SignedInAccount;
    const QString id = m_accountEdit->text().trimmed();
    d.delegatedAdministratorId = id;
    d.delegatedAdministratorRegistered = m_registered.contains(id);
    const bool delegated = m_delegated->isChecked();
    m_accountEdit->setEnabled(delegated);
    const QString error = id.isEmpty() ? QString() : onboarding::accountIdError(id);
    m_accountError->setMessage(delegated ? error : QString());
    m_registerButton->setEnabled(
        delegated && !id.isEmpty() && error.isEmpty() && !d.delegatedAdministratorRegistered);
    if (!delegated)
        m_statusLabel->clear();
    else if (d.delegatedAdministratorRegistered)
        m_statusLabel->setText(
            tr("\u2713 %1 is the delegated administrator for Security Incident Response.").arg(id));
    else if (!id.isEmpty() && error.isEmpty() && m_registerErrorFor == id)
        m_statusLabel->setText(tr("Could not register %1: %2").arg(id, m_registerError));
    else if (!id.isEmpty() && error.isEmpty())
        m_statusLabel->setText(tr("%1 is not registered yet: use Register to do it now.").arg(id));
    else
        m_statusLabel->clear();
    updateKeys();
    onboardingWizard()->saveDraft();
    emit completeChanged();
}

void MembershipAccountPage::registerAccount()
{
    const QString id = m_accountEdit->text().trimmed();
    if (!onboarding::accountIdError(id).isEmpty())
        return;
    const QString principal = aws::OrganizationsClient::securityIrPrincipal();
    if (MessageBox::question(this, tr("Register delegated administrator"),
            tr("Register account %1 as the delegated administrator for %2 "
               "(RegisterDelegatedAdministrator)? Deregistering it later cancels the "
               "membership.")
                .arg(id, principal))
        != QMessageBox::Yes)
        return;
    m_registerButton->setEnabled(false);
    m_statusLabel->setText(tr("Registering %1...").arg(id));
    QPointer<MembershipAccountPage> self(this);
    onboardingWizard()->organization()->registerDelegatedAdministrator(
        id, principal, [self, id](const onboarding::SourceResult<bool> &r) {
            if (!self)
                return;
            if (r.ok() || r.error.type == "AccountAlreadyRegisteredException"_L1) {
                self->m_registeredHere.append(id);
                self->m_registered.append(id);
                self->update();
            } else {
                // Kept until the ID changes, whatever else updates the page meanwhile.
                self->m_registerErrorFor = id;
                self->m_registerError = r.error.toString();
                self->update();
            }
        });
}

bool MembershipAccountPage::isComplete() const
{
    if (!wizard() || !onboarding::validateMembershipAccount(draft()).isEmpty())
        return false;
    auto *access = onboardingWizard()->delegatedAccess();
    if (!access || draft().accountChoice != MembershipAccountChoice::DelegatedAdministrator)
        return true;
    // The delegated administrator's keys (or, embedded, its account) checked.
    return !m_keysChecking && access->verifiedAccountId() == draft().delegatedAdministratorId;
}

// --- 3. Region -------------------------------------------------------------------------

RegionPage::RegionPage(QWidget *parent)
    : OnboardingPage(parent)
{
    setObjectName(u"regionPage"_s);
    setTitle(tr("Region"));
    setSubTitle(tr("Where the membership, its cases and its data live."));
    m_combo = new QComboBox(this);
    m_combo->setObjectName(u"regionCombo"_s);
    m_combo->addItem(tr("Choose a Region"), QString());
    for (const QString &region : domain::awsRegions())
        m_combo->addItem(region, region);
    m_error = new FieldErrorLabel(u"regionError"_s, this);
    auto *warning = wrappedLabel(
        tr("<b>The Region cannot be changed after sign-up.</b> It is part of every ARN of "
           "the membership and its cases. Findings from all supported Regions are still "
           "monitored; only the cases and the membership are kept in this one."),
        this, u"regionWarningLabel"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("&Region:"), withError(m_combo, m_error, this));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(warning);
    m_servedLabel = wrappedLabel({}, this, u"regionServedLabel"_s);
    layout->addWidget(m_servedLabel);
    layout->addStretch();
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        draft().region = m_combo->currentData().toString();
        m_error->setMessage(m_combo->currentIndex() == 0 ? QString() : regionError());
        onboardingWizard()->saveDraft();
        emit completeChanged();
    });
}

void RegionPage::initializePage()
{
    const QString served = onboardingWizard()->memberships()->region();
    m_servedLabel->setText(tr("The backend you are signing up through serves %1: %2.")
                               .arg(served, onboardingWizard()->memberships()->description()));
    const int index = m_combo->findData(draft().region.isEmpty() ? served : draft().region);
    m_combo->setCurrentIndex(index < 0 ? 0 : index);
}

QString RegionPage::regionError() const
{
    const QString message
        = onboarding::firstMessage(onboarding::validateRegion(draft()), u"region"_s);
    if (!message.isEmpty())
        return message;
    const QString served = onboardingWizard()->memberships()->region();
    if (draft().region != served)
        return tr("This backend creates memberships in %1, not %2: connect to Security "
                  "Incident Response in %2, or choose %1.")
            .arg(served, draft().region);
    return {};
}

bool RegionPage::isComplete() const
{
    return wizard() && regionError().isEmpty();
}

// --- 4. Account scope ----------------------------------------------------------------------

ScopePage::ScopePage(QWidget *parent)
    : OnboardingPage(parent)
{
    setObjectName(u"scopePage"_s);
    setTitle(tr("Account scope"));
    setSubTitle(tr("Which accounts Security Incident Response watches."));
    m_whole = new QRadioButton(tr("The &whole organisation (recommended)"), this);
    m_whole->setObjectName(u"wholeOrganizationRadio"_s);
    m_units = new QRadioButton(tr("Only the &organisational units picked below"), this);
    m_units->setObjectName(u"organizationalUnitsRadio"_s);
    auto *group = new QButtonGroup(this);
    group->addButton(m_whole);
    group->addButton(m_units);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"organizationSearchEdit"_s);
    m_search->setPlaceholderText(tr("Search OUs and accounts by name or ID"));
    m_search->setClearButtonEnabled(true);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(u"organizationTree"_s);
    m_tree->setUniformRowHeights(true);
    m_countLabel = wrappedLabel({}, this, u"accountsCoveredLabel"_s);
    m_batchesLabel = wrappedLabel({}, this, u"batchesLabel"_s);
    m_error = new FieldErrorLabel(u"scopeError"_s, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_whole);
    layout->addWidget(m_units);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_countLabel);
    layout->addWidget(m_batchesLabel);
    layout->addWidget(m_error);
    connect(m_whole, &QRadioButton::toggled, this, &ScopePage::update);
}

void ScopePage::initializePage()
{
    // update() writes the widgets back into the draft, so read the draft first.
    const bool whole = draft().coverEntireOrganization;
    const QStringList units = draft().organizationalUnits;
    m_whole->setChecked(whole);
    m_units->setChecked(!whole);
    if (!m_model) {
        m_model = new onboarding::OrganizationTreeModel(onboardingWizard()->organization(), this);
        m_proxy = new QSortFilterProxyModel(this);
        m_proxy->setSourceModel(m_model);
        m_proxy->setRecursiveFilteringEnabled(true);
        m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
        m_proxy->setFilterKeyColumn(-1);
        m_tree->setModel(m_proxy);
        m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
        m_tree->header()->setSectionResizeMode(1, QHeaderView::Interactive);
        m_tree->header()->resizeSection(1, fontMetrics().averageCharWidth() * 22);
        m_tree->header()->setStretchLastSection(false);
        connect(
            m_model, &onboarding::OrganizationTreeModel::coverageChanged, this, &ScopePage::update);
        connect(m_model, &onboarding::OrganizationTreeModel::checkedUnitsChanged, this,
            &ScopePage::update);
        connect(
            m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
                // Open the root so the first level of OUs shows at once.
                if (!parent.isValid())
                    m_tree->expand(m_proxy->index(0, 0));
                if (!m_search->text().isEmpty())
                    m_tree->expandAll();
            });
        connect(m_model, &onboarding::OrganizationTreeModel::loadFailed, this,
            [this](const QString &message) {
                m_error->setMessage(tr("Could not load the organisation: %1").arg(message));
            });
        connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
            if (!text.isEmpty())
                m_model->loadAll(); // search covers branches not opened yet
            m_proxy->setFilterFixedString(text);
            if (!text.isEmpty())
                m_tree->expandAll();
        });
        m_model->reload();
        m_model->loadAll(); // the whole organisation's count
    }
    m_whole->setChecked(whole);
    m_units->setChecked(!whole);
    m_model->setCheckedUnits(units);
    update();
}

void ScopePage::update()
{
    if (!m_model)
        return;
    auto &d = draft();
    d.coverEntireOrganization = m_whole->isChecked();
    d.organizationalUnits = m_model->checkedUnits();
    for (const QString &id : d.organizationalUnits) {
        const QString name = m_model->nameOf(id);
        if (!name.isEmpty())
            d.organizationalUnitNames.insert(id, name);
    }
    m_tree->setEnabled(!d.coverEntireOrganization);
    m_search->setEnabled(!d.coverEntireOrganization);
    const QString counting = m_model->isLoading() ? tr(" (still counting...)") : QString();
    if (d.coverEntireOrganization)
        m_countLabel->setText(tr("Accounts covered: all %1 accounts of the organisation%2.")
                                  .arg(m_model->loadedAccountCount())
                                  .arg(counting));
    else
        m_countLabel->setText(tr("Accounts covered: %1 in %n organisational unit(s)%2.", nullptr,
            int(d.organizationalUnits.size()))
                                  .arg(m_model->coveredAccountCount())
                                  .arg(counting));
    const auto batches = d.pendingOrganizationalUnitBatches();
    QStringList sizes;
    for (const auto &b : batches)
        sizes.append(QString::number(b.size()));
    m_batchesLabel->setVisible(!d.coverEntireOrganization && !batches.isEmpty());
    const QString calls = batches.size() == 1 ? tr("1 call") : tr("%1 calls").arg(batches.size());
    m_batchesLabel->setText(tr("The API takes at most %1 OUs per UpdateMembership call, so "
                               "sign-up sends %2 (%3).")
                                .arg(domain::limits::OrganizationalUnitsPerUpdateMax)
                                .arg(calls, sizes.join(u" + "_s)));
    const auto errors = onboarding::validateScope(d);
    if (m_model->lastError().isEmpty())
        m_error->setMessage(onboarding::firstMessage(errors, u"organizationalUnits"_s));
    onboardingWizard()->saveDraft();
    emit completeChanged();
}

bool ScopePage::isComplete() const
{
    return wizard() && onboarding::validateScope(draft()).isEmpty();
}

// --- 5. Team ---------------------------------------------------------------------------

TeamPage::TeamPage(QWidget *parent)
    : OnboardingPage(parent)
{
    setObjectName(u"teamPage"_s);
    setTitle(tr("Incident response team"));
    setSubTitle(tr("2 to 10 people AWS contacts about incidents. The first is the primary "
                   "contact, the second the secondary."));
    m_editor = new ResponderEditor(this);
    m_editor->setObjectName(u"responderEditor"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editor);
    connect(m_editor, &ResponderEditor::teamChanged, this, [this] {
        draft().team = m_editor->team();
        onboardingWizard()->saveDraft();
        emit completeChanged();
    });
}

void TeamPage::initializePage()
{
    m_editor->setTeam(draft().team);
}

bool TeamPage::isComplete() const
{
    return wizard() && onboarding::validateTeam(draft()).isEmpty();
}

// --- 6. Name and tags ------------------------------------------------------------------

NameTagsPage::NameTagsPage(QWidget *parent)
    : OnboardingPage(parent)
{
    setObjectName(u"nameTagsPage"_s);
    setTitle(tr("Membership name and tags"));
    setSubTitle(tr("A name your team recognises, and tags for cost allocation or access "
                   "control."));
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"membershipNameEdit"_s);
    m_name->setPlaceholderText(tr("3 to 50 characters"));
    m_nameError = new FieldErrorLabel(u"membershipNameError"_s, this);
    m_tags = new QTableWidget(0, 2, this);
    m_tags->setObjectName(u"tagsTable"_s);
    m_tags->setHorizontalHeaderLabels({tr("Key (1-128)"), tr("Value (0-256)")});
    m_tags->horizontalHeader()->setStretchLastSection(true);
    m_tags->horizontalHeader()->resizeSection(0, fontMetrics().averageCharWidth() * 28);
    m_tags->verticalHeader()->setVisible(false);
    m_tagsError = new FieldErrorLabel(u"tagsError"_s, this);
    auto *add = new QPushButton(tr("Add &tag"), this);
    add->setObjectName(u"addTagButton"_s);
    auto *remove = new QPushButton(tr("Remove tag"), this);
    remove->setObjectName(u"removeTagButton"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("Membership &name:"), withError(m_name, m_nameError, this));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Tags (up to 200):"), this));
    layout->addWidget(m_tags, 1);
    layout->addWidget(m_tagsError);
    layout->addLayout(buttons);
    connect(m_name, &QLineEdit::textChanged, this, &NameTagsPage::update);
    connect(m_tags, &QTableWidget::itemChanged, this, &NameTagsPage::update);
    connect(add, &QPushButton::clicked, this, [this] {
        m_loading = true;
        const int row = m_tags->rowCount();
        m_tags->insertRow(row);
        m_tags->setItem(row, 0, new QTableWidgetItem);
        m_tags->setItem(row, 1, new QTableWidgetItem);
        m_loading = false;
        m_tags->setCurrentCell(row, 0);
        m_tags->editItem(m_tags->item(row, 0));
        update();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_tags->currentRow() >= 0)
            m_tags->removeRow(m_tags->currentRow());
        update();
    });
}

void NameTagsPage::initializePage()
{
    m_loading = true;
    m_name->setText(draft().membershipName);
    m_tags->setRowCount(0);
    for (auto it = draft().tags.constBegin(); it != draft().tags.constEnd(); ++it) {
        const int row = m_tags->rowCount();
        m_tags->insertRow(row);
        m_tags->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_tags->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    m_loading = false;
    update();
}

void NameTagsPage::update()
{
    if (m_loading)
        return;
    auto &d = draft();
    d.membershipName = m_name->text();
    d.tags.clear();
    QString tagProblem;
    for (int row = 0; row < m_tags->rowCount(); ++row) {
        const QString key = m_tags->item(row, 0) ? m_tags->item(row, 0)->text() : QString();
        const QString value = m_tags->item(row, 1) ? m_tags->item(row, 1)->text() : QString();
        if (key.isEmpty() && value.isEmpty())
            continue; // a row being typed
        if (d.tags.contains(key) && tagProblem.isEmpty())
            tagProblem = tr("Tag key \"%1\" is used twice; keys must be unique.").arg(key);
        d.tags.insert(key, value);
    }
    const auto errors = onboarding::validateNameAndTags(d);
    m_nameError->setMessage(m_name->text().isEmpty()
            ? QString()
            : onboarding::firstMessage(errors, u"membershipName"_s));
    if (tagProblem.isEmpty())
        tagProblem = onboarding::firstMessage(errors, u"tags"_s);
    m_tagsError->setMessage(tagProblem);
    setProperty("tagProblem", tagProblem);
    onboardingWizard()->saveDraft();
    emit completeChanged();
}

bool NameTagsPage::isComplete() const
{
    return wizard() && onboarding::validateNameAndTags(draft()).isEmpty()
        && m_tagsError->message().isEmpty();
}

// --- 7. Permissions and proactive response ---------------------------------------------------

PermissionsPage::PermissionsPage(QWidget *parent)
    : OnboardingPage(parent)
{
    setObjectName(u"permissionsPage"_s);
    setTitle(tr("Permissions and proactive response"));
    setSubTitle(tr("What the service will be allowed to do in your accounts."));
    auto *text = new QTextBrowser(this);
    text->setObjectName(u"permissionsText"_s);
    text->setOpenExternalLinks(false);
    text->setHtml(
        tr("<p>By signing up you allow Security Incident Response to:</p><ul>"
           "<li>create the service-linked roles <b>AWSServiceRoleForSecurityIncidentResponse</b> "
           "and <b>AWSServiceRoleForSecurityIncidentResponse_Triage</b> in the accounts it "
           "covers;</li>"
           "<li>read CloudTrail, VPC Flow Logs and other logs it needs to investigate;</li>"
           "<li>ingest Amazon GuardDuty findings and AWS Security Hub findings from every "
           "supported Region;</li>"
           "<li>create <b>suppression rules</b> for findings it judges benign, and open "
           "<b>escalation cases</b> for the ones that need your team;</li>"
           "<li>e-mail the responders of your team about cases.</li></ul>"
           "<p><b>Proactive response (Triage)</b> lets the service triage findings for you "
           "around the clock and escalate real threats. You can turn it off later.</p>"));
    m_triage = new QCheckBox(tr("Turn on proactive response (&Triage)"), this);
    m_triage->setObjectName(u"triageOptInCheck"_s);
    m_consent = new QCheckBox(
        tr("I have read the above and &allow these permissions for my organisation"), this);
    m_consent->setObjectName(u"consentCheck"_s);
    m_consentError = new FieldErrorLabel(u"consentError"_s, this);
    m_containment = new QCheckBox(tr("Set up &containment actions now (optional)"), this);
    m_containment->setObjectName(u"configureContainmentCheck"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text, 1);
    layout->addWidget(m_triage);
    layout->addWidget(m_consent);
    layout->addWidget(m_consentError);
    layout->addWidget(m_containment);
    connect(m_triage, &QCheckBox::toggled, this, [this](bool on) {
        draft().triageOptIn = on;
        onboardingWizard()->saveDraft();
    });
    connect(m_consent, &QCheckBox::toggled, this, [this](bool on) {
        draft().consent = on;
        m_consentError->setMessage(
            onboarding::firstMessage(onboarding::validatePermissions(draft()), u"consent"_s));
        onboardingWizard()->saveDraft();
        emit completeChanged();
    });
    connect(m_containment, &QCheckBox::toggled, this, [this](bool on) {
        draft().containmentConfigured = on;
        onboardingWizard()->saveDraft();
    });
}

void PermissionsPage::initializePage()
{
    m_triage->setChecked(draft().triageOptIn);
    m_consent->setChecked(draft().consent);
    m_containment->setChecked(draft().containmentConfigured);
    m_consentError->setMessage(
        onboarding::firstMessage(onboarding::validatePermissions(draft()), u"consent"_s));
}

bool PermissionsPage::isComplete() const
{
    return wizard() && onboarding::validatePermissions(draft()).isEmpty();
}

int PermissionsPage::nextId() const
{
    return wizard() && draft().containmentConfigured ? OnboardingWizard::ContainmentPageId
                                                     : OnboardingWizard::SummaryPageId;
}

// --- 8. Containment actions --------------------------------------------------------------

ContainmentPage::ContainmentPage(QWidget *parent)
    : OnboardingPage(parent)
{
    setObjectName(u"containmentPage"_s);
    setTitle(tr("Containment actions (optional)"));
    setSubTitle(tr("Recorded in this workspace only: the API has no field for them."));
    auto *intro = wrappedLabel(
        tr("Pre-authorising containment lets AWS responders run these actions during an "
           "incident without waiting for you. They act through the "
           "<b>AWSSecurityIncidentResponseContainment</b> role (trusted by "
           "containment.security-ir.amazonaws.com, external ID = the account ID), which you "
           "deploy yourself, and through the SSM runbooks below."),
        this);
    auto *form = new QFormLayout;
    for (const auto &action : onboarding::containmentActions()) {
        auto *combo = new QComboBox(this);
        combo->setObjectName(u"containmentCombo_"_s + action.key);
        for (const auto level : {onboarding::ContainmentPreference::NotAuthorised,
                 onboarding::ContainmentPreference::AskEachTime,
                 onboarding::ContainmentPreference::PreAuthorised})
            combo->addItem(onboarding::toString(level), int(level));
        combo->setProperty("actionKey", action.key);
        combo->setToolTip(action.runbook);
        form->addRow(tr("%1\n(%2):").arg(action.title, action.runbook), combo);
        m_combos.append(combo);
        connect(combo, &QComboBox::currentIndexChanged, this, [this, combo] {
            draft().containment.insert(combo->property("actionKey").toString(),
                onboarding::ContainmentPreference(combo->currentData().toInt()));
            onboardingWizard()->saveDraft();
        });
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addStretch();
}

void ContainmentPage::initializePage()
{
    for (QComboBox *combo : m_combos) {
        const auto level = draft().containment.value(combo->property("actionKey").toString(),
            onboarding::ContainmentPreference::AskEachTime);
        combo->setCurrentIndex(combo->findData(int(level)));
        draft().containment.insert(combo->property("actionKey").toString(), level);
    }
}

// --- 9. Summary and sign-up ----------------------------------------------------------------

SummaryPage::SummaryPage(QWidget *parent)
    : OnboardingPage(parent)
{
    setObjectName(u"summaryPage"_s);
    setTitle(tr("Summary"));
    setSubTitle(tr("Check everything, go Back to change it, then sign up."));
    m_summary = new QTextBrowser(this);
    m_summary->setObjectName(u"summaryText"_s);
    m_signUp = new QPushButton(tr("&Sign up"), this);
    m_signUp->setObjectName(u"signUpButton"_s);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"signUpProgress"_s);
    m_progress->setVisible(false);
    m_status = wrappedLabel({}, this, u"signUpStatusLabel"_s);
    m_report = new QPlainTextEdit(this);
    m_report->setObjectName(u"signUpReport"_s);
    m_report->setReadOnly(true);
    m_report->setVisible(false);
    m_report->setMaximumHeight(fontMetrics().lineSpacing() * 9);
    auto *row = new QHBoxLayout;
    m_signUp->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    row->addWidget(m_signUp);
    row->addWidget(m_progress, 1);
    row->addStretch(); // keeps the button left while the progress bar is hidden
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary, 1);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_report);
    connect(m_signUp, &QPushButton::clicked, this, &SummaryPage::signUp);
}

QString SummaryPage::summaryHtml() const
{
    const auto &d = draft();
    auto esc = [](const QString &s) {
        return s.toHtmlEscaped();
    };
    QString html;
    html += u"<table cellspacing='4'>"_s;
    auto row = [&](const QString &label, const QString &value) {
        html
            += u"<tr><td valign='top'><b>"_s + label + u"</b></td><td>"_s + value + u"</td></tr>"_s;
    };
    row(tr("Membership account"),
        d.accountChoice == MembershipAccountChoice::DelegatedAdministrator
            ? tr("%1 (delegated administrator%2)")
                  .arg(esc(d.delegatedAdministratorId),
                      d.delegatedAdministratorRegistered ? tr(", registered") : QString())
            : tr("%1 (signed-in account)").arg(esc(d.signedInAccountId)));
    if (const auto *access = onboardingWizard()->delegatedAccess(); access && access->needsKeys()
        && d.accountChoice == MembershipAccountChoice::DelegatedAdministrator) {
        row(tr("Signs up as"),
            onboardingWizard()->needsDelegatedKeys()
                ? tr("<b>keys of %1 not checked yet</b>: go back to Membership account")
                      .arg(esc(d.delegatedAdministratorId))
                : esc(access->verifiedPrincipal()));
    }
    row(tr("Region"), tr("%1 (cannot be changed later)").arg(esc(d.region)));
    if (d.coverEntireOrganization) {
        row(tr("Scope"), tr("The whole organisation"));
    } else {
        QStringList units;
        for (const QString &id : d.organizationalUnits) {
            const QString name = d.organizationalUnitNames.value(id);
            units.append(name.isEmpty() ? esc(id) : QString(esc(name) + u" ("_s + esc(id) + u')'));
        }
        const int calls = int(onboarding::batches(
            d.organizationalUnits, domain::limits::OrganizationalUnitsPerUpdateMax)
                                  .size());
        row(tr("Scope"),
            tr("%n organisational unit(s), ", nullptr, int(d.organizationalUnits.size()))
                + tr(
                    "added with %n UpdateMembership call(s) (at most 5 OUs each): ", nullptr, calls)
                + units.join(u", "_s));
    }
    QStringList team;
    for (int i = 0; i < d.team.size(); ++i) {
        const auto &r = d.team.at(i);
        const QString role = i == 0 ? tr("primary") : i == 1 ? tr("secondary") : QString();
        team.append(esc(r.name) + u", "_s + esc(r.jobTitle) + u" &lt;"_s + esc(r.email) + u"&gt;"_s
            + (role.isEmpty() ? QString() : QString(u" ("_s + role + u')')));
    }
    row(tr("Team"), team.join(u"<br>"_s));
    row(tr("Name"), esc(d.membershipName.trimmed()));
    QStringList tags;
    for (auto it = d.tags.constBegin(); it != d.tags.constEnd(); ++it)
        tags.append(esc(it.key()) + u" = "_s + esc(it.value()));
    row(tr("Tags"), tags.isEmpty() ? tr("none") : tags.join(u", "_s));
    row(tr("Proactive response"), d.triageOptIn ? tr("on") : tr("off"));
    row(tr("Permissions"), d.consent ? tr("accepted") : tr("<b>not accepted</b>"));
    if (d.containmentConfigured) {
        QStringList actions;
        for (const auto &action : onboarding::containmentActions())
            actions.append(esc(action.title) + u": "_s
                + onboarding::toString(d.containment.value(
                    action.key, onboarding::ContainmentPreference::AskEachTime)));
        row(tr("Containment (local only)"), actions.join(u"<br>"_s));
    } else {
        row(tr("Containment"), tr("not set up"));
    }
    if (!d.membershipId.isEmpty())
        row(tr("Already done"),
            tr("membership %1 exists; %2 of %3 OUs added")
                .arg(esc(d.membershipId))
                .arg(d.organizationalUnitsAdded.size())
                .arg(d.coverEntireOrganization ? 0 : d.organizationalUnits.size()));
    html += u"</table>"_s;
    const auto problems = onboarding::validateDraft(d);
    if (!problems.isEmpty()) {
        html += u"<p><b>"_s + tr("Fix these before signing up:") + u"</b></p><ul>"_s;
        for (const auto &e : problems)
            html += u"<li>"_s + esc(e.message) + u"</li>"_s;
        html += u"</ul>"_s;
    }
    return html;
}

void SummaryPage::initializePage()
{
    m_summary->setHtml(summaryHtml());
    const bool valid
        = onboarding::validateDraft(draft()).isEmpty() && !onboardingWizard()->needsDelegatedKeys();
    m_signUp->setEnabled(valid && !m_complete);
    m_signUp->setText(draft().membershipId.isEmpty() ? tr("&Sign up") : tr("&Resume sign-up"));
    m_status->setText(
        tr("Sign up sends to: %1").arg(onboardingWizard()->signUpMemberships()->description()));
}

void SummaryPage::signUp()
{
    if (!onboarding::validateDraft(draft()).isEmpty() || onboardingWizard()->needsDelegatedKeys()
        || (m_runner && m_runner->isRunning()))
        return;
    if (m_runner && m_runner->service() != onboardingWizard()->signUpMemberships()) {
        delete m_runner; // other keys since the last run
        m_runner = nullptr;
    }
    if (!m_runner) {
        m_runner = new onboarding::SignUpRunner(
            onboardingWizard()->signUpMemberships(), &onboardingWizard()->draft(), this);
        connect(m_runner, &onboarding::SignUpRunner::draftChanged, this,
            [this] { onboardingWizard()->saveDraft(); });
        connect(m_runner, &onboarding::SignUpRunner::progress, this,
            [this](int done, int total, const QString &step) {
                m_progress->setMaximum(total);
                m_progress->setValue(done);
                m_status->setText(step);
            });
        connect(m_runner, &onboarding::SignUpRunner::finished, this, [this](bool complete) {
            m_complete = complete;
            m_report->setVisible(true);
            m_report->setPlainText(m_runner->report().text());
            m_summary->setHtml(summaryHtml());
            m_signUp->setEnabled(!complete);
            m_signUp->setText(complete ? tr("Signed up") : tr("&Resume sign-up"));
            QString status = complete ? tr("Membership %1 is active. Press Finish to see it.")
                                            .arg(m_runner->report().membershipId)
                                      : tr("Sign-up stopped: see the report below.");
            if (complete && m_runner->service() != onboardingWizard()->memberships())
                status += u' '
                    + tr("It was created with the delegated administrator's keys; the "
                         "workspace's backend still signs with its own (on AWS, set its keys "
                         "to that account's in Workspace > Backend Settings to see its cases).");
            m_status->setText(status);
            onboardingWizard()->saveDraft();
            if (complete)
                emit onboardingWizard()->membershipReady(m_runner->report().membershipId);
            emit completeChanged();
        });
    }
    m_signUp->setEnabled(false);
    m_progress->setVisible(true);
    m_report->setVisible(false);
    m_runner->start();
}

bool SummaryPage::isComplete() const
{
    return m_complete;
}

} // namespace warroom::ui
