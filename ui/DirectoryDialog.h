#pragma once

#include <QString>

class QWidget;

namespace warroom::ui {

// The folder picker of the UI. Tests queue the next answer with setNextDirectory()
// (an empty string stands for Cancel) so no modal dialog ever opens under test.
class DirectoryDialog final
{
public:
    static QString getExistingDirectory(
        QWidget *parent, const QString &caption, const QString &startDirectory);

    static void setNextDirectory(const QString &directory);
    static bool hasPendingDirectory();
    static QString lastCaption();
};

} // namespace warroom::ui
