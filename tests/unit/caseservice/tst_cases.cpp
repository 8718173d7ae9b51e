#include <QtTest/QtTest>

#include "ServiceFixture.h"

using namespace warroom::caseservice;
using namespace warroom::caseservice::testing;
using namespace Qt::StringLiterals;

class TestCaseServiceCases final : public QObject
{
    Q_OBJECT

private slots:
    void operationsAndStatusCodes();
    void unknownOperation();
    void errorJsonAndStatus_data();
    void errorJsonAndStatus();
    void createAndGetCase();
    void createCaseInvalid_data();
    void createCaseInvalid();
    void requestsOnMissingCase_data();
    void requestsOnMissingCase();
    void updateCaseListsAndEdits();
    void updateCaseLimits();
    void statusTransitions_data();
    void statusTransitions();
    void statusOfAwsCase();
    void closeCase();
    void closedCaseRefusesChanges_data();
    void closedCaseRefusesChanges();
    void resolverType();
    void comments();
    void commentAuthorRule();
    void idempotency_data();
    void idempotency();
    void idempotencySurvivesReopen();
    void roles_data();
    void roles();
    void changeFeed();
    void notActiveMembership();
};

void TestCaseServiceCases::operationsAndStatusCodes()
{
    QCOMPARE(CaseService::operations().size(), 24);
    QCOMPARE(CaseService::successStatus(u"CreateCase"_s), 201);
    QCOMPARE(CaseService::successStatus(u"GetCaseAttachmentDownloadUrl"_s), 201);
    QCOMPARE(CaseService::successStatus(u"UpdateCaseStatus"_s), 201);
    QCOMPARE(CaseService::successStatus(u"TagResource"_s), 204);
    QCOMPARE(CaseService::successStatus(u"GetCase"_s), 200);
    QCOMPARE(CaseService::successStatus(u"Nope"_s), 0);
}

void TestCaseServiceCases::unknownOperation()
{
    ServiceFixture f;
    const ServiceResult r = f.call(u"DeleteCase"_s, {});
    QCOMPARE(errorType(r), u"ValidationException"_s);
    QCOMPARE(r.error->reason, u"UNKNOWN_OPERATION"_s);
    QCOMPARE(r.httpStatus, 400);
}

void TestCaseServiceCases::errorJsonAndStatus_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("status");
    QTest::newRow("validation") << u"ValidationException"_s << 400;
    QTest::newRow("not active") << u"SecurityIncidentResponseNotActiveException"_s << 400;
    QTest::newRow("quota") << u"ServiceQuotaExceededException"_s << 402;
    QTest::newRow("denied") << u"AccessDeniedException"_s << 403;
    QTest::newRow("not found") << u"ResourceNotFoundException"_s << 404;
    QTest::newRow("conflict") << u"ConflictException"_s << 409;
    QTest::newRow("token") << u"InvalidTokenException"_s << 423;
    QTest::newRow("throttling") << u"ThrottlingException"_s << 429;
    QTest::newRow("internal") << u"InternalServerException"_s << 500;
}

void TestCaseServiceCases::errorJsonAndStatus()
{
    QFETCH(QString, type);
    QFETCH(int, status);
    ServiceError e;
    e.type = type;
    e.message = u"m"_s;
    QCOMPARE(e.httpStatus(), status);
    QCOMPARE(e.toJson().value(u"__type"_s).toString(), type);
    const QJsonObject v
        = ServiceError::validation(u"bad"_s, {{u"title"_s, u"too long"_s}}).toJson();
    QCOMPARE(v.value(u"reason"_s).toString(), u"FIELD_VALIDATION_FAILED"_s);
    QCOMPARE(
        v.value(u"fieldList"_s).toArray().at(0).toObject().value(u"name"_s).toString(), u"title"_s);
    const QJsonObject c = ServiceError::conflict(u"c"_s, u"1234567890"_s, u"case"_s).toJson();
    QCOMPARE(c.value(u"resourceId"_s).toString(), u"1234567890"_s);
    QCOMPARE(c.value(u"resourceType"_s).toString(), u"case"_s);
}

