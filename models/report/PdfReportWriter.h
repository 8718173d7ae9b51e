#pragma once

#include <QString>

namespace warroom::report {

class CaseReport;

// Lays a CaseReport out on A4 pages (QTextDocument) and writes it as a PDF (QPdfWriter).
// Needs a QGuiApplication (fonts); warroomctl makes one with the offscreen platform.
class PdfReportWriter final
{
public:
    static bool write(const CaseReport &report, const QString &path, QString *error);
};

} // namespace warroom::report
