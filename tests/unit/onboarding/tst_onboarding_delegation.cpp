// The app's Onboarding area on a warroom-server workspace whose organisation is read from
// moto_server (AWS Organizations, STS, GuardDuty, Security Hub) through the Organizations
// endpoint of the backend settings: the checks and the OU tree come from there, not the
// demo organisation; an unreachable endpoint leaves every check "unknown" and says so.
// After RegisterDelegatedAdministrator the wizard asks for the delegated administrator's
// keys, checks whose they are, and the membership is created with them (the server's
// access log shows the key). On AWS the keys come from STS AssumeRole (moto) and are
// checked with GetCallerIdentity. An OU picked with a nested OU under it covers that OU's
// accounts on the server too.

#include "MainWindow.h"
#include "OnboardingServers.h"
#include "WizardDriver.h"
#include "aws/AwsHttpClient.h"
#include "aws/OrganizationsClient.h"
#include "aws/SecurityIrClient.h"
#include "membership/MembershipView.h"
#include "onboarding/AwsOrganizationSource.h"
#include "onboarding/BackendOrganization.h"
#include "onboarding/DelegatedAccess.h"
#include "onboarding/OnboardingArea.h"
#include "store/Workspace.h"
#include "sync/BackendSettings.h"
#include "sync/HttpBackend.h"

using namespace Qt::StringLiterals;
using namespace warroom;
using warroom::test::child;
using warroom::test::waitFor;

