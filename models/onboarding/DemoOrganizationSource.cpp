#include "DemoOrganizationSource.h"

#include "demo/DemoOrganization.h"

#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace warroom::onboarding {

namespace {

const demo::DemoOrganization &organization()
{
    return demo::DemoOrganization::standard();
}

aws::AwsError serviceError(const QString &type, const QString &message)
{
    aws::AwsError error;
    error.kind = aws::AwsError::Kind::Service;
    error.type = type;
    error.message = message;
    error.httpStatus = 400;
    return error;
}

} // namespace

DemoOrganizationSource::DemoOrganizationSource(QObject *parent)
    : OrganizationSource(parent)
{
    reset();
}

DemoOrganizationSource::~DemoOrganizationSource() = default;

QString DemoOrganizationSource::signedInAccountId()
{
    return organization().managementAccountId();
}

QString DemoOrganizationSource::suggestedDelegatedAdministrator()
{
    for (const auto &account : organization().accounts())
        if (account.role == "security"_L1)
            return account.id;
    return organization().managementAccountId();
}

void DemoOrganizationSource::reset()
{
    // GuardDuty and Security Hub are on; trusted access is not yet, so the first page
    // has something to show and fix.
    m_servicePrincipals = {u"guardduty.amazonaws.com"_s, u"securityhub.amazonaws.com"_s};
    m_delegatedAdministrators.clear();
}

QString DemoOrganizationSource::description() const
{
    return tr("Demo organisation %1 (embedded, nothing leaves this computer)")
        .arg(organization().organizationId());
}

template<typename T>
void DemoOrganizationSource::later(SourceCallback<T> done, SourceResult<T> result)
{
    QTimer::singleShot(0, this, [done, result] { done(result); });
}

void DemoOrganizationSource::callerAccount(SourceCallback<QString> done)
{
    later<QString>(done, {{}, signedInAccountId()});
}

void DemoOrganizationSource::describeOrganization(SourceCallback<OrganizationDescription> done)
{
    later<OrganizationDescription>(done,
        {{}, {organization().organizationId(), organization().managementAccountId(), u"ALL"_s}});
}

void DemoOrganizationSource::listRoots(SourceCallback<QList<OrganizationEntry>> done)
{
    const auto &root = organization().units().first();
    later<QList<OrganizationEntry>>(
        done, {{}, {{OrganizationEntry::Kind::Root, root.id, root.name, {}, {}}}});
}

void DemoOrganizationSource::listChildren(
    const QString &parentId, SourceCallback<QList<OrganizationEntry>> done)
{
    QList<OrganizationEntry> entries;
    for (const auto &unit : organization().childUnits(parentId))
        entries.append(
            {OrganizationEntry::Kind::OrganizationalUnit, unit.id, unit.name, parentId, {}});
    for (const auto &account : organization().accountsIn(parentId))
        entries.append(
            {OrganizationEntry::Kind::Account, account.id, account.name, parentId, account.email});
    bool known = false;
    for (const auto &unit : organization().units())
        known = known || unit.id == parentId;
    if (!known) {
        later<QList<OrganizationEntry>>(done,
            {serviceError(u"ParentNotFoundException"_s,
                 tr("No root or organisational unit has the ID %1.").arg(parentId)),
                {}});
        return;
    }
    later<QList<OrganizationEntry>>(done, {{}, entries});
}

void DemoOrganizationSource::serviceAccessPrincipals(SourceCallback<QStringList> done)
{
    later<QStringList>(done, {{}, m_servicePrincipals});
}

void DemoOrganizationSource::delegatedAdministrators(
    const QString &servicePrincipal, SourceCallback<QStringList> done)
{
    later<QStringList>(done, {{}, m_delegatedAdministrators.value(servicePrincipal)});
}

void DemoOrganizationSource::registerDelegatedAdministrator(
    const QString &accountId, const QString &servicePrincipal, SourceCallback<bool> done)
{
    if (!organization().account(accountId)) {
        later<bool>(done,
            {serviceError(u"AccountNotFoundException"_s,
                 tr("Account %1 is not in the organisation.").arg(accountId)),
                false});
        return;
    }
    if (accountId == organization().managementAccountId()) {
        later<bool>(done,
            {serviceError(u"ConstraintViolationException"_s,
                 tr("The management account cannot be its own delegated administrator.")),
                false});
        return;
    }
    QStringList &accounts = m_delegatedAdministrators[servicePrincipal];
    if (accounts.contains(accountId)) {
        later<bool>(done,
            {serviceError(u"AccountAlreadyRegisteredException"_s,
                 tr("Account %1 is already a delegated administrator for %2.")
                     .arg(accountId, servicePrincipal)),
                false});
        return;
    }
    accounts.append(accountId);
    if (!m_servicePrincipals.contains(servicePrincipal))
        m_servicePrincipals.append(servicePrincipal);
    later<bool>(done, {{}, true});
}

void DemoOrganizationSource::enableServiceAccess(
    const QString &servicePrincipal, SourceCallback<bool> done)
{
    if (!m_servicePrincipals.contains(servicePrincipal))
        m_servicePrincipals.append(servicePrincipal);
    later<bool>(done, {{}, true});
}

void DemoOrganizationSource::guardDutyDetectors(SourceCallback<QStringList> done)
{
    later<QStringList>(done, {{}, {u"6ec5ab3d1c2f4e0a9b8d7c6e5f4a3b2c"_s}});
}

void DemoOrganizationSource::securityHubEnabled(SourceCallback<bool> done)
{
    later<bool>(done, {{}, true});
}

} // namespace warroom::onboarding
