// Kills a writer process with SIGKILL at random moments and checks that the workspace
// still opens, is intact, and holds every batch the writer reported committed, whole.

#include "store/Database.h"
#include "store/Workspace.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;
using warroom::store::Database;
using warroom::store::Workspace;

class TestStoreCrash final : public QObject
{
    Q_OBJECT

private slots:
    void killedWriterLosesNothingCommitted();
};

void TestStoreCrash::killedWriterLosesNothingCommitted()
{
    constexpr int Kills = 50;
    constexpr int RowsPerBatch = 250; // as in store_crash_writer.cpp
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QRandomGenerator random(QRandomGenerator::global()->generate());

    int totalCommitted = 0;
    int killedMidBatch = 0;
    for (int kill = 0; kill < Kills; ++kill) {
        // A fresh workspace every ten kills keeps the files small; the others reopen
        // a database left by earlier kills.
        const QString directory = root.filePath(u"ws%1"_s.arg(kill / 10));

        QProcess writer;
        writer.setProcessChannelMode(QProcess::SeparateChannels);
        writer.start(QStringLiteral(WARROOM_STORE_CRASH_WRITER), {directory});
        QVERIFY2(writer.waitForStarted(5000), qPrintable(writer.errorString()));
        const int delayMs = static_cast<int>(random.bounded(20, 401));
        QThread::msleep(static_cast<unsigned long>(delayMs));
        QCOMPARE(writer.state(), QProcess::Running); // it writes until it is killed
        QCOMPARE(::kill(static_cast<pid_t>(writer.processId()), SIGKILL), 0);
        QVERIFY(writer.waitForFinished(5000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

        QList<qint64> committed;
        const QList<QByteArray> lines = writer.readAllStandardOutput().split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("committed "))
                committed.append(line.mid(10).toLongLong());
        }
        const QByteArray errors = writer.readAllStandardError();
        QVERIFY2(!errors.contains("failed"), errors.constData());
        totalCommitted += static_cast<int>(committed.size());

        QString error;
        std::unique_ptr<Workspace> workspace = Workspace::open(directory, &error);
        QVERIFY2(
            workspace, qPrintable(u"kill %1 after %2 ms: %3"_s.arg(kill).arg(delayMs).arg(error)));
        Database &database = workspace->database();
        QCOMPARE(database.integrityCheck(), u"ok"_s);
        QCOMPARE(database.schemaVersion(), Database::SchemaVersion);

        QSqlQuery query(database.reader());
        QHash<qint64, int> rowsPerBatch;
        QVERIFY(query.exec(u"SELECT CAST(verdict_rule AS INTEGER), COUNT(*) FROM findings "
                           u"GROUP BY verdict_rule"_s));
        while (query.next())
            rowsPerBatch.insert(query.value(0).toLongLong(), query.value(1).toInt());
        for (const qint64 batch : std::as_const(committed)) {
            QVERIFY2(rowsPerBatch.value(batch) == RowsPerBatch,
                qPrintable(u"kill %1: committed batch %2 has %3 rows"_s.arg(kill).arg(batch).arg(
                    rowsPerBatch.value(batch))));
        }
        // No partial batch: a transaction is all or nothing (the last one may have
        // committed without the writer living to report it).
        for (auto it = rowsPerBatch.cbegin(); it != rowsPerBatch.cend(); ++it)
            QCOMPARE(it.value(), RowsPerBatch);
        if (!committed.isEmpty() && rowsPerBatch.contains(committed.last() + 1))
            ++killedMidBatch; // committed, killed before it could print

        // The full-text index follows the table.
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM findings_fts WHERE findings_fts MATCH "
                           u"'probe'"_s));
        QVERIFY(query.next());
        qint64 tableRows = 0;
        for (const int rows : std::as_const(rowsPerBatch))
            tableRows += rows;
        QCOMPARE(query.value(0).toLongLong(), tableRows);
    }
    qInfo("%d batches reported committed over %d kills (%d committed but unreported)",
        totalCommitted, Kills, killedMidBatch);
    QVERIFY(totalCommitted > 0);
}

QTEST_GUILESS_MAIN(TestStoreCrash)
#include "tst_store_crash.moc"
