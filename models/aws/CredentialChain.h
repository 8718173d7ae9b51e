#pragma once

#include "Credentials.h"

#include <QtCore/QProcessEnvironment>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <chrono>
#include <functional>
#include <optional>

namespace warroom::aws {

class AwsConfigFile;
class KeychainCredentialStore;

struct CredentialResolution
{
    std::optional<Credentials> credentials;
    // A source that applies but is broken (half-set variables, a missing profile that
    // was asked for, a failing credential_process) stops the chain with this error.
    QString error;
    // One line per source looked at, for the "where do my keys come from" dialog.
    QStringList attempts;

    bool isValid() const { return credentials.has_value(); }
};

struct RegionResolution
{
    QString region; // empty when nothing sets one
    QString source; // "environment variable AWS_REGION", "profile dev in ~/.aws/config"
    QString error;
};

// The AWS CLI's credential chain, read-only: environment variables, then the shared
// files of the selected profile (static keys in the credentials file, then
// credential_process, then static keys in the config file), then optionally a key
// pair the user saved in the OS keychain. Region: AWS_REGION, AWS_DEFAULT_REGION, the
// profile's "region". The environment is injected so tests and the server can use
// their own.
class CredentialChain final
{
public:
    explicit CredentialChain(
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());

    void setCredentialProcessTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds credentialProcessTimeout() const { return m_processTimeout; }

    // The profile in use: explicit (like --profile), else AWS_PROFILE, else
    // AWS_DEFAULT_PROFILE, else "default".
    QString profileName(const QString &explicitProfile = {}) const;
    QString credentialsFilePath() const; // AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials
    QString configFilePath() const; // AWS_CONFIG_FILE or ~/.aws/config
    // Profiles in either file, credentials file first, without duplicates.
    QStringList availableProfiles() const;

    // An explicit profile skips the environment variables, as the AWS CLI's --profile does.
    CredentialResolution resolve(const QString &explicitProfile = {}) const;
    // resolve(), then, if it found nothing and named no error, the keychain entry.
    // The callback runs once, from the event loop of the calling thread.
    void resolveWithKeychain(KeychainCredentialStore &store, const QString &keychainEntry,
        std::function<void(const CredentialResolution &)> done,
        const QString &explicitProfile = {}) const;
    RegionResolution resolveRegion(const QString &explicitProfile = {}) const;

    // The individual sources.
    CredentialResolution fromEnvironment() const;
    CredentialResolution fromProfile(const QString &profile, bool required) const;

    // "~/.aws/credentials" for a path under $HOME, else the path.
    QString displayPath(const QString &path) const;

private:
    QString expandHome(const QString &path) const;

    QProcessEnvironment m_environment;
    std::chrono::milliseconds m_processTimeout {30000};
};

} // namespace warroom::aws
