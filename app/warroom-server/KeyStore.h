#pragma once

#include "caseservice/ServiceError.h"

#include <QtCore/QHash>
#include <QtCore/QString>

#include <optional>

namespace warroom::server {

// One access key of the server: who it is and what it may do.
struct ServerKey
{
    QString accessKeyId;
    QString secretAccessKey;
    QString principalArn;
    caseservice::Role role = caseservice::Role::ReadOnly;
};

// The server's access keys, read from a file only its owner can read (mode 0600).
// Two formats:
//   JSON: {"keys": [{"accessKeyId", "secretAccessKey", "principal", "role"}]} or a bare array
//   INI:  [AKID...] then secretAccessKey=, principal=, role= lines (# and ; comments)
// Roles: "full", "case-full", "read-only".
class KeyStore final
{
public:
    // Nullopt with *error naming the file, the line or key and the problem.
    static std::optional<KeyStore> load(const QString &path, QString *error);
    static std::optional<KeyStore> parse(const QByteArray &text, QString *error);

    const ServerKey *find(const QString &accessKeyId) const;
    qsizetype size() const { return m_keys.size(); }

    static std::optional<caseservice::Role> roleFromString(const QString &text);
    static QString roleToString(caseservice::Role role);

    // A new random key ("WRK" + 17 characters, secret of 40) for `keys create`.
    static ServerKey generate(const QString &principalArn, caseservice::Role role);
    // Adds the key to the file (created with mode 0600 when missing), keeping its format.
    static bool append(const QString &path, const ServerKey &key, QString *error);
    // Mode check: true when group and others have no permission at all.
    static bool isPrivate(const QString &path, QString *error);

private:
    QHash<QString, ServerKey> m_keys;
};

} // namespace warroom::server
