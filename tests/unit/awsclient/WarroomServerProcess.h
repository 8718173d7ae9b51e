#pragma once

#include "aws/Credentials.h"

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

namespace warroom::test {

// The output of one warroomctl run.
struct CtlResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const;
};

// The real warroom-server binary on a free 127.0.0.1 port, with a `full` key created by
// its own `keys create` and a SQLite database in `directory`. Stopped (SIGTERM, then
// kill) when destroyed.
class WarroomServerProcess final
{
public:
    explicit WarroomServerProcess(QString directory);
    ~WarroomServerProcess();
    WarroomServerProcess(const WarroomServerProcess &) = delete;
    WarroomServerProcess &operator=(const WarroomServerProcess &) = delete;

    static QString binary(const QString &relative); // under the build tree
    static QString serverBinary();
    static QString ctlBinary();

    // Creates the key and starts the server with `extraArgs`; false with `error` set when
    // it did not print its "listening on" line.
    bool start(const QStringList &extraArgs, QString *error);
    void stop();

    const QUrl &url() const { return m_url; }
    const aws::Credentials &key() const { return m_key; }
    QString databaseUrl() const;
    QString accessLogPath() const;
    // Runs `warroom-server ARGS --database <this database>` (admin subcommands).
    bool admin(QStringList args, QByteArray *output);

    // Runs warroomctl with only `key` in its environment (no AWS_* of the caller, a HOME
    // of its own) plus `extraEnv`, while this thread's event loop keeps running.
    CtlResult ctl(const QStringList &args, const aws::Credentials &key,
        const QStringList &extraEnv = {}) const;

private:
    QString m_dir;
    QProcess m_server;
    QUrl m_url;
    aws::Credentials m_key;
};

} // namespace warroom::test
