#include "demo/DemoOrganization.h"
#include "demo/FindingGenerator.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace Qt::StringLiterals;
using warroom::demo::DemoOrganization;
using warroom::demo::FindingGenerator;

class TestFindingGenerator final : public QObject
{
    Q_OBJECT

private:
    static QDateTime referenceTime()
    {
        return QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);
    }

    static QByteArray generate(FindingGenerator::Format format, int count, quint64 seed = 7)
    {
        FindingGenerator generator(DemoOrganization::standard(), seed);
        generator.setReferenceTime(referenceTime());
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QString error;
        if (!generator.write(buffer, count, format, &error))
            qFatal("write failed");
        return buffer.data();
    }

    static QList<QJsonObject> lines(const QByteArray &data)
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : data.split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError)
                qFatal("bad JSON line");
            objects.append(document.object());
        }
        return objects;
    }

private slots:
    void organisationIsConsistent()
    {
        const auto &organization = DemoOrganization::standard();
        const QRegularExpression accountId(u"^[0-9]{12}$"_s);
        const QRegularExpression ouId(u"^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$"_s);
        QSet<QString> unitIds;
        for (const auto &unit : organization.units())
            unitIds.insert(unit.id);
        QCOMPARE(unitIds.size(), organization.units().size());
        for (const auto &unit : organization.units()) {
            if (unit.id == organization.rootId()) {
                QVERIFY(unit.parentId.isEmpty());
                continue;
            }
            QVERIFY2(ouId.match(unit.id).hasMatch(), qPrintable(unit.id));
            QVERIFY(unitIds.contains(unit.parentId));
        }
        QSet<QString> accountIds;
        for (const auto &account : organization.accounts()) {
            QVERIFY2(accountId.match(account.id).hasMatch(), qPrintable(account.id));
            QVERIFY(unitIds.contains(account.parentId));
            accountIds.insert(account.id);
        }
        QCOMPARE(accountIds.size(), organization.accounts().size());
        QVERIFY(accountIds.contains(organization.managementAccountId()));
        QVERIFY(organization.accounts().size() >= 10);
        QVERIFY(organization.childUnits(organization.rootId()).size() >= 4);
        QVERIFY(!organization.accountsIn(u"ou-7q2d-prd2f6h8"_s).isEmpty());
        QVERIFY(organization.account(organization.managementAccountId()) != nullptr);
        QVERIFY(organization.account(u"000000000000"_s) == nullptr);
    }

    void sameSeedSameOutput()
    {
        const QByteArray first = generate(FindingGenerator::Format::GuardDutyJsonLines, 300, 11);
        QCOMPARE(generate(FindingGenerator::Format::GuardDutyJsonLines, 300, 11), first);
        QVERIFY(generate(FindingGenerator::Format::GuardDutyJsonLines, 300, 12) != first);
    }

    void guardDutyWireFormat()
    {
        const auto findings = lines(generate(FindingGenerator::Format::GuardDutyJsonLines, 2000));
        QCOMPARE(findings.size(), 2000);
        const auto &organization = DemoOrganization::standard();
        const QRegularExpression id(u"^[0-9a-f]{32}$"_s);
        const QRegularExpression type(u"^[A-Za-z]+:[A-Za-z0-9]+/[A-Za-z0-9.&!_-]+$"_s);
        QSet<QString> ids;
        QSet<QString> resourceTypes;
        QSet<QString> actionTypes;
        int updates = 0;
        QHash<QString, int> countById;
        for (const QJsonObject &finding : findings) {
            const QString findingId = finding.value(u"id"_s).toString();
            QVERIFY2(id.match(findingId).hasMatch(), qPrintable(findingId));
            QVERIFY(organization.account(finding.value(u"accountId"_s).toString()) != nullptr);
            QVERIFY(organization.regions().contains(finding.value(u"region"_s).toString()));
            QVERIFY2(type.match(finding.value(u"type"_s).toString()).hasMatch(),
                qPrintable(finding.value(u"type"_s).toString()));
            const double severity = finding.value(u"severity"_s).toDouble();
            QVERIFY(severity >= 1.0 && severity <= 10.0);
            QVERIFY(finding.value(u"arn"_s).toString().endsWith(u"/finding/"_s + findingId));
            QVERIFY(!finding.value(u"title"_s).toString().contains(u'%'));
            const QJsonObject service = finding.value(u"service"_s).toObject();
            const QDateTime first = QDateTime::fromString(
                service.value(u"eventFirstSeen"_s).toString(), Qt::ISODateWithMs);
            const QDateTime last = QDateTime::fromString(
                service.value(u"eventLastSeen"_s).toString(), Qt::ISODateWithMs);
            QVERIFY(first.isValid() && last.isValid());
            QVERIFY(first <= last);
            QVERIFY(last <= referenceTime());
            resourceTypes.insert(
                finding.value(u"resource"_s).toObject().value(u"resourceType"_s).toString());
            actionTypes.insert(
                service.value(u"action"_s).toObject().value(u"actionType"_s).toString());
            const int count = service.value(u"count"_s).toInt();
            QVERIFY(count >= 1);
            if (ids.contains(findingId)) {
                ++updates;
                QVERIFY2(count > countById.value(findingId), "an update must raise the count");
            }
            ids.insert(findingId);
            countById[findingId] = std::max(count, countById.value(findingId));
        }
        // Recurring activity folds into an existing finding, as GuardDuty does.
        QVERIFY2(updates > 20 && updates < 200, qPrintable(QString::number(updates)));
        for (const char *expected :
            {"Instance", "AccessKey", "S3Bucket", "EKSCluster", "RDSDBInstance", "Container"})
            QVERIFY2(resourceTypes.contains(QLatin1String(expected)), expected);
        for (const char *expected : {"NETWORK_CONNECTION", "AWS_API_CALL", "PORT_PROBE",
                 "DNS_REQUEST", "KUBERNETES_API_CALL", "RDS_LOGIN_ATTEMPT"})
            QVERIFY2(actionTypes.contains(QLatin1String(expected)), expected);
    }

    void getFindingsIsPascalCase()
    {
        const QByteArray data = generate(FindingGenerator::Format::GuardDutyGetFindings, 50);
        const QJsonArray findings
            = QJsonDocument::fromJson(data).object().value(u"Findings"_s).toArray();
        QCOMPARE(findings.size(), 50);
        const QJsonObject first = findings.first().toObject();
        QVERIFY(first.contains(u"AccountId"_s));
        QVERIFY(!first.contains(u"accountId"_s));
        QVERIFY(first.value(u"Resource"_s).toObject().contains(u"ResourceType"_s));
        QVERIFY(first.value(u"Service"_s).toObject().contains(u"EventLastSeen"_s));
    }

    void securityHubAsff()
    {
        const QByteArray data = generate(FindingGenerator::Format::SecurityHubAsff, 600);
        const QJsonArray findings
            = QJsonDocument::fromJson(data).object().value(u"Findings"_s).toArray();
        QCOMPARE(findings.size(), 600);
        const QStringList required {u"SchemaVersion"_s, u"Id"_s, u"ProductArn"_s, u"GeneratorId"_s,
            u"AwsAccountId"_s, u"Types"_s, u"CreatedAt"_s, u"UpdatedAt"_s, u"Severity"_s,
            u"Title"_s, u"Description"_s, u"Resources"_s};
        int fromGuardDuty = 0;
        int archived = 0;
        for (const QJsonValue &value : findings) {
            const QJsonObject finding = value.toObject();
            for (const QString &key : required)
                QVERIFY2(finding.contains(key), qPrintable(key));
            const QString label
                = finding.value(u"Severity"_s).toObject().value(u"Label"_s).toString();
            QVERIFY2(QStringList({u"LOW"_s, u"MEDIUM"_s, u"HIGH"_s, u"CRITICAL"_s}).contains(label),
                qPrintable(label));
            QVERIFY(!finding.value(u"Resources"_s)
                         .toArray()
                         .first()
                         .toObject()
                         .value(u"Id"_s)
                         .toString()
                         .isEmpty());
            if (finding.value(u"ProductArn"_s).toString().endsWith(u"product/aws/guardduty"_s))
                ++fromGuardDuty;
            if (finding.value(u"RecordState"_s).toString() == u"ARCHIVED")
                ++archived;
        }
        QVERIFY(fromGuardDuty > 100 && fromGuardDuty < 350);
        QVERIFY(archived > 0);
    }

    void eventBridgeEnvelopes()
    {
        const auto events = lines(generate(FindingGenerator::Format::EventBridgeJsonLines, 200));
        QCOMPARE(events.size(), 200);
        int guardDuty = 0;
        for (const QJsonObject &event : events) {
            const QString detailType = event.value(u"detail-type"_s).toString();
            const QJsonObject detail = event.value(u"detail"_s).toObject();
            if (detailType == u"GuardDuty Finding") {
                ++guardDuty;
                QCOMPARE(event.value(u"source"_s).toString(), u"aws.guardduty"_s);
                QCOMPARE(
                    event.value(u"account"_s).toString(), detail.value(u"accountId"_s).toString());
            } else {
                QCOMPARE(detailType, u"Security Hub Findings - Imported"_s);
                QCOMPARE(event.value(u"source"_s).toString(), u"aws.securityhub"_s);
                QCOMPARE(detail.value(u"findings"_s).toArray().size(), 1);
            }
        }
        QVERIFY(guardDuty > 50 && guardDuty < 150);
    }

    void parsesFormatNames()
    {
        FindingGenerator::Format format;
        QVERIFY(FindingGenerator::parseFormat(u"asff"_s, &format));
        QCOMPARE(format, FindingGenerator::Format::SecurityHubAsff);
        QVERIFY(FindingGenerator::parseFormat(u"guardduty-jsonl"_s, &format));
        QCOMPARE(format, FindingGenerator::Format::GuardDutyJsonLines);
        QVERIFY(!FindingGenerator::parseFormat(u"xml"_s, &format));
    }

    void reportsWriteErrors()
    {
        FindingGenerator generator(DemoOrganization::standard(), 1);
        QBuffer closed; // never opened: every write fails
        QString error;
        QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): device not open");
        QVERIFY(!generator.write(closed, 3, FindingGenerator::Format::GuardDutyJsonLines, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFindingGenerator)
#include "tst_findinggenerator.moc"
