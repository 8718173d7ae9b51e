#pragma once

#include <QtCore/QDateTime>
#include <QtCore/QString>

class QDebug;

namespace warroom::aws {

// AWS access keys. The secret and the session token never leave this struct in a
// printable form: use redacted() or operator<< for anything that may reach a log.
struct Credentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; // empty for long-term keys
    QDateTime expiration; // invalid when the keys do not expire
    // Where the keys came from, for the UI: "environment", "profile default in
    // ~/.aws/credentials", "credential_process of profile dev in ~/.aws/config"...
    QString source;

    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    bool isTemporary() const { return !sessionToken.isEmpty(); }
    bool isExpired(const QDateTime &now) const { return expiration.isValid() && expiration <= now; }

    // "AKIDEXAMPLE / secret ****(40 chars) / session token ****(56 chars) from environment".
    QString redacted() const;
    // The access key id with all but its first 4 and last 4 characters masked.
    static QString maskAccessKeyId(const QString &accessKeyId);
    static QString maskSecret(const QString &secret);

    friend bool operator==(const Credentials &a, const Credentials &b)
    {
        return a.accessKeyId == b.accessKeyId && a.secretAccessKey == b.secretAccessKey
            && a.sessionToken == b.sessionToken && a.expiration == b.expiration;
    }
    friend bool operator!=(const Credentials &a, const Credentials &b) { return !(a == b); }
};

QDebug operator<<(QDebug debug, const Credentials &credentials);

} // namespace warroom::aws