void TestCaseServiceCases::createAndGetCase()
{
    ServiceFixture f;
    QJsonObject input = caseInput();
    input.insert(u"impactedAccounts"_s, QJsonArray {u"111122223333"_s});
    input.insert(u"watchers"_s, QJsonArray {QJsonObject {{u"email"_s, u"w1@example.com"_s}}});
    input.insert(u"tags"_s, QJsonObject {{u"team"_s, u"blue"_s}});
    const ServiceResult created = f.call(u"CreateCase"_s, input);
    QVERIFY(created.ok());
    QCOMPARE(created.httpStatus, 201);
    const QString caseId = created.body.value(u"caseId"_s).toString();
    QVERIFY(QRegularExpression(u"^[1-9][0-9]{9}$"_s).match(caseId).hasMatch());

    const ServiceResult got = f.call(u"GetCase"_s, {{u"caseId"_s, caseId}});
    QVERIFY(got.ok());
    QCOMPARE(got.httpStatus, 200);
    const QJsonObject c = got.body;
    QVERIFY(!c.contains(u"caseId"_s));
    QVERIFY(!c.contains(u"tags"_s));
    QCOMPARE(c.value(u"caseArn"_s).toString(),
        u"arn:aws:security-ir:us-east-1:123456789012:case/"_s + caseId);
    QCOMPARE(c.value(u"caseStatus"_s).toString(), u"Submitted"_s);
    QCOMPARE(c.value(u"resolverType"_s).toString(), u"Self"_s);
    QCOMPARE(c.value(u"engagementType"_s).toString(), u"Security Incident"_s);
    QCOMPARE(c.value(u"reportedIncidentStartDate"_s).toDouble(), 1700000000.0);
    QVERIFY(c.value(u"createdDate"_s).isDouble());
    QVERIFY(c.value(u"createdDate"_s).toDouble() > 1700000000.0);
    QCOMPARE(c.value(u"impactedAccounts"_s).toArray().size(), 1);
    QCOMPARE(c.value(u"watchers"_s).toArray().at(0).toObject().value(u"email"_s).toString(),
        u"w1@example.com"_s);

    const ServiceResult tags
        = f.call(u"ListTagsForResource"_s, {{u"resourceArn"_s, c.value(u"caseArn"_s).toString()}});
    QCOMPARE(tags.body.value(u"tags"_s).toObject().value(u"team"_s).toString(), u"blue"_s);

    const QJsonArray edits = f.edits(caseId);
    QCOMPARE(edits.size(), 1);
    const QJsonObject edit = edits.at(0).toObject();
    QCOMPARE(edit.value(u"action"_s).toString(), u"CreateCase"_s);
    QCOMPARE(edit.value(u"principal"_s).toString(), alice().arn);
    QVERIFY(edit.value(u"message"_s).toString().size() >= 10);
    QVERIFY(edit.value(u"eventTimestamp"_s).isDouble());

    const ServiceResult list = f.call(u"ListCases"_s, {});
    QCOMPARE(list.body.value(u"total"_s).toInteger(), 1);
    QCOMPARE(list.body.value(u"items"_s).toArray().at(0).toObject().value(u"caseId"_s).toString(),
        caseId);
    QVERIFY(!list.body.contains(u"nextToken"_s));
}

void TestCaseServiceCases::createCaseInvalid_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QStringList>("fields");
    QJsonObject noTitle = caseInput();
    noTitle.remove(u"title"_s);
    QTest::newRow("missing title") << noTitle << QStringList {u"title"_s};
    QJsonObject nothing;
    QTest::newRow("empty input") << nothing
                                 << QStringList {u"resolverType"_s, u"title"_s, u"description"_s,
                                        u"engagementType"_s, u"reportedIncidentStartDate"_s,
                                        u"impactedAccounts"_s, u"watchers"_s};
    QJsonObject badEnum = caseInput();
    badEnum.insert(u"resolverType"_s, u"Robot"_s);
    QTest::newRow("unknown resolver") << badEnum << QStringList {u"resolverType"_s};
    QJsonObject badAccount = caseInput();
    badAccount.insert(u"impactedAccounts"_s, QJsonArray {u"12345"_s});
    QTest::newRow("short account") << badAccount << QStringList {u"impactedAccounts[0]"_s};
    QJsonObject two = caseInput(QString(301, u'x'));
    two.insert(u"watchers"_s, QJsonArray {QJsonObject {{u"email"_s, u"nope"_s}}});
    QTest::newRow("every failing field") << two << QStringList {u"title"_s, u"watchers[0].email"_s};
    QJsonObject wrongType = caseInput();
    wrongType.insert(u"title"_s, 5);
    QTest::newRow("wrong type") << wrongType << QStringList {u"title"_s};
    QJsonObject token = caseInput();
    token.insert(u"clientToken"_s, QString(256, u't'));
    QTest::newRow("long clientToken") << token << QStringList {u"clientToken"_s};
}

void TestCaseServiceCases::createCaseInvalid()
{
    QFETCH(QJsonObject, input);
    QFETCH(QStringList, fields);
    ServiceFixture f;
    const ServiceResult r = f.call(u"CreateCase"_s, input);
    QCOMPARE(errorType(r), u"ValidationException"_s);
    QCOMPARE(r.error->reason, u"FIELD_VALIDATION_FAILED"_s);
    const QStringList got = errorFields(r);
    for (const QString &field : fields)
        QVERIFY2(got.contains(field), qPrintable(field + u" not in "_s + got.join(u',')));
    QCOMPARE(f.call(u"ListCases"_s, {}).body.value(u"total"_s).toInteger(), 0);
}

