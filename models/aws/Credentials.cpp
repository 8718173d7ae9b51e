#include "Credentials.h"

#include <QtCore/QDebug>

using namespace Qt::StringLiterals;

namespace warroom::aws {

QString Credentials::maskAccessKeyId(const QString &accessKeyId)
{
    if (accessKeyId.size() <= 8)
        return QString(accessKeyId.size(), u'*');
    return accessKeyId.left(4) + QString(accessKeyId.size() - 8, u'*') + accessKeyId.right(4);
}

QString Credentials::maskSecret(const QString &secret)
{
    if (secret.isEmpty())
        return u"(none)"_s;
    return u"****(%1 chars)"_s.arg(secret.size());
}

QString Credentials::redacted() const
{
    QString text = accessKeyId.isEmpty() ? u"(no access key)"_s : accessKeyId;
    text += u" / secret "_s + maskSecret(secretAccessKey);
    if (isTemporary())
        text += u" / session token "_s + maskSecret(sessionToken);
    if (expiration.isValid())
        text += u" / expires "_s + expiration.toUTC().toString(Qt::ISODate);
    if (!source.isEmpty())
        text += u" from "_s + source;
    return text;
}

QDebug operator<<(QDebug debug, const Credentials &credentials)
{
    const QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "Credentials(" << credentials.redacted() << ')';
    return debug;
}

} // namespace warroom::aws
