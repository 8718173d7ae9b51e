#include "AccessLog.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <cstdio>

namespace warroom::server {

using namespace Qt::StringLiterals;

bool AccessLog::open(const QString &path, QString *error)
{
    if (path.isEmpty())
        return m_file.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        *error = path % u": "_s % m_file.errorString();
        return false;
    }
    return true;
}

QByteArray AccessLog::format(const Entry &entry)
{
    QJsonObject o {
        {u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"remote"_s, entry.remote},
        {u"method"_s, entry.method},
        {u"path"_s, entry.path},
        {u"operation"_s, entry.operation},
        {u"status"_s, entry.status},
        {u"ms"_s, qRound(entry.milliseconds * 1000) / 1000.0},
        {u"accessKeyId"_s, entry.accessKeyId},
        {u"bytesIn"_s, entry.bytesIn},
    };
    if (!entry.errorType.isEmpty())
        o.insert(u"error"_s, entry.errorType);
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

void AccessLog::write(const Entry &entry)
{
    if (m_file.isOpen())
        m_file.write(format(entry));
}

} // namespace warroom::server
