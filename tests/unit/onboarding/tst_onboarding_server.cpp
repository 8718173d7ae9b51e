// The onboarding area against the real warroom-server (security-ir over HTTP with
// SigV4) and moto_server for Organizations, STS, GuardDuty and Security Hub, both on
// free loopback ports: the wizard through every page with invalid and valid input, the
// sign-up verified on the server afterwards, running it again, and the Membership view.

#include "OnboardingServers.h"
#include "WizardDriver.h"
#include "aws/AwsHttpClient.h"
#include "aws/Credentials.h"
#include "aws/SecurityIrClient.h"
#include "membership/MembershipView.h"
#include "onboarding/AwsOrganizationSource.h"
#include "onboarding/MembershipService.h"
#include "onboarding/OnboardingArea.h"

#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

using namespace Qt::StringLiterals;
using namespace warroom;
using warroom::test::child;
using warroom::test::waitFor;

class TestOnboardingServer final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_moto;
    QProcess m_server;
    quint16 m_motoPort = 0;
    QUrl m_serverUrl;
    aws::AwsHttpClient m_http;
    QString m_rootId;
    QStringList m_units;
    QHash<QString, QString> m_accountUnit; // account -> OU
    QString m_management;
    std::unique_ptr<onboarding::HttpMembershipService> m_memberships;
    std::unique_ptr<onboarding::AwsOrganizationSource> m_organization;
    std::unique_ptr<ui::OnboardingArea> m_area;

    aws::AwsClientConfig motoConfig() const
    {
        return {u"us-east-1"_s, QUrl(u"http://127.0.0.1:%1"_s.arg(m_motoPort)), false};
    }

    QJsonObject organizations(const QString &operation, const QJsonObject &input)
    {
        return test::organizationsCall(m_http, motoConfig().endpointUrl, operation, input);
    }

    bool restCall(aws::AwsServiceInfo service, const QString &operation, const QByteArray &method,
        const QByteArray &path, const QJsonObject &body)
    {
        aws::AwsServiceClient client(&m_http, service, motoConfig());
        const auto outcome = test::await<aws::AwsOutcome<QJsonObject>>([&](auto done) {
            aws::AwsServiceClient::deliverJson(
                client.callRestJson(operation, method, path, {}, body), done);
        });
        return outcome && outcome->ok();
    }

    // An organisation with six OUs (one nested) and two accounts in each, GuardDuty and
    // Security Hub on.
    void buildOrganization()
    {
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
        QVERIFY(m_rootId.startsWith(u"r-"_s));
        const QStringList names {u"Security"_s, u"Infrastructure"_s, u"Workloads"_s,
            u"Production"_s, u"Sandbox"_s, u"Suspended"_s};
        for (const QString &name : names) {
            const QString parent = name == "Production"_L1 ? m_units.at(2) : m_rootId;
            const QString id = organizations(
                u"CreateOrganizationalUnit"_s, {{"ParentId"_L1, parent}, {"Name"_L1, name}})
                                   .value("OrganizationalUnit"_L1)
                                   .toObject()
                                   .value("Id"_L1)
                                   .toString();
            QVERIFY2(id.startsWith(u"ou-"_s), qPrintable(name));
            m_units.append(id);
            for (int i = 0; i < 2; ++i) {
                const QString account = organizations(u"CreateAccount"_s,
                    {{"AccountName"_L1, QString(name.toLower() + QString::number(i))},
                        {"Email"_L1,
                            QString(name.toLower() + QString::number(i) + u"@example.com"_s)}})
                                            .value("CreateAccountStatus"_L1)
                                            .toObject()
                                            .value("AccountId"_L1)
                                            .toString();
                QCOMPARE(account.size(), 12);
                organizations(u"MoveAccount"_s,
                    {{"AccountId"_L1, account}, {"SourceParentId"_L1, m_rootId},
                        {"DestinationParentId"_L1, id}});
                m_accountUnit.insert(account, id);
            }
        }
        QVERIFY(restCall(aws::AwsServiceInfo::guardDuty(), u"CreateDetector"_s, "POST", "/detector",
            {{"enable"_L1, true}}));
        QVERIFY(restCall(aws::AwsServiceInfo::securityHub(), u"EnableSecurityHub"_s, "POST",
            "/accounts", QJsonObject {}));
    }

    void startServer()
    {
        const QString keys = m_dir.filePath(u"keys.json"_s);
        const QJsonObject key
            = test::createServerKey(keys, u"arn:aws:iam::"_s + m_management + u":user/admin"_s);
        const aws::Credentials credentials = test::serverKeyCredentials(key);
        QVERIFY(credentials.isValid());
        // moto accepts any key, so one client signs for both servers.
        m_http.setCredentials(credentials);
        m_http.setTransferTimeout(std::chrono::milliseconds(30000));

        // The server stands for the same organisation (its accounts and their OUs).
        QJsonArray accounts;
        accounts.append(QJsonObject {{"accountId"_L1, m_management}});
        for (auto it = m_accountUnit.constBegin(); it != m_accountUnit.constEnd(); ++it)
            accounts.append(
                QJsonObject {{"accountId"_L1, it.key()}, {"organizationalUnitId"_L1, it.value()}});
        // Production is nested in Workloads.
        accounts.append(QJsonObject {
            {"organizationalUnitId"_L1, m_units.at(3)}, {"parentId"_L1, m_units.at(2)}});
        QFile file(m_dir.filePath(u"organization.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(accounts).toJson());
        file.close();

        test::startWarroomServer(m_server,
            {u"--keys"_s, keys, u"--database"_s, u"sqlite:"_s + m_dir.filePath(u"cases.sqlite"_s),
                u"--account-id"_s, m_management, u"--organization"_s, file.fileName(),
                u"--access-log"_s, m_dir.filePath(u"access.log"_s), u"--rate"_s, u"0"_s},
            m_serverUrl);
    }

    // GetMembership straight from the server, with a client of its own.
    std::optional<domain::Membership> serverMembership(int *count = nullptr)
    {
        aws::SecurityIrClient client(&m_http, {u"us-east-1"_s, m_serverUrl, false});
        const auto list
            = test::await<aws::AwsOutcome<aws::Page<aws::MembershipSummary>>>([&](auto done) {
                  client.listMemberships({QString(), 25}, done);
              });
        if (!list || !list->ok())
            return std::nullopt;
        if (count)
            *count = int(list->value.items.size());
        if (list->value.items.isEmpty())
            return std::nullopt;
        const auto got = test::await<aws::AwsOutcome<domain::Membership>>(
            [&](auto done) { client.getMembership(list->value.items.first().membershipId, done); });
        if (!got || !got->ok())
            return std::nullopt;
        return got->value;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::startMoto(m_moto, m_motoPort);
        if (QTest::currentTestFailed())
            return;
        // Credentials first: moto needs a signed request too.
        aws::Credentials bootstrap;
        bootstrap.accessKeyId = u"AKIDEXAMPLE"_s;
        bootstrap.secretAccessKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;
        bootstrap.source = u"test"_s;
        m_http.setCredentials(bootstrap);
        buildOrganization();
        if (QTest::currentTestFailed())
            return;
        startServer();
        if (QTest::currentTestFailed())
            return;
        m_memberships = std::make_unique<onboarding::HttpMembershipService>(
            &m_http, aws::AwsClientConfig {u"us-east-1"_s, m_serverUrl, false});
        m_organization = std::make_unique<onboarding::AwsOrganizationSource>(&m_http, motoConfig());
        m_area = std::make_unique<ui::OnboardingArea>(
            m_memberships.get(), m_organization.get(), m_dir.filePath(u"workspace"_s));
        m_area->resize(1180, 820);
        m_area->show();
        QVERIFY(waitFor([&] { return m_area->wizard() != nullptr; }, 30000));
    }

    void cleanupTestCase()
    {
        m_area.reset();
        test::stopProcess(m_server);
        test::stopProcess(m_moto);
    }

    void prerequisitesFromMoto()
    {
        auto *page = qobject_cast<ui::PrerequisitesPage *>(m_area->wizard()->currentPage());
        QVERIFY(page && page->checker());
        QVERIFY(waitFor([&] { return !page->checker()->isRunning(); }, 30000));
        using State = onboarding::Prerequisite::State;
        const auto *checker = page->checker();
        QVERIFY(checker->result(u"managementAccount"_s)->state == State::Passed);
        QCOMPARE(checker->signedInAccountId(), m_management);
        QVERIFY(checker->result(u"allFeatures"_s)->state == State::Passed);
        QVERIFY(checker->result(u"trustedAccess"_s)->state == State::Failed);
        QVERIFY2(checker->result(u"guardDuty"_s)->state == State::Passed,
            qPrintable(checker->result(u"guardDuty"_s)->detail));
        // Whatever moto says about DescribeHub, the answer is a verdict, never "checking".
        QVERIFY(checker->result(u"securityHub"_s)->state != State::Checking);
    }

    void wizardAgainstServerAndMoto()
    {
        test::WizardInput input;
        input.delegatedAdministrator = m_accountUnit.key(m_units.first());
        input.registrationFails = true; // moto refuses security-ir's principal
        input.units = m_units; // six: two UpdateMembership calls
        input.screenshotPrefix = u"server-"_s;
        test::WizardDriver driver(m_area->wizard(), m_area.get(), input);
        driver.run();
        if (QTest::currentTestFailed())
            return;
        int count = 0;
        const auto m = serverMembership(&count);
        QVERIFY(m);
        QCOMPARE(count, 1);
        QCOMPARE(m->accountId, m_management);
        QCOMPARE(m->membershipName, input.membershipName);
        QCOMPARE(m->incidentResponseTeam.size(), 3);
        QCOMPARE(m->membershipAccountsConfigurations.organizationalUnits, m_units);
        QCOMPARE(m->customerType, domain::CustomerType::Organization);
        QCOMPARE(m->membershipStatus, domain::MembershipStatus::Active);
        QVERIFY(m->optInFeatures.size() == 1 && m->optInFeatures.first().isEnabled);
        // Two UpdateMembership calls reached the server: one per batch.
        QFile log(m_dir.filePath(u"access.log"_s));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray access = log.readAll();
        QCOMPARE(access.count("UpdateMembership"), 2);
        QCOMPARE(access.count("CreateMembership"), 1);
        QTest::mouseClick(m_area->wizard()->button(QWizard::FinishButton), Qt::LeftButton);
        QVERIFY(waitFor([&] { return m_area->wizard() == nullptr; }));
    }

    void membershipViewFromServer()
    {
        ui::MembershipView *view = m_area->membershipView();
        auto *accounts = child<QTableWidget>(view, u"accountsTable"_s);
        QVERIFY(waitFor(
            [&] {
                return !view->isBusy() && accounts->rowCount() == 13 && accounts->item(0, 2)
                    && !accounts->item(0, 2)->text().isEmpty();
            },
            30000));
        int associated = 0;
        for (int row = 0; row < accounts->rowCount(); ++row)
            associated += accounts->item(row, 2)->text() == "Associated"_L1 ? 1 : 0;
        QCOMPARE(associated, 13); // every OU is in scope, plus the management account
        test::shoot(m_area.get(), u"server-membership-view"_s);

        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(child<QPushButton>(view, u"cancelMembershipButton"_s), Qt::LeftButton);
        QVERIFY(waitFor([&] {
            return !view->isBusy()
                && view->membership().membershipStatus == domain::MembershipStatus::Cancelled;
        }));
        QCOMPARE(serverMembership()->membershipStatus, domain::MembershipStatus::Cancelled);
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(child<QPushButton>(view, u"undoCancellationButton"_s), Qt::LeftButton);
        QVERIFY(waitFor([&] {
            return !view->isBusy()
                && view->membership().membershipStatus == domain::MembershipStatus::Active;
        }));
        QCOMPARE(serverMembership()->membershipStatus, domain::MembershipStatus::Active);
    }

    void runningAgainCreatesNoSecondMembership()
    {
        QVERIFY(QFile::remove(m_dir.filePath(u"workspace/onboarding-draft.json"_s)));
        m_area->startWizard();
        test::WizardInput input;
        input.delegatedAdministrator = m_accountUnit.key(m_units.first());
        input.registrationFails = true;
        input.invalidInputs = false;
        input.teamSize = 2;
        input.containment = false;
        test::WizardDriver driver(m_area->wizard(), m_area.get(), input);
        driver.run();
        if (QTest::currentTestFailed())
            return;
        int count = 0;
        QVERIFY(serverMembership(&count));
        QCOMPARE(count, 1);
        QFile log(m_dir.filePath(u"access.log"_s));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QCOMPARE(log.readAll().count("CreateMembership"), 1);
    }
};

QTEST_MAIN(TestOnboardingServer)
#include "tst_onboarding_server.moc"
