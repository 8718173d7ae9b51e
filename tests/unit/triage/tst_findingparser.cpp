#include "triage/FindingParser.h"

#include <QJsonDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using warroom::domain::Finding;
using warroom::domain::FindingSource;
using warroom::domain::SeverityLabel;
using warroom::triage::FindingParser;

namespace {

// A GuardDuty finding in the wire format (camelCase), trimmed to what matters here.
const char kGuardDutyWire[] = R"({
  "schemaVersion": "2.0", "accountId": "111122223333", "region": "eu-west-1", "partition": "aws",
  "id": "4ab1c2d3e4f5a6b7c8d9e0f1a2b3c4d5",
  "arn": "arn:aws:guardduty:eu-west-1:111122223333:detector/d1/finding/4ab1c2d3e4f5a6b7c8d9e0f1a2b3c4d5",
  "type": "Recon:EC2/PortProbeUnprotectedPort",
  "resource": {"resourceType": "Instance", "instanceDetails": {"instanceId": "i-0abc", "launchTime": 1470103506000}},
  "service": {"serviceName": "guardduty", "count": 7, "archived": true,
    "eventFirstSeen": "2026-10-01T10:00:00Z", "eventLastSeen": "2026-10-02T11:30:00.250Z",
    "action": {"actionType": "PORT_PROBE", "portProbeAction": {"portProbeDetails": [
      {"remoteIpDetails": {"ipAddressV4": "198.51.100.7"}},
      {"remoteIpDetails": {"ipAddressV4": "203.0.113.9"}},
      {"remoteIpDetails": {"ipAddressV6": "2001:DB8::1"}}]}}},
  "severity": 2, "createdAt": "2026-10-01T10:05:00.000Z", "updatedAt": "2026-10-02T11:35:00Z",
  "title": "Unprotected port on EC2 instance i-0abc is being probed.", "description": "d"
})";

// The same shape as botocore prints it (PascalCase), with an access key resource.
const char kGuardDutyPascal[] = R"({
  "AccountId": "111122223333", "Region": "us-east-1", "Id": "aa", "Arn": "arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/aa",
  "Type": "UnauthorizedAccess:IAMUser/TorIPCaller", "Severity": 5.0,
  "Resource": {"ResourceType": "AccessKey", "AccessKeyDetails": {"AccessKeyId": "AKIAEXAMPLE", "UserName": "bob"}},
  "Service": {"Count": 2, "Archived": false,
    "Action": {"ActionType": "AWS_API_CALL", "AwsApiCallAction": {"RemoteIpDetails": {"IpAddressV4": "192.0.2.10"}}}},
  "CreatedAt": "2026-09-01T00:00:00Z", "UpdatedAt": "2026-09-01 01:02:03.456", "Title": "Tor", "Description": "d"
})";

const char kAsff[] = R"({
  "SchemaVersion": "2018-10-08", "Id": "arn:aws:securityhub:us-east-2:111122223333:subscription/x/finding/1",
  "ProductArn": "arn:aws:securityhub:us-east-2::product/aws/securityhub", "GeneratorId": "g",
  "AwsAccountId": "111122223333", "Types": ["Software and Configuration Checks/Industry and Regulatory Standards"],
  "CreatedAt": "2026-08-01T00:00:00Z", "UpdatedAt": "2026-08-03T00:00:00Z",
  "Severity": {"Label": "HIGH", "Normalized": 70}, "Title": "S3.8 block public access", "Description": "d",
  "Resources": [{"Type": "AwsS3Bucket", "Id": "arn:aws:s3:::bucket"}],
  "Workflow": {"Status": "NOTIFIED"}, "RecordState": "ARCHIVED",
  "Network": {"SourceIpV4": "198.51.100.20"}
})";