void TestCaseServiceCases::requestsOnMissingCase_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QJsonObject>("extra");
    QTest::newRow("GetCase") << u"GetCase"_s << QJsonObject();
    QTest::newRow("UpdateCase") << u"UpdateCase"_s << QJsonObject {{u"title"_s, u"t"_s}};
    QTest::newRow("UpdateCaseStatus")
        << u"UpdateCaseStatus"_s << QJsonObject {{u"caseStatus"_s, u"Detection and Analysis"_s}};
    QTest::newRow("UpdateResolverType")
        << u"UpdateResolverType"_s << QJsonObject {{u"resolverType"_s, u"AWS"_s}};
    QTest::newRow("CloseCase") << u"CloseCase"_s << QJsonObject();
    QTest::newRow("CreateCaseComment")
        << u"CreateCaseComment"_s << QJsonObject {{u"body"_s, u"hi"_s}};
    QTest::newRow("UpdateCaseComment")
        << u"UpdateCaseComment"_s
        << QJsonObject {{u"commentId"_s, u"123456"_s}, {u"body"_s, u"hi"_s}};
    QTest::newRow("ListComments") << u"ListComments"_s << QJsonObject();
    QTest::newRow("ListCaseEdits") << u"ListCaseEdits"_s << QJsonObject();
    QTest::newRow("ListInvestigations") << u"ListInvestigations"_s << QJsonObject();
    QTest::newRow("GetCaseAttachmentUploadUrl")
        << u"GetCaseAttachmentUploadUrl"_s
        << QJsonObject {{u"fileName"_s, u"a.txt"_s}, {u"contentLength"_s, 3}};
    QTest::newRow("SendFeedback") << u"SendFeedback"_s
                                  << QJsonObject {{u"resultId"_s, u"inv-abcdefghij"_s},
                                         {u"usefulness"_s, u"USEFUL"_s}};
}

void TestCaseServiceCases::requestsOnMissingCase()
{
    QFETCH(QString, operation);
    QFETCH(QJsonObject, extra);
    ServiceFixture f;
    QJsonObject input = extra;
    input.insert(u"caseId"_s, u"9999999999"_s);
    const ServiceResult missing = f.call(operation, input);
    QCOMPARE(errorType(missing), u"ResourceNotFoundException"_s);
    QCOMPARE(missing.httpStatus, 404);
    input.insert(u"caseId"_s, u"12"_s);
    const ServiceResult invalid = f.call(operation, input);
    QCOMPARE(errorType(invalid), u"ValidationException"_s);
    QVERIFY(errorFields(invalid).contains(u"caseId"_s));
    input.remove(u"caseId"_s);
    const ServiceResult absent = f.call(operation, input);
    QCOMPARE(errorType(absent), u"ValidationException"_s);
    QVERIFY(errorFields(absent).contains(u"caseId"_s));
}

