#pragma once

#include "domain/FieldError.h"

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>
#include <optional>
#include <utility>

namespace warroom::aws {

// A failed AWS call. `kind` says where it failed; for service errors `type` is the
// error code as botocore derives it (ValidationException, ThrottlingException, ...).
struct AwsError
{
    enum class Kind {
        None, // no error
        Service, // the service answered with an error status
        Network, // connection refused, reset, closed, DNS...
        Timeout, // no data within the transfer timeout
        Tls, // certificate or handshake problem (never ignored)
        Credentials, // no usable keys to sign with
        Configuration, // no region, a bad endpoint URL
        Protocol, // the response could not be parsed (a 2xx that is not JSON...)
        Cancelled, // abort() by the caller
    };

    Kind kind = Kind::None;
    QString type; // "ValidationException", "NetworkError", "502"...
    QString message;
    int httpStatus = 0; // 0 when no HTTP response arrived
    bool retryable = false;
    bool throttling = false;
    std::optional<double> retryAfterSeconds; // Retry-After header or retryAfterSeconds
    QString reason; // ValidationException reason (FIELD_VALIDATION_FAILED, ...)
    domain::FieldErrors fieldList; // ValidationException fieldList
    QString resourceId; // ConflictException, ResourceNotFoundException...
    QString resourceType;
    QString requestId; // x-amzn-RequestId / x-amz-request-id / XML RequestId
    QByteArray raw; // the response body as received (never contains our secrets)

    bool isError() const { return kind != Kind::None; }
    explicit operator bool() const { return isError(); }
    // Network, timeout, TLS and credential problems: the call never reached a verdict.
    bool isTransport() const
    {
        return kind == Kind::Network || kind == Kind::Timeout || kind == Kind::Tls
            || kind == Kind::Credentials || kind == Kind::Configuration;
    }

    // "ValidationException: Invalid input (title: ...)" for logs and dialogs.
    QString toString() const;
    // Exactly what the AWS CLI prints: "An error occurred (Type) when calling the
    // Op operation: message". Transport errors read as the CLI's own messages.
    QString cliMessage(const QString &operation) const;

    static QString kindName(Kind kind);
    // The error code: X-Amzn-ErrorType header, else body code/Code, else __type, else
    // the HTTP status; "aws.protocoltests#Foo:http://..." becomes "Foo".
    static QString sanitizeType(const QString &rawType);
    // An error from an HTTP response with an error status. `headers` are as received.
    static AwsError fromHttpResponse(int status,
        const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body,
        const QString &reasonPhrase = QString(), const QDateTime &now = QDateTime());
    // Error codes the SDKs retry (throttling and transient ones), independent of status.
    static bool isThrottlingType(const QString &type);
    static bool isTransientType(const QString &type);
    // Retry-After as seconds: an integer or decimal, or an HTTP date (relative to now).
    static std::optional<double> parseRetryAfter(const QByteArray &value, const QDateTime &now);
};

} // namespace warroom::aws
