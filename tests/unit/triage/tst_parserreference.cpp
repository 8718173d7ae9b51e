// Parses the public reference samples in ../shared/reference/findings (registered only
// when that folder is present): real-shaped findings, including the hostile ones.
#include "triage/FindingParser.h"

#include <QFile>
#include <QtTest>

using namespace Qt::StringLiterals;
using warroom::triage::FindingParser;

class TestParserReference final : public QObject
{
    Q_OBJECT

private:
    static QByteArray read(const QString &name)
    {
        QFile file(QStringLiteral(WARROOM_REFERENCE_FINDINGS) + u'/' + name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read a reference sample");
        return file.readAll();
    }

private slots:
    void guardDutySamples()
    {
        const auto result = FindingParser::parseBytes(read(u"guardduty-samples.json"_s));
        // Every sample is either a finding or a reported issue; none is lost.
        QCOMPARE(result.findings.size() + result.issues.size(), 38);
        QVERIFY(result.findings.size() >= 34);
        int withIps = 0;
        for (const auto &finding : result.findings) {
            QVERIFY(!finding.type.isEmpty());
            QVERIFY(finding.updatedAt.isValid());
            if (!finding.remoteIps.isEmpty())
                ++withIps;
        }
        QVERIFY(withIps > 15);
    }

    void eventBridgeSamples()
    {
        const auto result
            = FindingParser::parseBytes(read(u"guardduty-eventbridge-samples.json"_s));
        QCOMPARE(result.findings.size() + result.issues.size(), 6);
        // The PascalCase and the well-formed events parse; the partial envelope (its
        // detail has no account), the two 13-digit accounts and the CloudTrail event are
        // reported with their reasons.
        QCOMPARE(result.findings.size(), 2);
        QCOMPARE(result.issues.size(), 4);
        QVERIFY(result.issues.first().reason.contains(u"accountId is missing"_s));
        QVERIFY(result.issues.last().reason.contains(u"not a finding"_s));
    }

    void securityHubSamples()
    {
        const auto result = FindingParser::parseBytes(read(u"securityhub-asff-samples.json"_s));
        QCOMPARE(result.findings.size() + result.issues.size(), 17);
        QVERIFY(result.findings.size() >= 15);
        // The redacted sample ("AwsAccountId": "xxx") is reported, not stored.
        QCOMPARE(result.issues.size(), 1);
        QVERIFY(result.issues.first().reason.contains(u"AwsAccountId"_s));
    }
};

QTEST_GUILESS_MAIN(TestParserReference)
#include "tst_parserreference.moc"
