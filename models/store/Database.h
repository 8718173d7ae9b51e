#pragma once

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <memory>

struct sqlite3;

namespace warroom::store {

class WalCheckpointer;

// One workspace SQLite file. WAL, synchronous=NORMAL (a killed process loses nothing
// committed), foreign keys on, busy_timeout, schema migrations keyed on user_version.
//
// QSqlDatabase connections belong to the thread that made them, so every thread gets
// its own named connections: reader() for queries, and write() for changes. Writes
// are serialised by one mutex and run as BEGIN IMMEDIATE transactions, so there is
// exactly one writer at a time whichever thread asks. The WAL is checkpointed on a
// thread of its own (WalCheckpointer), not by the thread that commits.
class Database final
{
    Q_DISABLE_COPY_MOVE(Database)

public:
    // The schema this build creates and understands.
    static constexpr int SchemaVersion = 7;
    static constexpr int DefaultBusyTimeoutMs = 5000;

    // Checks the file first: something that is not an SQLite database, or a database
    // written by a newer version, is refused with a sentence a user understands and
    // left byte-identical (no -wal/-shm created). Otherwise opens (creating the file
    // when missing) and migrates to SchemaVersion. Returns nullptr on failure.
    static std::unique_ptr<Database> open(const QString &path, QString *error);

    // Only the checks of open(), without opening: true when `path` is missing, empty,
    // or an SQLite database with a schema this build can read.
    static bool checkFile(const QString &path, QString *error);

    ~Database();

    QString path() const { return m_path; }
    int schemaVersion() const;

    // This thread's read-only connection (PRAGMA query_only), created on first use.
    // In WAL mode a QSqlQuery left active on it holds its read snapshot: finish() or
    // destroy queries so the next read sees later commits.
    QSqlDatabase reader();

    // Runs `work` in one transaction on this thread's write connection: commits when it
    // returns true, rolls everything back when it returns false (it should set *error)
    // or when the commit fails. Nested calls on the same thread are refused.
    using WriteFunction = std::function<bool(QSqlDatabase &connection, QString *error)>;
    bool write(const WriteFunction &work, QString *error);

    // Bulk work: calls `work(connection, begin, end)` for [0, total) in slices of
    // `batchSize`, one transaction per slice, so readers see progress and a cancel or
    // a failure loses at most the current slice. `progress(done, total)` runs after
    // each commit; returning false stops (not an error: *cancelled is set).
    using BatchFunction
        = std::function<bool(QSqlDatabase &connection, qint64 begin, qint64 end, QString *error)>;
    using ProgressFunction = std::function<bool(qint64 done, qint64 total)>;
    bool writeBatched(qint64 total, int batchSize, const BatchFunction &work,
        const ProgressFunction &progress, QString *error, bool *cancelled = nullptr);

    // WAL frames the checkpointer's thread has copied into the database file so far.
    qint64 framesCheckpointedInBackground() const;

    // PRAGMA integrity_check; "ok" when the file is sound.
    QString integrityCheck();

    // Closes this thread's connections; call from a worker thread before it ends.
    void releaseThreadConnections();

private:
    explicit Database(const QString &path);

    QSqlDatabase connectionForThisThread(bool forWriting, QString *error);
    bool migrate(QString *error);

    const QString m_path;
    const QString m_connectionPrefix;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    QMutex m_writeMutex;
    mutable QMutex m_connectionsMutex;
    QStringList m_connectionNames;
};

// The sqlite3 handle of a QSQLITE connection, null for another driver.
sqlite3 *sqliteHandle(const QSqlDatabase &connection);

// Runs `query` (already prepared and bound) and sets *error on failure.
bool execQuery(QSqlQuery &query, QString *error);
// Prepares and runs one statement with no bound values.
bool execStatement(QSqlDatabase &connection, const QString &statement, QString *error);

} // namespace warroom::store
