// The case detail on a real workspace store, through its widgets: the header, the edit
// fields turned into one UpdateCase with add/remove lists and caseMetadata, field errors,
// the comment composer's 12,000-character count, attachment checks before anything is
// sent (file name rules, the 100 MiB cap), linked findings opening the triage queue, and
// investigations.
#include "CaseBoardTestSupport.h"
#include "caseboard/CaseActions.h"
#include "casedetail/CaseDetailWidget.h"
#include "domain/Validation.h"
#include "store/Database.h"

#include <QtSql/QSqlQuery>
#include <QtTest/QtTest>
#include <QtWidgets>

using namespace Qt::StringLiterals;
using namespace warroom;
using domain::CaseStatus;

class TestCaseDetail final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
    ui::AreaContext m_context;
    std::unique_ptr<ui::CaseActions> m_actions;
    QList<std::pair<ui::Area, QString>> m_shown;

    std::unique_ptr<ui::CaseDetailWidget> open(const QString &caseId)
    {
        auto detail
            = std::make_unique<ui::CaseDetailWidget>(m_context, m_actions.get(), caseId, nullptr);
        detail->resize(800, 900);
        detail->show();
        return detail;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_workspace = store::Workspace::open(m_dir.path(), &error);
        QVERIFY2(m_workspace, qPrintable(error));
        domain::Case c = test::boardCase(u"5000000001"_s, CaseStatus::DetectionAndAnalysis);
        c.impactedAccounts = {u"111122223333"_s, u"444455556666"_s};
        c.impactedAwsRegions = {{u"us-east-1"_s}};
        c.impactedServices = {u"Amazon EC2"_s};
        c.threatActorIpAddresses = {{u"203.0.113.7"_s, u"curl/8.4.0"_s}};
        c.watchers = {{u"alice@example.com"_s, u"Alice Ng"_s, u"IR lead"_s},
            {u"bob@example.com"_s, QString(), QString()}};
        c.caseMetadata = {{u"ticket"_s, u"INC-42"_s}};
        c.caseAttachments = {{u"0b4f4c4e-8f4a-4c53-9f5e-2f9d1f1f1f1f"_s, u"memory.dmp"_s,
            domain::AttachmentStatus::Verified, u"arn:aws:iam::111122223333:user/alice"_s,
            test::boardEpoch()}};
        QVERIFY2(test::storeCases(m_workspace->database(), {c}, &error), qPrintable(error));
        QVERIFY(test::storeLinkedFinding(
            m_workspace->database(), u"finding-7"_s, u"5000000001"_s, 7.5, &error));
        QVERIFY2(
            m_workspace->database().write(
                [](QSqlDatabase &db, QString *e) {
                    QSqlQuery q(db);
                    q.prepare(
                        u"INSERT INTO investigations (case_id, investigation_id, action_type, "
                        u"title, "
                        "content, status, last_updated, feedback) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
                    for (const QVariant &v : QVariantList {u"5000000001"_s, u"inv-abcdefghij"_s,
                             u"Evidence"_s, u"CloudTrail review"_s, u"Keys used from 203.0.113.7"_s,
                             u"Completed"_s, 1793520000, u"{\"usefulness\": \"USEFUL\"}"_s})
                        q.addBindValue(v);
                    return store::execQuery(q, e);
                },
                &error),
            qPrintable(error));
        m_context.workspace = m_workspace.get();
        m_context.showItem = [this](ui::Area area, const QString &id) {
            m_shown.append({area, id});
        };
        m_actions = std::make_unique<ui::CaseActions>(m_context);
    }

    void header()
    {
        auto detail = open(u"5000000001"_s);
        QCOMPARE(detail->findChild<QLabel *>(u"caseTitleLabel"_s)->text(), u"Case 5000000001"_s);
        const QString facts = detail->findChild<QLabel *>(u"caseFactsLabel"_s)->text();
        QVERIFY2(facts.contains(u"Detection and Analysis"_s) && facts.contains(u"Self-managed"_s)
                && facts.contains(u"Security Incident"_s),
            qPrintable(facts));
        QVERIFY(detail->findChild<QLabel *>(u"caseDatesLabel"_s)
                    ->text()
                    .contains(u"2026-11-01 08:00 UTC"_s));
        QVERIFY(detail->findChild<QPushButton *>(u"escalateButton"_s)->isEnabled());
        QVERIFY(detail->findChild<QLabel *>(u"casePendingActionLabel"_s)->isHidden());
        auto missing = open(u"9999999999"_s);
        QVERIFY(missing->findChild<QLabel *>(u"caseTitleLabel"_s)
                    ->text()
                    .contains(u"not in this workspace"_s));
    }

    void editsBecomeOneUpdateCaseWithAddRemoveLists()
    {
        auto detail = open(u"5000000001"_s);
        auto *save = detail->findChild<QPushButton *>(u"saveCaseButton"_s);
        QVERIFY(!save->isEnabled()); // nothing changed
        detail->findChild<QLineEdit *>(u"detailTitleEdit"_s)->setText(u"EC2 credential theft"_s);
        detail->findChild<QLineEdit *>(u"detailAccountsEdit"_s)
            ->setText(u"111122223333, 777788889999"_s);
        detail->findChild<QLineEdit *>(u"detailRegionsEdit"_s)->setText(u"us-east-1 eu-west-1"_s);
        detail->findChild<QLineEdit *>(u"detailServicesEdit"_s)->clear();
        detail->findChild<QPlainTextEdit *>(u"detailThreatActorsEdit"_s)
            ->setPlainText(u"203.0.113.7 curl/8.4.0\n198.51.100.9"_s);
        detail->findChild<QPlainTextEdit *>(u"detailWatchersEdit"_s)
            ->setPlainText(u"alice@example.com, Alice Ng, IR lead"_s);
        detail->findChild<QPlainTextEdit *>(u"detailMetadataEdit"_s)
            ->setPlainText(u"ticket=INC-42\nbridge=https://meet.example.com/ir"_s);
        QVERIFY(save->isEnabled());
        const domain::UpdateCaseRequest r = detail->pendingUpdate();
        QCOMPARE(r.caseId, u"5000000001"_s);
        QCOMPARE(r.title.value_or(QString()), u"EC2 credential theft"_s);
        QVERIFY(!r.description);
        QVERIFY(!r.engagementType);
        QCOMPARE(r.impactedAccountsToAdd, QStringList {u"777788889999"_s});
        QCOMPARE(r.impactedAccountsToDelete, QStringList {u"444455556666"_s});
        QCOMPARE(r.impactedAwsRegionsToAdd.size(), 1);
        QCOMPARE(r.impactedAwsRegionsToAdd.first().region, u"eu-west-1"_s);
        QVERIFY(r.impactedAwsRegionsToDelete.isEmpty());
        QCOMPARE(r.impactedServicesToDelete, QStringList {u"Amazon EC2"_s});
        QCOMPARE(r.threatActorIpAddressesToAdd.size(), 1);
        QCOMPARE(r.threatActorIpAddressesToAdd.first().ipAddress, u"198.51.100.9"_s);
        QCOMPARE(r.watchersToDelete.size(), 1);
        QCOMPARE(r.watchersToDelete.first().email, u"bob@example.com"_s);
        QVERIFY(r.watchersToAdd.isEmpty());
        QVERIFY(r.caseMetadata);
        QCOMPARE(r.caseMetadata->size(), 2);

        // Without a sync engine the save is refused, says why, and keeps the edits.
        QVERIFY(!detail->saveChanges());
        QVERIFY(
            detail->findChild<QLabel *>(u"caseDetailProblemLabel"_s)->text().contains(u"sync"_s));
        QCOMPARE(detail->findChild<QLineEdit *>(u"detailTitleEdit"_s)->text(),
            u"EC2 credential theft"_s);

        // Revert puts the stored case back.
        QTest::mouseClick(detail->findChild<QPushButton *>(u"revertCaseButton"_s), Qt::LeftButton);
        QCOMPARE(
            detail->findChild<QLineEdit *>(u"detailTitleEdit"_s)->text(), u"Case 5000000001"_s);
        QVERIFY(!save->isEnabled());
    }

    void fieldErrorsNameTheField()
    {
        auto detail = open(u"5000000001"_s);
        detail->findChild<QLineEdit *>(u"detailTitleEdit"_s)->clear();
        QVERIFY(!detail->errorText(u"title"_s).isEmpty());
        detail->findChild<QLineEdit *>(u"detailAccountsEdit"_s)->setText(u"111122223333, 42"_s);
        QVERIFY2(detail->errorText(u"impactedAccounts"_s).contains(u"Line 1"_s),
            qPrintable(detail->errorText(u"impactedAccounts"_s)));
        detail->findChild<QPlainTextEdit *>(u"detailWatchersEdit"_s)->setPlainText(u"nobody"_s);
        QVERIFY(!detail->errorText(u"watchers"_s).isEmpty());
        detail->findChild<QPlainTextEdit *>(u"detailMetadataEdit"_s)->clear();
        QVERIFY(detail->errorText(u"caseMetadata"_s).contains(u"at least one"_s));
        QVERIFY(!detail->findChild<QPushButton *>(u"saveCaseButton"_s)->isEnabled());
    }

    void composerShowsTheLimit()
    {
        auto detail = open(u"5000000001"_s);
        auto *composer = detail->findChild<QPlainTextEdit *>(u"commentComposerEdit"_s);
        auto *count = detail->findChild<QLabel *>(u"commentCountLabel"_s);
        auto *post = detail->findChild<QPushButton *>(u"postCommentButton"_s);
        QVERIFY(count->text().contains(QLocale().toString(12000)));
        QVERIFY(!post->isEnabled());
        QTest::keyClicks(composer, u"Isolated i-0abc"_s);
        QVERIFY(count->text().startsWith(u"15 / "_s));
        QVERIFY(post->isEnabled());
        composer->setPlainText(QString(12001, u'x'));
        QVERIFY(count->text().startsWith(QLocale().toString(12001)));
        QVERIFY(!post->isEnabled());
        composer->setPlainText(u"Posting needs the sync engine"_s);
        QVERIFY(!detail->postComment());
        QCOMPARE(composer->toPlainText(), u"Posting needs the sync engine"_s); // nothing lost
    }

    void attachmentsAreCheckedBeforeSending()
    {
        auto detail = open(u"5000000001"_s);
        auto *tree = detail->findChild<QTreeWidget *>(u"attachmentsTree"_s);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(0), u"memory.dmp"_s);
        QCOMPARE(tree->topLevelItem(0)->text(1), u"Verified"_s);
        auto *status = detail->findChild<QLabel *>(u"attachmentStatusLabel"_s);

        const QString spaced = m_dir.filePath(u"bad name.txt"_s);
        QFile f(spaced);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
        f.close();
        ui::CaseDetailWidget::setNextUploadFile(spaced);
        QTest::mouseClick(
            detail->findChild<QPushButton *>(u"uploadAttachmentButton"_s), Qt::LeftButton);
        QVERIFY2(status->text().contains(u"no spaces"_s), qPrintable(status->text()));

        const QString huge = m_dir.filePath(u"disk.img"_s);
        QFile big(huge);
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(domain::limits::ContentLengthMax + 1)); // sparse
        big.close();
        QVERIFY(!detail->uploadFile(huge));
        QVERIFY2(
            status->text().contains(u"disk.img was not attached"_s), qPrintable(status->text()));

        const QString empty = m_dir.filePath(u"empty.log"_s);
        QFile e(empty);
        QVERIFY(e.open(QIODevice::WriteOnly));
        e.close();
        QVERIFY(!detail->uploadFile(empty));
        QCOMPARE(tree->topLevelItemCount(), 1);
    }

    void linkedFindingsOpenInTheTriageQueue()
    {
        auto detail = open(u"5000000001"_s);
        auto *tree = detail->findChild<QTreeWidget *>(u"linkedFindingsTree"_s);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(0), u"High"_s);
        tree->setCurrentItem(tree->topLevelItem(0));
        m_shown.clear();
        QTest::mouseClick(detail->findChild<QPushButton *>(u"openFindingButton"_s), Qt::LeftButton);
        QCOMPARE(m_shown.size(), 1);
        QVERIFY(m_shown.first().first == ui::Area::TriageQueue);
        QCOMPARE(m_shown.first().second, u"finding-7"_s);
    }

    void investigations()
    {
        auto detail = open(u"5000000001"_s);
        auto *tree = detail->findChild<QTreeWidget *>(u"investigationsTree"_s);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(0), u"CloudTrail review"_s);
        QCOMPARE(tree->topLevelItem(0)->text(1), u"Completed"_s);
        QCOMPARE(tree->topLevelItem(0)->text(2), u"Useful"_s);
        tree->setCurrentItem(tree->topLevelItem(0));
        QCOMPARE(detail->findChild<QPlainTextEdit *>(u"investigationContentView"_s)->toPlainText(),
            u"Keys used from 203.0.113.7"_s);
    }
};

QTEST_MAIN(TestCaseDetail)
#include "tst_caseboard_detail.moc"
