#pragma once

#include "Credentials.h"

#include <QtCore/QObject>
#include <QtCore/QString>
#include <chrono>
#include <functional>
#include <optional>

namespace warroom::aws {

// Key pairs the user saved in the OS keychain (Secret Service / KWallet on Linux,
// Keychain on macOS, Credential Manager on Windows) through QtKeychain. The plain-text
// fallback of QtKeychain is always off: without a keychain, saving fails with
// Status::Unavailable and nothing is written anywhere else.
class KeychainCredentialStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainCredentialStore)

public:
    enum class Status {
        Ok,
        NotFound,
        Unavailable, // no keychain service (no D-Bus secret service, headless session...)
        AccessDenied,
        Failed,
    };

    struct Result
    {
        Status status = Status::Failed;
        QString error; // detail from the keychain backend, never a secret
        std::optional<Credentials> credentials; // load() only

        bool isOk() const { return status == Status::Ok; }
        QString message() const; // "keychain unavailable: ..." for the UI
    };
    using Callback = std::function<void(const Result &)>;

    explicit KeychainCredentialStore(QObject *parent = nullptr);
    KeychainCredentialStore(QString serviceName, QObject *parent);
    ~KeychainCredentialStore() override;

    const QString &serviceName() const { return m_serviceName; }
    // A backend that does not answer in time counts as unavailable.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // Each callback runs exactly once, from this object's thread's event loop.
    void save(const QString &entry, const Credentials &credentials, Callback done);
    void load(const QString &entry, Callback done);
    void remove(const QString &entry, Callback done);

    static QString statusText(Status status);

private:
    template<typename Job> void startJob(Job *job, const QString &entry, Callback done);

    QString m_serviceName;
    std::chrono::milliseconds m_timeout {10000};
};

} // namespace warroom::aws
