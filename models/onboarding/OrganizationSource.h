#pragma once

#include "aws/AwsError.h"

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <functional>

namespace warroom::onboarding {

// One entry of the organisation tree as AWS Organizations lists it.
struct OrganizationEntry final
{
    enum class Kind { Root, OrganizationalUnit, Account };
    Kind kind = Kind::Account;
    QString id; // r-xxxx, ou-xxxx-xxxxxxxx, 12 digits
    QString name;
    QString parentId;
    QString email; // accounts
};

struct OrganizationDescription final
{
    QString id;
    QString managementAccountId;
    QString featureSet; // "ALL" or "CONSOLIDATED_BILLING"
};

template<typename T> struct SourceResult
{
    aws::AwsError error;
    T value {};
    bool ok() const { return !error.isError(); }
};
template<typename T> using SourceCallback = std::function<void(const SourceResult<T> &)>;

// Where the wizard reads the organisation and its security services from: AWS
// (Organizations, STS, GuardDuty, Security Hub) or the demo organisation of the
// embedded backend. Every call answers once, later, from the event loop.
class OrganizationSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrganizationSource)

public:
    using QObject::QObject;
    ~OrganizationSource() override;

    // A sentence for the UI: "AWS (us-east-1)", "Demo organisation (training)".
    virtual QString description() const = 0;

    virtual void callerAccount(SourceCallback<QString> done) = 0;
    virtual void describeOrganization(SourceCallback<OrganizationDescription> done) = 0;
    virtual void listRoots(SourceCallback<QList<OrganizationEntry>> done) = 0;
    // OUs first, then accounts; every page.
    virtual void listChildren(
        const QString &parentId, SourceCallback<QList<OrganizationEntry>> done)
        = 0;
    virtual void serviceAccessPrincipals(SourceCallback<QStringList> done) = 0;
    virtual void delegatedAdministrators(
        const QString &servicePrincipal, SourceCallback<QStringList> done)
        = 0;
    virtual void registerDelegatedAdministrator(
        const QString &accountId, const QString &servicePrincipal, SourceCallback<bool> done)
        = 0;
    virtual void enableServiceAccess(const QString &servicePrincipal, SourceCallback<bool> done)
        = 0;
    // GuardDuty detector IDs in the client's Region.
    virtual void guardDutyDetectors(SourceCallback<QStringList> done) = 0;
    // Whether Security Hub is enabled (DescribeHub answers) in the client's Region.
    virtual void securityHubEnabled(SourceCallback<bool> done) = 0;
};

} // namespace warroom::onboarding