void TestCaseServiceCases::updateCaseListsAndEdits()
{
    ServiceFixture f;
    *f.clock = QDateTime(QDate(2025, 1, 1), QTime(10, 0), Qt::UTC);
    const QString id = f.createCase();
    const double created = f.getCase(id).value(u"lastUpdatedDate"_s).toDouble();
    *f.clock = f.clock->addSecs(60);
    QJsonObject update {{u"caseId"_s, id}, {u"title"_s, u"Credential theft"_s},
        {u"watchersToAdd"_s,
            QJsonArray {QJsonObject {{u"email"_s, u"a@example.com"_s}},
                QJsonObject {{u"email"_s, u"b@example.com"_s}}}},
        {u"impactedAccountsToAdd"_s, QJsonArray {u"111122223333"_s, u"444455556666"_s}},
        {u"impactedAwsRegionsToAdd"_s, QJsonArray {QJsonObject {{u"region"_s, u"eu-west-1"_s}}}},
        {u"impactedServicesToAdd"_s, QJsonArray {u"IAM"_s}},
        {u"threatActorIpAddressesToAdd"_s,
            QJsonArray {QJsonObject {{u"ipAddress"_s, u"203.0.113.7"_s}}}},
        {u"caseMetadata"_s,
            QJsonArray {QJsonObject {{u"key"_s, u"ticket"_s}, {u"value"_s, u"INC-1"_s}}}}};
    const ServiceResult r = f.call(u"UpdateCase"_s, update);
    QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
    QCOMPARE(r.httpStatus, 200);
    QJsonObject c = f.getCase(id);
    QCOMPARE(c.value(u"title"_s).toString(), u"Credential theft"_s);
    QCOMPARE(c.value(u"watchers"_s).toArray().size(), 2);
    QCOMPARE(c.value(u"impactedAccounts"_s).toArray().size(), 2);
    QCOMPARE(c.value(u"impactedAwsRegions"_s).toArray().size(), 1);
    QCOMPARE(c.value(u"impactedServices"_s).toArray().at(0).toString(), u"IAM"_s);
    QCOMPARE(c.value(u"threatActorIpAddresses"_s).toArray().size(), 1);
    QCOMPARE(c.value(u"caseMetadata"_s).toArray().size(), 1);
    QCOMPARE(c.value(u"lastUpdatedDate"_s).toDouble(), created + 60);

    const ServiceResult removal = f.call(u"UpdateCase"_s,
        {{u"caseId"_s, id},
            {u"watchersToDelete"_s, QJsonArray {QJsonObject {{u"email"_s, u"a@example.com"_s}}}},
            {u"impactedAccountsToDelete"_s, QJsonArray {u"111122223333"_s}},
            {u"caseMetadata"_s,
                QJsonArray {QJsonObject {{u"key"_s, u"ticket"_s}, {u"value"_s, u"INC-2"_s}},
                    QJsonObject {{u"key"_s, u"owner"_s}, {u"value"_s, u"sec"_s}}}}});
    QVERIFY(removal.ok());
    c = f.getCase(id);
    QCOMPARE(c.value(u"watchers"_s).toArray().size(), 1);
    QCOMPARE(c.value(u"watchers"_s).toArray().at(0).toObject().value(u"email"_s).toString(),
        u"b@example.com"_s);
    QCOMPARE(c.value(u"impactedAccounts"_s).toArray(), QJsonArray {u"444455556666"_s});
    QCOMPARE(c.value(u"caseMetadata"_s).toArray().size(), 2); // replaced, not merged

    const QJsonArray edits = f.edits(id);
    QStringList messages;
    for (const auto &e : edits) {
        const QJsonObject edit = e.toObject();
        QVERIFY(edit.value(u"message"_s).toString().size() >= 10);
        QCOMPARE(edit.value(u"principal"_s).toString(), alice().arn);
        messages.append(edit.value(u"message"_s).toString());
    }
    QVERIFY(messages.join(u'\n').contains(u"Title changed from"_s));
    QVERIFY(messages.join(u'\n').contains(u"Watchers added: a@example.com, b@example.com"_s));
    QVERIFY(messages.join(u'\n').contains(u"Watchers removed: a@example.com"_s));
    QCOMPARE(edits.at(1).toObject().value(u"action"_s).toString(), u"UpdateCase"_s);

    // A change that changes nothing logs nothing.
    const qsizetype before = edits.size();
    QVERIFY(f.call(u"UpdateCase"_s, {{u"caseId"_s, id}, {u"title"_s, u"Credential theft"_s}}).ok());
    QCOMPARE(f.edits(id).size(), before);
}

void TestCaseServiceCases::updateCaseLimits()
{
    ServiceFixture f;
    const QString id = f.createCase();
    QJsonArray watchers;
    for (int i = 0; i < 20; ++i)
        watchers.append(
            QJsonObject {{u"email"_s, QString(u"w"_s + QString::number(i) + u"@example.com"_s)}});
    QVERIFY(f.call(u"UpdateCase"_s, {{u"caseId"_s, id}, {u"watchersToAdd"_s, watchers}}).ok());
    QJsonArray more;
    for (int i = 20; i < 31; ++i)
        more.append(
            QJsonObject {{u"email"_s, QString(u"w"_s + QString::number(i) + u"@example.com"_s)}});
    const ServiceResult r
        = f.call(u"UpdateCase"_s, {{u"caseId"_s, id}, {u"watchersToAdd"_s, more}});
    QCOMPARE(errorType(r), u"ValidationException"_s);
    QVERIFY(errorFields(r).contains(u"watchersToAdd"_s));
    QCOMPARE(f.getCase(id).value(u"watchers"_s).toArray().size(), 20); // nothing half-written
    const ServiceResult badMeta
        = f.call(u"UpdateCase"_s, {{u"caseId"_s, id}, {u"caseMetadata"_s, QJsonArray()}});
    QCOMPARE(errorType(badMeta), u"ValidationException"_s);
}

// Status names used by the transition table.
static const QString S = u"Submitted"_s;
static const QString DA = u"Detection and Analysis"_s;
static const QString CER = u"Containment, Eradication and Recovery"_s;
static const QString PIA = u"Post-incident Activities"_s;

void TestCaseServiceCases::statusTransitions_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("allowed");
    // The graph documented on UpdateCaseStatus, written out independently of the domain code.
    const QSet<QString> allowedPairs = {S + u'>' + DA, DA + u'>' + CER, DA + u'>' + PIA,
        CER + u'>' + DA, CER + u'>' + PIA, PIA + u'>' + CER, PIA + u'>' + DA};
    for (const QString &from : {S, DA, CER, PIA})
        for (const QString &to : {S, DA, CER, PIA})
            QTest::addRow("%s -> %s", qPrintable(from), qPrintable(to))
                << from << to << allowedPairs.contains(from + u'>' + to);
}

