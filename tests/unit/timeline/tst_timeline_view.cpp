// The Timeline area offscreen: the real TimelinePage over a real workspace store. Zoom and
// pan change the visible range, the axis and the list select together, filters, keyboard
// navigation between entries, "Add entry" appends a verified entry, tampering with the
// database shows the first bad entry, CSV export, showItem opens a case.

#include "../caseboard/CaseBoardTestSupport.h"
#include "TimelinePageSupport.h"
#include "TimelineTestSupport.h"
#include "timeline/AddTimelineEntryDialog.h"
#include "timeline/TimelineAxis.h"
#include "timeline/TimelineChain.h"
#include "timeline/TimelineFileDialog.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelinePage.h"

#include <QtTest>
#include <QtWidgets>

using namespace Qt::StringLiterals;
using namespace warroom;
using timeline::TimelineModel;
using ui::TimelineAxis;
using ui::TimelinePage;

class TimelineViewTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void opensTheFirstCaseAndVerifies();
    void zoomAndPanChangeTheVisibleRange();
    void listAndAxisSelectTogether();
    void keyboardMovesBetweenEntries();
    void filtersByKindAuthorAndSearch();
    void addEntryAppendsAVerifiedEntry();
    void tamperingShowsTheFirstBadEntry();
    void exportsCsv();
    void showItemOpensTheCase();

private:
    std::unique_ptr<TimelinePage> openPage();

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
    int m_run = 0;
};

void TimelineViewTest::init()
{
    QString error;
    // 1001: 70 entries a minute apart; 1002: 5 entries.
    m_workspace = test::twoCaseWorkspace(m_dir.filePath(u"ws%1"_s.arg(++m_run)), 70, &error);
    QVERIFY2(m_workspace, qPrintable(error));
}

void TimelineViewTest::cleanup()
{
    m_workspace.reset();
}

std::unique_ptr<TimelinePage> TimelineViewTest::openPage()
{
    return test::openTimelinePage(m_workspace.get());
}

void TimelineViewTest::opensTheFirstCaseAndVerifies()
{
    auto page = openPage();
    QVERIFY(page);
    QCOMPARE(page->caseId(), u"1001"_s);
    QCOMPARE(page->model()->rowCount(), 70);
    QVERIFY2(
        page->verificationText().contains(u"Verified"_s), qPrintable(page->verificationText()));
    QVERIFY(page->verificationText().contains(u"70 entries"_s));
    auto *count = page->findChild<QLabel *>(u"timelineCountLabel"_s);
    QCOMPARE(count->text(), u"70 entries"_s);
    // Every entry is in view after opening, and each kind has its lane.
    TimelineAxis *axis = page->axis();
    QVERIFY(axis->visibleStartMs() <= page->model()->firstTimeMs());
    QVERIFY(axis->visibleEndMs() >= page->model()->lastTimeMs());
    for (const QString &kind : test::timelineKinds())
        QVERIFY2(!axis->laneRect(kind).isEmpty(), qPrintable(kind));
    // The "now" marker sits where now is on the axis.
    axis->setNow(page->model()->firstTimeMs() + 60000);
    QVERIFY(axis->xForTime(axis->nowMs()) > axis->laneLeft());
    QVERIFY(axis->xForTime(axis->nowMs()) < axis->width());
}

