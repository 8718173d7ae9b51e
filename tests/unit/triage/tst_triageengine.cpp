#include "triage/TriageEngine.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using warroom::domain::Finding;
using warroom::domain::RuleAction;
using warroom::domain::RuleCriterion;
using warroom::domain::RuleOperator;
using warroom::domain::SuppressionRule;
using warroom::domain::Verdict;
using warroom::triage::TriageEngine;
using warroom::triage::TriagePolicy;

Q_DECLARE_METATYPE(RuleOperator)

namespace {

Finding sampleFinding()
{
    Finding finding;
    finding.id = u"arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/f1"_s;
    finding.type = u"UnauthorizedAccess:EC2/SSHBruteForce"_s;
    finding.title = u"198.51.100.7 is performing SSH brute force attacks against i-0abc."_s;
    finding.severityScore = 2.0;
    finding.severityLabel = warroom::domain::SeverityLabel::Low;
    finding.accountId = u"111122223333"_s;
    finding.region = u"us-east-1"_s;
    finding.resourceType = u"Instance"_s;
    finding.resourceId = u"i-0abc"_s;
    finding.remoteIps = {u"198.51.100.7"_s, u"2001:DB8::5"_s};
    finding.count = 12;
    return finding;
}

SuppressionRule rule(const QString &id, int position, RuleAction action,
    QList<RuleCriterion> criteria, bool terminal = true)
{
    SuppressionRule value;
    value.id = id;
    value.name = id;
    value.position = position;
    value.action = action;
    value.terminal = terminal;
    value.criteria = std::move(criteria);
    return value;
}

const QDateTime kNow(QDate(2026, 11, 22), QTime(3, 0), Qt::UTC);

} // namespace