void TestCaseServiceCases::statusTransitions()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, allowed);
    ServiceFixture f;
    const QString id = f.createCase();
    QStringList path;
    if (from != S)
        path.append(DA);
    if (from == CER || from == PIA)
        path.append(from);
    for (const QString &step : path) {
        const ServiceResult r
            = f.call(u"UpdateCaseStatus"_s, {{u"caseId"_s, id}, {u"caseStatus"_s, step}});
        QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
    }
    QCOMPARE(f.getCase(id).value(u"caseStatus"_s).toString(), from);
    const qsizetype editsBefore = f.edits(id).size();
    const ServiceResult r
        = f.call(u"UpdateCaseStatus"_s, {{u"caseId"_s, id}, {u"caseStatus"_s, to}});
    if (allowed) {
        QVERIFY(r.ok());
        QCOMPARE(r.httpStatus, 201);
        QCOMPARE(r.body.value(u"caseStatus"_s).toString(), to);
        QCOMPARE(f.getCase(id).value(u"caseStatus"_s).toString(), to);
        const QJsonArray edits = f.edits(id);
        QCOMPARE(edits.size(), editsBefore + 1);
        QCOMPARE(edits.last().toObject().value(u"message"_s).toString(),
            u"Status changed from "_s + from + u" to "_s + to);
    } else {
        QCOMPARE(errorType(r), u"ValidationException"_s);
        QVERIFY(r.error->message.contains(u"allowed next statuses"_s));
        QCOMPARE(f.getCase(id).value(u"caseStatus"_s).toString(), from);
        QCOMPARE(f.edits(id).size(), editsBefore);
    }
}

void TestCaseServiceCases::statusOfAwsCase()
{
    ServiceFixture f;
    const QString id = f.createCase(caseInput(u"AWS case"_s, u"AWS"_s));
    const ServiceResult r
        = f.call(u"UpdateCaseStatus"_s, {{u"caseId"_s, id}, {u"caseStatus"_s, DA}});
    QCOMPARE(errorType(r), u"ValidationException"_s);
    QVERIFY(r.error->message.contains(u"AWS manages"_s));
    const ServiceResult closed
        = f.call(u"UpdateCaseStatus"_s, {{u"caseId"_s, id}, {u"caseStatus"_s, u"Closed"_s}});
    QCOMPARE(errorType(closed), u"ValidationException"_s);
    QVERIFY(errorFields(closed).contains(u"caseStatus"_s));
    const ServiceResult missing = f.call(u"UpdateCaseStatus"_s, {{u"caseId"_s, id}});
    QVERIFY(errorFields(missing).contains(u"caseStatus"_s));
}

void TestCaseServiceCases::closeCase()
{
    ServiceFixture f;
    *f.clock = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
    const QString id = f.createCase();
    QVERIFY(f.call(u"UpdateCaseStatus"_s, {{u"caseId"_s, id}, {u"caseStatus"_s, DA}}).ok());
    const ServiceResult r = f.call(u"CloseCase"_s, {{u"caseId"_s, id}});
    QVERIFY(r.ok());
    QCOMPARE(r.httpStatus, 200);
    QCOMPARE(r.body.value(u"caseStatus"_s).toString(), u"Closed"_s);
    QCOMPARE(r.body.value(u"closedDate"_s).toDouble(), double(f.clock->toSecsSinceEpoch()));
    const QJsonObject c = f.getCase(id);
    QCOMPARE(c.value(u"caseStatus"_s).toString(), u"Closed"_s);
    QCOMPARE(c.value(u"closedDate"_s).toDouble(), double(f.clock->toSecsSinceEpoch()));
    QCOMPARE(f.edits(id).last().toObject().value(u"action"_s).toString(), u"CloseCase"_s);
    // AWS-supported cases close too.
    const QString aws = f.createCase(caseInput(u"AWS case"_s, u"AWS"_s));
    QVERIFY(f.call(u"CloseCase"_s, {{u"caseId"_s, aws}}).ok());
}

void TestCaseServiceCases::closedCaseRefusesChanges_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QJsonObject>("extra");
    QTest::newRow("UpdateCase") << u"UpdateCase"_s << QJsonObject {{u"title"_s, u"New"_s}};
    QTest::newRow("UpdateCaseStatus")
        << u"UpdateCaseStatus"_s << QJsonObject {{u"caseStatus"_s, DA}};
    QTest::newRow("UpdateResolverType")
        << u"UpdateResolverType"_s << QJsonObject {{u"resolverType"_s, u"AWS"_s}};
    QTest::newRow("CloseCase") << u"CloseCase"_s << QJsonObject();
    QTest::newRow("CreateCaseComment")
        << u"CreateCaseComment"_s << QJsonObject {{u"body"_s, u"late"_s}};
    QTest::newRow("GetCaseAttachmentUploadUrl")
        << u"GetCaseAttachmentUploadUrl"_s
        << QJsonObject {{u"fileName"_s, u"a.txt"_s}, {u"contentLength"_s, 3}};
}

