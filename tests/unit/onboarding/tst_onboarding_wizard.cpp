// The onboarding area offscreen against the embedded backend and the demo
// organisation: the wizard page by page with valid and invalid input, the sign-up
// verified on the backend, running it again, the Membership view (association status,
// edit, a 6th OU refused, cancel and undo with confirmation) and training mode.

#include "MainWindow.h"
#include "WizardDriver.h"
#include "caseservice/CaseService.h"
#include "demo/DemoOrganization.h"
#include "membership/MembershipView.h"
#include "onboarding/DemoOrganizationSource.h"
#include "onboarding/EmbeddedMembershipService.h"
#include "onboarding/MembershipService.h"
#include "onboarding/OnboardingArea.h"
#include "store/Workspace.h"
#include "sync/EmbeddedBackend.h"

using namespace Qt::StringLiterals;
using namespace warroom;
using warroom::test::child;
using warroom::test::waitFor;

namespace {

const QStringList sixUnits {u"ou-7q2d-sec4a9k1"_s, u"ou-7q2d-inf8c3m2"_s, u"ou-7q2d-prd2f6h8"_s,
    u"ou-7q2d-stg9g1j5"_s, u"ou-7q2d-dev3k8p6"_s, u"ou-7q2d-sbx6m4q9"_s};

std::optional<domain::Membership> backendMembership(onboarding::MembershipService *service)
{
    const auto list = test::await<onboarding::MembershipResult<QList<aws::MembershipSummary>>>(
        [&](auto done) { service->listMemberships(done); });
    if (!list || !list->ok() || list->value.size() != 1)
        return std::nullopt;
    const auto got = test::await<onboarding::MembershipResult<domain::Membership>>(
        [&](auto done) { service->getMembership(list->value.first().membershipId, done); });
    if (!got || !got->ok())
        return std::nullopt;
    return got->value;
}

// The embedded case service of the demo organisation in `dir`.
std::unique_ptr<caseservice::CaseService> openDemoService(const QString &dir)
{
    QString error;
    auto service
        = caseservice::CaseService::open(demo::DemoOrganization::standard().serviceConfig(),
            QDir(dir).filePath(u"service.sqlite"_s), &error);
    if (!service)
        qWarning("%s", qPrintable(error));
    return service;
}

// The embedded membership calls, except that the first UpdateMembership fails as a
// throttled call would: a sign-up stopped half-way.
class FailingOnceMemberships final : public onboarding::MembershipService
{
public:
    explicit FailingOnceMemberships(onboarding::MembershipService *inner)
        : m_inner(inner)
    {
    }
    QString description() const override { return m_inner->description(); }
    QString region() const override { return m_inner->region(); }
    void createMembership(const domain::CreateMembershipRequest &request,
        onboarding::MembershipCallback<QString> done) override
    {
        m_inner->createMembership(request, done);
    }
    void getMembership(
        const QString &id, onboarding::MembershipCallback<domain::Membership> done) override
    {
        m_inner->getMembership(id, done);
    }
    void updateMembership(const domain::UpdateMembershipRequest &request,
        onboarding::MembershipCallback<bool> done) override
    {
        ++updates;
        if (updates == 1) {
            onboarding::MembershipResult<bool> failed;
            failed.error.kind = aws::AwsError::Kind::Service;
            failed.error.type = u"ThrottlingException"_s;
            failed.error.message = u"Rate exceeded"_s;
            failed.error.httpStatus = 429;
            QTimer::singleShot(0, this, [done, failed] { done(failed); });
            return;
        }
        m_inner->updateMembership(request, done);
    }
    void cancelMembership(const QString &id, onboarding::MembershipCallback<QString> done) override
    {
        m_inner->cancelMembership(id, done);
    }
    void listMemberships(
        onboarding::MembershipCallback<QList<aws::MembershipSummary>> done) override
    {
        m_inner->listMemberships(done);
    }
    void batchGetMemberAccountDetails(const QString &id, const QStringList &accounts,
        onboarding::MembershipCallback<aws::MemberAccountDetails> done) override
    {
        m_inner->batchGetMemberAccountDetails(id, accounts, done);
    }
    int updates = 0;

private:
    onboarding::MembershipService *m_inner;
};

// The demo organisation, except that the delegated administrators listed are answered
// only when release() is called, with the list as it was when asked: a slow
// ListDelegatedAdministrators that a registration overtakes.
class SlowListOrganization final : public onboarding::OrganizationSource
{
public:
    QString description() const override { return m_inner.description(); }
    void callerAccount(onboarding::SourceCallback<QString> done) override
    {
        m_inner.callerAccount(done);
    }
    void describeOrganization(
        onboarding::SourceCallback<onboarding::OrganizationDescription> done) override
    {
        m_inner.describeOrganization(done);
    }
    void listRoots(onboarding::SourceCallback<QList<onboarding::OrganizationEntry>> done) override
    {
        m_inner.listRoots(done);
    }
    void listChildren(const QString &parentId,
        onboarding::SourceCallback<QList<onboarding::OrganizationEntry>> done) override
    {
        m_inner.listChildren(parentId, done);
    }
    void serviceAccessPrincipals(onboarding::SourceCallback<QStringList> done) override
    {
        m_inner.serviceAccessPrincipals(done);
    }
    void delegatedAdministrators(
        const QString &servicePrincipal, onboarding::SourceCallback<QStringList> done) override
    {
        m_inner.delegatedAdministrators(
            servicePrincipal, [this, done](const onboarding::SourceResult<QStringList> &r) {
                m_held.append([done, r] { done(r); });
            });
    }
    void registerDelegatedAdministrator(const QString &accountId, const QString &servicePrincipal,
        onboarding::SourceCallback<bool> done) override
    {
        m_inner.registerDelegatedAdministrator(accountId, servicePrincipal, done);
    }
    void enableServiceAccess(
        const QString &servicePrincipal, onboarding::SourceCallback<bool> done) override
    {
        m_inner.enableServiceAccess(servicePrincipal, done);
    }
    void guardDutyDetectors(onboarding::SourceCallback<QStringList> done) override
    {
        m_inner.guardDutyDetectors(done);
    }
    void securityHubEnabled(onboarding::SourceCallback<bool> done) override
    {
        m_inner.securityHubEnabled(done);
    }
    int held() const { return int(m_held.size()); }
    void release()
    {
        const auto held = std::exchange(m_held, {});
        for (const auto &answer : held)
            answer();
    }

private:
    onboarding::DemoOrganizationSource m_inner;
    QList<std::function<void()>> m_held;
};

} // namespace

