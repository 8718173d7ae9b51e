#include "AwsError.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLocale>
#include <QtCore/QXmlStreamReader>

#include <cmath>

using namespace Qt::StringLiterals;

namespace warroom::aws {

namespace {

QByteArray headerValue(const QList<std::pair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString firstString(const QJsonObject &object, std::initializer_list<QLatin1String> keys)
{
    for (const QLatin1String key : keys) {
        const QJsonValue value = object.value(key);
        if (value.isString() && !value.toString().isEmpty())
            return value.toString();
    }
    return {};
}

struct XmlError
{
    QString code;
    QString message;
    QString requestId;
};

// Query-protocol (STS) errors: <ErrorResponse><Error><Code/><Message/></Error><RequestId/>.
std::optional<XmlError> parseXmlError(const QByteArray &body)
{
    QXmlStreamReader xml(body);
    XmlError error;
    bool sawElement = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        sawElement = true;
        const QStringView name = xml.name();
        if (name == u"Code" && error.code.isEmpty())
            error.code = xml.readElementText().trimmed();
        else if (name == u"Message" && error.message.isEmpty())
            error.message = xml.readElementText().trimmed();
        else if ((name == u"RequestId" || name == u"RequestID") && error.requestId.isEmpty())
            error.requestId = xml.readElementText().trimmed();
    }
    if (xml.hasError() || !sawElement || error.code.isEmpty())
        return std::nullopt;
    return error;
}

} // namespace

QString AwsError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return u"none"_s;
    case Kind::Service:
        return u"service"_s;
    case Kind::Network:
        return u"network"_s;
    case Kind::Timeout:
        return u"timeout"_s;
    case Kind::Tls:
        return u"tls"_s;
    case Kind::Credentials:
        return u"credentials"_s;
    case Kind::Configuration:
        return u"configuration"_s;
    case Kind::Protocol:
        return u"protocol"_s;
    case Kind::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

QString AwsError::toString() const
{
    if (!isError())
        return QString();
    QString text = type.isEmpty() ? kindName(kind) : type;
    if (!message.isEmpty())
        text += u": "_s + message;
    QStringList fields;
    for (const domain::FieldError &field : fieldList)
        fields << field.field + u": "_s + field.message;
    if (!fields.isEmpty())
        text += u" ("_s + fields.join(u"; "_s) + u')';
    return text;
}

QString AwsError::cliMessage(const QString &operation) const
{
    if (kind == Kind::Service || kind == Kind::Protocol) {
        QString text = u"An error occurred ("_s + type + u") when calling the "_s + operation
            + u" operation"_s;
        if (!message.isEmpty())
            text += u": "_s + message;
        for (const domain::FieldError &field : fieldList)
            text += u"\n  "_s + field.field + u": "_s + field.message;
        return text;
    }
    return message.isEmpty() ? kindName(kind) : message;
}

QString AwsError::sanitizeType(const QString &rawType)
{
    QString type = rawType.trimmed();
    const qsizetype colon = type.indexOf(u':');
    if (colon >= 0)
        type.truncate(colon);
    const qsizetype hash = type.lastIndexOf(u'#');
    if (hash >= 0)
        type = type.mid(hash + 1);
    return type;
}

bool AwsError::isThrottlingType(const QString &type)
{
    static const QStringList types = {u"Throttling"_s, u"ThrottlingException"_s,
        u"ThrottledException"_s, u"RequestThrottledException"_s, u"TooManyRequestsException"_s,
        u"ProvisionedThroughputExceededException"_s, u"TransactionInProgressException"_s,
        u"RequestLimitExceeded"_s, u"BandwidthLimitExceeded"_s, u"LimitExceededException"_s,
        u"RequestThrottled"_s, u"SlowDown"_s, u"PriorRequestNotComplete"_s,
        u"EC2ThrottledException"_s};
    return types.contains(type);
}

bool AwsError::isTransientType(const QString &type)
{
    static const QStringList types = {u"RequestTimeout"_s, u"RequestTimeoutException"_s,
        u"InternalError"_s, u"InternalServerException"_s, u"InternalFailure"_s,
        u"ServiceUnavailable"_s, u"IDPCommunicationError"_s};
    return types.contains(type);
}

std::optional<double> AwsError::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = trimmed.toDouble(&ok);
    if (ok)
        return std::isfinite(seconds) && seconds >= 0 ? std::optional<double>(seconds)
                                                      : std::nullopt;
    // IMF-fixdate, as in "Wed, 21 Oct 2015 07:28:00 GMT".
    const QString text = QString::fromLatin1(trimmed);
    QDateTime date = QLocale::c().toDateTime(text, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!date.isValid())
        date = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!date.isValid())
        return std::nullopt;
    date.setTimeSpec(Qt::UTC);
    const double delta = double(now.msecsTo(date)) / 1000.0;
    return delta > 0 ? delta : 0.0;
}

AwsError AwsError::fromHttpResponse(int status,
    const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body,
    const QString &reasonPhrase, const QDateTime &now)
{
    AwsError error;
    error.kind = Kind::Service;
    error.httpStatus = status;
    error.raw = body;
    error.requestId = QString::fromLatin1(headerValue(headers, "x-amzn-RequestId"));
    if (error.requestId.isEmpty())
        error.requestId = QString::fromLatin1(headerValue(headers, "x-amz-request-id"));

    QString rawType = QString::fromUtf8(headerValue(headers, "X-Amzn-ErrorType"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        const QJsonObject json = document.object();
        if (rawType.isEmpty())
            rawType = firstString(json, {"code"_L1, "Code"_L1});
        if (rawType.isEmpty())
            rawType = firstString(json, {"__type"_L1});
        error.message = firstString(json, {"message"_L1, "Message"_L1, "errorMessage"_L1});
        error.reason = firstString(json, {"reason"_L1, "Reason"_L1});
        error.resourceId = firstString(json, {"resourceId"_L1, "ResourceId"_L1});
        error.resourceType = firstString(json, {"resourceType"_L1, "ResourceType"_L1});
        const QJsonArray fields = json.value("fieldList"_L1).toArray();
        for (const QJsonValue &field : fields) {
            const QJsonObject object = field.toObject();
            error.fieldList.append(
                {object.value("name"_L1).toString(), object.value("message"_L1).toString()});
        }
        const QJsonValue retryAfter = json.value("retryAfterSeconds"_L1);
        if (retryAfter.isDouble())
            error.retryAfterSeconds = retryAfter.toDouble();
    } else if (const std::optional<XmlError> xml = parseXmlError(body)) {
        if (rawType.isEmpty())
            rawType = xml->code;
        error.message = xml->message;
        if (error.requestId.isEmpty())
            error.requestId = xml->requestId;
    }

    error.type = sanitizeType(rawType);
    if (error.type.isEmpty()) {
        // botocore's last resort: the status code itself, with the reason phrase.
        error.type = QString::number(status);
        if (error.message.isEmpty())
            error.message = reasonPhrase;
    }

    const QByteArray retryAfterHeader = headerValue(headers, "Retry-After");
    if (!retryAfterHeader.isEmpty()) {
        if (const auto seconds = parseRetryAfter(
                retryAfterHeader, now.isValid() ? now : QDateTime::currentDateTimeUtc()))
            error.retryAfterSeconds = seconds;
    }

    error.throttling = status == 429 || isThrottlingType(error.type);
    error.retryable = error.throttling || isTransientType(error.type) || status == 500
        || status == 502 || status == 503 || status == 504;
    return error;
}

} // namespace warroom::aws
