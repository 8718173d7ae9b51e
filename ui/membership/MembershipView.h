#pragma once

#include "aws/AwsError.h"
#include "domain/Membership.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace warroom::onboarding {
class MembershipService;
class OrganizationSource;
class OrganizationTreeModel;
} // namespace warroom::onboarding

namespace warroom::ui {

class FieldErrorLabel;
class ResponderEditor;

// The membership after sign-up: status, account, Region, team, opt-ins, scope and the
// accounts covered with their association status (BatchGetMemberAccountDetails). Edits
// go out as one UpdateMembership; cancel and undo cancellation ask first.
class MembershipView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MembershipView)

public:
    MembershipView(onboarding::MembershipService *service,
        onboarding::OrganizationSource *organization, QWidget *parent = nullptr);
    ~MembershipView() override;

    // Loads the account's membership (the active one, else the newest).
    void refresh();
    QString membershipId() const { return m_membership.membershipId; }
    const domain::Membership &membership() const { return m_membership; }
    // A call is out, or the organisation is still loading.
    bool isBusy() const;

    void save();
    void cancelMembership();
    void undoCancellation();

signals:
    // A membership was loaded (empty ID: the account has none).
    void loaded(const QString &membershipId);
    void busyChanged(bool busy);

private:
    void load(const QString &membershipId);
    void show(const domain::Membership &membership);
    void loadAccounts();
    void fillAccounts();
    void validateEdits();
    void setMessage(const QString &text, bool error = false);
    void setBusy(bool busy);
    // The end of a call that changed the membership: the error, or `success` and a reload.
    void finishCall(const aws::AwsError &error, const QString &operation, const QString &success,
        const QString &membershipId);

    QPointer<onboarding::MembershipService> m_service;
    QPointer<onboarding::OrganizationSource> m_organization;
    onboarding::OrganizationTreeModel *m_tree = nullptr;
    domain::Membership m_membership;
    QHash<QString, QPair<QString, QString>> m_accountStatus; // id -> status, type
    QHash<QString, QString> m_accountErrors;

    QLabel *m_status = nullptr;
    QLabel *m_account = nullptr;
    QLabel *m_region = nullptr;
    QLabel *m_arn = nullptr;
    QLabel *m_covered = nullptr;
    QLabel *m_scope = nullptr;
    QLineEdit *m_name = nullptr;
    FieldErrorLabel *m_nameError = nullptr;
    QCheckBox *m_triage = nullptr;
    QCheckBox *m_wholeOrganization = nullptr;
    QLineEdit *m_addUnits = nullptr;
    QLineEdit *m_removeUnits = nullptr;
    FieldErrorLabel *m_addUnitsError = nullptr;
    FieldErrorLabel *m_removeUnitsError = nullptr;
    ResponderEditor *m_team = nullptr;
    QTableWidget *m_accounts = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_undo = nullptr;
    QPushButton *m_refresh = nullptr;
    QLabel *m_message = nullptr;
    int m_busy = 0;
};

} // namespace warroom::ui