class TestOnboardingWizard final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::OnboardingArea> m_area;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_area = std::make_unique<ui::OnboardingArea>(m_dir.path());
        m_area->resize(1180, 820);
        m_area->show();
        // No membership yet: the area opens the wizard by itself.
        QVERIFY(waitFor([&] { return m_area->wizard() != nullptr; }));
    }

    void cleanupTestCase() { m_area.reset(); }

    void wizardThroughEveryPage()
    {
        test::WizardInput input;
        input.delegatedAdministrator
            = onboarding::DemoOrganizationSource::suggestedDelegatedAdministrator();
        input.units = sixUnits;
        input.screenshotPrefix = u"wizard-"_s;
        test::WizardDriver driver(m_area->wizard(), m_area.get(), input);
        driver.run();
        if (QTest::currentTestFailed())
            return;

        // Verify on the backend.
        const auto m = backendMembership(m_area->memberships());
        QVERIFY(m);
        QCOMPARE(m->membershipName, input.membershipName);
        QCOMPARE(m->incidentResponseTeam.size(), 3);
        QCOMPARE(m->incidentResponseTeam.at(0).email, u"alice@example.com"_s);
        QVERIFY(!m->incidentResponseTeam.at(0).communicationPreferences.isEmpty());
        QCOMPARE(m->membershipAccountsConfigurations.organizationalUnits, sixUnits);
        QCOMPARE(m->membershipAccountsConfigurations.coverEntireOrganization, false);
        QCOMPARE(m->tags.value(u"team"_s), u"secops"_s);
        QCOMPARE(m->optInFeatures.size(), 1);
        QVERIFY(m->optInFeatures.first().isEnabled);
        QCOMPARE(m->accountId, input.delegatedAdministrator);
        QCOMPARE(m->membershipStatus, domain::MembershipStatus::Active);
        // The draft on disk says what was done (for resuming).
        QFile draftFile(m_dir.filePath(u"onboarding-draft.json"_s));
        QVERIFY(draftFile.open(QIODevice::ReadOnly));
        const auto draft = onboarding::OnboardingDraft::fromJson(
            QJsonDocument::fromJson(draftFile.readAll()).object());
        QCOMPARE(draft.membershipId, m->membershipId);
        QCOMPARE(draft.organizationalUnitsAdded, sixUnits);
        QVERIFY(
            draft.containment.value(u"ec2"_s) == onboarding::ContainmentPreference::PreAuthorised);

        QTest::mouseClick(m_area->wizard()->button(QWizard::FinishButton), Qt::LeftButton);
        QVERIFY(waitFor([&] { return m_area->wizard() == nullptr; }));
    }

    void membershipView()
    {
        ui::MembershipView *view = m_area->membershipView();
        QVERIFY(view->isVisible());
        QVERIFY(waitFor([&] { return !view->membershipId().isEmpty() && !view->isBusy(); }));
        auto *accounts = child<QTableWidget>(view, u"accountsTable"_s);
        QVERIFY(waitFor([&] {
            return accounts->rowCount() == 15 && accounts->item(0, 2)
                && !accounts->item(0, 2)->text().isEmpty() && !view->isBusy();
        }));
        QCOMPARE(child<QLabel>(view, u"membershipStatusValue"_s)->text(), u"Active"_s);
        QCOMPARE(child<QLabel>(view, u"membershipRegionValue"_s)->text(), u"us-east-1"_s);
        int associated = 0;
        for (int row = 0; row < accounts->rowCount(); ++row)
            associated += accounts->item(row, 2)->text() == "Associated"_L1 ? 1 : 0;
        // The membership account plus the accounts directly in the six OUs.
        QCOMPARE(associated, 13);
        QCOMPARE(child<QLabel>(view, u"accountsCoveredValue"_s)->text(), u"13"_s);
        test::shoot(m_area.get(), u"membership-view"_s);

        // A 6th OU in one update is refused next to the field.
        auto *add = child<QLineEdit>(view, u"addUnitsEdit"_s);
        auto *save = child<QPushButton>(view, u"saveMembershipButton"_s);
        test::WizardDriver::typeInto(add,
            u"ou-7q2d-sus1r5t3 ou-aaaa-bbbbbbb1 ou-aaaa-bbbbbbb2 ou-aaaa-bbbbbbb3 "
            "ou-aaaa-bbbbbbb4 ou-aaaa-bbbbbbb5"_s);
        auto *addError = child<QLabel>(view, u"addUnitsError"_s);
        QVERIFY(addError->isVisibleTo(view));
        QVERIFY2(
            addError->text().contains(u"1 to 5 entries; it has 6"_s), qPrintable(addError->text()));
        QVERIFY(!save->isEnabled());
        test::shoot(m_area.get(), u"membership-view-6th-ou"_s);
        test::WizardDriver::typeInto(add, u"ou-7q2d-sus1r5t3"_s);
        QVERIFY(!addError->isVisibleTo(view));

        // Edit the name (2 characters refused) and save with UpdateMembership.
        auto *name = child<QLineEdit>(view, u"membershipNameEdit"_s);
        test::WizardDriver::typeInto(name, u"ab"_s);
        QVERIFY(child<QLabel>(view, u"membershipNameError"_s)->isVisibleTo(view));
        QVERIFY(!save->isEnabled());
        test::WizardDriver::typeInto(name, u"Northwind IR (renamed)"_s);
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(waitFor([&] {
            return !view->isBusy()
                && view->membership().membershipName == "Northwind IR (renamed)"_L1;
        }));
        auto m = backendMembership(m_area->memberships());
        QVERIFY(m);
        QCOMPARE(m->membershipName, u"Northwind IR (renamed)"_s);
        QCOMPARE(m->membershipAccountsConfigurations.organizationalUnits.size(), 7);

        // Cancel: "No" changes nothing, "Yes" cancels.
        auto *cancel = child<QPushButton>(view, u"cancelMembershipButton"_s);
        ui::MessageBox::setNextAnswer(QMessageBox::No);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(ui::MessageBox::lastTitle(), u"Cancel membership"_s);
        QCOMPARE(view->membership().membershipStatus, domain::MembershipStatus::Active);
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(waitFor([&] {
            return !view->isBusy()
                && view->membership().membershipStatus == domain::MembershipStatus::Cancelled;
        }));
        QCOMPARE(child<QLabel>(view, u"membershipStatusValue"_s)->text(), u"Cancelled"_s);
        QVERIFY(!save->isEnabled());
        test::shoot(m_area.get(), u"membership-view-cancelled"_s);
        m = backendMembership(m_area->memberships());
        QCOMPARE(m->membershipStatus, domain::MembershipStatus::Cancelled);

        auto *undo = child<QPushButton>(view, u"undoCancellationButton"_s);
        QVERIFY(undo->isEnabled());
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(undo, Qt::LeftButton);
        QCOMPARE(ui::MessageBox::lastTitle(), u"Undo cancellation"_s);
        QVERIFY(waitFor([&] {
            return !view->isBusy()
                && view->membership().membershipStatus == domain::MembershipStatus::Active;
        }));
        m = backendMembership(m_area->memberships());
        QCOMPARE(m->membershipStatus, domain::MembershipStatus::Active);
    }

    void runningAgainCreatesNoSecondMembership()
    {
        // A new wizard with a fresh draft for the same account.
        QVERIFY(QFile::remove(m_dir.filePath(u"onboarding-draft.json"_s)));
        m_area->startWizard();
        QVERIFY(m_area->wizard());
        test::WizardInput input;
        input.delegatedAdministrator
            = onboarding::DemoOrganizationSource::suggestedDelegatedAdministrator();
        input.teamSize = 2;
        input.containment = false;
        input.invalidInputs = false;
        input.membershipName = u"Second attempt"_s;
        test::WizardDriver driver(m_area->wizard(), m_area.get(), input);
        driver.run();
        if (QTest::currentTestFailed())
            return;
        auto *report = child<QPlainTextEdit>(m_area->wizard(), u"signUpReport"_s);
        QVERIFY2(report->toPlainText().contains(u"no second one was created"_s),
            qPrintable(report->toPlainText()));
        const auto m = backendMembership(m_area->memberships()); // still exactly one
        QVERIFY(m);
        QCOMPARE(m->membershipName, u"Northwind IR (renamed)"_s);
        QTest::mouseClick(m_area->wizard()->button(QWizard::FinishButton), Qt::LeftButton);
        QVERIFY(waitFor([&] { return m_area->wizard() == nullptr; }));
    }

    void trainingMode()
    {
        auto *training = child<QCheckBox>(m_area.get(), u"trainingModeCheck"_s);
        const qreal normalSize = m_area->font().pointSizeF();
        training->click();
        QVERIFY(m_area->isTrainingMode());
        QVERIFY(m_area->font().pointSizeF() > normalSize);
        // Its own backend: no membership there, so the wizard opens.
        QVERIFY(waitFor([&] { return m_area->wizard() != nullptr; }));
        QVERIFY(m_area->wizard()->isTrainingMode());
        auto *panel = child<QTextBrowser>(m_area->wizard(), u"trainingPanel"_s);
        QVERIFY(panel->isVisibleTo(m_area->wizard()));
        QVERIFY(panel->toPlainText().contains(u"Before you begin"_s));
        QVERIFY(m_area->wizard()->font().pointSizeF() > normalSize);
        test::WizardInput input;
        input.delegatedAdministrator
            = onboarding::DemoOrganizationSource::suggestedDelegatedAdministrator();
        input.invalidInputs = false;
        input.teamSize = 2;
        input.membershipName = u"Training run"_s;
        input.screenshotPrefix = u"training-"_s;
        test::WizardDriver driver(m_area->wizard(), m_area.get(), input);
        driver.run();
        QVERIFY(panel->toPlainText().contains(u"Sign up"_s));
        if (QTest::currentTestFailed())
            return;
        const auto m = backendMembership(m_area->memberships());
        QVERIFY(m);
        QCOMPARE(m->membershipName, u"Training run"_s);
        QVERIFY(QFileInfo::exists(m_dir.filePath(u"training/onboarding-service.sqlite"_s)));

        // Reset: the training membership and the registration are gone, the wizard starts again.
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(
            child<QPushButton>(m_area.get(), u"resetTrainingButton"_s), Qt::LeftButton);
        QVERIFY(waitFor(
            [&] { return m_area->wizard() != nullptr && m_area->wizard()->currentId() == 0; }));
        const auto list = test::await<onboarding::MembershipResult<QList<aws::MembershipSummary>>>(
            [&](auto done) { m_area->memberships()->listMemberships(done); });
        QVERIFY(list && list->ok());
        QCOMPARE(list->value.size(), 0);
        QVERIFY(m_area->wizard()->draft().membershipId.isEmpty());

        // Leaving training shows the real membership again, untouched.
        training->click();
        QVERIFY(!m_area->isTrainingMode());
        const auto real = backendMembership(m_area->memberships());
        QVERIFY(real);
        QCOMPARE(real->membershipName, u"Northwind IR (renamed)"_s);
    }

    void resumeAfterAnInterruptedSignUp()
    {
        // A sign-up that stopped after CreateMembership: the draft on disk knows the
        // membership, the OUs were never added.
        QTemporaryDir dir;
        onboarding::OnboardingDraft draft;
        {
            ui::OnboardingArea first(dir.path());
            QVERIFY(waitFor([&] { return first.wizard() != nullptr; }));
            draft.delegatedAdministratorId
                = onboarding::DemoOrganizationSource::suggestedDelegatedAdministrator();
            draft.delegatedAdministratorRegistered = true;
            draft.signedInAccountId = onboarding::DemoOrganizationSource::signedInAccountId();
            draft.region = first.memberships()->region();
            draft.coverEntireOrganization = false;
            draft.organizationalUnits = sixUnits;
            draft.team = {{u"Alice Example"_s, u"CISO"_s, u"alice@example.com"_s, {}},
                {u"Bob Example"_s, u"SOC lead"_s, u"bob@example.com"_s, {}}};
            draft.membershipName = u"Interrupted"_s;
            draft.consent = true;
            draft.clientToken = u"resume-token"_s;
            const auto created = test::await<onboarding::MembershipResult<QString>>([&](auto done) {
                first.memberships()->createMembership(draft.createRequest(), done);
            });
            QVERIFY(created && created->ok());
            draft.membershipId = created->value;
            QFile file(QDir(dir.path()).filePath(u"onboarding-draft.json"_s));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(draft.toJson()).toJson());
        }
        ui::OnboardingArea area(dir.path());
        area.resize(1180, 820);
        area.show();
        // The membership exists, so the view shows; the wizard is opened by hand.
        QVERIFY(waitFor([&] { return !area.membershipView()->membershipId().isEmpty(); }));
        QVERIFY(area.wizard() == nullptr);
        area.startWizard();
        auto *page = qobject_cast<ui::PrerequisitesPage *>(area.wizard()->currentPage());
        QVERIFY(page);
        QVERIFY(child<QLabel>(page, u"resumeLabel"_s)->isVisibleTo(page));
        QVERIFY(waitFor([&] { return !page->checker()->isRunning(); }));
        QTest::mouseClick(area.wizard()->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(area.wizard()->currentId(), int(ui::OnboardingWizard::SummaryPageId));
        auto *signUp = child<QPushButton>(area.wizard(), u"signUpButton"_s);
        QVERIFY(signUp->text().contains(u"Resume"_s));
        test::shoot(&area, u"wizard-9-resume"_s);
        QTest::mouseClick(signUp, Qt::LeftButton);
        auto *report = child<QPlainTextEdit>(area.wizard(), u"signUpReport"_s);
        QVERIFY(waitFor([&] { return report->isVisibleTo(area.wizard()); }));
        QVERIFY2(report->toPlainText().contains(u"not created again"_s),
            qPrintable(report->toPlainText()));
        QVERIFY(area.wizard()->button(QWizard::FinishButton)->isEnabled());
        const auto m = backendMembership(area.memberships());
        QVERIFY(m);
        QCOMPARE(m->membershipId, draft.membershipId);
        QCOMPARE(m->membershipAccountsConfigurations.organizationalUnits, sixUnits);
    }

    // A sign-up whose second call fails: the page reports what was created and what was
    // not, Resume sends only the rest, and there is still one membership.
    void partialFailureReportAndResume()
    {
        QTemporaryDir dir;
        auto service = openDemoService(dir.path());
        QVERIFY(service);
        onboarding::EmbeddedMembershipService embedded(service.get());
        FailingOnceMemberships failing(&embedded);
        onboarding::DemoOrganizationSource organization;
        ui::OnboardingArea area(&failing, &organization, dir.path());
        area.resize(1180, 820);
        area.show();
        QVERIFY(waitFor([&] { return area.wizard() != nullptr; }));
        test::WizardInput input;
        input.delegatedAdministrator
            = onboarding::DemoOrganizationSource::suggestedDelegatedAdministrator();
        input.invalidInputs = false;
        input.teamSize = 2;
        input.containment = false;
        input.units = sixUnits;
        input.membershipName = u"Half-way"_s;
        test::WizardDriver driver(area.wizard(), &area, input);
        driver.prerequisites();
        driver.membershipAccount();
        driver.region();
        driver.scope();
        driver.team();
        driver.nameAndTags();
        driver.permissions();
        if (QTest::currentTestFailed())
            return;
        QWizardPage *page = area.wizard()->currentPage();
        auto *signUp = child<QPushButton>(page, u"signUpButton"_s);
        auto *report = child<QPlainTextEdit>(page, u"signUpReport"_s);
        QTest::mouseClick(signUp, Qt::LeftButton);
        QVERIFY(waitFor([&] { return report->isVisibleTo(page) && signUp->isEnabled(); }));
        const QString text = report->toPlainText();
        QVERIFY2(text.contains(u"did not finish"_s) && text.contains(u"Created membership"_s)
                && text.contains(u"Not done:"_s) && text.contains(u"ou-7q2d-sec4a9k1"_s)
                && text.contains(u"ThrottlingException: Rate exceeded"_s)
                && text.contains(u"press Sign up again"_s),
            qPrintable(text));
        QVERIFY(signUp->text().contains(u"Resume"_s));
        QVERIFY(!area.wizard()->button(QWizard::FinishButton)->isEnabled());
        test::shoot(&area, u"wizard-9-partial-failure"_s);
        // The failure left the membership without its OUs.
        auto m = backendMembership(&embedded);
        QVERIFY(m);
        QVERIFY(m->membershipAccountsConfigurations.organizationalUnits.isEmpty());

        QTest::mouseClick(signUp, Qt::LeftButton);
        QVERIFY(waitFor([&] { return area.wizard()->button(QWizard::FinishButton)->isEnabled(); }));
        QVERIFY2(report->toPlainText().contains(u"not created again"_s),
            qPrintable(report->toPlainText()));
        m = backendMembership(&embedded); // exactly one, now with all six OUs
        QVERIFY(m);
        QCOMPARE(m->membershipName, u"Half-way"_s);
        QCOMPARE(m->membershipAccountsConfigurations.organizationalUnits, sixUnits);
        QCOMPARE(failing.updates, 3); // the failed batch, then 5 + 1
    }

    // The embedded backend holds memberships for one account: registering another demo
    // account as delegated administrator is refused next to the field.
    void embeddedBackendRefusesAnotherDelegatedAccount()
    {
        QTemporaryDir dir;
        ui::OnboardingArea area(dir.path());
        area.resize(1180, 820);
        area.show();
        QVERIFY(waitFor([&] { return area.wizard() != nullptr; }));
        auto *prerequisites = qobject_cast<ui::PrerequisitesPage *>(area.wizard()->currentPage());
        QVERIFY(waitFor([&] { return !prerequisites->checker()->isRunning(); }));
        QTest::mouseClick(area.wizard()->button(QWizard::NextButton), Qt::LeftButton);
        QWizardPage *page = area.wizard()->currentPage();
        test::WizardDriver::typeInto(
            child<QLineEdit>(page, u"delegatedAdminEdit"_s), u"318273645502"_s); // log archive
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(
            child<QPushButton>(page, u"registerDelegatedAdminButton"_s), Qt::LeftButton);
        auto *status = child<QLabel>(page, u"delegatedKeysStatusLabel"_s);
        QVERIFY2(
            waitFor([&] { return status->text().contains(u"holds memberships for account"_s); }),
            qPrintable(status->text()));
        QVERIFY(status->text().contains(u"318273645501"_s));
        QVERIFY(!area.wizard()->button(QWizard::NextButton)->isEnabled());
        test::shoot(&area, u"wizard-2-account-embedded-refused"_s);
    }

    // A list of delegated administrators asked for when the page opened and answered
    // after a registration from the page predates it: the registration stands.
    void registrationOutlivesAnEarlierList()
    {
        QTemporaryDir dir;
        auto service = openDemoService(dir.path());
        QVERIFY(service);
        onboarding::EmbeddedMembershipService embedded(service.get());
        SlowListOrganization organization;
        ui::OnboardingArea area(&embedded, &organization, dir.path());
        area.resize(1180, 820);
        area.show();
        QVERIFY(waitFor([&] { return area.wizard() != nullptr; }));
        auto *prerequisites = qobject_cast<ui::PrerequisitesPage *>(area.wizard()->currentPage());
        QVERIFY(waitFor([&] {
            organization.release(); // the checks' own list
            return !prerequisites->checker()->isRunning();
        }));
        QTest::mouseClick(area.wizard()->button(QWizard::NextButton), Qt::LeftButton);
        QWizardPage *page = area.wizard()->currentPage();
        QVERIFY(waitFor([&] { return organization.held() == 1; })); // the page's list
        const QString id = onboarding::DemoOrganizationSource::suggestedDelegatedAdministrator();
        test::WizardDriver::typeInto(child<QLineEdit>(page, u"delegatedAdminEdit"_s), id);
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(
            child<QPushButton>(page, u"registerDelegatedAdminButton"_s), Qt::LeftButton);
        QVERIFY(waitFor([&] { return area.wizard()->draft().delegatedAdministratorRegistered; }));
        organization.release(); // the list from before the registration (empty)
        QTest::qWait(50);
        QVERIFY(area.wizard()->draft().delegatedAdministratorRegistered);
        auto *status = child<QLabel>(page, u"delegatedAdminStatusLabel"_s);
        QVERIFY2(status->text().contains(u"is the delegated administrator"_s),
            qPrintable(status->text()));
        QVERIFY(!child<QPushButton>(page, u"registerDelegatedAdminButton"_s)->isEnabled());
    }

    void mainWindowShowsTheArea()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        QString error;
        auto workspace = store::Workspace::open(dir.filePath(u"ws"_s), &error);
        QVERIFY2(workspace, qPrintable(error));
        ui::MainWindow window(std::move(workspace));
        window.resize(1400, 900);
        window.show();
        window.setCurrentArea(ui::Area::Onboarding);
        auto *area = qobject_cast<ui::OnboardingArea *>(window.areaPage(ui::Area::Onboarding));
        QVERIFY(area);
        QVERIFY(area->isVisible());
        // A new workspace has no membership: the wizard opens by itself.
        QVERIFY(waitFor([&] { return area->wizard() != nullptr; }));
        auto *page = qobject_cast<ui::PrerequisitesPage *>(area->wizard()->currentPage());
        QVERIFY(page && page->checker());
        QVERIFY(waitFor([&] { return !page->checker()->isRunning(); }));
        test::shoot(&window, u"main-window-onboarding"_s);
        // Fix the failed trusted-access check from the page (after confirming).
        using State = onboarding::Prerequisite::State;
        QVERIFY(page->checker()->result(u"trustedAccess"_s)->state == State::Failed);
        auto *enable = child<QPushButton>(page, u"enableTrustedAccessButton"_s);
        QVERIFY(enable->isVisibleTo(page));
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(enable, Qt::LeftButton);
        QVERIFY(ui::MessageBox::lastText().contains(u"security-ir.amazonaws.com"_s));
        QVERIFY(waitFor([&] {
            return !page->checker()->isRunning()
                && page->checker()->result(u"trustedAccess"_s)->state == State::Passed;
        }));
        QVERIFY(!enable->isVisibleTo(page));
        // The area signs up through the workspace's backend (the sync engine's embedded
        // CaseService), not a service of its own.
        QVERIFY(QFileInfo::exists(dir.filePath(u"ws/backend.sqlite"_s)));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"ws/onboarding-service.sqlite"_s)));
        QVERIFY(area->memberships()->description().contains(u"workspace's backend"_s));
    }

    void signUpThroughTheWorkspaceBackend()
    {
        // The window's Onboarding area signs up through the workspace's sync backend: the
        // membership lands in backend.sqlite, where the sync engine and warroomctl see it.
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        QString error;
        {
            auto workspace = store::Workspace::open(dir.filePath(u"ws"_s), &error);
            QVERIFY2(workspace, qPrintable(error));
            ui::MainWindow window(std::move(workspace));
            window.resize(1400, 900);
            window.show();
            window.setCurrentArea(ui::Area::Onboarding);
            auto *area = qobject_cast<ui::OnboardingArea *>(window.areaPage(ui::Area::Onboarding));
            QVERIFY(area);
            QVERIFY(waitFor([&] { return area->wizard() != nullptr; }));
            test::WizardInput input;
            input.delegatedAdministrator
                = onboarding::DemoOrganizationSource::suggestedDelegatedAdministrator();
            input.units = sixUnits;
            input.membershipName = u"Signed up through the backend"_s;
            input.screenshotPrefix = u"backend-"_s;
            test::WizardDriver driver(area->wizard(), area, input);
            driver.run();
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(!QFileInfo::exists(dir.filePath(u"ws/onboarding-service.sqlite"_s)));
        auto backend = sync::EmbeddedBackend::open(
            dir.filePath(u"ws/"_s + sync::EmbeddedBackend::defaultFileName()), &error);
        QVERIFY2(backend, qPrintable(error));
        const caseservice::Principal reader {
            u"TEST"_s, u"arn:aws:iam::318273645501:user/test"_s, caseservice::Role::Full};
        const auto listed = backend->service().call(u"ListMemberships"_s, {}, reader);
        QVERIFY(listed.ok());
        const QJsonArray items = listed.body.value(u"items"_s).toArray();
        QCOMPARE(items.size(), 1);
        const auto got = backend->service().call(u"GetMembership"_s,
            {{u"membershipId"_s, items.first().toObject().value(u"membershipId"_s)}}, reader);
        QCOMPARE(
            got.body.value(u"membershipName"_s).toString(), u"Signed up through the backend"_s);
        QCOMPARE(got.body.value(u"membershipAccountsConfigurations"_s)
                     .toObject()
                     .value(u"organizationalUnits"_s)
                     .toArray()
                     .size(),
            6);
    }

    void darkPalette()
    {
        ui::MembershipView *view = m_area->membershipView();
        QVERIFY(waitFor([&] { return !view->membershipId().isEmpty() && !view->isBusy(); }));
        QVERIFY(waitFor([&] {
            auto *accounts = child<QTableWidget>(view, u"accountsTable"_s);
            return accounts->rowCount() == 15 && accounts->item(0, 2)
                && !accounts->item(0, 2)->text().isEmpty();
        }));
        auto *error = child<QLabel>(view, u"membershipNameError"_s);
        test::WizardDriver::typeInto(child<QLineEdit>(view, u"membershipNameEdit"_s), u"ab"_s);
        QVERIFY(error->isVisibleTo(view));
        const QColor lightRed = error->palette().color(QPalette::WindowText);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
        dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x70, 0x70));
        const QPalette before = QApplication::palette();
        QApplication::setPalette(dark);
        QCoreApplication::processEvents();
        const QColor darkRed = error->palette().color(QPalette::WindowText);
        // Readable on both: dark red on light windows, light red on dark ones.
        QVERIFY(lightRed.lightness() < 128);
        QVERIFY2(darkRed.lightness() > 128, qPrintable(darkRed.name()));
        test::shoot(m_area.get(), u"membership-view-dark"_s);
        QApplication::setPalette(before);
    }
};

QTEST_MAIN(TestOnboardingWizard)
#include "tst_onboarding_wizard.moc"
