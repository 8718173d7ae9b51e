#include "Workspace.h"

#include "Database.h"
#include "StoreLogging.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace warroom::store {

using namespace Qt::StringLiterals;

namespace {

const QString DatabaseFileName = u"workspace.sqlite"_s;

} // namespace

std::unique_ptr<Workspace> Workspace::open(const QString &directory, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (directory.isEmpty()) {
        *error = u"No workspace folder was given."_s;
        return nullptr;
    }
    const QString absolute = QDir::cleanPath(QFileInfo(directory).absoluteFilePath());
    const QString shown = QDir::toNativeSeparators(absolute);
    const QFileInfo info(absolute);
    if (info.exists() && !info.isDir()) {
        *error = u"“%1” is a file, not a folder: a workspace is a folder."_s.arg(shown);
        return nullptr;
    }
    const QString databasePath = absolute + u'/' + DatabaseFileName;
    // Refuse a foreign or newer file before creating anything next to it.
    if (!Database::checkFile(databasePath, error))
        return nullptr;
    if (!info.exists() && !QDir().mkpath(absolute)) {
        *error = u"Cannot create the workspace folder “%1”. Check that its parent folder "
                 u"exists and that you may write there."_s.arg(shown);
        return nullptr;
    }
    if (!QFileInfo(absolute).isWritable()) {
        *error
            = u"The workspace folder “%1” is read-only: Warroom needs to write there."_s.arg(shown);
        return nullptr;
    }
    std::unique_ptr<Database> database = Database::open(databasePath, error);
    if (!database)
        return nullptr;
    qCInfo(lcStore) << "Workspace opened:" << absolute;
    return std::unique_ptr<Workspace>(new Workspace(absolute, std::move(database)));
}

QString Workspace::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + u"/workspaces/default"_s;
}

Workspace::Workspace(const QString &directory, std::unique_ptr<Database> database)
    : m_directory(directory)
    , m_database(std::move(database))
{
}

Workspace::~Workspace() = default;

QString Workspace::directory() const
{
    return m_directory;
}

QString Workspace::databasePath() const
{
    return m_database->path();
}

QString Workspace::displayName() const
{
    const QString name = QDir(m_directory).dirName();
    return name.isEmpty() ? QDir::toNativeSeparators(m_directory) : name;
}

Database &Workspace::database()
{
    return *m_database;
}

} // namespace warroom::store
