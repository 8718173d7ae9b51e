#include "PrerequisiteChecker.h"

#include "OrganizationSource.h"
#include "aws/OrganizationsClient.h"

using namespace Qt::StringLiterals;

namespace warroom::onboarding {

QString toString(Prerequisite::State state)
{
    switch (state) {
    case Prerequisite::State::Checking:
        return QObject::tr("Checking");
    case Prerequisite::State::Passed:
        return QObject::tr("Pass");
    case Prerequisite::State::Failed:
        return QObject::tr("Fail");
    case Prerequisite::State::Unknown:
        return QObject::tr("Unknown");
    case Prerequisite::State::NotCheckable:
        return QObject::tr("Check yourself");
    }
    return {};
}

PrerequisiteChecker::PrerequisiteChecker(OrganizationSource *source, QObject *parent)
    : QObject(parent)
    , m_source(source)
{
    const QString principal = aws::OrganizationsClient::securityIrPrincipal();
    m_results = {
        {u"managementAccount"_s, tr("Signed in to the Organizations management account"),
            Prerequisite::State::Checking, {},
            tr("Sign in with credentials of the management account (or run the wizard from "
               "the delegated administrator after the management account registered it).")},
        {u"allFeatures"_s, tr("AWS Organizations with all features"), Prerequisite::State::Checking,
            {},
            tr("In the Organizations console choose Settings > Enable all features, and have "
               "every member account approve it.")},
        {u"trustedAccess"_s, tr("Trusted access for %1").arg(principal),
            Prerequisite::State::Checking, {},
            tr("Run: aws organizations enable-aws-service-access --service-principal %1")
                .arg(principal)},
        {u"guardDuty"_s, tr("Amazon GuardDuty detector in this Region"),
            Prerequisite::State::Checking, {},
            tr("Enable GuardDuty (aws guardduty create-detector --enable), ideally "
               "organisation-wide from its delegated administrator.")},
        {u"securityHub"_s, tr("AWS Security Hub enabled"), Prerequisite::State::Checking, {},
            tr("Enable Security Hub (aws securityhub enable-security-hub) in the Regions you "
               "use.")},
        {u"scp"_s,
            tr("Service control policies allow security-ir:* and iam:CreateServiceLinkedRole"),
            Prerequisite::State::NotCheckable,
            tr("SCPs cannot be evaluated from here: check the policies attached to the root, "
               "the OUs and the membership account."),
            tr("Remove or amend any Deny on these actions for the membership account.")},
        {u"serviceLinkedRole"_s,
            tr("Service-linked role AWSServiceRoleForSecurityIncidentResponse"),
            Prerequisite::State::NotCheckable,
            tr("Created by the service during sign-up; it needs iam:CreateServiceLinkedRole "
               "in the management account."),
            tr("If sign-up fails with AccessDenied, create it: aws iam "
               "create-service-linked-role --aws-service-name %1")
                .arg(principal)},
    };
}

PrerequisiteChecker::~PrerequisiteChecker() = default;

const Prerequisite *PrerequisiteChecker::result(const QString &key) const
{
    for (const Prerequisite &p : m_results)
        if (p.key == key)
            return &p;
    return nullptr;
}

bool PrerequisiteChecker::nothingReachable() const
{
    if (isRunning())
        return false;
    for (const Prerequisite &p : m_results)
        if (p.state != Prerequisite::State::Unknown && p.state != Prerequisite::State::NotCheckable)
            return false;
    return true;
}

void PrerequisiteChecker::set(const QString &key, Prerequisite::State state, const QString &detail)
{
    for (Prerequisite &p : m_results)
        if (p.key == key) {
            p.state = state;
            p.detail = detail;
        }
    emit changed();
}

void PrerequisiteChecker::oneDone()
{
    if (--m_pending == 0)
        emit finished();
}

void PrerequisiteChecker::compareAccounts()
{
    if (m_callerAccount.isEmpty() || m_managementAccount.isEmpty())
        return;
    if (m_callerAccount == m_managementAccount)
        set(u"managementAccount"_s, Prerequisite::State::Passed,
            tr("Signed in to %1, the management account.").arg(m_callerAccount));
    else
        set(u"managementAccount"_s, Prerequisite::State::Failed,
            tr("Signed in to %1; the management account is %2.")
                .arg(m_callerAccount, m_managementAccount));
}

void PrerequisiteChecker::start()
{
    if (!m_source)
        return;
    const int generation = ++m_generation;
    for (Prerequisite &p : m_results)
        if (p.state != Prerequisite::State::NotCheckable) {
            p.state = Prerequisite::State::Checking;
            p.detail.clear();
        }
    m_callerAccount.clear();
    m_managementAccount.clear();
    m_pending = 5;
    emit changed();
    QPointer<PrerequisiteChecker> self(this);
    auto current = [self, generation] {
        return self && self->m_generation == generation;
    };
    auto unknown = [this](const QString &key, const aws::AwsError &error) {
        set(key, Prerequisite::State::Unknown, tr("Could not check: %1").arg(error.toString()));
    };

    m_source->callerAccount([=](const SourceResult<QString> &r) {
        if (!current())
            return;
        if (r.ok()) {
            m_callerAccount = r.value;
            compareAccounts();
        } else {
            unknown(u"managementAccount"_s, r.error);
        }
        oneDone();
    });
    m_source->describeOrganization([=](const SourceResult<OrganizationDescription> &r) {
        if (!current())
            return;
        if (r.ok()) {
            m_managementAccount = r.value.managementAccountId;
            compareAccounts();
            if (r.value.featureSet == "ALL"_L1)
                set(u"allFeatures"_s, Prerequisite::State::Passed,
                    tr("Organisation %1 has all features enabled.").arg(r.value.id));
            else
                set(u"allFeatures"_s, Prerequisite::State::Failed,
                    tr("Organisation %1 has only %2.").arg(r.value.id, r.value.featureSet));
        } else if (r.error.type == "AWSOrganizationsNotInUseException"_L1) {
            set(u"allFeatures"_s, Prerequisite::State::Failed,
                tr("This account is not in an organisation."));
            set(u"managementAccount"_s, Prerequisite::State::Failed,
                tr("This account is not in an organisation."));
        } else {
            unknown(u"allFeatures"_s, r.error);
        }
        oneDone();
    });
    m_source->serviceAccessPrincipals([=](const SourceResult<QStringList> &r) {
        if (!current())
            return;
        const QString principal = aws::OrganizationsClient::securityIrPrincipal();
        if (!r.ok())
            unknown(u"trustedAccess"_s, r.error);
        else if (r.value.contains(principal))
            set(u"trustedAccess"_s, Prerequisite::State::Passed,
                tr("Trusted access is enabled for %1.").arg(principal));
        else
            set(u"trustedAccess"_s, Prerequisite::State::Failed,
                tr("Trusted access is not enabled for %1.").arg(principal));
        oneDone();
    });
    m_source->guardDutyDetectors([=](const SourceResult<QStringList> &r) {
        if (!current())
            return;
        if (!r.ok())
            unknown(u"guardDuty"_s, r.error);
        else if (r.value.isEmpty())
            set(u"guardDuty"_s, Prerequisite::State::Failed, tr("No GuardDuty detector."));
        else
            set(u"guardDuty"_s, Prerequisite::State::Passed,
                tr("Detector %1.").arg(r.value.join(u", "_s)));
        oneDone();
    });
    m_source->securityHubEnabled([=](const SourceResult<bool> &r) {
        if (!current())
            return;
        if (!r.ok())
            unknown(u"securityHub"_s, r.error);
        else
            set(u"securityHub"_s,
                r.value ? Prerequisite::State::Passed : Prerequisite::State::Failed,
                r.value ? tr("Security Hub is enabled.") : tr("Security Hub is not enabled."));
        oneDone();
    });
}

} // namespace warroom::onboarding
