#include "MessageBox.h"
#include "QueueTestData.h"
#include "demo/DemoOrganization.h"
#include "demo/FindingGenerator.h"
#include "itemmodels/FindingQueueModel.h"
#include "store/RuleRepository.h"
#include "store/Workspace.h"
#include "triage/FindingDetailPane.h"
#include "triage/FindingFileDialog.h"
#include "triage/SeverityDelegate.h"
#include "triage/TriageQueuePage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using itemmodels::FindingQueueModel;
using ui::triage::TriageQueuePage;

class TestTriageQueuePage final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_workspaces = 0;

    struct Fixture
    {
        std::unique_ptr<store::Workspace> workspace;
        std::unique_ptr<TriageQueuePage> page;
        QTableView *table = nullptr;
        FindingQueueModel *model = nullptr;
    };

    Fixture open(int findings = 300, bool untriaged = false)
    {
        Fixture f;
        QString error;
        f.workspace = store::Workspace::open(m_dir.filePath(u"ws%1"_s.arg(++m_workspaces)), &error);
        if (!f.workspace || !queuetest::addFindings(f.workspace->database(), 0, findings, &error))
            qFatal("fixture: %s", qPrintable(error));
        if (untriaged
            && !f.workspace->database().write(
                [](QSqlDatabase &connection, QString *) {
                    return QSqlQuery(connection)
                        .exec(u"UPDATE findings SET verdict = 'Unset', verdict_rule = ''"_s);
                },
                &error))
            qFatal("fixture: %s", qPrintable(error));
        ui::AreaContext context;
        context.workspace = f.workspace.get();
        f.page = std::make_unique<TriageQueuePage>(context);
        f.page->setAnalyst(u"ana"_s);
        f.page->resize(1400, 700);
        f.page->show();
        f.table = f.page->findChild<QTableView *>(u"findingsTable"_s);
        f.model = f.page->model();
        return f;
    }

    static QString storedVerdict(
        store::Workspace &workspace, const QString &id, const QString &column = u"verdict"_s)
    {
        QSqlQuery query(workspace.database().reader());
        query.prepare(u"SELECT "_s + column + u" FROM findings WHERE id = ?"_s);
        query.addBindValue(id);
        if (!query.exec() || !query.next())
            return u"<missing>"_s;
        return query.value(0).toString();
    }

    // GuardDuty JSON Lines from the demo generator, then `tail` as it is.
    QString writeGenerated(const QString &name, int count, const QByteArray &tail = {})
    {
        QFile file(m_dir.filePath(name));
        demo::FindingGenerator generator(demo::DemoOrganization::standard(), 7);
        QString error;
        if (!file.open(QIODevice::WriteOnly)
            || !generator.write(
                file, count, demo::FindingGenerator::Format::GuardDutyJsonLines, &error))
            qFatal("cannot write %s", qPrintable(name));
        file.write(tail);
        return file.fileName();
    }

    static void key(QWidget *widget, Qt::Key key, Qt::KeyboardModifiers modifiers = {})
    {
        QTest::keyClick(widget, key, modifiers);
    }

