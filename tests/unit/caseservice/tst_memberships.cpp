#include <QtTest/QtTest>

#include "ServiceFixture.h"

#include "domain/Investigation.h"

using namespace warroom::caseservice;
using namespace warroom::caseservice::testing;
using namespace Qt::StringLiterals;

class TestCaseServiceMemberships final : public QObject
{
    Q_OBJECT

private:
    static ServiceConfig organisation()
    {
        ServiceConfig config;
        config.organizationAccounts = {{u"123456789012"_s, u"ou-root-aaaaaaaa"_s},
            {u"111111111111"_s, u"ou-ab12-11111111"_s}, {u"222222222222"_s, u"ou-ab12-22222222"_s},
            {u"333333333333"_s, u"ou-ab12-33333333"_s}};
        return config;
    }
    static QStringList ous(int from, int count)
    {
        QStringList list;
        for (int i = from; i < from + count; ++i)
            list.append(u"ou-ab12-"_s + QString::number(i).rightJustified(8, u'0'));
        return list;
    }

private slots:
    void createGetList();
    void createInvalid_data();
    void createInvalid();
    void oneActiveMembership();
    void updateMembership();
    void organizationalUnitLimits_data();
    void organizationalUnitLimits();
    void cancelAndUndo();
    void batchMemberAccountDetails();
    void nestedOrganizationalUnits();
    void tags();
    void tagErrors_data();
    void tagErrors();
    void investigations();
};

void TestCaseServiceMemberships::createGetList()
{
    ServiceFixture f(organisation());
    QJsonObject input = membershipInput(3);
    input.insert(u"optInFeatures"_s,
        QJsonArray {QJsonObject {{u"featureName"_s, u"Triage"_s}, {u"isEnabled"_s, true}}});
    input.insert(u"coverEntireOrganization"_s, true);
    input.insert(u"tags"_s, QJsonObject {{u"env"_s, u"prod"_s}});
    const ServiceResult r = f.call(u"CreateMembership"_s, input);
    QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
    QCOMPARE(r.httpStatus, 201);
    const QString id = r.body.value(u"membershipId"_s).toString();
    QVERIFY(QRegularExpression(u"^m-[a-z0-9]{10,32}$"_s).match(id).hasMatch());

    const ServiceResult got = f.call(u"GetMembership"_s, {{u"membershipId"_s, id}});
    QVERIFY(got.ok());
    const QJsonObject m = got.body;
    QCOMPARE(m.value(u"membershipId"_s).toString(), id);
    QCOMPARE(m.value(u"accountId"_s).toString(), u"123456789012"_s);
    QCOMPARE(m.value(u"region"_s).toString(), u"us-east-1"_s);
    QCOMPARE(m.value(u"membershipArn"_s).toString(),
        u"arn:aws:security-ir:us-east-1:123456789012:membership/"_s + id);
    QCOMPARE(m.value(u"membershipStatus"_s).toString(), u"Active"_s);
    QCOMPARE(m.value(u"customerType"_s).toString(), u"Organization"_s);
    QCOMPARE(m.value(u"numberOfAccountsCovered"_s).toInteger(), 4);
    QCOMPARE(m.value(u"incidentResponseTeam"_s).toArray().size(), 3);
    QCOMPARE(m.value(u"optInFeatures"_s).toArray().size(), 1);
    QVERIFY(m.value(u"membershipActivationTimestamp"_s).isDouble());
    QCOMPARE(m.value(u"membershipAccountsConfigurations"_s)
                 .toObject()
                 .value(u"coverEntireOrganization"_s)
                 .toBool(),
        true);

    const ServiceResult list = f.call(u"ListMemberships"_s, {});
    QVERIFY(!list.body.contains(u"total"_s));
    const QJsonObject item = list.body.value(u"items"_s).toArray().at(0).toObject();
    QCOMPARE(item.value(u"membershipId"_s).toString(), id);
    QCOMPARE(item.value(u"membershipStatus"_s).toString(), u"Active"_s);

    QCOMPARE(errorType(f.call(u"GetMembership"_s, {{u"membershipId"_s, u"m-0000000000"_s}})),
        u"ResourceNotFoundException"_s);
    QCOMPARE(errorType(f.call(u"GetMembership"_s, {{u"membershipId"_s, u"x"_s}})),
        u"ValidationException"_s);
}

