#include "CredentialChain.h"

#include "AwsConfigFile.h"
#include "AwsLogging.h"
#include "CredentialProcess.h"
#include "KeychainCredentialStore.h"

#include <QtCore/QDir>
#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace warroom::aws {

namespace {

QString envValue(const QProcessEnvironment &environment, const QString &name)
{
    return environment.value(name).trimmed();
}

bool isRegionName(const QString &region)
{
    static const QRegularExpression pattern(u"^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$"_s);
    return pattern.match(region).hasMatch();
}

} // namespace

CredentialChain::CredentialChain(QProcessEnvironment environment)
    : m_environment(std::move(environment))
{
}

void CredentialChain::setCredentialProcessTimeout(std::chrono::milliseconds timeout)
{
    m_processTimeout = timeout;
}

QString CredentialChain::profileName(const QString &explicitProfile) const
{
    if (!explicitProfile.trimmed().isEmpty())
        return explicitProfile.trimmed();
    for (const QString &variable : {u"AWS_PROFILE"_s, u"AWS_DEFAULT_PROFILE"_s}) {
        const QString value = envValue(m_environment, variable);
        if (!value.isEmpty())
            return value;
    }
    return u"default"_s;
}

QString CredentialChain::expandHome(const QString &path) const
{
    const QString home = m_environment.value(u"HOME"_s, QDir::homePath());
    if (path == u"~"_s)
        return home;
    if (path.startsWith(u"~/"_s))
        return home + path.mid(1);
    return path;
}

QString CredentialChain::displayPath(const QString &path) const
{
    const QString home = QDir::cleanPath(m_environment.value(u"HOME"_s, QDir::homePath()));
    const QString clean = QDir::cleanPath(path);
    if (!home.isEmpty() && home != u"/"_s && clean.startsWith(home + u'/'))
        return u'~' + clean.mid(home.size());
    return clean;
}

QString CredentialChain::credentialsFilePath() const
{
    const QString overridden = envValue(m_environment, u"AWS_SHARED_CREDENTIALS_FILE"_s);
    return expandHome(overridden.isEmpty() ? u"~/.aws/credentials"_s : overridden);
}

QString CredentialChain::configFilePath() const
{
    const QString overridden = envValue(m_environment, u"AWS_CONFIG_FILE"_s);
    return expandHome(overridden.isEmpty() ? u"~/.aws/config"_s : overridden);
}

