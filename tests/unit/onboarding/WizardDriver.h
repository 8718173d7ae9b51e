#pragma once

// Drives the onboarding wizard offscreen like a user: types, clicks, checks the message
// next to each field for each kind of invalid input, and saves a screenshot per page.

#include "MessageBox.h"
#include "OnboardingTestSupport.h"
#include "onboarding/OnboardingPages.h"
#include "onboarding/OnboardingWizard.h"
#include "onboarding/OrganizationTreeModel.h"
#include "onboarding/PrerequisiteChecker.h"

#include <QtTest/QtTest>
#include <QtWidgets/QtWidgets>

#include <functional>

namespace warroom::test {

using ui::OnboardingWizard;

template<typename T> T *child(QObject *root, const QString &name)
{
    T *found = root->findChild<T *>(name);
    if (!found)
        qWarning("no child %s", qPrintable(name));
    return found;
}

// Saves `widget` as <dir>/<name>.png when the test has a screenshot folder.
inline void shoot(QWidget *widget, const QString &name)
{
#ifdef WARROOM_SCREENSHOT_DIR
    QCoreApplication::processEvents();
    QDir().mkpath(QStringLiteral(WARROOM_SCREENSHOT_DIR));
    const QPixmap pixmap = widget->grab();
    QVERIFY(!pixmap.isNull());
    QVERIFY(
        pixmap.save(QStringLiteral(WARROOM_SCREENSHOT_DIR "/") + name + QStringLiteral(".png")));
#else
    Q_UNUSED(widget)
    Q_UNUSED(name)
#endif
}

struct WizardInput
{
    QString delegatedAdministrator; // 12 digits
    // Registering fails (moto does not know security-ir's principal): check the error
    // is shown, then use the signed-in account.
    bool registrationFails = false;
    QString region = QStringLiteral("us-east-1"); // the backend's Region
    QStringList units; // empty: the whole organisation
    int teamSize = 3;
    QString membershipName = QStringLiteral("Northwind incident response");
    bool containment = true;
    bool invalidInputs = true; // also type every kind of invalid input
    // Called on the Membership account page once the registration went through, before
    // Next is expected to be enabled: gives (and checks) the delegated administrator's
    // keys on a warroom-server or AWS backend.
    std::function<void(QWizardPage *page)> delegatedKeys;
    QString screenshotPrefix; // empty: no screenshots
};

class WizardDriver
{
public:
    WizardDriver(OnboardingWizard *wizard, QWidget *shotRoot, WizardInput input)
        : m_wizard(wizard)
        , m_root(shotRoot)
        , m_in(std::move(input))
    {
    }

    QAbstractButton *next() const { return m_wizard->button(QWizard::NextButton); }
    QAbstractButton *finish() const { return m_wizard->button(QWizard::FinishButton); }

    void clickNext(int expectedPage)
    {
        QVERIFY2(next()->isEnabled(),
            qPrintable(QStringLiteral("Next is disabled on page %1").arg(m_wizard->currentId())));
        QTest::mouseClick(next(), Qt::LeftButton);
        QCOMPARE(m_wizard->currentId(), expectedPage);
    }

    void snap(const QString &name)
    {
        if (!m_in.screenshotPrefix.isEmpty())
            shoot(m_root, m_in.screenshotPrefix + name);
    }

    static void typeInto(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
    }

    void prerequisites()
    {
        QCOMPARE(m_wizard->currentId(), int(OnboardingWizard::PrerequisitesPageId));
        auto *page = qobject_cast<ui::PrerequisitesPage *>(m_wizard->currentPage());
        QVERIFY(page && page->checker());
        QVERIFY(waitFor([&] { return !page->checker()->isRunning(); }, 30000));
        auto *list = child<QTreeWidget>(page, QStringLiteral("prerequisitesList"));
        QVERIFY(list);
        QCOMPARE(list->topLevelItemCount(), 7);
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            QVERIFY2(list->topLevelItem(i)->text(1) != QObject::tr("Checking"),
                qPrintable(list->topLevelItem(i)->text(0)));
        snap(QStringLiteral("1-prerequisites"));
        clickNext(OnboardingWizard::MembershipAccountPageId);
    }

