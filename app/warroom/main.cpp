// Composition root of the desktop console: parses the command line, opens the
// workspace (seeding the demo data when asked or on the very first start) and shows
// the main window. --generate-findings runs without a window.
#include "CommandLine.h"
#include "GenerateFindings.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "StartupProbe.h"
#include "Theme.h"
#include "demo/DemoWorkspace.h"
#include "store/Workspace.h"
#include "sync/BackendSettings.h"
#include "sync/EmbeddedBackend.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace warroom;

namespace {

void printError(const QString &message)
{
    std::fprintf(stderr, "warroom: %s\n", qUtf8Printable(message));
}

int failInWindow(const QString &title, const QString &message)
{
    printError(message);
    ui::MessageBox::critical(nullptr, title, message);
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    // Names first: QStandardPaths and QSettings derive their folders from them.
    QCoreApplication::setOrganizationName(u"Warroom"_s);
    QCoreApplication::setApplicationName(u"Warroom"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(WARROOM_VERSION));

    const bool headless = app::runsWithoutWindow(argc, argv);
    const std::unique_ptr<app::StartupProbe> probe = app::StartupProbe::createFromEnvironment();
    std::unique_ptr<QCoreApplication> application = headless
        ? std::make_unique<QCoreApplication>(argc, argv)
        : std::make_unique<QApplication>(argc, argv);

    app::CommandLine commandLine;
    QString error;
    if (!app::parseCommandLine(*application, &commandLine, &error)) {
        printError(error);
        return 1;
    }
    if (commandLine.generateFindings) {
        if (!app::generateFindings(commandLine, &error)) {
            printError(error);
            return 1;
        }
        return 0;
    }

    ui::applyTheme(*static_cast<QApplication *>(application.get()),
        ui::parseTheme(commandLine.theme).value_or(ui::savedTheme()));
    QGuiApplication::setDesktopFileName(u"io.warroom.Warroom"_s);
    QGuiApplication::setApplicationDisplayName(u"Warroom"_s);

    const bool isDefaultWorkspace = commandLine.workspaceDirectory.isEmpty();
    const QString directory = isDefaultWorkspace ? store::Workspace::defaultDirectory()
                                                 : commandLine.workspaceDirectory;
    const bool firstStart
        = isDefaultWorkspace && !QFileInfo::exists(QDir(directory).filePath(u"workspace.sqlite"_s));

    std::unique_ptr<store::Workspace> workspace = store::Workspace::open(directory, &error);
    if (!workspace) {
        return failInWindow(QApplication::translate("main", "Could Not Open the Workspace"),
            QApplication::translate("main",
                "The workspace in %1 could not be "
                "opened.\n\n%2")
                .arg(QDir::toNativeSeparators(directory), error));
    }
    // The demo cases go to the store, then to the embedded backend (same IDs, dates and
    // history), so the backend accepts changes to them.
    const auto seedDemo = [&workspace](QString *seedError) {
        if (!demo::seedDemoWorkspace(*workspace, demo::DemoSize(), seedError))
            return false;
        if (sync::BackendSettings::load(workspace->database()).kind
            != sync::BackendSettings::Kind::Embedded)
            return true;
        return sync::EmbeddedBackend::seedFromStore(*workspace, seedError);
    };
    if ((commandLine.seedDemo || firstStart) && !seedDemo(&error)) {
        return failInWindow(QApplication::translate("main", "Could Not Create the Demo Data"),
            QApplication::translate("main",
                "The demo data could not be "
                "written to %1.\n\n%2")
                .arg(QDir::toNativeSeparators(directory), error));
    }

    if (probe)
        probe->mark("workspace-open");
    ui::MainWindow window(std::move(workspace));
    if (probe)
        probe->mark("window-built");
    window.show();
    if (probe)
        probe->watch(window);
    return application->exec();
}