void TestCaseServiceMemberships::createInvalid_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("field");
    QTest::newRow("team of 1") << membershipInput(1) << u"incidentResponseTeam"_s;
    QTest::newRow("team of 11") << membershipInput(11) << u"incidentResponseTeam"_s;
    QJsonObject shortName = membershipInput();
    shortName.insert(u"membershipName"_s, u"ab"_s);
    QTest::newRow("short name") << shortName << u"membershipName"_s;
    QJsonObject features = membershipInput();
    features.insert(u"optInFeatures"_s, QJsonArray());
    QTest::newRow("no features") << features << u"optInFeatures"_s;
}

void TestCaseServiceMemberships::createInvalid()
{
    QFETCH(QJsonObject, input);
    QFETCH(QString, field);
    ServiceFixture f;
    const ServiceResult r = f.call(u"CreateMembership"_s, input);
    QCOMPARE(errorType(r), u"ValidationException"_s);
    QVERIFY2(errorFields(r).contains(field), qPrintable(errorFields(r).join(u',')));
    QCOMPARE(f.call(u"ListMemberships"_s, {}).body.value(u"items"_s).toArray().size(), 0);
}

void TestCaseServiceMemberships::oneActiveMembership()
{
    ServiceFixture f;
    const QString id
        = f.call(u"CreateMembership"_s, membershipInput()).body.value(u"membershipId"_s).toString();
    const ServiceResult second = f.call(u"CreateMembership"_s, membershipInput());
    QCOMPARE(errorType(second), u"ConflictException"_s);
    QCOMPARE(second.error->resourceId, id);
    QCOMPARE(second.error->resourceType, u"membership"_s);
    QVERIFY(f.call(u"CancelMembership"_s, {{u"membershipId"_s, id}}).ok());
    QVERIFY(f.call(u"CreateMembership"_s, membershipInput()).ok()); // allowed once cancelled
    QCOMPARE(f.call(u"ListMemberships"_s, {}).body.value(u"items"_s).toArray().size(), 2);
}

void TestCaseServiceMemberships::updateMembership()
{
    ServiceFixture f(organisation());
    const QString id
        = f.call(u"CreateMembership"_s, membershipInput()).body.value(u"membershipId"_s).toString();
    const ServiceResult r = f.call(u"UpdateMembership"_s,
        {{u"membershipId"_s, id}, {u"membershipName"_s, u"Renamed room"_s},
            {u"incidentResponseTeam"_s, membershipInput(4).value(u"incidentResponseTeam"_s)},
            {u"membershipAccountsConfigurationsUpdate"_s,
                QJsonObject {{u"organizationalUnitsToAdd"_s,
                    QJsonArray {u"ou-ab12-11111111"_s, u"ou-ab12-22222222"_s}}}}});
    QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
    QJsonObject m = f.call(u"GetMembership"_s, {{u"membershipId"_s, id}}).body;
    QCOMPARE(m.value(u"membershipName"_s).toString(), u"Renamed room"_s);
    QCOMPARE(m.value(u"incidentResponseTeam"_s).toArray().size(), 4);
    QCOMPARE(m.value(u"membershipAccountsConfigurations"_s)
                 .toObject()
                 .value(u"organizationalUnits"_s)
                 .toArray()
                 .size(),
        2);
    QCOMPARE(m.value(u"numberOfAccountsCovered"_s).toInteger(), 3); // own account + 2 OUs

    QVERIFY(f.call(u"UpdateMembership"_s,
                 {{u"membershipId"_s, id},
                     {u"membershipAccountsConfigurationsUpdate"_s,
                         QJsonObject {{u"organizationalUnitsToRemove"_s,
                             QJsonArray {u"ou-ab12-11111111"_s}}}}})
                .ok());
    m = f.call(u"GetMembership"_s, {{u"membershipId"_s, id}}).body;
    QCOMPARE(m.value(u"membershipAccountsConfigurations"_s)
                 .toObject()
                 .value(u"organizationalUnits"_s)
                 .toArray(),
        QJsonArray {u"ou-ab12-22222222"_s});

    const ServiceResult smallTeam = f.call(u"UpdateMembership"_s,
        {{u"membershipId"_s, id},
            {u"incidentResponseTeam"_s, membershipInput(1).value(u"incidentResponseTeam"_s)}});
    QVERIFY(errorFields(smallTeam).contains(u"incidentResponseTeam"_s));
    QCOMPARE(errorType(f.call(u"UpdateMembership"_s, {{u"membershipId"_s, u"m-9999999999"_s}})),
        u"ResourceNotFoundException"_s);
    QCOMPARE(
        errorType(f.call(u"UpdateMembership"_s, {{u"membershipId"_s, id}}, alice(Role::CaseFull))),
        u"AccessDeniedException"_s);
}

