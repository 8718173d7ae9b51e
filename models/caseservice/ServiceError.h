#pragma once

#include "domain/FieldError.h"

#include <QtCore/QJsonObject>
#include <QtCore/QString>

#include <optional>

// What a security-ir operation returns to its caller: a success code with the output
// members, or one of the model's nine errors. Shared by the embedded backend and
// warroom-server, which turns it into an HTTP response unchanged.
namespace warroom::caseservice {

// Modelled on the SIR managed policies: AWSSecurityIncidentResponseFullAccess,
// ...CaseFullAccess (every case operation, memberships read-only) and ...ReadOnlyAccess
// (Get*, List*, BatchGetMemberAccountDetails, GetCaseAttachmentDownloadUrl).
enum class Role { Full, CaseFull, ReadOnly };

// The authenticated caller. `arn` is a PrincipalId (arn:aws:iam::123456789012:user/alice);
// it becomes creator / lastUpdatedBy / principal in comments, attachments and case edits.
struct Principal final
{
    QString accessKeyId;
    QString arn;
    Role role = Role::Full;
};

struct ServiceError final
{
    // "ValidationException", "ResourceNotFoundException", "ConflictException",
    // "AccessDeniedException", "ThrottlingException", "InternalServerException",
    // "InvalidTokenException", "SecurityIncidentResponseNotActiveException",
    // "ServiceQuotaExceededException"
    QString type;
    QString message;
    QString reason; // ValidationException: UNKNOWN_OPERATION / CANNOT_PARSE /
                    // FIELD_VALIDATION_FAILED / OTHER
    QList<domain::FieldError> fieldList; // ValidationException
    QString resourceId, resourceType; // ConflictException / ServiceQuotaExceededException
    QString serviceCode, quotaCode; // ServiceQuotaExceededException / ThrottlingException
    int retryAfterSeconds = 0; // ThrottlingException / InternalServerException: Retry-After header

    // The model's codes: 400 (Validation, NotActive), 402 (ServiceQuotaExceeded),
    // 403 (AccessDenied), 404 (ResourceNotFound), 409 (Conflict), 423 (InvalidToken),
    // 429 (Throttling), 500 (InternalServer and anything unknown).
    int httpStatus() const;
    // {"__type": type, "message": ..., plus the members that are set}. The HTTP layer
    // also sends `type` as X-Amzn-ErrorType and retryAfterSeconds as Retry-After.
    QJsonObject toJson() const;

    // Factories; the messages are sentences a user can act on.
    static ServiceError validation(const QString &message,
        const QList<domain::FieldError> &fields = {},
        const QString &reason = QStringLiteral("FIELD_VALIDATION_FAILED"));
    static ServiceError unknownOperation(const QString &operation);
    static ServiceError notFound(const QString &message);
    static ServiceError conflict(
        const QString &message, const QString &resourceId, const QString &resourceType);
    static ServiceError accessDenied(const QString &message);
    static ServiceError invalidToken(const QString &message);
    static ServiceError throttling(const QString &message, int retryAfterSeconds);
    static ServiceError internal(const QString &message, int retryAfterSeconds = 1);
    static ServiceError notActive(const QString &message);
    static ServiceError quotaExceeded(const QString &message, const QString &resourceId,
        const QString &resourceType, const QString &quotaCode);
};

struct ServiceResult final
{
    int httpStatus = 200;
    QJsonObject body; // output members; empty for 204 and errors
    std::optional<ServiceError> error;

    bool ok() const { return !error.has_value(); }
    static ServiceResult success(int status, const QJsonObject &body = {});
    static ServiceResult failure(const ServiceError &error);
};

QString toString(Role role); // "Full", "CaseFull", "ReadOnly"

} // namespace warroom::caseservice
