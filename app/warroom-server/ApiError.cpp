#include "ApiError.h"

namespace warroom::server {

using namespace Qt::StringLiterals;

QJsonObject ApiError::toJson() const
{
    QJsonObject body = extra;
    body.insert(u"__type"_s, type);
    body.insert(u"message"_s, message);
    if (!reason.isEmpty())
        body.insert(u"reason"_s, reason);
    if (!fieldList.isEmpty())
        body.insert(u"fieldList"_s, fieldList);
    return body;
}

ApiError ApiError::validation(const QString &message, const QString &reason, const QString &field,
    const QString &fieldMessage)
{
    ApiError e {400, u"ValidationException"_s, message, reason, {}, 0, {}};
    if (!field.isEmpty())
        e.fieldList.append(QJsonObject {{u"name"_s, field}, {u"message"_s, fieldMessage}});
    return e;
}

ApiError ApiError::unknownOperation(const QByteArray &method, const QByteArray &path)
{
    return validation(
        QString(u"No operation of security-ir is bound to "_s % QString::fromLatin1(method) % u' '
            % QString::fromUtf8(path) % u"; check the method and the path."_s),
        u"UNKNOWN_OPERATION"_s);
}

ApiError ApiError::accessDenied(const QString &message)
{
    return {403, u"AccessDeniedException"_s, message, {}, {}, 0, {}};
}

ApiError ApiError::throttling(int retryAfterSeconds)
{
    ApiError e {429, u"ThrottlingException"_s, u"Rate exceeded"_s, {}, {}, retryAfterSeconds, {}};
    e.extra.insert(u"serviceCode"_s, u"security-ir"_s);
    e.extra.insert(u"quotaCode"_s, u"x-warroom-request-rate"_s);
    return e;
}

ApiError ApiError::internal(const QString &message)
{
    return {500, u"InternalServerException"_s, message, {}, {}, 1, {}};
}

ApiError ApiError::authentication(const QString &type, const QString &message)
{
    return {403, type, message, {}, {}, 0, {}};
}

} // namespace warroom::server
