#include "FindingParser.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace warroom::triage {

using domain::Finding;

namespace {

// simdjson's DOM seen through the part of the QJsonValue / QJsonObject / QJsonArray API the
// normalisers below use, so that one template reads both. Where the two could differ, it
// does what Qt does: the last of repeated keys wins, members are visited in key order,
// and toInteger() gives 0 for a number that is not a whole qint64.
class FastObject;
class FastArray;

class FastValue
{
public:
    FastValue() = default;
    explicit FastValue(simdjson::dom::element element)
        : m_element(element)
        , m_defined(true)
    {
    }

    bool isUndefined() const { return !m_defined; }
    bool isDouble() const
    {
        return is(simdjson::dom::element_type::INT64) || is(simdjson::dom::element_type::UINT64)
            || is(simdjson::dom::element_type::DOUBLE);
    }
    bool isBool() const { return is(simdjson::dom::element_type::BOOL); }
    bool isObject() const { return is(simdjson::dom::element_type::OBJECT); }
    bool isArray() const { return is(simdjson::dom::element_type::ARRAY); }

    double toDouble() const
    {
        double number = 0.0;
        if (isDouble() && m_element.get_double().get(number) != simdjson::SUCCESS)
            number = 0.0;
        return number;
    }
    qint64 toInteger() const
    {
        if (is(simdjson::dom::element_type::INT64)) {
            int64_t number = 0;
            return m_element.get_int64().get(number) == simdjson::SUCCESS ? number : 0;
        }
        if (!isDouble()) // a UINT64 over qint64's range is a double to Qt: not whole either
            return 0;
        const double number = toDouble();
        constexpr double Limit = 9223372036854775808.0; // 2^63
        return number >= -Limit && number < Limit && std::trunc(number) == number
            ? static_cast<qint64>(number)
            : 0;
    }
    bool toBool() const
    {
        bool value = false;
        return isBool() && m_element.get_bool().get(value) == simdjson::SUCCESS && value;
    }
    QString toString() const
    {
        std::string_view text;
        if (!is(simdjson::dom::element_type::STRING)
            || m_element.get_string().get(text) != simdjson::SUCCESS)
            return QString();
        return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    }
    FastObject toObject() const;
    FastArray toArray() const;

private:
    bool is(simdjson::dom::element_type type) const
    {
        return m_defined && m_element.type() == type;
    }

    simdjson::dom::element m_element;
    bool m_defined = false;
};

class FastObject
{
public:
    FastObject() = default;
    explicit FastObject(simdjson::dom::object object)
        : m_object(object)
        , m_valid(true)
    {
    }

    FastValue value(QLatin1String key) const
    {
        FastValue found;
        if (!m_valid)
            return found;
        const std::string_view wanted(key.data(), static_cast<size_t>(key.size()));
        for (const simdjson::dom::key_value_pair field : m_object) {
            if (field.key == wanted)
                found = FastValue(field.value);
        }
        return found;
    }
    bool contains(QLatin1String key) const { return !value(key).isUndefined(); }

    // Each member once (the last of repeated keys), in key order.
    template<typename Visit> void forEachMember(Visit &&visit) const
    {
        if (!m_valid)
            return;
        std::vector<std::pair<QString, FastValue>> members;
        for (const simdjson::dom::key_value_pair field : m_object) {
            members.emplace_back(
                QString::fromUtf8(field.key.data(), static_cast<qsizetype>(field.key.size())),
                FastValue(field.value));
        }
        std::stable_sort(members.begin(), members.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
        for (size_t i = 0; i < members.size(); ++i) {
            if (i + 1 < members.size() && members[i + 1].first == members[i].first)
                continue;
            visit(members[i].first, members[i].second);
        }
    }

private:
    simdjson::dom::object m_object;
    bool m_valid = false;
};

class FastArray
{
public:
    FastArray() = default;
    explicit FastArray(simdjson::dom::array array)
        : m_array(array)
        , m_valid(true)
    {
    }

