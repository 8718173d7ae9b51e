#include "ServiceError.h"

#include <QtCore/QJsonArray>

using namespace Qt::StringLiterals;

namespace warroom::caseservice {

int ServiceError::httpStatus() const
{
    if (type == u"ValidationException"_s || type == u"SecurityIncidentResponseNotActiveException"_s)
        return 400;
    if (type == u"ServiceQuotaExceededException"_s)
        return 402;
    if (type == u"AccessDeniedException"_s)
        return 403;
    if (type == u"ResourceNotFoundException"_s)
        return 404;
    if (type == u"ConflictException"_s)
        return 409;
    if (type == u"InvalidTokenException"_s)
        return 423;
    if (type == u"ThrottlingException"_s)
        return 429;
    return 500;
}

QJsonObject ServiceError::toJson() const
{
    QJsonObject json;
    json.insert(u"__type"_s, type);
    json.insert(u"message"_s, message);
    if (type == u"ValidationException"_s) {
        json.insert(u"reason"_s, reason.isEmpty() ? u"OTHER"_s : reason);
        if (!fieldList.isEmpty()) {
            QJsonArray fields;
            for (const auto &f : fieldList)
                fields.append(QJsonObject {{u"name"_s, f.field}, {u"message"_s, f.message}});
            json.insert(u"fieldList"_s, fields);
        }
    }
    if (!resourceId.isEmpty())
        json.insert(u"resourceId"_s, resourceId);
    if (!resourceType.isEmpty())
        json.insert(u"resourceType"_s, resourceType);
    if (!serviceCode.isEmpty())
        json.insert(u"serviceCode"_s, serviceCode);
    if (!quotaCode.isEmpty())
        json.insert(u"quotaCode"_s, quotaCode);
    if (retryAfterSeconds > 0)
        json.insert(u"retryAfterSeconds"_s, retryAfterSeconds);
    return json;
}

ServiceError ServiceError::validation(
    const QString &message, const QList<domain::FieldError> &fields, const QString &reason)
{
    ServiceError e;
    e.type = u"ValidationException"_s;
    e.message = message;
    e.reason = reason;
    e.fieldList = fields;
    return e;
}

ServiceError ServiceError::unknownOperation(const QString &operation)
{
    return validation(
        QString(u"Unknown operation \""_s + operation + u"\"."_s), {}, u"UNKNOWN_OPERATION"_s);
}

ServiceError ServiceError::notFound(const QString &message)
{
    ServiceError e;
    e.type = u"ResourceNotFoundException"_s;
    e.message = message;
    return e;
}

ServiceError ServiceError::conflict(
    const QString &message, const QString &resourceId, const QString &resourceType)
{
    ServiceError e;
    e.type = u"ConflictException"_s;
    e.message = message;
    e.resourceId = resourceId;
    e.resourceType = resourceType;
    return e;
}

ServiceError ServiceError::accessDenied(const QString &message)
{
    ServiceError e;
    e.type = u"AccessDeniedException"_s;
    e.message = message;
    return e;
}

ServiceError ServiceError::invalidToken(const QString &message)
{
    ServiceError e;
    e.type = u"InvalidTokenException"_s;
    e.message = message;
    return e;
}

ServiceError ServiceError::throttling(const QString &message, int retryAfterSeconds)
{
    ServiceError e;
    e.type = u"ThrottlingException"_s;
    e.message = message;
    e.retryAfterSeconds = retryAfterSeconds;
    return e;
}

ServiceError ServiceError::internal(const QString &message, int retryAfterSeconds)
{
    ServiceError e;
    e.type = u"InternalServerException"_s;
    e.message = message;
    e.retryAfterSeconds = retryAfterSeconds;
    return e;
}

ServiceError ServiceError::notActive(const QString &message)
{
    ServiceError e;
    e.type = u"SecurityIncidentResponseNotActiveException"_s;
    e.message = message;
    return e;
}

ServiceError ServiceError::quotaExceeded(const QString &message, const QString &resourceId,
    const QString &resourceType, const QString &quotaCode)
{
    ServiceError e;
    e.type = u"ServiceQuotaExceededException"_s;
    e.message = message;
    e.resourceId = resourceId;
    e.resourceType = resourceType;
    e.serviceCode = u"security-ir"_s;
    e.quotaCode = quotaCode;
    return e;
}

ServiceResult ServiceResult::success(int status, const QJsonObject &body)
{
    ServiceResult r;
    r.httpStatus = status;
    r.body = body;
    return r;
}

ServiceResult ServiceResult::failure(const ServiceError &error)
{
    ServiceResult r;
    r.httpStatus = error.httpStatus();
    r.error = error;
    return r;
}

QString toString(Role role)
{
    switch (role) {
    case Role::Full:
        return u"Full"_s;
    case Role::CaseFull:
        return u"CaseFull"_s;
    case Role::ReadOnly:
        return u"ReadOnly"_s;
    }
    return u"ReadOnly"_s;
}

} // namespace warroom::caseservice