void TestCaseServiceMemberships::organizationalUnitLimits_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("ok");
    QTest::newRow("add 5") << u"organizationalUnitsToAdd"_s << 5 << true;
    QTest::newRow("add 6") << u"organizationalUnitsToAdd"_s << 6 << false;
    QTest::newRow("add 0") << u"organizationalUnitsToAdd"_s << 0 << false;
    QTest::newRow("remove 5") << u"organizationalUnitsToRemove"_s << 5 << true;
    QTest::newRow("remove 6") << u"organizationalUnitsToRemove"_s << 6 << false;
}

void TestCaseServiceMemberships::organizationalUnitLimits()
{
    QFETCH(QString, member);
    QFETCH(int, count);
    QFETCH(bool, ok);
    ServiceFixture f;
    const QString id
        = f.call(u"CreateMembership"_s, membershipInput()).body.value(u"membershipId"_s).toString();
    const ServiceResult r = f.call(u"UpdateMembership"_s,
        {{u"membershipId"_s, id},
            {u"membershipAccountsConfigurationsUpdate"_s,
                QJsonObject {{member, QJsonArray::fromStringList(ous(1, count))}}}});
    if (ok) {
        QVERIFY(r.ok());
    } else {
        QCOMPARE(errorType(r), u"ValidationException"_s);
        QVERIFY(errorFields(r).contains(u"membershipAccountsConfigurationsUpdate."_s + member));
    }
    // Five more in a second call are fine: the limit is per call.
    if (ok && member == u"organizationalUnitsToAdd"_s) {
        QVERIFY(f.call(u"UpdateMembership"_s,
                     {{u"membershipId"_s, id},
                         {u"membershipAccountsConfigurationsUpdate"_s,
                             QJsonObject {{member, QJsonArray::fromStringList(ous(6, 5))}}}})
                    .ok());
        QCOMPARE(f.call(u"GetMembership"_s, {{u"membershipId"_s, id}})
                     .body.value(u"membershipAccountsConfigurations"_s)
                     .toObject()
                     .value(u"organizationalUnits"_s)
                     .toArray()
                     .size(),
            10);
    }
}

