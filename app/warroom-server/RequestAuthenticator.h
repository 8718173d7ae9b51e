#pragma once

#include "ApiError.h"
#include "KeyStore.h"

#include "aws/SigV4Signer.h"

#include <QtCore/QDateTime>

#include <variant>

namespace warroom::server {

// SigV4 (Authorization header) for service security-ir in the server's region, checked
// against the key file. Failures are the AWS authentication errors (403):
// MissingAuthenticationTokenException, IncompleteSignatureException,
// UnrecognizedClientException and InvalidSignatureException, with AWS's wording.
class RequestAuthenticator final
{
public:
    RequestAuthenticator(const KeyStore *keys, QByteArray region,
        QByteArray service = QByteArrayLiteral("security-ir"));

    // The key that signed the request, or the error to answer with. `now` is the
    // server's clock (tests move it); the skew limit is 15 minutes.
    std::variant<const ServerKey *, ApiError> authenticate(
        const aws::SigV4Request &request, const QDateTime &now) const;

private:
    const KeyStore *m_keys;
    QByteArray m_region;
    QByteArray m_service;
};

} // namespace warroom::server
