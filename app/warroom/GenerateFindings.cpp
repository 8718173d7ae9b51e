#include "GenerateFindings.h"

#include "CommandLine.h"
#include "demo/DemoOrganization.h"
#include "demo/FindingGenerator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <cstdio>

namespace warroom::app {

using namespace Qt::StringLiterals;

bool generateFindings(const CommandLine &commandLine, QString *error)
{
    demo::FindingGenerator::Format format;
    if (!demo::FindingGenerator::parseFormat(commandLine.findingFormat, &format)) {
        *error = QCoreApplication::translate("main", "Unknown format \"%1\".")
                     .arg(commandLine.findingFormat);
        return false;
    }
    demo::FindingGenerator generator(demo::DemoOrganization::standard(), commandLine.seed);

    if (commandLine.outputFile == u"-"_s) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly)) {
            *error = out.errorString();
            return false;
        }
        return generator.write(out, commandLine.findingCount, format, error);
    }

    // QSaveFile: the target appears only when complete, never half written.
    QSaveFile out(commandLine.outputFile);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = QCoreApplication::translate("main", "Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(commandLine.outputFile), out.errorString());
        return false;
    }
    if (!generator.write(out, commandLine.findingCount, format, error)) {
        out.cancelWriting();
        return false;
    }
    if (!out.commit()) {
        *error = QCoreApplication::translate("main", "Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(commandLine.outputFile), out.errorString());
        return false;
    }
    return true;
}

} // namespace warroom::app
