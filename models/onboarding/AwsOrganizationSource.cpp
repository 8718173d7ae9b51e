#include "AwsOrganizationSource.h"

#include <QtCore/QJsonArray>

using namespace Qt::StringLiterals;

namespace warroom::onboarding {

AwsOrganizationSource::AwsOrganizationSource(
    aws::AwsHttpClient *http, const aws::AwsClientConfig &config, QObject *parent)
    : OrganizationSource(parent)
    , m_http(http)
    , m_config(config)
    , m_organizations(http, config)
    , m_sts(http, config)
    , m_guardDuty(http, config)
    , m_securityHub(http, config)
{
}

AwsOrganizationSource::~AwsOrganizationSource() = default;

void AwsOrganizationSource::refreshKeys()
{
    if (m_keyProvider)
        m_http->setCredentials(m_keyProvider());
}

QString AwsOrganizationSource::description() const
{
    const QString where = m_config.endpointUrl.isEmpty()
        ? tr("AWS Organizations (%1)").arg(m_config.region)
        : tr("AWS Organizations at %1").arg(m_config.endpointUrl.toString());
    return m_note.isEmpty() ? where : tr("%1 (%2)").arg(where, m_note);
}

void AwsOrganizationSource::callerAccount(SourceCallback<QString> done)
{
    refreshKeys();
    m_sts.getCallerIdentity([done](const aws::AwsOutcome<aws::CallerIdentity> &outcome) {
        done({outcome.error, outcome.value.account});
    });
}

void AwsOrganizationSource::describeOrganization(SourceCallback<OrganizationDescription> done)
{
    refreshKeys();
    m_organizations.describeOrganization([done](const aws::AwsOutcome<QJsonObject> &outcome) {
        SourceResult<OrganizationDescription> result {outcome.error, {}};
        const QJsonObject o = outcome.json.value("Organization"_L1).toObject();
        result.value.id = o.value("Id"_L1).toString();
        result.value.managementAccountId = o.value("MasterAccountId"_L1).toString();
        result.value.featureSet = o.value("FeatureSet"_L1).toString();
        done(result);
    });
}

void AwsOrganizationSource::collect(const QString &operation, const QJsonObject &input,
    const QString &listKey, std::function<void(const aws::AwsError &, const QJsonArray &)> done)
{
    auto items = std::make_shared<QJsonArray>();
    m_organizations.paginateJson11(
        operation, input,
        [items, listKey](const QJsonObject &page) {
            for (const QJsonValue &v : page.value(listKey).toArray())
                items->append(v);
            return true;
        },
        [items, done](const aws::AwsError &error) { done(error, *items); });
}

namespace {

OrganizationEntry entryFrom(
    const QJsonObject &o, OrganizationEntry::Kind kind, const QString &parentId)
{
    OrganizationEntry entry;
    entry.kind = kind;
    entry.id = o.value("Id"_L1).toString();
    entry.name = o.value("Name"_L1).toString();
    entry.email = o.value("Email"_L1).toString();
    entry.parentId = parentId;
    return entry;
}

} // namespace

void AwsOrganizationSource::listRoots(SourceCallback<QList<OrganizationEntry>> done)
{
    refreshKeys();
    collect(
        u"ListRoots"_s, {}, u"Roots"_s, [done](const aws::AwsError &error, const QJsonArray &a) {
            SourceResult<QList<OrganizationEntry>> result {error, {}};
            for (const QJsonValue &v : a)
                result.value.append(entryFrom(v.toObject(), OrganizationEntry::Kind::Root, {}));
            done(result);
        });
}

void AwsOrganizationSource::listChildren(
    const QString &parentId, SourceCallback<QList<OrganizationEntry>> done)
{
    refreshKeys();
    const QJsonObject input {{"ParentId"_L1, parentId}};
    collect(u"ListOrganizationalUnitsForParent"_s, input, u"OrganizationalUnits"_s,
        [this, done, parentId, input](const aws::AwsError &error, const QJsonArray &units) {
            if (error.isError()) {
                done({error, {}});
                return;
            }
            collect(u"ListAccountsForParent"_s, input, u"Accounts"_s,
                [done, parentId, units](const aws::AwsError &error, const QJsonArray &accounts) {
                    SourceResult<QList<OrganizationEntry>> result {error, {}};
                    for (const QJsonValue &v : units)
                        result.value.append(entryFrom(
                            v.toObject(), OrganizationEntry::Kind::OrganizationalUnit, parentId));
                    for (const QJsonValue &v : accounts)
                        result.value.append(
                            entryFrom(v.toObject(), OrganizationEntry::Kind::Account, parentId));
                    done(result);
                });
        });
}

void AwsOrganizationSource::serviceAccessPrincipals(SourceCallback<QStringList> done)
{
    refreshKeys();
    collect(u"ListAWSServiceAccessForOrganization"_s, {}, u"EnabledServicePrincipals"_s,
        [done](const aws::AwsError &error, const QJsonArray &a) {
            SourceResult<QStringList> result {error, {}};
            for (const QJsonValue &v : a)
                result.value.append(v.toObject().value("ServicePrincipal"_L1).toString());
            done(result);
        });
}

void AwsOrganizationSource::delegatedAdministrators(
    const QString &servicePrincipal, SourceCallback<QStringList> done)
{
    refreshKeys();
    collect(u"ListDelegatedAdministrators"_s, {{"ServicePrincipal"_L1, servicePrincipal}},
        u"DelegatedAdministrators"_s, [done](const aws::AwsError &error, const QJsonArray &a) {
            SourceResult<QStringList> result {error, {}};
            for (const QJsonValue &v : a)
                result.value.append(v.toObject().value("Id"_L1).toString());
            done(result);
        });
}

void AwsOrganizationSource::registerDelegatedAdministrator(
    const QString &accountId, const QString &servicePrincipal, SourceCallback<bool> done)
{
    refreshKeys();
    m_organizations.registerDelegatedAdministrator(
        accountId, servicePrincipal, [done](const aws::AwsOutcome<QJsonObject> &outcome) {
            done({outcome.error, outcome.ok()});
        });
}

void AwsOrganizationSource::enableServiceAccess(
    const QString &servicePrincipal, SourceCallback<bool> done)
{
    refreshKeys();
    m_organizations.enableAwsServiceAccess(
        servicePrincipal, [done](const aws::AwsOutcome<QJsonObject> &outcome) {
            done({outcome.error, outcome.ok()});
        });
}

void AwsOrganizationSource::guardDutyDetectors(SourceCallback<QStringList> done)
{
    refreshKeys();
    m_guardDuty.listDetectors(QString(), [done](const aws::AwsOutcome<QJsonObject> &outcome) {
        SourceResult<QStringList> result {outcome.error, {}};
        for (const QJsonValue &v : outcome.json.value("detectorIds"_L1).toArray())
            result.value.append(v.toString());
        done(result);
    });
}

void AwsOrganizationSource::securityHubEnabled(SourceCallback<bool> done)
{
    refreshKeys();
    aws::AwsServiceClient::deliverJson(
        m_securityHub.callRestJson(u"DescribeHub"_s, "GET", "/accounts"),
        [done](const aws::AwsOutcome<QJsonObject> &outcome) {
            // Not subscribed answers InvalidAccessException: a "no", not a failure.
            const QString type = outcome.error.type;
            if (!outcome.ok()
                && (type == "InvalidAccessException"_L1 || type == "ResourceNotFoundException"_L1))
                done({{}, false});
            else
                done({outcome.error, outcome.ok()});
        });
}

} // namespace warroom::onboarding
