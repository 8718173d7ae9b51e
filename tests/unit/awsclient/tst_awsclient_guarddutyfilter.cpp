// A suppression rule pushed to GuardDuty as an ARCHIVE filter, against moto_server: the
// translation of every criterion GuardDuty can express, the refusals (with the reason)
// of those it cannot, CreateFilter the first time and UpdateFilter when pushed again,
// read back with GetFilter.
#include "AwsTestSupport.h"
#include "MotoServer.h"
#include "aws/GuardDutyClient.h"
#include "aws/GuardDutyFilterCriteria.h"
#include "aws/GuardDutyFilterPush.h"

#include <QtCore/QJsonArray>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using aws::GuardDutyFilterCriteria;
using domain::RuleOperator;

namespace {

domain::SuppressionRule falsePositiveRule()
{
    domain::SuppressionRule rule;
    rule.id = u"fp-1234"_s;
    rule.name = u"False positive: Recon:EC2/PortProbeUnprotectedPort on i-0abc"_s;
    rule.description = u"Proposed by ana"_s;
    rule.action = domain::RuleAction::Suppress;
    rule.criteria = {{u"type"_s, RuleOperator::Equals, u"Recon:EC2/PortProbeUnprotectedPort"_s},
        {u"resourceId"_s, RuleOperator::Equals, u"i-0abc"_s},
        {u"accountId"_s, RuleOperator::Equals, u"123456789012"_s}};
    return rule;
}

QJsonObject eq(const QString &value)
{
    return {{"eq"_L1, QJsonArray {value}}};
}

} // namespace

class TestGuardDutyFilter final : public QObject
{
    Q_OBJECT

    test::MotoServer m_moto;
    aws::AwsHttpClient m_http;
    QString m_detectorId;

    aws::AwsClientConfig motoConfig() const
    {
        aws::AwsClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpointUrl = m_moto.url();
        return config;
    }

    // Pushes `rule`; the finished() arguments.
    QList<QVariant> push(const domain::SuppressionRule &rule, const QString &detectorId)
    {
        aws::GuardDutyFilterPush pusher(&m_http, motoConfig());
        QSignalSpy spy(&pusher, &aws::GuardDutyFilterPush::finished);
        pusher.push(rule, detectorId);
        if (!spy.wait(30000))
            return {};
        return spy.takeFirst();
    }

