#include "KeyStore.h"

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRandomGenerator>
#include <QtCore/QSaveFile>

#include <sys/stat.h>

namespace warroom::server {

using namespace Qt::StringLiterals;
using caseservice::Role;

namespace {

QString randomText(int length, QLatin1StringView alphabet)
{
    QString text;
    text.reserve(length);
    auto *random = QRandomGenerator::system();
    for (int i = 0; i < length; ++i)
        text.append(QChar(alphabet.at(random->bounded(int(alphabet.size())))));
    return text;
}

bool addKey(QHash<QString, ServerKey> &keys, ServerKey key, const QString &where, QString *error)
{
    key.accessKeyId = key.accessKeyId.trimmed();
    if (key.accessKeyId.size() < 16 || key.accessKeyId.size() > 128) {
        *error = where % u": the access key id must be 16-128 characters"_s;
        return false;
    }
    if (key.secretAccessKey.size() < 16) {
        *error = where % u": the secret of "_s % key.accessKeyId % u" is missing or too short"_s;
        return false;
    }
    if (!key.principalArn.startsWith(u"arn:"_s)) {
        *error = where % u": the principal of "_s % key.accessKeyId
            % u" must be an ARN (arn:aws:iam::123456789012:user/alice)"_s;
        return false;
    }
    if (keys.contains(key.accessKeyId)) {
        *error = where % u": access key id "_s % key.accessKeyId % u" is listed twice"_s;
        return false;
    }
    keys.insert(key.accessKeyId, key);
    return true;
}

} // namespace

std::optional<Role> KeyStore::roleFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"full"_s)
        return Role::Full;
    if (t == u"case-full"_s)
        return Role::CaseFull;
    if (t == u"read-only"_s)
        return Role::ReadOnly;
    return std::nullopt;
}

QString KeyStore::roleToString(Role role)
{
    switch (role) {
    case Role::Full:
        return u"full"_s;
    case Role::CaseFull:
        return u"case-full"_s;
    case Role::ReadOnly:
        break;
    }
    return u"read-only"_s;
}

bool KeyStore::isPrivate(const QString &path, QString *error)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0) {
        *error = path % u": cannot read the key file"_s;
        return false;
    }
    if ((info.st_mode & 077) != 0) {
        *error = path
            % u": the key file must be readable by its owner only (chmod 600), its mode is "_s
            % QString::number(info.st_mode & 0777, 8);
        return false;
    }
    return true;
}

std::optional<KeyStore> KeyStore::load(const QString &path, QString *error)
{
    if (!isPrivate(path, error))
        return std::nullopt;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path % u": "_s % file.errorString();
        return std::nullopt;
    }
    auto store = parse(file.readAll(), error);
    if (!store)
        *error = path % u": "_s % *error;
    return store;
}

