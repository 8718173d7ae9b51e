#include "TimelineFileDialog.h"

#include <QFileDialog>

#include <optional>

namespace warroom::ui {

namespace {
std::optional<QString> nextFile;
}

QString TimelineFileDialog::getSaveFileName(QWidget *parent, const QString &suggestedPath)
{
    if (nextFile) {
        const QString answer = *nextFile;
        nextFile.reset();
        return answer;
    }
    return QFileDialog::getSaveFileName(parent, QFileDialog::tr("Export timeline as CSV"),
        suggestedPath, QFileDialog::tr("CSV files (*.csv);;All files (*)"));
}

void TimelineFileDialog::setNextFile(const QString &path)
{
    nextFile = path;
}

bool TimelineFileDialog::hasPendingFile()
{
    return nextFile.has_value();
}

} // namespace warroom::ui