    void membershipAccount()
    {
        QWizardPage *page = m_wizard->currentPage();
        auto *edit = child<QLineEdit>(page, QStringLiteral("delegatedAdminEdit"));
        auto *error = child<QLabel>(page, QStringLiteral("delegatedAdminError"));
        auto *reg = child<QPushButton>(page, QStringLiteral("registerDelegatedAdminButton"));
        QVERIFY(edit && error && reg);
        child<QRadioButton>(page, QStringLiteral("delegatedAdminRadio"))->click();
        if (m_in.invalidInputs) {
            typeInto(edit, QStringLiteral("1234567890123")); // 13 digits
            QVERIFY(error->isVisibleTo(page));
            QVERIFY2(error->text().contains(QStringLiteral("exactly 12 digits")),
                qPrintable(error->text()));
            QVERIFY(!next()->isEnabled());
            QVERIFY(!reg->isEnabled());
            snap(QStringLiteral("2-account-invalid"));
        }
        typeInto(edit, m_in.delegatedAdministrator);
        QVERIFY(!error->isVisibleTo(page));
        if (m_in.registrationFails) {
            auto *status = child<QLabel>(page, QStringLiteral("delegatedAdminStatusLabel"));
            ui::MessageBox::setNextAnswer(QMessageBox::Yes);
            QTest::mouseClick(reg, Qt::LeftButton);
            QVERIFY2(waitFor([&] {
                return status->text().contains(QStringLiteral("Could not register"));
            }),
                qPrintable(status->text()));
            QVERIFY(!next()->isEnabled());
            snap(QStringLiteral("2-account-register-failed"));
            child<QRadioButton>(page, QStringLiteral("signedInAccountRadio"))->click();
            QVERIFY(next()->isEnabled());
            QVERIFY(!m_wizard->draft().signedInAccountId.isEmpty());
            snap(QStringLiteral("2-account"));
            clickNext(OnboardingWizard::RegionPageId);
            return;
        }
        if (!next()->isEnabled()) {
            QVERIFY(reg->isEnabled());
            ui::MessageBox::setNextAnswer(QMessageBox::Yes);
            QTest::mouseClick(reg, Qt::LeftButton);
            QVERIFY(!ui::MessageBox::hasPendingAnswer());
            QVERIFY(ui::MessageBox::lastText().contains(m_in.delegatedAdministrator));
            if (m_in.delegatedKeys) {
                QVERIFY2(waitFor([&] { return m_wizard->draft().delegatedAdministratorRegistered; },
                             30000),
                    qPrintable(
                        child<QLabel>(page, QStringLiteral("delegatedAdminStatusLabel"))->text()));
                m_in.delegatedKeys(page);
                if (QTest::currentTestFailed())
                    return;
            }
            QVERIFY2(waitFor([&] { return next()->isEnabled(); }, 15000),
                qPrintable(
                    child<QLabel>(page, QStringLiteral("delegatedAdminStatusLabel"))->text()));
        }
        QVERIFY(m_wizard->draft().delegatedAdministratorRegistered);
        snap(QStringLiteral("2-account"));
        clickNext(OnboardingWizard::RegionPageId);
    }

    void region()
    {
        QWizardPage *page = m_wizard->currentPage();
        auto *combo = child<QComboBox>(page, QStringLiteral("regionCombo"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), 37); // "Choose" + the model's 36 Regions
        combo->setCurrentIndex(0);
        QVERIFY(!next()->isEnabled());
        const QString other = m_in.region == QStringLiteral("eu-west-1")
            ? QStringLiteral("ap-south-1")
            : QStringLiteral("eu-west-1");
        combo->setCurrentIndex(combo->findData(other));
        auto *error = child<QLabel>(page, QStringLiteral("regionError"));
        QVERIFY(error->isVisibleTo(page));
        QVERIFY2(error->text().contains(QStringLiteral("creates memberships in ") + m_in.region),
            qPrintable(error->text()));
        QVERIFY(!next()->isEnabled());
        combo->setCurrentIndex(combo->findData(m_in.region));
        QVERIFY(!error->isVisibleTo(page));
        QVERIFY(next()->isEnabled());
        QVERIFY(child<QLabel>(page, QStringLiteral("regionWarningLabel"))
                    ->text()
                    .contains(QStringLiteral("cannot be changed")));
        snap(QStringLiteral("3-region"));
        clickNext(OnboardingWizard::ScopePageId);
    }

