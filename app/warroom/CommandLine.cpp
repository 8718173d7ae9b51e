#include "CommandLine.h"

#include "demo/FindingGenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstring>

namespace warroom::app {

using namespace Qt::StringLiterals;

bool runsWithoutWindow(int argc, char *argv[])
{
    for (int index = 1; index < argc; ++index) {
        const char *argument = argv[index];
        if (std::strncmp(argument, "--generate-findings", 19) == 0
            || std::strcmp(argument, "--version") == 0 || std::strcmp(argument, "-v") == 0
            || std::strcmp(argument, "--help") == 0 || std::strcmp(argument, "-h") == 0
            || std::strcmp(argument, "--help-all") == 0)
            return true;
    }
    return false;
}

bool parseCommandLine(const QCoreApplication &app, CommandLine *commandLine, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Incident command console for AWS Security "
        "Incident Response."));
    parser.addHelpOption();
    parser.addVersionOption();

    const QCommandLineOption workspaceOption(u"workspace"_s,
        QCoreApplication::translate("main", "Open the workspace in <dir> (created when missing)."),
        u"dir"_s);
    const QCommandLineOption demoOption(u"demo"_s,
        QCoreApplication::translate("main", "Fill the workspace with demo data when it is empty."));
    const QCommandLineOption generateOption(u"generate-findings"_s,
        QCoreApplication::translate("main", "Write <n> demo findings to --output and exit."),
        u"n"_s);
    const QCommandLineOption formatOption(u"format"_s,
        QCoreApplication::translate("main",
            "Format of the generated findings: guardduty, guardduty-jsonl, asff or "
            "eventbridge-jsonl (default: guardduty)."),
        u"format"_s, u"guardduty"_s);
    const QCommandLineOption outputOption(u"output"_s,
        QCoreApplication::translate("main",
            "File the generated findings go to (- for "
            "standard output)."),
        u"file"_s);
    const QCommandLineOption seedOption(u"seed"_s,
        QCoreApplication::translate("main", "Seed of the finding generator (default: 1)."),
        u"seed"_s, u"1"_s);
    const QCommandLineOption themeOption(u"theme"_s,
        QCoreApplication::translate("main",
            "Colours for this run: system, light or dark (default: the choice saved from "
            "View > Theme)."),
        u"theme"_s);
    parser.addOptions({workspaceOption, demoOption, themeOption, generateOption, formatOption,
        outputOption, seedOption});

    // process() prints and exits for --help, --version and unknown options.
    parser.process(app);
    if (!parser.positionalArguments().isEmpty()) {
        *error = QCoreApplication::translate("main", "Unexpected argument: %1")
                     .arg(parser.positionalArguments().constFirst());
        return false;
    }

    commandLine->workspaceDirectory = parser.value(workspaceOption);
    commandLine->seedDemo = parser.isSet(demoOption);
    commandLine->theme = parser.value(themeOption).toLower();
    if (parser.isSet(themeOption) && commandLine->theme != u"system"_s
        && commandLine->theme != u"light"_s && commandLine->theme != u"dark"_s) {
        *error = QCoreApplication::translate(
            "main", "--theme must be system, light or dark, not \"%1\".")
                     .arg(parser.value(themeOption));
        return false;
    }
    commandLine->generateFindings = parser.isSet(generateOption);
    if (!commandLine->generateFindings) {
        if (parser.isSet(outputOption) || parser.isSet(formatOption)) {
            *error = QCoreApplication::translate(
                "main", "--format and --output only go with --generate-findings N.");
            return false;
        }
        return true;
    }

    bool ok = false;
    commandLine->findingCount = parser.value(generateOption).toLongLong(&ok);
    if (!ok || commandLine->findingCount < 0) {
        *error = QCoreApplication::translate(
            "main", "--generate-findings needs a whole number of 0 or more, not \"%1\".")
                     .arg(parser.value(generateOption));
        return false;
    }
    commandLine->findingFormat = parser.value(formatOption);
    demo::FindingGenerator::Format format;
    if (!demo::FindingGenerator::parseFormat(commandLine->findingFormat, &format)) {
        *error = QCoreApplication::translate("main",
            "Unknown --format \"%1\": use guardduty, guardduty-jsonl, asff or "
            "eventbridge-jsonl.")
                     .arg(commandLine->findingFormat);
        return false;
    }
    commandLine->outputFile = parser.value(outputOption);
    if (commandLine->outputFile.isEmpty()) {
        *error = QCoreApplication::translate("main",
            "--generate-findings needs --output FILE (or - "
            "for standard output).");
        return false;
    }
    commandLine->seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok) {
        *error = QCoreApplication::translate("main", "--seed needs a whole number, not \"%1\".")
                     .arg(parser.value(seedOption));
        return false;
    }
    return true;
}

} // namespace warroom::app
