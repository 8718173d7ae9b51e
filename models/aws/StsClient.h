#pragma once

#include "AwsServiceClient.h"

namespace warroom::aws {

struct CallerIdentity
{
    QString userId;
    QString account;
    QString arn;
};

// STS over the query protocol (form-encoded POST, XML response).
class StsClient final : public AwsServiceClient
{
public:
    StsClient(AwsHttpClient *http, const AwsClientConfig &config);

    // The outcome's json is the CLI's shape: {"UserId", "Account", "Arn"}.
    AwsReply *getCallerIdentity(AwsCallback<CallerIdentity> done);

    // <GetCallerIdentityResponse><GetCallerIdentityResult><Arn/>... ; nullopt if not.
    static std::optional<CallerIdentity> parseCallerIdentity(const QByteArray &xml);
};

} // namespace warroom::aws
