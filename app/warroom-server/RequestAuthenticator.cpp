#include "RequestAuthenticator.h"

namespace warroom::server {

using namespace Qt::StringLiterals;
using Failure = aws::SigV4Verification::Failure;

RequestAuthenticator::RequestAuthenticator(
    const KeyStore *keys, QByteArray region, QByteArray service)
    : m_keys(keys)
    , m_region(std::move(region))
    , m_service(std::move(service))
{
}

std::variant<const ServerKey *, ApiError> RequestAuthenticator::authenticate(
    const aws::SigV4Request &request, const QDateTime &now) const
{
    const QByteArray authorization = request.headerValue("authorization");
    if (authorization.isEmpty())
        return ApiError::authentication(
            u"MissingAuthenticationTokenException"_s, u"Missing Authentication Token"_s);

    QString parseError;
    const auto parsed = aws::SigV4Authorization::parse(authorization, &parseError);
    if (!parsed)
        return ApiError::authentication(u"IncompleteSignatureException"_s,
            QString(u"Authorization header is not a valid AWS4-HMAC-SHA256 signature: "_s
                % parseError));
    if (!request.hasHeader("x-amz-date") && !request.hasHeader("date"))
        return ApiError::authentication(u"IncompleteSignatureException"_s,
            u"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."_s);

    const ServerKey *key = m_keys ? m_keys->find(QString::fromUtf8(parsed->accessKeyId)) : nullptr;
    if (!key)
        return ApiError::authentication(u"UnrecognizedClientException"_s,
            u"The security token included in the request is invalid."_s);

    // This API signs its payload: UNSIGNED-PAYLOAD would let the body be changed.
    if (request.headerValue("x-amz-content-sha256").trimmed() == aws::SigV4Signer::UnsignedPayload)
        return ApiError::authentication(u"InvalidSignatureException"_s,
            u"UNSIGNED-PAYLOAD is not accepted by this service; sign the payload."_s);

    aws::SigV4VerifyOptions options;
    options.expectedRegion = m_region;
    options.expectedService = m_service;
    options.now = now;
    const aws::SigV4Verification v
        = aws::SigV4Signer::verify(request, key->secretAccessKey.toUtf8(), options);
    switch (v.failure) {
    case Failure::None:
        return key;
    case Failure::MissingAuthentication:
        return ApiError::authentication(
            u"MissingAuthenticationTokenException"_s, u"Missing Authentication Token"_s);
    case Failure::MalformedAuthorization:
    case Failure::IncompleteSignature:
        return ApiError::authentication(u"IncompleteSignatureException"_s, v.error);
    case Failure::ScopeMismatch:
        if (parsed->region != m_region)
            return ApiError::authentication(u"InvalidSignatureException"_s,
                QString(u"Credential should be scoped to a valid region. "_s % v.error));
        if (parsed->service != m_service)
            return ApiError::authentication(u"InvalidSignatureException"_s,
                QString(u"Credential should be scoped to correct service: '"_s
                    % QString::fromLatin1(m_service) % u"'. "_s));
        return ApiError::authentication(u"InvalidSignatureException"_s,
            QString(
                u"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "_s
                % v.error));
    case Failure::RequestTimeTooSkewed:
    case Failure::Expired: {
        const QString signedAt = QString::fromLatin1(request.headerValue("x-amz-date").trimmed());
        const QString nowText = QString::fromLatin1(aws::SigV4Signer::amzDate(now));
        const QDateTime signedTime = QDateTime::fromString(signedAt, u"yyyyMMdd'T'HHmmss'Z'"_s);
        const bool future = signedTime.isValid()
            && QDateTime(signedTime.date(), signedTime.time(), Qt::UTC) > now.toUTC();
        if (future)
            return ApiError::authentication(u"InvalidSignatureException"_s,
                QString(u"Signature not yet current: "_s % signedAt % u" is still later than "_s
                    % QString::fromLatin1(aws::SigV4Signer::amzDate(now.addSecs(15 * 60))) % u" ("_s
                    % nowText % u" + 15 min.)"_s));
        return ApiError::authentication(u"InvalidSignatureException"_s,
            QString(u"Signature expired: "_s % signedAt % u" is now earlier than "_s
                % QString::fromLatin1(aws::SigV4Signer::amzDate(now.addSecs(-15 * 60))) % u" ("_s
                % nowText % u" - 15 min.)"_s));
    }
    case Failure::PayloadHashMismatch:
    case Failure::SignatureMismatch:
        break;
    }
    return ApiError::authentication(u"InvalidSignatureException"_s,
        u"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."_s);
}

} // namespace warroom::server