void TimelineViewTest::zoomAndPanChangeTheVisibleRange()
{
    auto page = openPage();
    QVERIFY(page);
    TimelineAxis *axis = page->axis();
    axis->setFocus();
    const qint64 span0 = axis->visibleEndMs() - axis->visibleStartMs();

    QTest::keyClick(axis, Qt::Key_Plus);
    const qint64 span1 = axis->visibleEndMs() - axis->visibleStartMs();
    QVERIFY(qAbs(span1 - span0 / 2) < 1000);
    QTest::keyClick(axis, Qt::Key_Minus);
    QVERIFY(qAbs(axis->visibleEndMs() - axis->visibleStartMs() - span0) < 1000);

    // The wheel zooms around the pointer: the time under it stays put.
    const QPoint at(axis->laneLeft() + 200, axis->height() / 2);
    const qint64 under = axis->timeForX(at.x());
    QWheelEvent wheel(at, axis->mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton,
        Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(axis, &wheel);
    const qint64 span2 = axis->visibleEndMs() - axis->visibleStartMs();
    QVERIFY2(span2 < span0 * 0.7, qPrintable(u"%1 vs %2"_s.arg(span2).arg(span0)));
    QVERIFY(qAbs(axis->timeForX(at.x()) - under) <= span2 / 500);
    // Ctrl+wheel zooms too, back out.
    QWheelEvent ctrlWheel(at, axis->mapToGlobal(at), QPoint(), QPoint(0, -240), Qt::NoButton,
        Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(axis, &ctrlWheel);
    QVERIFY(axis->visibleEndMs() - axis->visibleStartMs() > span2);

    // Dragging right by 100 px shows earlier times, by 100 px worth of time.
    const qint64 start = axis->visibleStartMs();
    const qint64 perPixel = (axis->visibleEndMs() - start) / (axis->width() - axis->laneLeft());
    const QPoint from(axis->laneLeft() + 300, axis->height() / 2);
    QTest::mousePress(axis, Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(50, 0)),
        axis->mapToGlobal(QPointF(from + QPoint(50, 0))), Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(axis, &move);
    QMouseEvent move2(QEvent::MouseMove, QPointF(from + QPoint(100, 0)),
        axis->mapToGlobal(QPointF(from + QPoint(100, 0))), Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(axis, &move2);
    QTest::mouseRelease(axis, Qt::LeftButton, {}, from + QPoint(100, 0));
    QVERIFY2(qAbs((start - axis->visibleStartMs()) - 100 * perPixel) <= 2 * perPixel,
        qPrintable(
            u"moved %1 ms, expected %2"_s.arg(start - axis->visibleStartMs()).arg(100 * perPixel)));
    // A drag selects nothing.
    QCOMPARE(axis->currentSeq(), 0);

    // PageDown pans later by half the width; the range label follows.
    auto *range = page->findChild<QLabel *>(u"timelineRangeLabel"_s);
    const QString before = range->text();
    const qint64 start2 = axis->visibleStartMs();
    QTest::keyClick(axis, Qt::Key_PageDown);
    QVERIFY(axis->visibleStartMs() > start2);
    QVERIFY(range->text() != before);

    // Zoom stops at two minutes and at three years.
    for (int i = 0; i < 30; ++i)
        QTest::keyClick(axis, Qt::Key_Plus);
    QCOMPARE(axis->visibleEndMs() - axis->visibleStartMs(), TimelineAxis::MinSpanMs);
    for (int i = 0; i < 40; ++i)
        QTest::keyClick(axis, Qt::Key_Minus);
    QCOMPARE(axis->visibleEndMs() - axis->visibleStartMs(), TimelineAxis::MaxSpanMs);
    // 0 fits every entry again.
    QTest::keyClick(axis, Qt::Key_0);
    QVERIFY(axis->visibleEndMs() - axis->visibleStartMs() < 3 * 3600 * 1000);
}

void TimelineViewTest::listAndAxisSelectTogether()
{
    auto page = openPage();
    QVERIFY(page);
    TimelineAxis *axis = page->axis();
    QTableView *list = page->list();

    // List -> axis.
    const QModelIndex row10 = page->model()->index(10, TimelineModel::TextColumn);
    list->scrollTo(row10);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(row10).center());
    QCOMPARE(list->currentIndex().row(), 10);
    QCOMPARE(axis->currentSeq(), page->model()->entry(10).seq);

    // Axis -> list: click on entry 40's tick in its lane.
    const auto &e = page->model()->entry(40);
    const QPoint tick(axis->xForTime(e.timeMs), axis->laneRect(e.kind).center().y());
    QCOMPARE(axis->seqAt(tick), e.seq);
    QTest::mouseClick(axis, Qt::LeftButton, {}, tick);
    QCOMPARE(axis->currentSeq(), e.seq);
    QCOMPARE(list->currentIndex().row(), 40);
    QVERIFY(list->selectionModel()->isRowSelected(40, {}));

    // Selecting an entry out of view on the list scrolls the axis to it.
    axis->setVisibleRange(e.timeMs + 3600000, e.timeMs + 7200000);
    const QModelIndex row5 = page->model()->index(5, 0);
    list->setCurrentIndex(row5);
    const qint64 t5 = page->model()->entry(5).timeMs;
    QVERIFY(axis->visibleStartMs() <= t5 && t5 <= axis->visibleEndMs());
}

void TimelineViewTest::keyboardMovesBetweenEntries()
{
    auto page = openPage();
    QVERIFY(page);
    TimelineAxis *axis = page->axis();
    QTableView *list = page->list();
    axis->setFocus();
    QTest::keyClick(axis, Qt::Key_Home);
    QCOMPARE(list->currentIndex().row(), 0);
    QCOMPARE(axis->currentSeq(), page->model()->entry(0).seq);
    QTest::keyClick(axis, Qt::Key_Right);
    QTest::keyClick(axis, Qt::Key_Right);
    QCOMPARE(list->currentIndex().row(), 2);
    QTest::keyClick(axis, Qt::Key_Left);
    QCOMPARE(list->currentIndex().row(), 1);
    QCOMPARE(axis->currentSeq(), page->model()->entry(1).seq);
    QTest::keyClick(axis, Qt::Key_End);
    QCOMPARE(list->currentIndex().row(), 69);
    QTest::keyClick(axis, Qt::Key_Right); // stays on the last one
    QCOMPARE(list->currentIndex().row(), 69);
    // Down in the list moves the axis' ring too.
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Up);
    QCOMPARE(axis->currentSeq(), page->model()->entry(68).seq);
}

void TimelineViewTest::filtersByKindAuthorAndSearch()
{
    auto page = openPage();
    QVERIFY(page);
    auto *kind = page->findChild<QComboBox *>(u"timelineKindComboBox"_s);
    auto *author = page->findChild<QComboBox *>(u"timelineAuthorComboBox"_s);
    auto *search = page->findChild<QLineEdit *>(u"timelineSearchLineEdit"_s);
    QVERIFY(kind && author && search);
    QCOMPARE(kind->count(), 8); // every kind + 7
    QCOMPARE(author->count(), 4);

    // Select an entry first: it stays selected through filters that keep it.
    page->list()->setCurrentIndex(page->model()->index(0, 0)); // entry 0: a comment
    const qint64 selected = page->axis()->currentSeq();
    kind->setCurrentIndex(kind->findData(u"comment"_s));
    QCOMPARE(page->model()->rowCount(), 10);
    for (int row = 0; row < page->model()->rowCount(); ++row)
        QCOMPARE(page->model()->entry(row).kind, u"comment"_s);
    QCOMPARE(page->list()->currentIndex().data(TimelineModel::SeqRole).toLongLong(), selected);
    auto *count = page->findChild<QLabel *>(u"timelineCountLabel"_s);
    QCOMPARE(count->text(), u"10 of 70 entries shown"_s);

    author->setCurrentIndex(author->findData(u"analyst0@example.com"_s));
    QCOMPARE(page->model()->rowCount(), 4); // i % 21 == 0: 0, 21, 42, 63
    kind->setCurrentIndex(0);
    author->setCurrentIndex(0);
    QCOMPARE(page->model()->rowCount(), 70);

    QTest::keyClicks(search, u"entry 6"_s);
    QTRY_COMPARE(page->model()->rowCount(), 11); // 6, 60..69 once the typing pause is over
    search->clear();
    QTRY_COMPARE(page->model()->rowCount(), 70);
}

void TimelineViewTest::addEntryAppendsAVerifiedEntry()
{
    auto page = openPage();
    QVERIFY(page);
    auto *add = page->findChild<QPushButton *>(u"addTimelineEntryPushButton"_s);
    QVERIFY(add);
    // Drive the real dialog: 02:13 in New York is 06:13 UTC in October (EDT).
    bool dialogSeen = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog
            = qobject_cast<ui::AddTimelineEntryDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialogSeen = true;
        auto *ok = dialog->findChild<QPushButton *>(u"addEntryOkPushButton"_s);
        dialog->setHappenedAt(QDateTime(QDate(2026, 10, 30), QTime(2, 13)), u"America/New_York"_s);
        QVERIFY(!ok->isEnabled()); // no text yet
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"entryTextEdit"_s),
            u"Attacker created an access key"_s);
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog->happenedAt(), QDateTime(QDate(2026, 10, 30), QTime(6, 13), Qt::UTC));
        QTest::mouseClick(ok, Qt::LeftButton);
    });
    QSignalSpy verified(page->model(), &TimelineModel::verified);
    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY(dialogSeen);
    QVERIFY(verified.wait(10000));
    QCOMPARE(page->model()->rowCount(), 71);
    QVERIFY2(
        page->verificationText().contains(u"71 entries"_s), qPrintable(page->verificationText()));
    // The new entry is selected in both views and sits at its time (before the seeded
    // entries, which start on November 1), shown in the analyst's zone.
    const QModelIndex current = page->list()->currentIndex();
    QCOMPARE(current.row(), 0);
    QCOMPARE(page->model()->index(0, TimelineModel::TextColumn).data().toString(),
        u"Attacker created an access key"_s);
    QCOMPARE(page->model()->index(0, TimelineModel::HappenedColumn).data().toString(),
        u"2026-10-30 02:13:00 UTC-04:00"_s);
    QCOMPARE(page->axis()->currentSeq(), current.data(TimelineModel::SeqRole).toLongLong());
    // In the store: an analyst entry at the end of the chain, which verifies, made from a
    // marked comment queued for the backend.
    timeline::TimelineChain chain(m_workspace->database());
    QString error;
    const auto entries = chain.entries(u"1001"_s, &error);
    QCOMPARE(entries.last().kind, u"analyst"_s);
    QCOMPARE(entries.last().payload.value(u"occurredOffset"_s).toInt(), -4 * 3600);
    QCOMPARE(
        entries.last().payload.value(u"text"_s).toString(), u"Attacker created an access key"_s);
    QSqlQuery queued(m_workspace->database().reader());
    QVERIFY(queued.exec(u"SELECT COUNT(*) FROM comments WHERE case_id = '1001' "
                        "AND body LIKE '[warroom-timeline analyst v1]%'"_s));
    QVERIFY(queued.next());
    QCOMPARE(queued.value(0).toInt(), 1);
    queued.finish();
    QCOMPARE(entries.last().occurredAt, QDateTime(QDate(2026, 10, 30), QTime(6, 13), Qt::UTC));
    QVERIFY(chain.verify(u"1001"_s).ok);
}

