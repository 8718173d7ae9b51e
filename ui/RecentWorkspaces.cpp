#include "RecentWorkspaces.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace warroom::ui {

using namespace Qt::StringLiterals;

namespace {

const QString RecentKey = u"Workspace/recent"_s;

QString normalized(const QString &directory)
{
    return QDir::cleanPath(QFileInfo(directory).absoluteFilePath());
}

void store(const QStringList &directories)
{
    QSettings settings;
    if (directories.isEmpty())
        settings.remove(RecentKey);
    else
        settings.setValue(RecentKey, directories);
}

} // namespace

QStringList RecentWorkspaces::load()
{
    const QStringList stored = QSettings().value(RecentKey).toStringList();
    QStringList kept;
    for (const QString &directory : stored) {
        const QString path = normalized(directory);
        if (QFileInfo(path).isDir() && !kept.contains(path) && kept.size() < MaximumCount)
            kept.append(path);
    }
    if (kept != stored)
        store(kept);
    return kept;
}

void RecentWorkspaces::add(const QString &directory)
{
    const QString path = normalized(directory);
    QStringList directories = load();
    directories.removeAll(path);
    directories.prepend(path);
    while (directories.size() > MaximumCount)
        directories.removeLast();
    store(directories);
}

void RecentWorkspaces::clear()
{
    store({});
}

} // namespace warroom::ui
