#pragma once

#include <QString>
#include <QUrl>

#include <memory>

namespace warroom::store {
class Database;
class Workspace;
} // namespace warroom::store

namespace warroom::sync {

class CaseBackend;
class SyncEngine;

// Which backend a workspace syncs with, kept in the workspace's settings table. Keys
// are never stored there: a warroom-server or AWS backend signs with the AWS CLI's
// credential chain (environment, then `profile` of ~/.aws/credentials and config).
struct BackendSettings final
{
    enum class Kind { Embedded, Server, Aws };

    Kind kind = Kind::Embedded;
    QUrl serverUrl; // Server
    QString region = QStringLiteral("us-east-1"); // Server (signing) and Aws
    QString profile; // empty: AWS_PROFILE / default

    static QString kindName(Kind kind); // "embedded", "server", "aws"

    // Reads the workspace's choice; Embedded when none was saved.
    static BackendSettings load(store::Database &database);
    bool save(store::Database &database, QString *error) const;

    // Checks the fields: a Server URL that is http(s) with a host, a Region for AWS.
    // An empty string when they are fine, else a sentence naming the field.
    QString problem() const;
};

// The backend the settings describe, or nullptr with *error set (bad settings, no
// credentials, the embedded database cannot be opened).
std::unique_ptr<CaseBackend> createBackend(
    const BackendSettings &settings, const QString &workspaceDirectory, QString *error);

// The workspace's sync engine with the backend its settings name (not started).
std::unique_ptr<SyncEngine> createSyncEngine(store::Workspace &workspace, QString *error);

} // namespace warroom::sync
