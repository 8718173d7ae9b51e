#pragma once

#include "Credentials.h"

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QProcessEnvironment>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <chrono>
#include <optional>

namespace warroom::aws {

// Runs a profile's credential_process: the command is split like a POSIX shell would
// (quotes, backslashes; no variables, no globbing) and run without a shell. It must
// print {"Version": 1, "AccessKeyId", "SecretAccessKey", ["SessionToken"],
// ["Expiration"]} on stdout. Blocks the calling thread for up to the timeout: call it
// off the GUI thread.
class CredentialProcess final
{
public:
    struct Result
    {
        std::optional<Credentials> credentials;
        QString error; // names the failure and carries the process's stderr, never stdout
    };

    static Result run(const QString &commandLine, std::chrono::milliseconds timeout,
        const QProcessEnvironment &environment,
        const QDateTime &now = QDateTime::currentDateTimeUtc());

    // Nullopt with an error for unbalanced quotes or an empty command.
    static std::optional<QStringList> splitCommandLine(const QString &commandLine, QString *error);
    // Parses the JSON the process printed. The error never quotes the output (it may
    // hold a secret).
    static Result parseOutput(const QByteArray &output, const QDateTime &now);
};

} // namespace warroom::aws
