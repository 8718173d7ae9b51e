#include "FindingParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cstring>

using namespace Qt::StringLiterals;

namespace warroom::triage {

using domain::Finding;

namespace {

// GuardDuty's wire format is camelCase, botocore's output PascalCase: accept both.
QJsonValue member(const QJsonObject &object, QLatin1String camelKey)
{
    auto it = object.constFind(camelKey);
    if (it != object.constEnd())
        return it.value();
    // Keys are short ASCII: build the PascalCase spelling without a QString.
    char pascal[64];
    const qsizetype size = camelKey.size();
    if (size == 0 || size > qsizetype(sizeof pascal))
        return QJsonValue();
    std::memcpy(pascal, camelKey.data(), static_cast<size_t>(size));
    if (pascal[0] >= 'a' && pascal[0] <= 'z')
        pascal[0] = static_cast<char>(pascal[0] - 'a' + 'A');
    it = object.constFind(QLatin1String(pascal, size));
    return it != object.constEnd() ? it.value() : QJsonValue();
}

QJsonObject objectMember(const QJsonObject &object, QLatin1String key)
{
    return member(object, key).toObject();
}

QString stringMember(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = member(object, key);
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    return value.toString();
}

void addIp(QStringList *ips, const QJsonObject &remoteIpDetails)
{
    for (const auto key : {"ipAddressV4"_L1, "ipAddressV6"_L1}) {
        const QString ip = stringMember(remoteIpDetails, key);
        if (!ip.isEmpty() && !ips->contains(ip))
            ips->append(ip);
    }
}

bool isAccountId(const QString &text)
{
    static const QRegularExpression pattern(u"^[0-9]{12}$"_s);
    return pattern.match(text).hasMatch();
}

// The resource key GuardDuty findings are grouped by, chosen by resourceType.
QString guardDutyResourceId(const QString &resourceType, const QJsonObject &resource)
{
    if (resourceType == u"Instance")
        return stringMember(objectMember(resource, "instanceDetails"_L1), "instanceId"_L1);
    if (resourceType == u"AccessKey")
        return stringMember(objectMember(resource, "accessKeyDetails"_L1), "accessKeyId"_L1);
    if (resourceType == u"S3Bucket" || resourceType == u"S3Object") {
        const QJsonArray buckets = member(resource, "s3BucketDetails"_L1).toArray();
        return buckets.isEmpty() ? QString() : stringMember(buckets.first().toObject(), "arn"_L1);
    }
    if (resourceType == u"EKSCluster")
        return stringMember(objectMember(resource, "eksClusterDetails"_L1), "name"_L1);
    if (resourceType == u"RDSDBInstance" || resourceType == u"RDSLimitlessDB")
        return stringMember(
            objectMember(resource, "rdsDbInstanceDetails"_L1), "dbInstanceIdentifier"_L1);
    if (resourceType == u"Container") {
        const QJsonObject container = objectMember(resource, "containerDetails"_L1);
        const QString name = stringMember(container, "name"_L1);
        return name.isEmpty() ? stringMember(container, "id"_L1) : name;
    }
    if (resourceType == u"Lambda")
        return stringMember(objectMember(resource, "lambdaDetails"_L1), "functionArn"_L1);
    if (resourceType == u"ECSCluster")
        return stringMember(objectMember(resource, "ecsClusterDetails"_L1), "arn"_L1);
    return QString();
}

// Where the remote IPs of each GuardDuty action type live (FORMATS.md, section 2.4).
QStringList guardDutyRemoteIps(const QJsonObject &action)
{
    QStringList ips;
    for (const auto key : {"networkConnectionAction"_L1, "awsApiCallAction"_L1,
             "kubernetesApiCallAction"_L1, "rdsLoginAttemptAction"_L1}) {
        const QJsonObject variant = objectMember(action, key);
        addIp(&ips, objectMember(variant, "remoteIpDetails"_L1));
        for (const QJsonValue &source : member(variant, "sourceIPs"_L1).toArray()) {
            if (!source.toString().isEmpty() && !ips.contains(source.toString()))
                ips.append(source.toString());
        }
    }
    const QJsonArray probes
        = member(objectMember(action, "portProbeAction"_L1), "portProbeDetails"_L1).toArray();
    for (const QJsonValue &probe : probes)
        addIp(&ips, objectMember(probe.toObject(), "remoteIpDetails"_L1));
    return ips;
}

bool isAsff(const QJsonObject &object)
{
    return object.contains(u"ProductArn"_s)
        || (object.contains(u"SchemaVersion"_s) && object.contains(u"AwsAccountId"_s));
}

} // namespace

QDateTime FindingParser::parseTime(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        // Epoch milliseconds occur in old exports (launchTime); seconds elsewhere.
        const double millis = number > 1e11 ? number : number * 1000.0;
        return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(millis), Qt::UTC);
    }
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return QDateTime();
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) // Panther's re-formatted "2025-02-25 20:40:06.721"
        time = QDateTime::fromString(QString(text).replace(u' ', u'T'), Qt::ISODateWithMs);
    if (!time.isValid())
        return QDateTime();
    if (time.timeSpec() == Qt::LocalTime) // no zone given: the AWS formats mean UTC
        time.setTimeSpec(Qt::UTC);
    return time.toUTC();
}