void TestCaseServiceCases::closedCaseRefusesChanges()
{
    QFETCH(QString, operation);
    QFETCH(QJsonObject, extra);
    ServiceFixture f;
    const QString id = f.createCase();
    QVERIFY(f.call(u"CloseCase"_s, {{u"caseId"_s, id}}).ok());
    const QJsonObject before = f.getCase(id);
    QJsonObject input = extra;
    input.insert(u"caseId"_s, id);
    const ServiceResult r = f.call(operation, input);
    QCOMPARE(errorType(r), u"ConflictException"_s);
    QCOMPARE(r.httpStatus, 409);
    QCOMPARE(r.error->resourceId, id);
    QCOMPARE(r.error->resourceType, u"case"_s);
    QCOMPARE(f.getCase(id), before);
}

void TestCaseServiceCases::resolverType()
{
    ServiceFixture f;
    const QString id = f.createCase();
    const ServiceResult same
        = f.call(u"UpdateResolverType"_s, {{u"caseId"_s, id}, {u"resolverType"_s, u"Self"_s}});
    QVERIFY(same.ok());
    const ServiceResult toAws
        = f.call(u"UpdateResolverType"_s, {{u"caseId"_s, id}, {u"resolverType"_s, u"AWS"_s}});
    QVERIFY(toAws.ok());
    QCOMPARE(toAws.body.value(u"caseId"_s).toString(), id);
    QCOMPARE(toAws.body.value(u"resolverType"_s).toString(), u"AWS"_s);
    QCOMPARE(toAws.body.value(u"caseStatus"_s).toString(), u"Submitted"_s);
    QCOMPARE(f.getCase(id).value(u"resolverType"_s).toString(), u"AWS"_s);
    const ServiceResult back
        = f.call(u"UpdateResolverType"_s, {{u"caseId"_s, id}, {u"resolverType"_s, u"Self"_s}});
    QCOMPARE(errorType(back), u"ConflictException"_s);
    QCOMPARE(back.error->resourceId, id);
    QCOMPARE(f.getCase(id).value(u"resolverType"_s).toString(), u"AWS"_s);
    const ServiceResult bad
        = f.call(u"UpdateResolverType"_s, {{u"caseId"_s, id}, {u"resolverType"_s, u"Bot"_s}});
    QVERIFY(errorFields(bad).contains(u"resolverType"_s));
    QCOMPARE(f.edits(id).last().toObject().value(u"message"_s).toString(),
        u"Resolver changed from Self to AWS"_s);
}

void TestCaseServiceCases::comments()
{
    ServiceFixture f;
    const QString id = f.createCase();
    QStringList ids;
    // Comments list oldest first, (created_ms, comment_id): one per second, or two made in
    // the same millisecond would sort by their random IDs.
    const QDateTime base = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 3; ++i) {
        *f.clock = base.addSecs(i);
        const ServiceResult r = f.call(u"CreateCaseComment"_s,
            {{u"caseId"_s, id}, {u"body"_s, QString(u"Comment "_s + QString::number(i))}});
        QVERIFY(r.ok());
        QCOMPARE(r.httpStatus, 201);
        const QString commentId = r.body.value(u"commentId"_s).toString();
        QVERIFY(QRegularExpression(u"^[0-9]{6}$"_s).match(commentId).hasMatch());
        QVERIFY(!ids.contains(commentId));
        ids.append(commentId);
    }
    const ServiceResult list = f.call(u"ListComments"_s, {{u"caseId"_s, id}});
    QCOMPARE(list.body.value(u"total"_s).toInt(), 3);
    const QJsonArray items = list.body.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(0).toObject().value(u"creator"_s).toString(), alice().arn);
    QCOMPARE(items.at(0).toObject().value(u"body"_s).toString(), u"Comment 0"_s);

    const ServiceResult empty
        = f.call(u"CreateCaseComment"_s, {{u"caseId"_s, id}, {u"body"_s, QString()}});
    QVERIFY(errorFields(empty).contains(u"body"_s));
    const ServiceResult tooLong
        = f.call(u"CreateCaseComment"_s, {{u"caseId"_s, id}, {u"body"_s, QString(12001, u'x')}});
    QVERIFY(errorFields(tooLong).contains(u"body"_s));
    const ServiceResult missing = f.call(u"UpdateCaseComment"_s,
        {{u"caseId"_s, id}, {u"commentId"_s, u"000000"_s}, {u"body"_s, u"x"_s}});
    if (!ids.contains(u"000000"_s))
        QCOMPARE(errorType(missing), u"ResourceNotFoundException"_s);
    const ServiceResult badId = f.call(u"UpdateCaseComment"_s,
        {{u"caseId"_s, id}, {u"commentId"_s, u"12ab"_s}, {u"body"_s, u"x"_s}});
    QVERIFY(errorFields(badId).contains(u"commentId"_s));
}

