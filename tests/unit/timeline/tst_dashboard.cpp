// The Dashboard area offscreen over a real workspace store: every figure and chart value
// matches what the store holds, and the page follows changes to the store. With
// WARROOM_SCREENSHOT_DIR set, renders the dashboard and the timeline over the demo
// workspace in a light and a dark palette.

#include "../caseboard/CaseBoardTestSupport.h"
#include "TimelineTestSupport.h"
#include "dashboard/DashboardPage.h"
#include "demo/DemoWorkspace.h"
#include "itemmodels/DashboardStats.h"
#include "store/CaseEditRepository.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelinePage.h"

#include <QtCharts>
#include <QtTest>
#include <QtWidgets>

using namespace Qt::StringLiterals;
using namespace warroom;
using domain::CaseStatus;
using itemmodels::DashboardStats;

namespace {

QDateTime at(int day, int hour)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, 0), Qt::UTC);
}

domain::Finding finding(int i, domain::Verdict verdict, double score, const QDateTime &seen)
{
    domain::Finding f;
    f.id = u"f-%1"_s.arg(i);
    f.type = u"Recon:EC2/PortProbeUnprotectedPort"_s;
    f.title = u"Finding %1"_s.arg(i);
    f.severityScore = score;
    f.severityLabel = domain::severityLabelForScore(score);
    f.accountId = u"111122223333"_s;
    f.region = u"us-east-1"_s;
    f.resourceId = u"i-%1"_s.arg(i);
    f.firstSeen = seen;
    f.lastSeen = seen;
    f.verdict = verdict;
    f.rawJson = "{}";
    return f;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3c, 0x3f, 0x44));
    p.setColor(QPalette::Midlight, QColor(0x34, 0x37, 0x3b));
    p.setColor(QPalette::Mid, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    return p;
}

} // namespace

class DashboardTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void figuresMatchTheStore();
    void chartsShowTheFigures();
    void followsChangesToTheStore();
    void screenshots();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
    int m_run = 0;
};

void DashboardTest::init()
{
    QString error;
    m_workspace = store::Workspace::open(m_dir.filePath(u"ws%1"_s.arg(++m_run)), &error);
    QVERIFY2(m_workspace, qPrintable(error));
    // Open: 2 Submitted, 1 Acknowledged, 1 Containment (an Investigation); 2 Closed.
    QList<domain::Case> cases;
    auto add = [&](const QString &id, CaseStatus status, int createdDay, int createdHour) {
        domain::Case c = test::boardCase(id, status);
        c.createdDate = at(createdDay, createdHour);
        cases.append(c);
        return &cases.last();
    };
    add(u"1"_s, CaseStatus::Submitted, 1, 0)->pendingAction = domain::PendingAction::Customer;
    add(u"2"_s, CaseStatus::Submitted, 1, 0);
    add(u"3"_s, CaseStatus::Acknowledged, 2, 0)->pendingAction = domain::PendingAction::Customer;
    add(u"4"_s, CaseStatus::ContainmentEradicationAndRecovery, 3, 0)->engagementType
        = domain::EngagementType::Investigation;
    domain::Case *closed5 = add(u"5"_s, CaseStatus::Closed, 4, 0);
    closed5->closedDate = at(6, 0); // 48 h
    closed5->pendingAction = domain::PendingAction::Customer; // closed: owes nothing
    add(u"6"_s, CaseStatus::Closed, 4, 0)->closedDate = at(5, 0); // 24 h
    QVERIFY(test::storeCases(m_workspace->database(), cases, &error));
    // Acknowledged after 2 h (case 3) and 4 h (case 4); case 4's second step is ignored.
    const QList<domain::CaseEdit> edits {
        {u"3"_s, at(2, 2), u"amy"_s, u"UpdateCaseStatus"_s,
            u"Status changed from Submitted to Acknowledged"_s},
        {u"4"_s, at(3, 4), u"amy"_s, u"UpdateCaseStatus"_s,
            u"Status changed from Submitted to Acknowledged"_s},
        {u"4"_s, at(3, 9), u"amy"_s, u"UpdateCaseStatus"_s,
            u"Status changed from Acknowledged to Detection and Analysis"_s},
    };
    QVERIFY(m_workspace->database().write(
        [&](QSqlDatabase &connection, QString *e) {
            store::CaseEditRepository repo(connection);
            for (const auto &edit : edits)
                if (!repo.append(edit, e))
                    return false;
            return true;
        },
        &error));
    // Findings on Nov 10 and Nov 12.
    QList<domain::Finding> findings {
        finding(1, domain::Verdict::Escalated, 8.5, at(10, 3)),
        finding(2, domain::Verdict::Queued, 5.0, at(10, 4)),
        finding(3, domain::Verdict::Suppressed, 2.0, at(10, 5)),
        finding(4, domain::Verdict::Queued, 5.5, at(12, 1)),
        finding(5, domain::Verdict::Queued, 9.5, at(12, 2)),
    };
    QVERIFY(m_workspace->database().write(
        [&](QSqlDatabase &connection, QString *e) {
            store::FindingRepository repo(connection);
            return repo.upsert(findings, e);
        },
        &error));
}

