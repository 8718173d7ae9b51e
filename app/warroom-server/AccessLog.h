#pragma once

#include <QtCore/QFile>
#include <QtCore/QString>

namespace warroom::server {

// One JSON line per request: time, remote address, method, path (never the query, which
// may carry attachment tokens), operation, status, milliseconds, access key id, error
// type. Never a secret, a signature or a body.
class AccessLog final
{
public:
    struct Entry
    {
        QString remote;
        QString method;
        QString path;
        QString operation;
        int status = 0;
        double milliseconds = 0;
        QString accessKeyId;
        QString errorType;
        qint64 bytesIn = 0;
    };

    // Empty path: standard error.
    bool open(const QString &path, QString *error);
    void write(const Entry &entry);
    static QByteArray format(const Entry &entry);

private:
    QFile m_file;
};

} // namespace warroom::server
