#pragma once

#include "AwsTestSupport.h"

#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

namespace warroom::test {

// moto_server (pip install 'moto[server]') on a free 127.0.0.1 port, killed when
// destroyed. Tests that need it fail with the reason when it is missing.
class MotoServer final
{
public:
    MotoServer() = default;
    MotoServer(const MotoServer &) = delete;
    MotoServer &operator=(const MotoServer &) = delete;
    ~MotoServer() { stop(); }

    // False with *error set when moto_server is missing or did not start within a minute.
    bool start(QString *error)
    {
        const QString program = QStandardPaths::findExecutable(QStringLiteral("moto_server"));
        if (program.isEmpty()) {
            *error = QStringLiteral("moto_server is not installed: pip install 'moto[server]' "
                                    "(these tests need it and are not skipped)");
            return false;
        }
        {
            QTcpServer probe;
            if (!probe.listen(QHostAddress::LocalHost, 0)) {
                *error = probe.errorString();
                return false;
            }
            m_port = probe.serverPort();
        }
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(program,
            {QStringLiteral("-H"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                QString::number(m_port)});
        if (!m_process.waitForStarted(10000)) {
            *error = m_process.errorString();
            return false;
        }
        const bool up = spinUntil(
            [&] {
                if (m_process.state() != QProcess::Running)
                    return true;
                QTcpSocket socket;
                socket.connectToHost(QHostAddress::LocalHost, m_port);
                return socket.waitForConnected(200);
            },
            60000);
        if (!up || m_process.state() != QProcess::Running) {
            *error = QStringLiteral("moto_server did not start: ")
                + QString::fromUtf8(m_process.readAll());
            return false;
        }
        return true;
    }

    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    quint16 port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace warroom::test