void DashboardTest::cleanup()
{
    m_workspace.reset();
}

void DashboardTest::figuresMatchTheStore()
{
    QString error;
    const DashboardStats s = DashboardStats::load(m_workspace->database(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(s.cases, 6);
    QCOMPARE(s.openCases, 4);
    QCOMPARE(s.casesByStatus[size_t(CaseStatus::Submitted)], 2);
    QCOMPARE(s.casesByStatus[size_t(CaseStatus::Acknowledged)], 1);
    QCOMPARE(s.casesByStatus[size_t(CaseStatus::ContainmentEradicationAndRecovery)], 1);
    QCOMPARE(s.casesByStatus[size_t(CaseStatus::Closed)], 2);
    QCOMPARE(s.openSecurityIncidents, 3);
    QCOMPARE(s.openInvestigations, 1);
    QCOMPARE(s.acknowledgedCases, 2);
    QCOMPARE(s.meanHoursToAcknowledge, 3.0);
    QCOMPARE(s.resolvedCases, 2);
    QCOMPARE(s.meanHoursToResolve, 36.0);
    QCOMPARE(s.pendingCustomer.size(), 2);
    QCOMPARE(s.pendingCustomer.at(0).caseId, u"1"_s);
    QCOMPARE(s.pendingCustomer.at(1).caseId, u"3"_s);
    QCOMPARE(s.findings, 5);
    QCOMPARE(s.findingsByVerdict[size_t(domain::Verdict::Queued)], 3);
    QCOMPARE(s.findingDays.size(), DashboardStats::Days);
    QCOMPARE(s.findingDays.last().day, QDate(2026, 11, 12));
    const auto &nov10 = s.findingDays.at(DashboardStats::Days - 3);
    QCOMPARE(nov10.day, QDate(2026, 11, 10));
    QCOMPARE(nov10.byVerdict[size_t(domain::Verdict::Escalated)], 1);
    QCOMPARE(nov10.byVerdict[size_t(domain::Verdict::Suppressed)], 1);
    QCOMPARE(nov10.bySeverity[size_t(domain::SeverityLabel::High)], 1);
    QCOMPARE(
        s.findingDays.at(DashboardStats::Days - 2).byVerdict[size_t(domain::Verdict::Queued)], 0);
    QCOMPARE(s.findingDays.last().bySeverity[size_t(domain::SeverityLabel::Critical)], 1);
}

void DashboardTest::chartsShowTheFigures()
{
    ui::AreaContext context;
    context.workspace = m_workspace.get();
    QString shownCase;
    context.showItem = [&](ui::Area area, const QString &id) {
        if (area == ui::Area::CaseBoard)
            shownCase = id;
    };
    ui::DashboardPage page(context);
    page.resize(1400, 900);
    QSignalSpy reloaded(&page, &ui::DashboardPage::reloaded);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_VERIFY_WITH_TIMEOUT(!reloaded.isEmpty(), 10000);

    // Open cases by status: one bar per open status, Submitted at the top (added last).
    auto *status = page.findChild<QChartView *>(u"openByStatusChartView"_s);
    auto *bars = qobject_cast<QHorizontalBarSeries *>(status->chart()->series().value(0));
    QVERIFY(bars);
    QBarSet *set = bars->barSets().value(0);
    QCOMPARE(set->count(), 6);
    QCOMPARE(set->at(5), 2.0); // Submitted
    QCOMPARE(set->at(4), 1.0); // Acknowledged
    QCOMPARE(set->at(2), 1.0); // Containment, Eradication and Recovery

    auto *engagement = page.findChild<QChartView *>(u"openByEngagementChartView"_s);
    auto *pie = qobject_cast<QPieSeries *>(engagement->chart()->series().value(0));
    QVERIFY(pie);
    QCOMPARE(pie->slices().at(0)->value(), 3.0);
    QCOMPARE(pie->slices().at(1)->value(), 1.0);

    auto *verdicts = page.findChild<QChartView *>(u"findingsByVerdictChartView"_s);
    // Stacked areas: the top one's upper line is the day's total.
    const QList<QAbstractSeries *> areas = verdicts->chart()->series();
    QCOMPARE(areas.size(), 3); // Escalated, Queued, Suppressed (none untriaged)
    auto *top = qobject_cast<QAreaSeries *>(areas.last());
    QVERIFY(top);
    double total = 0;
    for (const QPointF &p : top->upperSeries()->points())
        total += p.y();
    QCOMPARE(total, 5.0);
    QCOMPARE(top->upperSeries()->points().size(), DashboardStats::Days);
    QCOMPARE(qobject_cast<QAreaSeries *>(areas.first())->name(), u"Escalated"_s);

    auto *ack = page.findChild<QLabel *>(u"meanTimeToAcknowledgeLabel"_s);
    QVERIFY2(ack->text().contains(u"3.0 h"_s), qPrintable(ack->text()));
    auto *resolve = page.findChild<QLabel *>(u"meanTimeToResolveLabel"_s);
    QVERIFY2(resolve->text().contains(u"36.0 h"_s), qPrintable(resolve->text()));

    auto *pending = page.findChild<QTableWidget *>(u"pendingCustomerTableWidget"_s);
    QCOMPARE(pending->rowCount(), 2);
    QCOMPARE(pending->item(1, 0)->text(), u"3"_s);
    QCOMPARE(pending->item(1, 2)->text(), u"Acknowledged"_s);
    // Double-clicking opens the case on the board.
    const QRect cell = pending->visualItemRect(pending->item(1, 1));
    // A real double click: press and release, then the double-click event.
    QTest::mouseClick(pending->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(pending->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(shownCase, u"3"_s);
}

void DashboardTest::followsChangesToTheStore()
{
    ui::AreaContext context;
    context.workspace = m_workspace.get();
    ui::DashboardPage page(context);
    QSignalSpy reloaded(&page, &ui::DashboardPage::reloaded);
    page.show();
    QVERIFY(reloaded.wait(10000));
    QCOMPARE(page.stats().openCases, 4);
    QString error;
    domain::Case c = test::boardCase(u"7"_s, CaseStatus::DetectionAndAnalysis);
    c.pendingAction = domain::PendingAction::Customer;
    QVERIFY(test::storeCases(m_workspace->database(), {c}, &error));
    // Coming back to the area re-reads the store.
    page.hide();
    page.show();
    QVERIFY(reloaded.wait(10000));
    QCOMPARE(page.stats().openCases, 5);
    QCOMPARE(page.findChild<QTableWidget *>(u"pendingCustomerTableWidget"_s)->rowCount(), 3);
    // A burst of scheduled reloads reads once.
    reloaded.clear();
    for (int i = 0; i < 5; ++i)
        page.scheduleReload();
    QVERIFY(reloaded.wait(10000));
    QTest::qWait(400);
    QCOMPARE(reloaded.size(), 1);
}

void DashboardTest::screenshots()
{
    const QString shots = qEnvironmentVariable("WARROOM_SCREENSHOT_DIR");
    if (shots.isEmpty())
        QSKIP("Set WARROOM_SCREENSHOT_DIR to render the dashboard and the timeline.");
    QString error;
    auto demo = store::Workspace::open(m_dir.filePath(u"demo"_s), &error);
    QVERIFY2(demo, qPrintable(error));
    QVERIFY2(demo::seedDemoWorkspace(*demo, demo::DemoSize(), &error), qPrintable(error));
    // The demo case with the longest timeline.
    QSqlQuery longest(demo->database().reader());
    QVERIFY(longest.exec(u"SELECT case_id, COUNT(*) AS n FROM timeline GROUP BY case_id "
                         "ORDER BY n DESC LIMIT 1"_s));
    QVERIFY2(longest.next(), "the demo workspace has no timeline entries");
    const QString caseId = longest.value(0).toString();
    longest.finish();
    const QPalette light = QApplication::palette();
    for (const bool dark : {false, true}) {
        QApplication::setPalette(dark ? darkPalette() : light);
        ui::AreaContext context;
        context.workspace = demo.get();
        {
            ui::DashboardPage page(context);
            page.resize(1500, 900);
            QSignalSpy reloaded(&page, &ui::DashboardPage::reloaded);
            page.show();
            QVERIFY(reloaded.wait(20000));
            QTest::qWait(300); // the charts lay out on posted events
            QVERIFY(page.grab().save(
                QDir(shots).filePath(u"dashboard-%1.png"_s.arg(dark ? u"dark"_s : u"light"_s))));
        }
        {
            ui::TimelinePage page(context);
            page.resize(1500, 900);
            QSignalSpy verified(page.model(), &timeline::TimelineModel::verified);
            page.show();
            page.showItem(caseId);
            QVERIFY(verified.wait(20000));
            page.list()->setCurrentIndex(page.model()->index(page.model()->rowCount() / 2, 0));
            QTest::qWait(300);
            QVERIFY(page.grab().save(
                QDir(shots).filePath(u"timeline-%1.png"_s.arg(dark ? u"dark"_s : u"light"_s))));
        }
    }
    QApplication::setPalette(light);
}

QTEST_MAIN(DashboardTest)
#include "tst_dashboard.moc"
