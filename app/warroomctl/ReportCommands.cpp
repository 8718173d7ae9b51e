// warroomctl cases report: a case of the local workspace as a post-incident report in
// Markdown or PDF (the timeline is brought up to date with the store first).

#include "WarroomCtl.h"

#include "report/CaseReport.h"
#include "report/PdfReportWriter.h"
#include "store/Database.h"
#include "store/Workspace.h"

#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace warroom::ctl {

namespace {

void runReport(CommandContext &ctx)
{
    const QString format = ctx.has(u"format"_s) ? ctx.value(u"format"_s) : u"md"_s;
    if (format != u"md"_s && format != u"pdf"_s) {
        ctx.usageError(
            u"argument --format: Invalid choice: '%1' (choose from 'md', 'pdf')"_s.arg(format));
        return;
    }
    auto workspace = openWorkspace(ctx);
    if (!workspace)
        return;
    const QString caseId = ctx.value(u"case-id"_s);
    const QString path = ctx.value(u"out"_s);
    QString error;
    const auto report = report::CaseReport::load(workspace->database(), caseId, &error);
    workspace->database().releaseThreadConnections();
    if (!report) {
        std::fprintf(stderr, "\nwarroomctl: %s\n", qPrintable(error));
        ctx.finish(ExitUsage);
        return;
    }
    if (format == u"pdf"_s) {
        if (!report::PdfReportWriter::write(*report, path, &error)) {
            std::fprintf(stderr, "\nwarroomctl: %s\n", qPrintable(error));
            ctx.finish(ExitUsage);
            return;
        }
    } else {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(report->toMarkdown().toUtf8()) < 0 || !file.flush()) {
            std::fprintf(stderr, "\nwarroomctl: %s cannot be written: %s\n", qPrintable(path),
                qPrintable(file.errorString()));
            ctx.finish(ExitUsage);
            return;
        }
    }
    ctx.succeed(QJsonObject {{u"CaseId"_s, caseId}, {u"Format"_s, format}, {u"Out"_s, path},
        {u"TimelineEntries"_s, report->timeline().size()},
        {u"TimelineVerified"_s, report->verification().ok},
        {u"ChainHead"_s, report->verification().head}});
}

} // namespace

void addReportCommands(WarroomCtl &ctl)
{
    ctl.addCommand({u"cases"_s, u"report"_s,
        u"A case of the workspace as a post-incident report: cases report ID --format pdf|md "
        "--out FILE"_s,
        {{u"case-id"_s, OptionSpec::Arity::Single, true, u"The case (or the first word)"_s},
            {u"format"_s, OptionSpec::Arity::Single, false, u"md (default) or pdf"_s},
            {u"out"_s, OptionSpec::Arity::Single, true, u"The file to write"_s}, WorkspaceOption},
        false, runReport});
    ctl.setPositionalOption(u"cases"_s, u"report"_s, u"case-id"_s);
}

} // namespace warroom::ctl
