// The case board page on a real workspace store, driven through its widgets offscreen:
// columns and counts, refused drops (every refused transition explains itself and
// changes nothing), the filter bar, the collapsible Closed column, the context menu,
// the keyboard, the New case dialog's live validation, the detail pane, and renders
// in light and dark palettes (kept when WARROOM_SCREENSHOT_DIR is set).
#include "CaseBoardTestSupport.h"
#include "CaseBoardWidgetSupport.h"
#include "MessageBox.h"
#include "caseboard/NewCaseDialog.h"
#include "casedetail/CaseDetailWidget.h"

using namespace Qt::StringLiterals;
using namespace warroom;
using domain::CaseStatus;
using domain::ResolverType;

Q_DECLARE_METATYPE(domain::CaseStatus)

namespace {

// One self-managed case per status ("10000000NN"), AWS-supported ones, extras for filters.
QList<domain::Case> seedCases()
{
    QList<domain::Case> cases;
    int n = 0;
    for (CaseStatus s : domain::allValues<CaseStatus>())
        cases.append(test::boardCase(QStringLiteral("10000000%1").arg(n++, 2, 10, QChar(u'0')), s,
            ResolverType::Self, QStringLiteral("Self-managed %1").arg(domain::toString(s))));
    domain::Case aws = test::boardCase(u"2000000001"_s, CaseStatus::DetectionAndAnalysis,
        ResolverType::AWS, u"Ransomware on the file server"_s);
    aws.pendingAction = domain::PendingAction::Customer;
    aws.watchers = {{u"alice@example.com"_s, u"Alice Ng"_s, u"IR lead"_s}};
    cases.append(aws);
    domain::Case inv = test::boardCase(u"2000000002"_s, CaseStatus::Submitted, ResolverType::Self,
        u"Unusual S3 reads from a new ASN"_s);
    inv.engagementType = domain::EngagementType::Investigation;
    cases.append(inv);
    return cases;
}

} // namespace

class TestCaseBoardPage final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
    std::unique_ptr<ui::CaseBoardPage> m_page;

    ui::CaseBoardPage &page() { return *m_page; }
    int columnCount(CaseStatus s) { return page().column(s)->model()->rowCount(); }

