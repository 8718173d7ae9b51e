#include "BackendOrganization.h"

#include "AwsOrganizationSource.h"
#include "DemoOrganizationSource.h"

#include "aws/AwsHttpClient.h"
#include "aws/CredentialChain.h"
#include "caseservice/CaseService.h"
#include "sync/EmbeddedBackend.h"
#include "sync/HttpBackend.h"

#include <QtCore/QPointer>

using namespace Qt::StringLiterals;

namespace warroom::onboarding {

aws::Credentials backendCredentials(sync::CaseBackend *backend)
{
    if (auto *http = qobject_cast<sync::HttpBackend *>(backend))
        return http->credentials();
    return {};
}

namespace {

// The Organizations profile's keys when one is set, else the backend's; `note` says which.
aws::Credentials organizationKeys(
    const sync::BackendSettings &settings, sync::CaseBackend *backend, QString *note)
{
    if (settings.organizationsProfile.isEmpty()) {
        *note = QObject::tr("signed with the backend's keys");
        return backendCredentials(backend);
    }
    const aws::CredentialResolution chain
        = aws::CredentialChain().resolve(settings.organizationsProfile);
    *note = chain.isValid()
        ? QObject::tr("signed with profile %1").arg(settings.organizationsProfile)
        : QObject::tr("no keys: profile %1 could not be read (%2)")
              .arg(settings.organizationsProfile, chain.error);
    return chain.isValid() ? *chain.credentials : aws::Credentials();
}

} // namespace

DelegatedTarget delegatedTargetFor(
    const sync::BackendSettings &settings, sync::CaseBackend *backend)
{
    DelegatedTarget target;
    target.region = settings.region;
    target.caBundle = settings.caBundle;
    if (auto *embedded = qobject_cast<sync::EmbeddedBackend *>(backend)) {
        target.kind = DelegatedTarget::Kind::Embedded;
        target.embeddedAccountId = embedded->service().config().accountId;
        return target;
    }
    if (settings.kind == sync::BackendSettings::Kind::Server) {
        target.kind = DelegatedTarget::Kind::Server;
        target.securityIrEndpoint = settings.serverUrl;
        return target;
    }
    target.kind = DelegatedTarget::Kind::Aws;
    target.stsEndpoint = settings.organizationsEndpoint;
    QString note;
    target.baseKeys = organizationKeys(settings, backend, &note);
    if (settings.organizationsProfile.isEmpty()) {
        QPointer<sync::CaseBackend> from(backend);
        target.baseKeysProvider = [from] {
            return backendCredentials(from);
        };
    }
    return target;
}

OrganizationSource *createOrganizationSource(
    const sync::BackendSettings &settings, sync::CaseBackend *backend, QObject *parent)
{
    if (settings.kind == sync::BackendSettings::Kind::Embedded)
        return new DemoOrganizationSource(parent);
    QString keysNote;
    const aws::Credentials keys = organizationKeys(settings, backend, &keysNote);
    aws::AwsClientConfig config;
    config.region = settings.region;
    config.endpointUrl = settings.organizationsEndpoint;
    auto *http = new aws::AwsHttpClient;
    http->setCredentials(keys);
    http->setTransferTimeout(std::chrono::seconds(20));
    // An HTTPS emulator may use the backend's private CA; AWS itself uses the system's.
    if (!settings.organizationsEndpoint.isEmpty() && !settings.caBundle.isEmpty())
        http->loadCaBundle(settings.caBundle, nullptr);
    auto *source = new AwsOrganizationSource(http, config, parent);
    http->setParent(source); // the clients only use it while the source lives
    source->setNote(keysNote);
    if (settings.organizationsProfile.isEmpty()) {
        // The backend's keys may arrive from the keychain after the page is made.
        QPointer<sync::CaseBackend> from(backend);
        source->setKeyProvider([from] { return backendCredentials(from); });
    }
    return source;
}

} // namespace warroom::onboarding