std::optional<Finding> FindingParser::fromGuardDuty(const QJsonObject &object, QString *error)
{
    auto finding = guardDuty(object, error);
    if (finding)
        finding->rawJson = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return finding;
}

std::optional<Finding> FindingParser::fromAsff(const QJsonObject &object, QString *error)
{
    auto finding = asff(object, error);
    if (finding)
        finding->rawJson = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return finding;
}

std::optional<Finding> FindingParser::guardDuty(const QJsonObject &object, QString *error)
{
    auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return std::optional<Finding>();
    };
    Finding finding;
    finding.source = domain::FindingSource::GuardDuty;
    finding.productName = u"aws/guardduty"_s;
    finding.type = stringMember(object, "type"_L1);
    if (finding.type.isEmpty())
        return fail(u"GuardDuty finding has no \"type\""_s);
    const QString shortId = stringMember(object, "id"_L1);
    finding.id = stringMember(object, "arn"_L1);
    if (finding.id.isEmpty())
        finding.id = shortId;
    if (finding.id.isEmpty())
        return fail(u"GuardDuty finding has neither \"arn\" nor \"id\""_s);
    finding.accountId = stringMember(object, "accountId"_L1);
    if (finding.accountId.isEmpty())
        return fail(u"accountId is missing"_s);
    if (!isAccountId(finding.accountId))
        return fail(u"accountId \"%1\" is not a 12-digit AWS account ID"_s.arg(finding.accountId));
    finding.region = stringMember(object, "region"_L1);
    finding.title = stringMember(object, "title"_L1);
    finding.description = stringMember(object, "description"_L1);

    const QJsonValue severity = member(object, "severity"_L1);
    if (!severity.isDouble())
        return fail(u"severity must be a number from 1.0 to 10.0"_s);
    finding.severityScore = severity.toDouble();
    if (finding.severityScore < 0.0 || finding.severityScore > 10.0)
        return fail(u"severity %1 is outside 0 to 10"_s.arg(finding.severityScore));
    finding.severityLabel = domain::severityLabelForScore(finding.severityScore);

    const QJsonObject resource = objectMember(object, "resource"_L1);
    finding.resourceType = stringMember(resource, "resourceType"_L1);
    finding.resourceId = guardDutyResourceId(finding.resourceType, resource);

    const QJsonObject service = objectMember(object, "service"_L1);
    finding.remoteIps = guardDutyRemoteIps(objectMember(service, "action"_L1));
    finding.createdAt = parseTime(member(object, "createdAt"_L1));
    finding.updatedAt = parseTime(member(object, "updatedAt"_L1));
    finding.firstSeen = parseTime(member(service, "eventFirstSeen"_L1));
    finding.lastSeen = parseTime(member(service, "eventLastSeen"_L1));
    if (!finding.firstSeen.isValid())
        finding.firstSeen = finding.createdAt;
    if (!finding.lastSeen.isValid())
        finding.lastSeen = finding.updatedAt;
    if (!finding.updatedAt.isValid())
        return fail(u"updatedAt is missing or not a timestamp"_s);
    const QJsonValue count = member(service, "count"_L1);
    finding.count = count.isDouble() ? std::max<qint64>(1, count.toInteger()) : 1;
    const QJsonValue archived = member(service, "archived"_L1);
    finding.archived = archived.isBool() ? archived.toBool() : archived.toString() == u"true";
    return finding;
}