void TestCaseServiceMemberships::cancelAndUndo()
{
    ServiceFixture f;
    const QString id
        = f.call(u"CreateMembership"_s, membershipInput()).body.value(u"membershipId"_s).toString();
    const ServiceResult notCancelled = f.call(
        u"UpdateMembership"_s, {{u"membershipId"_s, id}, {u"undoMembershipCancellation"_s, true}});
    QCOMPARE(errorType(notCancelled), u"ConflictException"_s);
    const ServiceResult falseUndo = f.call(
        u"UpdateMembership"_s, {{u"membershipId"_s, id}, {u"undoMembershipCancellation"_s, false}});
    QCOMPARE(errorType(falseUndo), u"ValidationException"_s);
    QVERIFY(errorFields(falseUndo).contains(u"undoMembershipCancellation"_s));

    const ServiceResult cancel = f.call(u"CancelMembership"_s, {{u"membershipId"_s, id}});
    QVERIFY(cancel.ok());
    QCOMPARE(cancel.body.value(u"membershipId"_s).toString(), id);
    QJsonObject m = f.call(u"GetMembership"_s, {{u"membershipId"_s, id}}).body;
    QCOMPARE(m.value(u"membershipStatus"_s).toString(), u"Cancelled"_s);
    QVERIFY(m.value(u"membershipDeactivationTimestamp"_s).isDouble());
    QVERIFY(f.call(u"CancelMembership"_s, {{u"membershipId"_s, id}}).ok()); // idempotent

    const ServiceResult renameCancelled = f.call(
        u"UpdateMembership"_s, {{u"membershipId"_s, id}, {u"membershipName"_s, u"Nope nope"_s}});
    QCOMPARE(errorType(renameCancelled), u"ConflictException"_s);

    const ServiceResult undo = f.call(
        u"UpdateMembership"_s, {{u"membershipId"_s, id}, {u"undoMembershipCancellation"_s, true}});
    QVERIFY(undo.ok());
    m = f.call(u"GetMembership"_s, {{u"membershipId"_s, id}}).body;
    QCOMPARE(m.value(u"membershipStatus"_s).toString(), u"Active"_s);
    QVERIFY(!m.contains(u"membershipDeactivationTimestamp"_s));
}

void TestCaseServiceMemberships::batchMemberAccountDetails()
{
    ServiceFixture f(organisation());
    const QString id
        = f.call(u"CreateMembership"_s, membershipInput()).body.value(u"membershipId"_s).toString();
    QVERIFY(f.call(u"UpdateMembership"_s,
                 {{u"membershipId"_s, id},
                     {u"membershipAccountsConfigurationsUpdate"_s,
                         QJsonObject {
                             {u"organizationalUnitsToAdd"_s, QJsonArray {u"ou-ab12-11111111"_s}}}}})
                .ok());
    const ServiceResult r = f.call(u"BatchGetMemberAccountDetails"_s,
        {{u"membershipId"_s, id},
            {u"accountIds"_s,
                QJsonArray {u"111111111111"_s, u"222222222222"_s, u"999999999999"_s}}});
    QVERIFY2(r.ok(), qPrintable(r.error ? r.error->message : QString()));
    const QJsonArray items = r.body.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().value(u"relationshipStatus"_s).toString(), u"Associated"_s);
    QCOMPARE(items.at(0).toObject().value(u"relationshipType"_s).toString(), u"Organization"_s);
    QCOMPARE(items.at(1).toObject().value(u"relationshipStatus"_s).toString(), u"Unassociated"_s);
    const QJsonArray errors = r.body.value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value(u"accountId"_s).toString(), u"999999999999"_s);
    QVERIFY(!errors.at(0).toObject().value(u"message"_s).toString().isEmpty());

    QVERIFY(f.call(u"UpdateMembership"_s,
                 {{u"membershipId"_s, id},
                     {u"membershipAccountsConfigurationsUpdate"_s,
                         QJsonObject {{u"coverEntireOrganization"_s, true}}}})
                .ok());
    const ServiceResult all = f.call(u"BatchGetMemberAccountDetails"_s,
        {{u"membershipId"_s, id}, {u"accountIds"_s, QJsonArray {u"222222222222"_s}}});
    QCOMPARE(all.body.value(u"items"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"relationshipStatus"_s)
                 .toString(),
        u"Associated"_s);

    QVERIFY(errorFields(f.call(u"BatchGetMemberAccountDetails"_s,
                            {{u"membershipId"_s, id}, {u"accountIds"_s, QJsonArray {u"12"_s}}}))
                .contains(u"accountIds[0]"_s));
    QVERIFY(errorFields(f.call(u"BatchGetMemberAccountDetails"_s,
                            {{u"membershipId"_s, id}, {u"accountIds"_s, QJsonArray()}}))
                .contains(u"accountIds"_s));
}