void TimelineViewTest::tamperingShowsTheFirstBadEntry()
{
    auto page = openPage();
    QVERIFY(page);
    const qint64 badSeq = page->model()->entry(33).seq;
    QString error;
    QVERIFY(test::execSql(m_workspace->database(),
        u"UPDATE timeline SET payload = replace(payload, 'Entry', 'Changed') WHERE seq = %1"_s.arg(
            badSeq),
        &error));
    QSignalSpy verified(page->model(), &TimelineModel::verified);
    QTest::mouseClick(
        page->findChild<QPushButton *>(u"verifyTimelinePushButton"_s), Qt::LeftButton);
    QVERIFY(verified.wait(10000));
    QVERIFY2(
        page->verificationText().contains(u"Not verified"_s), qPrintable(page->verificationText()));
    QVERIFY2(page->verificationText().contains(u"Entry %1 "_s.arg(badSeq)),
        qPrintable(page->verificationText()));
    // The bad entry is selected in the list and on the axis, and marked.
    QCOMPARE(page->list()->currentIndex().data(TimelineModel::SeqRole).toLongLong(), badSeq);
    QCOMPARE(page->axis()->currentSeq(), badSeq);
    QVERIFY(page->list()->currentIndex().data(TimelineModel::FirstBadRole).toBool());
}

