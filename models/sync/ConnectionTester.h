#pragma once

#include "BackendSettings.h"

#include "aws/Credentials.h"

#include <QObject>
#include <QString>

#include <optional>

class QThread;

namespace warroom::aws {
struct AwsError;
}

namespace warroom::sync {

// What "Test connection" found: success (who we are and the membership) or the one
// problem to fix, in words for the settings dialog.
struct ConnectionReport final
{
    enum class Problem {
        None,
        Settings, // the form itself (a URL that is not http(s), no Region)
        Unreachable, // wrong URL, connection refused, unknown host, timeout
        Tls, // untrusted or mismatched certificate, failed handshake
        BadKeys, // no keys, or the service refused the signature / key
        AccessDenied, // the keys work but may not make the call
        NoMembership, // reached and signed, but no Security Incident Response membership
        Other,
    };

    Problem problem = Problem::None;
    QString message;
    QString identity; // the caller (GetCallerIdentity's ARN, or the embedded principal)
    int memberships = 0;

    bool ok() const { return problem == Problem::None; }
};

// Runs "Test connection" for backend settings off the GUI thread: GetCallerIdentity then
// ListMemberships for AWS, ListMemberships for a warroom-server or the embedded backend.
// Each test runs on a worker thread of its own with its own HTTP client; finished()
// arrives on this object's thread. Keys typed in the dialog are passed in `keys` and
// live only in memory; without them the settings' CLI profile chain is used.
class ConnectionTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)

public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    // A test started while another runs replaces it (the older result is dropped).
    void start(const BackendSettings &settings, const QString &workspaceDirectory,
        const std::optional<aws::Credentials> &keys);
    bool isRunning() const { return m_running; }

    // The report for a failed call to `target` (a URL or "AWS us-east-1").
    static ConnectionReport reportFor(const aws::AwsError &error, const QString &target);

signals:
    void finished(const warroom::sync::ConnectionReport &report);

private:
    void deliver(quint64 generation, const ConnectionReport &report);

    QThread *m_thread = nullptr;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace warroom::sync

Q_DECLARE_METATYPE(warroom::sync::ConnectionReport)