std::optional<Finding> FindingParser::asff(const QJsonObject &object, QString *error)
{
    auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return std::optional<Finding>();
    };
    Finding finding;
    finding.source = domain::FindingSource::SecurityHub;
    const QString productArn = object.value(u"ProductArn"_s).toString();
    const QString id = object.value(u"Id"_s).toString();
    if (productArn.isEmpty() || id.isEmpty())
        return fail(u"ASFF finding needs both \"ProductArn\" and \"Id\""_s);
    finding.id = productArn + u'/' + id;
    finding.productName = productArn.section(u"product/"_s, 1);
    const QJsonArray types = object.value(u"Types"_s).toArray();
    finding.type = types.isEmpty() ? QString() : types.first().toString();
    finding.title = object.value(u"Title"_s).toString();
    finding.description = object.value(u"Description"_s).toString();
    finding.accountId = object.value(u"AwsAccountId"_s).toString();
    if (!isAccountId(finding.accountId))
        return fail(
            u"AwsAccountId \"%1\" is not a 12-digit AWS account ID"_s.arg(finding.accountId));
    finding.region = object.value(u"Region"_s).toString();
    if (finding.region.isEmpty())
        finding.region = productArn.section(u':', 3, 3);

    const QJsonObject severity = object.value(u"Severity"_s).toObject();
    const QJsonValue normalized = severity.value(u"Normalized"_s);
    const QString label = severity.value(u"Label"_s).toString();
    if (normalized.isDouble()) {
        finding.severityScore = normalized.toDouble() / 10.0;
    } else if (!label.isEmpty()) {
        static const QHash<QString, double> scoreOfLabel {{u"INFORMATIONAL"_s, 0.0},
            {u"LOW"_s, 1.0}, {u"MEDIUM"_s, 4.0}, {u"HIGH"_s, 7.0}, {u"CRITICAL"_s, 9.0}};
        if (!scoreOfLabel.contains(label))
            return fail(
                u"Severity.Label \"%1\" is not one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL"_s
                    .arg(label));
        finding.severityScore = scoreOfLabel.value(label);
    } else {
        return fail(u"Severity needs a Label or a Normalized score"_s);
    }
    if (finding.severityScore < 0.0 || finding.severityScore > 10.0)
        return fail(u"Severity.Normalized must be 0 to 100"_s);
    const auto parsedLabel = domain::severityLabelFromString(
        label.isEmpty() ? QString() : label.left(1) + label.mid(1).toLower());
    finding.severityLabel
        = parsedLabel ? *parsedLabel : domain::severityLabelForScore(finding.severityScore);

    const QJsonArray resources = object.value(u"Resources"_s).toArray();
    if (!resources.isEmpty()) {
        const QJsonObject first = resources.first().toObject();
        finding.resourceType = first.value(u"Type"_s).toString();
        finding.resourceId = first.value(u"Id"_s).toString();
    }
    const QJsonObject productFields = object.value(u"ProductFields"_s).toObject();
    for (auto it = productFields.begin(); it != productFields.end(); ++it) {
        if (it.key().endsWith(u"remoteIpDetails/ipAddressV4"_s)
            || it.key().endsWith(u"remoteIpDetails/ipAddressV6"_s)) {
            const QString ip = it.value().toString();
            if (!ip.isEmpty() && !finding.remoteIps.contains(ip))
                finding.remoteIps.append(ip);
        }
    }
    const QJsonObject network = object.value(u"Network"_s).toObject();
    for (const auto key : {"SourceIpV4"_L1, "SourceIpV6"_L1}) {
        const QString ip = network.value(key).toString();
        if (!ip.isEmpty() && !finding.remoteIps.contains(ip))
            finding.remoteIps.append(ip);
    }

    finding.createdAt = parseTime(object.value(u"CreatedAt"_s));
    finding.updatedAt = parseTime(object.value(u"UpdatedAt"_s));
    if (!finding.updatedAt.isValid())
        return fail(u"UpdatedAt is missing or not a timestamp"_s);
    finding.firstSeen = parseTime(object.value(u"FirstObservedAt"_s));
    finding.lastSeen = parseTime(object.value(u"LastObservedAt"_s));
    if (!finding.firstSeen.isValid())
        finding.firstSeen = finding.createdAt;
    if (!finding.lastSeen.isValid())
        finding.lastSeen = finding.updatedAt;
    const QString count = productFields.value(u"aws/guardduty/service/count"_s).toString();
    finding.count = std::max<qint64>(1, count.toLongLong());
    finding.archived = object.value(u"RecordState"_s).toString() == u"ARCHIVED";
    finding.workflowState = object.value(u"Workflow"_s).toObject().value(u"Status"_s).toString();
    if (finding.workflowState.isEmpty())
        finding.workflowState = object.value(u"WorkflowState"_s).toString();
    return finding;
}