// An OU in scope covers the accounts of the OUs nested below it, at any depth, and not
// those of its parent or siblings.
void TestCaseServiceMemberships::nestedOrganizationalUnits()
{
    ServiceConfig config;
    config.accountId = u"123456789012"_s;
    config.organizationAccounts = {{u"123456789012"_s, QString()},
        {u"111111111111"_s, u"ou-ab12-aaaaaaaa"_s}, {u"222222222222"_s, u"ou-ab12-bbbbbbbb"_s},
        {u"333333333333"_s, u"ou-ab12-cccccccc"_s}, {u"444444444444"_s, u"ou-ab12-dddddddd"_s}};
    // aaaaaaaa > bbbbbbbb > cccccccc; dddddddd is a sibling of aaaaaaaa at the top.
    config.organizationalUnitParents = {{u"ou-ab12-bbbbbbbb"_s, u"ou-ab12-aaaaaaaa"_s},
        {u"ou-ab12-cccccccc"_s, u"ou-ab12-bbbbbbbb"_s}};
    ServiceFixture f(config);
    const QString id
        = f.call(u"CreateMembership"_s, membershipInput()).body.value(u"membershipId"_s).toString();
    auto scope = [&](const QStringList &add, const QStringList &remove) {
        QJsonObject update;
        if (!add.isEmpty())
            update.insert(u"organizationalUnitsToAdd"_s, QJsonArray::fromStringList(add));
        if (!remove.isEmpty())
            update.insert(u"organizationalUnitsToRemove"_s, QJsonArray::fromStringList(remove));
        return f
            .call(u"UpdateMembership"_s,
                {{u"membershipId"_s, id}, {u"membershipAccountsConfigurationsUpdate"_s, update}})
            .ok();
    };
    auto associated = [&] {
        const ServiceResult r = f.call(u"BatchGetMemberAccountDetails"_s,
            {{u"membershipId"_s, id},
                {u"accountIds"_s,
                    QJsonArray {u"111111111111"_s, u"222222222222"_s, u"333333333333"_s,
                        u"444444444444"_s}}});
        QStringList out;
        for (const QJsonValue &v : r.body.value(u"items"_s).toArray())
            if (v.toObject().value(u"relationshipStatus"_s).toString() == u"Associated"_s)
                out.append(v.toObject().value(u"accountId"_s).toString());
        return out;
    };
    auto covered = [&] {
        return f.call(u"GetMembership"_s, {{u"membershipId"_s, id}})
            .body.value(u"numberOfAccountsCovered"_s)
            .toInteger();
    };
    QVERIFY(scope({u"ou-ab12-aaaaaaaa"_s}, {}));
    QCOMPARE(associated(), (QStringList {u"111111111111"_s, u"222222222222"_s, u"333333333333"_s}));
    QCOMPARE(covered(), 4); // the membership account + the three below the top OU
    QVERIFY(scope({u"ou-ab12-bbbbbbbb"_s}, {u"ou-ab12-aaaaaaaa"_s}));
    QCOMPARE(associated(), (QStringList {u"222222222222"_s, u"333333333333"_s}));
    QCOMPARE(covered(), 3);
    QVERIFY(scope({u"ou-ab12-dddddddd"_s}, {u"ou-ab12-bbbbbbbb"_s}));
    QCOMPARE(associated(), QStringList {u"444444444444"_s});
    QCOMPARE(covered(), 2);
}

