#include "CredentialProcess.h"

#include "AwsLogging.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace warroom::aws {

namespace {

constexpr qsizetype MaxStderrInError = 2000;

QString stderrText(QProcess &process)
{
    QString text = QString::fromUtf8(process.readAllStandardError()).trimmed();
    if (text.size() > MaxStderrInError)
        text = text.left(MaxStderrInError) + u"..."_s;
    return text;
}

QString withStderr(const QString &message, const QString &stderrOutput)
{
    if (stderrOutput.isEmpty())
        return message + u" (no stderr output)"_s;
    return message + u"; stderr: "_s + stderrOutput;
}

} // namespace

std::optional<QStringList> CredentialProcess::splitCommandLine(
    const QString &commandLine, QString *error)
{
    QStringList words;
    QString current;
    bool inWord = false;
    enum class Quote { None, Single, Double } quote = Quote::None;
    for (qsizetype i = 0; i < commandLine.size(); ++i) {
        const QChar c = commandLine[i];
        switch (quote) {
        case Quote::Single:
            if (c == u'\'')
                quote = Quote::None;
            else
                current += c;
            break;
        case Quote::Double:
            if (c == u'"') {
                quote = Quote::None;
            } else if (c == u'\\' && i + 1 < commandLine.size()
                && QStringView(u"\"\\$`").contains(commandLine[i + 1])) {
                current += commandLine[++i];
            } else {
                current += c;
            }
            break;
        case Quote::None:
            if (c.isSpace()) {
                if (inWord)
                    words.append(current);
                current.clear();
                inWord = false;
            } else if (c == u'\'') {
                quote = Quote::Single;
                inWord = true;
            } else if (c == u'"') {
                quote = Quote::Double;
                inWord = true;
            } else if (c == u'\\' && i + 1 < commandLine.size()) {
                current += commandLine[++i];
                inWord = true;
            } else {
                current += c;
                inWord = true;
            }
            break;
        }
    }
    if (quote != Quote::None) {
        *error = u"credential_process has an unbalanced quote"_s;
        return std::nullopt;
    }
    if (inWord)
        words.append(current);
    if (words.isEmpty()) {
        *error = u"credential_process is empty"_s;
        return std::nullopt;
    }
    return words;
}

CredentialProcess::Result CredentialProcess::parseOutput(
    const QByteArray &output, const QDateTime &now)
{
    Result result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(output, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = u"credential_process printed invalid JSON (%1 at offset %2)"_s
                           .arg(parseError.errorString())
                           .arg(parseError.offset);
        return result;
    }
    if (!document.isObject()) {
        result.error = u"credential_process printed JSON that is not an object"_s;
        return result;
    }
    const QJsonObject json = document.object();
    const QJsonValue version = json.value(u"Version"_s);
    if (!version.isDouble() || version.toDouble() != 1.0) {
        result.error = version.isUndefined()
            ? u"credential_process output has no Version (expected 1)"_s
            : u"credential_process output has Version %1; only Version 1 is supported"_s.arg(
                version.isDouble() ? QString::number(version.toDouble()) : u"(not a number)"_s);
        return result;
    }
    Credentials credentials;
    for (const auto &[field, target] : {std::pair {u"AccessKeyId"_s, &credentials.accessKeyId},
             std::pair {u"SecretAccessKey"_s, &credentials.secretAccessKey}}) {
        const QJsonValue value = json.value(field);
        if (!value.isString() || value.toString().isEmpty()) {
            result.error = u"credential_process output has no %1"_s.arg(field);
            return result;
        }
        *target = value.toString();
    }
    const QJsonValue token = json.value(u"SessionToken"_s);
    if (!token.isUndefined() && !token.isNull()) {
        if (!token.isString()) {
            result.error = u"credential_process output has a SessionToken that is not a string"_s;
            return result;
        }
        credentials.sessionToken = token.toString();
    }
    const QJsonValue expiration = json.value(u"Expiration"_s);
    if (!expiration.isUndefined() && !expiration.isNull()) {
        credentials.expiration = QDateTime::fromString(expiration.toString(), Qt::ISODateWithMs);
        if (!credentials.expiration.isValid())
            credentials.expiration = QDateTime::fromString(expiration.toString(), Qt::ISODate);
        if (!credentials.expiration.isValid()) {
            result.error
                = u"credential_process output has an Expiration that is not an ISO 8601 time"_s;
            return result;
        }
        if (credentials.isExpired(now)) {
            result.error = u"credential_process returned credentials that expired at %1"_s.arg(
                credentials.expiration.toUTC().toString(Qt::ISODate));
            return result;
        }
    }
    result.credentials = std::move(credentials);
    return result;
}

CredentialProcess::Result CredentialProcess::run(const QString &commandLine,
    std::chrono::milliseconds timeout, const QProcessEnvironment &environment, const QDateTime &now)
{
    Result result;
    const std::optional<QStringList> words = splitCommandLine(commandLine, &result.error);
    if (!words)
        return result;

    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer clock;
    clock.start();
    process.start(words->first(), words->mid(1), QIODevice::ReadOnly);
    if (!process.waitForStarted(static_cast<int>(timeout.count()))) {
        result.error = u"credential_process could not start %1: %2"_s.arg(
            words->first(), process.errorString());
        return result;
    }
    qCDebug(lcAws) << "credential_process started:" << words->first();
    const qint64 remaining = std::max<qint64>(1, timeout.count() - clock.elapsed());
    if (!process.waitForFinished(static_cast<int>(remaining))) {
        process.kill();
        process.waitForFinished(1000);
        result.error
            = withStderr(u"credential_process %1 did not finish within %2 ms and was killed"_s
                             .arg(words->first())
                             .arg(timeout.count()),
                stderrText(process));
        return result;
    }
    if (process.exitStatus() != QProcess::NormalExit) {
        result.error = withStderr(
            u"credential_process %1 crashed"_s.arg(words->first()), stderrText(process));
        return result;
    }
    if (process.exitCode() != 0) {
        result.error = withStderr(u"credential_process %1 exited with code %2"_s.arg(words->first())
                                      .arg(process.exitCode()),
            stderrText(process));
        return result;
    }
    result = parseOutput(process.readAllStandardOutput(), now);
    if (!result.error.isEmpty()) {
        const QString stderrOutput = stderrText(process);
        if (!stderrOutput.isEmpty())
            result.error += u"; stderr: "_s + stderrOutput;
    }
    return result;
}

} // namespace warroom::aws
