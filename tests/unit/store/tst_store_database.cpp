// Database and Workspace: migrations, reopening, refusals that leave files untouched,
// transactions, batched writes, readers on other threads, the outbox.

#include "store/Database.h"
#include "store/OutboxRepository.h"
#include "store/Workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using warroom::store::Database;
using warroom::store::OutboxEntry;
using warroom::store::OutboxRepository;
using warroom::store::Workspace;

namespace {

// Every file in `directory` with a hash of its bytes.
QMap<QString, QByteArray> snapshot(const QString &directory)
{
    QMap<QString, QByteArray> files;
    const QStringList names = QDir(directory).entryList(QDir::Files | QDir::Hidden);
    for (const QString &name : names) {
        QFile file(directory + u'/' + name);
        if (file.open(QIODevice::ReadOnly))
            files.insert(
                name, QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256));
    }
    return files;
}

qint64 scalar(QSqlDatabase connection, const QString &sql)
{
    QSqlQuery query(connection);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

bool insertSetting(QSqlDatabase &connection, const QString &key, QString *error)
{
    QSqlQuery query(connection);
    query.prepare(u"INSERT INTO settings (key, value) VALUES (?, 'v')"_s);
    query.addBindValue(key);
    return warroom::store::execQuery(query, error);
}

} // namespace

class TestStoreDatabase final : public QObject
{
    Q_OBJECT

private slots:
    void migratesAnEmptyFolder();
    void reopensWithData();
    void refusesNewerSchema();
    void refusesFileThatIsNotADatabase();
    void refusesFolderThatIsAFile();
    void failedWriteLeavesNothing();
    void nestedWriteIsRefused();
    void batchedWriteCommitsPerBatchAndCancels();
    void readerOnAnotherThreadSeesCommittedData();
    void checkpointsOffTheWritingThread();
    void outboxOrderPerCase();
    void outboxEnqueueIsAtomicWithTheChange();
    void defaultDirectory();

private:
    QTemporaryDir m_root;
};

void TestStoreDatabase::migratesAnEmptyFolder()
{
    const QString directory = m_root.filePath(u"fresh/nested"_s);
    QString error;
    std::unique_ptr<Workspace> workspace = Workspace::open(directory, &error);
    QVERIFY2(workspace, qPrintable(error));
    QCOMPARE(workspace->databasePath(), directory + u"/workspace.sqlite"_s);
    QCOMPARE(workspace->displayName(), u"nested"_s);
    QVERIFY(QFile::exists(workspace->databasePath()));
    Database &database = workspace->database();
    QCOMPARE(database.schemaVersion(), Database::SchemaVersion);

    QSqlDatabase reader = database.reader();
    QSqlQuery query(reader);
    QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"wal"_s);
    QCOMPARE(scalar(reader, u"PRAGMA foreign_keys"_s), 1);
    for (const QString &table : {u"cases"_s, u"comments"_s, u"case_edits"_s, u"attachments"_s,
             u"investigations"_s, u"findings"_s, u"findings_fts"_s, u"rules"_s, u"membership"_s,
             u"membership_responders"_s, u"membership_ous"_s, u"org_nodes"_s, u"outbox"_s,
             u"tags"_s, u"settings"_s, u"timeline"_s}) {
        QCOMPARE(
            scalar(reader, u"SELECT COUNT(*) FROM sqlite_master WHERE name = '"_s + table + u"'"_s),
            1);
    }
    // Every column the triage queue sorts or filters on has an index.
    for (const QString &column : {u"severity"_s, u"last_seen"_s, u"account_id"_s, u"region"_s,
             u"type"_s, u"verdict"_s, u"fingerprint"_s, u"source"_s}) {
        QVERIFY2(scalar(reader,
                     u"SELECT COUNT(*) FROM pragma_index_list('findings') l, "
                     u"pragma_index_info(l.name) i WHERE i.name = '"_s
                         + column + u"'"_s)
                > 0,
            qPrintable(column));
    }
    QCOMPARE(database.integrityCheck(), u"ok"_s);
    // The reader is read-only.
    QVERIFY(!query.exec(u"INSERT INTO settings (key, value) VALUES ('a', 'b')"_s));
}