void TestCaseServiceCases::commentAuthorRule()
{
    ServiceFixture f;
    const QString id = f.createCase();
    const QString commentId
        = f.call(u"CreateCaseComment"_s, {{u"caseId"_s, id}, {u"body"_s, u"First look"_s}}, alice())
              .body.value(u"commentId"_s)
              .toString();
    const QJsonObject edit {
        {u"caseId"_s, id}, {u"commentId"_s, commentId}, {u"body"_s, u"Edited"_s}};
    const ServiceResult byBob = f.call(u"UpdateCaseComment"_s, edit, bob());
    QCOMPARE(errorType(byBob), u"AccessDeniedException"_s);
    QCOMPARE(byBob.httpStatus, 403);
    const ServiceResult byAlice = f.call(u"UpdateCaseComment"_s, edit, alice());
    QVERIFY(byAlice.ok());
    QCOMPARE(byAlice.body.value(u"commentId"_s).toString(), commentId);
    QCOMPARE(byAlice.body.value(u"body"_s).toString(), u"Edited"_s);
    const QJsonObject item = f.call(u"ListComments"_s, {{u"caseId"_s, id}})
                                 .body.value(u"items"_s)
                                 .toArray()
                                 .at(0)
                                 .toObject();
    QCOMPARE(item.value(u"body"_s).toString(), u"Edited"_s);
    QCOMPARE(item.value(u"lastUpdatedBy"_s).toString(), alice().arn);
    QCOMPARE(f.edits(id).last().toObject().value(u"action"_s).toString(), u"UpdateCaseComment"_s);
}

void TestCaseServiceCases::idempotency_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("resultKey");
    QTest::addColumn<bool>("needsCase");
    QTest::newRow("CreateCase") << u"CreateCase"_s << u"caseId"_s << false;
    QTest::newRow("CreateCaseComment") << u"CreateCaseComment"_s << u"commentId"_s << true;
    QTest::newRow("CreateMembership") << u"CreateMembership"_s << u"membershipId"_s << false;
    QTest::newRow("GetCaseAttachmentUploadUrl")
        << u"GetCaseAttachmentUploadUrl"_s << u"attachmentPresignedUrl"_s << true;
}

void TestCaseServiceCases::idempotency()
{
    QFETCH(QString, operation);
    QFETCH(QString, resultKey);
    QFETCH(bool, needsCase);
    ServiceFixture f;
    const QString caseId = needsCase ? f.createCase() : QString();
    auto input = [&](const QString &variant) {
        QJsonObject in;
        if (operation == u"CreateCase"_s)
            in = caseInput(variant);
        else if (operation == u"CreateCaseComment"_s)
            in = {{u"body"_s, variant}};
        else if (operation == u"CreateMembership"_s)
            in = membershipInput(), in.insert(u"membershipName"_s, variant);
        else
            in = {{u"fileName"_s, QString(variant).replace(u' ', u'_')}, {u"contentLength"_s, 5}};
        if (needsCase)
            in.insert(u"caseId"_s, caseId);
        in.insert(u"clientToken"_s, u"token-1"_s);
        return in;
    };
    const ServiceResult first = f.call(operation, input(u"First one"_s));
    QVERIFY2(first.ok(), qPrintable(first.error ? first.error->message : QString()));
    const ServiceResult again = f.call(operation, input(u"First one"_s));
    QVERIFY(again.ok());
    QCOMPARE(again.httpStatus, first.httpStatus);
    QCOMPARE(again.body.value(resultKey).toString(), first.body.value(resultKey).toString());
    QVERIFY(!first.body.value(resultKey).toString().isEmpty());

    const ServiceResult different = f.call(operation, input(u"Second one"_s));
    QCOMPARE(errorType(different), u"ConflictException"_s);
    QVERIFY(!different.error->resourceId.isEmpty());

    // A new token is a new request.
    QJsonObject fresh = input(u"Second one"_s);
    fresh.insert(u"clientToken"_s, u"token-2"_s);
    if (operation == u"CreateMembership"_s) {
        // One active membership per account: the new request is refused on its own merits.
        QCOMPARE(errorType(f.call(operation, fresh)), u"ConflictException"_s);
    } else {
        const ServiceResult second = f.call(operation, fresh);
        QVERIFY(second.ok());
        QVERIFY(second.body.value(resultKey).toString() != first.body.value(resultKey).toString());
    }
    if (operation == u"CreateCase"_s)
        QCOMPARE(f.call(u"ListCases"_s, {}).body.value(u"total"_s).toInteger(), 2);
    if (operation == u"CreateCaseComment"_s)
        QCOMPARE(
            f.call(u"ListComments"_s, {{u"caseId"_s, caseId}}).body.value(u"total"_s).toInt(), 2);
}

