#include "Database.h"

#include "Schema.h"
#include "StoreLogging.h"
#include "WalCheckpointer.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QSqlDriver>
#include <QSqlError>
#include <QtEndian>

#include <sqlite3.h>

namespace warroom::store {

using namespace Qt::StringLiterals;

namespace {

QAtomicInteger<quint64> s_nextDatabaseId {1};
QAtomicInteger<quint64> s_nextThreadSerial {1};

// A serial for the calling thread that is never reused, unlike a QThread pointer.
quint64 threadSerial()
{
    static thread_local const quint64 serial = s_nextThreadSerial.fetchAndAddRelaxed(1);
    return serial;
}

// Set while this thread runs inside Database::write, to refuse nesting.
thread_local bool t_inWrite = false;

QString connectOptions()
{
    return u"QSQLITE_BUSY_TIMEOUT="_s + QString::number(Database::DefaultBusyTimeoutMs);
}

QString sqlError(const QSqlError &error)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return text.isEmpty() ? u"unknown SQLite error"_s : text;
}

// The schema version of an existing database, read through a read-only connection
// that neither checkpoints nor removes the WAL. Returns -1 when it cannot be read.
int readUserVersionReadOnly(const QString &path, QString *error)
{
    const QString name = u"warroom.store.probe."_s + QString::number(threadSerial());
    int version = -1;
    {
        QSqlDatabase probe = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        probe.setDatabaseName(path);
        probe.setConnectOptions(u"QSQLITE_OPEN_READONLY;"_s + connectOptions());
        if (!probe.open()) {
            *error = sqlError(probe.lastError());
        } else {
            QSqlQuery query(probe);
            if (query.exec(u"PRAGMA user_version"_s) && query.next())
                version = query.value(0).toInt();
            else
                *error = sqlError(query.lastError());
        }
        probe.close();
    }
    QSqlDatabase::removeDatabase(name);
    return version;
}

} // namespace

bool execQuery(QSqlQuery &query, QString *error)
{
    if (query.exec())
        return true;
    if (error)
        *error = sqlError(query.lastError());
    qCWarning(lcStore) << "SQL failed:" << query.lastError().text() << query.lastQuery();
    return false;
}

bool execStatement(QSqlDatabase &connection, const QString &statement, QString *error)
{
    QSqlQuery query(connection);
    if (!query.prepare(statement)) {
        if (error)
            *error = sqlError(query.lastError());
        qCWarning(lcStore) << "SQL prepare failed:" << query.lastError().text() << statement;
        return false;
    }
    return execQuery(query, error);
}

bool Database::checkFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (!info.exists() || info.size() == 0)
        return true; // SQLite makes a new database of a missing or empty file
    const QString shownPath = QDir::toNativeSeparators(path);
    if (!info.isFile()) {
        *error = u"“%1” is not a file, so it cannot hold a workspace."_s.arg(shownPath);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"Cannot read “%1”: %2."_s.arg(shownPath, file.errorString());
        return false;
    }
    // The 100-byte SQLite header: the magic string, and user_version at offset 60.
    const QByteArray header = file.read(100);
    static const QByteArray magic("SQLite format 3\0", 16);
    if (header.size() < 100 || !header.startsWith(magic)) {
        *error = u"“%1” is not a Warroom workspace: the file is not an SQLite database. "
                 u"It was left unchanged."_s.arg(shownPath);
        return false;
    }
    int version = static_cast<int>(qFromBigEndian<quint32>(header.constData() + 60));
    // A WAL with content may hold a newer header than the main file: ask SQLite.
    const QFileInfo wal(path + u"-wal"_s);
    if (wal.exists() && wal.size() > 0) {
        QString probeError;
        const int walVersion = readUserVersionReadOnly(path, &probeError);
        if (walVersion < 0) {
            *error = u"Cannot read the workspace database “%1”: %2. It was left unchanged."_s.arg(
                shownPath, probeError);
            return false;
        }
        version = walVersion;
    }
    if (version > SchemaVersion) {
        *error = u"The workspace “%1” was written by a newer version of Warroom (schema %2; "
                 u"this version understands up to %3). Open it with a newer Warroom. "
                 u"It was left unchanged."_s.arg(shownPath)
                     .arg(version)
                     .arg(SchemaVersion);
        return false;
    }
    return true;
}

