#include "AwsRegion.h"

#include <QtCore/QLatin1String>

#include <iterator>

namespace warroom::domain {
namespace {
const char *const kRegions[] = {"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1",
    "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1",
    "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6",
    "ap-southeast-7", "ca-central-1", "ca-west-1", "cn-north-1", "cn-northwest-1", "eu-central-1",
    "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
    "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1",
    "us-east-2", "us-west-1", "us-west-2"};
} // namespace

QStringList awsRegions()
{
    QStringList regions;
    regions.reserve(static_cast<qsizetype>(std::size(kRegions)));
    for (const char *region : kRegions)
        regions.append(QLatin1String(region));
    return regions;
}

bool isAwsRegion(QStringView region)
{
    for (const char *known : kRegions) {
        if (region == QLatin1String(known))
            return true;
    }
    return false;
}

} // namespace warroom::domain