void FindingParser::parseInto(
    const QJsonValue &document, qint64 position, ParseResult *result, const QByteArray *raw)
{
    auto skip = [&](const QString &reason) {
        result->issues.append({position, reason});
    };
    if (document.isArray()) {
        const QJsonArray items = document.toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            parseInto(items.at(i), i, result);
        return;
    }
    if (!document.isObject()) {
        skip(u"expected a JSON object"_s);
        return;
    }
    const QJsonObject object = document.toObject();
    const QJsonValue findings = object.contains(u"Findings"_s) ? object.value(u"Findings"_s)
                                                               : object.value(u"findings"_s);
    if (findings.isArray() && !object.contains(u"type"_s) && !object.contains(u"Type"_s)) {
        const QJsonArray items = findings.toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            parseInto(items.at(i), i, result);
        return;
    }
    if (object.contains(u"detail-type"_s)) {
        const QString detailType = object.value(u"detail-type"_s).toString();
        const QJsonValue detail = object.value(u"detail"_s);
        if (detailType == u"GuardDuty Finding"
            || detailType == u"Security Hub Findings - Imported") {
            if (!detail.isObject()) {
                skip(u"EventBridge event \"%1\" has no detail object"_s.arg(detailType));
                return;
            }
            parseInto(detail, position, result);
        } else {
            skip(u"EventBridge event of type \"%1\" is not a finding"_s.arg(detailType));
        }
        return;
    }
    if (object.value(u"detail"_s).isObject() && !object.contains(u"type"_s)
        && !object.contains(u"Type"_s)) {
        // An EventBridge envelope that lost its detail-type (seen in re-exported events).
        parseInto(object.value(u"detail"_s), position, result);
        return;
    }
    QString error;
    auto finding = isAsff(object) ? asff(object, &error) : guardDuty(object, &error);
    if (!finding) {
        skip(error);
        return;
    }
    // A JSON Lines line that is the finding itself is kept byte for byte as received;
    // findings inside arrays or envelopes are written out on their own.
    finding->rawJson = raw ? *raw : QJsonDocument(object).toJson(QJsonDocument::Compact);
    result->findings.append(std::move(*finding));
}

ParseResult FindingParser::parseDocument(const QJsonValue &document)
{
    ParseResult result;
    parseInto(document, 0, &result);
    return result;
}

void FindingParser::parseLine(const QByteArray &line, qint64 lineNumber, ParseResult *result)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError) {
        result->issues.append({lineNumber,
            u"line %1: %2 at column %3"_s.arg(lineNumber)
                .arg(error.errorString())
                .arg(error.offset + 1)});
        return;
    }
    const qsizetype firstIssue = result->issues.size();
    if (document.isArray())
        parseInto(QJsonValue(document.array()), 0, result, nullptr);
    else
        parseInto(QJsonValue(document.object()), 0, result, &line);
    for (qsizetype i = firstIssue; i < result->issues.size(); ++i)
        result->issues[i].position = lineNumber;
}

ParseResult FindingParser::parseBytes(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument whole = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError)
        return parseDocument(
            whole.isArray() ? QJsonValue(whole.array()) : QJsonValue(whole.object()));

    // Not one document: JSON Lines, each line on its own.
    return parseJsonLines(bytes);
}

ParseResult FindingParser::parseJsonLines(const QByteArray &bytes, qint64 firstLine)
{
    ParseResult result;
    qint64 lineNumber = firstLine - 1;
    qsizetype start = 0;
    while (start < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            end = bytes.size();
        ++lineNumber;
        const QByteArray line = bytes.mid(start, end - start).trimmed();
        start = end + 1;
        if (line.isEmpty())
            continue;
        parseLine(line, lineNumber, &result);
    }
    return result;
}

} // namespace warroom::triage
