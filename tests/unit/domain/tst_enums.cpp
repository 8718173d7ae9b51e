#include <QtTest/QtTest>

#include "domain/AwsRegion.h"
#include "domain/Enums.h"
#include "domain/Finding.h"
#include "domain/SuppressionRule.h"

using namespace warroom::domain;
using namespace Qt::StringLiterals;

class TestDomainEnums final : public QObject
{
    Q_OBJECT

private:
    template<typename E> void checkStrings(const QStringList &expected)
    {
        const QList<E> values = allValues<E>();
        QCOMPARE(values.size(), expected.size());
        for (qsizetype i = 0; i < values.size(); ++i) {
            QCOMPARE(toString(values.at(i)), expected.at(i));
            const auto back = fromString<E>(expected.at(i));
            QVERIFY(back.has_value());
            QCOMPARE(*back, values.at(i));
        }
        QVERIFY(!fromString<E>(u"no such value"_s).has_value());
        QVERIFY(!fromString<E>(QString()).has_value());
    }

private slots:
    void caseStatusStrings()
    {
        checkStrings<CaseStatus>({u"Submitted"_s, u"Acknowledged"_s, u"Detection and Analysis"_s,
            u"Containment, Eradication and Recovery"_s, u"Post-incident Activities"_s,
            u"Ready to Close"_s, u"Closed"_s});
        // Case-sensitive, exact.
        QVERIFY(!fromString<CaseStatus>(u"closed"_s).has_value());
        QVERIFY(!fromString<CaseStatus>(u"Containment Eradication and Recovery"_s).has_value());
        QVERIFY(!fromString<CaseStatus>(u"Post-Incident Activities"_s).has_value());
    }

    void otherApiEnumStrings()
    {
        checkStrings<EngagementType>({u"Security Incident"_s, u"Investigation"_s});
        checkStrings<ResolverType>({u"AWS"_s, u"Self"_s});
        checkStrings<PendingAction>({u"Customer"_s, u"None"_s});
        checkStrings<ClosureCode>(
            {u"Investigation Completed"_s, u"Not Resolved"_s, u"False Positive"_s, u"Duplicate"_s});
        checkStrings<AttachmentStatus>({u"Verified"_s, u"Failed"_s, u"Pending"_s});
        checkStrings<MembershipStatus>({u"Active"_s, u"Cancelled"_s, u"Terminated"_s});
        checkStrings<CustomerType>({u"Standalone"_s, u"Organization"_s});
        checkStrings<OptInFeatureName>({u"Triage"_s});
        checkStrings<MembershipAccountRelationshipStatus>(
            {u"Associated"_s, u"Disassociated"_s, u"Unassociated"_s});
        checkStrings<MembershipAccountRelationshipType>({u"Organization"_s, u"Unrelated"_s});
        checkStrings<ActionType>({u"Evidence"_s, u"Investigation"_s, u"Summarization"_s});
        checkStrings<ExecutionStatus>({u"Pending"_s, u"InProgress"_s, u"Waiting"_s, u"Completed"_s,
            u"Failed"_s, u"Cancelled"_s});
        checkStrings<UsefulnessRating>({u"USEFUL"_s, u"NOT_USEFUL"_s});
        checkStrings<ValidationExceptionReason>(
            {u"UNKNOWN_OPERATION"_s, u"CANNOT_PARSE"_s, u"FIELD_VALIDATION_FAILED"_s, u"OTHER"_s});
    }

    void communicationTypes()
    {
        checkStrings<CommunicationType>({u"Case Created"_s, u"Case Updated"_s,
            u"Case Acknowledged"_s, u"Case Closed"_s, u"Case Updated To Service Managed"_s,
            u"Case Status Updated"_s, u"Case Pending Customer Action Reminder"_s,
            u"Case Attachment Url Uploaded"_s, u"Case Comment Added"_s, u"Case Comment Updated"_s,
            u"Membership Created"_s, u"Membership Updated"_s, u"Membership Cancelled"_s,
            u"Register Delegated Administrator"_s, u"Deregister Delegated Administrator"_s,
            u"Disable AWS Service Access"_s});
    }

    void enumNames()
    {
        QCOMPARE(enumName<CaseStatus>(), u"CaseStatus"_s);
        QCOMPARE(enumName<CommunicationType>(), u"CommunicationType"_s);
    }

    void selfManagedSubset()
    {
        const QList<CaseStatus> expected {CaseStatus::Submitted, CaseStatus::DetectionAndAnalysis,
            CaseStatus::ContainmentEradicationAndRecovery, CaseStatus::PostIncidentActivities};
        QCOMPARE(selfManagedCaseStatuses(), expected);
        for (CaseStatus s : allValues<CaseStatus>())
            QCOMPARE(isSelfManagedStatus(s), expected.contains(s));
    }

