// The Timeline area's case commands offscreen, over a real workspace store: Export
// report (PDF and Markdown, through the file dialog seam, on a worker with a busy
// state, errors shown), Post chain head to case (a marked comment queued for the
// backend, on the chain), Import CSV (every entry not on the case becomes an analyst
// entry queued for the backend; a malformed or changed file adds nothing and names its
// bad lines; importing again adds nothing).

#include "../caseboard/CaseBoardTestSupport.h"
#include "TimelinePageSupport.h"
#include "TimelineTestSupport.h"
#include "timeline/TimelineChain.h"
#include "timeline/TimelineFileDialog.h"
#include "timeline/TimelineMarkers.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelinePage.h"

#include <QtTest>
#include <QtWidgets>

using namespace Qt::StringLiterals;
using namespace warroom;
using timeline::TimelineChain;
using timeline::TimelineModel;
using ui::TimelinePage;

class TimelineCommandsTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void exportsTheReportAsMarkdownAndPdf();
    void reportErrorsAreShown();
    void postsTheChainHead();
    void importsACsvAsAnalystEntries();
    void refusesAMalformedCsvWhole();
    void refusesACsvChangedAfterExport();

private:
    std::unique_ptr<TimelinePage> openPage();
    int queuedComments(const QString &caseId, const QString &marker);
    bool trigger(TimelinePage *page, const QString &action, const QString &file);

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
    int m_run = 0;
};

void TimelineCommandsTest::init()
{
    QString error;
    m_workspace = test::twoCaseWorkspace(m_dir.filePath(u"ws%1"_s.arg(++m_run)), 30, &error);
    QVERIFY2(m_workspace, qPrintable(error));
}

void TimelineCommandsTest::cleanup()
{
    m_workspace.reset();
}

std::unique_ptr<TimelinePage> TimelineCommandsTest::openPage()
{
    return test::openTimelinePage(m_workspace.get());
}

int TimelineCommandsTest::queuedComments(const QString &caseId, const QString &marker)
{
    QSqlQuery query(m_workspace->database().reader());
    query.prepare(u"SELECT COUNT(*) FROM outbox WHERE case_id = ? AND operation = "
                  "'CreateCaseComment' AND state = 'pending' AND payload LIKE ?"_s);
    query.addBindValue(caseId);
    query.addBindValue(QString(u"%"_s + marker + u"%"_s));
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

// Chooses `file` in the next file dialog and triggers the case menu's `action`.
bool TimelineCommandsTest::trigger(TimelinePage *page, const QString &action, const QString &file)
{
    auto *menuAction = page->findChild<QAction *>(action);
    if (!menuAction || !menuAction->isEnabled())
        return false;
    if (!file.isNull())
        ui::TimelineFileDialog::setNextFile(file);
    menuAction->trigger();
    return !ui::TimelineFileDialog::hasPendingFile();
}

void TimelineCommandsTest::exportsTheReportAsMarkdownAndPdf()
{
    auto page = openPage();
    QVERIFY(page);
    QSignalSpy finished(page.get(), &TimelinePage::jobFinished);
    const QString markdown = m_dir.filePath(u"report%1.md"_s.arg(m_run));
    QVERIFY(trigger(page.get(), u"exportReportAction"_s, markdown));
    // Busy while the worker writes: the bar shows and the commands wait.
    QVERIFY(page->isBusy());
    QVERIFY(page->findChild<QProgressBar *>(u"timelineBusyProgressBar"_s)->isVisibleTo(page.get()));
    QVERIFY(!page->findChild<QAction *>(u"exportReportAction"_s)->isEnabled());
    QVERIFY(!page->findChild<QToolButton *>(u"timelineCaseMenuToolButton"_s)->isEnabled());
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!page->isBusy());
    QVERIFY(
        !page->findChild<QProgressBar *>(u"timelineBusyProgressBar"_s)->isVisibleTo(page.get()));
    QVERIFY(page->findChild<QAction *>(u"exportReportAction"_s)->isEnabled());
    QVERIFY2(
        page->messageText().contains(u"30 timeline entries"_s), qPrintable(page->messageText()));
    QFile md(markdown);
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(md.readAll());
    QVERIFY2(text.contains(u"Case 1001"_s), qPrintable(text.left(300)));
    for (int i = 0; i < 30; ++i)
        QVERIFY2(text.contains(u"Entry %1 of 1001"_s.arg(i)), qPrintable(QString::number(i)));
    const QString head = TimelineChain(m_workspace->database()).verify(u"1001"_s).head;
    QVERIFY(text.contains(head));

    // PDF for any other name.
    finished.clear();
    const QString pdf = m_dir.filePath(u"report%1.pdf"_s.arg(m_run));
    QVERIFY(trigger(page.get(), u"exportReportAction"_s, pdf));
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    QVERIFY(file.size() > 2000);
    // Read back when poppler's pdftotext is there (tst_timeline_report requires it).
    const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
    if (!pdftotext.isEmpty()) {
        QProcess process;
        process.start(pdftotext, {pdf, u"-"_s});
        QVERIFY(process.waitForFinished(30000));
        const QString read = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(read.contains(u"Case 1001"_s), qPrintable(read.left(300)));
        QVERIFY(read.contains(u"Entry 29 of 1001"_s));
    }
    // Cancelling the dialog writes nothing.
    finished.clear();
    QVERIFY(trigger(page.get(), u"exportReportAction"_s, QString(u""_s)));
    QVERIFY(!page->isBusy());
    QCOMPARE(finished.size(), 0);
}