class TestTriageEngine final : public QObject
{
    Q_OBJECT

private slots:
    void criteria_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<RuleOperator>("op");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("expected");
        using O = RuleOperator;
        QTest::newRow("type equals")
            << u"type"_s << O::Equals << u"UnauthorizedAccess:EC2/SSHBruteForce"_s << true;
        QTest::newRow("type equals ignores case")
            << u"type"_s << O::Equals << u"unauthorizedaccess:ec2/sshbruteforce"_s << true;
        QTest::newRow("type equals other")
            << u"type"_s << O::Equals << u"Recon:EC2/PortProbeUnprotectedPort"_s << false;
        QTest::newRow("type not equals")
            << u"type"_s << O::NotEquals << u"Recon:EC2/PortProbeUnprotectedPort"_s << true;
        QTest::newRow("type prefix") << u"type"_s << O::Prefix << u"UnauthorizedAccess:"_s << true;
        QTest::newRow("type prefix miss") << u"type"_s << O::Prefix << u"Recon:"_s << false;
        QTest::newRow("title contains") << u"title"_s << O::Contains << u"brute force"_s << true;
        QTest::newRow("title contains miss") << u"title"_s << O::Contains << u"bitcoin"_s << false;
        QTest::newRow("account equals") << u"accountId"_s << O::Equals << u"111122223333"_s << true;
        QTest::newRow("severity >= 2") << u"severityScore"_s << O::GreaterOrEqual << u"2"_s << true;
        QTest::newRow("severity > 2") << u"severityScore"_s << O::GreaterThan << u"2"_s << false;
        QTest::newRow("severity < 4") << u"severityScore"_s << O::LessThan << u"4"_s << true;
        QTest::newRow("severity <= 1.9")
            << u"severityScore"_s << O::LessOrEqual << u"1.9"_s << false;
        QTest::newRow("count = 12") << u"count"_s << O::Equals << u"12"_s << true;
        QTest::newRow("count > 100") << u"count"_s << O::GreaterThan << u"100"_s << false;
        QTest::newRow("ip equals one of them")
            << u"remoteIps"_s << O::Equals << u"198.51.100.7"_s << true;
        QTest::newRow("ip not equals: one matches")
            << u"remoteIps"_s << O::NotEquals << u"198.51.100.7"_s << false;
        QTest::newRow("ip not equals: none")
            << u"remoteIps"_s << O::NotEquals << u"192.0.2.1"_s << true;
        QTest::newRow("ipv4 in cidr")
            << u"remoteIps"_s << O::InCidr << u"198.51.100.0/24"_s << true;
        QTest::newRow("ipv4 edge of cidr")
            << u"remoteIps"_s << O::InCidr << u"198.51.100.0/30"_s << false;
        QTest::newRow("ipv4 /29 holds .7")
            << u"remoteIps"_s << O::InCidr << u"198.51.100.0/29"_s << true;
        QTest::newRow("ipv6 in cidr") << u"remoteIps"_s << O::InCidr << u"2001:db8::/32"_s << true;
        QTest::newRow("ipv6 not in cidr")
            << u"remoteIps"_s << O::InCidr << u"2001:db9::/32"_s << false;
        QTest::newRow("archived false") << u"archived"_s << O::Equals << u"false"_s << true;
        QTest::newRow("resource type") << u"resourceType"_s << O::Equals << u"instance"_s << true;
    }

    void criteria()
    {
        QFETCH(QString, field);
        QFETCH(RuleOperator, op);
        QFETCH(QString, value);
        QFETCH(bool, expected);
        const auto r = rule(u"r"_s, 1, RuleAction::Suppress, {RuleCriterion {field, op, value}});
        QCOMPARE(TriageEngine::matches(r, sampleFinding()), expected);
        TriageEngine engine({r}, TriagePolicy());
        QVERIFY(engine.problems().isEmpty());
        const auto result = engine.classify(sampleFinding(), kNow);
        QCOMPARE(result.verdict == Verdict::Suppressed, expected);
        QCOMPARE(result.rule, expected ? u"r"_s : u"default"_s);
    }

    void allCriteriaMustMatch()
    {
        const auto r = rule(u"both"_s, 1, RuleAction::Suppress,
            {{u"type"_s, RuleOperator::Prefix, u"UnauthorizedAccess"_s},
                {u"accountId"_s, RuleOperator::Equals, u"999999999999"_s}});
        TriageEngine engine({r}, TriagePolicy());
        QVERIFY(engine.classify(sampleFinding(), kNow).verdict == Verdict::Queued);
    }

    void orderAndTerminal()
    {
        const RuleCriterion any {u"accountId"_s, RuleOperator::Equals, u"111122223333"_s};
        // Listed out of order: position decides.
        TriageEngine engine({rule(u"late-escalate"_s, 20, RuleAction::Escalate, {any}),
                                rule(u"early-suppress"_s, 10, RuleAction::Suppress, {any})},
            TriagePolicy());
        auto result = engine.classify(sampleFinding(), kNow);
        QVERIFY(result.verdict == Verdict::Suppressed);
        QCOMPARE(result.rule, u"early-suppress"_s);
        QCOMPARE(engine.hitCounts().value(u"early-suppress"_s), 1);
        QCOMPARE(engine.hitCounts().value(u"late-escalate"_s), 0);

        // A non-terminal match is overridden by a later match, and counted.
        TriageEngine chained({rule(u"tag"_s, 1, RuleAction::Queue, {any}, false),
                                 rule(u"escalate"_s, 2, RuleAction::Escalate, {any})},
            TriagePolicy());
        result = chained.classify(sampleFinding(), kNow);
        QVERIFY(result.verdict == Verdict::Escalated);
        QCOMPARE(result.rule, u"escalate"_s);
        QCOMPARE(chained.hitCounts().value(u"tag"_s), 1);

        // Alone, a non-terminal match decides.
        TriageEngine alone({rule(u"keep"_s, 1, RuleAction::Queue, {any}, false)}, TriagePolicy());
        QCOMPARE(alone.classify(sampleFinding(), kNow).rule, u"keep"_s);
    }

    void disabledAndExpiredRulesAreSkipped()
    {
        const RuleCriterion any {u"region"_s, RuleOperator::Equals, u"us-east-1"_s};
        auto disabled = rule(u"disabled"_s, 1, RuleAction::Suppress, {any});
        disabled.enabled = false;
        auto expired = rule(u"expired"_s, 2, RuleAction::Suppress, {any});
        expired.expiresAt = kNow.addSecs(-1);
        auto future = rule(u"future"_s, 3, RuleAction::Escalate, {any});
        future.expiresAt = kNow.addSecs(60);
        TriageEngine engine({disabled, expired, future}, TriagePolicy());
        QCOMPARE(engine.classify(sampleFinding(), kNow).rule, u"future"_s);
        QCOMPARE(engine.classify(sampleFinding(), kNow.addSecs(120)).rule, u"default"_s);
    }

    void unusableRulesAreReported()
    {
        TriageEngine engine({rule(u"bad-cidr"_s, 1, RuleAction::Suppress,
                                 {{u"remoteIps"_s, RuleOperator::InCidr, u"10.0.0.0/99"_s}}),
                                rule(u"bad-number"_s, 2, RuleAction::Suppress,
                                    {{u"severityScore"_s, RuleOperator::GreaterThan, u"high"_s}}),
                                rule(u"bad-field"_s, 3, RuleAction::Suppress,
                                    {{u"colour"_s, RuleOperator::Equals, u"red"_s}}),
                                rule(u"empty"_s, 4, RuleAction::Suppress, {})},
            TriagePolicy {{{u"broken"_s, u"not-a-cidr"_s}}, {}, {}, true, true, {}});
        QCOMPARE(engine.problems().size(), 5);
        QVERIFY(engine.problems().at(0).contains(u"bad-cidr"_s));
        QVERIFY(engine.problems().at(4).contains(u"not-a-cidr"_s));
        QCOMPARE(engine.classify(sampleFinding(), kNow).rule, u"default"_s);
    }

    void trustedNetworks()
    {
        TriagePolicy policy;
        policy.trustedNetworks
            = {{u"test-net-2"_s, u"198.51.100.0/24"_s}, {u"doc-v6"_s, u"2001:db8::/32"_s}};
        TriageEngine engine({}, policy);
        auto result = engine.classify(sampleFinding(), kNow);
        QVERIFY(result.verdict == Verdict::Suppressed);
        QVERIFY(result.rule.startsWith(u"trusted-network:"_s));

        Finding partly = sampleFinding();
        partly.id = u"other"_s;
        partly.resourceId = u"i-0def"_s;
        partly.remoteIps.append(u"203.0.113.5"_s); // one address outside every trusted network
        QCOMPARE(engine.classify(partly, kNow).rule, u"default"_s);

        Finding none = sampleFinding();
        none.id = u"no-ips"_s;
        none.resourceId = u"i-0xyz"_s;
        none.remoteIps.clear();
        QCOMPARE(engine.classify(none, kNow).rule, u"default"_s);
    }

    void archivedAndThresholds()
    {
        TriagePolicy policy;
        policy.suppressBelowSeverity = 2.0;
        policy.escalateAtSeverity = 8.0;
        TriageEngine engine({}, policy);
        Finding finding = sampleFinding();
        finding.severityScore = 8.0;
        auto result = engine.classify(finding, kNow);
        QVERIFY(result.verdict == Verdict::Escalated);
        QCOMPARE(result.rule, u"severity>=8"_s);

        finding.id = u"low"_s;
        finding.resourceId = u"i-low"_s;
        finding.severityScore = 1.9;
        result = engine.classify(finding, kNow);
        QVERIFY(result.verdict == Verdict::Suppressed);
        QCOMPARE(result.rule, u"severity<2"_s);

        finding.id = u"edge"_s;
        finding.resourceId = u"i-edge"_s;
        finding.severityScore = 2.0; // at the threshold: not below it
        QCOMPARE(engine.classify(finding, kNow).rule, u"default"_s);

        finding.id = u"archived"_s;
        finding.resourceId = u"i-arch"_s;
        finding.archived = true;
        QCOMPARE(engine.classify(finding, kNow).rule, u"archived-at-source"_s);
    }

    void repeatsFoldByFingerprint()
    {
        TriagePolicy policy;
        policy.escalateAtSeverity = 8.0;
        TriageEngine engine({}, policy);
        const Finding first = sampleFinding();
        QVERIFY(engine.classify(first, kNow).verdict == Verdict::Queued);

        Finding repeat = sampleFinding();
        repeat.id = u"second"_s; // same type, resource and account
        auto result = engine.classify(repeat, kNow);
        QVERIFY(result.verdict == Verdict::Suppressed);
        QCOMPARE(result.rule, u"repeat-of:"_s + first.id);

        // The same finding again (an update) is not a repeat of itself.
        QCOMPARE(engine.classify(first, kNow).rule, u"default"_s);

        // Repeats of an escalated finding are escalated into the same case.
        Finding severe = sampleFinding();
        severe.id = u"severe"_s;
        severe.resourceId = u"i-severe"_s;
        severe.severityScore = 9.0;
        QVERIFY(engine.classify(severe, kNow).verdict == Verdict::Escalated);
        Finding severeRepeat = severe;
        severeRepeat.id = u"severe-2"_s;
        severeRepeat.severityScore = 5.0;
        result = engine.classify(severeRepeat, kNow);
        QVERIFY(result.verdict == Verdict::Escalated);
        QCOMPARE(result.rule, u"repeat-of:severe"_s);

        // Fingerprints remembered from the store count too.
        TriageEngine seeded({}, TriagePolicy());
        Finding stored = sampleFinding();
        stored.id = u"stored"_s;
        seeded.rememberFingerprint(stored.fingerprint(), Verdict::Queued, u"stored"_s);
        QCOMPARE(seeded.classify(sampleFinding(), kNow).rule, u"repeat-of:stored"_s);
    }
};

QTEST_GUILESS_MAIN(TestTriageEngine)
#include "tst_triageengine.moc"
