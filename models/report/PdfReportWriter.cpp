#include "report/PdfReportWriter.h"

#include "report/CaseReport.h"

#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QTextOption>

using namespace Qt::StringLiterals;

namespace warroom::report {

bool PdfReportWriter::write(const CaseReport &report, const QString &path, QString *error)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        *error = u"Writing a PDF needs a QGuiApplication (fonts)."_s;
        return false;
    }
    // Through a QSaveFile: a failed or cancelled write leaves any earlier file as it was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"%1 cannot be written: %2"_s.arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setTitle(report.title());
        writer.setCreator(u"Warroom"_s);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
            QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter));
        QTextDocument document;
        // Hashes and ARNs have no spaces: they break anywhere rather than run off the page.
        QTextOption option = document.defaultTextOption();
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        document.setDefaultTextOption(option);
        document.setHtml(report.toHtml());
        document.print(&writer);
    }
    if (file.size() == 0) {
        file.cancelWriting();
        *error = u"The PDF writer wrote nothing to %1."_s.arg(path);
        return false;
    }
    if (!file.commit()) {
        *error = u"%1 cannot be written: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace warroom::report