QStringList CredentialChain::availableProfiles() const
{
    QStringList names
        = AwsConfigFile::load(credentialsFilePath(), AwsConfigFile::Kind::Credentials).profiles();
    for (const QString &name :
        AwsConfigFile::load(configFilePath(), AwsConfigFile::Kind::Config).profiles()) {
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

CredentialResolution CredentialChain::fromEnvironment() const
{
    CredentialResolution result;
    const QString accessKey = envValue(m_environment, u"AWS_ACCESS_KEY_ID"_s);
    const QString secret = envValue(m_environment, u"AWS_SECRET_ACCESS_KEY"_s);
    if (accessKey.isEmpty() && secret.isEmpty()) {
        result.attempts.append(
            u"environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"_s);
        return result;
    }
    if (accessKey.isEmpty() || secret.isEmpty()) {
        result.error = accessKey.isEmpty()
            ? u"AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"_s
            : u"AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"_s;
        result.attempts.append(u"environment: "_s + result.error);
        return result;
    }
    Credentials credentials;
    credentials.accessKeyId = accessKey;
    credentials.secretAccessKey = secret;
    credentials.sessionToken = envValue(m_environment, u"AWS_SESSION_TOKEN"_s);
    if (credentials.sessionToken.isEmpty()) // the name older SDKs used
        credentials.sessionToken = envValue(m_environment, u"AWS_SECURITY_TOKEN"_s);
    const QString expiration = envValue(m_environment, u"AWS_CREDENTIAL_EXPIRATION"_s);
    if (!expiration.isEmpty())
        credentials.expiration = QDateTime::fromString(expiration, Qt::ISODate);
    credentials.source = u"environment"_s;
    result.attempts.append(u"environment: found "_s + credentials.redacted());
    result.credentials = std::move(credentials);
    return result;
}

CredentialResolution CredentialChain::fromProfile(const QString &profile, bool required) const
{
    CredentialResolution result;
    const AwsConfigFile credentialsFile
        = AwsConfigFile::load(credentialsFilePath(), AwsConfigFile::Kind::Credentials);
    const AwsConfigFile configFile
        = AwsConfigFile::load(configFilePath(), AwsConfigFile::Kind::Config);
    for (const AwsConfigFile *file : {&credentialsFile, &configFile}) {
        if (!file->error().isEmpty()) // a malformed line is reported, the rest is used
            result.attempts.append(displayPath(file->path()) + u": "_s + file->error());
    }
    if (!credentialsFile.hasProfile(profile) && !configFile.hasProfile(profile)) {
        const QString message = u"profile %1 is in neither %2 nor %3"_s.arg(
            profile, displayPath(credentialsFile.path()), displayPath(configFile.path()));
        if (required)
            result.error = message;
        result.attempts.append(message);
        return result;
    }

    // Static keys: a half-set pair is an error, as in the AWS CLI.
    auto staticKeys = [&](const AwsConfigFile &file) -> bool {
        const QHash<QString, QString> values = file.profile(profile);
        const QString accessKey = values.value(u"aws_access_key_id"_s);
        const QString secret = values.value(u"aws_secret_access_key"_s);
        const QString where = u"profile %1 in %2"_s.arg(profile, displayPath(file.path()));
        if (accessKey.isEmpty() && secret.isEmpty()) {
            if (file.hasProfile(profile))
                result.attempts.append(where + u": no aws_access_key_id"_s);
            return false;
        }
        if (accessKey.isEmpty() || secret.isEmpty()) {
            result.error = where
                + (accessKey.isEmpty() ? u" has aws_secret_access_key but no aws_access_key_id"_s
                                       : u" has aws_access_key_id but no aws_secret_access_key"_s);
            result.attempts.append(result.error);
            return true;
        }
        Credentials credentials;
        credentials.accessKeyId = accessKey;
        credentials.secretAccessKey = secret;
        credentials.sessionToken = values.value(u"aws_session_token"_s);
        if (credentials.sessionToken.isEmpty())
            credentials.sessionToken = values.value(u"aws_security_token"_s);
        credentials.source = where;
        result.attempts.append(where + u": found "_s + credentials.redacted());
        result.credentials = std::move(credentials);
        return true;
    };

    if (staticKeys(credentialsFile))
        return result;

    // credential_process, from either file (the credentials file wins).
    QString process = credentialsFile.profile(profile).value(u"credential_process"_s);
    const AwsConfigFile *processFile = &credentialsFile;
    if (process.isEmpty()) {
        process = configFile.profile(profile).value(u"credential_process"_s);
        processFile = &configFile;
    }
    if (!process.isEmpty()) {
        const QString where = u"credential_process of profile %1 in %2"_s.arg(
            profile, displayPath(processFile->path()));
        qCInfo(lcAws) << "running" << where;
        CredentialProcess::Result run
            = CredentialProcess::run(process, m_processTimeout, m_environment);
        if (!run.credentials) {
            result.error = where + u": "_s + run.error;
            result.attempts.append(result.error);
            return result;
        }
        run.credentials->source = where;
        result.attempts.append(where + u": found "_s + run.credentials->redacted());
        result.credentials = std::move(run.credentials);
        return result;
    }

    if (staticKeys(configFile))
        return result;

    // Profiles that need an STS or SSO call: say so instead of "no keys".
    for (const QString &key :
        {u"role_arn"_s, u"sso_session"_s, u"sso_start_url"_s, u"web_identity_token_file"_s}) {
        for (const AwsConfigFile *file : {&credentialsFile, &configFile}) {
            if (file->profile(profile).contains(key)) {
                result.error = u"profile %1 in %2 uses %3, which Warroom cannot resolve itself; "
                               "set credential_process = aws configure export-credentials "
                               "--profile %1 --format process"_s.arg(
                                   profile, displayPath(file->path()), key);
                result.attempts.append(result.error);
                return result;
            }
        }
    }
    return result;
}

CredentialResolution CredentialChain::resolve(const QString &explicitProfile) const
{
    CredentialResolution result;
    const bool hasExplicit = !explicitProfile.trimmed().isEmpty();
    if (hasExplicit) {
        result.attempts.append(u"environment: skipped, profile %1 was chosen explicitly"_s.arg(
            explicitProfile.trimmed()));
    } else {
        result = fromEnvironment();
        if (result.credentials || !result.error.isEmpty())
            return result;
    }
    const QString profile = profileName(explicitProfile);
    // A profile someone named must exist; the implicit "default" need not.
    const bool required = hasExplicit || profile != u"default"_s;
    CredentialResolution fromFiles = fromProfile(profile, required);
    result.attempts += fromFiles.attempts;
    result.credentials = std::move(fromFiles.credentials);
    result.error = fromFiles.error;
    if (result.credentials)
        qCInfo(lcAws) << "credentials:" << *result.credentials;
    else if (!result.error.isEmpty())
        qCWarning(lcAws) << "credentials:" << result.error;
    return result;
}

void CredentialChain::resolveWithKeychain(KeychainCredentialStore &store,
    const QString &keychainEntry, std::function<void(const CredentialResolution &)> done,
    const QString &explicitProfile) const
{
    CredentialResolution chain = resolve(explicitProfile);
    if (chain.credentials || !chain.error.isEmpty() || keychainEntry.isEmpty()) {
        QMetaObject::invokeMethod(
            &store, [done = std::move(done), chain]() { done(chain); }, Qt::QueuedConnection);
        return;
    }
    store.load(keychainEntry,
        [done = std::move(done), chain](const KeychainCredentialStore::Result &keychain) mutable {
            if (keychain.credentials) {
                chain.attempts.append(u"keychain: found "_s + keychain.credentials->redacted());
                chain.credentials = keychain.credentials;
            } else {
                chain.attempts.append(u"keychain: "_s + keychain.message());
                if (keychain.status != KeychainCredentialStore::Status::NotFound)
                    chain.error = keychain.message();
            }
            done(chain);
        });
}

RegionResolution CredentialChain::resolveRegion(const QString &explicitProfile) const
{
    RegionResolution result;
    for (const QString &variable : {u"AWS_REGION"_s, u"AWS_DEFAULT_REGION"_s}) {
        const QString value = envValue(m_environment, variable);
        if (!value.isEmpty()) {
            result.region = value;
            result.source = u"environment variable "_s + variable;
            break;
        }
    }
    if (result.region.isEmpty()) {
        const QString profile = profileName(explicitProfile);
        // The credentials file's settings override the config file's, as in the AWS CLI.
        for (const auto &[path, kind] :
            {std::pair {credentialsFilePath(), AwsConfigFile::Kind::Credentials},
                std::pair {configFilePath(), AwsConfigFile::Kind::Config}}) {
            const AwsConfigFile file = AwsConfigFile::load(path, kind);
            const QString value = file.profile(profile).value(u"region"_s);
            if (!value.isEmpty()) {
                result.region = value;
                result.source = u"profile %1 in %2"_s.arg(profile, displayPath(path));
                break;
            }
        }
    }
    if (!result.region.isEmpty() && !isRegionName(result.region))
        result.error = u"region \"%1\" from %2 is not a region name like us-east-1"_s.arg(
            result.region, result.source);
    return result;
}

} // namespace warroom::aws
