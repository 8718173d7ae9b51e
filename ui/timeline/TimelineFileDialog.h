#pragma once

#include <QString>

class QWidget;

namespace warroom::ui {

// The file pickers of the timeline (CSV export and import, reports). Tests queue the
// next answer with setNextFile() (an empty string stands for Cancel) so no modal
// dialog opens under test; the next picker of either kind takes it.
class TimelineFileDialog final
{
public:
    static QString getSaveFileName(QWidget *parent, const QString &caption,
        const QString &suggestedPath, const QString &filter);
    static QString getOpenFileName(QWidget *parent, const QString &caption, const QString &filter);
    static void setNextFile(const QString &path);
    static bool hasPendingFile();
};

} // namespace warroom::ui
