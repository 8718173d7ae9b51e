// The sync dialogs and what sync does to open views, offscreen against the real
// warroom-server: a change the server refuses shows with its message in the needs-attention
// dialog, is edited there and lands; discarding asks first; a conflict shows both values
// and Take theirs drops the local change; the status bar's counts open the dialogs; an open
// case detail keeps what the user is typing while a pull changes the case, and a synced
// card keeps its place in its column.

#include "SyncServerSupport.h"

#include "../awsclient/WarroomServerProcess.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "caseboard/CaseBoardPage.h"
#include "casedetail/CaseDetailWidget.h"
#include "itemmodels/CaseBoardColumnModel.h"
#include "itemmodels/CaseBoardModel.h"
#include "store/OutboxRepository.h"
#include "sync/BackendSettings.h"
#include "sync/NeedsAttentionDialog.h"
#include "sync/SyncConflictDialog.h"

#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTreeWidget>

using namespace warroom;
using warroom::test::SyncConsole;
using warroom::test::WarroomServerProcess;

class TestSyncDialogs final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_serverDir;
    std::unique_ptr<WarroomServerProcess> m_server;
    std::unique_ptr<SyncConsole> m_a, m_b;

    QString sharedCase(const QString &title) { return test::shareNewCase(*m_a, *m_b, title); }
    bool enqueueRefusedTitle(SyncConsole &console, const QString &caseId)
    {
        return test::enqueueOverlongTitle(console, caseId);
    }
    QString serverTitle(const QString &caseId)
    {
        return test::serverTitle(m_a->engine->backend(), caseId);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The window's settings (geometry, recent workspaces) stay in this test's folder.
        QCoreApplication::setOrganizationName(u"WarroomTests"_s);
        QCoreApplication::setApplicationName(u"tst_sync_dialogs"_s);
        QSettings::setPath(
            QSettings::NativeFormat, QSettings::UserScope, m_serverDir.filePath(u"settings"_s));
        m_server = std::make_unique<WarroomServerProcess>(m_serverDir.path());
        QString error;
        QVERIFY2(m_server->start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
    }

    void init()
    {
        QString error;
        QVERIFY2(test::openConsolePair(m_server->url(), m_server->key(), &m_a, &m_b, &error),
            qPrintable(error));
    }

    void cleanup()
    {
        QVERIFY(!ui::MessageBox::hasPendingAnswer());
        m_a.reset();
        m_b.reset();
    }

    void refusedChangeEditedAndResent()
    {
        const QString id = sharedCase(u"Refused in the dialog"_s);
        QVERIFY(!id.isEmpty());
        QVERIFY(enqueueRefusedTitle(*m_a, id));
        QString error;
        QVERIFY(!m_a->syncOnce(&error));

        ui::NeedsAttentionDialog dialog(m_a->engine.get(), nullptr);
        dialog.show();
        auto *tree = dialog.findChild<QTreeWidget *>(u"refusedTree"_s);
        QVERIFY(tree);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(0), id);
        const QString message = tree->topLevelItem(0)->text(2);
        QVERIFY2(message.startsWith(u"ValidationException"_s) && message.contains(u"title"_s),
            qPrintable(message));
        QVERIFY(dialog.findChild<QLabel *>(u"refusedMessageLabel"_s)->text().contains(message));

        QTest::mouseClick(dialog.findChild<QPushButton *>(u"editRefusedButton"_s), Qt::LeftButton);
        auto *title = dialog.findChild<QLineEdit *>(u"titlePayloadEdit"_s);
        QVERIFY(title);
        QCOMPARE(title->text().size(), 301);
        // Still too long: refused here, with the field named.
        title->setText(QString(305, u'y'));
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"resendButton"_s), Qt::LeftButton);
        auto *problem = dialog.findChild<QLabel *>(u"refusedProblemLabel"_s);
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(u"title"_s), qPrintable(problem->text()));
        QCOMPARE(m_a->engine->failedCount(), 1);

        title->clear();
        QTest::keyClicks(title, u"Fixed in the dialog"_s);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"resendButton"_s), Qt::LeftButton);
        QVERIFY(!problem->isVisible());
        QCOMPARE(tree->topLevelItemCount(), 0);
        QCOMPARE(m_a->get(id)->title, u"Fixed in the dialog"_s);
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        QCOMPARE(serverTitle(id), u"Fixed in the dialog"_s);

        // Discard asks first; No keeps the change.
        QVERIFY(enqueueRefusedTitle(*m_a, id));
        QVERIFY(!m_a->syncOnce(&error));
        dialog.reload();
        QCOMPARE(tree->topLevelItemCount(), 1);
        ui::MessageBox::setNextAnswer(QMessageBox::No);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"discardButton"_s), Qt::LeftButton);
        QVERIFY(ui::MessageBox::lastText().contains(id));
        QCOMPARE(tree->topLevelItemCount(), 1);
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"discardButton"_s), Qt::LeftButton);
        QCOMPARE(tree->topLevelItemCount(), 0);
        QCOMPARE(m_a->engine->failedCount(), 0);
        QCOMPARE(m_a->get(id)->title, u"Fixed in the dialog"_s);
    }

    void conflictDialogTakeTheirs()
    {
        const QString id = sharedCase(u"Conflict in the dialog"_s);
        QVERIFY(!id.isEmpty());
        QString error;
        domain::UpdateCaseRequest mine;
        mine.caseId = id;
        mine.title = u"Title from A"_s;
        QVERIFY(m_a->engine->changes().updateCase(mine, nullptr, &error));
        domain::UpdateCaseRequest theirs = mine;
        theirs.title = u"Title from B"_s;
        QVERIFY(m_b->engine->changes().updateCase(theirs, nullptr, &error));
        QVERIFY2(m_b->syncOnce(&error), qPrintable(error));
        QVERIFY(!m_a->syncOnce(&error));

        ui::SyncConflictDialog dialog(m_a->engine.get(), QString(), nullptr);
        dialog.show();
        auto *tree = dialog.findChild<QTreeWidget *>(u"conflictTree"_s);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(0), id);
        QCOMPARE(tree->topLevelItem(0)->text(1), u"Title"_s);
        QCOMPARE(tree->topLevelItem(0)->text(2), u"Conflict in the dialog"_s);
        QCOMPARE(tree->topLevelItem(0)->text(3), u"Title from A"_s);
        QCOMPARE(tree->topLevelItem(0)->text(4), u"Title from B"_s);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"takeTheirsButton"_s), Qt::LeftButton);
        QCOMPARE(tree->topLevelItemCount(), 0);
        QCOMPARE(m_a->get(id)->title, u"Title from B"_s);
        QCOMPARE(m_a->engine->pendingCount(), 0);
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        QCOMPARE(serverTitle(id), u"Title from B"_s);
    }

    void openDetailKeepsTypingAndCardsKeepTheirPlace()
    {
        const QString first = sharedCase(u"Board case one"_s);
        const QString second = sharedCase(u"Board case two"_s);
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        QString error;
        QVERIFY(m_a->syncOnce(&error));
        ui::AreaContext context;
        context.workspace = m_a->workspace.get();
        context.sync = m_a->engine.get();
        ui::CaseBoardPage page(context);
        page.resize(1200, 800);
        page.show();
        auto *model = page.findChild<itemmodels::CaseBoardModel *>();
        QVERIFY(model);
        QTRY_VERIFY(
            model->rowCount() >= 2 && model->rowOf(first) >= 0 && model->rowOf(second) >= 0);
        itemmodels::CaseBoardColumnModel *submitted = nullptr;
        for (auto *column : page.findChildren<itemmodels::CaseBoardColumnModel *>())
            if (column->status() == domain::CaseStatus::Submitted)
                submitted = column;
        QVERIFY(submitted);
        QStringList order;
        for (int row = 0; row < submitted->rowCount(); ++row)
            order << submitted->caseIdAt(row);
        QVERIFY(order.contains(first) && order.contains(second));
        // The case further down is changed by B: sorted by last update, it would jump.
        const QString lower = order.indexOf(first) > order.indexOf(second) ? first : second;
        QVERIFY(order.indexOf(lower) > 0);

        QVERIFY(QMetaObject::invokeMethod(&page, "showItem", Q_ARG(QString, lower)));
        ui::CaseDetailWidget *detail = nullptr;
        for (auto *d : page.findChildren<ui::CaseDetailWidget *>())
            if (d->caseId() == lower)
                detail = d;
        QVERIFY(detail);
        auto *titleEdit = detail->findChild<QLineEdit *>(u"detailTitleEdit"_s);
        auto *description = detail->findChild<QPlainTextEdit *>(u"detailDescriptionEdit"_s);
        titleEdit->setFocus();
        titleEdit->end(false);
        QTest::keyClicks(titleEdit, u" (typing)"_s);
        const QString typed = titleEdit->text();

        // B changes title and description of that case; A's engine pulls it.
        domain::UpdateCaseRequest other;
        other.caseId = lower;
        other.title = u"Renamed by B"_s;
        other.description = u"Described by B"_s;
        QVERIFY(m_b->engine->changes().updateCase(other, nullptr, &error));
        QVERIFY2(m_b->syncOnce(&error), qPrintable(error));
        QSignalSpy pulled(m_a->engine.get(), &sync::SyncEngine::pullFinished);
        m_a->engine->pullNow();
        QVERIFY(pulled.wait(10000));
        QCOMPARE(m_a->get(lower)->title, u"Renamed by B"_s);

        QCOMPARE(titleEdit->text(), typed); // what the user typed stays
        QCOMPARE(titleEdit->cursorPosition(), typed.size());
        QCOMPARE(description->toPlainText(), u"Described by B"_s); // untouched field follows
        QCOMPARE(detail->fieldsChangedWhileEditing(), QStringList {u"Title"_s});
        QVERIFY(detail->findChild<QLabel *>(u"changedWhileEditingLabel"_s)->isVisible());
        // The synced case was updated last, yet stays where it was in its column.
        QStringList after;
        for (int row = 0; row < submitted->rowCount(); ++row)
            after << submitted->caseIdAt(row);
        QCOMPARE(after, order);
        QCOMPARE(model->card(lower)->title, u"Renamed by B"_s);

        // Saving sends the typed title over B's: a conflict only the sender can see is
        // not one (A saw B's value before saving).
        QVERIFY(detail->saveChanges());
        QCOMPARE(titleEdit->text(), typed);
        QVERIFY(detail->fieldsChangedWhileEditing().isEmpty());
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        QCOMPARE(serverTitle(lower), typed);
    }

    void statusBarCountsOpenTheDialogs()
    {
        const QString id = sharedCase(u"Status bar case"_s);
        QVERIFY(!id.isEmpty());
        QString error;
        // A workspace of the window, on this server, with a refused change waiting.
        {
            sync::BackendSettings settings;
            settings.kind = sync::BackendSettings::Kind::Server;
            settings.serverUrl = m_server->url();
            QVERIFY2(settings.save(m_a->workspace->database(), &error), qPrintable(error));
        }
        QVERIFY(enqueueRefusedTitle(*m_a, id));
        qputenv("AWS_ACCESS_KEY_ID", m_server->key().accessKeyId.toUtf8());
        qputenv("AWS_SECRET_ACCESS_KEY", m_server->key().secretAccessKey.toUtf8());
        qputenv("AWS_CONFIG_FILE", m_serverDir.filePath(u"none"_s).toUtf8());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", m_serverDir.filePath(u"none"_s).toUtf8());
        m_a->engine.reset();
        ui::MainWindow window(std::move(m_a->workspace));
        window.show();
        QVERIFY(window.syncEngine());
        auto *attention = window.findChild<QPushButton *>(u"needsAttentionButton"_s);
        QVERIFY(attention);
        QTRY_VERIFY_WITH_TIMEOUT(attention->isVisible(), 15000);
        QVERIFY2(attention->text().contains(u'1'), qPrintable(attention->text()));
        QTest::mouseClick(attention, Qt::LeftButton);
        auto *dialog = window.findChild<ui::NeedsAttentionDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->refusedCount(), 1);
        QVERIFY(!window.findChild<QPushButton *>(u"syncConflictsButton"_s)->isVisible());
    }
};

QTEST_MAIN(TestSyncDialogs)
#include "tst_sync_dialogs.moc"
