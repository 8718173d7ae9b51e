#include "demo/DemoOrganization.h"
#include "demo/FindingGenerator.h"
#include "store/Database.h"
#include "store/Workspace.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;

class TestFindingsCtl final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Run ctl(const QStringList &arguments)
    {
        QProcess process;
        process.start(QStringLiteral(WARROOMCTL), arguments);
        if (!process.waitForFinished(120000))
            qFatal("warroomctl did not finish");
        return {
            process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

private slots:
    void importsIntoAWorkspace()
    {
        QFile file(m_dir.filePath(u"findings.jsonl"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        demo::FindingGenerator generator(demo::DemoOrganization::standard(), 3);
        QString error;
        QVERIFY(
            generator.write(file, 500, demo::FindingGenerator::Format::GuardDutyJsonLines, &error));
        file.write("not json\n");
        file.close();
        const QString workspaceDir = m_dir.filePath(u"ws"_s);

        const Run run = ctl({u"findings"_s, u"import"_s, u"--file"_s, file.fileName(),
            u"--workspace"_s, workspaceDir});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        const qint64 stored = json.value(u"Stored"_s).toInteger();
        QVERIFY(stored > 400);
        QCOMPARE(json.value(u"SkippedCount"_s).toInt(), 1);
        QCOMPARE(json.value(u"Skipped"_s).toArray().at(0)[u"Position"_s].toInt(), 501);

        auto workspace = store::Workspace::open(workspaceDir, &error);
        QVERIFY2(workspace, qPrintable(error));
        QSqlQuery query(workspace->database().reader());
        QVERIFY(query.exec(u"SELECT COUNT(*), SUM(verdict <> '') FROM findings"_s) && query.next());
        const qint64 rows = query.value(0).toLongLong();
        QVERIFY(rows > 400 && rows <= stored); // updates of the same id are one row
        QCOMPARE(query.value(1).toLongLong(), rows); // every finding has a verdict
    }

    void refusesAMissingFile()
    {
        const Run run = ctl({u"findings"_s, u"import"_s, u"--file"_s,
            m_dir.filePath(u"missing.json"_s), u"--workspace"_s, m_dir.filePath(u"ws2"_s)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("--file"));
        const Run noFile = ctl({u"findings"_s, u"import"_s});
        QCOMPARE(noFile.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestFindingsCtl)
#include "tst_findingsctl.moc"
