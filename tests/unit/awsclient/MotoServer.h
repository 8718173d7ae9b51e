#pragma once

// moto_server (pip install 'moto[server]') on a free loopback port for one test.
#include "AwsTestSupport.h"
#include "aws/AwsEndpoint.h"

#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

namespace warroom::test {

class MotoServer final
{
public:
    MotoServer() = default;
    MotoServer(const MotoServer &) = delete;
    MotoServer &operator=(const MotoServer &) = delete;
    ~MotoServer() { stop(); }

    // False with *error when moto_server is missing or does not answer within 60 s.
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
    aws::AwsClientConfig config() const
    {
        aws::AwsClientConfig config;
        config.region = QStringLiteral("us-east-1");
        config.endpointUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
        return config;
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace warroom::test