    void scope()
    {
        auto *page = qobject_cast<ui::ScopePage *>(m_wizard->currentPage());
        QVERIFY(page && page->treeModel());
        auto *model = page->treeModel();
        QVERIFY(waitFor([&] { return !model->isLoading() && model->rowCount() > 0; }, 30000));
        auto *count = child<QLabel>(page, QStringLiteral("accountsCoveredLabel"));
        QVERIFY2(count->text().contains(QString::number(model->loadedAccountCount())),
            qPrintable(count->text() + QStringLiteral(" / ")
                + QString::number(model->loadedAccountCount())));
        if (m_in.units.isEmpty()) {
            child<QRadioButton>(page, QStringLiteral("wholeOrganizationRadio"))->click();
            snap(QStringLiteral("4-scope"));
            clickNext(OnboardingWizard::TeamPageId);
            return;
        }
        child<QRadioButton>(page, QStringLiteral("organizationalUnitsRadio"))->click();
        auto *error = child<QLabel>(page, QStringLiteral("scopeError"));
        QVERIFY(!next()->isEnabled());
        QVERIFY(error->isVisibleTo(page));
        // Searching finds an OU by name anywhere in the tree.
        auto *search = child<QLineEdit>(page, QStringLiteral("organizationSearchEdit"));
        auto *tree = child<QTreeView>(page, QStringLiteral("organizationTree"));
        const QString wanted = model->nameOf(m_in.units.last());
        QVERIFY(!wanted.isEmpty());
        typeInto(search, wanted);
        QVERIFY(waitFor([&] { return !model->isLoading(); }));
        const auto matches = tree->model()->match(tree->model()->index(0, 0), Qt::DisplayRole,
            wanted, 1, Qt::MatchRecursive | Qt::MatchExactly);
        QCOMPARE(matches.size(), 1);
        search->clear();
        for (const QString &id : m_in.units) {
            const QModelIndex index = model->indexOf(id);
            QVERIFY2(index.isValid(), qPrintable(id));
            QVERIFY(model->setData(index, Qt::Checked, Qt::CheckStateRole));
        }
        QVERIFY(waitFor([&] { return !model->isLoading(); }));
        QCOMPARE(m_wizard->draft().organizationalUnits, m_in.units);
        QVERIFY(!error->isVisibleTo(page));
        QVERIFY(count->text().contains(QString::number(model->coveredAccountCount())));
        auto *batches = child<QLabel>(page, QStringLiteral("batchesLabel"));
        if (m_in.units.size() == 6) // a 6th OU goes into a second call
            QVERIFY2(batches->text().contains(QStringLiteral("2 calls (5 + 1)")),
                qPrintable(batches->text()));
        snap(QStringLiteral("4-scope"));
        clickNext(OnboardingWizard::TeamPageId);
    }

    void addResponder(QWidget *page, const QString &name, const QString &job, const QString &email)
    {
        typeInto(child<QLineEdit>(page, QStringLiteral("responderNameEdit")), name);
        typeInto(child<QLineEdit>(page, QStringLiteral("responderJobTitleEdit")), job);
        typeInto(child<QLineEdit>(page, QStringLiteral("responderEmailEdit")), email);
        auto *add = child<QPushButton>(page, QStringLiteral("addResponderButton"));
        QVERIFY2(add->isEnabled(), qPrintable(name + QLatin1Char(' ') + email));
        QTest::mouseClick(add, Qt::LeftButton);
    }

