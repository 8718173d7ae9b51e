#include "AwsEndpoint.h"

#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace warroom::aws {

AwsServiceInfo AwsServiceInfo::securityIr()
{
    return {"security-ir", "security-ir", AwsProtocol::RestJson, {}, {}, false};
}

AwsServiceInfo AwsServiceInfo::organizations()
{
    return {"organizations", "organizations", AwsProtocol::Json11, "AWSOrganizationsV20161128", {},
        true};
}

AwsServiceInfo AwsServiceInfo::sts()
{
    return {"sts", "sts", AwsProtocol::Query, {}, "2011-06-15", false};
}

AwsServiceInfo AwsServiceInfo::guardDuty()
{
    return {"guardduty", "guardduty", AwsProtocol::RestJson, {}, {}, false};
}

AwsServiceInfo AwsServiceInfo::securityHub()
{
    return {"securityhub", "securityhub", AwsProtocol::RestJson, {}, {}, false};
}

bool AwsEndpoint::isValidRegionName(const QString &region)
{
    static const QRegularExpression pattern(u"^[a-z0-9]+(-[a-z0-9]+)*$"_s);
    return region.size() <= 64 && pattern.match(region).hasMatch();
}

AwsEndpoint AwsEndpoint::resolve(const AwsServiceInfo &service, const AwsClientConfig &config)
{
    AwsEndpoint endpoint;
    endpoint.signingName = service.signingName;
    const QString prefix = QString::fromLatin1(service.endpointPrefix);

    if (!config.endpointUrl.isEmpty()) {
        if (config.useFips) {
            endpoint.error = u"Invalid Configuration: FIPS and custom endpoint are not supported"_s;
            return endpoint;
        }
        const QUrl &url = config.endpointUrl;
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http")
            || url.host().isEmpty()) {
            endpoint.error = u"Invalid endpoint: %1"_s.arg(url.toDisplayString());
            return endpoint;
        }
        endpoint.url = url;
        QString region = config.region;
        if (region.isEmpty() && service.global)
            region = u"us-east-1"_s;
        if (!isValidRegionName(region)) {
            endpoint.error = region.isEmpty() ? u"You must specify a region."_s
                                              : u"Invalid region name: %1"_s.arg(region);
            return endpoint;
        }
        endpoint.signingRegion = region.toLatin1();
        return endpoint;
    }

    QString region = config.region;
    if (region.isEmpty() && service.global)
        region = u"us-east-1"_s;
    if (!isValidRegionName(region)) {
        endpoint.error = region.isEmpty() ? u"You must specify a region."_s
                                          : u"Invalid region name: %1"_s.arg(region);
        return endpoint;
    }
    const bool china = region.startsWith(u"cn-"_s);
    const QString fips = config.useFips ? u"-fips"_s : QString();
    QString host;
    if (service.global) {
        region = china ? u"cn-northwest-1"_s : u"us-east-1"_s;
        host = prefix + fips + u'.' + region
            + (china ? u".amazonaws.com.cn"_s : u".amazonaws.com"_s);
    } else if (service.signingName == "security-ir") {
        host = prefix + fips + u'.' + region
            + (china ? u".api.amazonwebservices.com.cn"_s : u".api.aws"_s);
    } else {
        host = prefix + fips + u'.' + region
            + (china ? u".amazonaws.com.cn"_s : u".amazonaws.com"_s);
    }
    endpoint.url = QUrl(u"https://"_s + host);
    endpoint.signingRegion = region.toLatin1();
    return endpoint;
}

} // namespace warroom::aws
