#include "FindingSavedFilters.h"

#include "store/Database.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace warroom::itemmodels {

using namespace Qt::StringLiterals;

namespace {

QJsonObject readAll(QSqlDatabase connection, QString *error)
{
    QSqlQuery query(connection);
    query.prepare(u"SELECT value FROM settings WHERE key = ?"_s);
    query.addBindValue(QString::fromLatin1(FindingSavedFilters::SettingsKey));
    if (!query.exec()) {
        *error = query.lastError().text();
        return {};
    }
    return query.next() ? QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object()
                        : QJsonObject();
}

bool writeAll(QSqlDatabase &connection, const QJsonObject &all, QString *error)
{
    QSqlQuery query(connection);
    query.prepare(u"INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
                  u"UPDATE SET value = excluded.value"_s);
    query.addBindValue(QString::fromLatin1(FindingSavedFilters::SettingsKey));
    query.addBindValue(QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

bool update(
    store::Database &database, const std::function<void(QJsonObject &)> &change, QString *error)
{
    return database.write(
        [&](QSqlDatabase &connection, QString *writeError) {
            writeError->clear();
            QJsonObject all = readAll(connection, writeError);
            if (!writeError->isEmpty())
                return false;
            change(all);
            return writeAll(connection, all, writeError);
        },
        error);
}

} // namespace

QMap<QString, FindingQueueFilter> FindingSavedFilters::load(
    store::Database &database, QString *error)
{
    QMap<QString, FindingQueueFilter> filters;
    const QJsonObject all = readAll(database.reader(), error);
    for (auto it = all.begin(); it != all.end(); ++it)
        filters.insert(it.key(), FindingQueueFilter::fromJson(it.value().toObject()));
    return filters;
}

bool FindingSavedFilters::save(store::Database &database, const QString &name,
    const FindingQueueFilter &filter, QString *error)
{
    if (name.trimmed().isEmpty()) {
        *error = QObject::tr("A saved filter needs a name.");
        return false;
    }
    return update(
        database, [&](QJsonObject &all) { all.insert(name.trimmed(), filter.toJson()); }, error);
}

bool FindingSavedFilters::remove(store::Database &database, const QString &name, QString *error)
{
    return update(
        database, [&](QJsonObject &all) { all.remove(name); }, error);
}

} // namespace warroom::itemmodels
