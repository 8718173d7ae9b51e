#include "OnboardingArea.h"

#include "MessageBox.h"
#include "OnboardingWizard.h"
#include "caseservice/CaseService.h"
#include "demo/DemoOrganization.h"
#include "membership/MembershipView.h"
#include "onboarding/BackendMembershipService.h"
#include "onboarding/DelegatedAccess.h"
#include "onboarding/DemoOrganizationSource.h"
#include "onboarding/EmbeddedMembershipService.h"
#include "onboarding/MembershipService.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace warroom::ui {

namespace {

// The embedded backend and training hold memberships for the demo's security account.
onboarding::DelegatedTarget embeddedTarget()
{
    onboarding::DelegatedTarget target;
    target.kind = onboarding::DelegatedTarget::Kind::Embedded;
    const auto config = demo::DemoOrganization::standard().serviceConfig();
    target.region = config.region;
    target.embeddedAccountId = config.accountId;
    return target;
}

} // namespace

OnboardingArea::OnboardingArea(const QString &directory, QWidget *parent)
    : QWidget(parent)
    , m_directory(directory)
    , m_delegated(new onboarding::DelegatedAccess(embeddedTarget(), this))
    , m_trainingDelegated(new onboarding::DelegatedAccess(embeddedTarget(), this))
{
    build();
    openServices();
    showMembership();
}

OnboardingArea::OnboardingArea(onboarding::MembershipService *memberships,
    onboarding::OrganizationSource *organization, const QString &directory, QWidget *parent)
    : QWidget(parent)
    , m_directory(directory)
    , m_external(true)
    , m_externalMemberships(memberships)
    , m_externalOrganization(organization)
    , m_trainingDelegated(new onboarding::DelegatedAccess(embeddedTarget(), this))
{
    build();
    openServices();
    showMembership();
}

OnboardingArea::OnboardingArea(sync::CaseBackend *backend, const QString &region,
    onboarding::OrganizationSource *organization, const onboarding::DelegatedTarget &delegated,
    const QString &directory, QWidget *parent)
    : QWidget(parent)
    , m_directory(directory)
    , m_external(true)
    , m_externalMemberships(new onboarding::BackendMembershipService(backend, region, this))
    , m_externalOrganization(organization)
    , m_delegated(new onboarding::DelegatedAccess(delegated, this))
    , m_trainingDelegated(new onboarding::DelegatedAccess(embeddedTarget(), this))
{
    if (organization)
        organization->setParent(this);
    build();
    openServices();
    showMembership();
}

OnboardingArea::~OnboardingArea()
{
    closeServices();
}

void OnboardingArea::build()
{
    setObjectName(u"onboardingArea"_s);
    auto *title = new QLabel(tr("<b>Onboarding and membership</b>"), this);
    m_backendLabel = new QLabel(this);
    m_backendLabel->setObjectName(u"onboardingBackendLabel"_s);
    // Wraps instead of widening the whole window.
    m_backendLabel->setWordWrap(true);
    m_trainingCheck = new QCheckBox(tr("&Training mode"), this);
    m_trainingCheck->setObjectName(u"trainingModeCheck"_s);
    m_trainingCheck->setToolTip(tr("Run the wizard against the embedded backend and the demo "
                                   "organisation, with explanations and larger fonts."));
    m_resetButton = new QPushButton(tr("&Reset demonstration"), this);
    m_resetButton->setObjectName(u"resetTrainingButton"_s);
    m_resetButton->setVisible(false);
    m_startButton = new QPushButton(tr("&Start onboarding"), this);
    m_startButton->setObjectName(u"startOnboardingButton"_s);
    auto *bar = new QHBoxLayout;
    bar->addWidget(title);
    bar->addWidget(m_backendLabel, 1);
    bar->addWidget(m_startButton);
    bar->addWidget(m_trainingCheck);
    bar->addWidget(m_resetButton);
    m_stack = new QStackedWidget;
    // The wizard needs more room than a narrow window gives; scroll rather than squeeze
    // the sidebar.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"onboardingScrollArea"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_stack);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(scroll, 1);
    connect(m_trainingCheck, &QCheckBox::toggled, this, &OnboardingArea::setTrainingMode);
    connect(m_resetButton, &QPushButton::clicked, this, [this] {
        if (MessageBox::question(this, tr("Reset demonstration"),
                tr("Forget the training membership and everything entered, and start the "
                   "wizard again?"))
            == QMessageBox::Yes)
            resetTraining();
    });
    connect(m_startButton, &QPushButton::clicked, this, &OnboardingArea::startWizard);
}

