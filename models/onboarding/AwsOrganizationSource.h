#pragma once

#include "OrganizationSource.h"

#include "aws/GuardDutyClient.h"
#include "aws/OrganizationsClient.h"
#include "aws/SecurityHubClient.h"
#include "aws/StsClient.h"

namespace warroom::onboarding {

// The organisation as AWS (or moto_server, with a custom endpoint) reports it.
class AwsOrganizationSource final : public OrganizationSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwsOrganizationSource)

public:
    AwsOrganizationSource(
        aws::AwsHttpClient *http, const aws::AwsClientConfig &config, QObject *parent = nullptr);
    ~AwsOrganizationSource() override;

    QString description() const override;
    // Added to the description in brackets ("signed with profile audit").
    void setNote(const QString &note) { m_note = note; }
    // Where the keys come from when they can change after construction (a backend whose
    // keys arrive from the OS keychain later): asked before every call.
    void setKeyProvider(std::function<aws::Credentials()> provider)
    {
        m_keyProvider = std::move(provider);
    }
    void callerAccount(SourceCallback<QString> done) override;
    void describeOrganization(SourceCallback<OrganizationDescription> done) override;
    void listRoots(SourceCallback<QList<OrganizationEntry>> done) override;
    void listChildren(
        const QString &parentId, SourceCallback<QList<OrganizationEntry>> done) override;
    void serviceAccessPrincipals(SourceCallback<QStringList> done) override;
    void delegatedAdministrators(
        const QString &servicePrincipal, SourceCallback<QStringList> done) override;
    void registerDelegatedAdministrator(const QString &accountId, const QString &servicePrincipal,
        SourceCallback<bool> done) override;
    void enableServiceAccess(const QString &servicePrincipal, SourceCallback<bool> done) override;
    void guardDutyDetectors(SourceCallback<QStringList> done) override;
    void securityHubEnabled(SourceCallback<bool> done) override;

private:
    // Every page of a JSON 1.1 list operation, collecting `listKey`'s items.
    void collect(const QString &operation, const QJsonObject &input, const QString &listKey,
        std::function<void(const aws::AwsError &, const QJsonArray &)> done);

    void refreshKeys();

    aws::AwsHttpClient *m_http;
    aws::AwsClientConfig m_config;
    QString m_note;
    std::function<aws::Credentials()> m_keyProvider;
    aws::OrganizationsClient m_organizations;
    aws::StsClient m_sts;
    aws::GuardDutyClient m_guardDuty;
    aws::SecurityHubClient m_securityHub;
};

} // namespace warroom::onboarding
