#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace warroom::caseservice {
class CaseService;
}
namespace warroom::sync {
class CaseBackend;
}
namespace warroom::onboarding {
class DelegatedAccess;
struct DelegatedTarget;
class DemoOrganizationSource;
class MembershipService;
class OrganizationSource;
} // namespace warroom::onboarding

namespace warroom::ui {

class MembershipView;
class OnboardingWizard;

// The Onboarding area: the Membership view when the account has a membership, the
// onboarding wizard to create one, and training mode (the embedded backend and the
// demo organisation in a folder of their own, larger fonts, a side panel, a reset).
class OnboardingArea final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnboardingArea)

public:
    // `directory` holds the embedded service and the wizard's draft (the workspace
    // folder); training uses `directory`/training.
    explicit OnboardingArea(const QString &directory, QWidget *parent = nullptr);
    // Uses the given services (a warroom-server, AWS) instead of the embedded ones.
    OnboardingArea(onboarding::MembershipService *memberships,
        onboarding::OrganizationSource *organization, const QString &directory,
        QWidget *parent = nullptr);
    // Signs up through the workspace's case backend (the sync engine's), so the membership
    // is the one the engine and every console on that backend see; `region` is the
    // backend's. `organization` (owned by the area from now on; null: the demo
    // organisation) is where the checks and the OU tree come from: see
    // onboarding::createOrganizationSource. Training mode still uses its own embedded
    // backend and the demo organisation in `directory`/training.
    // `delegated`: where a delegated administrator's membership is created and how its
    // keys are checked (see onboarding::delegatedTargetFor).
    OnboardingArea(sync::CaseBackend *backend, const QString &region,
        onboarding::OrganizationSource *organization, const onboarding::DelegatedTarget &delegated,
        const QString &directory, QWidget *parent = nullptr);
    ~OnboardingArea() override;

    OnboardingWizard *wizard() const { return m_wizard; }
    MembershipView *membershipView() const { return m_view; }
    onboarding::MembershipService *memberships() const;
    // Where the checks and the OU tree come from now (the demo organisation in training).
    onboarding::OrganizationSource *organization() const;
    // Keys for a delegated administrator (null: the area signs up with memberships()'
    // keys whatever account was chosen, as with services given from outside).
    onboarding::DelegatedAccess *delegatedAccess() const;
    bool isTrainingMode() const { return m_training; }

    void startWizard();
    void setTrainingMode(bool on);
    // Training only: forgets the training membership, the draft and the demo
    // organisation's registrations, and starts the wizard again.
    void resetTraining();

private:
    void build();
    void openServices();
    void closeServices();
    void showMembership();
    QString activeDirectory() const;
    QString draftPath() const;

    QString m_directory;
    bool m_training = false;
    bool m_external = false;
    bool m_wizardOffered = false; // opened by itself once, not again after Cancel
    QPointer<onboarding::MembershipService> m_externalMemberships;
    QPointer<onboarding::OrganizationSource> m_externalOrganization;
    std::unique_ptr<caseservice::CaseService> m_service;
    onboarding::MembershipService *m_embeddedMemberships = nullptr;
    onboarding::DemoOrganizationSource *m_demoOrganization = nullptr;
    onboarding::DelegatedAccess *m_delegated = nullptr; // the backend's (not training)
    onboarding::DelegatedAccess *m_trainingDelegated = nullptr; // the embedded one
    QString m_serviceError;

    QStackedWidget *m_stack = nullptr;
    MembershipView *m_view = nullptr;
    OnboardingWizard *m_wizard = nullptr;
    QCheckBox *m_trainingCheck = nullptr;
    QPushButton *m_resetButton = nullptr;
    QPushButton *m_startButton = nullptr;
    QLabel *m_backendLabel = nullptr;
};

} // namespace warroom::ui