QString OnboardingArea::activeDirectory() const
{
    return m_training ? QDir(m_directory).filePath(u"training"_s) : m_directory;
}

QString OnboardingArea::draftPath() const
{
    return QDir(activeDirectory()).filePath(u"onboarding-draft.json"_s);
}

onboarding::MembershipService *OnboardingArea::memberships() const
{
    if (m_external && !m_training)
        return m_externalMemberships;
    return m_embeddedMemberships;
}

onboarding::OrganizationSource *OnboardingArea::organization() const
{
    if (m_external && !m_training && m_externalOrganization)
        return m_externalOrganization;
    return m_demoOrganization;
}

onboarding::DelegatedAccess *OnboardingArea::delegatedAccess() const
{
    return m_training ? m_trainingDelegated : m_delegated;
}

void OnboardingArea::openServices()
{
    closeServices();
    m_wizardOffered = false;
    m_demoOrganization = new onboarding::DemoOrganizationSource(this);
    QDir().mkpath(activeDirectory()); // the draft lives here for every backend
    if (!m_external || m_training) {
        // The embedded backend stands for the demo organisation: its accounts and OUs.
        const caseservice::ServiceConfig config
            = demo::DemoOrganization::standard().serviceConfig();
        m_service = caseservice::CaseService::open(config,
            QDir(activeDirectory()).filePath(u"onboarding-service.sqlite"_s), &m_serviceError);
        if (m_service)
            m_embeddedMemberships
                = new onboarding::EmbeddedMembershipService(m_service.get(), this);
    }
    if (m_view) {
        m_stack->removeWidget(m_view);
        delete m_view;
    }
    m_view = new MembershipView(memberships(), organization(), this);
    m_stack->addWidget(m_view);
    connect(m_view, &MembershipView::loaded, this, [this](const QString &id) {
        m_startButton->setVisible(id.isEmpty() || m_training);
        // Nothing to show yet: go straight to the wizard.
        if (id.isEmpty() && !m_wizard && memberships() && !m_wizardOffered) {
            m_wizardOffered = true;
            startWizard();
        }
    });
    m_backendLabel->setText(
        memberships() ? memberships()->description() : tr("No backend: %1").arg(m_serviceError));
    if (m_wizard) {
        m_stack->removeWidget(m_wizard);
        delete m_wizard;
        m_wizard = nullptr;
    }
}

void OnboardingArea::closeServices()
{
    delete m_wizard;
    m_wizard = nullptr;
    delete m_view;
    m_view = nullptr;
    delete m_embeddedMemberships;
    m_embeddedMemberships = nullptr;
    delete m_demoOrganization;
    m_demoOrganization = nullptr;
    m_service.reset();
}

void OnboardingArea::showMembership()
{
    m_stack->setCurrentWidget(m_view);
    m_startButton->setEnabled(memberships() != nullptr);
    m_view->refresh();
}

void OnboardingArea::startWizard()
{
    if (!memberships())
        return;
    if (!m_wizard) {
        m_wizard = new OnboardingWizard(organization(), memberships(), draftPath(), this);
        m_wizard->setWindowFlags(Qt::Widget);
        m_wizard->setTrainingMode(m_training);
        m_wizard->setDelegatedAccess(delegatedAccess());
        m_stack->addWidget(m_wizard);
        connect(m_wizard, &QWizard::finished, this, [this] {
            m_wizard->deleteLater();
            m_wizard = nullptr;
            showMembership();
        });
    }
    m_stack->setCurrentWidget(m_wizard);
    m_wizard->restart();
}

void OnboardingArea::setTrainingMode(bool on)
{
    if (m_training == on)
        return;
    m_training = on;
    m_trainingCheck->setChecked(on);
    m_resetButton->setVisible(on);
    QFont f = QApplication::font();
    if (on)
        f.setPointSizeF(f.pointSizeF() * 1.25);
    setFont(f);
    openServices();
    showMembership();
}

void OnboardingArea::resetTraining()
{
    if (!m_training)
        return;
    closeServices();
    m_trainingDelegated->forget();
    const QString dir = activeDirectory();
    QFile::remove(QDir(dir).filePath(u"onboarding-service.sqlite"_s));
    for (const QString &suffix : {u"-wal"_s, u"-shm"_s})
        QFile::remove(QDir(dir).filePath(u"onboarding-service.sqlite"_s + suffix));
    QFile::remove(draftPath());
    openServices();
    showMembership();
}

} // namespace warroom::ui
