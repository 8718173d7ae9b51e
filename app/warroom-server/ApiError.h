#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QString>

namespace warroom::server {

// An error the HTTP layer answers by itself (authentication, routing, parsing,
// throttling), in the shape of the model's errors: {"__type", "message", ...} plus the
// X-Amzn-ErrorType header and Retry-After when set.
struct ApiError
{
    int status = 400;
    QString type;
    QString message;
    QString reason; // ValidationException only
    QJsonArray fieldList; // [{name, message}], ValidationException only
    int retryAfterSeconds = 0;
    QJsonObject extra; // further members (serviceCode, quotaCode...)

    QJsonObject toJson() const;

    static ApiError validation(const QString &message, const QString &reason,
        const QString &field = {}, const QString &fieldMessage = {});
    static ApiError unknownOperation(const QByteArray &method, const QByteArray &path);
    static ApiError accessDenied(const QString &message);
    static ApiError throttling(int retryAfterSeconds);
    static ApiError internal(const QString &message);
    // 403 errors of the AWS authentication layer (not in the model, as on AWS).
    static ApiError authentication(const QString &type, const QString &message);
};

} // namespace warroom::server
