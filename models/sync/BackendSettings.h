#pragma once

#include "aws/Credentials.h"

#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace warroom::store {
class Database;
class Workspace;
} // namespace warroom::store

namespace warroom::sync {

class CaseBackend;
class SyncEngine;

// Which backend a workspace syncs with, kept in the workspace's settings table. Keys
// are never stored there: a warroom-server or AWS backend signs with the AWS CLI's
// credential chain (environment, then `profile` of ~/.aws/credentials and config), or
// with a key pair saved in the OS keychain under `keychainEntry` (only the entry's name
// is kept in the settings).
struct BackendSettings final
{
    enum class Kind { Embedded, Server, Aws };

    Kind kind = Kind::Embedded;
    QUrl serverUrl; // Server
    QString region = QStringLiteral("us-east-1"); // Server (signing) and Aws
    QString profile; // empty: AWS_PROFILE / default
    QString keychainEntry; // non-empty: the keys are this OS keychain entry's
    QString caBundle; // PEM file of the CAs to trust for HTTPS; empty: AWS_CA_BUNDLE or system
    // Where onboarding reads the organisation (Organizations, STS, GuardDuty, Security Hub)
    // for a Server or Aws backend: empty is AWS itself; a URL is an emulator such as
    // moto_server or LocalStack (all four services on one endpoint). The keys are
    // `organizationsProfile`'s, or the backend's own when that is empty.
    QUrl organizationsEndpoint;
    QString organizationsProfile;

    // The keychain entry name the settings dialog saves keys under.
    static QString defaultKeychainEntry() { return QStringLiteral("warroom-backend"); }

    static QString kindName(Kind kind); // "embedded", "server", "aws"

    // Reads the workspace's choice; Embedded when none was saved.
    static BackendSettings load(store::Database &database);
    bool save(store::Database &database, QString *error) const;

    // Checks the fields: a Server URL that is http(s) with a host, a Region for AWS.
    // An empty string when they are fine, else a sentence naming the field.
    QString problem() const;
};

// The backend the settings describe, or nullptr with *error set (bad settings, no
// credentials, an unreadable CA bundle, the embedded database cannot be opened). With a
// keychain entry and no `keys`, the HTTP backend is made without keys: load them with
// aws::KeychainCredentialStore and give them to HttpBackend::setCredentials before
// starting its engine.
std::unique_ptr<CaseBackend> createBackend(const BackendSettings &settings,
    const QString &workspaceDirectory, QString *error,
    const std::optional<aws::Credentials> &keys = std::nullopt);

// The workspace's sync engine with the backend its settings name (not started).
std::unique_ptr<SyncEngine> createSyncEngine(store::Workspace &workspace, QString *error);

} // namespace warroom::sync