void TestStoreDatabase::reopensWithData()
{
    const QString directory = m_root.filePath(u"reopen"_s);
    QString error;
    {
        std::unique_ptr<Workspace> workspace = Workspace::open(directory, &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(workspace->database().write(
            [](QSqlDatabase &c, QString *e) { return insertSetting(c, u"kept"_s, e); }, &error));
    }
    std::unique_ptr<Workspace> workspace = Workspace::open(directory, &error);
    QVERIFY2(workspace, qPrintable(error));
    QCOMPARE(workspace->database().schemaVersion(), Database::SchemaVersion);
    QCOMPARE(scalar(workspace->database().reader(),
                 u"SELECT COUNT(*) FROM settings WHERE key = 'kept'"_s),
        1);
}

void TestStoreDatabase::refusesNewerSchema()
{
    const QString directory = m_root.filePath(u"newer"_s);
    QString error;
    {
        std::unique_ptr<Workspace> workspace = Workspace::open(directory, &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(workspace->database().write(
            [](QSqlDatabase &c, QString *e) {
                return warroom::store::execStatement(c, u"PRAGMA user_version = 999"_s, e);
            },
            &error));
    }
    const auto before = snapshot(directory);
    QVERIFY(before.contains(u"workspace.sqlite"_s));
    QVERIFY(!before.contains(u"workspace.sqlite-wal"_s));

    error.clear();
    QVERIFY(!Workspace::open(directory, &error));
    QVERIFY2(error.contains(u"newer version of Warroom"_s), qPrintable(error));
    QVERIFY2(error.contains(u"999"_s), qPrintable(error));
    QCOMPARE(snapshot(directory), before);
}

void TestStoreDatabase::refusesFileThatIsNotADatabase()
{
    const QString directory = m_root.filePath(u"text"_s);
    QVERIFY(QDir().mkpath(directory));
    QFile file(directory + u"/workspace.sqlite"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("These are my notes, not a database.\n").repeated(10));
    file.close();
    const auto before = snapshot(directory);

    QString error;
    QVERIFY(!Workspace::open(directory, &error));
    QVERIFY2(error.contains(u"not an SQLite database"_s), qPrintable(error));
    QCOMPARE(snapshot(directory), before);
    QCOMPARE(before.size(), 1); // no -wal or -shm either

    QVERIFY(!Database::open(directory + u"/workspace.sqlite"_s, &error));
    QCOMPARE(snapshot(directory), before);
}

void TestStoreDatabase::refusesFolderThatIsAFile()
{
    const QString path = m_root.filePath(u"plainfile"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    QVERIFY(!Workspace::open(path, &error));
    QVERIFY2(error.contains(u"not a folder"_s), qPrintable(error));
}

void TestStoreDatabase::failedWriteLeavesNothing()
{
    QString error;
    std::unique_ptr<Workspace> workspace = Workspace::open(m_root.filePath(u"atomic"_s), &error);
    QVERIFY2(workspace, qPrintable(error));
    Database &database = workspace->database();

    // The work reports failure after two inserts: both are rolled back.
    error.clear();
    QVERIFY(!database.write(
        [](QSqlDatabase &c, QString *e) {
            insertSetting(c, u"one"_s, e);
            insertSetting(c, u"two"_s, e);
            *e = u"changed my mind"_s;
            return false;
        },
        &error));
    QCOMPARE(error, u"changed my mind"_s);
    // An SQL error half-way (duplicate key) rolls back the insert before it.
    error.clear();
    QVERIFY(!database.write(
        [](QSqlDatabase &c, QString *e) {
            return insertSetting(c, u"three"_s, e) && insertSetting(c, u"three"_s, e);
        },
        &error));
    QVERIFY2(error.contains(u"UNIQUE"_s, Qt::CaseInsensitive), qPrintable(error));
    QCOMPARE(scalar(database.reader(), u"SELECT COUNT(*) FROM settings"_s), 0);

    // The writer is usable afterwards.
    QVERIFY(database.write(
        [](QSqlDatabase &c, QString *e) { return insertSetting(c, u"four"_s, e); }, &error));
    QCOMPARE(scalar(database.reader(), u"SELECT COUNT(*) FROM settings"_s), 1);
}

void TestStoreDatabase::nestedWriteIsRefused()
{
    QString error;
    std::unique_ptr<Workspace> workspace = Workspace::open(m_root.filePath(u"nested"_s), &error);
    QVERIFY2(workspace, qPrintable(error));
    Database &database = workspace->database();
    QString innerError;
    bool innerResult = true;
    QVERIFY(!database.write(
        [&](QSqlDatabase &c, QString *e) {
            insertSetting(c, u"outer"_s, e);
            innerResult
                = database.write([](QSqlDatabase &, QString *) { return true; }, &innerError);
            return innerResult;
        },
        &error));
    QVERIFY(!innerResult);
    QVERIFY(innerError.contains(u"nested"_s));
    QCOMPARE(scalar(database.reader(), u"SELECT COUNT(*) FROM settings"_s), 0);
}

void TestStoreDatabase::batchedWriteCommitsPerBatchAndCancels()
{
    QString error;
    std::unique_ptr<Workspace> workspace = Workspace::open(m_root.filePath(u"batched"_s), &error);
    QVERIFY2(workspace, qPrintable(error));
    Database &database = workspace->database();
    QList<qint64> progress;
    bool cancelled = false;
    const bool ok = database.writeBatched(
        100, 30,
        [](QSqlDatabase &c, qint64 begin, qint64 end, QString *e) {
            for (qint64 i = begin; i < end; ++i) {
                if (!insertSetting(c, QString::number(i), e))
                    return false;
            }
            return true;
        },
        [&](qint64 done, qint64 total) {
            progress.append(done);
            return total == 100 && done < 60; // cancel after the second batch
        },
        &error, &cancelled);
    QVERIFY2(ok, qPrintable(error));
    QVERIFY(cancelled);
    QCOMPARE(progress, (QList<qint64> {30, 60}));
    QCOMPARE(scalar(database.reader(), u"SELECT COUNT(*) FROM settings"_s), 60);

    // A failing batch keeps the batches before it and nothing of itself.
    QVERIFY(!database.writeBatched(
        10, 4,
        [](QSqlDatabase &c, qint64 begin, qint64 end, QString *e) {
            for (qint64 i = begin; i < end; ++i) {
                if (!insertSetting(c, u"f"_s + QString::number(i == 6 ? 5 : i), e))
                    return false;
            }
            return true;
        },
        {}, &error));
    QCOMPARE(scalar(database.reader(), u"SELECT COUNT(*) FROM settings WHERE key LIKE 'f%'"_s), 4);
}

void TestStoreDatabase::readerOnAnotherThreadSeesCommittedData()
{
    QString error;
    std::unique_ptr<Workspace> workspace = Workspace::open(m_root.filePath(u"threads"_s), &error);
    QVERIFY2(workspace, qPrintable(error));
    Database &database = workspace->database();
    QVERIFY(database.write(
        [](QSqlDatabase &c, QString *e) {
            return insertSetting(c, u"a"_s, e) && insertSetting(c, u"b"_s, e);
        },
        &error));
    QString mainName = database.reader().connectionName();
    qint64 seen = -1;
    QString threadName;
    bool threadWrote = false;
    QThread *thread = QThread::create([&] {
        QSqlDatabase reader = database.reader();
        threadName = reader.connectionName();
        seen = scalar(reader, u"SELECT COUNT(*) FROM settings"_s);
        QString threadError;
        threadWrote = database.write(
            [](QSqlDatabase &c, QString *e) { return insertSetting(c, u"c"_s, e); }, &threadError);
        database.releaseThreadConnections();
    });
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread;
    QCOMPARE(seen, 2);
    QVERIFY(threadWrote);
    QVERIFY(!threadName.isEmpty());
    QVERIFY(threadName != mainName); // never shared between threads
    QCOMPARE(scalar(database.reader(), u"SELECT COUNT(*) FROM settings"_s), 3);
}

void TestStoreDatabase::outboxOrderPerCase()
{
    QString error;
    std::unique_ptr<Workspace> workspace = Workspace::open(m_root.filePath(u"outbox"_s), &error);
    QVERIFY2(workspace, qPrintable(error));
    Database &database = workspace->database();
    QList<qint64> ids;
    QVERIFY(database.write(
        [&](QSqlDatabase &c, QString *e) {
            OutboxRepository outbox(c);
            const QList<std::pair<QString, QString>> entries = {{u"A"_s, u"UpdateCase"_s},
                {u"B"_s, u"CreateCaseComment"_s}, {u"A"_s, u"UpdateCaseStatus"_s},
                {u"A"_s, u"CloseCase"_s}, {u"B"_s, u"UpdateCaseComment"_s}};
            for (const auto &[caseId, operation] : entries) {
                OutboxEntry entry;
                entry.caseId = caseId;
                entry.operation = operation;
                entry.payload = QJsonObject {{u"n"_s, ids.size()}};
                const qint64 id = outbox.enqueue(entry, e);
                if (id <= 0)
                    return false;
                ids.append(id);
            }
            return true;
        },
        &error));
    QVERIFY(std::is_sorted(ids.cbegin(), ids.cend()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    OutboxRepository reader(database.reader());
    QList<OutboxEntry> heads = reader.nextPendingPerCase(now);
    QCOMPARE(heads.size(), 2);
    QCOMPARE(heads.at(0).id, ids.at(0));
    QCOMPARE(heads.at(0).operation, u"UpdateCase"_s);
    QCOMPARE(heads.at(0).payload.value(u"n"_s).toInt(), 0);
    QCOMPARE(heads.at(1).id, ids.at(1));
    QVERIFY(!heads.at(0).clientToken.isEmpty());
    QVERIFY(heads.at(0).clientToken != heads.at(1).clientToken);

    // A sent; the next entry of A comes up. B waits for a retry in an hour.
    QVERIFY(database.write(
        [&](QSqlDatabase &c, QString *e) {
            OutboxRepository outbox(c);
            return outbox.markSent(ids.at(0), now, e)
                && outbox.markRetry(ids.at(1), u"throttled"_s, now.addSecs(3600), e);
        },
        &error));
    std::optional<OutboxEntry> nextA = reader.nextPending(u"A"_s, now);
    QVERIFY(nextA);
    QCOMPARE(nextA->id, ids.at(2));
    QVERIFY(!reader.nextPending(u"B"_s, now));
    std::optional<OutboxEntry> laterB = reader.nextPending(u"B"_s, now.addSecs(3601));
    QVERIFY(laterB);
    QCOMPARE(laterB->attempts, 1);
    QCOMPARE(laterB->lastError, u"throttled"_s);

    // A rejected entry blocks its case (nothing is skipped) until requeued.
    QVERIFY(database.write(
        [&](QSqlDatabase &c, QString *e) {
            return OutboxRepository(c).markFailed(ids.at(2), u"ValidationException"_s, e);
        },
        &error));
    QVERIFY(!reader.nextPending(u"A"_s, now));
    QCOMPARE(reader.count(OutboxEntry::State::Failed), 1);
    QCOMPARE(reader.list(OutboxEntry::State::Failed).value(0).lastError, u"ValidationException"_s);
    QVERIFY(database.write(
        [&](QSqlDatabase &c, QString *e) { return OutboxRepository(c).requeue(ids.at(2), e); },
        &error));
    QCOMPARE(reader.nextPending(u"A"_s, now)->id, ids.at(2));
    QCOMPARE(reader.count(OutboxEntry::State::Pending), 4);
    QCOMPARE(reader.count(OutboxEntry::State::Sent), 1);

    // Marking an id that does not exist is an error.
    QVERIFY(!database.write(
        [&](QSqlDatabase &c, QString *e) { return OutboxRepository(c).markSent(99999, now, e); },
        &error));
}

void TestStoreDatabase::outboxEnqueueIsAtomicWithTheChange()
{
    QString error;
    std::unique_ptr<Workspace> workspace
        = Workspace::open(m_root.filePath(u"outbox-atomic"_s), &error);
    QVERIFY2(workspace, qPrintable(error));
    Database &database = workspace->database();
    OutboxEntry entry;
    entry.caseId = u"A"_s;
    entry.operation = u"UpdateCase"_s;
    entry.clientToken = u"token-1"_s;
    QVERIFY(database.write(
        [&](QSqlDatabase &c, QString *e) {
            return insertSetting(c, u"change-1"_s, e) && OutboxRepository(c).enqueue(entry, e) > 0;
        },
        &error));
    // The same client token again fails the enqueue, and the change with it.
    QVERIFY(!database.write(
        [&](QSqlDatabase &c, QString *e) {
            return insertSetting(c, u"change-2"_s, e) && OutboxRepository(c).enqueue(entry, e) > 0;
        },
        &error));
    QCOMPARE(scalar(database.reader(), u"SELECT COUNT(*) FROM settings"_s), 1);
    QCOMPARE(scalar(database.reader(), u"SELECT COUNT(*) FROM outbox"_s), 1);
}

void TestStoreDatabase::defaultDirectory()
{
    QCoreApplication::setApplicationName(u"warroom-test"_s);
    const QString directory = Workspace::defaultDirectory();
    QVERIFY(directory.endsWith(u"/workspaces/default"_s));
    QVERIFY(directory.contains(u"warroom-test"_s));
}

// A commit that leaves a big log is copied into the database by the checkpointer's own
// thread: the database file grows while the writing (test) thread only waits, and
// nothing written is lost across a reopen.
void TestStoreDatabase::checkpointsOffTheWritingThread()
{
    const QString directory = m_root.filePath(u"checkpoint"_s);
    QString error;
    auto workspace = Workspace::open(directory, &error);
    QVERIFY2(workspace, qPrintable(error));
    const QString file = workspace->database().path();
    const qint64 before = QFileInfo(file).size();
    const QString value(8000, u'x'); // 2,000 rows of 8 KB: about 16 MB of log
    QSqlQuery pageSize(workspace->database().reader());
    QVERIFY(pageSize.exec(u"PRAGMA page_size"_s) && pageSize.next());
    const qint64 pageBytes = pageSize.value(0).toLongLong();
    QCOMPARE(pageBytes, 8192); // a new workspace's pages
    QVERIFY2(workspace->database().write(
                 [&](QSqlDatabase &c, QString *e) {
                     QSqlQuery query(c);
                     query.prepare(u"INSERT INTO settings (key, value) VALUES (?, ?)"_s);
                     for (int i = 0; i < 2000; ++i) {
                         query.addBindValue(u"big-%1"_s.arg(i));
                         query.addBindValue(value);
                         if (!warroom::store::execQuery(query, e))
                             return false;
                     }
                     return true;
                 },
                 &error),
        qPrintable(error));
    QVERIFY(QFileInfo(file + u"-wal"_s).size() > 8 * 1000 * 1000);
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     return workspace->database().framesCheckpointedInBackground() * pageBytes
                         >= 12 * 1000 * 1000
                         && QFileInfo(file).size() > before + 12 * 1000 * 1000;
                 },
                 10000),
        qPrintable(
            u"database file %1 bytes (was %2), %3 frames checkpointed"_s.arg(QFileInfo(file).size())
                .arg(before)
                .arg(workspace->database().framesCheckpointedInBackground())));
    workspace.reset();
    workspace = Workspace::open(directory, &error);
    QVERIFY2(workspace, qPrintable(error));
    QCOMPARE(scalar(workspace->database().reader(),
                 u"SELECT COUNT(*) FROM settings WHERE key LIKE 'big-%'"_s),
        2000);
}

QTEST_GUILESS_MAIN(TestStoreDatabase)
#include "tst_store_database.moc"