void TestCaseServiceCases::idempotencySurvivesReopen()
{
    ServiceFixture f;
    QJsonObject input = caseInput();
    input.insert(u"clientToken"_s, u"abc"_s);
    const QString id = f.call(u"CreateCase"_s, input).body.value(u"caseId"_s).toString();
    QString error;
    // A second service on the same database (another server process) sees the token.
    auto other = CaseService::open(ServiceConfig(), u"sqlite:"_s + f.path(), &error);
    QVERIFY2(other, qPrintable(error));
    QCOMPARE(other->call(u"CreateCase"_s, input, alice()).body.value(u"caseId"_s).toString(), id);
}

void TestCaseServiceCases::roles_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("read-only GetCase") << int(Role::ReadOnly) << u"GetCase"_s << true;
    QTest::newRow("read-only ListCases") << int(Role::ReadOnly) << u"ListCases"_s << true;
    QTest::newRow("read-only CreateCase") << int(Role::ReadOnly) << u"CreateCase"_s << false;
    QTest::newRow("read-only comment") << int(Role::ReadOnly) << u"CreateCaseComment"_s << false;
    QTest::newRow("case-full CreateCase") << int(Role::CaseFull) << u"CreateCase"_s << true;
    QTest::newRow("case-full CreateMembership")
        << int(Role::CaseFull) << u"CreateMembership"_s << false;
    QTest::newRow("case-full GetMembership") << int(Role::CaseFull) << u"ListMemberships"_s << true;
    QTest::newRow("full CreateMembership") << int(Role::Full) << u"CreateMembership"_s << true;
}

void TestCaseServiceCases::roles()
{
    QFETCH(int, role);
    QFETCH(QString, operation);
    QFETCH(bool, allowed);
    ServiceFixture f;
    const QString id = f.createCase();
    QJsonObject input;
    if (operation == u"GetCase"_s)
        input = {{u"caseId"_s, id}};
    else if (operation == u"CreateCase"_s)
        input = caseInput();
    else if (operation == u"CreateCaseComment"_s)
        input = {{u"caseId"_s, id}, {u"body"_s, u"x"_s}};
    else if (operation == u"CreateMembership"_s)
        input = membershipInput();
    const ServiceResult r = f.call(operation, input, alice(Role(role)));
    if (allowed) {
        QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
    } else {
        QCOMPARE(errorType(r), u"AccessDeniedException"_s);
        QCOMPARE(f.call(u"ListCases"_s, {}).body.value(u"total"_s).toInteger(), 1);
    }
}

void TestCaseServiceCases::changeFeed()
{
    ServiceFixture f;
    QString error;
    QCOMPARE(f.service->latestChange(&error), 0);
    const QString id = f.createCase();
    QVERIFY(f.call(u"UpdateCaseStatus"_s, {{u"caseId"_s, id}, {u"caseStatus"_s, DA}}).ok());
    QVERIFY(f.call(u"CreateCaseComment"_s, {{u"caseId"_s, id}, {u"body"_s, u"x"_s}}).ok());
    QVERIFY(!f.call(u"CloseCase"_s, {{u"caseId"_s, u"1111111111"_s}}).ok()); // no change
    QCOMPARE(f.service->latestChange(&error), 3);
    const auto all = f.service->changesAfter(0, 100, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).operation, u"CreateCase"_s);
    QCOMPARE(all.at(1).operation, u"UpdateCaseStatus"_s);
    QCOMPARE(all.at(2).resourceType, u"comment"_s);
    QCOMPARE(all.at(2).resourceId, id);
    QVERIFY(all.at(0).sequence < all.at(1).sequence && all.at(1).sequence < all.at(2).sequence);
    const auto tail = f.service->changesAfter(all.at(1).sequence, 100, &error);
    QCOMPARE(tail.size(), 1);
    QCOMPARE(tail.at(0).sequence, all.at(2).sequence);
}

void TestCaseServiceCases::notActiveMembership()
{
    ServiceConfig config;
    config.requireActiveMembership = true;
    ServiceFixture f(config);
    const ServiceResult r = f.call(u"CreateCase"_s, caseInput());
    QCOMPARE(errorType(r), u"SecurityIncidentResponseNotActiveException"_s);
    QCOMPARE(r.httpStatus, 400);
    QVERIFY(f.call(u"CreateMembership"_s, membershipInput()).ok());
    QVERIFY(f.call(u"CreateCase"_s, caseInput()).ok());
}

QTEST_GUILESS_MAIN(TestCaseServiceCases)
#include "tst_cases.moc"