void TimelineCommandsTest::reportErrorsAreShown()
{
    auto page = openPage();
    QVERIFY(page);
    QSignalSpy finished(page.get(), &TimelinePage::jobFinished);
    const QString path = m_dir.filePath(u"no-such-folder/report.md"_s);
    QVERIFY(trigger(page.get(), u"exportReportAction"_s, path));
    QVERIFY(finished.wait(30000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(
        page->messageText().contains(u"could not be written"_s), qPrintable(page->messageText()));
    auto *message = page->findChild<QLabel *>(u"timelineMessageLabel"_s);
    QVERIFY(message->isVisibleTo(page.get()));
    QVERIFY(!QFile::exists(path));
    // The same for a PDF into a folder that is not there.
    finished.clear();
    QVERIFY(trigger(page.get(), u"exportReportAction"_s, m_dir.filePath(u"nope/r.pdf"_s)));
    QVERIFY(finished.wait(30000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY(page->messageText().contains(u"could not be written"_s));
}

void TimelineCommandsTest::postsTheChainHead()
{
    auto page = openPage();
    QVERIFY(page);
    const timeline::ChainVerification before
        = TimelineChain(m_workspace->database()).verify(u"1001"_s);
    QVERIFY(before.ok);
    QSignalSpy finished(page.get(), &TimelinePage::jobFinished);
    QVERIFY(trigger(page.get(), u"postChainHeadAction"_s, QString()));
    QVERIFY(page->isBusy());
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(page->messageText().contains(before.head.left(12)));
    // A marked comment queued for the backend, naming the head of the 30 entries...
    QCOMPARE(queuedComments(u"1001"_s, u"[warroom-timeline chain-head v1]"_s), 1);
    QSqlQuery query(m_workspace->database().reader());
    QVERIFY(query.exec(u"SELECT body FROM comments WHERE case_id = '1001'"_s));
    QVERIFY(query.next());
    const auto posted = timeline::TimelineMarkers::parseChainHead(query.value(0).toString());
    QVERIFY(posted);
    QCOMPARE(posted->head, before.head);
    QCOMPARE(posted->entries, 30);
    QCOMPARE(posted->lastSeq, before.lastSeq);
    query.finish();
    // ...and on the chain as a chain-head entry, shown once the view re-read it.
    QTRY_COMPARE(page->model()->rowCount(), 31);
    QString error;
    const auto entries = TimelineChain(m_workspace->database()).entries(u"1001"_s, &error);
    QCOMPARE(entries.last().kind, u"chainHead"_s);
    QVERIFY(TimelineChain(m_workspace->database()).verify(u"1001"_s).ok);

    // A chain that does not verify is not posted.
    QVERIFY(m_workspace->database().write(
        [](QSqlDatabase &c, QString *e) {
            QSqlQuery q(c);
            if (q.exec(u"UPDATE timeline SET payload = replace(payload, 'Entry', 'Changed') "
                       "WHERE case_id = '1001' AND seq = (SELECT MIN(seq) FROM timeline "
                       "WHERE case_id = '1001')"_s))
                return true;
            *e = q.lastError().text();
            return false;
        },
        &error));
    finished.clear();
    QVERIFY(trigger(page.get(), u"postChainHeadAction"_s, QString()));
    QVERIFY(finished.wait(30000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(page->messageText().contains(u"does not verify"_s), qPrintable(page->messageText()));
    QCOMPARE(queuedComments(u"1001"_s, u"[warroom-timeline chain-head v1]"_s), 1);
}

void TimelineCommandsTest::importsACsvAsAnalystEntries()
{
    QString error;
    const QString path = m_dir.filePath(u"import%1.csv"_s.arg(m_run));
    QVERIFY(test::writeTestFile(path,
        TimelineChain::toCsv(TimelineChain(m_workspace->database()).entries(u"1001"_s, &error))));
    auto page = openPage();
    QVERIFY(page);
    QSignalSpy loaded(page->model(), &TimelineModel::loaded);
    page->showItem(u"1002"_s);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(page->model()->rowCount(), 5);
    QSignalSpy finished(page.get(), &TimelinePage::jobFinished);
    QVERIFY(trigger(page.get(), u"importTimelineCsvAction"_s, path));
    QVERIFY(page->isBusy());
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY2(
        page->messageText().contains(u"Imported 30 entries"_s), qPrintable(page->messageText()));
    // On the chain as analyst entries at their times, from comments queued for the backend.
    QTRY_COMPARE(page->model()->rowCount(), 35);
    const auto source = TimelineChain(m_workspace->database()).entries(u"1001"_s, &error);
    const auto entries = TimelineChain(m_workspace->database()).entries(u"1002"_s, &error);
    QCOMPARE(entries.size(), 35);
    QMultiHash<qint64, QString> added; // happened at -> text
    for (int i = 5; i < 35; ++i) {
        QCOMPARE(entries.at(i).kind, u"analyst"_s);
        added.insert(entries.at(i).occurredAt.toMSecsSinceEpoch(),
            entries.at(i).payload.value(u"text"_s).toString());
    }
    for (const timeline::TimelineEntry &from : source) {
        const QDateTime when = from.occurredAt.isValid() ? from.occurredAt : from.recordedAt;
        const QString text = from.payload.value(u"text"_s).toString();
        bool found = false;
        for (const QString &t : added.values(when.toMSecsSinceEpoch()))
            found = found || t.contains(text);
        QVERIFY2(found, qPrintable(text));
    }
    QVERIFY(TimelineChain(m_workspace->database()).verify(u"1002"_s).ok);
    QCOMPARE(queuedComments(u"1002"_s, u"[warroom-timeline analyst v1]"_s), 30);

    // Importing the same file again adds nothing; nor does a case's own export.
    finished.clear();
    QVERIFY(trigger(page.get(), u"importTimelineCsvAction"_s, path));
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY2(page->messageText().contains(u"Nothing to import"_s), qPrintable(page->messageText()));
    QCOMPARE(queuedComments(u"1002"_s, u"[warroom-timeline analyst v1]"_s), 30);
    page->showItem(u"1001"_s);
    QTRY_COMPARE(page->model()->rowCount(), 30);
    QTRY_VERIFY(!page->model()->isLoading());
    finished.clear();
    QVERIFY(trigger(page.get(), u"importTimelineCsvAction"_s, path));
    QVERIFY(finished.wait(30000));
    QVERIFY2(page->messageText().contains(u"Nothing to import"_s), qPrintable(page->messageText()));
    QCOMPARE(queuedComments(u"1001"_s, u"[warroom-timeline analyst v1]"_s), 0);
}

void TimelineCommandsTest::refusesAMalformedCsvWhole()
{
    QString error;
    QByteArray csv
        = TimelineChain::toCsv(TimelineChain(m_workspace->database()).entries(u"1001"_s, &error));
    QList<QByteArray> lines = csv.split('\n');
    // Line 5 (entry 4): a recorded time that is not a time; line 9: a field missing.
    QList<QByteArray> fields = lines[4].split(',');
    fields[4] = "yesterday";
    lines[4] = fields.join(',');
    fields = lines[8].split(',');
    fields.removeAt(2);
    lines[8] = fields.join(',');
    const QString path = m_dir.filePath(u"bad%1.csv"_s.arg(m_run));
    QVERIFY(test::writeTestFile(path, lines.join('\n')));
    auto page = openPage();
    QVERIFY(page);
    page->showItem(u"1002"_s);
    QTRY_COMPARE(page->model()->rowCount(), 5);
    QSignalSpy finished(page.get(), &TimelinePage::jobFinished);
    QVERIFY(trigger(page.get(), u"importTimelineCsvAction"_s, path));
    QVERIFY(finished.wait(30000));
    QVERIFY(!finished.first().at(0).toBool());
    const QString message = page->messageText();
    QVERIFY2(message.contains(u"Nothing was imported"_s), qPrintable(message));
    QVERIFY2(message.contains(u"Line 5: field recorded_at"_s), qPrintable(message));
    QVERIFY2(message.contains(u"Line 9: 7 fields instead of 8"_s), qPrintable(message));
    // All or nothing: the 28 good records were not added either.
    QCOMPARE(TimelineChain(m_workspace->database()).entries(u"1002"_s, &error).size(), 5);
    QCOMPARE(queuedComments(u"1002"_s, u"[warroom-timeline"_s), 0);
    // A file that is not a timeline export at all.
    QVERIFY(test::writeTestFile(path, "name,when\nfoo,today\n"));
    finished.clear();
    QVERIFY(trigger(page.get(), u"importTimelineCsvAction"_s, path));
    QVERIFY(finished.wait(30000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(
        page->messageText().contains(u"Line 1: the header"_s), qPrintable(page->messageText()));
    QCOMPARE(queuedComments(u"1002"_s, u"[warroom-timeline"_s), 0);
}

void TimelineCommandsTest::refusesACsvChangedAfterExport()
{
    QString error;
    QByteArray csv
        = TimelineChain::toCsv(TimelineChain(m_workspace->database()).entries(u"1001"_s, &error));
    // One word of entry 7 (line 8) changed: well-formed, but the chain breaks there.
    const int at = int(csv.indexOf("Entry 6 of 1001"));
    QVERIFY(at > 0);
    csv.replace(at, 5, "Exxxx");
    const QString path = m_dir.filePath(u"changed%1.csv"_s.arg(m_run));
    QVERIFY(test::writeTestFile(path, csv));
    auto page = openPage();
    QVERIFY(page);
    page->showItem(u"1002"_s);
    QTRY_COMPARE(page->model()->rowCount(), 5);
    QSignalSpy finished(page.get(), &TimelinePage::jobFinished);
    QVERIFY(trigger(page.get(), u"importTimelineCsvAction"_s, path));
    QVERIFY(finished.wait(30000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(page->messageText().contains(u"Line 8: Entry"_s), qPrintable(page->messageText()));
    QVERIFY(page->messageText().contains(u"changed"_s));
    QCOMPARE(TimelineChain(m_workspace->database()).entries(u"1002"_s, &error).size(), 5);
}

QTEST_MAIN(TimelineCommandsTest)
#include "tst_timeline_commands.moc"
