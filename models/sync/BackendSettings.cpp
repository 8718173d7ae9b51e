#include "BackendSettings.h"

#include "EmbeddedBackend.h"
#include "HttpBackend.h"
#include "SyncEngine.h"

#include "aws/CredentialChain.h"
#include "store/Database.h"
#include "store/SettingsRepository.h"
#include "store/Workspace.h"

#include <QDir>

namespace warroom::sync {

using namespace Qt::StringLiterals;

namespace {

const QString KindKey = u"sync.backend"_s;
const QString UrlKey = u"sync.serverUrl"_s;
const QString RegionKey = u"sync.region"_s;
const QString ProfileKey = u"sync.profile"_s;
const QString KeychainKey = u"sync.keychainEntry"_s;
const QString CaBundleKey = u"sync.caBundle"_s;
const QString OrganizationsEndpointKey = u"sync.organizationsEndpoint"_s;
const QString OrganizationsProfileKey = u"sync.organizationsProfile"_s;

QString readSetting(store::Database &database, const QString &key)
{
    return store::SettingsRepository::read(database, key).value_or(QString());
}

} // namespace

QString BackendSettings::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Embedded:
        return u"embedded"_s;
    case Kind::Server:
        return u"server"_s;
    case Kind::Aws:
        return u"aws"_s;
    }
    return {};
}

BackendSettings BackendSettings::load(store::Database &database)
{
    BackendSettings settings;
    const QString kind = readSetting(database, KindKey);
    if (kind == u"server"_s)
        settings.kind = Kind::Server;
    else if (kind == u"aws"_s)
        settings.kind = Kind::Aws;
    settings.serverUrl = QUrl(readSetting(database, UrlKey));
    const QString region = readSetting(database, RegionKey);
    if (!region.isEmpty())
        settings.region = region;
    settings.profile = readSetting(database, ProfileKey);
    settings.keychainEntry = readSetting(database, KeychainKey);
    settings.caBundle = readSetting(database, CaBundleKey);
    settings.organizationsEndpoint = QUrl(readSetting(database, OrganizationsEndpointKey));
    settings.organizationsProfile = readSetting(database, OrganizationsProfileKey);
    return settings;
}

bool BackendSettings::save(store::Database &database, QString *error) const
{
    const QString bad = problem();
    if (!bad.isEmpty()) {
        if (error)
            *error = bad;
        return false;
    }
    return store::SettingsRepository::write(database,
        {{KindKey, kindName(kind)}, {UrlKey, serverUrl.toString()}, {RegionKey, region},
            {ProfileKey, profile}, {KeychainKey, keychainEntry}, {CaBundleKey, caBundle},
            {OrganizationsEndpointKey, organizationsEndpoint.toString()},
            {OrganizationsProfileKey, organizationsProfile}},
        error);
}

QString BackendSettings::problem() const
{
    if (kind == Kind::Server) {
        if (!serverUrl.isValid() || serverUrl.host().isEmpty()
            || (serverUrl.scheme() != u"http"_s && serverUrl.scheme() != u"https"_s))
            return QObject::tr("Server URL: \"%1\" is not an http:// or https:// address with a "
                               "host, such as http://127.0.0.1:8080.")
                .arg(serverUrl.toString());
    }
    if (kind != Kind::Embedded && !organizationsEndpoint.isEmpty()
        && (!organizationsEndpoint.isValid() || organizationsEndpoint.host().isEmpty()
            || (organizationsEndpoint.scheme() != u"http"_s
                && organizationsEndpoint.scheme() != u"https"_s)))
        return QObject::tr("Organizations endpoint URL: \"%1\" is not an http:// or https:// "
                           "address with a host; leave it empty for AWS Organizations itself.")
            .arg(organizationsEndpoint.toString());
    if (kind == Kind::Aws && region.trimmed().isEmpty())
        return QObject::tr("Region: choose the AWS Region of your Security Incident Response "
                           "membership, such as us-east-1.");
    return {};
}

std::unique_ptr<CaseBackend> createBackend(const BackendSettings &settings,
    const QString &workspaceDirectory, QString *error, const std::optional<aws::Credentials> &keys)
{
    const QString bad = settings.problem();
    if (!bad.isEmpty()) {
        *error = bad;
        return {};
    }
    if (settings.kind == BackendSettings::Kind::Embedded)
        return EmbeddedBackend::open(
            QDir(workspaceDirectory).filePath(EmbeddedBackend::defaultFileName()), error);
    aws::Credentials credentials;
    if (keys) {
        credentials = *keys;
    } else if (settings.keychainEntry.isEmpty()) {
        const aws::CredentialResolution chain = aws::CredentialChain().resolve(settings.profile);
        if (!chain.isValid()) {
            *error = chain.error.isEmpty() ? QObject::tr("No AWS keys found (looked at: %1).")
                                                 .arg(chain.attempts.join(u"; "_s))
                                           : chain.error;
            return {};
        }
        credentials = *chain.credentials;
    }
    const QUrl url = settings.kind == BackendSettings::Kind::Server ? settings.serverUrl : QUrl();
    auto backend = std::make_unique<HttpBackend>(url, settings.region, credentials);
    const QString caBundle
        = settings.caBundle.isEmpty() ? qEnvironmentVariable("AWS_CA_BUNDLE") : settings.caBundle;
    if (!caBundle.isEmpty() && !backend->loadCaBundle(caBundle, error))
        return {};
    return backend;
}

std::unique_ptr<SyncEngine> createSyncEngine(store::Workspace &workspace, QString *error)
{
    auto backend
        = createBackend(BackendSettings::load(workspace.database()), workspace.directory(), error);
    if (!backend)
        return {};
    return std::make_unique<SyncEngine>(workspace, std::move(backend));
}

} // namespace warroom::sync