    bool isEmpty() const { return !m_valid || m_array.size() == 0; }
    FastValue first() const
    {
        for (const simdjson::dom::element element : m_array)
            return FastValue(element);
        return FastValue();
    }
    template<typename Visit> void forEachElement(Visit &&visit) const
    {
        if (!m_valid)
            return;
        for (const simdjson::dom::element element : m_array)
            visit(FastValue(element));
    }

private:
    simdjson::dom::array m_array;
    bool m_valid = false;
};

FastObject FastValue::toObject() const
{
    simdjson::dom::object object;
    if (isObject() && m_element.get_object().get(object) == simdjson::SUCCESS)
        return FastObject(object);
    return FastObject();
}

FastArray FastValue::toArray() const
{
    simdjson::dom::array array;
    if (isArray() && m_element.get_array().get(array) == simdjson::SUCCESS)
        return FastArray(array);
    return FastArray();
}

// The same walks over Qt's types.
template<typename Visit> void forEachMember(const QJsonObject &object, Visit &&visit)
{
    for (auto it = object.begin(); it != object.end(); ++it)
        visit(it.key(), it.value());
}

template<typename Visit> void forEachMember(const FastObject &object, Visit &&visit)
{
    object.forEachMember(std::forward<Visit>(visit));
}

template<typename Visit> void forEachElement(const QJsonArray &array, Visit &&visit)
{
    for (const QJsonValue &element : array)
        visit(element);
}

template<typename Visit> void forEachElement(const FastArray &array, Visit &&visit)
{
    array.forEachElement(std::forward<Visit>(visit));
}

// GuardDuty's wire format is camelCase, botocore's output PascalCase: accept both.
template<typename Object> auto member(const Object &object, QLatin1String camelKey)
{
    auto value = object.value(camelKey);
    if (!value.isUndefined())
        return value;
    // Keys are short ASCII: build the PascalCase spelling without a QString.
    char pascal[64];
    const qsizetype size = camelKey.size();
    if (size == 0 || size > qsizetype(sizeof pascal))
        return value;
    std::memcpy(pascal, camelKey.data(), static_cast<size_t>(size));
    if (pascal[0] >= 'a' && pascal[0] <= 'z')
        pascal[0] = static_cast<char>(pascal[0] - 'a' + 'A');
    return object.value(QLatin1String(pascal, size));
}

template<typename Object> Object objectMember(const Object &object, QLatin1String key)
{
    return member(object, key).toObject();
}

template<typename Value> QString numberOrString(const Value &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    return value.toString();
}

template<typename Object> QString stringMember(const Object &object, QLatin1String key)
{
    return numberOrString(member(object, key));
}

void addIp(QStringList *ips, const QString &ip)
{
    if (!ip.isEmpty() && !ips->contains(ip))
        ips->append(ip);
}

template<typename Object> void addIps(QStringList *ips, const Object &remoteIpDetails)
{
    for (const auto key : {"ipAddressV4"_L1, "ipAddressV6"_L1})
        addIp(ips, stringMember(remoteIpDetails, key));
}

bool isAccountId(const QString &text)
{
    if (text.size() != 12)
        return false;
    return std::all_of(text.cbegin(), text.cend(),
        [](QChar c) { return c.unicode() >= u'0' && c.unicode() <= u'9'; });
}

// The resource key GuardDuty findings are grouped by, chosen by resourceType.
template<typename Object>
QString guardDutyResourceId(const QString &resourceType, const Object &resource)
{
    if (resourceType == u"Instance")
        return stringMember(objectMember(resource, "instanceDetails"_L1), "instanceId"_L1);
    if (resourceType == u"AccessKey")
        return stringMember(objectMember(resource, "accessKeyDetails"_L1), "accessKeyId"_L1);
    if (resourceType == u"S3Bucket" || resourceType == u"S3Object") {
        const auto buckets = member(resource, "s3BucketDetails"_L1).toArray();
        return buckets.isEmpty() ? QString() : stringMember(buckets.first().toObject(), "arn"_L1);
    }
    if (resourceType == u"EKSCluster")
        return stringMember(objectMember(resource, "eksClusterDetails"_L1), "name"_L1);
    if (resourceType == u"RDSDBInstance" || resourceType == u"RDSLimitlessDB")
        return stringMember(
            objectMember(resource, "rdsDbInstanceDetails"_L1), "dbInstanceIdentifier"_L1);
    if (resourceType == u"Container") {
        const Object container = objectMember(resource, "containerDetails"_L1);
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
template<typename Object> QStringList guardDutyRemoteIps(const Object &action)
{
    QStringList ips;
    for (const auto key : {"networkConnectionAction"_L1, "awsApiCallAction"_L1,
             "kubernetesApiCallAction"_L1, "rdsLoginAttemptAction"_L1}) {
        const Object variant = objectMember(action, key);
        addIps(&ips, objectMember(variant, "remoteIpDetails"_L1));
        forEachElement(member(variant, "sourceIPs"_L1).toArray(),
            [&](const auto &source) { addIp(&ips, source.toString()); });
    }
    forEachElement(
        member(objectMember(action, "portProbeAction"_L1), "portProbeDetails"_L1).toArray(),
        [&](const auto &probe) {
            addIps(&ips, objectMember(probe.toObject(), "remoteIpDetails"_L1));
        });
    return ips;
}

template<typename Object> bool isAsff(const Object &object)
{
    return object.contains("ProductArn"_L1)
        || (object.contains("SchemaVersion"_L1) && object.contains("AwsAccountId"_L1));
}

// What a JSON object holds: a list of findings (GetFindings, BatchImportFindings), an
// EventBridge event, an envelope that lost its detail-type, or a finding.
enum class Shape { FindingList, Event, Envelope, Finding };

template<typename Object> Shape shapeOf(const Object &object)
{
    const bool typed = object.contains("type"_L1) || object.contains("Type"_L1);
    const auto findings = object.contains("Findings"_L1) ? object.value("Findings"_L1)
                                                         : object.value("findings"_L1);
    if (findings.isArray() && !typed)
        return Shape::FindingList;
    if (object.contains("detail-type"_L1))
        return Shape::Event;
    if (object.value("detail"_L1).isObject() && !typed)
        return Shape::Envelope;
    return Shape::Finding;
}

// Two digits at `at` of an ASCII timestamp, or -1.
int twoDigits(QStringView text, qsizetype at)
{
    const char16_t high = text[at].unicode(), low = text[at + 1].unicode();
    if (high < u'0' || high > u'9' || low < u'0' || low > u'9')
        return -1;
    return (high - u'0') * 10 + (low - u'0');
}

// The one layout AWS writes ("2026-10-02T11:30:00Z", "2026-10-02T11:30:00.250Z") read
// without QDateTime's general ISO parser; anything else, or an impossible date or time,
// is left to that parser (invalid QDateTime here).
QDateTime awsTimestamp(QStringView text)
{
    const qsizetype size = text.size();
    if ((size != 20 && size != 24) || text[4] != u'-' || text[7] != u'-' || text[10] != u'T'
        || text[13] != u':' || text[16] != u':' || text[size - 1] != u'Z')
        return QDateTime();
    int millis = 0;
    if (size == 24) {
        if (text[19] != u'.' || twoDigits(text, 20) < 0 || twoDigits(text, 21) < 0)
            return QDateTime();
        millis = twoDigits(text, 20) * 10 + (text[22].unicode() - u'0');
    }
    const int century = twoDigits(text, 0), year = twoDigits(text, 2), month = twoDigits(text, 5),
              day = twoDigits(text, 8), hour = twoDigits(text, 11), minute = twoDigits(text, 14),
              second = twoDigits(text, 17);
    if (century < 0 || year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return QDateTime();
    const QDate date(century * 100 + year, month, day);
    const QTime time(hour, minute, second, millis);
    if (!date.isValid() || !time.isValid())
        return QDateTime();
    return QDateTime(date, time, Qt::UTC);
}

template<typename Value> QDateTime timeOf(const Value &value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        // Epoch milliseconds occur in old exports (launchTime); seconds elsewhere.
        const double millis = number > 1e11 ? number : number * 1000.0;
        // QDateTime's own range ends in the year 292 million; this is about the year 275,000.
        if (!(std::fabs(millis) < 8.64e15))
            return QDateTime();
        return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(millis), Qt::UTC);
    }
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return QDateTime();
    QDateTime time = awsTimestamp(text);
    if (time.isValid())
        return time;
    time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) // Panther's re-formatted "2025-02-25 20:40:06.721"
        time = QDateTime::fromString(QString(text).replace(u' ', u'T'), Qt::ISODateWithMs);
    if (!time.isValid())
        return QDateTime();
    if (time.timeSpec() == Qt::LocalTime) // no zone given: the AWS formats mean UTC
        time.setTimeSpec(Qt::UTC);
    return time.toUTC();
}

template<typename Object>
std::optional<Finding> guardDutyFinding(const Object &object, QString *error)
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
    finding.id = stringMember(object, "arn"_L1);
    if (finding.id.isEmpty())
        finding.id = stringMember(object, "id"_L1);
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

