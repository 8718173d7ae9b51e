#include "Finding.h"

#include <QtCore/QCryptographicHash>

namespace warroom::domain {

QString toString(EnumArg<FindingSource> arg)
{
    switch (arg.value) {
    case FindingSource::GuardDuty:
        return QStringLiteral("GuardDuty");
    case FindingSource::SecurityHub:
        return QStringLiteral("SecurityHub");
    }
    return QString();
}

QString toString(EnumArg<SeverityLabel> arg)
{
    switch (arg.value) {
    case SeverityLabel::Informational:
        return QStringLiteral("Informational");
    case SeverityLabel::Low:
        return QStringLiteral("Low");
    case SeverityLabel::Medium:
        return QStringLiteral("Medium");
    case SeverityLabel::High:
        return QStringLiteral("High");
    case SeverityLabel::Critical:
        return QStringLiteral("Critical");
    }
    return QString();
}

QString toString(EnumArg<Verdict> arg)
{
    switch (arg.value) {
    case Verdict::Unset:
        return QStringLiteral("Unset");
    case Verdict::Suppressed:
        return QStringLiteral("Suppressed");
    case Verdict::Queued:
        return QStringLiteral("Queued");
    case Verdict::Escalated:
        return QStringLiteral("Escalated");
    }
    return QString();
}

std::optional<FindingSource> findingSourceFromString(QStringView text)
{
    for (auto v : {FindingSource::GuardDuty, FindingSource::SecurityHub}) {
        if (text == toString(v))
            return v;
    }
    return std::nullopt;
}

std::optional<SeverityLabel> severityLabelFromString(QStringView text)
{
    for (auto v : {SeverityLabel::Informational, SeverityLabel::Low, SeverityLabel::Medium,
             SeverityLabel::High, SeverityLabel::Critical}) {
        if (text == toString(v))
            return v;
    }
    return std::nullopt;
}

std::optional<Verdict> verdictFromString(QStringView text)
{
    for (auto v : {Verdict::Unset, Verdict::Suppressed, Verdict::Queued, Verdict::Escalated}) {
        if (text == toString(v))
            return v;
    }
    return std::nullopt;
}

SeverityLabel severityLabelForScore(double score)
{
    if (score < 1.0)
        return SeverityLabel::Informational;
    if (score < 4.0)
        return SeverityLabel::Low;
    if (score < 7.0)
        return SeverityLabel::Medium;
    if (score < 9.0)
        return SeverityLabel::High;
    return SeverityLabel::Critical;
}

QString Finding::fingerprint() const
{
    // Unit separators keep ("a", "bc") and ("ab", "c") apart.
    const QChar sep(0x1f);
    const QString key = type + sep + resourceType + sep + resourceId + sep + accountId;
    const QByteArray digest = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex().left(32));
}

bool operator==(const Finding &a, const Finding &b)
{
    return a.id == b.id && a.source == b.source && a.productName == b.productName
        && a.type == b.type && a.title == b.title && a.description == b.description
        && a.severityLabel == b.severityLabel && a.severityScore == b.severityScore
        && a.accountId == b.accountId && a.region == b.region && a.resourceType == b.resourceType
        && a.resourceId == b.resourceId && a.remoteIps == b.remoteIps && a.firstSeen == b.firstSeen
        && a.lastSeen == b.lastSeen && a.createdAt == b.createdAt && a.updatedAt == b.updatedAt
        && a.count == b.count && a.archived == b.archived && a.workflowState == b.workflowState
        && a.verdict == b.verdict && a.verdictRule == b.verdictRule && a.caseId == b.caseId
        && a.rawJson == b.rawJson;
}

} // namespace warroom::domain