std::optional<KeyStore> KeyStore::parse(const QByteArray &text, QString *error)
{
    KeyStore store;
    const QByteArray trimmed = text.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(trimmed, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *error = u"not valid JSON: "_s % parseError.errorString();
            return std::nullopt;
        }
        const QJsonArray keys
            = document.isArray() ? document.array() : document.object().value(u"keys"_s).toArray();
        int index = 0;
        for (const QJsonValue &value : keys) {
            const QJsonObject o = value.toObject();
            const QString where = u"keys["_s % QString::number(index++) % u']';
            const auto role = roleFromString(o.value(u"role"_s).toString());
            if (!role) {
                *error = where % u": role must be full, case-full or read-only"_s;
                return std::nullopt;
            }
            if (!addKey(store.m_keys,
                    {o.value(u"accessKeyId"_s).toString(), o.value(u"secretAccessKey"_s).toString(),
                        o.value(u"principal"_s).toString(), *role},
                    where, error))
                return std::nullopt;
        }
        return store;
    }

    // INI: one section per key.
    std::optional<ServerKey> current;
    int currentLine = 0;
    auto finish = [&]() {
        if (!current)
            return true;
        const QString where = u"line "_s % QString::number(currentLine);
        if (current->principalArn.isEmpty() && current->secretAccessKey.isEmpty()) {
            *error = where % u": section has no keys"_s;
            return false;
        }
        return addKey(store.m_keys, *current, where, error);
    };
    int lineNumber = 0;
    bool roleSeen = false;
    for (const QByteArray &rawLine : text.split('\n')) {
        ++lineNumber;
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';'))
            continue;
        const QString where = u"line "_s % QString::number(lineNumber);
        if (line.startsWith(u'[') && line.endsWith(u']')) {
            if (current && !roleSeen) {
                *error = u"line "_s % QString::number(currentLine) % u": the key has no role"_s;
                return std::nullopt;
            }
            if (!finish())
                return std::nullopt;
            current = ServerKey {line.mid(1, line.size() - 2).trimmed(), {}, {}, Role::ReadOnly};
            currentLine = lineNumber;
            roleSeen = false;
            continue;
        }
        const qsizetype eq = line.indexOf(u'=');
        if (!current || eq < 0) {
            *error = where % u": expected [ACCESS_KEY_ID] or name = value"_s;
            return std::nullopt;
        }
        const QString name = line.left(eq).trimmed().toLower();
        const QString value = line.mid(eq + 1).trimmed();
        if (name == u"secretaccesskey"_s || name == u"secret_access_key"_s || name == u"secret"_s) {
            current->secretAccessKey = value;
        } else if (name == u"principal"_s || name == u"arn"_s) {
            current->principalArn = value;
        } else if (name == u"role"_s) {
            const auto role = roleFromString(value);
            if (!role) {
                *error = where % u": role must be full, case-full or read-only"_s;
                return std::nullopt;
            }
            current->role = *role;
            roleSeen = true;
        } else {
            *error = where % u": unknown setting '"_s % name % u"'"_s;
            return std::nullopt;
        }
    }
    if (current && !roleSeen) {
        *error = u"line "_s % QString::number(currentLine) % u": the key has no role"_s;
        return std::nullopt;
    }
    if (!finish())
        return std::nullopt;
    return store;
}

const ServerKey *KeyStore::find(const QString &accessKeyId) const
{
    const auto it = m_keys.constFind(accessKeyId);
    return it == m_keys.cend() ? nullptr : &it.value();
}

ServerKey KeyStore::generate(const QString &principalArn, Role role)
{
    return {u"WRK"_s % randomText(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"_L1),
        randomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"_L1),
        principalArn, role};
}

bool KeyStore::append(const QString &path, const ServerKey &key, QString *error)
{
    QByteArray existing;
    if (QFileInfo::exists(path)) {
        if (!isPrivate(path, error))
            return false;
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly)) {
            *error = path % u": "_s % in.errorString();
            return false;
        }
        existing = in.readAll();
        QString parseError;
        if (!parse(existing, &parseError)) {
            *error = path % u": "_s % parseError;
            return false;
        }
    }
    QByteArray text;
    const QByteArray trimmed = existing.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith('{') || trimmed.startsWith('[')) {
        const QJsonDocument document = QJsonDocument::fromJson(trimmed);
        QJsonArray keys
            = document.isArray() ? document.array() : document.object().value(u"keys"_s).toArray();
        keys.append(QJsonObject {{u"accessKeyId"_s, key.accessKeyId},
            {u"secretAccessKey"_s, key.secretAccessKey}, {u"principal"_s, key.principalArn},
            {u"role"_s, roleToString(key.role)}});
        text = QJsonDocument(QJsonObject {{u"keys"_s, keys}}).toJson();
    } else {
        text = existing;
        if (!text.endsWith('\n'))
            text.append('\n');
        text.append(QString(u"\n["_s % key.accessKeyId % u"]\nsecretAccessKey = "_s
            % key.secretAccessKey % u"\nprincipal = "_s % key.principalArn % u"\nrole = "_s
            % roleToString(key.role) % u'\n')
                        .toUtf8());
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = path % u": "_s % out.errorString();
        return false;
    }
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out.write(text);
    if (!out.commit()) {
        *error = path % u": "_s % out.errorString();
        return false;
    }
    return QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace warroom::server
