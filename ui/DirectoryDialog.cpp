#include "DirectoryDialog.h"

#include <QFileDialog>

#include <optional>

namespace warroom::ui {

namespace {
std::optional<QString> s_nextDirectory;
QString s_lastCaption;
} // namespace

QString DirectoryDialog::getExistingDirectory(
    QWidget *parent, const QString &caption, const QString &startDirectory)
{
    s_lastCaption = caption;
    if (s_nextDirectory) {
        const QString directory = *s_nextDirectory;
        s_nextDirectory.reset();
        return directory;
    }
    return QFileDialog::getExistingDirectory(
        parent, caption, startDirectory, QFileDialog::ShowDirsOnly);
}

void DirectoryDialog::setNextDirectory(const QString &directory)
{
    s_nextDirectory = directory;
}

bool DirectoryDialog::hasPendingDirectory()
{
    return s_nextDirectory.has_value();
}

QString DirectoryDialog::lastCaption()
{
    return s_lastCaption;
}

} // namespace warroom::ui