private slots:
    void initTestCase()
    {
        QString error;
        m_workspace = store::Workspace::open(m_dir.path(), &error);
        QVERIFY2(m_workspace, qPrintable(error));
        QVERIFY2(test::storeCases(m_workspace->database(), seedCases(), &error), qPrintable(error));
        QVERIFY(test::storeLinkedFinding(
            m_workspace->database(), u"f-1"_s, u"2000000001"_s, 9.2, &error));
        ui::AreaContext context;
        context.workspace = m_workspace.get();
        m_page = std::make_unique<ui::CaseBoardPage>(context);
        m_page->resize(1600, 900);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QTRY_COMPARE(m_page->model()->rowCount(), 9);
    }

    void cleanupTestCase() { m_page.reset(); }

    void columnsInLifecycleOrderWithCounts()
    {
        const QList<CaseStatus> statuses = domain::allValues<CaseStatus>();
        QCOMPARE(statuses.size(), 7);
        int previousX = -1;
        for (CaseStatus s : statuses) {
            ui::CaseBoardColumn *c = page().column(s);
            QVERIFY(c);
            QVERIFY2(c->x() > previousX, "columns are not in lifecycle order");
            previousX = c->x();
            QVERIFY2(c->header()->toolTip().contains(
                         domain::toString(s) + u" ("_s + QString::number(columnCount(s)) + u')'),
                qPrintable(c->header()->toolTip()));
        }
        QCOMPARE(columnCount(CaseStatus::Submitted), 2);
        QCOMPARE(columnCount(CaseStatus::DetectionAndAnalysis), 2);
        auto *totals = page().findChild<QLabel *>(u"caseBoardTotalsLabel"_s);
        QVERIFY(totals->text().contains(u"9 cases"_s));
    }

    // Every refused transition of a self-managed case, every move of an AWS-supported
    // case and of a closed case: the drop is taken, nothing changes, the board says why.
    void refusedDrops_data()
    {
        QTest::addColumn<QString>("caseId");
        QTest::addColumn<CaseStatus>("to");
        QTest::addColumn<QString>("reasonContains");
        const QList<CaseStatus> all = domain::allValues<CaseStatus>();
        for (int from = 0; from < all.size(); ++from) {
            for (CaseStatus to : all) {
                if (all[from] == to || to == CaseStatus::Closed)
                    continue;
                if (all[from] != CaseStatus::Closed
                    && domain::isSelfManagedTransitionAllowed(all[from], to))
                    continue;
                const QString id = QStringLiteral("10000000%1").arg(from, 2, 10, QChar(u'0'));
                QTest::addRow("self %s -> %s", qPrintable(domain::toString(all[from])),
                    qPrintable(domain::toString(to)))
                    << id << to
                    << (all[from] == CaseStatus::Closed ? u"closed"_s : u"cannot go from"_s);
            }
        }
        for (CaseStatus to : all)
            if (to != CaseStatus::DetectionAndAnalysis)
                QTest::addRow("aws -> %s", qPrintable(domain::toString(to)))
                    << u"2000000001"_s << to << u"AWS-supported"_s;
    }

    void refusedDrops()
    {
        QFETCH(QString, caseId);
        QFETCH(CaseStatus, to);
        QFETCH(QString, reasonContains);
        QSignalSpy refused(&page(), &ui::CaseBoardPage::moveRefused);
        const CaseStatus before = page().model()->card(caseId)->status;
        QVERIFY(test::dragCard(page(), caseId, to));
        QTRY_COMPARE(refused.count(), 1);
        QVERIFY2(page().lastMessage().contains(reasonContains), qPrintable(page().lastMessage()));
        QVERIFY(page().model()->card(caseId)->status == before);
        QVERIFY(!ui::MessageBox::hasPendingAnswer());
    }

    // Without a sync engine the allowed moves are refused too, and say so.
    void allowedDropWithoutSyncSaysWhy()
    {
        QSignalSpy refused(&page(), &ui::CaseBoardPage::moveRefused);
        QVERIFY(test::dragCard(page(), u"1000000000"_s, CaseStatus::DetectionAndAnalysis));
        QTRY_COMPARE(refused.count(), 1);
        QVERIFY2(page().lastMessage().contains(u"sync"_s), qPrintable(page().lastMessage()));
        QVERIFY(page().model()->card(u"1000000000"_s)->status == CaseStatus::Submitted);
    }

    void filterBar()
    {
        auto *text = page().findChild<QLineEdit *>(u"caseFilterEdit"_s);
        auto *engagement = page().findChild<QComboBox *>(u"engagementFilterCombo"_s);
        auto *resolver = page().findChild<QComboBox *>(u"resolverFilterCombo"_s);
        auto *pending = page().findChild<QCheckBox *>(u"pendingActionFilterCheckBox"_s);
        auto *watcher = page().findChild<QLineEdit *>(u"watcherFilterEdit"_s);
        QVERIFY(text && engagement && resolver && pending && watcher);

        QTest::keyClicks(text, u"ransom"_s);
        QCOMPARE(columnCount(CaseStatus::DetectionAndAnalysis), 1);
        QCOMPARE(columnCount(CaseStatus::Submitted), 0);
        text->clear();
        engagement->setCurrentIndex(engagement->findText(u"Investigation"_s));
        QCOMPARE(columnCount(CaseStatus::Submitted), 1);
        QCOMPARE(columnCount(CaseStatus::DetectionAndAnalysis), 0);
        engagement->setCurrentIndex(0);
        resolver->setCurrentIndex(resolver->findData(int(ResolverType::AWS)));
        QCOMPARE(columnCount(CaseStatus::DetectionAndAnalysis), 1);
        QCOMPARE(columnCount(CaseStatus::Submitted), 0);
        resolver->setCurrentIndex(0);
        pending->setChecked(true);
        int shown = 0;
        for (CaseStatus s : domain::allValues<CaseStatus>())
            shown += columnCount(s);
        QCOMPARE(shown, 1);
        pending->setChecked(false);
        QTest::keyClicks(watcher, u"alice"_s);
        QCOMPARE(columnCount(CaseStatus::DetectionAndAnalysis), 1);
        watcher->clear();
        QCOMPARE(columnCount(CaseStatus::Submitted), 2);
        QVERIFY(page().column(CaseStatus::Submitted)->header()->text().contains(u"(2)"_s));
    }

    void sortWithinColumn()
    {
        auto *sort = page().findChild<QComboBox *>(u"caseSortCombo"_s);
        sort->setCurrentIndex(sort->findData(int(itemmodels::CaseBoardSort::Severity)));
        QCOMPARE(
            page().column(CaseStatus::DetectionAndAnalysis)->model()->caseIdAt(0), u"2000000001"_s);
        sort->setCurrentIndex(sort->findData(int(itemmodels::CaseBoardSort::Title)));
        QCOMPARE(
            page().column(CaseStatus::DetectionAndAnalysis)->model()->caseIdAt(0), u"2000000001"_s);
        QCOMPARE(page().column(CaseStatus::Submitted)->model()->caseIdAt(0), u"1000000000"_s);
        sort->setCurrentIndex(0);
    }

    void closedColumnCollapses()
    {
        ui::CaseBoardColumn *closed = page().column(CaseStatus::Closed);
        QVERIFY(closed->view()->isVisible());
        QTest::mouseClick(closed->header(), Qt::LeftButton);
        QVERIFY(closed->isCollapsed());
        QVERIFY(!closed->view()->isVisible());
        QVERIFY(closed->width() < page().column(CaseStatus::Submitted)->width() / 2 + 20);
        QVERIFY(closed->header()->text().contains(u"Closed (1)"_s));
        QTest::mouseClick(closed->header(), Qt::LeftButton);
        QVERIFY(!closed->isCollapsed());
        QVERIFY(closed->view()->isVisible());
    }

    void contextMenuListsAllowedMoves()
    {
        ui::CaseBoardColumn *column = page().column(CaseStatus::DetectionAndAnalysis);
        QVERIFY(column->selectCase(u"1000000002"_s));
        QStringList enabled;
        QStringList disabled;
        QString refusedTip;
        QTimer::singleShot(0, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            auto *move = menu->findChild<QMenu *>(u"caseMoveMenu"_s);
            QVERIFY(move);
            for (QAction *a : move->actions()) {
                (a->isEnabled() ? enabled : disabled).append(a->text());
                if (!a->isEnabled() && refusedTip.isEmpty())
                    refusedTip = a->toolTip();
            }
            menu->close();
        });
        // The menu key opens it from the keyboard.
        QTest::keyClick(column->view(), Qt::Key_Menu);
        QCOMPARE(enabled,
            QStringList({u"Containment, Eradication and Recovery"_s, u"Post-incident Activities"_s,
                u"Closed…"_s}));
        QCOMPARE(disabled.size(), 3);
        QVERIFY2(refusedTip.contains(u"cannot go from"_s), qPrintable(refusedTip));
    }

    void keyboardStepTriesTheNextAllowedColumn()
    {
        ui::CaseBoardColumn *column = page().column(CaseStatus::Submitted);
        QVERIFY(column->selectCase(u"1000000000"_s));
        QSignalSpy refused(&page(), &ui::CaseBoardPage::moveRefused);
        QTest::keyClick(column->view(), Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
        // Submitted -> Detection and Analysis is allowed; without a sync engine it says so.
        QCOMPARE(refused.count(), 1);
        QVERIFY(page().lastMessage().contains(u"sync"_s));
        // An AWS case refuses with its own reason.
        QVERIFY(page().column(CaseStatus::DetectionAndAnalysis)->selectCase(u"2000000001"_s));
        QTest::keyClick(page().column(CaseStatus::DetectionAndAnalysis)->view(), Qt::Key_Left,
            Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(refused.count(), 2);
        QVERIFY(page().lastMessage().contains(u"AWS-supported"_s));
    }

    void arrowKeysWalkTheColumns()
    {
        ui::CaseBoardColumn *submitted = page().column(CaseStatus::Submitted);
        QVERIFY(submitted->selectCase(u"1000000000"_s));
        submitted->view()->setFocus();
        QTest::keyClick(submitted->view(), Qt::Key_Right);
        QListView *acknowledged = page().column(CaseStatus::Acknowledged)->view();
        QCOMPARE(
            acknowledged->currentIndex().data(itemmodels::CaseBoardModel::CaseIdRole).toString(),
            u"1000000001"_s);
        QTest::keyClick(acknowledged, Qt::Key_Left);
        QVERIFY(submitted->view()->currentIndex().isValid());
        // Enter opens the card in the side pane.
        QTest::keyClick(submitted->view(), Qt::Key_Return);
        QVERIFY(page().detailFor(submitted->view()
                                     ->currentIndex()
                                     .data(itemmodels::CaseBoardModel::CaseIdRole)
                                     .toString()));
    }

    void newCaseDialogValidatesLive()
    {
        ui::NewCaseDialog dialog(page().actions());
        auto *title = dialog.findChild<QLineEdit *>(u"caseTitleEdit"_s);
        auto *description = dialog.findChild<QPlainTextEdit *>(u"caseDescriptionEdit"_s);
        auto *accounts = dialog.findChild<QLineEdit *>(u"caseAccountsEdit"_s);
        auto *regions = dialog.findChild<QLineEdit *>(u"caseRegionsEdit"_s);
        auto *ips = dialog.findChild<QPlainTextEdit *>(u"caseThreatActorsEdit"_s);
        auto *watchers = dialog.findChild<QPlainTextEdit *>(u"caseWatchersEdit"_s);
        auto *tags = dialog.findChild<QPlainTextEdit *>(u"caseTagsEdit"_s);
        auto *start = dialog.findChild<QDateTimeEdit *>(u"caseReportedStartEdit"_s);
        QVERIFY(title && description && accounts && regions && ips && watchers && tags && start);
        // Empty: title and description are required.
        QVERIFY(!dialog.createButton()->isEnabled());
        QVERIFY(!dialog.errorText(u"title"_s).isEmpty());
        QVERIFY(!dialog.errorText(u"description"_s).isEmpty());

        QTest::keyClicks(title, u"Credential exfiltration"_s);
        description->setPlainText(u"Keys used from an unknown ASN"_s);
        QVERIFY(dialog.errorText(u"title"_s).isEmpty());
        QVERIFY(dialog.createButton()->isEnabled());

        accounts->setText(u"111122223333, 12345"_s);
        QVERIFY2(dialog.errorText(u"impactedAccounts"_s).contains(u"Line 2"_s),
            qPrintable(dialog.errorText(u"impactedAccounts"_s)));
        regions->setText(u"us-east-1, moon-1"_s);
        QVERIFY(!dialog.errorText(u"impactedAwsRegions"_s).isEmpty());
        ips->setPlainText(u"203.0.113.7 curl/8.4.0\n999.1.2.3"_s);
        QVERIFY(dialog.errorText(u"threatActorIpAddresses"_s).contains(u"Line 2"_s));
        watchers->setPlainText(u"alice@example.com, Alice Ng, IR lead\nnot-an-email"_s);
        QVERIFY(dialog.errorText(u"watchers"_s).contains(u"Line 2"_s));
        tags->setPlainText(u"team=ir\nno equals sign"_s);
        QVERIFY(!dialog.errorText(u"tags"_s).isEmpty());
        start->setDateTime(QDateTime::currentDateTimeUtc().addDays(2));
        QVERIFY(dialog.errorText(u"reportedIncidentStartDate"_s).contains(u"future"_s));
        QVERIFY(!dialog.createButton()->isEnabled());
        QVERIFY(!dialog.create());

        // Fixing every field enables Create, and the request carries every field.
        accounts->setText(u"111122223333, 444455556666"_s);
        regions->setText(u"us-east-1, eu-west-1"_s);
        ips->setPlainText(u"203.0.113.7 curl/8.4.0\n2001:db8::1"_s);
        watchers->setPlainText(u"alice@example.com, Alice Ng, IR lead\nbob@example.com"_s);
        tags->setPlainText(u"team=ir\nseverity=high"_s);
        start->setDateTime(QDateTime::currentDateTimeUtc().addDays(-1));
        QVERIFY2(dialog.currentErrors().isEmpty(),
            qPrintable(dialog.currentErrors().value(0).field + u": "_s
                + dialog.currentErrors().value(0).message));
        QVERIFY(dialog.createButton()->isEnabled());
        const domain::CreateCaseRequest r = dialog.request();
        QCOMPARE(r.impactedAccounts->size(), 2);
        QCOMPARE(r.impactedAwsRegions.size(), 2);
        QCOMPARE(r.threatActorIpAddresses.value(0).userAgent, u"curl/8.4.0"_s);
        QCOMPARE(r.threatActorIpAddresses.value(1).ipAddress, u"2001:DB8:0:0:0:0:0:1"_s);
        QCOMPARE(r.watchers->value(0).jobTitle, u"IR lead"_s);
        QCOMPARE(r.tags.value(u"severity"_s), u"high"_s);
    }

    void detailPaneOpensAndShowsTheCase()
    {
        page().showItem(u"2000000001"_s);
        ui::CaseDetailWidget *detail = page().detailFor(u"2000000001"_s);
        QVERIFY(detail);
        QVERIFY(detail->isVisible());
        auto *facts = detail->findChild<QLabel *>(u"caseFactsLabel"_s);
        QVERIFY(facts->text().contains(u"AWS-supported"_s));
        QVERIFY(detail->findChild<QLabel *>(u"casePendingActionLabel"_s)->isVisible());
        QVERIFY(!detail->findChild<QPushButton *>(u"escalateButton"_s)->isEnabled());
        auto *findings = detail->findChild<QTreeWidget *>(u"linkedFindingsTree"_s);
        QCOMPARE(findings->topLevelItemCount(), 1);
        QCOMPARE(findings->topLevelItem(0)->text(0), u"Critical"_s);
        // Several cases side by side: a second tab, and a window of its own.
        auto *tabs = page().findChild<QTabWidget *>(u"caseDetailTabs"_s);
        const int before = tabs->count();
        page().openCase(u"1000000002"_s);
        QCOMPARE(tabs->count(), before + 1);
        page().openCase(u"1000000002"_s); // already open: no second tab
        QCOMPARE(tabs->count(), before + 1);
        ui::CaseDetailWidget *window = page().openCaseInWindow(u"1000000003"_s);
        QVERIFY(window->isWindow());
        QVERIFY(window->isVisible());
        window->close();
    }

    // A case written elsewhere (a triage escalation, a pull) shows when the board is shown
    // again; the cards already there are not reset.
    void showingTheBoardAgainReadsNewCases()
    {
        QString error;
        QVERIFY(test::storeCases(m_workspace->database(),
            {test::boardCase(u"3000000001"_s, CaseStatus::Submitted, ResolverType::Self,
                u"Escalated from the triage queue"_s)},
            &error));
        QSignalSpy reset(page().model(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(page().model(), &QAbstractItemModel::rowsInserted);
        page().hide();
        page().show();
        QTRY_COMPARE(page().model()->rowCount(), 10);
        QVERIFY(page().column(CaseStatus::Submitted)->model()->rowOf(u"3000000001"_s) >= 0);
        QVERIFY(reset.count() + inserted.count() >= 1);
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("WARROOM_SCREENSHOT_DIR");
        page().showItem(u"2000000001"_s);
        for (const bool dark : {false, true}) {
            const QPalette palette
                = dark ? test::darkPalette() : QApplication::style()->standardPalette();
            QApplication::setPalette(palette);
            QCoreApplication::processEvents();
            const QImage image = page().grab().toImage();
            QVERIFY(!image.isNull());
            // The card's text must read on its background in both palettes.
            const QColor base = palette.color(QPalette::Base);
            const QColor text = palette.color(QPalette::Text);
            QVERIFY(qAbs(base.lightness() - text.lightness()) > 120);
            if (!dir.isEmpty())
                QVERIFY(image.save(
                    dir + (dark ? u"/caseboard-dark.png"_s : u"/caseboard-light.png"_s)));
        }
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
};

QTEST_MAIN(TestCaseBoardPage)
#include "tst_caseboard_board.moc"
