#pragma once

#include "AwsServiceClient.h"
#include "Credentials.h"

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

    // AssumeRole: temporary keys for `roleArn` (the outcome's value; source "AssumeRole
    // <roleArn>"), signed with this client's keys.
    AwsReply *assumeRole(const QString &roleArn, const QString &sessionName, int durationSeconds,
        AwsCallback<Credentials> done);

    // <GetCallerIdentityResponse><GetCallerIdentityResult><Arn/>... ; nullopt if not.
    static std::optional<CallerIdentity> parseCallerIdentity(const QByteArray &xml);
    // <AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId/>... ; nullopt if
    // the keys are missing.
    static std::optional<Credentials> parseAssumeRole(const QByteArray &xml);
};

} // namespace warroom::aws