    const auto severity = member(object, "severity"_L1);
    if (!severity.isDouble())
        return fail(u"severity must be a number from 1.0 to 10.0"_s);
    finding.severityScore = severity.toDouble();
    if (finding.severityScore < 0.0 || finding.severityScore > 10.0)
        return fail(u"severity %1 is outside 0 to 10"_s.arg(finding.severityScore));
    finding.severityLabel = domain::severityLabelForScore(finding.severityScore);

    const Object resource = objectMember(object, "resource"_L1);
    finding.resourceType = stringMember(resource, "resourceType"_L1);
    finding.resourceId = guardDutyResourceId(finding.resourceType, resource);

    const Object service = objectMember(object, "service"_L1);
    finding.remoteIps = guardDutyRemoteIps(objectMember(service, "action"_L1));
    finding.createdAt = timeOf(member(object, "createdAt"_L1));
    finding.updatedAt = timeOf(member(object, "updatedAt"_L1));
    finding.firstSeen = timeOf(member(service, "eventFirstSeen"_L1));
    finding.lastSeen = timeOf(member(service, "eventLastSeen"_L1));
    if (!finding.firstSeen.isValid())
        finding.firstSeen = finding.createdAt;
    if (!finding.lastSeen.isValid())
        finding.lastSeen = finding.updatedAt;
    if (!finding.updatedAt.isValid())
        return fail(u"updatedAt is missing or not a timestamp"_s);
    const auto count = member(service, "count"_L1);
    finding.count = count.isDouble() ? std::max<qint64>(1, count.toInteger()) : 1;
    const auto archived = member(service, "archived"_L1);
    finding.archived = archived.isBool() ? archived.toBool() : archived.toString() == u"true";
    return finding;
}

template<typename Object> std::optional<Finding> asffFinding(const Object &object, QString *error)
{
    auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return std::optional<Finding>();
    };
    Finding finding;
    finding.source = domain::FindingSource::SecurityHub;
    const QString productArn = object.value("ProductArn"_L1).toString();
    const QString id = object.value("Id"_L1).toString();
    if (productArn.isEmpty() || id.isEmpty())
        return fail(u"ASFF finding needs both \"ProductArn\" and \"Id\""_s);
    finding.id = productArn + u'/' + id;
    finding.productName = productArn.section(u"product/"_s, 1);
    const auto types = object.value("Types"_L1).toArray();
    finding.type = types.isEmpty() ? QString() : types.first().toString();
    finding.title = object.value("Title"_L1).toString();
    finding.description = object.value("Description"_L1).toString();
    finding.accountId = object.value("AwsAccountId"_L1).toString();
    if (!isAccountId(finding.accountId))
        return fail(
            u"AwsAccountId \"%1\" is not a 12-digit AWS account ID"_s.arg(finding.accountId));
    finding.region = object.value("Region"_L1).toString();
    if (finding.region.isEmpty())
        finding.region = productArn.section(u':', 3, 3);

