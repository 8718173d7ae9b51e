#pragma once

#include "onboarding/OnboardingDraft.h"

#include <QWizardPage>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSortFilterProxyModel;
class QTableWidget;
class QTextBrowser;
class QTreeView;
class QTreeWidget;

namespace warroom::onboarding {
class OrganizationTreeModel;
class PrerequisiteChecker;
class SignUpRunner;
} // namespace warroom::onboarding

// The nine pages of OnboardingWizard. Each reads and writes the wizard's draft.
namespace warroom::ui {

class FieldErrorLabel;
class OnboardingWizard;
class ResponderEditor;

class OnboardingPage : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnboardingPage)

public:
    using QWizardPage::QWizardPage;

protected:
    OnboardingWizard *onboardingWizard() const;
    onboarding::OnboardingDraft &draft() const;
};

class PrerequisitesPage final : public OnboardingPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrerequisitesPage)

public:
    explicit PrerequisitesPage(QWidget *parent = nullptr);
    void initializePage() override;
    int nextId() const override;
    onboarding::PrerequisiteChecker *checker() const { return m_checker; }

private:
    void refresh();
    void fitRows();
    onboarding::PrerequisiteChecker *m_checker = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QLabel *m_unreachableLabel = nullptr;
    QLabel *m_resumeLabel = nullptr;
    QPushButton *m_recheck = nullptr;
    QPushButton *m_enableAccess = nullptr;
};

class MembershipAccountPage final : public OnboardingPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MembershipAccountPage)

public:
    explicit MembershipAccountPage(QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

private:
    void update();
    void updateKeys();
    void registerAccount();
    void checkKeys();
    QGroupBox *m_keysBox = nullptr;
    // One widget per row, shown or hidden as a whole (QFormLayout::setRowVisible writes
    // out of bounds in Qt 6.4.2).
    QWidget *m_sourceRow = nullptr;
    QWidget *m_roleRow = nullptr;
    QWidget *m_profileRow = nullptr;
    QWidget *m_keyIdRow = nullptr;
    QWidget *m_secretRow = nullptr;
    QComboBox *m_keySourceCombo = nullptr;
    QLineEdit *m_roleEdit = nullptr;
    QComboBox *m_keysProfileCombo = nullptr;
    QLineEdit *m_keyIdEdit = nullptr;
    QLineEdit *m_secretEdit = nullptr;
    QPushButton *m_checkKeysButton = nullptr;
    QLabel *m_keysStatusLabel = nullptr;
    QString m_keysCheckedFor; // the account the last check (or the one running) was for
    bool m_keysChecking = false;
    QRadioButton *m_delegated = nullptr;
    QRadioButton *m_signedIn = nullptr;
    QLineEdit *m_accountEdit = nullptr;
    FieldErrorLabel *m_accountError = nullptr;
    QPushButton *m_registerButton = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_signedInLabel = nullptr;
    QStringList m_registered; // as listed by the organisation, plus m_registeredHere
    QStringList m_registeredHere; // registered from this page (a slower list may miss them)
    QString m_registerError;
    QString m_registerErrorFor;
};

class RegionPage final : public OnboardingPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionPage)

public:
    explicit RegionPage(QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;

private:
    QString regionError() const;
    QComboBox *m_combo = nullptr;
    FieldErrorLabel *m_error = nullptr;
    QLabel *m_servedLabel = nullptr;
};

class ScopePage final : public OnboardingPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScopePage)

public:
    explicit ScopePage(QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    onboarding::OrganizationTreeModel *treeModel() const { return m_model; }

private:
    void update();
    QRadioButton *m_whole = nullptr;
    QRadioButton *m_units = nullptr;
    QLineEdit *m_search = nullptr;
    QTreeView *m_tree = nullptr;
    onboarding::OrganizationTreeModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_batchesLabel = nullptr;
    FieldErrorLabel *m_error = nullptr;
};

class TeamPage final : public OnboardingPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TeamPage)

public:
    explicit TeamPage(QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;

private:
    ResponderEditor *m_editor = nullptr;
};

class NameTagsPage final : public OnboardingPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NameTagsPage)

public:
    explicit NameTagsPage(QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;

private:
    void update();
    QLineEdit *m_name = nullptr;
    FieldErrorLabel *m_nameError = nullptr;
    QTableWidget *m_tags = nullptr;
    FieldErrorLabel *m_tagsError = nullptr;
    bool m_loading = false;
};

class PermissionsPage final : public OnboardingPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PermissionsPage)

public:
    explicit PermissionsPage(QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

private:
    QCheckBox *m_triage = nullptr;
    QCheckBox *m_consent = nullptr;
    QCheckBox *m_containment = nullptr;
    FieldErrorLabel *m_consentError = nullptr;
};

class ContainmentPage final : public OnboardingPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainmentPage)

public:
    explicit ContainmentPage(QWidget *parent = nullptr);
    void initializePage() override;

private:
    QList<QComboBox *> m_combos;
};

class SummaryPage final : public OnboardingPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryPage)

public:
    explicit SummaryPage(QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    void signUp();

private:
    QString summaryHtml() const;
    QTextBrowser *m_summary = nullptr;
    QPushButton *m_signUp = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QPlainTextEdit *m_report = nullptr;
    onboarding::SignUpRunner *m_runner = nullptr;
    bool m_complete = false;
};

} // namespace warroom::ui
