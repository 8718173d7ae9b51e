#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace warroom::store {

class Database;

// One workspace: a folder holding one SQLite file (workspace.sqlite) plus anything
// else that belongs to it. The UI opens exactly one at a time.
class Workspace final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Workspace)

public:
    // Opens the workspace in `directory`, creating the folder and an empty, migrated
    // database when they do not exist. On failure returns nullptr and sets *error to
    // a sentence a user understands (a newer schema, a file that is not a database,
    // a folder that cannot be written); nothing on disk is changed in that case.
    static std::unique_ptr<Workspace> open(const QString &directory, QString *error);

    // <AppDataLocation>/workspaces/default: where the app looks when no
    // --workspace DIR is given.
    static QString defaultDirectory();

    ~Workspace() override;

    QString directory() const;
    QString databasePath() const;
    // The folder name, shown in the title bar and the recent list.
    QString displayName() const;

    Database &database();

private:
    Workspace(const QString &directory, std::unique_ptr<Database> database);

    QString m_directory;
    std::unique_ptr<Database> m_database;
};

} // namespace warroom::store
