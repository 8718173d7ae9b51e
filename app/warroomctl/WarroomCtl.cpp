#include "WarroomCtl.h"

#include "CtlOutput.h"
#include "aws/CredentialChain.h"

#include <cstdio>

using namespace Qt::StringLiterals;

namespace warroom::ctl {

// --- CommandContext ---------------------------------------------------------------------

void CommandContext::succeed(const QJsonObject &json)
{
    if (m_output == OutputFormat::Table)
        *m_out << formatTable(json);
    else
        *m_out << formatJson(json);
    m_out->flush();
    finish(ExitOk);
}

void CommandContext::fail(const aws::AwsError &error, const QString &operation)
{
    if (error.kind == aws::AwsError::Kind::Service || error.kind == aws::AwsError::Kind::Protocol) {
        *m_err << u'\n' << error.cliMessage(operation) << u'\n';
        m_err->flush();
        finish(ExitServiceError);
        return;
    }
    *m_err << u'\n' << error.cliMessage(operation) << u'\n';
    m_err->flush();
    finish(ExitTransportError);
}

void CommandContext::usageError(const QString &message)
{
    *m_err << u"warroomctl: error: "_s << message << u'\n';
    m_err->flush();
    finish(ExitUsage);
}

void CommandContext::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    aws::AwsHttpClient *http = m_http;
    // Queued: a command may finish before the event loop runs.
    QMetaObject::invokeMethod(
        http->parent(), "finishWith", Qt::QueuedConnection, Q_ARG(int, exitCode));
}

// --- WarroomCtl -------------------------------------------------------------------------

WarroomCtl::WarroomCtl(QObject *parent)
    : QObject(parent)
    , m_out(stdout)
    , m_err(stderr)
    , m_http(new aws::AwsHttpClient(this))
{
    m_globalOptions = {
        {u"endpoint-url"_s, OptionSpec::Arity::Single, false,
            u"Override the service URL (a warroom-server, or a local emulator)"_s},
        {u"region"_s, OptionSpec::Arity::Single, false, u"AWS Region"_s},
        {u"profile"_s, OptionSpec::Arity::Single, false, u"Profile from the AWS shared files"_s},
        {u"output"_s, OptionSpec::Arity::Single, false, u"json (default) or table"_s},
        {u"ca-bundle"_s, OptionSpec::Arity::Single, false,
            u"PEM file of the CAs to trust for HTTPS instead of the system's (also "
            u"AWS_CA_BUNDLE)"_s},
        {u"cli-read-timeout"_s, OptionSpec::Arity::Single, false,
            u"Seconds without data before a request fails (default 60)"_s},
        {u"workspace"_s, OptionSpec::Arity::Single, false,
            u"Workspace folder for the commands that use one (sync, findings import, "
            u"workspace cases, cases report); with it, cases list reads the workspace's "
            u"store"_s},
        {u"help"_s, OptionSpec::Arity::Flag, false, u"Show this help"_s},
    };
    addCaseCommands(*this);
    addMembershipCommands(*this);
    addIdentityCommands(*this);
    addFindingCommands(*this);
    addSyncCommands(*this);
    addReportCommands(*this);
    addTimelineCommands(*this);
}

WarroomCtl::~WarroomCtl() = default;

const CommandSpec *WarroomCtl::findCommand(const QString &group, const QString &name) const
{
    for (const CommandSpec &command : m_commands) {
        if (command.group == group && command.name == name)
            return &command;
    }
    return nullptr;
}

QString WarroomCtl::helpText() const
{
    QString text = u"usage: warroomctl [options] <group> <command> [parameters]\n\n"
                   u"Options:\n"_s;
    for (const OptionSpec &option : m_globalOptions)
        text += u"  --%1  %2\n"_s.arg(option.name.leftJustified(16), option.help);
    text += u"\nCommands:\n"_s;
    for (const CommandSpec &command : m_commands) {
        const QString name
            = command.group.isEmpty() ? command.name : command.group + u' ' + command.name;
        text += u"  %1  %2\n"_s.arg(name.leftJustified(28), command.summary);
    }
    text += u"\nExit codes: 0 success, 1 usage error, 2 service error, 3 network, TLS, "
            u"credentials or region error.\n"_s;
    return text;
}

int WarroomCtl::usage(const QString &error)
{
    m_err << u"usage: warroomctl [options] <group> <command> [parameters]\n"_s
          << u"To see help text, you can run: warroomctl --help\n"_s << u"warroomctl: error: "_s
          << error << u'\n';
    m_err.flush();
    return ExitUsage;
}