// Reads `bytes` as JSON Lines with both line readers and fails on any difference.
void compareLineReaders(const QByteArray &bytes)
{
    const auto fast = FindingParser::parseJsonLines(bytes, 1, FindingParser::LineReader::Fast);
    const auto qt = FindingParser::parseJsonLines(bytes, 1, FindingParser::LineReader::QtOnly);
    QCOMPARE(fast.findings.size(), qt.findings.size());
    for (qsizetype i = 0; i < fast.findings.size(); ++i) {
        const Finding &a = fast.findings.at(i), &b = qt.findings.at(i);
        QCOMPARE(a.id, b.id);
        QCOMPARE(a.title, b.title);
        QCOMPARE(a.remoteIps, b.remoteIps);
        QCOMPARE(a.updatedAt, b.updatedAt);
        QVERIFY2(a == b, qPrintable(a.id));
    }
    QCOMPARE(fast.issues.size(), qt.issues.size());
    for (qsizetype i = 0; i < fast.issues.size(); ++i) {
        QCOMPARE(fast.issues.at(i).position, qt.issues.at(i).position);
        QCOMPARE(fast.issues.at(i).reason, qt.issues.at(i).reason);
    }
}

} // namespace

class TestFindingParser final : public QObject
{
    Q_OBJECT

private slots:
    void guardDutyWireFormat()
    {
        QString error;
        const auto finding = FindingParser::fromGuardDuty(
            QJsonDocument::fromJson(kGuardDutyWire).object(), &error);
        QVERIFY2(finding, qPrintable(error));
        QVERIFY(finding->source == FindingSource::GuardDuty);
        QCOMPARE(finding->id,
            u"arn:aws:guardduty:eu-west-1:111122223333:detector/d1/finding/4ab1c2d3e4f5a6b7c8d9e0f1a2b3c4d5"_s);
        QCOMPARE(finding->type, u"Recon:EC2/PortProbeUnprotectedPort"_s);
        QCOMPARE(finding->accountId, u"111122223333"_s);
        QCOMPARE(finding->region, u"eu-west-1"_s);
        QCOMPARE(finding->resourceType, u"Instance"_s);
        QCOMPARE(finding->resourceId, u"i-0abc"_s);
        QCOMPARE(finding->remoteIps,
            QStringList({u"198.51.100.7"_s, u"203.0.113.9"_s, u"2001:DB8::1"_s}));
        QCOMPARE(finding->severityScore, 2.0);
        QVERIFY(finding->severityLabel == SeverityLabel::Low);
        QCOMPARE(finding->count, 7);
        QVERIFY(finding->archived);
        QCOMPARE(finding->firstSeen, QDateTime(QDate(2026, 10, 1), QTime(10, 0), Qt::UTC));
        QCOMPARE(finding->lastSeen, QDateTime(QDate(2026, 10, 2), QTime(11, 30, 0, 250), Qt::UTC));
        QVERIFY(!finding->rawJson.isEmpty());
        QCOMPARE(QJsonDocument::fromJson(finding->rawJson).object(),
            QJsonDocument::fromJson(kGuardDutyWire).object());
    }

    void guardDutyPascalCase()
    {
        QString error;
        const auto finding = FindingParser::fromGuardDuty(
            QJsonDocument::fromJson(kGuardDutyPascal).object(), &error);
        QVERIFY2(finding, qPrintable(error));
        QCOMPARE(finding->resourceType, u"AccessKey"_s);
        QCOMPARE(finding->resourceId, u"AKIAEXAMPLE"_s);
        QCOMPARE(finding->remoteIps, QStringList {u"192.0.2.10"_s});
        QVERIFY(finding->severityLabel == SeverityLabel::Medium);
        QCOMPARE(finding->updatedAt, QDateTime(QDate(2026, 9, 1), QTime(1, 2, 3, 456), Qt::UTC));
        QCOMPARE(finding->count, 2);
        QVERIFY(!finding->archived);
    }

    void asff()
    {
        QString error;
        const auto finding
            = FindingParser::fromAsff(QJsonDocument::fromJson(kAsff).object(), &error);
        QVERIFY2(finding, qPrintable(error));
        QVERIFY(finding->source == FindingSource::SecurityHub);
        QCOMPARE(finding->productName, u"aws/securityhub"_s);
        QVERIFY(finding->id.startsWith(
            u"arn:aws:securityhub:us-east-2::product/aws/securityhub/arn:"_s));
        QCOMPARE(finding->severityScore, 7.0);
        QVERIFY(finding->severityLabel == SeverityLabel::High);
        QCOMPARE(finding->region, u"us-east-2"_s); // from the ProductArn when Region is absent
        QCOMPARE(finding->resourceType, u"AwsS3Bucket"_s);
        QCOMPARE(finding->resourceId, u"arn:aws:s3:::bucket"_s);
        QCOMPARE(finding->workflowState, u"NOTIFIED"_s);
        QVERIFY(finding->archived);
        QCOMPARE(finding->remoteIps, QStringList {u"198.51.100.20"_s});
        QCOMPARE(finding->firstSeen, finding->createdAt);
    }

