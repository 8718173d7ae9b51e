#pragma once

// moto_server (AWS Organizations, STS, GuardDuty, Security Hub) and warroom-server on free
// loopback ports for the onboarding tests.

#include "OnboardingTestSupport.h"
#include "aws/AwsHttpClient.h"
#include "aws/OrganizationsClient.h"

#include <QtCore/QFileInfo>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QStandardPaths>
#include <QtCore/QUrl>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

namespace warroom::test {

inline quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// Starts moto_server on a free port. `knowSecurityIr`: moto 5 refuses
// security-ir.amazonaws.com as a delegated administrator's service principal (AWS accepts
// it), so moto is started from Python with that principal added to its list.
inline void startMoto(QProcess &moto, quint16 &port, bool knowSecurityIr = false)
{
    const QString motoServer = QStandardPaths::findExecutable(QStringLiteral("moto_server"));
    QVERIFY2(!motoServer.isEmpty(),
        "moto_server is not installed: pip install 'moto[server]' (not skipped)");
    port = freeLoopbackPort();
    QVERIFY(port != 0);
    moto.setProcessChannelMode(QProcess::MergedChannels);
    const QStringList address {QStringLiteral("-H"), QStringLiteral("127.0.0.1"),
        QStringLiteral("-p"), QString::number(port)};
    if (knowSecurityIr) {
        // The Python that runs moto_server (its shebang), so the same moto is imported.
        QString python = QStringLiteral("python3");
        QFile script(motoServer);
        if (script.open(QIODevice::ReadOnly)) {
            const QByteArray first = script.readLine().trimmed();
            if (first.startsWith("#!") && !first.contains("bash") && !first.contains("/sh"))
                python = QString::fromUtf8(first.mid(2)).split(QLatin1Char(' ')).first();
        }
        moto.start(python,
            QStringList {QStringLiteral("-c"),
                QStringLiteral("import moto.organizations.models as m\n"
                               "m.FakeDelegatedAdministrator.SUPPORTED_SERVICES.append("
                               "'security-ir.amazonaws.com')\n"
                               "from moto.server import main\n"
                               "main()\n")}
                + address);
    } else {
        moto.start(motoServer, address);
    }
    QVERIFY(moto.waitForStarted(10000));
    QVERIFY2(waitFor(
                 [&] {
                     if (moto.state() != QProcess::Running)
                         return true;
                     QTcpSocket socket;
                     socket.connectToHost(QHostAddress::LocalHost, port);
                     return socket.waitForConnected(200);
                 },
                 60000)
            && moto.state() == QProcess::Running,
        moto.readAll().constData());
}

// `warroom-server keys create`: the new key as {accessKeyId, secretAccessKey, ...}.
inline QJsonObject createServerKey(const QString &keysFile, const QString &principal)
{
    const QString server
        = QStringLiteral(WARROOM_BINARY_DIR) + QStringLiteral("/app/warroom-server/warroom-server");
    QProcess create;
    create.start(server,
        {QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--keys"), keysFile,
            QStringLiteral("--role"), QStringLiteral("full"), QStringLiteral("--principal"),
            principal});
    if (!create.waitForFinished(30000) || create.exitCode() != 0)
        return {};
    return QJsonDocument::fromJson(create.readAllStandardOutput()).object();
}

// Starts warroom-server on a free port with `arguments` (keys, database, account...);
// `url` is where it listens.
inline void startWarroomServer(QProcess &server, const QStringList &arguments, QUrl &url)
{
    const QString binary
        = QStringLiteral(WARROOM_BINARY_DIR) + QStringLiteral("/app/warroom-server/warroom-server");
    QVERIFY2(QFileInfo::exists(binary), "warroom-server is not built");
    server.setProgram(binary);
    server.setArguments(
        QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")} + arguments);
    server.start();
    QVERIFY(server.waitForStarted(10000));
    QByteArray output;
    const QRegularExpression listening(
        QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+)"));
    QVERIFY(waitFor(
        [&] {
            output += server.readAllStandardOutput();
            return listening.match(QString::fromUtf8(output)).hasMatch()
                || server.state() == QProcess::NotRunning;
        },
        30000));
    const auto match = listening.match(QString::fromUtf8(output));
    QVERIFY2(match.hasMatch(), output.constData());
    url = QUrl(match.captured(1));
}

// One Organizations call (JSON 1.1) to `endpoint`; its output, or {} after a warning.
inline QJsonObject organizationsCall(aws::AwsHttpClient &http, const QUrl &endpoint,
    const QString &operation, const QJsonObject &input)
{
    aws::OrganizationsClient client(&http, {QStringLiteral("us-east-1"), endpoint, false});
    const auto outcome = await<aws::AwsOutcome<QJsonObject>>(
        [&](auto done) { client.invokeJson11(operation, input, done); });
    if (!outcome || !outcome->ok())
        qWarning("%s: %s", qPrintable(operation),
            outcome ? qPrintable(outcome->error.toString()) : "no answer");
    return outcome && outcome->ok() ? outcome->json : QJsonObject();
}

// The keys of a `createServerKey` answer.
inline aws::Credentials serverKeyCredentials(const QJsonObject &json)
{
    aws::Credentials keys;
    keys.accessKeyId = json.value(QLatin1String("accessKeyId")).toString();
    keys.secretAccessKey = json.value(QLatin1String("secretAccessKey")).toString();
    keys.source = QStringLiteral("test");
    return keys;
}

inline void stopProcess(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

} // namespace warroom::test