    const Object severity = object.value("Severity"_L1).toObject();
    const auto normalized = severity.value("Normalized"_L1);
    const QString label = severity.value("Label"_L1).toString();
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

    const auto resources = object.value("Resources"_L1).toArray();
    if (!resources.isEmpty()) {
        const Object first = resources.first().toObject();
        finding.resourceType = first.value("Type"_L1).toString();
        finding.resourceId = first.value("Id"_L1).toString();
    }
    const Object productFields = object.value("ProductFields"_L1).toObject();
    forEachMember(productFields, [&](const QString &key, const auto &value) {
        if (key.endsWith(u"remoteIpDetails/ipAddressV4"_s)
            || key.endsWith(u"remoteIpDetails/ipAddressV6"_s))
            addIp(&finding.remoteIps, value.toString());
    });
    const Object network = object.value("Network"_L1).toObject();
    for (const auto key : {"SourceIpV4"_L1, "SourceIpV6"_L1})
        addIp(&finding.remoteIps, network.value(key).toString());

    finding.createdAt = timeOf(object.value("CreatedAt"_L1));
    finding.updatedAt = timeOf(object.value("UpdatedAt"_L1));
    if (!finding.updatedAt.isValid())
        return fail(u"UpdatedAt is missing or not a timestamp"_s);
    finding.firstSeen = timeOf(object.value("FirstObservedAt"_L1));
    finding.lastSeen = timeOf(object.value("LastObservedAt"_L1));
    if (!finding.firstSeen.isValid())
        finding.firstSeen = finding.createdAt;
    if (!finding.lastSeen.isValid())
        finding.lastSeen = finding.updatedAt;
    const QString count = productFields.value("aws/guardduty/service/count"_L1).toString();
    finding.count = std::max<qint64>(1, count.toLongLong());
    finding.archived = object.value("RecordState"_L1).toString() == u"ARCHIVED";
    finding.workflowState = object.value("Workflow"_L1).toObject().value("Status"_L1).toString();
    if (finding.workflowState.isEmpty())
        finding.workflowState = object.value("WorkflowState"_L1).toString();
    return finding;
}

