// Attachments through the sync engine, on both kinds of backend: the embedded service
// (transfers in process) and the real warroom-server (presigned URLs over HTTP). An upload
// reports its progress and lands once; a download brings back the same bytes, written
// whole; a download the backend refuses names the reason and leaves no file behind.
#include "../awsclient/WarroomServerProcess.h"
#include "SyncConsole.h"
#include "SyncTestSupport.h"
#include "domain/Case.h"
#include "store/Workspace.h"
#include "sync/EmbeddedBackend.h"
#include "sync/HttpBackend.h"
#include "sync/LocalChanges.h"
#include "sync/SyncEngine.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace warroom;

class TestSyncAttachments final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::WarroomServerProcess> m_server;

    std::unique_ptr<sync::CaseBackend> backendFor(const QString &kind, const QString &folder)
    {
        return test::backendFor(kind, folder, m_server->url(), m_server->key());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(u"server"_s)));
        m_server = std::make_unique<test::WarroomServerProcess>(m_dir.filePath(u"server"_s));
        QString error;
        QVERIFY2(m_server->start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
    }

    void uploadThenDownload_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("embedded") << u"embedded"_s;
        QTest::newRow("warroom-server") << u"server"_s;
    }

    void uploadThenDownload()
    {
        QFETCH(QString, backend);
        const QString folder = m_dir.filePath(u"ws-"_s + backend);
        QString error;
        auto workspace = store::Workspace::open(folder, &error);
        QVERIFY2(workspace, qPrintable(error));
        sync::SyncEngine engine(*workspace, backendFor(backend, folder));
        QSignalSpy progress(&engine, &sync::SyncEngine::transferProgress);
        QSignalSpy replaced(&engine, &sync::SyncEngine::caseIdReplaced);

        const QString local
            = engine.changes().createCase(test::newCaseRequest(u"Exfil"_s), nullptr, &error);
        QVERIFY2(!local.isEmpty(), qPrintable(error));
        QString message;
        QVERIFY2(test::syncRound(engine, &message), qPrintable(message));
        QCOMPARE(replaced.size(), 1);
        const QString caseId = replaced.first().at(1).toString();
        QVERIFY(!sync::LocalChanges::isProvisionalId(caseId));

        // 3 MiB of random bytes: several progress steps over HTTP, and a checksum that
        // catches a truncated or reordered transfer.
        QByteArray bytes(3 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator gen(7);
        gen.fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
        const QString source = folder + u"/vpc-flow.log"_s;
        QFile f(source);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        QVERIFY2(engine.changes().addAttachment(caseId, source, &error), qPrintable(error));
        QVERIFY2(test::syncRound(engine, &message), qPrintable(message));
        QCOMPARE(engine.failedCount(), 0);
        QCOMPARE(engine.pendingCount(), 0);

        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.first().at(0).toString(), caseId);
        QCOMPARE(progress.first().at(1).toString(), u"vpc-flow.log"_s);
        QCOMPARE(progress.first().at(2).toLongLong(), 0);
        QCOMPARE(progress.last().at(2).toLongLong(), qint64(bytes.size()));
        QCOMPARE(progress.last().at(3).toLongLong(), qint64(bytes.size()));

        const QJsonArray attachments
            = test::backendCall(engine, u"GetCase"_s, {{u"caseId"_s, caseId}})
                  .value(u"caseAttachments"_s)
                  .toArray();
        QCOMPARE(attachments.size(), 1);
        const QJsonObject attachment = attachments.first().toObject();
        QCOMPARE(attachment.value(u"attachmentStatus"_s).toString(), u"Verified"_s);

        const QString target = folder + u"/downloads/vpc-flow.log"_s;
        std::optional<std::pair<bool, QString>> result;
        engine.downloadAttachment(caseId, attachment.value(u"attachmentId"_s).toString(), target,
            [&](bool ok, const QString &text) {
                result = {ok, text};
            });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY2(result->first, qPrintable(result->second));
        QFile got(target);
        QVERIFY(got.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(got.readAll(), QCryptographicHash::Sha256),
            QCryptographicHash::hash(bytes, QCryptographicHash::Sha256));

        // An attachment the case does not have: the backend's reason, and no file.
        const QString missing = folder + u"/downloads/missing.bin"_s;
        result.reset();
        engine.downloadAttachment(caseId, u"00000000-0000-4000-8000-000000000000"_s, missing,
            [&](bool ok, const QString &text) {
                result = {ok, text};
            });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY(!result->first);
        QVERIFY2(
            result->second.contains(u"ResourceNotFoundException"_s), qPrintable(result->second));
        QVERIFY(!QFile::exists(missing));
    }
};

QTEST_GUILESS_MAIN(TestSyncAttachments)
#include "tst_sync_attachments.moc"
