// The board and the case detail writing through the sync layer to the real warroom-server
// (started on a free loopback port with its own key and database): create a case in the New
// case dialog, drag a card across every allowed transition, close by dropping on Closed,
// comment, upload an attachment, escalate to AWS. After each change one sync round runs and
// the server's own answer (GetCase, ListComments) is checked.
#include "../awsclient/WarroomServerProcess.h"
#include "../sync/SyncConsole.h"
#include "CaseBoardTestSupport.h"
#include "CaseBoardWidgetSupport.h"
#include "MessageBox.h"
#include "caseboard/NewCaseDialog.h"
#include "casedetail/CaseDetailWidget.h"
#include "sync/HttpBackend.h"
#include "sync/SyncEngine.h"

using namespace Qt::StringLiterals;
using namespace warroom;
using domain::CaseStatus;

class TestCaseBoardSync final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::WarroomServerProcess> m_server;
    std::unique_ptr<store::Workspace> m_workspace;
    std::unique_ptr<sync::SyncEngine> m_engine;
    std::unique_ptr<ui::CaseBoardPage> m_page;
    QString m_caseId;

    bool syncRound(QString *message) { return test::syncRound(*m_engine, message); }

    QJsonObject serverCall(const QString &operation, const QJsonObject &input)
    {
        return test::backendCall(*m_engine, operation, input);
    }

    QString serverStatus(const QString &caseId)
    {
        return serverCall(u"GetCase"_s, {{u"caseId"_s, caseId}}).value(u"caseStatus"_s).toString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(u"server"_s)));
        m_server = std::make_unique<test::WarroomServerProcess>(m_dir.filePath(u"server"_s));
        QString error;
        QVERIFY2(m_server->start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
        m_workspace = store::Workspace::open(m_dir.filePath(u"workspace"_s), &error);
        QVERIFY2(m_workspace, qPrintable(error));
        m_engine = std::make_unique<sync::SyncEngine>(*m_workspace,
            std::make_unique<sync::HttpBackend>(m_server->url(), u"us-east-1"_s, m_server->key()));
        ui::AreaContext context;
        context.workspace = m_workspace.get();
        context.sync = m_engine.get();
        m_page = std::make_unique<ui::CaseBoardPage>(context);
        m_page->resize(1600, 900);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_engine.reset();
        m_server.reset();
    }

    void createCaseInTheDialog()
    {
        ui::NewCaseDialog dialog(m_page->actions());
        QTest::keyClicks(
            dialog.findChild<QLineEdit *>(u"caseTitleEdit"_s), u"Keys used from a new ASN"_s);
        dialog.findChild<QPlainTextEdit *>(u"caseDescriptionEdit"_s)
            ->setPlainText(u"Seen in CloudTrail"_s);
        dialog.findChild<QLineEdit *>(u"caseAccountsEdit"_s)->setText(u"111122223333"_s);
        dialog.findChild<QDateTimeEdit *>(u"caseReportedStartEdit"_s)
            ->setDateTime(QDateTime::currentDateTimeUtc().addDays(-1));
        dialog.findChild<QPlainTextEdit *>(u"caseWatchersEdit"_s)
            ->setPlainText(u"alice@example.com, Alice Ng"_s);
        QSignalSpy created(&dialog, &ui::NewCaseDialog::caseCreated);
        QVERIFY(dialog.createButton()->isEnabled());
        QVERIFY(dialog.create());
        QCOMPARE(created.count(), 1);
        const QString local = created.first().at(0).toString();
        QVERIFY(m_page->model()->refreshCase(local));
        QVERIFY(m_page->model()->card(local));

        QString message;
        QVERIFY2(syncRound(&message), qPrintable(message));
        // The backend's ID replaced the provisional one on the board.
        QTRY_VERIFY(!m_page->model()->card(local));
        QCOMPARE(m_page->model()->rowCount(), 1);
        m_caseId = m_page->model()->card(0)->caseId;
        QVERIFY2(!sync::LocalChanges::isProvisionalId(m_caseId), qPrintable(m_caseId));
        QCOMPARE(serverCall(u"GetCase"_s, {{u"caseId"_s, m_caseId}}).value(u"title"_s).toString(),
            u"Keys used from a new ASN"_s);
        QCOMPARE(serverStatus(m_caseId), u"Submitted"_s);
    }

    // Every allowed self-managed transition, dragged on the board, reaches the server.
    void dragAcrossEveryAllowedTransition()
    {
        QVERIFY(!m_caseId.isEmpty());
        using S = CaseStatus;
        const QList<S> path {S::DetectionAndAnalysis, S::ContainmentEradicationAndRecovery,
            S::DetectionAndAnalysis, S::PostIncidentActivities,
            S::ContainmentEradicationAndRecovery, S::PostIncidentActivities,
            S::DetectionAndAnalysis};
        for (S to : path) {
            QVERIFY(test::dragCard(*m_page, m_caseId, to));
            QTRY_VERIFY(m_page->model()->card(m_caseId)->status == to);
            QString message;
            QVERIFY2(syncRound(&message), qPrintable(message));
            QCOMPARE(serverStatus(m_caseId), domain::toString(to));
        }
        // And a refused one is refused locally, before anything is sent.
        QVERIFY(test::dragCard(*m_page, m_caseId, S::Submitted));
        QTRY_VERIFY(m_page->lastMessage().contains(u"cannot go from"_s));
        QCOMPARE(serverStatus(m_caseId), u"Detection and Analysis"_s);
    }

    void commentAndAttachment()
    {
        m_page->showItem(m_caseId);
        ui::CaseDetailWidget *detail = m_page->detailFor(m_caseId);
        QVERIFY(detail);
        auto *composer = detail->findChild<QPlainTextEdit *>(u"commentComposerEdit"_s);
        QTest::keyClicks(composer, u"Rotated the access key."_s);
        QTest::mouseClick(detail->findChild<QPushButton *>(u"postCommentButton"_s), Qt::LeftButton);
        QVERIFY(composer->toPlainText().isEmpty());
        QCOMPARE(detail->comments().size(), 1);

        const QString file = m_dir.filePath(u"cloudtrail-excerpt.json"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(64 * 1024, 'x'));
        f.close();
        ui::CaseDetailWidget::setNextUploadFile(file);
        QTest::mouseClick(
            detail->findChild<QPushButton *>(u"uploadAttachmentButton"_s), Qt::LeftButton);
        QVERIFY2(
            detail->findChild<QLabel *>(u"attachmentStatusLabel"_s)->text().contains(u"queued"_s),
            qPrintable(detail->findChild<QLabel *>(u"attachmentStatusLabel"_s)->text()));
        // Until the sender runs, the file is listed as waiting (so nobody attaches it twice).
        auto *tree = detail->findChild<QTreeWidget *>(u"attachmentsTree"_s);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(1), u"Waiting to upload"_s);

        QString message;
        QVERIFY2(syncRound(&message), qPrintable(message));
        const QJsonArray comments
            = serverCall(u"ListComments"_s, {{u"caseId"_s, m_caseId}}).value(u"items"_s).toArray();
        QCOMPARE(comments.size(), 1);
        QCOMPARE(
            comments.first().toObject().value(u"body"_s).toString(), u"Rotated the access key."_s);
        const QJsonArray attachments = serverCall(u"GetCase"_s, {{u"caseId"_s, m_caseId}})
                                           .value(u"caseAttachments"_s)
                                           .toArray();
        QCOMPARE(attachments.size(), 1);
        QCOMPARE(attachments.first().toObject().value(u"fileName"_s).toString(),
            u"cloudtrail-excerpt.json"_s);
        detail->reload();
        QTRY_COMPARE(
            detail->findChild<QTreeWidget *>(u"attachmentsTree"_s)->topLevelItemCount(), 1);
    }

    void attachmentProgressDownloadAndOpen()
    {
        ui::CaseDetailWidget *detail = m_page->detailFor(m_caseId);
        QVERIFY(detail);
        // The upload of the previous step showed its progress up to the whole file.
        QCOMPARE(detail->lastTransferTotal(), qint64(64 * 1024));
        QCOMPARE(detail->lastTransferDone(), qint64(64 * 1024));
        QVERIFY(detail->findChild<QProgressBar *>(u"attachmentProgressBar"_s)->isHidden());

        detail->reload();
        auto *tree = detail->findChild<QTreeWidget *>(u"attachmentsTree"_s);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(1), u"Verified"_s);
        auto *download = detail->findChild<QPushButton *>(u"downloadAttachmentButton"_s);
        QVERIFY(!download->isEnabled());
        tree->setCurrentItem(tree->topLevelItem(0));
        QVERIFY(download->isEnabled());

        const QString saved = m_dir.filePath(u"saved/cloudtrail-excerpt.json"_s);
        ui::CaseDetailWidget::setNextSaveFile(saved);
        QTest::mouseClick(download, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(saved), 10000);
        QFile f(saved);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(64 * 1024, 'x'));
        QTRY_VERIFY(
            detail->findChild<QLabel *>(u"attachmentStatusLabel"_s)->text().contains(u"Saved"_s));

        // Open fetches a copy into the workspace once, then hands it to the desktop.
        QList<QUrl> opened;
        ui::CaseDetailWidget::setDesktopOpener([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QTest::mouseClick(
            detail->findChild<QPushButton *>(u"openAttachmentButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!detail->lastOpenedFile().isEmpty(), 10000);
        QVERIFY2(detail->lastOpenedFile().startsWith(m_workspace->directory() + u"/attachments/"_s),
            qPrintable(detail->lastOpenedFile()));
        QCOMPARE(QFileInfo(detail->lastOpenedFile()).size(), qint64(64 * 1024));
        QCOMPARE(opened, QList<QUrl> {QUrl::fromLocalFile(detail->lastOpenedFile())});
        ui::CaseDetailWidget::setDesktopOpener({});
    }

    void feedbackAndOwnCommentEditFromASecondConsole()
    {
        // An investigation the backend ran (stored by the server's admin command)...
        QByteArray out;
        QVERIFY2(
            m_server->admin({u"investigations"_s, u"add"_s, u"--case"_s, m_caseId, u"--id"_s,
                                u"inv-cloudtrail01"_s, u"--title"_s, u"CloudTrail review"_s,
                                u"--content"_s, u"Keys used from 203.0.113.7"_s, u"--action-type"_s,
                                u"Evidence"_s, u"--status"_s, u"Completed"_s},
                &out),
            out.constData());
        // ...reaches a second console on its first pull, with the comment written above.
        QString error;
        auto workspace = store::Workspace::open(m_dir.filePath(u"second"_s), &error);
        QVERIFY2(workspace, qPrintable(error));
        sync::SyncEngine engine(*workspace,
            std::make_unique<sync::HttpBackend>(m_server->url(), u"us-east-1"_s, m_server->key()));
        ui::AreaContext context;
        context.workspace = workspace.get();
        context.sync = &engine;
        ui::CaseBoardPage page(context);
        QString message;
        bool ok = false;
        auto round = [&] {
            ok = test::syncRound(engine, &message);
        };
        round();
        QVERIFY2(ok, qPrintable(message));
        page.showItem(m_caseId);
        ui::CaseDetailWidget *detail = page.detailFor(m_caseId);
        QVERIFY(detail);

        auto *investigations = detail->findChild<QTreeWidget *>(u"investigationsTree"_s);
        QTRY_COMPARE(investigations->topLevelItemCount(), 1);
        QCOMPARE(investigations->topLevelItem(0)->text(0), u"CloudTrail review"_s);
        investigations->setCurrentItem(investigations->topLevelItem(0));
        QTest::mouseClick(detail->findChild<QPushButton *>(u"usefulButton"_s), Qt::LeftButton);
        round();
        QVERIFY2(ok, qPrintable(message));
        const QJsonArray actions = serverCall(u"ListInvestigations"_s, {{u"caseId"_s, m_caseId}})
                                       .value(u"investigationActions"_s)
                                       .toArray();
        QCOMPARE(actions.size(), 1);
        QCOMPARE(actions.first()
                     .toObject()
                     .value(u"feedback"_s)
                     .toObject()
                     .value(u"usefulness"_s)
                     .toString(),
            u"USEFUL"_s);
    }

    void editOwnCommentAfterSync()
    {
        // The comment this console wrote came back from the server under the server's name
        // for this key (an ARN); it is still "mine": edit it and the server has the edit.
        ui::CaseDetailWidget *detail = m_page->detailFor(m_caseId);
        QVERIFY(detail);
        detail->reload();
        auto *comments = detail->findChild<QListWidget *>(u"commentsList"_s);
        QCOMPARE(comments->count(), 1);
        QVERIFY(detail->comments().first().creator.startsWith(u"arn:aws:iam::"_s));
        comments->setCurrentRow(0);
        auto *edit = detail->findChild<QPushButton *>(u"editCommentButton"_s);
        QVERIFY(edit->isEnabled());
        QTest::mouseClick(edit, Qt::LeftButton);
        auto *composer = detail->findChild<QPlainTextEdit *>(u"commentComposerEdit"_s);
        QCOMPARE(composer->toPlainText(), u"Rotated the access key."_s);
        composer->setPlainText(u"Rotated the access key and revoked its sessions."_s);
        QTest::mouseClick(detail->findChild<QPushButton *>(u"postCommentButton"_s), Qt::LeftButton);
        QString message;
        QVERIFY2(syncRound(&message), qPrintable(message));
        const QJsonArray serverComments
            = serverCall(u"ListComments"_s, {{u"caseId"_s, m_caseId}}).value(u"items"_s).toArray();
        QCOMPARE(serverComments.size(), 1);
        QCOMPARE(serverComments.first().toObject().value(u"body"_s).toString(),
            u"Rotated the access key and revoked its sessions."_s);
    }

    void escalateThenClose()
    {
        ui::CaseDetailWidget *detail = m_page->detailFor(m_caseId);
        QVERIFY(detail);
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(detail->findChild<QPushButton *>(u"escalateButton"_s), Qt::LeftButton);
        QVERIFY(ui::MessageBox::lastText().contains(u"cannot be undone"_s));
        QString message;
        QVERIFY2(syncRound(&message), qPrintable(message));
        QCOMPARE(
            serverCall(u"GetCase"_s, {{u"caseId"_s, m_caseId}}).value(u"resolverType"_s).toString(),
            u"AWS"_s);
        QTRY_VERIFY(m_page->model()->card(m_caseId)->resolver == domain::ResolverType::AWS);
        // Now read-only on the board: a drag to Closed is refused with the reason...
        QVERIFY(test::dragCard(*m_page, m_caseId, CaseStatus::Closed));
        QTRY_VERIFY(m_page->lastMessage().contains(u"AWS-supported"_s));
        // ...and the detail closes it (CloseCase is how AWS-supported cases are closed).
        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(detail->findChild<QPushButton *>(u"closeCaseButton"_s), Qt::LeftButton);
        QVERIFY2(syncRound(&message), qPrintable(message));
        QCOMPARE(serverStatus(m_caseId), u"Closed"_s);
        QTRY_VERIFY(m_page->model()->card(m_caseId)->status == CaseStatus::Closed);
    }

    void dropOnClosedAsksFirst()
    {
        // A second, self-managed case: declining keeps it open, confirming closes it.
        ui::NewCaseDialog dialog(m_page->actions());
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"caseTitleEdit"_s), u"Duplicate alert"_s);
        dialog.findChild<QPlainTextEdit *>(u"caseDescriptionEdit"_s)
            ->setPlainText(u"Same as before"_s);
        dialog.findChild<QDateTimeEdit *>(u"caseReportedStartEdit"_s)
            ->setDateTime(QDateTime::currentDateTimeUtc().addDays(-1));
        QSignalSpy created(&dialog, &ui::NewCaseDialog::caseCreated);
        QVERIFY(dialog.create());
        QString message;
        QVERIFY2(syncRound(&message), qPrintable(message));
        QString id;
        for (int row = 0; row < m_page->model()->rowCount(); ++row)
            if (m_page->model()->card(row)->title == u"Duplicate alert"_s)
                id = m_page->model()->card(row)->caseId;
        QVERIFY(!id.isEmpty() && !sync::LocalChanges::isProvisionalId(id));

        ui::MessageBox::setNextAnswer(QMessageBox::Cancel);
        QVERIFY(test::dragCard(*m_page, id, CaseStatus::Closed));
        QTRY_VERIFY(!ui::MessageBox::hasPendingAnswer());
        QVERIFY(ui::MessageBox::lastText().contains(u"cannot be reopened"_s));
        QVERIFY(m_page->model()->card(id)->status == CaseStatus::Submitted);

        ui::MessageBox::setNextAnswer(QMessageBox::Yes);
        QVERIFY(test::dragCard(*m_page, id, CaseStatus::Closed));
        QTRY_VERIFY(m_page->model()->card(id)->status == CaseStatus::Closed);
        QVERIFY2(syncRound(&message), qPrintable(message));
        QCOMPARE(serverStatus(id), u"Closed"_s);
    }
};

QTEST_MAIN(TestCaseBoardSync)
#include "tst_caseboard_sync.moc"
