#pragma once

#include "Enums.h"

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

namespace warroom::domain {

enum class FindingSource { GuardDuty, SecurityHub };
enum class SeverityLabel { Informational, Low, Medium, High, Critical };
enum class Verdict { Unset, Suppressed, Queued, Escalated };

// Stable strings used in JSON and the store: "GuardDuty", "SecurityHub";
// "Informational".."Critical"; "Unset", "Suppressed", "Queued", "Escalated".
QString toString(EnumArg<FindingSource> value);
QString toString(EnumArg<SeverityLabel> value);
QString toString(EnumArg<Verdict> value);
std::optional<FindingSource> findingSourceFromString(QStringView text);
std::optional<SeverityLabel> severityLabelFromString(QStringView text);
std::optional<Verdict> verdictFromString(QStringView text);

// GuardDuty's bands on its 0-10 score: <1 Informational, <4 Low, <7 Medium, <9 High, else
// Critical.
SeverityLabel severityLabelForScore(double score);

// A normalised GuardDuty or Security Hub finding (shared/reference/findings/FORMATS.md s.8).
struct Finding final
{
    QString id; // unique source key: GuardDuty ARN, or ASFF ProductArn + "/" + Id
    FindingSource source = FindingSource::GuardDuty;
    QString productName; // "aws/guardduty", "<company>/<product>"
    QString type; // GuardDuty finding type, e.g. "Recon:EC2/PortProbeUnprotectedPort"
    QString title;
    QString description;
    SeverityLabel severityLabel = SeverityLabel::Informational;
    double severityScore = 0.0; // 0-10 (ASFF Normalized / 10)
    QString accountId;
    QString region;
    QString resourceType;
    QString resourceId; // the resource key (instance ID, access key ID, ARN, ...)
    QStringList remoteIps;
    QDateTime firstSeen;
    QDateTime lastSeen;
    QDateTime createdAt;
    QDateTime updatedAt;
    qint64 count = 1;
    bool archived = false;
    QString workflowState; // ASFF Workflow.Status; empty for GuardDuty
    Verdict verdict = Verdict::Unset;
    QString verdictRule; // the rule that made the verdict (rule id or a built-in name)
    QString caseId; // linked case, empty when none
    QByteArray rawJson; // the source object exactly as received

    // Dedup key for "the same thing again": hex SHA-256 (first 32 chars) of type,
    // resourceType, resourceId and accountId.
    QString fingerprint() const;
};

bool operator==(const Finding &a, const Finding &b);
inline bool operator!=(const Finding &a, const Finding &b)
{
    return !(a == b);
}

} // namespace warroom::domain
