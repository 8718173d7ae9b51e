#include "AccessLog.h"

#include <QtCore/QDateTime>

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

namespace {

// A JSON string: quotes, backslashes and control characters escaped, UTF-8.
void appendJsonString(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            static constexpr char Hex[] = "0123456789abcdef";
            out += "\\u00";
            out += Hex[u >> 4];
            out += Hex[u & 0xF];
        } else {
            out += c;
        }
    }
    out += '"';
}

// "2026-11-22T09:35:27.123Z"; the part up to the second is made once a second.
QByteArray isoTimeNow()
{
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cachedPrefix;
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    const qint64 second = ms / 1000;
    if (second != cachedSecond) {
        cachedSecond = second;
        cachedPrefix = QDateTime::fromSecsSinceEpoch(second, Qt::UTC)
                           .toString(u"yyyy-MM-dd'T'HH:mm:ss"_s)
                           .toLatin1();
    }
    const int millis = int(ms % 1000);
    QByteArray text = cachedPrefix;
    text += '.';
    text += char('0' + millis / 100);
    text += char('0' + millis / 10 % 10);
    text += char('0' + millis % 10);
    text += 'Z';
    return text;
}

} // namespace

// Written by hand rather than through QJsonObject: this runs once per request and the
// document model cost as much as verifying the request's signature.
QByteArray AccessLog::format(const Entry &entry)
{
    QByteArray out;
    out.reserve(256);
    out += "{\"time\":\"";
    out += isoTimeNow();
    out += "\",\"remote\":";
    appendJsonString(out, entry.remote);
    out += ",\"method\":";
    appendJsonString(out, entry.method);
    out += ",\"path\":";
    appendJsonString(out, entry.path);
    out += ",\"operation\":";
    appendJsonString(out, entry.operation);
    out += ",\"status\":";
    out += QByteArray::number(entry.status);
    out += ",\"ms\":";
    out += QByteArray::number(qRound(entry.milliseconds * 1000) / 1000.0, 'g', 12);
    out += ",\"accessKeyId\":";
    appendJsonString(out, entry.accessKeyId);
    out += ",\"bytesIn\":";
    out += QByteArray::number(entry.bytesIn);
    if (!entry.errorType.isEmpty()) {
        out += ",\"error\":";
        appendJsonString(out, entry.errorType);
    }
    out += "}\n";
    return out;
}

void AccessLog::write(const Entry &entry)
{
    if (m_file.isOpen())
        m_file.write(format(entry));
}

} // namespace warroom::server
