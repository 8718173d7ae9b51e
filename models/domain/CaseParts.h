#pragma once

#include "Enums.h"

#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QMap>
#include <QtCore/QString>

#include <optional>

// The small structures a Case is made of. Empty strings mean "absent".
namespace warroom::domain {

// Resource tags (TagMap): key 1-128, value 0-256, at most 200 entries.
using Tags = QMap<QString, QString>;

struct Watcher final
{
    QString email; // required
    QString name;
    QString jobTitle;
};

struct ThreatActorIp final
{
    QString ipAddress; // required
    QString userAgent;
};

// JSON: {"region": "eu-west-1"}. Kept as text so an unknown Region survives a round trip.
struct ImpactedRegion final
{
    QString region;
};

// CaseAttachmentAttributes.
struct Attachment final
{
    QString attachmentId; // UUID
    QString fileName;
    std::optional<AttachmentStatus> attachmentStatus;
    QString creator; // PrincipalId
    QDateTime createdDate;
};

struct CaseMetadataEntry final
{
    QString key;
    QString value;
};
using CaseMetadata = QList<CaseMetadataEntry>;

bool operator==(const Watcher &a, const Watcher &b);
bool operator==(const ThreatActorIp &a, const ThreatActorIp &b);
bool operator==(const ImpactedRegion &a, const ImpactedRegion &b);
bool operator==(const Attachment &a, const Attachment &b);
bool operator==(const CaseMetadataEntry &a, const CaseMetadataEntry &b);
inline bool operator!=(const Watcher &a, const Watcher &b)
{
    return !(a == b);
}
inline bool operator!=(const ThreatActorIp &a, const ThreatActorIp &b)
{
    return !(a == b);
}
inline bool operator!=(const ImpactedRegion &a, const ImpactedRegion &b)
{
    return !(a == b);
}
inline bool operator!=(const Attachment &a, const Attachment &b)
{
    return !(a == b);
}
inline bool operator!=(const CaseMetadataEntry &a, const CaseMetadataEntry &b)
{
    return !(a == b);
}

} // namespace warroom::domain
