#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <utility>

namespace warroom::store {

class Database;

// The workspace's settings table: text values by key (pull schedules, cursors, the
// backend choice). Never secrets.
class SettingsRepository final
{
public:
    explicit SettingsRepository(const QSqlDatabase &connection);

    // The value, or nullopt when the key was never set (or the read failed).
    std::optional<QString> value(const QString &key) const;
    // Inside a Database::write.
    bool setValue(const QString &key, const QString &value, QString *error);

    // Reads on this thread's reader; writes several values in one transaction.
    static std::optional<QString> read(Database &database, const QString &key);
    static bool write(
        Database &database, const QList<std::pair<QString, QString>> &values, QString *error);

private:
    QSqlDatabase m_connection;
};

} // namespace warroom::store