    QJsonObject filter(const QString &name)
    {
        aws::GuardDutyClient client(&m_http, motoConfig());
        const auto got = test::runCall<QJsonObject>(
            [&](auto done) { client.getFilter(m_detectorId, name, done); });
        return got && got->ok() ? got->json : QJsonObject();
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_moto.start(&error), qPrintable(error));
        m_http.setCredentials(test::testCredentials());
        m_http.setTransferTimeout(std::chrono::milliseconds(30000));
        aws::GuardDutyClient client(&m_http, motoConfig());
        const auto created = test::runCall<QJsonObject>([&](auto done) {
            aws::AwsServiceClient::deliverJson(
                client.callRestJson(u"CreateDetector"_s, "POST", "/detector", {},
                    QJsonObject {{"enable"_L1, true}}),
                done);
        });
        QVERIFY(created && created->ok());
        m_detectorId = created->json.value("detectorId"_L1).toString();
        QVERIFY(!m_detectorId.isEmpty());
    }

    void translatesWhatGuardDutyCanExpress()
    {
        domain::SuppressionRule rule = falsePositiveRule();
        rule.criteria += {{u"region"_s, RuleOperator::NotEquals, u"eu-west-1"_s},
            {u"severityScore"_s, RuleOperator::LessThan, u"4"_s},
            {u"source"_s, RuleOperator::Equals, u"GuardDuty"_s}};
        const GuardDutyFilterCriteria criteria(rule);
        QVERIFY2(criteria.ok(), qPrintable(criteria.refusals().join(u'\n')));
        const QJsonObject expected {{"criterion"_L1,
            QJsonObject {{"type"_L1, eq(u"Recon:EC2/PortProbeUnprotectedPort"_s)},
                {"resource.instanceDetails.instanceId"_L1, eq(u"i-0abc"_s)},
                {"accountId"_L1, eq(u"123456789012"_s)},
                {"region"_L1, QJsonObject {{"neq"_L1, QJsonArray {u"eu-west-1"_s}}}},
                {"severity"_L1, QJsonObject {{"lt"_L1, 4}}}}}};
        QCOMPARE(criteria.findingCriteria(), expected);
        QCOMPARE(GuardDutyFilterCriteria::filterName(rule), u"warroom-fp-1234"_s);

        // An access key ID by its shape; a bucket through the rule's resource type.
        domain::SuppressionRule key;
        key.criteria = {{u"resourceId"_s, RuleOperator::Equals, u"AKIAEXAMPLE"_s}};
        QCOMPARE(GuardDutyFilterCriteria(key).findingCriteria().value("criterion"_L1).toObject(),
            (QJsonObject {{"resource.accessKeyDetails.accessKeyId"_L1, eq(u"AKIAEXAMPLE"_s)}}));
        domain::SuppressionRule bucket;
        bucket.criteria = {{u"resourceType"_s, RuleOperator::Equals, u"S3Bucket"_s},
            {u"resourceId"_s, RuleOperator::Equals, u"logs"_s}};
        QVERIFY(GuardDutyFilterCriteria(bucket)
                    .findingCriteria()
                    .value("criterion"_L1)
                    .toObject()
                    .contains("resource.s3BucketDetails.name"_L1));
    }

    void refusesWhatGuardDutyCannotExpress_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("op");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("prefix") << u"type"_s << int(RuleOperator::Prefix) << u"Recon:"_s
                                << u"whole values only"_s;
        QTest::newRow("contains") << u"title"_s << int(RuleOperator::Contains) << u"probe"_s
                                  << u"whole values only"_s;
        QTest::newRow("cidr") << u"remoteIps"_s << int(RuleOperator::InCidr) << u"198.51.100.0/24"_s
                              << u"no CIDR"_s;
        QTest::newRow("title") << u"title"_s << int(RuleOperator::Equals) << u"x"_s
                               << u"no field for title"_s;
        QTest::newRow("fraction") << u"severityScore"_s << int(RuleOperator::GreaterThan)
                                  << u"6.5"_s << u"whole numbers"_s;
        QTest::newRow("count") << u"count"_s << int(RuleOperator::GreaterThan) << u"3"_s
                               << u"severity only"_s;
        QTest::newRow("security hub") << u"source"_s << int(RuleOperator::Equals)
                                      << u"SecurityHub"_s << u"only sees GuardDuty"_s;
        QTest::newRow("unknown resource") << u"resourceId"_s << int(RuleOperator::Equals)
                                          << u"arn:aws:lambda:fn"_s << u"resourceType"_s;
    }

    void refusesWhatGuardDutyCannotExpress()
    {
        QFETCH(QString, field);
        QFETCH(int, op);
        QFETCH(QString, value);
        QFETCH(QString, reason);
        domain::SuppressionRule rule = falsePositiveRule();
        rule.criteria.append({field, RuleOperator(op), value});
        const GuardDutyFilterCriteria criteria(rule);
        QVERIFY(!criteria.ok());
        QCOMPARE(criteria.refusals().size(), 1);
        QVERIFY2(
            criteria.refusals().first().contains(reason), qPrintable(criteria.refusals().first()));
        QVERIFY(criteria.findingCriteria().isEmpty());

        // Nothing reaches GuardDuty: the push fails before any call, with the reason.
        const QList<QVariant> answer = push(rule, m_detectorId);
        QCOMPARE(answer.size(), 4);
        QCOMPARE(answer.at(0).toBool(), false);
        QVERIFY2(answer.at(3).toString().contains(reason), qPrintable(answer.at(3).toString()));
        QVERIFY(filter(GuardDutyFilterCriteria::filterName(rule)).isEmpty());
    }

    void refusesOtherActionsAndTwoConditionsOnAField()
    {
        domain::SuppressionRule escalate = falsePositiveRule();
        escalate.action = domain::RuleAction::Escalate;
        QVERIFY(GuardDutyFilterCriteria(escalate).refusals().first().contains(u"suppression"_s));
        domain::SuppressionRule twice = falsePositiveRule();
        twice.criteria.append({u"type"_s, RuleOperator::NotEquals, u"Other"_s});
        QVERIFY(GuardDutyFilterCriteria(twice).refusals().first().contains(u"one condition"_s));
    }

    void createsThenUpdatesTheArchiveFilter()
    {
        domain::SuppressionRule rule = falsePositiveRule();
        // No detector given: the first of ListDetectors.
        QList<QVariant> answer = push(rule, QString());
        QCOMPARE(answer.size(), 4);
        QVERIFY2(answer.at(0).toBool(), qPrintable(answer.at(3).toString()));
        QCOMPARE(answer.at(1).toBool(), false); // created
        QCOMPARE(answer.at(2).toString(), u"warroom-fp-1234"_s);

        QJsonObject stored = filter(u"warroom-fp-1234"_s);
        QCOMPARE(stored.value("action"_L1).toString(), u"ARCHIVE"_s);
        QCOMPARE(stored.value("findingCriteria"_L1).toObject(),
            GuardDutyFilterCriteria(rule).findingCriteria());
        QVERIFY(stored.value("description"_L1).toString().startsWith(u"False positive"_s));

        // Edited and pushed again: UpdateFilter on the same name.
        rule.criteria[2].value = u"210987654321"_s;
        rule.criteria.append({u"severityScore"_s, RuleOperator::LessOrEqual, u"5"_s});
        answer = push(rule, m_detectorId);
        QVERIFY2(answer.at(0).toBool(), qPrintable(answer.at(3).toString()));
        QCOMPARE(answer.at(1).toBool(), true); // updated
        stored = filter(u"warroom-fp-1234"_s);
        const QJsonObject criterion
            = stored.value("findingCriteria"_L1).toObject().value("criterion"_L1).toObject();
        QCOMPARE(criterion.value("accountId"_L1).toObject(), eq(u"210987654321"_s));
        QCOMPARE(criterion.value("severity"_L1).toObject(), (QJsonObject {{"lte"_L1, 5}}));
        QCOMPARE(stored.value("action"_L1).toString(), u"ARCHIVE"_s);
    }
};

QTEST_GUILESS_MAIN(TestGuardDutyFilter)
#include "tst_awsclient_guarddutyfilter.moc"
