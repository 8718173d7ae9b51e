#include "OnboardingWizard.h"

#include "OnboardingPages.h"
#include "onboarding/MembershipService.h"
#include "onboarding/OrganizationSource.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextBrowser>

using namespace Qt::StringLiterals;

namespace warroom::ui {

OnboardingWizard::OnboardingWizard(onboarding::OrganizationSource *organization,
    onboarding::MembershipService *memberships, const QString &draftPath, QWidget *parent)
    : QWizard(parent)
    , m_organization(organization)
    , m_memberships(memberships)
    , m_draftPath(draftPath)
{
    setObjectName(u"onboardingWizard"_s);
    setWindowTitle(tr("Sign up for AWS Security Incident Response"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoCancelButtonOnLastPage);
    if (!draftPath.isEmpty())
        m_draft = loadDraft(draftPath);
    setPage(PrerequisitesPageId, new PrerequisitesPage);
    setPage(MembershipAccountPageId, new MembershipAccountPage);
    setPage(RegionPageId, new RegionPage);
    setPage(ScopePageId, new ScopePage);
    setPage(TeamPageId, new TeamPage);
    setPage(NameTagsPageId, new NameTagsPage);
    setPage(PermissionsPageId, new PermissionsPage);
    setPage(ContainmentPageId, new ContainmentPage);
    setPage(SummaryPageId, new SummaryPage);
    setStartId(PrerequisitesPageId);

    m_sidePanel = new QTextBrowser(this);
    m_sidePanel->setObjectName(u"trainingPanel"_s);
    m_sidePanel->setMinimumWidth(260);
    m_sidePanel->setMaximumWidth(340);
    m_sidePanel->setVisible(false);
    setSideWidget(m_sidePanel);
    connect(this, &QWizard::currentIdChanged, this, &OnboardingWizard::updateSidePanel);
}

OnboardingWizard::~OnboardingWizard() = default;

bool OnboardingWizard::needsDelegatedKeys() const
{
    if (!m_delegated || !m_delegated->needsKeys()
        || m_draft.accountChoice != onboarding::MembershipAccountChoice::DelegatedAdministrator)
        return false;
    return m_delegated->verifiedAccountId() != m_draft.delegatedAdministratorId
        || !m_delegated->memberships();
}

onboarding::MembershipService *OnboardingWizard::signUpMemberships() const
{
    if (m_delegated && m_delegated->memberships()
        && m_draft.accountChoice == onboarding::MembershipAccountChoice::DelegatedAdministrator
        && m_delegated->verifiedAccountId() == m_draft.delegatedAdministratorId)
        return m_delegated->memberships();
    return m_memberships;
}

void OnboardingWizard::setTrainingMode(bool on)
{
    if (m_training == on)
        return;
    m_training = on;
    m_sidePanel->setVisible(on);
    QFont f = font();
    const qreal base
        = QApplication::font().pointSizeF() > 0 ? QApplication::font().pointSizeF() : 10;
    f.setPointSizeF(on ? base * 1.4 : base);
    setFont(f);
    updateSidePanel(currentId());
}

QString OnboardingWizard::explanation(int id)
{
    switch (id) {
    case PrerequisitesPageId:
        return tr("<h3>Before you begin</h3><p>Security Incident Response works across an AWS "
                  "Organization. It needs all features on, trusted access so it can create "
                  "its roles in member accounts, and GuardDuty and Security Hub because "
                  "their findings are what it watches.</p><p><b>Why it matters:</b> a "
                  "missing prerequisite does not stop sign-up, but the service would be "
                  "blind.</p>");
    case MembershipAccountPageId:
        return tr("<h3>Membership account</h3><p>Choose where cases live. A delegated "
                  "administrator (usually the security tooling account) keeps incident "
                  "work out of the management account, which should be used as little as "
                  "possible.</p><p>Registering calls Organizations "
                  "RegisterDelegatedAdministrator.</p>");
    case RegionPageId:
        return tr("<h3>Region</h3><p>The membership and every case are stored in one "
                  "Region, written into their ARNs. It cannot be changed later, so pick the "
                  "Region your team works in. Findings are still collected from every "
                  "supported Region.</p>");
    case ScopePageId:
        return tr("<h3>Account scope</h3><p>Cover the whole organisation, or only some OUs "
                  "(for a pilot). OUs are added after the membership is created, at most "
                  "five per UpdateMembership call, which the wizard does for you.</p>");
    case TeamPageId:
        return tr("<h3>Incident response team</h3><p>2 to 10 people AWS responders contact "
                  "during an incident. The first two are primary and secondary. Each can "
                  "choose which events they are e-mailed about.</p>");
    case NameTagsPageId:
        return tr("<h3>Name and tags</h3><p>The name (3-50 characters) shows in the console "
                  "and in e-mails. Tags help cost allocation and attribute-based access "
                  "control.</p>");
    case PermissionsPageId:
        return tr("<h3>Permissions</h3><p>The service creates service-linked roles, reads "
                  "logs and findings, and may create suppression rules and cases. "
                  "Proactive response (Triage) lets it do so around the clock. Nothing is "
                  "sent until you tick the consent box.</p>");
    case ContainmentPageId:
        return tr("<h3>Containment</h3><p>Pre-authorised containment (isolating an "
                  "instance, disabling a key) saves time in an incident. It runs through a "
                  "role and SSM runbooks you deploy; this choice is only recorded here.</p>");
    case SummaryPageId:
        return tr("<h3>Sign up</h3><p>Sign up calls CreateMembership, then UpdateMembership "
                  "for each batch of up to five OUs. If a call fails, the report says what "
                  "exists and pressing the button again resumes without creating a second "
                  "membership.</p>");
    default:
        return {};
    }
}

void OnboardingWizard::updateSidePanel(int id)
{
    if (m_training)
        m_sidePanel->setHtml(explanation(id)
            + tr("<p><i>Training mode: everything runs "
                 "against the embedded backend and the "
                 "demo organisation.</i></p>"));
}

void OnboardingWizard::saveDraft()
{
    if (m_draftPath.isEmpty())
        return;
    QSaveFile file(m_draftPath);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(m_draft.toJson()).toJson());
    file.commit();
}

onboarding::OnboardingDraft OnboardingWizard::loadDraft(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return onboarding::OnboardingDraft::fromJson(QJsonDocument::fromJson(file.readAll()).object());
}

} // namespace warroom::ui
