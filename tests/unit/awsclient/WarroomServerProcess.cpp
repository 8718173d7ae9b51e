#include "WarroomServerProcess.h"

#include "AwsTestSupport.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonDocument>
#include <QtCore/QProcessEnvironment>
#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace warroom::test {

QJsonObject CtlResult::json() const
{
    return QJsonDocument::fromJson(out).object();
}

WarroomServerProcess::WarroomServerProcess(QString directory)
    : m_dir(std::move(directory))
{
}

WarroomServerProcess::~WarroomServerProcess()
{
    stop();
}

QString WarroomServerProcess::binary(const QString &relative)
{
    return QStringLiteral(WARROOM_BINARY_DIR) + u'/' + relative;
}

QString WarroomServerProcess::serverBinary()
{
    return binary(u"app/warroom-server/warroom-server"_s);
}

QString WarroomServerProcess::ctlBinary()
{
    return binary(u"app/warroomctl/warroomctl"_s);
}

QString WarroomServerProcess::databaseUrl() const
{
    return u"sqlite:"_s + QDir(m_dir).filePath(u"cases.sqlite"_s);
}

QString WarroomServerProcess::accessLogPath() const
{
    return QDir(m_dir).filePath(u"access.log"_s);
}

bool WarroomServerProcess::start(const QStringList &extraArgs, QString *error)
{
    if (!QFileInfo::exists(serverBinary())) {
        *error = serverBinary() + u" is not built"_s;
        return false;
    }
    const QString keys = QDir(m_dir).filePath(u"keys.json"_s);
    QProcess create;
    create.start(serverBinary(),
        {u"keys"_s, u"create"_s, u"--keys"_s, keys, u"--role"_s, u"full"_s, u"--principal"_s,
            u"arn:aws:iam::123456789012:user/alice"_s});
    if (!create.waitForFinished(30000) || create.exitCode() != 0) {
        *error = u"keys create failed: "_s + QString::fromUtf8(create.readAllStandardError());
        return false;
    }
    const QJsonObject key = QJsonDocument::fromJson(create.readAllStandardOutput()).object();
    m_key.accessKeyId = key.value("accessKeyId"_L1).toString();
    m_key.secretAccessKey = key.value("secretAccessKey"_L1).toString();
    m_key.source = u"warroom-server keys create"_s;

    m_server.setProgram(serverBinary());
    m_server.setArguments(QStringList {u"--listen"_s, u"127.0.0.1:0"_s, u"--keys"_s, keys,
                              u"--database"_s, databaseUrl(), u"--access-log"_s, accessLogPath(),
                              u"--account-id"_s, u"123456789012"_s, u"--region"_s, u"us-east-1"_s}
        + extraArgs);
    m_server.start();
    if (!m_server.waitForStarted(10000)) {
        *error = u"warroom-server did not start"_s;
        return false;
    }
    QByteArray output;
    const QRegularExpression listening(u"listening on (https?://127\\.0\\.0\\.1:\\d+)"_s);
    spinUntil(
        [&] {
            output += m_server.readAllStandardOutput();
            return listening.match(QString::fromUtf8(output)).hasMatch()
                || m_server.state() == QProcess::NotRunning;
        },
        30000);
    const auto match = listening.match(QString::fromUtf8(output));
    if (!match.hasMatch()) {
        *error = QString::fromUtf8(output + m_server.readAllStandardError());
        return false;
    }
    m_url = QUrl(match.captured(1));
    return true;
}

void WarroomServerProcess::stop()
{
    if (m_server.state() == QProcess::NotRunning)
        return;
    m_server.terminate();
    if (!m_server.waitForFinished(10000)) {
        m_server.kill();
        m_server.waitForFinished();
    }
}

bool WarroomServerProcess::admin(QStringList args, QByteArray *output)
{
    args << u"--database"_s << databaseUrl();
    QProcess process;
    process.start(serverBinary(), args);
    if (!process.waitForFinished(30000))
        return false;
    *output = process.readAllStandardOutput() + process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

CtlResult WarroomServerProcess::ctl(
    const QStringList &args, const aws::Credentials &key, const QStringList &extraEnv) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(u"AWS_"_s))
            env.remove(name);
    }
    env.insert(u"HOME"_s, m_dir);
    env.insert(u"AWS_CONFIG_FILE"_s, QDir(m_dir).filePath(u"no-config"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, QDir(m_dir).filePath(u"no-credentials"_s));
    if (key.isValid()) {
        env.insert(u"AWS_ACCESS_KEY_ID"_s, key.accessKeyId);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, key.secretAccessKey);
    }
    for (const QString &pair : extraEnv) {
        const qsizetype equals = pair.indexOf(u'=');
        env.insert(pair.left(equals), pair.mid(equals + 1));
    }
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(ctlBinary(), args);
    CtlResult result;
    if (!process.waitForStarted(10000))
        return result;
    // Our own event loop keeps running (servers in this process answer).
    spinUntil([&] { return process.state() == QProcess::NotRunning; }, 60000);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace warroom::test