Database::Database(const QString &path)
    : m_path(path)
    , m_connectionPrefix(
          u"warroom.store."_s + QString::number(s_nextDatabaseId.fetchAndAddRelaxed(1)) + u'.')
    , m_checkpointer(std::make_unique<WalCheckpointer>(path))
{
}

std::unique_ptr<Database> Database::open(const QString &path, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (!checkFile(path, error)) {
        qCWarning(lcStore) << "Refusing to open" << path << ":" << *error;
        return nullptr;
    }
    std::unique_ptr<Database> database(new Database(path));
    QSqlDatabase writer = database->connectionForThisThread(true, error);
    if (!writer.isOpen())
        return nullptr;
    if (!database->migrate(error))
        return nullptr;
    qCInfo(lcStore) << "Opened" << path << "schema" << SchemaVersion;
    return database;
}

qint64 Database::framesCheckpointedInBackground() const
{
    return m_checkpointer->framesCopied();
}

Database::~Database()
{
    m_checkpointer.reset(); // its connection closes first
    QMutexLocker locker(&m_connectionsMutex);
    for (const QString &name : std::as_const(m_connectionNames))
        QSqlDatabase::removeDatabase(name); // closes it once no handle is left
    m_connectionNames.clear();
}

QSqlDatabase Database::connectionForThisThread(bool forWriting, QString *error)
{
    const QString name = m_connectionPrefix + (forWriting ? u"write."_s : u"read."_s)
        + QString::number(threadSerial());
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);

    QSqlDatabase connection = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    {
        QMutexLocker locker(&m_connectionsMutex);
        m_connectionNames.append(name);
    }
    connection.setDatabaseName(m_path);
    connection.setConnectOptions(connectOptions());
    if (!connection.open()) {
        if (error)
            *error = u"Cannot open the workspace database “%1”: %2."_s.arg(
                QDir::toNativeSeparators(m_path), sqlError(connection.lastError()));
        qCWarning(lcStore) << "open failed" << m_path << connection.lastError().text();
        return connection;
    }
    bool ok = true;
    QString pragmaError;
    if (forWriting) {
        // 8 KB pages for a new database (an existing one keeps its size): ingest writes each
        // finding into the table, 9 secondary indexes and FTS5, and with pages twice the
        // default the writer spends about 12 % less CPU a finding (bench_ingest, A/B).
        ok = execStatement(connection, u"PRAGMA page_size=8192"_s, &pragmaError);
        QSqlQuery journal(connection);
        if (ok) {
            ok = journal.exec(u"PRAGMA journal_mode=WAL"_s) && journal.next()
                && journal.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) == 0;
            if (!ok)
                pragmaError = u"cannot switch to WAL mode: "_s + sqlError(journal.lastError());
        }
        ok = ok && execStatement(connection, u"PRAGMA synchronous=NORMAL"_s, &pragmaError);
        // Bulk batches (20,000 findings touch the table, 13 indexes and the FTS index)
        // outgrow the default 2 MB cache, which then spills dirty pages mid-transaction.
        ok = ok && execStatement(connection, u"PRAGMA cache_size=-65536"_s, &pragmaError);
        // A statement that writes many rows keeps the pages it may have to roll back in a
        // statement journal, a temporary file by default (every bulk upsert wrote each
        // index page it touched there too): in memory instead.
        ok = ok && execStatement(connection, u"PRAGMA temp_store=MEMORY"_s, &pragmaError);
        // The log is reused from its start after a checkpoint; a bulk import may have
        // grown it: cut back to 64 MB then.
        ok = ok && execStatement(connection, u"PRAGMA journal_size_limit=67108864"_s, &pragmaError);
        if (ok) {
            if (sqlite3 *handle = sqliteHandle(connection))
                m_checkpointer->attach(handle);
        }
    } else {
        ok = execStatement(connection, u"PRAGMA query_only=ON"_s, &pragmaError);
    }
    ok = ok && execStatement(connection, u"PRAGMA foreign_keys=ON"_s, &pragmaError);
    if (!ok) {
        if (error)
            *error = u"Cannot set up the workspace database “%1”: %2."_s.arg(
                QDir::toNativeSeparators(m_path), pragmaError);
        connection.close();
    }
    return connection;
}

