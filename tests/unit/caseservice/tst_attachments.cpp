#include <QtTest/QtTest>

#include "ServiceFixture.h"

using namespace warroom::caseservice;
using namespace warroom::caseservice::testing;
using namespace Qt::StringLiterals;

class TestCaseServiceAttachments final : public QObject
{
    Q_OBJECT

private:
    static QString tokenOf(const QString &url)
    {
        const QString prefix
            = u"https://warroom.example.com"_s + CaseService::attachmentPathPrefix();
        return url.startsWith(prefix) ? url.mid(prefix.size()) : QString();
    }
    static ServiceConfig config()
    {
        ServiceConfig c;
        c.publicBaseUrl = u"https://warroom.example.com/"_s;
        return c;
    }
    static QJsonObject attachmentsOf(ServiceFixture &f, const QString &caseId, int index = 0)
    {
        return f.getCase(caseId).value(u"caseAttachments"_s).toArray().at(index).toObject();
    }

private slots:
    void uploadVerifyDownload();
    void sizeMismatchFails();
    void uploadUrlExpires();
    void forgedAndWrongKindTokens();
    void invalidRequests_data();
    void invalidRequests();
    void fiftyPerCase();
};

void TestCaseServiceAttachments::uploadVerifyDownload()
{
    ServiceFixture f(config());
    const QString caseId = f.createCase();
    const QByteArray bytes = "tcpdump output\n";
    const ServiceResult r = f.call(u"GetCaseAttachmentUploadUrl"_s,
        {{u"caseId"_s, caseId}, {u"fileName"_s, u"capture.txt"_s},
            {u"contentLength"_s, bytes.size()}});
    QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
    QCOMPARE(r.httpStatus, 201);
    const QString uploadToken = tokenOf(r.body.value(u"attachmentPresignedUrl"_s).toString());
    QVERIFY(!uploadToken.isEmpty());

    QJsonObject attachment = attachmentsOf(f, caseId);
    QCOMPARE(attachment.value(u"attachmentStatus"_s).toString(), u"Pending"_s);
    QCOMPARE(attachment.value(u"fileName"_s).toString(), u"capture.txt"_s);
    QCOMPARE(attachment.value(u"creator"_s).toString(), alice().arn);
    const QString attachmentId = attachment.value(u"attachmentId"_s).toString();
    QVERIFY(!QUuid::fromString(attachmentId).isNull());

    // Not downloadable before the upload.
    const ServiceResult early = f.call(u"GetCaseAttachmentDownloadUrl"_s,
        {{u"caseId"_s, caseId}, {u"attachmentId"_s, attachmentId}});
    QCOMPARE(errorType(early), u"ConflictException"_s);

    QString error;
    QVERIFY2(f.service->acceptUpload(uploadToken, bytes, &error), qPrintable(error));
    QCOMPARE(attachmentsOf(f, caseId).value(u"attachmentStatus"_s).toString(), u"Verified"_s);
    QVERIFY(!f.service->acceptUpload(uploadToken, bytes, &error)); // only once
    QVERIFY(error.contains(u"already"_s));

    const ServiceResult down = f.call(u"GetCaseAttachmentDownloadUrl"_s,
        {{u"caseId"_s, caseId}, {u"attachmentId"_s, attachmentId}}, alice(Role::ReadOnly));
    QVERIFY(down.ok());
    QCOMPARE(down.httpStatus, 201);
    const QString downloadToken = tokenOf(down.body.value(u"attachmentPresignedUrl"_s).toString());
    QString fileName;
    const auto content = f.service->download(downloadToken, &fileName, &error);
    QVERIFY2(content.has_value(), qPrintable(error));
    QCOMPARE(*content, bytes);
    QCOMPARE(fileName, u"capture.txt"_s);
    // An upload token is not a download token and the other way round.
    QVERIFY(!f.service->download(uploadToken, &fileName, &error).has_value());

    const QJsonArray edits = f.edits(caseId);
    QVERIFY(edits.last().toObject().value(u"message"_s).toString().contains(u"verified"_s));
    QCOMPARE(errorType(f.call(u"GetCaseAttachmentDownloadUrl"_s,
                 {{u"caseId"_s, caseId},
                     {u"attachmentId"_s, u"00000000-0000-0000-0000-000000000000"_s}})),
        u"ResourceNotFoundException"_s);
}

void TestCaseServiceAttachments::sizeMismatchFails()
{
    ServiceFixture f(config());
    const QString caseId = f.createCase();
    const ServiceResult r = f.call(u"GetCaseAttachmentUploadUrl"_s,
        {{u"caseId"_s, caseId}, {u"fileName"_s, u"a.bin"_s}, {u"contentLength"_s, 10}});
    const QString token = tokenOf(r.body.value(u"attachmentPresignedUrl"_s).toString());
    QString error;
    QVERIFY(!f.service->acceptUpload(token, QByteArray(9, 'x'), &error));
    QVERIFY(error.contains(u"Failed"_s));
    QCOMPARE(attachmentsOf(f, caseId).value(u"attachmentStatus"_s).toString(), u"Failed"_s);
    QVERIFY(f.edits(caseId).last().toObject().value(u"message"_s).toString().contains(u"failed"_s));
    QVERIFY(!f.service->acceptUpload(token, QByteArray(10, 'x'), &error)); // stays Failed
    QCOMPARE(attachmentsOf(f, caseId).value(u"attachmentStatus"_s).toString(), u"Failed"_s);
}

