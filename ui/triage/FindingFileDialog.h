#pragma once

#include <QString>

class QWidget;

namespace warroom::ui::triage {

// The findings-file picker. Tests queue the next answer with setNextFile() (an empty
// string stands for Cancel) so no modal dialog opens under test.
class FindingFileDialog final
{
public:
    static QString getOpenFileName(QWidget *parent, const QString &startDirectory);
    static void setNextFile(const QString &path);
    static bool hasPendingFile();
};

} // namespace warroom::ui::triage