template<typename Object> std::optional<Finding> anyFinding(const Object &object, QString *error)
{
    return isAsff(object) ? asffFinding(object, error) : guardDutyFinding(object, error);
}

// QJsonDocument refuses a number that underflows ("1e-400"); simdjson reads it as 0. A
// document with a zero or subnormal double anywhere is left to QJsonDocument, which
// decides ("0.0" is fine there too, only slower).
bool holdsTinyDouble(simdjson::dom::element element)
{
    switch (element.type()) {
    case simdjson::dom::element_type::DOUBLE: {
        double number = 0.0;
        return element.get_double().get(number) != simdjson::SUCCESS
            || std::fabs(number) < std::numeric_limits<double>::min();
    }
    case simdjson::dom::element_type::OBJECT:
        for (const simdjson::dom::key_value_pair field : simdjson::dom::object(element)) {
            if (holdsTinyDouble(field.value))
                return true;
        }
        return false;
    case simdjson::dom::element_type::ARRAY:
        for (const simdjson::dom::element item : simdjson::dom::array(element)) {
            if (holdsTinyDouble(item))
                return true;
        }
        return false;
    default:
        return false;
    }
}

// Deeper documents than this are left to QJsonDocument (findings nest about 8 deep).
constexpr size_t FastReaderMaxDepth = 256;

simdjson::dom::parser &threadFastReader()
{
    thread_local simdjson::dom::parser reader = [] {
        simdjson::dom::parser made;
        // Sets the depth limit; the buffers grow with the longest line read.
        const simdjson::error_code allocated = made.allocate(64 * 1024, FastReaderMaxDepth);
        Q_UNUSED(allocated) // when it fails, parse() allocates (and reports what it cannot)
        return made;
    }();
    return reader;
}

} // namespace

QDateTime FindingParser::parseTime(const QJsonValue &value)
{
    return timeOf(value);
}

std::optional<Finding> FindingParser::fromGuardDuty(const QJsonObject &object, QString *error)
{
    auto finding = guardDutyFinding(object, error);
    if (finding)
        finding->rawJson = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return finding;
}

std::optional<Finding> FindingParser::fromAsff(const QJsonObject &object, QString *error)
{
    auto finding = asffFinding(object, error);
    if (finding)
        finding->rawJson = QJsonDocument(object).toJson(QJsonDocument::Compact);
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
    switch (shapeOf(object)) {
    case Shape::FindingList: {
        const QJsonArray items = object.contains("Findings"_L1)
            ? object.value("Findings"_L1).toArray()
            : object.value("findings"_L1).toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            parseInto(items.at(i), i, result);
        return;
    }
    case Shape::Event: {
        const QString detailType = object.value("detail-type"_L1).toString();
        const QJsonValue detail = object.value("detail"_L1);
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
    case Shape::Envelope: // an EventBridge event that lost its detail-type (re-exported)
        parseInto(object.value("detail"_L1), position, result);
        return;
    case Shape::Finding:
        break;
    }
    QString error;
    auto finding = anyFinding(object, &error);
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

bool FindingParser::parseFindingLine(const QByteArray &line, qint64 lineNumber, ParseResult *result)
{
    simdjson::dom::element document;
    if (threadFastReader().parse(line.constData(), static_cast<size_t>(line.size())).get(document)
        != simdjson::SUCCESS)
        return false;
    simdjson::dom::object members;
    if (document.get_object().get(members) != simdjson::SUCCESS || holdsTinyDouble(document))
        return false;
    const FastObject object(members);
    if (shapeOf(object) != Shape::Finding)
        return false;
    QString error;
    auto finding = anyFinding(object, &error);
    if (!finding) {
        result->issues.append({lineNumber, error});
        return true;
    }
    finding->rawJson = line;
    result->findings.append(std::move(*finding));
    return true;
}

void FindingParser::parseLine(
    const QByteArray &line, qint64 lineNumber, ParseResult *result, LineReader reader)
{
    // Most lines are one finding each: simdjson reads those (about five times faster).
    // Anything else, and anything simdjson refuses (so that the error reported is
    // QJsonDocument's), is read by QJsonDocument.
    if (reader == LineReader::Fast && parseFindingLine(line, lineNumber, result))
        return;
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
    return parseJsonLines(bytes, firstLine, LineReader::Fast);
}

ParseResult FindingParser::parseJsonLines(
    const QByteArray &bytes, qint64 firstLine, LineReader reader)
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
        parseLine(line, lineNumber, &result, reader);
    }
    return result;
}

} // namespace warroom::triage