void TestCaseServiceMemberships::tags()
{
    ServiceFixture f;
    const QString caseId = f.createCase();
    const QString caseArn = f.getCase(caseId).value(u"caseArn"_s).toString();
    const ServiceResult tagged = f.call(u"TagResource"_s,
        {{u"resourceArn"_s, caseArn},
            {u"tags"_s, QJsonObject {{u"a"_s, u"1"_s}, {u"b"_s, u"2"_s}}}});
    QVERIFY(tagged.ok());
    QCOMPARE(tagged.httpStatus, 204);
    QVERIFY(tagged.body.isEmpty());
    QVERIFY(f.call(u"TagResource"_s,
                 {{u"resourceArn"_s, caseArn}, {u"tags"_s, QJsonObject {{u"b"_s, u"3"_s}}}})
                .ok());
    QCOMPARE(f.call(u"ListTagsForResource"_s, {{u"resourceArn"_s, caseArn}}).body.value(u"tags"_s),
        QJsonValue(QJsonObject {{u"a"_s, u"1"_s}, {u"b"_s, u"3"_s}}));
    const ServiceResult untag = f.call(u"UntagResource"_s,
        {{u"resourceArn"_s, caseArn}, {u"tagKeys"_s, QJsonArray {u"a"_s, u"zzz"_s}}});
    QVERIFY(untag.ok());
    QCOMPARE(untag.httpStatus, 200);
    QCOMPARE(f.call(u"ListTagsForResource"_s, {{u"resourceArn"_s, caseArn}}).body.value(u"tags"_s),
        QJsonValue(QJsonObject {{u"b"_s, u"3"_s}}));
    QVERIFY(f.edits(caseId).last().toObject().value(u"message"_s).toString().contains(u"a"_s));

    const QString membershipId
        = f.call(u"CreateMembership"_s, membershipInput()).body.value(u"membershipId"_s).toString();
    const QString membershipArn
        = u"arn:aws:security-ir:us-east-1:123456789012:membership/"_s + membershipId;
    QVERIFY(f.call(u"TagResource"_s,
                 {{u"resourceArn"_s, membershipArn}, {u"tags"_s, QJsonObject {{u"x"_s, u"y"_s}}}})
                .ok());
    QCOMPARE(f.call(u"ListTagsForResource"_s, {{u"resourceArn"_s, membershipArn}})
                 .body.value(u"tags"_s)
                 .toObject()
                 .value(u"x"_s)
                 .toString(),
        u"y"_s);
    QCOMPARE(errorType(f.call(u"TagResource"_s,
                 {{u"resourceArn"_s, membershipArn}, {u"tags"_s, QJsonObject {{u"x"_s, u"z"_s}}}},
                 alice(Role::CaseFull))),
        u"AccessDeniedException"_s);
    QCOMPARE(f.call(u"ListTagsForResource"_s, {{u"resourceArn"_s, caseArn}}, alice(Role::ReadOnly))
                 .httpStatus,
        200);
}

void TestCaseServiceMemberships::tagErrors_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("type");
    const QString unknownCase = u"arn:aws:security-ir:us-east-1:123456789012:case/5555555555"_s;
    QTest::newRow("tag unknown case") << u"TagResource"_s
                                      << QJsonObject {{u"resourceArn"_s, unknownCase},
                                             {u"tags"_s, QJsonObject {{u"a"_s, u"b"_s}}}}
                                      << u"ResourceNotFoundException"_s;
    QTest::newRow("list unknown membership")
        << u"ListTagsForResource"_s
        << QJsonObject {{u"resourceArn"_s,
               u"arn:aws:security-ir:us-east-1:123456789012:membership/m-abcdefghij"_s}}
        << u"ResourceNotFoundException"_s;
    QTest::newRow("untag unknown")
        << u"UntagResource"_s
        << QJsonObject {{u"resourceArn"_s, unknownCase}, {u"tagKeys"_s, QJsonArray {u"a"_s}}}
        << u"ResourceNotFoundException"_s;
    QTest::newRow("other account")
        << u"ListTagsForResource"_s
        << QJsonObject {{u"resourceArn"_s,
               u"arn:aws:security-ir:us-east-1:999999999999:case/5555555555"_s}}
        << u"ResourceNotFoundException"_s;
    QTest::newRow("bad arn") << u"ListTagsForResource"_s
                             << QJsonObject {{u"resourceArn"_s, u"arn:aws:s3:::bucket"_s}}
                             << u"ValidationException"_s;
    QTest::newRow("tags missing") << u"TagResource"_s
                                  << QJsonObject {{u"resourceArn"_s, unknownCase}}
                                  << u"ValidationException"_s;
    QTest::newRow("tagKeys missing")
        << u"UntagResource"_s << QJsonObject {{u"resourceArn"_s, unknownCase}}
        << u"ValidationException"_s;
}