QSqlDatabase Database::reader()
{
    return connectionForThisThread(false, nullptr);
}

void Database::releaseThreadConnections()
{
    const QString suffix = u'.' + QString::number(threadSerial());
    QMutexLocker locker(&m_connectionsMutex);
    for (const QString &role : {u"write"_s, u"read"_s}) {
        const QString name = m_connectionPrefix + role + suffix;
        if (m_connectionNames.removeOne(name))
            QSqlDatabase::removeDatabase(name);
    }
}

int Database::schemaVersion() const
{
    QSqlDatabase connection = const_cast<Database *>(this)->reader();
    QSqlQuery query(connection);
    if (query.exec(u"PRAGMA user_version"_s) && query.next())
        return query.value(0).toInt();
    return -1;
}

bool Database::write(const WriteFunction &work, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (t_inWrite) {
        *error = u"A write is already running on this thread (nested Database::write)."_s;
        qCWarning(lcStore) << *error;
        return false;
    }
    QMutexLocker locker(&m_writeMutex);
    QSqlDatabase connection = connectionForThisThread(true, error);
    if (!connection.isOpen())
        return false;
    if (!execStatement(connection, u"BEGIN IMMEDIATE"_s, error))
        return false;
    t_inWrite = true;
    bool ok = false;
    try {
        ok = work(connection, error);
    } catch (...) {
        t_inWrite = false;
        execStatement(connection, u"ROLLBACK"_s, nullptr);
        throw;
    }
    t_inWrite = false;
    if (ok) {
        ok = execStatement(connection, u"COMMIT"_s, error);
        if (ok)
            return true;
    }
    if (error->isEmpty())
        *error = u"The change was not saved."_s;
    qCInfo(lcStore) << "Rolling back:" << *error;
    execStatement(connection, u"ROLLBACK"_s, nullptr);
    return false;
}

bool Database::writeBatched(qint64 total, int batchSize, const BatchFunction &work,
    const ProgressFunction &progress, QString *error, bool *cancelled)
{
    if (cancelled)
        *cancelled = false;
    batchSize = qMax(1, batchSize);
    for (qint64 begin = 0; begin < total; begin += batchSize) {
        const qint64 end = qMin(total, begin + batchSize);
        const bool ok
            = write([&](QSqlDatabase &connection,
                        QString *batchError) { return work(connection, begin, end, batchError); },
                error);
        if (!ok)
            return false;
        if (progress && !progress(end, total)) {
            if (cancelled)
                *cancelled = true;
            qCInfo(lcStore) << "Batched write cancelled after" << end << "of" << total;
            return true;
        }
    }
    return true;
}

QString Database::integrityCheck()
{
    QSqlQuery query(reader());
    if (!query.exec(u"PRAGMA integrity_check"_s))
        return sqlError(query.lastError());
    QStringList lines;
    while (query.next())
        lines.append(query.value(0).toString());
    return lines.join(u'\n');
}

bool Database::migrate(QString *error)
{
    return write(
        [](QSqlDatabase &connection, QString *migrationError) {
            QSqlQuery query(connection);
            if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
                *migrationError = sqlError(query.lastError());
                return false;
            }
            const int from = query.value(0).toInt();
            query.finish();
            if (from > SchemaVersion) {
                *migrationError = u"The workspace was written by a newer version of "
                                  u"Warroom (schema %1; this version understands up to "
                                  u"%2)."_s.arg(from)
                                      .arg(SchemaVersion);
                return false;
            }
            for (int version = from + 1; version <= SchemaVersion; ++version) {
                qCInfo(lcStore) << "Migrating schema to version" << version;
                const QStringList statements = schemaMigration(version);
                for (const QString &statement : statements) {
                    if (!execStatement(connection, statement, migrationError)) {
                        *migrationError
                            = u"Schema migration to version %1 failed: %2"_s.arg(version).arg(
                                *migrationError);
                        return false;
                    }
                }
                if (!execStatement(connection,
                        u"PRAGMA user_version = "_s + QString::number(version), migrationError))
                    return false;
            }
            return true;
        },
        error);
}

sqlite3 *sqliteHandle(const QSqlDatabase &connection)
{
    if (!connection.driver())
        return nullptr;
    const QVariant handle = connection.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace warroom::store