class TestOnboardingDelegation final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_moto;
    QProcess m_server;
    quint16 m_motoPort = 0;
    QUrl m_serverUrl;
    aws::AwsHttpClient m_http;
    QString m_management;
    QString m_delegated; // the security account, registered as delegated administrator
    QString m_rootId;
    QString m_workloads; // holds no account; Production (two accounts) is nested in it
    QString m_production;
    QStringList m_productionAccounts;
    aws::Credentials m_managementKey; // a warroom-server key of a management principal
    aws::Credentials m_delegatedKey; // a warroom-server key of a delegated-account principal

    QUrl motoUrl() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_motoPort)); }

    QJsonObject organizations(const QString &operation, const QJsonObject &input)
    {
        return test::organizationsCall(m_http, motoUrl(), operation, input);
    }

    QString createUnit(const QString &parent, const QString &name)
    {
        return organizations(
            u"CreateOrganizationalUnit"_s, {{"ParentId"_L1, parent}, {"Name"_L1, name}})
            .value("OrganizationalUnit"_L1)
            .toObject()
            .value("Id"_L1)
            .toString();
    }

    QString createAccount(const QString &name, const QString &unit)
    {
        const QString account = organizations(u"CreateAccount"_s,
            {{"AccountName"_L1, name}, {"Email"_L1, QString(name + u"@example.com"_s)}})
                                    .value("CreateAccountStatus"_L1)
                                    .toObject()
                                    .value("AccountId"_L1)
                                    .toString();
        organizations(u"MoveAccount"_s,
            {{"AccountId"_L1, account}, {"SourceParentId"_L1, m_rootId},
                {"DestinationParentId"_L1, unit}});
        return account;
    }

    std::unique_ptr<store::Workspace> workspace(const QString &name, const QUrl &organizationsUrl)
    {
        QString error;
        auto ws = store::Workspace::open(m_dir.filePath(name), &error);
        if (!ws) {
            qWarning("%s", qPrintable(error));
            return ws;
        }
        sync::BackendSettings settings;
        settings.kind = sync::BackendSettings::Kind::Server;
        settings.serverUrl = m_serverUrl;
        settings.region = u"us-east-1"_s;
        settings.organizationsEndpoint = organizationsUrl;
        if (!settings.save(ws->database(), &error)) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        return ws;
    }

    // The window shown on its Onboarding area.
    static ui::OnboardingArea *showOnboarding(ui::MainWindow &window)
    {
        window.resize(1400, 900);
        window.show();
        window.setCurrentArea(ui::Area::Onboarding);
        return qobject_cast<ui::OnboardingArea *>(window.areaPage(ui::Area::Onboarding));
    }

    std::optional<domain::Membership> serverMembership(int *count = nullptr)
    {
        aws::SecurityIrClient client(&m_http, {u"us-east-1"_s, m_serverUrl, false});
        const auto list
            = test::await<aws::AwsOutcome<aws::Page<aws::MembershipSummary>>>([&](auto done) {
                  client.listMemberships({QString(), 25}, done);
              });
        if (!list || !list->ok() || list->value.items.isEmpty())
            return std::nullopt;
        if (count)
            *count = int(list->value.items.size());
        const auto got = test::await<aws::AwsOutcome<domain::Membership>>(
            [&](auto done) { client.getMembership(list->value.items.first().membershipId, done); });
        return got && got->ok() ? std::optional(got->value) : std::nullopt;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        // Nothing from the user's own AWS configuration.
        qputenv("AWS_SHARED_CREDENTIALS_FILE", m_dir.filePath(u"aws-credentials"_s).toUtf8());
        qputenv("AWS_CONFIG_FILE", m_dir.filePath(u"aws-config"_s).toUtf8());
        qunsetenv("AWS_PROFILE");
        qunsetenv("AWS_SESSION_TOKEN");
        test::startMoto(m_moto, m_motoPort, true);
        if (QTest::currentTestFailed())
            return;
        aws::Credentials bootstrap;
        bootstrap.accessKeyId = u"AKIDEXAMPLE"_s;
        bootstrap.secretAccessKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;
        bootstrap.source = u"test"_s;
        m_http.setCredentials(bootstrap);
        m_http.setTransferTimeout(std::chrono::seconds(30));

        QVERIFY(!organizations(u"CreateOrganization"_s, {{"FeatureSet"_L1, u"ALL"_s}}).isEmpty());
        m_management = organizations(u"DescribeOrganization"_s, {})
                           .value("Organization"_L1)
                           .toObject()
                           .value("MasterAccountId"_L1)
                           .toString();
        m_rootId = organizations(u"ListRoots"_s, {})
                       .value("Roots"_L1)
                       .toArray()
                       .at(0)
                       .toObject()
                       .value("Id"_L1)
                       .toString();
        const QString security = createUnit(m_rootId, u"Security"_s);
        m_workloads = createUnit(m_rootId, u"Workloads"_s);
        m_production = createUnit(m_workloads, u"Production"_s);
        const QString sandbox = createUnit(m_rootId, u"Sandbox"_s);
        QVERIFY(security.startsWith(u"ou-"_s) && m_production.startsWith(u"ou-"_s));
        m_delegated = createAccount(u"security"_s, security);
        m_productionAccounts = {
            createAccount(u"payments"_s, m_production), createAccount(u"orders"_s, m_production)};
        const QString sandboxAccount = createAccount(u"sandbox"_s, sandbox);
        QCOMPARE(m_delegated.size(), 12);

        // warroom-server stands for the delegated administrator's account; the workspace
        // signs with a management principal's key, the wizard must switch to the other.
        const QString keys = m_dir.filePath(u"keys.json"_s);
        m_managementKey = test::serverKeyCredentials(
            test::createServerKey(keys, u"arn:aws:iam::"_s + m_management + u":user/admin"_s));
        m_delegatedKey = test::serverKeyCredentials(
            test::createServerKey(keys, u"arn:aws:iam::"_s + m_delegated + u":user/ir-admin"_s));
        QVERIFY(m_managementKey.isValid() && m_delegatedKey.isValid());
        QJsonArray accounts {QJsonObject {{"accountId"_L1, m_management}},
            QJsonObject {{"accountId"_L1, m_delegated}, {"organizationalUnitId"_L1, security}},
            QJsonObject {{"accountId"_L1, sandboxAccount}, {"organizationalUnitId"_L1, sandbox}},
            QJsonObject {{"organizationalUnitId"_L1, m_production}, {"parentId"_L1, m_workloads}}};
        for (const QString &account : m_productionAccounts)
            accounts.append(
                QJsonObject {{"accountId"_L1, account}, {"organizationalUnitId"_L1, m_production}});
        QFile file(m_dir.filePath(u"organization.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(accounts).toJson());
        file.close();
        test::startWarroomServer(m_server,
            {u"--keys"_s, keys, u"--database"_s, u"sqlite:"_s + m_dir.filePath(u"cases.sqlite"_s),
                u"--account-id"_s, m_delegated, u"--organization"_s, file.fileName(),
                u"--access-log"_s, m_dir.filePath(u"access.log"_s), u"--rate"_s, u"0"_s},
            m_serverUrl);
        if (QTest::currentTestFailed())
            return;
        m_http.setCredentials(m_managementKey); // moto accepts any key
        // The workspace's keys come from the environment (the CLI's chain).
        qputenv("AWS_ACCESS_KEY_ID", m_managementKey.accessKeyId.toUtf8());
        qputenv("AWS_SECRET_ACCESS_KEY", m_managementKey.secretAccessKey.toUtf8());
    }

    void cleanupTestCase()
    {
        test::stopProcess(m_server);
        test::stopProcess(m_moto);
    }

    // The window's Onboarding area reads moto's organisation, signs up as the delegated
    // administrator with its own key, and the nested OU's accounts are covered.
    void serverWorkspaceSignsUpAsDelegatedAdministrator()
    {
        auto ws = workspace(u"ws-server"_s, motoUrl());
        QVERIFY(ws);
        ui::MainWindow window(std::move(ws));
        auto *area = showOnboarding(window);
        QVERIFY(area);
        QVERIFY(waitFor([&] { return area->wizard() != nullptr; }, 30000));
        QVERIFY(qobject_cast<onboarding::AwsOrganizationSource *>(area->organization()));
        QVERIFY2(area->organization()->description().contains(motoUrl().toString()),
            qPrintable(area->organization()->description()));

        // The checks are moto's organisation's, not the demo's.
        auto *page = qobject_cast<ui::PrerequisitesPage *>(area->wizard()->currentPage());
        QVERIFY(page && page->checker());
        QVERIFY(waitFor([&] { return !page->checker()->isRunning(); }, 30000));
        using State = onboarding::Prerequisite::State;
        QVERIFY2(page->checker()->result(u"managementAccount"_s)->state == State::Passed,
            qPrintable(page->checker()->result(u"managementAccount"_s)->detail));
        QCOMPARE(page->checker()->signedInAccountId(), m_management);
        QVERIFY(page->checker()->result(u"allFeatures"_s)->state == State::Passed);
        QVERIFY(!child<QLabel>(page, u"organizationUnreachableLabel"_s)->isVisibleTo(page));

        QString wrongKeyMessage;
        test::WizardInput input;
        input.delegatedAdministrator = m_delegated;
        input.invalidInputs = false;
        input.units = {m_workloads};
        input.teamSize = 2;
        input.membershipName = u"Delegated sign-up"_s;
        input.screenshotPrefix = u"delegation-"_s;
        input.delegatedKeys = [&](QWizardPage *accountPage) {
            auto *wizard = area->wizard();
            auto *box = child<QGroupBox>(accountPage, u"delegatedKeysGroupBox"_s);
            QVERIFY(box && box->isVisibleTo(accountPage));
            QVERIFY(box->title().contains(m_delegated));
            // Registered, but no keys of that account yet: Next stays off.
            QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
            auto *source = child<QComboBox>(accountPage, u"delegatedKeySourceCombo"_s);
            source->setCurrentIndex(
                source->findData(int(onboarding::DelegatedKeySource::AccessKeys)));
            auto *keyId = child<QLineEdit>(accountPage, u"delegatedAccessKeyEdit"_s);
            auto *secret = child<QLineEdit>(accountPage, u"delegatedSecretKeyEdit"_s);
            QVERIFY(keyId->isVisibleTo(accountPage));
            auto *check = child<QPushButton>(accountPage, u"checkDelegatedKeysButton"_s);
            auto *status = child<QLabel>(accountPage, u"delegatedKeysStatusLabel"_s);
            // The management principal's key is refused: wrong account.
            test::WizardDriver::typeInto(keyId, m_managementKey.accessKeyId);
            test::WizardDriver::typeInto(secret, m_managementKey.secretAccessKey);
            QTest::mouseClick(check, Qt::LeftButton);
            QVERIFY2(waitFor([&] { return status->text().startsWith(u"\u2717"_s); }, 30000),
                qPrintable(status->text()));
            wrongKeyMessage = status->text();
            QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
            test::shoot(area, u"delegation-2-keys-refused"_s);
            // A wrong secret is refused by the server.
            test::WizardDriver::typeInto(keyId, m_delegatedKey.accessKeyId);
            test::WizardDriver::typeInto(secret, u"not-the-secret"_s);
            QTest::mouseClick(check, Qt::LeftButton);
            QVERIFY2(waitFor([&] { return status->text().contains(u"refused the keys"_s); }, 30000),
                qPrintable(status->text()));
            QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
            // The delegated administrator's key passes.
            test::WizardDriver::typeInto(secret, m_delegatedKey.secretAccessKey);
            QTest::mouseClick(check, Qt::LeftButton);
            QVERIFY2(waitFor([&] { return status->text().startsWith(u"\u2713"_s); }, 30000),
                qPrintable(status->text()));
            QVERIFY(status->text().contains(u":user/ir-admin"_s));
            QCOMPARE(wizard->delegatedAccess()->verifiedAccountId(), m_delegated);
        };
        test::WizardDriver driver(area->wizard(), area, input);
        driver.run();
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(wrongKeyMessage.contains(m_management) && wrongKeyMessage.contains(m_delegated),
            qPrintable(wrongKeyMessage));

        // On the server: the membership of the delegated account, created and updated with
        // its key, not the workspace's.
        int count = 0;
        const auto m = serverMembership(&count);
        QVERIFY(m);
        QCOMPARE(count, 1);
        QCOMPARE(m->accountId, m_delegated);
        QCOMPARE(m->membershipName, input.membershipName);
        QCOMPARE(m->membershipAccountsConfigurations.organizationalUnits, input.units);
        // The delegated account + the two accounts of Production, nested in Workloads.
        QCOMPARE(m->numberOfAccountsCovered.value_or(-1), 3);
        QFile log(m_dir.filePath(u"access.log"_s));
        QVERIFY(log.open(QIODevice::ReadOnly));
        int creates = 0;
        int updates = 0;
        for (const QByteArray &line : log.readAll().split('\n')) {
            const QJsonObject entry = QJsonDocument::fromJson(line).object();
            const QString operation = entry.value("operation"_L1).toString();
            if (operation == "CreateMembership"_L1 || operation == "UpdateMembership"_L1) {
                QCOMPARE(entry.value("accessKeyId"_L1).toString(), m_delegatedKey.accessKeyId);
                ++(operation == "CreateMembership"_L1 ? creates : updates);
            }
        }
        QCOMPARE(creates, 1);
        QCOMPARE(updates, 1);

        // The Membership view: moto's accounts, Production's associated through Workloads.
        QTest::mouseClick(area->wizard()->button(QWizard::FinishButton), Qt::LeftButton);
        QVERIFY(waitFor([&] { return area->wizard() == nullptr; }));
        ui::MembershipView *view = area->membershipView();
        auto *accounts = child<QTableWidget>(view, u"accountsTable"_s);
        QVERIFY(waitFor(
            [&] {
                return !view->isBusy() && accounts->rowCount() == 5 && accounts->item(0, 2)
                    && !accounts->item(0, 2)->text().isEmpty();
            },
            30000));
        QStringList associated;
        for (int row = 0; row < accounts->rowCount(); ++row)
            if (accounts->item(row, 2)->text() == "Associated"_L1)
                associated.append(accounts->item(row, 0)->text());
        associated.sort();
        QStringList expected = m_productionAccounts + QStringList {m_delegated};
        expected.sort();
        QCOMPARE(associated, expected);
        QCOMPARE(child<QLabel>(view, u"accountsCoveredValue"_s)->text(), u"3"_s);
        test::shoot(&window, u"delegation-membership-view"_s);
    }

    // An Organizations endpoint nobody answers on: every check is "unknown", with the
    // reason, and the page says no organisation could be reached.
    void unreachableOrganizationIsUnknown()
    {
        auto ws = workspace(
            u"ws-unreachable"_s, QUrl(u"http://127.0.0.1:%1"_s.arg(test::freeLoopbackPort())));
        QVERIFY(ws);
        ui::MainWindow window(std::move(ws));
        auto *area = showOnboarding(window);
        QVERIFY(area);
        // The server has a membership now: open the wizard by hand.
        QVERIFY(waitFor([&] { return !area->membershipView()->isBusy(); }, 30000));
        if (!area->wizard())
            area->startWizard();
        auto *page = qobject_cast<ui::PrerequisitesPage *>(area->wizard()->currentPage());
        QVERIFY(page && page->checker());
        QVERIFY(waitFor([&] { return !page->checker()->isRunning(); }, 30000));
        using State = onboarding::Prerequisite::State;
        for (const QString &key : {u"managementAccount"_s, u"allFeatures"_s, u"trustedAccess"_s,
                 u"guardDuty"_s, u"securityHub"_s}) {
            const auto *p = page->checker()->result(key);
            QVERIFY2(p->state == State::Unknown, qPrintable(key));
            QVERIFY2(p->detail.startsWith(u"Could not check"_s), qPrintable(p->detail));
        }
        QVERIFY(page->checker()->nothingReachable());
        auto *label = child<QLabel>(page, u"organizationUnreachableLabel"_s);
        QVERIFY(label->isVisibleTo(page));
        QVERIFY(label->text().contains(u"Backend Settings"_s));
        test::shoot(&window, u"delegation-1-unreachable"_s);
    }

    // AWS: the organisation at the Organizations endpoint with the backend's keys, and the
    // delegated administrator's keys from STS AssumeRole, checked with GetCallerIdentity.
    void awsBackendAssumesRoleInDelegatedAccount()
    {
        sync::BackendSettings settings;
        settings.kind = sync::BackendSettings::Kind::Aws;
        settings.region = u"us-east-1"_s;
        settings.organizationsEndpoint = motoUrl();
        sync::HttpBackend backend(QUrl(), settings.region, m_managementKey);
        std::unique_ptr<onboarding::OrganizationSource> source(
            onboarding::createOrganizationSource(settings, &backend, nullptr));
        QVERIFY(qobject_cast<onboarding::AwsOrganizationSource *>(source.get()));
        QVERIFY(source->description().contains(u"backend's keys"_s));
        const auto caller = test::await<onboarding::SourceResult<QString>>(
            [&](auto done) { source->callerAccount(done); }, 30000);
        QVERIFY(caller && caller->ok());
        QCOMPARE(caller->value, m_management);

        onboarding::DelegatedTarget target = onboarding::delegatedTargetFor(settings, &backend);
        QVERIFY(target.kind == onboarding::DelegatedTarget::Kind::Aws);
        QCOMPARE(target.stsEndpoint, motoUrl());
        QCOMPARE(target.baseKeys.accessKeyId, m_managementKey.accessKeyId);
        onboarding::DelegatedAccess access(target);
        QCOMPARE(access.sources().first(), onboarding::DelegatedKeySource::AssumeRole);
        auto check = [&](const onboarding::DelegatedKeyRequest &request) {
            std::optional<std::pair<bool, QString>> result;
            access.check(m_delegated, request,
                [&](bool ok, const QString &message) { result = std::pair(ok, message); });
            waitFor([&] { return result.has_value(); }, 30000);
            return result.value_or(std::pair(false, u"no answer"_s));
        };
        onboarding::DelegatedKeyRequest assume;
        const auto assumed = check(assume);
        QVERIFY2(assumed.first, qPrintable(assumed.second));
        QCOMPARE(access.verifiedAccountId(), m_delegated);
        QVERIFY2(access.verifiedPrincipal().contains(
                     m_delegated + u":assumed-role/OrganizationAccountAccessRole/"_s),
            qPrintable(access.verifiedPrincipal()));
        QVERIFY(access.memberships());
        QVERIFY(access.memberships()->description().contains(u"security-ir.us-east-1"_s));

        // A profile with the management account's keys is refused: wrong account.
        QFile credentials(m_dir.filePath(u"aws-credentials"_s));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write(
            "[management]\naws_access_key_id = " + m_managementKey.accessKeyId.toUtf8()
            + "\naws_secret_access_key = " + m_managementKey.secretAccessKey.toUtf8() + "\n");
        credentials.close();
        onboarding::DelegatedKeyRequest profile;
        profile.source = onboarding::DelegatedKeySource::Profile;
        profile.profile = u"management"_s;
        const auto refused = check(profile);
        QVERIFY(!refused.first);
        QVERIFY2(refused.second.contains(m_management) && refused.second.contains(m_delegated),
            qPrintable(refused.second));
        QVERIFY(access.verifiedAccountId().isEmpty());
        QVERIFY(!access.memberships());
    }
};

QTEST_MAIN(TestOnboardingDelegation)
#include "tst_onboarding_delegation.moc"
