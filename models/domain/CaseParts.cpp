#include "CaseParts.h"

namespace warroom::domain {

bool operator==(const Watcher &a, const Watcher &b)
{
    return a.email == b.email && a.name == b.name && a.jobTitle == b.jobTitle;
}

bool operator==(const ThreatActorIp &a, const ThreatActorIp &b)
{
    return a.ipAddress == b.ipAddress && a.userAgent == b.userAgent;
}

bool operator==(const ImpactedRegion &a, const ImpactedRegion &b)
{
    return a.region == b.region;
}

bool operator==(const Attachment &a, const Attachment &b)
{
    return a.attachmentId == b.attachmentId && a.fileName == b.fileName
        && a.attachmentStatus == b.attachmentStatus && a.creator == b.creator
        && a.createdDate == b.createdDate;
}

bool operator==(const CaseMetadataEntry &a, const CaseMetadataEntry &b)
{
    return a.key == b.key && a.value == b.value;
}

} // namespace warroom::domain