    void team()
    {
        QWizardPage *page = m_wizard->currentPage();
        auto *table = child<QTableWidget>(page, QStringLiteral("teamTable"));
        auto *add = child<QPushButton>(page, QStringLiteral("addResponderButton"));
        auto *teamError = child<QLabel>(page, QStringLiteral("teamError"));
        QVERIFY(table && add && teamError);
        if (m_in.invalidInputs) {
            // A 2-character name.
            typeInto(
                child<QLineEdit>(page, QStringLiteral("responderNameEdit")), QStringLiteral("Al"));
            typeInto(child<QLineEdit>(page, QStringLiteral("responderJobTitleEdit")),
                QStringLiteral("CISO"));
            typeInto(child<QLineEdit>(page, QStringLiteral("responderEmailEdit")),
                QStringLiteral("al@example.com"));
            auto *nameError = child<QLabel>(page, QStringLiteral("responderNameError"));
            QVERIFY(nameError->isVisibleTo(page));
            QVERIFY2(nameError->text().contains(QStringLiteral("3 to 50")),
                qPrintable(nameError->text()));
            QVERIFY(!add->isEnabled());
            // A bad e-mail.
            typeInto(child<QLineEdit>(page, QStringLiteral("responderNameEdit")),
                QStringLiteral("Alice Example"));
            typeInto(child<QLineEdit>(page, QStringLiteral("responderEmailEdit")),
                QStringLiteral("alice@@example"));
            auto *emailError = child<QLabel>(page, QStringLiteral("responderEmailError"));
            QVERIFY(emailError->isVisibleTo(page));
            QVERIFY2(emailError->text().contains(QStringLiteral("not valid")),
                qPrintable(emailError->text()));
            QVERIFY(!nameError->isVisibleTo(page));
            QVERIFY(!add->isEnabled());
            snap(QStringLiteral("5-team-invalid"));
        }
        addResponder(page, QStringLiteral("Alice Example"), QStringLiteral("CISO"),
            QStringLiteral("alice@example.com"));
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), QObject::tr("Primary"));
        if (m_in.invalidInputs) {
            // One contact is not enough.
            QVERIFY(teamError->isVisibleTo(page));
            QVERIFY2(teamError->text().contains(QStringLiteral("it has 1")),
                qPrintable(teamError->text()));
            QVERIFY(!next()->isEnabled());
            // The same e-mail twice is refused.
            typeInto(child<QLineEdit>(page, QStringLiteral("responderNameEdit")),
                QStringLiteral("Alice Again"));
            typeInto(child<QLineEdit>(page, QStringLiteral("responderJobTitleEdit")),
                QStringLiteral("CISO"));
            typeInto(child<QLineEdit>(page, QStringLiteral("responderEmailEdit")),
                QStringLiteral("ALICE@example.com"));
            QVERIFY(child<QLabel>(page, QStringLiteral("responderEmailError"))
                        ->text()
                        .contains(QStringLiteral("already on the team")));
            QVERIFY(!add->isEnabled());
            // Ten is the most; an eleventh cannot be added.
            for (int i = 2; i <= 10; ++i)
                addResponder(page, QStringLiteral("Responder %1").arg(i), QStringLiteral("Analyst"),
                    QStringLiteral("responder%1@example.com").arg(i));
            QCOMPARE(table->rowCount(), 10);
            QVERIFY(next()->isEnabled());
            typeInto(child<QLineEdit>(page, QStringLiteral("responderNameEdit")),
                QStringLiteral("Responder 11"));
            typeInto(child<QLineEdit>(page, QStringLiteral("responderJobTitleEdit")),
                QStringLiteral("Analyst"));
            typeInto(child<QLineEdit>(page, QStringLiteral("responderEmailEdit")),
                QStringLiteral("responder11@example.com"));
            QVERIFY(!add->isEnabled());
            QVERIFY2(teamError->text().contains(QStringLiteral("10 responders")),
                qPrintable(teamError->text()));
            QTest::mouseClick(add, Qt::LeftButton);
            QCOMPARE(table->rowCount(), 10);
            snap(QStringLiteral("5-team-full"));
            while (table->rowCount() > m_in.teamSize) {
                table->selectRow(table->rowCount() - 1);
                QTest::mouseClick(child<QPushButton>(page, QStringLiteral("removeResponderButton")),
                    Qt::LeftButton);
            }
            for (auto *e : page->findChildren<QLineEdit *>())
                e->clear();
        } else {
            for (int i = 2; i <= m_in.teamSize; ++i)
                addResponder(page, QStringLiteral("Responder %1").arg(i), QStringLiteral("Analyst"),
                    QStringLiteral("responder%1@example.com").arg(i));
        }
        QCOMPARE(table->rowCount(), m_in.teamSize);
        QCOMPARE(table->item(1, 0)->text(), QObject::tr("Secondary"));
        QVERIFY(!teamError->isVisibleTo(page));
        snap(QStringLiteral("5-team"));
        clickNext(OnboardingWizard::NameTagsPageId);
    }

    void nameAndTags()
    {
        QWizardPage *page = m_wizard->currentPage();
        auto *name = child<QLineEdit>(page, QStringLiteral("membershipNameEdit"));
        auto *nameError = child<QLabel>(page, QStringLiteral("membershipNameError"));
        auto *tags = child<QTableWidget>(page, QStringLiteral("tagsTable"));
        auto *tagsError = child<QLabel>(page, QStringLiteral("tagsError"));
        if (m_in.invalidInputs) {
            typeInto(name, QStringLiteral("ab"));
            QVERIFY(nameError->isVisibleTo(page));
            QVERIFY2(nameError->text().contains(QStringLiteral("3 to 50 characters; it has 2")),
                qPrintable(nameError->text()));
            QVERIFY(!next()->isEnabled());
            snap(QStringLiteral("6-name-invalid"));
        }
        typeInto(name, m_in.membershipName);
        QVERIFY(!nameError->isVisibleTo(page));
        QTest::mouseClick(child<QPushButton>(page, QStringLiteral("addTagButton")), Qt::LeftButton);
        const int row = tags->rowCount() - 1;
        if (m_in.invalidInputs) {
            tags->item(row, 0)->setText(QString(129, QLatin1Char('k')));
            QVERIFY(tagsError->isVisibleTo(page));
            QVERIFY2(tagsError->text().contains(QStringLiteral("Tag key")),
                qPrintable(tagsError->text()));
            QVERIFY(!next()->isEnabled());
        }
        tags->item(row, 0)->setText(QStringLiteral("team"));
        tags->item(row, 1)->setText(QStringLiteral("secops"));
        QVERIFY(!tagsError->isVisibleTo(page));
        snap(QStringLiteral("6-name-tags"));
        clickNext(OnboardingWizard::PermissionsPageId);
    }

    void permissions()
    {
        QWizardPage *page = m_wizard->currentPage();
        auto *consent = child<QCheckBox>(page, QStringLiteral("consentCheck"));
        auto *consentError = child<QLabel>(page, QStringLiteral("consentError"));
        consent->setChecked(false);
        QVERIFY(!next()->isEnabled()); // no consent, no Next
        QVERIFY(consentError->isVisibleTo(page));
        snap(QStringLiteral("7-permissions-no-consent"));
        consent->click();
        QVERIFY(consent->isChecked());
        QVERIFY(!consentError->isVisibleTo(page));
        QVERIFY(child<QCheckBox>(page, QStringLiteral("triageOptInCheck"))->isChecked());
        child<QCheckBox>(page, QStringLiteral("configureContainmentCheck"))
            ->setChecked(m_in.containment);
        snap(QStringLiteral("7-permissions"));
        clickNext(m_in.containment ? OnboardingWizard::ContainmentPageId
                                   : OnboardingWizard::SummaryPageId);
    }

    void containment()
    {
        if (!m_in.containment)
            return;
        QWizardPage *page = m_wizard->currentPage();
        auto *combo = child<QComboBox>(page, QStringLiteral("containmentCombo_ec2"));
        combo->setCurrentIndex(2);
        QVERIFY(m_wizard->draft().containment.value(QStringLiteral("ec2"))
            == onboarding::ContainmentPreference::PreAuthorised);
        snap(QStringLiteral("8-containment"));
        clickNext(OnboardingWizard::SummaryPageId);
    }

    void signUp()
    {
        QWizardPage *page = m_wizard->currentPage();
        auto *summary = child<QTextBrowser>(page, QStringLiteral("summaryText"));
        QVERIFY(summary->toPlainText().contains(m_in.membershipName));
        QVERIFY(summary->toPlainText().contains(m_in.region));
        snap(QStringLiteral("9-summary"));
        QVERIFY(!finish()->isEnabled());
        auto *button = child<QPushButton>(page, QStringLiteral("signUpButton"));
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        auto *report = child<QPlainTextEdit>(page, QStringLiteral("signUpReport"));
        QVERIFY(waitFor([&] { return report->isVisibleTo(page); }, 30000));
        QVERIFY2(finish()->isEnabled(), qPrintable(report->toPlainText()));
        QVERIFY(report->toPlainText().contains(QStringLiteral("Sign-up complete")));
        snap(QStringLiteral("9-signed-up"));
    }

    void run()
    {
        prerequisites();
        if (QTest::currentTestFailed())
            return;
        membershipAccount();
        if (QTest::currentTestFailed())
            return;
        region();
        if (QTest::currentTestFailed())
            return;
        scope();
        if (QTest::currentTestFailed())
            return;
        team();
        if (QTest::currentTestFailed())
            return;
        nameAndTags();
        if (QTest::currentTestFailed())
            return;
        permissions();
        if (QTest::currentTestFailed())
            return;
        containment();
        if (QTest::currentTestFailed())
            return;
        signUp();
    }

private:
    OnboardingWizard *m_wizard;
    QWidget *m_root;
    WizardInput m_in;
};

} // namespace warroom::test