private slots:
    void triagesWithKeys()
    {
        Fixture f = open();
        QTRY_VERIFY(f.model->rowCount() > 20);
        f.table->setFocus();
        QTRY_COMPARE(f.table->currentIndex().row(), 0);
        key(f.table, Qt::Key_J);
        key(f.table, Qt::Key_J);
        QCOMPARE(f.table->currentIndex().row(), 2);
        key(f.table, Qt::Key_K);
        QCOMPARE(f.table->currentIndex().row(), 1);

        const QString first = f.model->findingId(1);
        key(f.table, Qt::Key_E); // escalate, then on to the next
        QCOMPARE(storedVerdict(*f.workspace, first), u"Escalated"_s);
        QCOMPARE(storedVerdict(*f.workspace, first, u"verdict_rule"_s), u"analyst:ana"_s);
        QCOMPARE(f.table->currentIndex().row(), 2);
        QCOMPARE(
            f.model->index(1, FindingQueueModel::VerdictColumn).data().toString(), u"Escalated"_s);

        const QString second = f.model->findingId(2);
        key(f.table, Qt::Key_S);
        QCOMPARE(storedVerdict(*f.workspace, second), u"Suppressed"_s);
        key(f.table, Qt::Key_Z, Qt::ControlModifier); // undo the suppression only
        QCOMPARE(storedVerdict(*f.workspace, second), u"Queued"_s);
        QCOMPARE(storedVerdict(*f.workspace, first), u"Escalated"_s);
        QCOMPARE(f.table->currentIndex().row(), 2);

        // Bulk: mark rows 2 and 4 with Space, assign both, then suppress both.
        key(f.table, Qt::Key_Space);
        key(f.table, Qt::Key_J);
        key(f.table, Qt::Key_J);
        key(f.table, Qt::Key_Space);
        QCOMPARE(f.table->selectionModel()->selectedRows().size(), 2);
        const QStringList marked = {f.model->findingId(2), f.model->findingId(4)};
        key(f.table, Qt::Key_A);
        for (const QString &id : marked)
            QCOMPARE(storedVerdict(*f.workspace, id, u"assignee"_s), u"ana"_s);
        QCOMPARE(storedVerdict(*f.workspace, f.model->findingId(3), u"assignee"_s), QString());
        key(f.table, Qt::Key_S);
        for (const QString &id : marked)
            QCOMPARE(storedVerdict(*f.workspace, id), u"Suppressed"_s);
        QCOMPARE(storedVerdict(*f.workspace, f.model->findingId(3)), u"Queued"_s);
        QCOMPARE(f.table->selectionModel()->selectedRows().size(), 0);
        key(f.table, Qt::Key_Z, Qt::ControlModifier);
        for (const QString &id : marked)
            QCOMPARE(storedVerdict(*f.workspace, id), u"Queued"_s);
    }

    void showsDetailsOfTheCurrentFinding()
    {
        Fixture f = open();
        QTRY_VERIFY(f.model->rowCount() > 5);
        f.table->setFocus();
        key(f.table, Qt::Key_J);
        const auto *row = f.model->rowAt(1);
        auto *title = f.page->findChild<QLabel *>(u"detailTitleLabel"_s);
        QCOMPARE(title->text(), row->title);
        auto *tree = f.page->findChild<QTreeWidget *>(u"rawJsonTree"_s);
        QVERIFY(tree->topLevelItemCount() == 1);
        QTreeWidgetItem *root = tree->topLevelItem(0);
        QCOMPARE(root->childCount(), 2); // "n" and "service"
        QCOMPARE(root->child(1)->text(0), u"service"_s);
        QCOMPARE(root->child(1)->child(1)->text(0), u"count"_s); // keys in order
        QCOMPARE(root->child(1)->child(1)->text(1), u"3"_s);
    }

    void falsePositiveProposesASuppressionRule()
    {
        Fixture f = open();
        QTRY_VERIFY(f.model->rowCount() > 5);
        f.table->setFocus();
        const QString id = f.model->findingId(0);
        const auto *row = f.model->rowAt(0);
        const QString type = row->type;
        const QString resource = row->resourceId;
        // A sibling: the same type on the same resource and account, triaged by the engine.
        domain::Finding sibling = queuetest::makeFinding(5000);
        sibling.type = type;
        sibling.resourceId = resource;
        sibling.accountId = row->accountId;
        sibling.verdict = domain::Verdict::Queued;
        sibling.verdictRule = u"default"_s;
        QString error;
        QVERIFY(f.workspace->database().write(
            [&](QSqlDatabase &connection, QString *e) {
                return store::FindingRepository(connection).upsert(sibling, e);
            },
            &error));
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        key(f.table, Qt::Key_F);
        QVERIFY(!ui::MessageBox::hasPendingAnswer());
        QCOMPARE(storedVerdict(*f.workspace, id), u"Suppressed"_s);
        QCOMPARE(storedVerdict(*f.workspace, id, u"verdict_rule"_s), u"false-positive:ana"_s);
        const auto rules = store::RuleRepository(f.workspace->database().reader()).list(&error);
        QCOMPARE(rules.size(), 1);
        QVERIFY(rules.first().action == domain::RuleAction::Suppress);
        QCOMPARE(rules.first().criteria.size(), 3);
        QCOMPARE(rules.first().criteria.at(0).value, type);
        QCOMPARE(rules.first().criteria.at(1).value, resource);

        // The new rule re-triages what the engine decided, in the background.
        QSignalSpy retriaged(f.page.get(), &TriageQueuePage::retriageFinished);
        QTRY_COMPARE_WITH_TIMEOUT(retriaged.size(), 1, 30000);
        QSqlQuery query(f.workspace->database().reader());
        query.prepare(u"SELECT COUNT(*), SUM(verdict = 'Suppressed' AND verdict_rule = ?) FROM "
                      u"findings WHERE type = ? AND resource_id = ? AND account_id = ? AND "
                      u"verdict_rule NOT LIKE 'false-positive:%'"_s);
        query.addBindValue(rules.first().id);
        query.addBindValue(type);
        query.addBindValue(resource);
        query.addBindValue(rules.first().criteria.at(2).value);
        QVERIFY(query.exec() && query.next());
        QCOMPARE(query.value(0).toInt(), 1); // the sibling
        QCOMPARE(query.value(1).toInt(), 1); // now suppressed by the new rule
        query.finish();

        // Declined: the finding is marked, no rule is added.
        ui::MessageBox::setNextAnswer(QMessageBox::No);
        key(f.table, Qt::Key_F);
        QCOMPARE(store::RuleRepository(f.workspace->database().reader()).list(&error).size(), 1);
    }

    void triagesUntriagedFindingsInTheBackground()
    {
        Fixture f = open(300, true);
        QSignalSpy retriaged(f.page.get(), &TriageQueuePage::retriageFinished);
        QTRY_COMPARE_WITH_TIMEOUT(retriaged.size(), 1, 30000);
        QCOMPARE(retriaged.at(0).at(0).toLongLong(), 300);
        QTRY_VERIFY(f.model->rowCount() > 0); // the queue shows them once they have verdicts
        QCOMPARE(f.model->rowAt(0)->verdict, u"Queued"_s);
    }

    void searchesAndFiltersFromTheToolbar()
    {
        Fixture f = open(1000);
        QTRY_VERIFY(f.model->rowCount() > 0);
        auto *search = f.page->findChild<QLineEdit *>(u"searchEdit"_s);
        QTest::keyClicks(search, u"zebra"_s);
        key(search, Qt::Key_Return);
        QTRY_COMPARE(f.model->rowCount(), 1);
        QCOMPARE(f.model->rowAt(0)->title, u"Finding number 777"_s);
        search->clear();
        key(search, Qt::Key_Return);
        auto *severity = f.page->findChild<QComboBox *>(u"severityCombo"_s);
        severity->setCurrentIndex(severity->count() - 1); // critical only
        QTRY_VERIFY(!f.model->isLoading() && f.model->rowCount() > 0);
        QTRY_VERIFY(f.model->atEnd() || f.model->rowCount() > 0);
        for (int row = 0; row < f.model->rowCount(); ++row)
            QVERIFY(f.model->rowAt(row)->severity >= 9.0);
        auto *verdict = f.page->findChild<QComboBox *>(u"verdictCombo"_s);
        verdict->setCurrentIndex(verdict->findData(u"Suppressed"_s));
        QTRY_VERIFY(!f.model->isLoading() && f.model->rowCount() > 0);
        for (int row = 0; row < f.model->rowCount(); ++row)
            QCOMPARE(f.model->rowAt(row)->verdict, u"Suppressed"_s);

        // Save this filter, change it, then choose the saved one again.
        TriageQueuePage::setNextFilterName(u"Critical suppressed"_s);
        f.page->findChild<QAction *>(u"saveFilterAction"_s)->trigger();
        verdict->setCurrentIndex(verdict->findData(u"Queued"_s));
        severity->setCurrentIndex(0);
        auto *saved = f.page->findChild<QComboBox *>(u"savedFilterCombo"_s);
        const int index = saved->findText(u"Critical suppressed"_s);
        QVERIFY(index > 0);
        saved->setCurrentIndex(index);
        emit saved->activated(index);
        QVERIFY(f.model->filter().verdict == domain::Verdict::Suppressed);
        QCOMPARE(f.model->filter().minSeverity, 9.0);
        QCOMPARE(verdict->currentData().toString(), u"Suppressed"_s);
    }

    void showsANewBarInsteadOfMovingRows()
    {
        Fixture f = open();
        // The first window must be in before the top row is read: the count alone can be
        // known (0 or 300) while the rows are still loading on the worker.
        QTRY_VERIFY(f.model->rowCount() > 0 && !f.model->findingId(0).isEmpty());
        auto *bar = f.page->findChild<QFrame *>(u"newFindingsBar"_s);
        QVERIFY(!bar->isVisible());
        const QString top = f.model->findingId(0);
        QVERIFY(!top.isEmpty());
        QString error;
        QVERIFY(queuetest::addFindings(f.workspace->database(), 300, 330, &error));
        f.model->checkForNewFindings();
        QTRY_VERIFY(bar->isVisible());
        QVERIFY(f.page->findChild<QLabel *>(u"newFindingsLabel"_s)->text().contains(u"new"_s));
        QCOMPARE(f.model->findingId(0), top);
        QTest::mouseClick(f.page->findChild<QPushButton *>(u"showNewButton"_s), Qt::LeftButton);
        QTRY_VERIFY(!bar->isVisible());
        QTRY_VERIFY(f.model->totalCount() > 0);
    }

    void importsFromTheMenuWithProgressAndFromADrop()
    {
        Fixture f = open(10);
        QFile file(writeGenerated(u"import.jsonl"_s, 2000, "{\"broken\": \n"));

        QSignalSpy finished(f.page.get(), &TriageQueuePage::importFinished);
        ui::triage::FindingFileDialog::setNextFile(file.fileName());
        f.page->findChild<QAction *>(u"importFindingsAction"_s)->trigger();
        QVERIFY(f.page->isImporting());
        QVERIFY(f.page->findChild<QFrame *>(u"importBar"_s)->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QVERIFY(finished.at(0).at(0).toLongLong() > 1500); // updates of one id count once
        QCOMPARE(finished.at(0).at(1).toInt(), 1); // the broken line
        QVERIFY(!f.page->findChild<QFrame *>(u"importBar"_s)->isVisible());
        QVERIFY(
            f.page->findChild<QLabel *>(u"triageMessageLabel"_s)->text().contains(u"skipped"_s));
        QTRY_VERIFY(f.page->findChild<QFrame *>(u"newFindingsBar"_s)->isVisible());

        // A dropped file imports the same way.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file.fileName())});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(f.page.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(f.page.get(), &drop);
        QVERIFY(f.page->isImporting());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
        QVERIFY(finished.at(1).at(3).toString().isEmpty());
    }

    void cancelsAnImport()
    {
        Fixture f = open(10);
        QFile file(writeGenerated(u"big.jsonl"_s, 30000));
        QSignalSpy finished(f.page.get(), &TriageQueuePage::importFinished);
        f.page->importFile(file.fileName());
        QTest::mouseClick(
            f.page->findChild<QPushButton *>(u"cancelImportButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QVERIFY(finished.at(0).at(2).toBool()); // cancelled
        QVERIFY(finished.at(0).at(0).toLongLong() < 30000);
    }

    void severityColoursKeepTheirContrast_data()
    {
        QTest::addColumn<QString>("label");
        for (const char *label : {"Critical", "High", "Medium", "Low", "Informational"})
            QTest::newRow(label) << QString::fromLatin1(label);
    }
    void severityColoursKeepTheirContrast()
    {
        // The pill draws its own text colour on its own fill, so the contrast does not depend
        // on the palette (light or dark); WCAG AA for normal text asks for 4.5:1.
        QFETCH(QString, label);
        const QColor fill = ui::triage::SeverityDelegate::fillFor(label);
        const QColor text = ui::triage::SeverityDelegate::textFor(fill);
        const auto luminance = [](const QColor &c) {
            const auto channel = [](double v) {
                return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
            };
            return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
                + 0.0722 * channel(c.blueF());
        };
        const double a = luminance(fill);
        const double b = luminance(text);
        const double contrast = (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
        QVERIFY2(contrast >= 4.5, qPrintable(u"%1: %2"_s.arg(label).arg(contrast)));
    }
};

QTEST_MAIN(TestTriageQueuePage)
#include "tst_triagequeuepage.moc"
