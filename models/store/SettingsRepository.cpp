#include "SettingsRepository.h"

#include "Database.h"

#include <QSqlQuery>

namespace warroom::store {

using namespace Qt::StringLiterals;

SettingsRepository::SettingsRepository(const QSqlDatabase &connection)
    : m_connection(connection)
{
}

std::optional<QString> SettingsRepository::value(const QString &key) const
{
    QSqlQuery query(m_connection);
    query.prepare(u"SELECT value FROM settings WHERE key = ?"_s);
    query.addBindValue(key);
    std::optional<QString> value;
    if (query.exec() && query.next())
        value = query.value(0).toString();
    query.finish();
    return value;
}

bool SettingsRepository::setValue(const QString &key, const QString &value, QString *error)
{
    QSqlQuery query(m_connection);
    query.prepare(u"INSERT INTO settings (key, value) VALUES (?, ?) "
                  u"ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    query.addBindValue(key);
    query.addBindValue(value.isNull() ? u""_s : value);
    return execQuery(query, error);
}

std::optional<QString> SettingsRepository::read(Database &database, const QString &key)
{
    return SettingsRepository(database.reader()).value(key);
}

bool SettingsRepository::write(
    Database &database, const QList<std::pair<QString, QString>> &values, QString *error)
{
    return database.write(
        [&](QSqlDatabase &connection, QString *writeError) {
            SettingsRepository settings(connection);
            for (const auto &[key, value] : values)
                if (!settings.setValue(key, value, writeError))
                    return false;
            return true;
        },
        error);
}

} // namespace warroom::store
