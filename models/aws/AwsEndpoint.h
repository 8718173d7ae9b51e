#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QUrl>

namespace warroom::aws {

enum class AwsProtocol {
    RestJson, // method + URI template, JSON body (security-ir, guardduty, securityhub)
    Json11, // POST / with X-Amz-Target (organizations)
    Query, // form-encoded Action=...&Version=..., XML responses (sts)
};

// What a service is on the wire: its names and protocol.
struct AwsServiceInfo
{
    QByteArray signingName; // "security-ir"
    QByteArray endpointPrefix; // "security-ir"
    AwsProtocol protocol = AwsProtocol::RestJson;
    QByteArray targetPrefix; // JSON 1.1: "AWSOrganizationsV20161128"
    QByteArray apiVersion; // query protocol: "2011-06-15"
    bool global = false; // one endpoint per partition (organizations)

    static AwsServiceInfo securityIr();
    static AwsServiceInfo organizations();
    static AwsServiceInfo sts();
    static AwsServiceInfo guardDuty();
    static AwsServiceInfo securityHub();
};

// Where and how one client talks to its service.
struct AwsClientConfig
{
    QString region; // "us-east-1"
    QUrl endpointUrl; // custom endpoint (like --endpoint-url); empty: resolved
    bool useFips = false;
};

// A resolved endpoint: the base URL and the scope to sign with.
struct AwsEndpoint
{
    QUrl url;
    QByteArray signingRegion;
    QByteArray signingName;
    QString error; // why it could not be resolved

    bool isValid() const { return error.isEmpty() && url.isValid(); }

    // The partition rules of the services Warroom uses: security-ir on the dual-stack
    // suffixes (api.aws; api.amazonwebservices.com.cn in China), the others on
    // amazonaws.com(.cn); organizations global (us-east-1, cn-northwest-1 in China).
    static AwsEndpoint resolve(const AwsServiceInfo &service, const AwsClientConfig &config);
    static bool isValidRegionName(const QString &region);
};

} // namespace warroom::aws
