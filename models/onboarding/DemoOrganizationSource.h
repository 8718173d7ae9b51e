#pragma once

#include "OrganizationSource.h"

#include <QtCore/QSet>

namespace warroom::onboarding {

// The demo organisation (models/demo) behind the same interface, for the embedded
// backend and training mode. Registrations and trusted access live in memory until
// reset(), so a demonstration can be run again from the start.
class DemoOrganizationSource final : public OrganizationSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoOrganizationSource)

public:
    explicit DemoOrganizationSource(QObject *parent = nullptr);
    ~DemoOrganizationSource() override;

    // The account the demo is signed in to (the management account).
    static QString signedInAccountId();
    // The account the demo suggests as delegated administrator (security tooling).
    static QString suggestedDelegatedAdministrator();

    void reset();

    QString description() const override;
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
    // Answers from the event loop, as the network sources do.
    template<typename T> void later(SourceCallback<T> done, SourceResult<T> result);

    QStringList m_servicePrincipals;
    QHash<QString, QStringList> m_delegatedAdministrators; // principal -> accounts
};

} // namespace warroom::onboarding