void TestCaseServiceMemberships::tagErrors()
{
    QFETCH(QString, operation);
    QFETCH(QJsonObject, input);
    QFETCH(QString, type);
    ServiceFixture f;
    QCOMPARE(errorType(f.call(operation, input)), type);
}

void TestCaseServiceMemberships::investigations()
{
    ServiceFixture f;
    const QString caseId = f.createCase();
    for (int i = 0; i < 3; ++i) {
        warroom::domain::Investigation inv;
        inv.investigationId = u"inv-abcdefghi"_s + QString::number(i);
        inv.actionType = warroom::domain::ActionType::Investigation;
        inv.title = u"Finding "_s + QString::number(i);
        inv.content = u"Looked at CloudTrail."_s;
        inv.status = warroom::domain::ExecutionStatus::Completed;
        inv.lastUpdated = QDateTime::currentDateTimeUtc();
        QString error;
        QVERIFY2(f.service->addInvestigation(caseId, inv, &error), qPrintable(error));
    }
    warroom::domain::Investigation bad;
    bad.investigationId = u"nope"_s;
    QString error;
    QVERIFY(!f.service->addInvestigation(caseId, bad, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(
        !f.service->addInvestigation(u"4444444444"_s, warroom::domain::Investigation(), &error));

    const ServiceResult page
        = f.call(u"ListInvestigations"_s, {{u"caseId"_s, caseId}, {u"maxResults"_s, u"2"_s}});
    QVERIFY(page.ok());
    QCOMPARE(page.body.value(u"investigationActions"_s).toArray().size(), 2);
    const ServiceResult rest = f.call(u"ListInvestigations"_s,
        {{u"caseId"_s, caseId}, {u"nextToken"_s, page.body.value(u"nextToken"_s)}});
    QCOMPARE(rest.body.value(u"investigationActions"_s).toArray().size(), 1);
    QCOMPARE(rest.body.value(u"investigationActions"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"investigationId"_s)
                 .toString(),
        u"inv-abcdefghi2"_s);

    const ServiceResult feedback = f.call(u"SendFeedback"_s,
        {{u"caseId"_s, caseId}, {u"resultId"_s, u"inv-abcdefghi1"_s},
            {u"usefulness"_s, u"NOT_USEFUL"_s}, {u"comment"_s, u"Wrong account."_s}});
    QVERIFY2(feedback.ok(), qPrintable(feedback.error ? feedback.error->message : QString()));
    const QJsonObject fb = f.call(u"ListInvestigations"_s, {{u"caseId"_s, caseId}})
                               .body.value(u"investigationActions"_s)
                               .toArray()
                               .at(1)
                               .toObject()
                               .value(u"feedback"_s)
                               .toObject();
    QCOMPARE(fb.value(u"usefulness"_s).toString(), u"NOT_USEFUL"_s);
    QCOMPARE(fb.value(u"comment"_s).toString(), u"Wrong account."_s);
    QVERIFY(fb.value(u"submittedAt"_s).isDouble());

    QCOMPARE(errorType(f.call(u"SendFeedback"_s,
                 {{u"caseId"_s, caseId}, {u"resultId"_s, u"inv-zzzzzzzzzz"_s},
                     {u"usefulness"_s, u"USEFUL"_s}})),
        u"ResourceNotFoundException"_s);
    const ServiceResult invalid = f.call(u"SendFeedback"_s,
        {{u"caseId"_s, caseId}, {u"resultId"_s, u"inv-abcdefghi1"_s}, {u"usefulness"_s, u"MEH"_s},
            {u"comment"_s, QString(1001, u'c')}});
    QVERIFY(errorFields(invalid).contains(u"usefulness"_s));
    QVERIFY(errorFields(invalid).contains(u"comment"_s));
    QVERIFY(errorFields(
        f.call(u"SendFeedback"_s, {{u"caseId"_s, caseId}, {u"resultId"_s, u"inv-abcdefghi1"_s}}))
                .contains(u"usefulness"_s));
}

QTEST_GUILESS_MAIN(TestCaseServiceMemberships)
#include "tst_memberships.moc"
