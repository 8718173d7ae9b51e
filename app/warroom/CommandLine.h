#pragma once

#include <QString>

class QCoreApplication;

namespace warroom::app {

// What the command line asked for, checked and ready to act on.
struct CommandLine
{
    QString workspaceDirectory; // empty: the default workspace
    bool seedDemo = false;
    QString theme; // "system", "light" or "dark"; empty: the saved choice

    bool generateFindings = false;
    qint64 findingCount = 0;
    QString findingFormat;
    QString outputFile; // "-" for standard output
    quint64 seed = 1;
};

// True when the arguments ask for work that needs no window (--generate-findings,
// --version, --help), so main() can start without a display.
bool runsWithoutWindow(int argc, char *argv[]);

// Parses the application's arguments. Handles --help and --version itself (prints and
// exits). Returns false with *error set for arguments that make no sense.
bool parseCommandLine(const QCoreApplication &app, CommandLine *commandLine, QString *error);

} // namespace warroom::app
