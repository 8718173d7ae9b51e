#pragma once

#include "onboarding/DelegatedAccess.h"
#include "onboarding/MembershipService.h"
#include "onboarding/OnboardingDraft.h"
#include "onboarding/OrganizationSource.h"

#include <QPointer>
#include <QWizard>

class QTextBrowser;

namespace warroom::ui {

// Takes an organisation from nothing to an active Security Incident Response
// membership. One draft is shared by every page; it is saved to `draftPath` (when
// given) after each change so a sign-up that stopped can be resumed.
class OnboardingWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnboardingWizard)

public:
    enum PageId {
        PrerequisitesPageId,
        MembershipAccountPageId,
        RegionPageId,
        ScopePageId,
        TeamPageId,
        NameTagsPageId,
        PermissionsPageId,
        ContainmentPageId,
        SummaryPageId,
    };
    Q_ENUM(PageId)

    OnboardingWizard(onboarding::OrganizationSource *organization,
        onboarding::MembershipService *memberships, const QString &draftPath,
        QWidget *parent = nullptr);
    ~OnboardingWizard() override;

    onboarding::OnboardingDraft &draft() { return m_draft; }
    onboarding::OrganizationSource *organization() const { return m_organization; }
    onboarding::MembershipService *memberships() const { return m_memberships; }
    // Keys for the delegated administrator account (null: no switch of keys, the
    // membership is created with memberships()' keys whatever account was chosen).
    void setDelegatedAccess(onboarding::DelegatedAccess *access) { m_delegated = access; }
    onboarding::DelegatedAccess *delegatedAccess() const { return m_delegated; }
    // True when the chosen membership account needs keys of its own that were not
    // checked yet (a delegated administrator on a warroom-server or AWS).
    bool needsDelegatedKeys() const;
    // The service the sign-up goes through: the delegated administrator's when its keys
    // were checked, else memberships().
    onboarding::MembershipService *signUpMemberships() const;

    // Training mode: a side panel explaining each step and larger fonts.
    void setTrainingMode(bool on);
    bool isTrainingMode() const { return m_training; }
    // What the side panel says about `id` (also used for the tooltips).
    static QString explanation(int id);

    void saveDraft();
    static onboarding::OnboardingDraft loadDraft(const QString &path);

signals:
    // Sign-up finished and created (or found) a membership.
    void membershipReady(const QString &membershipId);

private:
    void updateSidePanel(int id);

    onboarding::OnboardingDraft m_draft;
    QPointer<onboarding::OrganizationSource> m_organization;
    QPointer<onboarding::MembershipService> m_memberships;
    QPointer<onboarding::DelegatedAccess> m_delegated;
    QString m_draftPath;
    bool m_training = false;
    QTextBrowser *m_sidePanel = nullptr;
};

} // namespace warroom::ui