    void selfManagedTransitions_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("allowed");
        const QString sub = u"Submitted"_s, da = u"Detection and Analysis"_s,
                      cer = u"Containment, Eradication and Recovery"_s,
                      pia = u"Post-incident Activities"_s, closed = u"Closed"_s,
                      ack = u"Acknowledged"_s;
        QTest::newRow("sub->da") << sub << da << true;
        QTest::newRow("sub->cer") << sub << cer << false;
        QTest::newRow("da->cer") << da << cer << true;
        QTest::newRow("da->pia") << da << pia << true;
        QTest::newRow("da->sub") << da << sub << false;
        QTest::newRow("cer->da") << cer << da << true;
        QTest::newRow("cer->pia") << cer << pia << true;
        QTest::newRow("pia->cer") << pia << cer << true;
        QTest::newRow("pia->da") << pia << da << true;
        QTest::newRow("pia->sub") << pia << sub << false;
        QTest::newRow("da->closed (CloseCase only)") << da << closed << false;
        QTest::newRow("ack->da") << ack << da << false;
        QTest::newRow("closed->da") << closed << da << false;
    }

    void selfManagedTransitions()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, allowed);
        const auto f = fromString<CaseStatus>(from);
        const auto t = fromString<CaseStatus>(to);
        QVERIFY(f && t);
        QCOMPARE(isSelfManagedTransitionAllowed(*f, *t), allowed);
    }

    void awsRegions36()
    {
        const QStringList regions = awsRegions();
        QCOMPARE(regions.size(), 36);
        QCOMPARE(regions.first(), u"af-south-1"_s);
        QCOMPARE(regions.last(), u"us-west-2"_s);
        QCOMPARE(QSet<QString>(regions.begin(), regions.end()).size(), 36);
        for (const QString &r : regions)
            QVERIFY(isAwsRegion(r));
        QVERIFY(regions.contains(u"ap-southeast-7"_s));
        QVERIFY(regions.contains(u"mx-central-1"_s));
        QVERIFY(regions.contains(u"cn-northwest-1"_s));
        QVERIFY(!isAwsRegion(u"us-gov-west-1"_s));
        QVERIFY(!isAwsRegion(u"US-EAST-1"_s));
        QVERIFY(!isAwsRegion(QString()));
    }

    void findingEnums()
    {
        for (auto v : {FindingSource::GuardDuty, FindingSource::SecurityHub})
            QCOMPARE(findingSourceFromString(toString(v)), std::optional<FindingSource>(v));
        QCOMPARE(toString(FindingSource::SecurityHub), u"SecurityHub"_s);
        for (auto v : {SeverityLabel::Informational, SeverityLabel::Low, SeverityLabel::Medium,
                 SeverityLabel::High, SeverityLabel::Critical})
            QCOMPARE(severityLabelFromString(toString(v)), std::optional<SeverityLabel>(v));
        QCOMPARE(toString(SeverityLabel::Informational), u"Informational"_s);
        for (auto v : {Verdict::Unset, Verdict::Suppressed, Verdict::Queued, Verdict::Escalated})
            QCOMPARE(verdictFromString(toString(v)), std::optional<Verdict>(v));
        QVERIFY(!verdictFromString(u"Maybe"_s));
        QVERIFY(!findingSourceFromString(u"Inspector"_s));
        QVERIFY(!severityLabelFromString(u"Severe"_s));
    }

    void severityBands_data()
    {
        QTest::addColumn<double>("score");
        QTest::addColumn<QString>("label");
        QTest::newRow("0") << 0.0 << u"Informational"_s;
        QTest::newRow("0.9") << 0.9 << u"Informational"_s;
        QTest::newRow("1.0") << 1.0 << u"Low"_s;
        QTest::newRow("3.9") << 3.9 << u"Low"_s;
        QTest::newRow("4.0") << 4.0 << u"Medium"_s;
        QTest::newRow("6.9") << 6.9 << u"Medium"_s;
        QTest::newRow("7.0") << 7.0 << u"High"_s;
        QTest::newRow("8.9") << 8.9 << u"High"_s;
        QTest::newRow("9.0") << 9.0 << u"Critical"_s;
        QTest::newRow("10") << 10.0 << u"Critical"_s;
    }

    void severityBands()
    {
        QFETCH(double, score);
        QFETCH(QString, label);
        QCOMPARE(toString(severityLabelForScore(score)), label);
    }

    void ruleEnums()
    {
        const QStringList ops {u"Equals"_s, u"NotEquals"_s, u"Prefix"_s, u"Contains"_s,
            u"GreaterThan"_s, u"GreaterOrEqual"_s, u"LessThan"_s, u"LessOrEqual"_s, u"InCidr"_s};
        const QList<RuleOperator> all = allRuleOperators();
        QCOMPARE(all.size(), ops.size());
        for (qsizetype i = 0; i < all.size(); ++i) {
            QCOMPARE(toString(all.at(i)), ops.at(i));
            QCOMPARE(ruleOperatorFromString(ops.at(i)), std::optional<RuleOperator>(all.at(i)));
        }
        QVERIFY(isNumericOperator(RuleOperator::GreaterOrEqual));
        QVERIFY(!isNumericOperator(RuleOperator::InCidr));
        for (auto a : {RuleAction::Suppress, RuleAction::Escalate, RuleAction::Queue})
            QCOMPARE(ruleActionFromString(toString(a)), std::optional<RuleAction>(a));
        QVERIFY(!ruleActionFromString(u"Delete"_s));
        QVERIFY(isRuleField(u"remoteIps"_s));
        QVERIFY(!isRuleField(u"rawJson"_s));
        QVERIFY(isNumericRuleField(u"severityScore"_s));
        QVERIFY(!isNumericRuleField(u"title"_s));
    }
};

QTEST_GUILESS_MAIN(TestDomainEnums)
#include "tst_enums.moc"