int WarroomCtl::start(const QStringList &arguments)
{
    QHash<QString, QString> globals;
    QStringList positionals;
    QList<std::pair<QString, QStringList>> options;
    bool help = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &token = arguments.at(i);
        if (!token.startsWith(u"--"_s)) {
            positionals << token;
            continue;
        }
        QString name = token.mid(2);
        QString inlineValue;
        const qsizetype equals = name.indexOf(u'=');
        if (equals >= 0) {
            inlineValue = name.mid(equals + 1);
            name.truncate(equals);
        }
        const auto global = std::find_if(m_globalOptions.cbegin(), m_globalOptions.cend(),
            [&](const OptionSpec &o) { return o.name == name; });
        if (global != m_globalOptions.cend()) {
            if (global->arity == OptionSpec::Arity::Flag) {
                help = help || name == u"help"_s;
                globals.insert(name, u"true"_s);
                continue;
            }
            if (equals >= 0) {
                globals.insert(name, inlineValue);
            } else if (i + 1 < arguments.size()) {
                globals.insert(name, arguments.at(++i));
            } else {
                return usage(u"argument --%1: expected one argument"_s.arg(name));
            }
            continue;
        }
        QStringList values;
        if (equals >= 0)
            values << inlineValue;
        while (equals < 0 && i + 1 < arguments.size() && !arguments.at(i + 1).startsWith(u"--"_s))
            values << arguments.at(++i);
        options.append({name, values});
    }

    if (help || positionals.value(0) == u"help"_s) {
        m_out << helpText();
        m_out.flush();
        return ExitOk;
    }
    if (positionals.isEmpty())
        return usage(u"the following arguments are required: group, command"_s);

    // "<group> <command>", or a top-level command ("whoami").
    const CommandSpec *spec = findCommand(QString(), positionals.at(0));
    qsizetype consumed = 1;
    if (!spec) {
        if (positionals.size() < 2) {
            bool groupExists = false;
            for (const CommandSpec &command : m_commands)
                groupExists = groupExists || command.group == positionals.at(0);
            return usage(groupExists
                    ? u"the following arguments are required: command"_s
                    : u"argument group: Invalid choice: '%1'"_s.arg(positionals.at(0)));
        }
        spec = findCommand(positionals.at(0), positionals.at(1));
        consumed = 2;
        if (!spec) {
            QStringList choices;
            for (const CommandSpec &command : m_commands) {
                if (command.group == positionals.at(0))
                    choices << command.name;
            }
            if (choices.isEmpty())
                return usage(u"argument group: Invalid choice: '%1'"_s.arg(positionals.at(0)));
            return usage(u"argument command: Invalid choice: '%1', valid choices are: %2"_s.arg(
                positionals.at(1), choices.join(u" | "_s)));
        }
    }
    const QString positional = m_positionalOptions.value(spec->group + u' ' + spec->name);
    if (!positional.isEmpty() && positionals.size() > consumed)
        options.append({positional, {positionals.at(consumed++)}});
    if (positionals.size() > consumed)
        return usage(u"Unknown options: %1"_s.arg(positionals.mid(consumed).join(u", "_s)));

    // --workspace: a local command, or the local variant of a remote one.
    if (globals.contains(u"workspace"_s)) {
        const QString local = m_workspaceVariants.value(
            spec->group.isEmpty() ? spec->name : spec->group + u' ' + spec->name);
        if (!local.isEmpty()) {
            const QStringList words = local.split(u' ');
            spec = findCommand(words.value(0), words.value(1));
            Q_ASSERT(spec);
        }
        const bool takesWorkspace = std::any_of(spec->options.cbegin(), spec->options.cend(),
            [](const OptionSpec &o) { return o.name == u"workspace"_s; });
        if (!takesWorkspace)
            return usage(u"argument --workspace: not used by this command (it applies to the "
                         u"commands that read or write a workspace: see --help)"_s);
        options.prepend({u"workspace"_s, {globals.value(u"workspace"_s)}});
    }

    QHash<QString, QStringList> values;
    QStringList unknown;
    for (const auto &[name, given] : options) {
        const auto option = std::find_if(spec->options.cbegin(), spec->options.cend(),
            [&](const OptionSpec &o) { return o.name == name; });
        if (option == spec->options.cend()) {
            unknown << u"--"_s + name;
            continue;
        }
        if (option->arity == OptionSpec::Arity::Flag) {
            if (!given.isEmpty())
                return usage(u"argument --%1: takes no value"_s.arg(name));
            values.insert(name, {u"true"_s});
        } else if (given.isEmpty()) {
            return usage(u"argument --%1: expected %2"_s.arg(name,
                option->arity == OptionSpec::Arity::List ? u"at least one argument"_s
                                                         : u"one argument"_s));
        } else if (option->arity == OptionSpec::Arity::Single && given.size() > 1) {
            return usage(
                u"argument --%1: expected one argument, got %2"_s.arg(name).arg(given.size()));
        } else {
            values[name] += given;
        }
    }
    if (!unknown.isEmpty())
        return usage(u"Unknown options: %1"_s.arg(unknown.join(u", "_s)));
    QStringList missing;
    for (const OptionSpec &option : spec->options) {
        if (option.required && !values.contains(option.name))
            missing << u"--"_s + option.name;
    }
    if (!missing.isEmpty())
        return usage(u"the following arguments are required: %1"_s.arg(missing.join(u", "_s)));

    OutputFormat output = OutputFormat::Json;
    const QString outputName = globals.value(u"output"_s, u"json"_s);
    if (outputName == u"table"_s)
        output = OutputFormat::Table;
    else if (outputName != u"json"_s)
        return usage(u"argument --output: Invalid choice: '%1' (choose from 'json', 'table')"_s.arg(
            outputName));

    m_context.m_spec = spec;
    m_context.m_values = values;
    m_context.m_globals = globals;
    m_context.m_http = m_http;
    m_context.m_output = output;
    m_context.m_out = &m_out;
    m_context.m_err = &m_err;

    if (spec->needsAws) {
        if (globals.contains(u"cli-read-timeout"_s)) {
            bool ok = false;
            const double seconds = globals.value(u"cli-read-timeout"_s).toDouble(&ok);
            if (!ok || seconds <= 0)
                return usage(
                    u"argument --cli-read-timeout: expected a positive number of seconds"_s);
            m_http->setTransferTimeout(std::chrono::milliseconds(qint64(seconds * 1000)));
        } else {
            m_http->setTransferTimeout(std::chrono::milliseconds(60000));
        }
        const QString caBundle = globals.contains(u"ca-bundle"_s)
            ? globals.value(u"ca-bundle"_s)
            : qEnvironmentVariable("AWS_CA_BUNDLE");
        QString caError;
        if (!caBundle.isEmpty() && !m_http->loadCaBundle(caBundle, &caError)) {
            m_err << caError << u'\n';
            m_err.flush();
            return ExitTransportError;
        }
        aws::AwsClientConfig config;
        if (globals.contains(u"endpoint-url"_s)) {
            config.endpointUrl = QUrl(globals.value(u"endpoint-url"_s), QUrl::StrictMode);
            if (!config.endpointUrl.isValid() || config.endpointUrl.host().isEmpty()
                || (config.endpointUrl.scheme() != u"http"_s
                    && config.endpointUrl.scheme() != u"https"_s))
                return usage(u"Bad value for --endpoint-url \"%1\": scheme is missing. Must be of "
                             u"the form http://<hostname>/ or https://<hostname>/"_s.arg(
                                 globals.value(u"endpoint-url"_s)));
        }
        const aws::CredentialChain chain;
        const QString profile = globals.value(u"profile"_s);
        config.region = globals.value(u"region"_s);
        if (config.region.isEmpty())
            config.region = chain.resolveRegion(profile).region;
        if (config.region.isEmpty()) {
            m_err << u"You must specify a region. You can also configure your region by running "
                     u"\"aws configure\".\n"_s;
            m_err.flush();
            return ExitTransportError;
        }
        if (!aws::AwsEndpoint::isValidRegionName(config.region))
            return usage(u"Provided region_name '%1' doesn't match a supported format."_s.arg(
                config.region));
        const aws::CredentialResolution credentials = chain.resolve(profile);
        if (!credentials.isValid()) {
            m_err << (credentials.error.isEmpty()
                    ? u"Unable to locate credentials. You can configure credentials by running "
                      u"\"aws configure\"."_s
                    : credentials.error)
                  << u'\n';
            m_err.flush();
            return ExitTransportError;
        }
        m_http->setCredentials(*credentials.credentials);
        m_context.m_config = config;
    }

    spec->run(m_context);
    return -1;
}

void WarroomCtl::finishWith(int exitCode)
{
    m_exitCode = exitCode;
    emit finished(exitCode);
}

} // namespace warroom::ctl
