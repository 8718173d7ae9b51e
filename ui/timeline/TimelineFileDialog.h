#pragma once

#include <QString>

class QWidget;

namespace warroom::ui {

// The CSV file picker of the timeline. Tests queue the next answer with setNextFile()
// (an empty string stands for Cancel) so no modal dialog opens under test.
class TimelineFileDialog final
{
public:
    static QString getSaveFileName(QWidget *parent, const QString &suggestedPath);
    static void setNextFile(const QString &path);
    static bool hasPendingFile();
};

} // namespace warroom::ui
