// SecurityIrClient and warroomctl end to end against the real warroom-server on a free
// loopback port (its own key file and SQLite database in a temporary directory).

#include "AwsTestSupport.h"
#include "ScriptedHttpServer.h"
#include "WarroomServerProcess.h"
#include "aws/SecurityIrClient.h"

#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QTcpServer>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom::aws;
using namespace warroom;
using warroom::test::runCall;

using warroom::test::CtlResult;
using warroom::test::WarroomServerProcess;

class TestAwsClientWarroomServer final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<WarroomServerProcess> m_server;
    QUrl m_url;
    Credentials m_key;
    AwsHttpClient m_http;
    std::unique_ptr<SecurityIrClient> m_client;
    QString m_caseId;

    CtlResult ctl(QStringList args, bool withEndpoint = true, const Credentials *key = nullptr)
    {
        if (withEndpoint)
            args
                = QStringList {u"--endpoint-url"_s, m_url.toString(), u"--region"_s, u"us-east-1"_s}
                + args;
        return m_server->ctl(args, key ? *key : m_key);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(WarroomServerProcess::ctlBinary()), "warroomctl is not built");
        m_server = std::make_unique<WarroomServerProcess>(m_dir.path());
        QString error;
        QVERIFY2(m_server->start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
        m_url = m_server->url();
        m_key = m_server->key();
        QVERIFY(m_key.isValid());

        m_http.setCredentials(m_key);
        AwsClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpointUrl = m_url;
        m_client = std::make_unique<SecurityIrClient>(&m_http, config);
    }

    void cleanupTestCase() { m_server.reset(); }

    // --- SecurityIrClient --------------------------------------------------------------

    void clientCaseLifecycle()
    {
        domain::CreateCaseRequest request;
        request.resolverType = domain::ResolverType::Self;
        request.title = u"Suspicious IAM activity"_s;
        request.description = u"Console logins from a new country"_s;
        request.engagementType = domain::EngagementType::SecurityIncident;
        request.reportedIncidentStartDate = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        request.impactedAccounts = QStringList {u"111122223333"_s};
        request.watchers = QList<domain::Watcher> {};
        request.clientToken = SecurityIrClient::newClientToken();
        const auto created
            = runCall<QString>([&](auto done) { m_client->createCase(request, done); });
        QVERIFY(created);
        QVERIFY2(created->ok(), qPrintable(created->error.toString()));
        QCOMPARE(created->httpStatus, 201);
        m_caseId = created->value;
        QCOMPARE(m_caseId.size(), 10);
        // The same clientToken gives back the same case, not a second one.
        const auto repeated
            = runCall<QString>([&](auto done) { m_client->createCase(request, done); });
        QVERIFY(repeated && repeated->ok());
        QCOMPARE(repeated->value, m_caseId);

        const auto fetched
            = runCall<domain::Case>([&](auto done) { m_client->getCase(m_caseId, done); });
        QVERIFY(fetched && fetched->ok());
        QCOMPARE(fetched->value.title, request.title);
        QCOMPARE(fetched->value.caseStatus, domain::CaseStatus::Submitted);
        QCOMPARE(fetched->value.reportedIncidentStartDate, request.reportedIncidentStartDate);

        domain::UpdateCaseRequest update;
        update.caseId = m_caseId;
        update.description = u"Console logins from two new countries"_s;
        update.impactedAccountsToAdd = {u"444455556666"_s};
        const auto updated
            = runCall<NoOutput>([&](auto done) { m_client->updateCase(update, done); });
        QVERIFY2(updated && updated->ok(), updated ? qPrintable(updated->error.toString()) : "");

        const auto status = runCall<std::optional<domain::CaseStatus>>([&](auto done) {
            m_client->updateCaseStatus(m_caseId, domain::CaseStatus::DetectionAndAnalysis, done);
        });
        QVERIFY2(status && status->ok(), status ? qPrintable(status->error.toString()) : "");
        QCOMPARE(status->value, domain::CaseStatus::DetectionAndAnalysis);

        // A transition the graph forbids: a typed ValidationException from the server.
        const auto refused = runCall<std::optional<domain::CaseStatus>>([&](auto done) {
            m_client->updateCaseStatus(m_caseId, domain::CaseStatus::Submitted, done);
        });
        QVERIFY(refused);
        QCOMPARE(refused->error.kind, AwsError::Kind::Service);
        QCOMPARE(refused->error.httpStatus, 400);
        QCOMPARE(refused->error.type, u"ValidationException"_s);

        const auto comment = runCall<QString>([&](auto done) {
            m_client->createCaseComment(m_caseId, u"Reset the user's keys"_s, QString(), done);
        });
        QVERIFY(comment && comment->ok());
        QCOMPARE(comment->value.size(), 6);
        const auto edited = runCall<UpdateCaseCommentResult>([&](auto done) {
            m_client->updateCaseComment(m_caseId, comment->value, u"Reset and rotated"_s, done);
        });
        QVERIFY2(edited && edited->ok(), edited ? qPrintable(edited->error.toString()) : "");
        QCOMPARE(edited->value.body, u"Reset and rotated"_s);
        const auto comments = runCall<Page<domain::Comment>>(
            [&](auto done) { m_client->listComments(m_caseId, {}, done); });
        QVERIFY(comments && comments->ok());
        QCOMPARE(comments->value.items.size(), 1);
        QCOMPARE(comments->value.items.first().body, u"Reset and rotated"_s);

        int edits = 0;
        std::optional<AwsError> end;
        m_client->paginateCaseEdits(
            m_caseId, 1,
            [&](const Page<domain::CaseEdit> &page) {
                edits += int(page.items.size());
                return true;
            },
            [&](const AwsError &error) { end = error; });
        QVERIFY(warroom::test::spinUntil([&] { return end.has_value(); }));
        QVERIFY2(!end->isError(), qPrintable(end->toString()));
        QVERIFY2(edits >= 3, qPrintable(QString::number(edits))); // created, updated, status

        const auto investigations = runCall<Page<domain::Investigation>>([&](auto done) {
            m_client->listInvestigations(m_caseId, {QString(), 5}, done);
        });
        QVERIFY2(investigations && investigations->ok(),
            investigations ? qPrintable(investigations->error.toString()) : "");
        QVERIFY(investigations->value.items.isEmpty());
    }

    void clientTagsOnTheCaseArn()
    {
        QVERIFY(!m_caseId.isEmpty());
        const QString arn = u"arn:aws:security-ir:us-east-1:123456789012:case/"_s + m_caseId;
        const auto tagged = runCall<NoOutput>([&](auto done) {
            m_client->tagResource(arn, {{u"team"_s, u"blue"_s}, {u"sev"_s, u"high"_s}}, done);
        });
        QVERIFY2(tagged && tagged->ok(), tagged ? qPrintable(tagged->error.toString()) : "");
        QCOMPARE(tagged->httpStatus, 204);
        const auto untagged
            = runCall<NoOutput>([&](auto done) { m_client->untagResource(arn, {u"sev"_s}, done); });
        QVERIFY2(
            untagged && untagged->ok(), untagged ? qPrintable(untagged->error.toString()) : "");
        const auto tags
            = runCall<domain::Tags>([&](auto done) { m_client->listTagsForResource(arn, done); });
        QVERIFY(tags && tags->ok());
        QCOMPARE(tags->value, domain::Tags({{u"team"_s, u"blue"_s}}));
    }

    void clientAttachmentUrl()
    {
        const auto upload = runCall<QString>([&](auto done) {
            m_client->getCaseAttachmentUploadUrl(m_caseId, u"notes.txt"_s, 5, QString(), done);
        });
        QVERIFY2(upload && upload->ok(), upload ? qPrintable(upload->error.toString()) : "");
        QCOMPARE(upload->httpStatus, 201);
        QVERIFY2(upload->value.startsWith(u"http"_s), qPrintable(upload->value));
    }

    // The operations clientCaseLifecycle does not reach, each against the real server:
    // ListCases and its paginator, the attachment URLs with a real upload and download,
    // investigations added by the admin command with SendFeedback, comments paged one by
    // one, UpdateResolverType (Self to AWS, never back) and CloseCase.
    void clientRemainingCaseOperations()
    {
        domain::CreateCaseRequest request;
        request.resolverType = domain::ResolverType::Self;
        request.title = u"Exfiltration from a bucket"_s;
        request.description = u"Large GetObject volume"_s;
        request.engagementType = domain::EngagementType::Investigation;
        request.reportedIncidentStartDate = QDateTime(QDate(2026, 11, 2), QTime(8, 0), Qt::UTC);
        request.impactedAccounts = QStringList {u"111122223333"_s};
        request.watchers = QList<domain::Watcher> {};
        const auto created
            = runCall<QString>([&](auto done) { m_client->createCase(request, done); });
        QVERIFY2(created && created->ok(), created ? qPrintable(created->error.toString()) : "");
        const QString caseId = created->value;

        // ListCases, typed, and its paginator one case a page.
        const auto listed = runCall<Page<domain::CaseSummary>>([&](auto done) {
            m_client->listCases({QString(), 25}, done);
        });
        QVERIFY2(listed && listed->ok(), listed ? qPrintable(listed->error.toString()) : "");
        QVERIFY(listed->value.total.has_value());
        const qint64 total = *listed->value.total;
        QVERIFY(total >= 2);
        QVERIFY(std::any_of(listed->value.items.cbegin(), listed->value.items.cend(),
            [&](const domain::CaseSummary &c) { return c.caseId == caseId; }));
        QStringList paged;
        int pages = 0;
        std::optional<AwsError> end;
        m_client->paginateCases(
            1,
            [&](const Page<domain::CaseSummary> &page) {
                ++pages;
                for (const auto &c : page.items)
                    paged << c.caseId;
                return true;
            },
            [&](const AwsError &error) { end = error; });
        QVERIFY(warroom::test::spinUntil([&] { return end.has_value(); }));
        QVERIFY2(!end->isError(), qPrintable(end->toString()));
        QCOMPARE(paged.size(), total);
        QCOMPARE(pages, total);
        QCOMPARE(QSet<QString>(paged.cbegin(), paged.cend()).size(), paged.size());

        // Attachments: the upload URL takes the bytes, the case lists the attachment as
        // Verified, the download URL gives the same bytes back.
        const QByteArray evidence = "GetObject x 91234 from 203.0.113.7\n";
        const auto upload = runCall<QString>([&](auto done) {
            m_client->getCaseAttachmentUploadUrl(
                caseId, u"evidence.txt"_s, evidence.size(), QString(), done);
        });
        QVERIFY2(upload && upload->ok(), upload ? qPrintable(upload->error.toString()) : "");
        QNetworkAccessManager network;
        auto transfer = [&](QNetworkReply *reply, QByteArray *body) {
            warroom::test::spinUntil([&] { return reply->isFinished(); });
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (body)
                *body = reply->readAll();
            reply->deleteLater();
            return status;
        };
        QNetworkRequest put {QUrl(upload->value)};
        put.setHeader(QNetworkRequest::ContentTypeHeader, u"text/plain"_s);
        QCOMPARE(transfer(network.put(put, evidence), nullptr), 200);
        const auto withAttachment
            = runCall<domain::Case>([&](auto done) { m_client->getCase(caseId, done); });
        QVERIFY(withAttachment && withAttachment->ok());
        QCOMPARE(withAttachment->value.caseAttachments.size(), 1);
        const domain::Attachment attachment = withAttachment->value.caseAttachments.first();
        QCOMPARE(attachment.fileName, u"evidence.txt"_s);
        QVERIFY(attachment.attachmentStatus == domain::AttachmentStatus::Verified);
        const auto download = runCall<QString>([&](auto done) {
            m_client->getCaseAttachmentDownloadUrl(caseId, attachment.attachmentId, done);
        });
        QVERIFY2(
            download && download->ok(), download ? qPrintable(download->error.toString()) : "");
        QByteArray downloaded;
        QCOMPARE(transfer(network.get(QNetworkRequest(QUrl(download->value))), &downloaded), 200);
        QCOMPARE(downloaded, evidence);

        // Investigations come from the server's admin command; feedback goes back on one.
        QByteArray adminOutput;
        QVERIFY2(
            m_server->admin({u"investigations"_s, u"add"_s, u"--case"_s, caseId, u"--id"_s,
                                u"inv-warroomtest0001"_s, u"--title"_s, u"Bucket access review"_s,
                                u"--content"_s, u"Reads came from one role."_s, u"--action-type"_s,
                                u"Investigation"_s, u"--status"_s, u"Completed"_s},
                &adminOutput),
            adminOutput.constData());
        const auto feedback = runCall<NoOutput>([&](auto done) {
            m_client->sendFeedback(caseId, u"inv-warroomtest0001"_s,
                domain::UsefulnessRating::Useful, u"Found the role"_s, done);
        });
        QVERIFY2(
            feedback && feedback->ok(), feedback ? qPrintable(feedback->error.toString()) : "");
        QList<domain::Investigation> investigations;
        end.reset();
        m_client->paginateInvestigations(
            caseId, 1,
            [&](const Page<domain::Investigation> &page) {
                investigations += page.items;
                return true;
            },
            [&](const AwsError &error) { end = error; });
        QVERIFY(warroom::test::spinUntil([&] { return end.has_value(); }));
        QVERIFY2(!end->isError(), qPrintable(end->toString()));
        QCOMPARE(investigations.size(), 1);
        QCOMPARE(investigations.first().investigationId, u"inv-warroomtest0001"_s);
        QCOMPARE(investigations.first().title, u"Bucket access review"_s);
        QVERIFY(investigations.first().feedback.usefulness == domain::UsefulnessRating::Useful);
        QCOMPARE(investigations.first().feedback.comment, u"Found the role"_s);
        const auto unknown = runCall<NoOutput>([&](auto done) {
            m_client->sendFeedback(caseId, u"inv-nosuchresult01"_s,
                domain::UsefulnessRating::NotUseful, QString(), done);
        });
        QVERIFY(unknown && !unknown->ok());
        QCOMPARE(unknown->error.type, u"ResourceNotFoundException"_s);

        // Comments paged one by one.
        for (int i = 1; i <= 3; ++i) {
            const auto comment = runCall<QString>([&](auto done) {
                m_client->createCaseComment(caseId, u"Note %1"_s.arg(i), QString(), done);
            });
            QVERIFY(comment && comment->ok());
        }
        QStringList bodies;
        end.reset();
        m_client->paginateComments(
            caseId, 1,
            [&](const Page<domain::Comment> &page) {
                for (const auto &c : page.items)
                    bodies << c.body;
                return true;
            },
            [&](const AwsError &error) { end = error; });
        QVERIFY(warroom::test::spinUntil([&] { return end.has_value(); }));
        QVERIFY2(!end->isError(), qPrintable(end->toString()));
        // Each exactly once (comments made in one millisecond are ordered by their ID).
        bodies.sort();
        QCOMPARE(bodies, (QStringList {u"Note 1"_s, u"Note 2"_s, u"Note 3"_s}));

        // UpdateResolverType: Self to AWS works, AWS to Self is a conflict, and AWS then
        // owns the status.
        const auto toAws = runCall<UpdateResolverTypeResult>([&](auto done) {
            m_client->updateResolverType(caseId, domain::ResolverType::AWS, done);
        });
        QVERIFY2(toAws && toAws->ok(), toAws ? qPrintable(toAws->error.toString()) : "");
        QCOMPARE(toAws->value.caseId, caseId);
        QVERIFY(toAws->value.resolverType == domain::ResolverType::AWS);
        const auto back = runCall<UpdateResolverTypeResult>([&](auto done) {
            m_client->updateResolverType(caseId, domain::ResolverType::Self, done);
        });
        QVERIFY(back && !back->ok());
        QCOMPARE(back->error.type, u"ConflictException"_s);
        QCOMPARE(back->error.httpStatus, 409);
        const auto status = runCall<std::optional<domain::CaseStatus>>([&](auto done) {
            m_client->updateCaseStatus(caseId, domain::CaseStatus::DetectionAndAnalysis, done);
        });
        QVERIFY(status && !status->ok());
        QCOMPARE(status->error.type, u"ValidationException"_s);

        // CloseCase, after which the case takes no more changes.
        const auto closed
            = runCall<CloseCaseResult>([&](auto done) { m_client->closeCase(caseId, done); });
        QVERIFY2(closed && closed->ok(), closed ? qPrintable(closed->error.toString()) : "");
        QVERIFY(closed->value.caseStatus == domain::CaseStatus::Closed);
        QVERIFY(closed->value.closedDate.isValid());
        domain::UpdateCaseRequest late;
        late.caseId = caseId;
        late.title = u"Too late"_s;
        const auto refused
            = runCall<NoOutput>([&](auto done) { m_client->updateCase(late, done); });
        QVERIFY(refused && !refused->ok());
        QCOMPARE(refused->error.type, u"ConflictException"_s);
        const auto edits = runCall<Page<domain::CaseEdit>>([&](auto done) {
            m_client->listCaseEdits(caseId, {QString(), 25}, done);
        });
        QVERIFY(edits && edits->ok());
        QStringList actions;
        for (const auto &edit : edits->value.items)
            actions << edit.action;
        for (const QString &operation :
            {u"CreateCase"_s, u"SendFeedback"_s, u"UpdateResolverType"_s, u"CloseCase"_s})
            QVERIFY2(actions.contains(operation), qPrintable(actions.join(u", "_s)));
    }

    void clientMembership()
    {
        domain::CreateMembershipRequest request;
        request.membershipName = u"Warroom team"_s;
        request.incidentResponseTeam = {{u"Ada Lovelace"_s, u"CISO"_s, u"ada@example.com"_s, {}},
            {u"Alan Turing"_s, u"Responder"_s, u"alan@example.com"_s, {}}};
        const auto created
            = runCall<QString>([&](auto done) { m_client->createMembership(request, done); });
        QVERIFY2(created && created->ok(), created ? qPrintable(created->error.toString()) : "");
        const QString id = created->value;
        QVERIFY(id.startsWith(u"m-"_s));

        domain::UpdateMembershipRequest update;
        update.membershipId = id;
        update.membershipName = u"Warroom responders"_s;
        const auto updated
            = runCall<NoOutput>([&](auto done) { m_client->updateMembership(update, done); });
        QVERIFY2(updated && updated->ok(), updated ? qPrintable(updated->error.toString()) : "");

        const auto fetched
            = runCall<domain::Membership>([&](auto done) { m_client->getMembership(id, done); });
        QVERIFY(fetched && fetched->ok());
        QCOMPARE(fetched->value.membershipName, u"Warroom responders"_s);
        QCOMPARE(fetched->value.incidentResponseTeam.size(), 2);

        const auto listed = runCall<Page<MembershipSummary>>(
            [&](auto done) { m_client->listMemberships({}, done); });
        QVERIFY(listed && listed->ok());
        QCOMPARE(listed->value.items.size(), 1);
        QCOMPARE(listed->value.items.first().membershipId, id);

        const auto details = runCall<MemberAccountDetails>([&](auto done) {
            m_client->batchGetMemberAccountDetails(id, {u"123456789012"_s}, done);
        });
        QVERIFY2(details && details->ok(), details ? qPrintable(details->error.toString()) : "");
        QCOMPARE(details->value.items.size() + details->value.errors.size(), 1);

        // warroomctl reads the same membership.
        const CtlResult list = ctl({u"membership"_s, u"list"_s});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.json()
                     .value("items"_L1)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("membershipId"_L1)
                     .toString(),
            id);
        const CtlResult get = ctl({u"membership"_s, u"get"_s, u"--membership-id"_s, id});
        QCOMPARE(get.exitCode, 0);
        QCOMPARE(get.json().value("membershipName"_L1).toString(), u"Warroom responders"_s);

        int memberships = 0;
        std::optional<AwsError> end;
        m_client->paginateMemberships(
            1,
            [&](const Page<MembershipSummary> &page) {
                memberships += int(page.items.size());
                return true;
            },
            [&](const AwsError &error) { end = error; });
        QVERIFY(warroom::test::spinUntil([&] { return end.has_value(); }));
        QVERIFY2(!end->isError(), qPrintable(end->toString()));
        QCOMPARE(memberships, 1);
        const QString membershipArn = listed->value.items.first().membershipArn;
        QVERIFY(membershipArn.startsWith(u"arn:aws:security-ir:us-east-1:123456789012:"_s));
        const auto tagged = runCall<NoOutput>([&](auto done) {
            m_client->tagResource(membershipArn, {{u"owner"_s, u"soc"_s}}, done);
        });
        QVERIFY2(tagged && tagged->ok(), tagged ? qPrintable(tagged->error.toString()) : "");
        const auto tags = runCall<domain::Tags>(
            [&](auto done) { m_client->listTagsForResource(membershipArn, done); });
        QVERIFY(tags && tags->ok());
        QCOMPARE(tags->value, domain::Tags({{u"owner"_s, u"soc"_s}}));

        const auto cancelled
            = runCall<QString>([&](auto done) { m_client->cancelMembership(id, done); });
        QVERIFY2(
            cancelled && cancelled->ok(), cancelled ? qPrintable(cancelled->error.toString()) : "");
        QCOMPARE(cancelled->value, id);
    }

    void clientWrongSecretIsRejected()
    {
        AwsHttpClient http;
        Credentials wrong = m_key;
        wrong.secretAccessKey = u"not-the-secret-not-the-secret-not-the-sec"_s;
        http.setCredentials(wrong);
        AwsClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpointUrl = m_url;
        SecurityIrClient client(&http, config);
        const auto outcome
            = runCall<domain::Case>([&](auto done) { client.getCase(m_caseId, done); });
        QVERIFY(outcome);
        QCOMPARE(outcome->error.httpStatus, 403);
        QCOMPARE(outcome->error.type, u"InvalidSignatureException"_s);
    }

    // --- warroomctl --------------------------------------------------------------------

    void ctlCaseCommands()
    {
        const CtlResult created = ctl({u"cases"_s, u"create"_s, u"--title"_s, u"Crypto miner"_s,
            u"--description"_s, u"EC2 instance mining"_s, u"--engagement-type"_s,
            u"Security Incident"_s, u"--resolver-type"_s, u"Self"_s,
            u"--reported-incident-start-date"_s, u"2026-11-01T00:00:00Z"_s,
            u"--impacted-accounts"_s, u"111122223333"_s, u"444455556666"_s, u"--watchers"_s,
            u"email=ada@example.com,name=Ada"_s, u"--impacted-aws-regions"_s, u"eu-west-1"_s});
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const QString caseId = created.json().value("caseId"_L1).toString();
        QCOMPARE(caseId.size(), 10);

        const CtlResult got = ctl({u"cases"_s, u"get"_s, u"--case-id"_s, caseId});
        QCOMPARE(got.exitCode, 0);
        const QJsonObject c = got.json();
        QCOMPARE(c.value("title"_L1).toString(), u"Crypto miner"_s);
        QCOMPARE(c.value("impactedAccounts"_L1).toArray().size(), 2);
        QCOMPARE(c.value("watchers"_L1).toArray().at(0).toObject().value("email"_L1).toString(),
            u"ada@example.com"_s);
        QCOMPARE(c.value("impactedAwsRegions"_L1)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("region"_L1)
                     .toString(),
            u"eu-west-1"_s);
        QCOMPARE(c.value("reportedIncidentStartDate"_L1).toDouble(), 1793491200.0);

        const CtlResult table
            = ctl({u"--output"_s, u"table"_s, u"cases"_s, u"get"_s, u"--case-id"_s, caseId});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains("title"), table.out.constData());
        QVERIFY(table.out.contains("Crypto miner"));
        QVERIFY2(table.out.contains("2026-11-01T00:00:00Z"), table.out.constData());

        QCOMPARE(ctl({u"cases"_s, u"update"_s, u"--case-id"_s, caseId, u"--title"_s,
                         u"Crypto miner on web-1"_s})
                     .exitCode,
            0);
        const CtlResult status = ctl({u"cases"_s, u"update-status"_s, u"--case-id"_s, caseId,
            u"--case-status"_s, u"Detection and Analysis"_s});
        QVERIFY2(status.exitCode == 0, status.err.constData());
        QCOMPARE(status.json().value("caseStatus"_L1).toString(), u"Detection and Analysis"_s);

        const CtlResult comment = ctl(
            {u"cases"_s, u"comment"_s, u"--case-id"_s, caseId, u"--body"_s, u"Isolated web-1"_s});
        QCOMPARE(comment.exitCode, 0);
        QCOMPARE(comment.json().value("commentId"_L1).toString().size(), 6);
        const CtlResult comments = ctl({u"cases"_s, u"comments"_s, u"--case-id"_s, caseId});
        QCOMPARE(comments.exitCode, 0);
        QCOMPARE(comments.json()
                     .value("items"_L1)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("body"_L1)
                     .toString(),
            u"Isolated web-1"_s);
        const CtlResult commentsTable
            = ctl({u"--output"_s, u"table"_s, u"cases"_s, u"comments"_s, u"--case-id"_s, caseId});
        QCOMPARE(commentsTable.exitCode, 0);
        const QList<QByteArray> lines = commentsTable.out.split('\n');
        QVERIFY2(lines.value(0).startsWith("commentId"), commentsTable.out.constData());
        QVERIFY(lines.value(1).startsWith("---------"));
        // Columns are aligned: the body starts at the same offset in header and row.
        QCOMPARE(lines.value(2).indexOf("Isolated web-1"), lines.value(0).indexOf("body"));

        const CtlResult edits = ctl({u"cases"_s, u"edits"_s, u"--case-id"_s, caseId});
        QCOMPARE(edits.exitCode, 0);
        QVERIFY(edits.json().value("items"_L1).toArray().size() >= 3);

        const CtlResult list = ctl({u"cases"_s, u"list"_s, u"--page-size"_s, u"1"_s});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.json().value("items"_L1).toArray().size() >= 2); // this case + the client's
        QCOMPARE(
            list.json().value("total"_L1).toInt(), list.json().value("items"_L1).toArray().size());
        const CtlResult firstOnly
            = ctl({u"cases"_s, u"list"_s, u"--max-items"_s, u"1"_s, u"--page-size"_s, u"1"_s});
        QCOMPARE(firstOnly.exitCode, 0);
        QCOMPARE(firstOnly.json().value("items"_L1).toArray().size(), 1);
        QVERIFY(!firstOnly.json().value("NextToken"_L1).toString().isEmpty());

        const CtlResult closed = ctl({u"cases"_s, u"close"_s, u"--case-id"_s, caseId});
        QCOMPARE(closed.exitCode, 0);
        QCOMPARE(closed.json().value("caseStatus"_L1).toString(), u"Closed"_s);
    }

    void ctlServiceErrors()
    {
        const CtlResult missing = ctl({u"cases"_s, u"get"_s, u"--case-id"_s, u"9999999999"_s});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("An error occurred (ResourceNotFoundException) when calling "
                                      "the GetCase operation: "),
            missing.err.constData());
        QVERIFY(missing.out.isEmpty());

        const CtlResult invalid
            = ctl({u"cases"_s, u"create"_s, u"--title"_s, QString(301, u'x'), u"--description"_s,
                u"d"_s, u"--engagement-type"_s, u"Investigation"_s, u"--resolver-type"_s, u"Self"_s,
                u"--reported-incident-start-date"_s, u"2026-11-01T00:00:00Z"_s});
        QCOMPARE(invalid.exitCode, 2);
        QVERIFY2(
            invalid.err.contains(
                "An error occurred (ValidationException) when calling the CreateCase operation"),
            invalid.err.constData());
        QVERIFY2(invalid.err.contains("title"), invalid.err.constData());

        Credentials wrong = m_key;
        wrong.secretAccessKey = u"wrong-wrong-wrong-wrong-wrong-wrong-wrong"_s;
        const CtlResult unsigned_ = ctl({u"cases"_s, u"list"_s}, true, &wrong);
        QCOMPARE(unsigned_.exitCode, 2);
        QVERIFY(unsigned_.err.contains("(InvalidSignatureException) when calling the ListCases"));
    }

    void ctlUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no command") << QStringList {u"cases"_s} << QByteArray("required: command");
        QTest::newRow("unknown group")
            << QStringList {u"casez"_s, u"list"_s} << QByteArray("Invalid choice: 'casez'");
        QTest::newRow("unknown command")
            << QStringList {u"cases"_s, u"delete"_s} << QByteArray("Invalid choice: 'delete'");
        QTest::newRow("missing option")
            << QStringList {u"cases"_s, u"get"_s} << QByteArray("required: --case-id");
        QTest::newRow("unknown option")
            << QStringList {u"cases"_s, u"get"_s, u"--case-id"_s, u"1234567890"_s, u"--x"_s, u"1"_s}
            << QByteArray("Unknown options: --x");
        QTest::newRow("bad enum") << QStringList {u"cases"_s, u"update-status"_s, u"--case-id"_s,
            u"1234567890"_s, u"--case-status"_s, u"Closed"_s}
                                  << QByteArray("Invalid choice: \"Closed\"");
        QTest::newRow("bad date") << QStringList {u"cases"_s, u"create"_s, u"--title"_s, u"t"_s,
            u"--description"_s, u"d"_s, u"--engagement-type"_s, u"Investigation"_s,
            u"--resolver-type"_s, u"Self"_s, u"--reported-incident-start-date"_s, u"yesterday"_s}
                                  << QByteArray("Invalid timestamp");
        QTest::newRow("bad output") << QStringList {u"--output"_s, u"yaml"_s, u"cases"_s, u"list"_s}
                                    << QByteArray("argument --output");
    }

    void ctlUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const CtlResult result = ctl(args);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(message), result.err.constData());
        QVERIFY(result.out.isEmpty());
    }

    void ctlTransportErrors()
    {
        // A closed port: exit 3 after the retries, with the AWS CLI's wording.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QString closed = u"http://127.0.0.1:%1"_s.arg(probe.serverPort());
        probe.close();
        const CtlResult refused = ctl(
            {u"--endpoint-url"_s, closed, u"--region"_s, u"us-east-1"_s, u"cases"_s, u"list"_s},
            false);
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(
            refused.err.contains("Could not connect to the endpoint URL"), refused.err.constData());

        const Credentials none;
        const CtlResult noKeys = ctl({u"cases"_s, u"list"_s}, true, &none);
        QCOMPARE(noKeys.exitCode, 3);
        QVERIFY(noKeys.err.contains("Unable to locate credentials"));

        const CtlResult noRegion
            = ctl({u"--endpoint-url"_s, m_url.toString(), u"cases"_s, u"list"_s}, false);
        QCOMPARE(noRegion.exitCode, 3);
        QVERIFY(noRegion.err.contains("You must specify a region"));
    }

    void ctlWhoamiAgainstScriptedSts()
    {
        warroom::test::ScriptedHttpServer sts;
        QVERIFY(sts.listen());
        sts.enqueue(warroom::test::ScriptedResponse::raw(200, "OK",
            "<GetCallerIdentityResponse><GetCallerIdentityResult>"
            "<Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDAEXAMPLE</UserId>"
            "<Account>123456789012</Account></GetCallerIdentityResult>"
            "</GetCallerIdentityResponse>"));
        const CtlResult whoami = ctl(
            {u"--endpoint-url"_s, sts.url().toString(), u"--region"_s, u"eu-west-1"_s, u"whoami"_s},
            false);
        QVERIFY2(whoami.exitCode == 0, whoami.err.constData());
        QCOMPARE(whoami.json().value("Account"_L1).toString(), u"123456789012"_s);
        QCOMPARE(
            whoami.json().value("Arn"_L1).toString(), u"arn:aws:iam::123456789012:user/alice"_s);
        QCOMPARE(sts.requests().size(), 1);
        SigV4VerifyOptions options;
        options.expectedService = "sts";
        options.expectedRegion = "eu-west-1";
        options.now = QDateTime::currentDateTimeUtc();
        const SigV4Verification verification = SigV4Signer::verify(
            sts.requests().first().request, m_key.secretAccessKey.toUtf8(), options);
        QVERIFY2(verification.isValid(), qPrintable(verification.error));
    }

    void ctlHelp()
    {
        const CtlResult help = ctl({u"--help"_s}, false);
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("cases update-status"));
        QVERIFY(help.out.contains("--endpoint-url"));
    }
};

QTEST_GUILESS_MAIN(TestAwsClientWarroomServer)
#include "tst_awsclient_warroomserver.moc"