void TestCaseServiceAttachments::uploadUrlExpires()
{
    ServiceConfig c = config();
    c.uploadUrlTtlSeconds = 60;
    ServiceFixture f(c);
    *f.clock = QDateTime(QDate(2025, 6, 1), QTime(9, 0), Qt::UTC);
    const QString caseId = f.createCase();
    const ServiceResult r = f.call(u"GetCaseAttachmentUploadUrl"_s,
        {{u"caseId"_s, caseId}, {u"fileName"_s, u"late.log"_s}, {u"contentLength"_s, 4}});
    const QString token = tokenOf(r.body.value(u"attachmentPresignedUrl"_s).toString());
    *f.clock = f.clock->addSecs(61);
    QString error;
    QVERIFY(!f.service->acceptUpload(token, "abcd", &error));
    QVERIFY(error.contains(u"expired"_s));
    QCOMPARE(attachmentsOf(f, caseId).value(u"attachmentStatus"_s).toString(), u"Pending"_s);
    *f.clock = f.clock->addSecs(-30); // back inside the window
    QVERIFY2(f.service->acceptUpload(token, "abcd", &error), qPrintable(error));
}

void TestCaseServiceAttachments::forgedAndWrongKindTokens()
{
    ServiceFixture f(config());
    const QString caseId = f.createCase();
    const QString token = tokenOf(
        f.call(u"GetCaseAttachmentUploadUrl"_s,
             {{u"caseId"_s, caseId}, {u"fileName"_s, u"x.txt"_s}, {u"contentLength"_s, 1}})
            .body.value(u"attachmentPresignedUrl"_s)
            .toString());
    QString forged = token;
    forged[3] = forged.at(3) == u'A' ? u'B' : u'A';
    QString error;
    QVERIFY(!f.service->acceptUpload(forged, "x", &error));
    QVERIFY(!f.service->acceptUpload(u"garbage"_s, "x", &error));
    QVERIFY(!f.service->download(u"garbage"_s, nullptr, &error).has_value());
    QCOMPARE(attachmentsOf(f, caseId).value(u"attachmentStatus"_s).toString(), u"Pending"_s);
    // A page token is signed for another purpose.
    for (int i = 0; i < 3; ++i)
        f.createCase();
    const QString pageToken
        = f.call(u"ListCases"_s, {{u"maxResults"_s, 1}}).body.value(u"nextToken"_s).toString();
    QVERIFY(!f.service->acceptUpload(pageToken, "x", &error));
}

void TestCaseServiceAttachments::invalidRequests_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("field");
    QTest::newRow("space in name") << QJsonObject {{u"fileName"_s, u"my file.txt"_s},
        {u"contentLength"_s, 1}} << u"fileName"_s;
    QTest::newRow("over 100 MiB") << QJsonObject {{u"fileName"_s, u"big.iso"_s},
        {u"contentLength"_s, 104857601.0}}
                                  << u"contentLength"_s;
    QTest::newRow("zero bytes") << QJsonObject {{u"fileName"_s, u"a"_s}, {u"contentLength"_s, 0}}
                                << u"contentLength"_s;
    QTest::newRow("no length") << QJsonObject {{u"fileName"_s, u"a"_s}} << u"contentLength"_s;
    QTest::newRow("no name") << QJsonObject {{u"contentLength"_s, 1}} << u"fileName"_s;
}

void TestCaseServiceAttachments::invalidRequests()
{
    QFETCH(QJsonObject, input);
    QFETCH(QString, field);
    ServiceFixture f(config());
    const QString caseId = f.createCase();
    input.insert(u"caseId"_s, caseId);
    const ServiceResult r = f.call(u"GetCaseAttachmentUploadUrl"_s, input);
    QCOMPARE(errorType(r), u"ValidationException"_s);
    QVERIFY2(errorFields(r).contains(field), qPrintable(errorFields(r).join(u',')));
    QVERIFY(!f.getCase(caseId).contains(u"caseAttachments"_s));
}

void TestCaseServiceAttachments::fiftyPerCase()
{
    ServiceFixture f(config());
    const QString caseId = f.createCase();
    for (int i = 0; i < 50; ++i)
        QVERIFY(f.call(u"GetCaseAttachmentUploadUrl"_s,
                     {{u"caseId"_s, caseId}, {u"fileName"_s, QString(u"f"_s + QString::number(i))},
                         {u"contentLength"_s, 1}})
                    .ok());
    const ServiceResult r = f.call(u"GetCaseAttachmentUploadUrl"_s,
        {{u"caseId"_s, caseId}, {u"fileName"_s, u"one-more"_s}, {u"contentLength"_s, 1}});
    QCOMPARE(errorType(r), u"ServiceQuotaExceededException"_s);
    QCOMPARE(r.httpStatus, 402);
    QCOMPARE(r.error->resourceId, caseId);
    QCOMPARE(f.getCase(caseId).value(u"caseAttachments"_s).toArray().size(), 50);
}

QTEST_GUILESS_MAIN(TestCaseServiceAttachments)
#include "tst_attachments.moc"
