#include "FindingFileDialog.h"

#include <QFileDialog>

#include <optional>

namespace warroom::ui::triage {

using namespace Qt::StringLiterals;

namespace {
std::optional<QString> nextFile;
}

QString FindingFileDialog::getOpenFileName(QWidget *parent, const QString &startDirectory)
{
    if (nextFile) {
        const QString answer = *nextFile;
        nextFile.reset();
        return answer;
    }
    return QFileDialog::getOpenFileName(parent, QFileDialog::tr("Import findings"), startDirectory,
        QFileDialog::tr("Findings (*.json *.jsonl *.ndjson);;All files (*)"));
}

void FindingFileDialog::setNextFile(const QString &path)
{
    nextFile = path;
}

bool FindingFileDialog::hasPendingFile()
{
    return nextFile.has_value();
}

} // namespace warroom::ui::triage