    void badItems_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("no type") << QByteArray(
            R"({"accountId":"111122223333","id":"a","severity":2,"updatedAt":"2026-01-01T00:00:00Z"})")
                                 << u"type"_s;
        QTest::newRow("short account") << QByteArray(
            R"({"type":"X:Y/Z","accountId":"123456789","id":"a","severity":2,"updatedAt":"2026-01-01T00:00:00Z"})")
                                       << u"12-digit"_s;
        QTest::newRow("13-digit account") << QByteArray(
            R"({"type":"X:Y/Z","accountId":"1234567890123","id":"a","severity":2,"updatedAt":"2026-01-01T00:00:00Z"})")
                                          << u"12-digit"_s;
        QTest::newRow("severity text") << QByteArray(
            R"({"type":"X:Y/Z","accountId":"111122223333","id":"a","severity":"high","updatedAt":"2026-01-01T00:00:00Z"})")
                                       << u"severity"_s;
        QTest::newRow("severity 11") << QByteArray(
            R"({"type":"X:Y/Z","accountId":"111122223333","id":"a","severity":11,"updatedAt":"2026-01-01T00:00:00Z"})")
                                     << u"outside"_s;
        QTest::newRow("no updatedAt")
            << QByteArray(R"({"type":"X:Y/Z","accountId":"111122223333","id":"a","severity":2})")
            << u"updatedAt"_s;
        QTest::newRow("asff no id") << QByteArray(
            R"({"SchemaVersion":"2018-10-08","ProductArn":"arn:aws:securityhub:us-east-1::product/a/b","AwsAccountId":"111122223333"})")
                                    << u"Id"_s;
        QTest::newRow("asff bad label") << QByteArray(
            R"({"ProductArn":"p/product/a/b","Id":"1","AwsAccountId":"111122223333","Severity":{"Label":"SEVERE"},"UpdatedAt":"2026-01-01T00:00:00Z"})")
                                        << u"SEVERE"_s;
        QTest::newRow("not a finding event") << QByteArray(
            R"({"detail-type":"GuardDuty Malware Protection Object Scan Result","detail":{}})")
                                             << u"not a finding"_s;
        QTest::newRow("a number") << QByteArray("[42]") << u"object"_s;
    }

    void badItems()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reasonPart);
        const auto result = FindingParser::parseBytes(json);
        QVERIFY(result.findings.isEmpty());
        QCOMPARE(result.issues.size(), 1);
        QVERIFY2(result.issues.first().reason.contains(reasonPart),
            qPrintable(result.issues.first().reason));
    }

    void documents()
    {
        const QByteArray wire(kGuardDutyWire);
        const QByteArray pascal(kGuardDutyPascal);
        const QByteArray asff(kAsff);
        // GetFindings responses of both services, a BatchImportFindings body, EventBridge.
        QCOMPARE(FindingParser::parseBytes("{\"Findings\":[" + pascal + "]}").findings.size(), 1);
        QCOMPARE(
            FindingParser::parseBytes("{\"Findings\":[" + asff + "," + asff + "]}").findings.size(),
            2);
        const auto gdEvent = FindingParser::parseBytes(
            R"({"version":"0","detail-type":"GuardDuty Finding","source":"aws.guardduty","detail":)"
            + wire + "}");
        QCOMPARE(gdEvent.findings.size(), 1);
        QCOMPARE(gdEvent.findings.first().resourceId, u"i-0abc"_s);
        const auto shEvent = FindingParser::parseBytes(
            R"({"detail-type":"Security Hub Findings - Imported","source":"aws.securityhub","detail":{"findings":[)"
            + asff + "]}}");
        QCOMPARE(shEvent.findings.size(), 1);
        QVERIFY(shEvent.findings.first().source == FindingSource::SecurityHub);
        QCOMPARE(FindingParser::parseBytes("[" + wire + "," + asff + "]").findings.size(), 2);
    }

    void jsonLinesReportLineNumbers()
    {
        const QByteArray wire
            = QJsonDocument::fromJson(kGuardDutyWire).toJson(QJsonDocument::Compact);
        const QByteArray asff = QJsonDocument::fromJson(kAsff).toJson(QJsonDocument::Compact);
        const QByteArray lines = wire + "\n{\"broken\": \n" + asff + "\n\n"
            + R"({"type":"X:Y/Z","accountId":"1","id":"a","severity":2,"updatedAt":"2026-01-01T00:00:00Z"})"
            + "\n" + wire + "\n";
        const auto result = FindingParser::parseBytes(lines);
        QCOMPARE(result.findings.size(), 3);
        QCOMPARE(result.issues.size(), 2);
        QCOMPARE(result.issues.at(0).position, 2);
        QVERIFY(result.issues.at(0).reason.startsWith(u"line 2:"_s));
        QCOMPARE(result.issues.at(1).position, 5);
        QVERIFY(result.issues.at(1).reason.contains(u"12-digit"_s));
    }

    // The project's fixtures (tests/data/findings): what each gives, and the simdjson line
    // reader gives exactly what QJsonDocument gives, finding for finding and issue for issue.
    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("findings");
        QTest::addColumn<QList<qint64>>("issueLines");
        QTest::newRow("guardduty wire") << u"guardduty-wire.jsonl"_s << 3 << QList<qint64> {};
        QTest::newRow("guardduty getfindings")
            << u"guardduty-getfindings.json"_s << 2 << QList<qint64> {};
        QTest::newRow("asff getfindings") << u"asff-getfindings.json"_s << 2 << QList<qint64> {};
        QTest::newRow("asff batchimport") << u"asff-batchimport.jsonl"_s << 3 << QList<qint64> {};
        QTest::newRow("eventbridge") << u"eventbridge.jsonl"_s << 3 << QList<qint64> {3, 4};
        QTest::newRow("truncated") << u"truncated.jsonl"_s << 2 << QList<qint64> {2, 4, 5};
        QTest::newRow("wrong types")
            << u"wrong-types.jsonl"_s << 6 << QList<qint64> {1, 3, 8, 10, 11, 12, 12, 12, 13, 14};
        QTest::newRow("unicode") << u"unicode.jsonl"_s << 6 << QList<qint64> {6, 7};
        QTest::newRow("timestamps") << u"timestamps.jsonl"_s << 6 << QList<qint64> {3, 4, 8};
        QTest::newRow("numbers and syntax")
            << u"numbers-and-syntax.jsonl"_s << 27
            << QList<qint64> {9, 11, 12, 18, 21, 25, 26, 27, 28, 33, 34, 39};
    }

    void fixtures()
    {
        QFETCH(QString, file);
        QFETCH(int, findings);
        QFETCH(QList<qint64>, issueLines);
        QFile input(QStringLiteral(WARROOM_FINDING_FIXTURES "/") + file);
        QVERIFY2(input.open(QIODevice::ReadOnly), qPrintable(input.fileName()));
        const QByteArray bytes = input.readAll();
        const auto result = FindingParser::parseBytes(bytes);
        QList<qint64> lines;
        for (const auto &issue : result.issues)
            lines.append(issue.position);
        QCOMPARE(result.findings.size(), findings);
        QCOMPARE(lines, issueLines);
        for (const auto &issue : result.issues)
            QVERIFY(!issue.reason.isEmpty());
        if (file.endsWith(u".jsonl"_s))
            compareLineReaders(bytes);
    }

    void fixtureValues()
    {
        QFile input(QStringLiteral(WARROOM_FINDING_FIXTURES "/unicode.jsonl"));
        QVERIFY(input.open(QIODevice::ReadOnly));
        const auto unicode = FindingParser::parseBytes(input.readAll());
        QCOMPARE(unicode.findings.size(), 6);
        QCOMPARE(unicode.findings.at(0).title, u"Сканирование портов 端口扫描 🚨"_s);
        QCOMPARE(unicode.findings.at(1).title, u"escaped é中😀"_s);
        QCOMPARE(unicode.findings.at(2).title, QString(u"nul"_s + QChar(0) + u"inside"_s));
        QCOMPARE(unicode.findings.at(3).title.size(), 16); // "lone ", U+D800, " surrogate"
        // Repeated keys: the last one counts, as QJsonDocument has it.
        QCOMPARE(unicode.findings.at(4).severityScore, 9.0);
        QCOMPARE(unicode.findings.at(4).title, u"last"_s);

        QFile types(QStringLiteral(WARROOM_FINDING_FIXTURES "/wrong-types.jsonl"));
        QVERIFY(types.open(QIODevice::ReadOnly));
        const auto typed = FindingParser::parseBytes(types.readAll());
        QCOMPARE(typed.findings.size(), 6);
        QCOMPARE(typed.findings.at(0).accountId, u"111122223333"_s); // a number
        QCOMPARE(typed.findings.at(1).resourceType, QString()); // resource an array
        QCOMPARE(typed.findings.at(2).type, u"42"_s);
        QCOMPARE(typed.findings.at(3).count, 1); // "7" is no count
        QVERIFY(typed.findings.at(3).archived); // "true" is
        QCOMPARE(typed.findings.at(4).count, 1); // 3.5 is no count either
        QVERIFY(!typed.findings.at(4).archived);
        QCOMPARE(
            typed.findings.at(5).createdAt, QDateTime::fromSecsSinceEpoch(1759312800, Qt::UTC));
        QCOMPARE(
            typed.findings.at(5).updatedAt, QDateTime::fromMSecsSinceEpoch(1759312800123, Qt::UTC));
    }

    // Huge inputs: 10 MB strings in a finding, and a 10 MB line that is not JSON.
    void hugeStrings()
    {
        const QByteArray title(10 * 1024 * 1024, 'x');
        QByteArray description;
        description.reserve(10 * 1024 * 1024 + 16);
        while (description.size() < 10 * 1024 * 1024)
            description.append("\\u00e9\\\"caf\\u00e9\\\" ");
        const QByteArray finding = "{\"type\":\"X:Y/Z\",\"accountId\":\"111122223333\",\"id\":"
                                   "\"huge\",\"severity\":5,\"updatedAt\":\"2026-01-01T00:00:00Z\","
                                   "\"title\":\""
            + title + "\",\"description\":\"" + description + "\"}";
        const QByteArray garbage = "{\"title\": \"" + title + "\" oops}";
        const QByteArray lines = finding + "\n" + garbage + "\n" + finding + "\n";
        const auto result = FindingParser::parseBytes(lines);
        QCOMPARE(result.findings.size(), 2);
        QCOMPARE(result.findings.first().title.size(), title.size());
        QVERIFY(result.findings.first().description.startsWith(u"é\"café\" "_s));
        QCOMPARE(result.findings.first().rawJson, finding);
        QCOMPARE(result.issues.size(), 1);
        QCOMPARE(result.issues.first().position, 2);
        compareLineReaders(lines);
    }

    void times_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime base(QDate(2022, 1, 12), QTime(19, 22, 44), Qt::UTC);
        QTest::newRow("iso") << QJsonValue(u"2022-01-12T19:22:44Z"_s) << base;
        QTest::newRow("iso ms") << QJsonValue(u"2022-01-12T19:22:44.454Z"_s) << base.addMSecs(454);
        QTest::newRow("panther") << QJsonValue(u"2022-01-12 19:22:44.454"_s) << base.addMSecs(454);
        QTest::newRow("epoch s") << QJsonValue(1642015364.0) << base;
        QTest::newRow("epoch s fraction") << QJsonValue(1642015364.5) << base.addMSecs(500);
        QTest::newRow("epoch ms") << QJsonValue(1642015364454.0) << base.addMSecs(454);
        QTest::newRow("garbage") << QJsonValue(u"yesterday"_s) << QDateTime();
        QTest::newRow("null") << QJsonValue() << QDateTime();
    }

    void times()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = FindingParser::parseTime(value);
        QCOMPARE(parsed.isValid(), expected.isValid());
        if (expected.isValid())
            QCOMPARE(parsed.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
    }
};

QTEST_GUILESS_MAIN(TestFindingParser)
#include "tst_findingparser.moc"
