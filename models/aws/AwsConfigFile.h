#pragma once

#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace warroom::aws {

// One of the AWS shared files (~/.aws/credentials or ~/.aws/config), read the way the
// AWS CLI reads them: "[name]" sections in the credentials file, "[default]" and
// "[profile name]" in the config file (other sections such as "[sso-session x]" are
// not profiles), "key = value" or "key: value" lines, keys lower-cased, '#' and ';'
// comment lines, indented lines continuing the previous value (nested settings).
// Never written by Warroom.
class AwsConfigFile final
{
public:
    enum class Kind { Credentials, Config };

    AwsConfigFile() = default;
    // A missing file is valid and empty; an unreadable one sets error().
    static AwsConfigFile load(const QString &path, Kind kind);
    static AwsConfigFile parse(const QByteArray &text, Kind kind, const QString &path = {});

    const QString &path() const { return m_path; }
    bool exists() const { return m_exists; }
    const QString &error() const { return m_error; }

    QStringList profiles() const; // in file order
    bool hasProfile(const QString &profile) const { return m_profiles.contains(profile); }
    QHash<QString, QString> profile(const QString &profile) const
    {
        return m_profiles.value(profile);
    }

private:
    QString m_path;
    QString m_error;
    bool m_exists = false;
    QStringList m_order;
    QHash<QString, QHash<QString, QString>> m_profiles;
};

} // namespace warroom::aws