void TimelineViewTest::exportsCsv()
{
    auto page = openPage();
    QVERIFY(page);
    const QString path = m_dir.filePath(u"export%1.csv"_s.arg(m_run));
    ui::TimelineFileDialog::setNextFile(path);
    QSignalSpy finished(page.get(), &TimelinePage::jobFinished);
    QTest::mouseClick(
        page->findChild<QPushButton *>(u"exportTimelinePushButton"_s), Qt::LeftButton);
    QVERIFY(!ui::TimelineFileDialog::hasPendingFile());
    // Read and written on a worker: busy until it is done.
    QVERIFY(page->isBusy());
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.first().at(0).toBool());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    const auto read = timeline::TimelineChain::fromCsv(file.readAll(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(read.size(), 70);
    const auto stored = timeline::TimelineChain(m_workspace->database()).entries(u"1001"_s, &error);
    QCOMPARE(read.first().hash, stored.first().hash);
    QCOMPARE(read.last().hash, stored.last().hash);
    QVERIFY(page->findChild<QLabel *>(u"timelineMessageLabel"_s)->text().contains(u"70 entries"_s));
}

void TimelineViewTest::showItemOpensTheCase()
{
    auto page = openPage();
    QVERIFY(page);
    QSignalSpy loaded(page->model(), &TimelineModel::loaded);
    page->showItem(u"1002"_s);
    QCOMPARE(page->caseId(), u"1002"_s);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(page->model()->rowCount(), 5);
    QCOMPARE(
        page->findChild<QComboBox *>(u"timelineCaseComboBox"_s)->currentText(), u"Case 1002"_s);
    // The axis fits the new case.
    QVERIFY(page->axis()->visibleEndMs() - page->axis()->visibleStartMs() > 4 * 3600000);
}

QTEST_MAIN(TimelineViewTest)
#include "tst_timeline_view.moc"
