#pragma once

#include "aws/AwsError.h"
#include "aws/AwsHttpClient.h"

#include <QtCore/QHash>
#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QTextStream>
#include <functional>
#include <memory>

namespace warroom::store {
class Workspace;
}

namespace warroom::ctl {

// Exit codes a script can rely on.
enum ExitCode : int {
    ExitOk = 0,
    ExitUsage = 1, // bad arguments: nothing was sent
    ExitServiceError = 2, // the service answered with an error
    ExitTransportError = 3, // network, TLS, credentials, region: no verdict from the service
};

struct OptionSpec
{
    enum class Arity { Single, List, Flag };
    QString name; // without "--"
    Arity arity = Arity::Single;
    bool required = false;
    QString help;
};

class CommandContext;

// One "<group> <command>": its options and what it does. New groups (for example a
// local-store "sync") are added with WarroomCtl::addCommand; commands with needsAws
// false get no credentials or clients.
struct CommandSpec
{
    QString group; // "cases"; empty for top-level commands such as "whoami"
    QString name;
    QString summary;
    QList<OptionSpec> options;
    bool needsAws = true;
    std::function<void(CommandContext &)> run;
};

enum class OutputFormat { Json, Table, Text };

// What a running command sees: its options, the AWS client, output and completion.
class CommandContext
{
public:
    const CommandSpec &spec() const { return *m_spec; }
    bool has(const QString &option) const { return m_values.contains(option); }
    QString value(const QString &option) const { return m_values.value(option).value(0); }
    QStringList values(const QString &option) const { return m_values.value(option); }
    QString global(const QString &option) const { return m_globals.value(option); }

    aws::AwsHttpClient *http() const { return m_http; }
    aws::AwsClientConfig clientConfig() const { return m_config; }
    OutputFormat output() const { return m_output; }

    // Prints `json` in the chosen format and finishes with ExitOk.
    void succeed(const QJsonObject &json);
    // Finishes with the AWS CLI's error text for `operation`.
    void fail(const aws::AwsError &error, const QString &operation);
    // A usage problem found while running (a bad enum value...): exit 1.
    void usageError(const QString &message);
    void finish(int exitCode);

private:
    friend class WarroomCtl;
    const CommandSpec *m_spec = nullptr;
    QHash<QString, QStringList> m_values;
    QHash<QString, QString> m_globals;
    aws::AwsHttpClient *m_http = nullptr;
    aws::AwsClientConfig m_config;
    OutputFormat m_output = OutputFormat::Json;
    QTextStream *m_out = nullptr;
    QTextStream *m_err = nullptr;
    bool m_finished = false;
};

// warroomctl [--endpoint-url URL] [--region R] [--profile P] [--output json|table]
//            [--workspace DIR] <group> <command> [--option value...]
class WarroomCtl final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WarroomCtl)

public:
    explicit WarroomCtl(QObject *parent = nullptr);
    ~WarroomCtl() override;

    void addGlobalOption(const OptionSpec &option) { m_globalOptions.append(option); }
    void addCommand(const CommandSpec &command) { m_commands.append(command); }
    // `option` of the command may also be given as the first word after it
    // ("cases report 1234567890").
    void setPositionalOption(const QString &group, const QString &name, const QString &option)
    {
        m_positionalOptions.insert(group + u' ' + name, option);
    }
    // With the global --workspace, "<group> <command>" `remote` runs `local` instead
    // (cases list -> workspace cases: the workspace's store rather than the service).
    void addWorkspaceVariant(const QString &remote, const QString &local)
    {
        m_workspaceVariants.insert(remote, local);
    }

    // Parses and starts the command; the exit code arrives through finished(), or
    // immediately as the return value when the run ends before any I/O (-1 otherwise).
    int start(const QStringList &arguments);

signals:
    void finished(int exitCode);

private slots:
    void finishWith(int exitCode);

private:
    int usage(const QString &error);
    QString helpText() const;
    const CommandSpec *findCommand(const QString &group, const QString &name) const;

    QList<OptionSpec> m_globalOptions;
    QList<CommandSpec> m_commands;
    QHash<QString, QString> m_positionalOptions; // "group name" -> option
    QHash<QString, QString> m_workspaceVariants;
    QTextStream m_out;
    QTextStream m_err;
    aws::AwsHttpClient *m_http;
    CommandContext m_context;
    int m_exitCode = -1;
};

// The command groups; each adds its commands to the tool.
void addCaseCommands(WarroomCtl &ctl);
void addMembershipCommands(WarroomCtl &ctl);
void addIdentityCommands(WarroomCtl &ctl);
void addFindingCommands(WarroomCtl &ctl); // local workspace: findings import
void addSyncCommands(WarroomCtl &ctl); // local workspace: sync, workspace cases
void addReportCommands(WarroomCtl &ctl); // local workspace: cases report
void addTimelineCommands(WarroomCtl &ctl); // local workspace: timeline show, add, ...

// Commands on a local workspace: its --workspace option, and the workspace it names
// (nullptr after reporting the error and finishing the command).
extern const OptionSpec WorkspaceOption;
std::unique_ptr<store::Workspace> openWorkspace(CommandContext &ctx);

} // namespace warroom::ctl
