#include "TimelineFileDialog.h"

#include <QDir>
#include <QFileDialog>

#include <optional>

namespace warroom::ui {

namespace {

std::optional<QString> nextFile;

std::optional<QString> takeNextFile()
{
    std::optional<QString> answer;
    answer.swap(nextFile);
    return answer;
}

} // namespace

QString TimelineFileDialog::getSaveFileName(
    QWidget *parent, const QString &caption, const QString &suggestedPath, const QString &filter)
{
    if (auto answer = takeNextFile())
        return *answer;
    return QFileDialog::getSaveFileName(parent, caption, suggestedPath, filter);
}

QString TimelineFileDialog::getOpenFileName(
    QWidget *parent, const QString &caption, const QString &filter)
{
    if (auto answer = takeNextFile())
        return *answer;
    return QFileDialog::getOpenFileName(parent, caption, QDir::homePath(), filter);
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
