#include "Enums.h"

#include <QtCore/QLatin1String>

#include <cstddef>

namespace warroom::domain {
namespace {

template<typename E, std::size_t N> QString nameOf(const char *const (&names)[N], E value)
{
    const auto index = static_cast<std::size_t>(value);
    return index < N ? QString(QLatin1String(names[index])) : QString();
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const char *const (&names)[N], QStringView text)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (text == QLatin1String(names[i]))
            return static_cast<E>(i);
    }
    return std::nullopt;
}

template<typename E, std::size_t N> QList<E> valuesOf(const char *const (&)[N])
{
    QList<E> values;
    values.reserve(static_cast<qsizetype>(N));
    for (std::size_t i = 0; i < N; ++i)
        values.append(static_cast<E>(i));
    return values;
}

const char *const kCaseStatus[] = {"Submitted", "Acknowledged", "Detection and Analysis",
    "Containment, Eradication and Recovery", "Post-incident Activities", "Ready to Close",
    "Closed"};
const char *const kEngagementType[] = {"Security Incident", "Investigation"};
const char *const kResolverType[] = {"AWS", "Self"};
const char *const kPendingAction[] = {"Customer", "None"};
const char *const kClosureCode[]
    = {"Investigation Completed", "Not Resolved", "False Positive", "Duplicate"};
const char *const kAttachmentStatus[] = {"Verified", "Failed", "Pending"};
const char *const kMembershipStatus[] = {"Active", "Cancelled", "Terminated"};
const char *const kCustomerType[] = {"Standalone", "Organization"};
const char *const kOptInFeatureName[] = {"Triage"};
const char *const kRelationshipStatus[] = {"Associated", "Disassociated", "Unassociated"};
const char *const kRelationshipType[] = {"Organization", "Unrelated"};
const char *const kCommunicationType[] = {"Case Created", "Case Updated", "Case Acknowledged",
    "Case Closed", "Case Updated To Service Managed", "Case Status Updated",
    "Case Pending Customer Action Reminder", "Case Attachment Url Uploaded", "Case Comment Added",
    "Case Comment Updated", "Membership Created", "Membership Updated", "Membership Cancelled",
    "Register Delegated Administrator", "Deregister Delegated Administrator",
    "Disable AWS Service Access"};
const char *const kActionType[] = {"Evidence", "Investigation", "Summarization"};
const char *const kExecutionStatus[]
    = {"Pending", "InProgress", "Waiting", "Completed", "Failed", "Cancelled"};
const char *const kUsefulnessRating[] = {"USEFUL", "NOT_USEFUL"};
const char *const kValidationExceptionReason[]
    = {"UNKNOWN_OPERATION", "CANNOT_PARSE", "FIELD_VALIDATION_FAILED", "OTHER"};

} // namespace

#define WARROOM_DOMAIN_DEFINE_ENUM(E, table)                                                       \
    QString toString(EnumArg<E> arg)                                                               \
    {                                                                                              \
        return nameOf(table, arg.value);                                                           \
    }                                                                                              \
    template<> std::optional<E> fromString<E>(QStringView text)                                    \
    {                                                                                              \
        return valueOf<E>(table, text);                                                            \
    }                                                                                              \
    template<> QList<E> allValues<E>()                                                             \
    {                                                                                              \
        return valuesOf<E>(table);                                                                 \
    }                                                                                              \
    template<> QString enumName<E>()                                                               \
    {                                                                                              \
        return QStringLiteral(#E);                                                                 \
    }

WARROOM_DOMAIN_DEFINE_ENUM(CaseStatus, kCaseStatus)
WARROOM_DOMAIN_DEFINE_ENUM(EngagementType, kEngagementType)
WARROOM_DOMAIN_DEFINE_ENUM(ResolverType, kResolverType)
WARROOM_DOMAIN_DEFINE_ENUM(PendingAction, kPendingAction)
WARROOM_DOMAIN_DEFINE_ENUM(ClosureCode, kClosureCode)
WARROOM_DOMAIN_DEFINE_ENUM(AttachmentStatus, kAttachmentStatus)
WARROOM_DOMAIN_DEFINE_ENUM(MembershipStatus, kMembershipStatus)
WARROOM_DOMAIN_DEFINE_ENUM(CustomerType, kCustomerType)
WARROOM_DOMAIN_DEFINE_ENUM(OptInFeatureName, kOptInFeatureName)
WARROOM_DOMAIN_DEFINE_ENUM(MembershipAccountRelationshipStatus, kRelationshipStatus)
WARROOM_DOMAIN_DEFINE_ENUM(MembershipAccountRelationshipType, kRelationshipType)
WARROOM_DOMAIN_DEFINE_ENUM(CommunicationType, kCommunicationType)
WARROOM_DOMAIN_DEFINE_ENUM(ActionType, kActionType)
WARROOM_DOMAIN_DEFINE_ENUM(ExecutionStatus, kExecutionStatus)
WARROOM_DOMAIN_DEFINE_ENUM(UsefulnessRating, kUsefulnessRating)
WARROOM_DOMAIN_DEFINE_ENUM(ValidationExceptionReason, kValidationExceptionReason)

#undef WARROOM_DOMAIN_DEFINE_ENUM

bool isSelfManagedStatus(CaseStatus status)
{
    switch (status) {
    case CaseStatus::Submitted:
    case CaseStatus::DetectionAndAnalysis:
    case CaseStatus::ContainmentEradicationAndRecovery:
    case CaseStatus::PostIncidentActivities:
        return true;
    case CaseStatus::Acknowledged:
    case CaseStatus::ReadyToClose:
    case CaseStatus::Closed:
        return false;
    }
    return false;
}

QList<CaseStatus> selfManagedCaseStatuses()
{
    return {CaseStatus::Submitted, CaseStatus::DetectionAndAnalysis,
        CaseStatus::ContainmentEradicationAndRecovery, CaseStatus::PostIncidentActivities};
}

bool isSelfManagedTransitionAllowed(CaseStatus from, CaseStatus to)
{
    using S = CaseStatus;
    switch (from) {
    case S::Submitted:
        return to == S::DetectionAndAnalysis;
    case S::DetectionAndAnalysis:
        return to == S::ContainmentEradicationAndRecovery || to == S::PostIncidentActivities;
    case S::ContainmentEradicationAndRecovery:
        return to == S::DetectionAndAnalysis || to == S::PostIncidentActivities;
    case S::PostIncidentActivities:
        return to == S::ContainmentEradicationAndRecovery || to == S::DetectionAndAnalysis;
    case S::Acknowledged:
    case S::ReadyToClose:
    case S::Closed:
        return false;
    }
    return false;
}

QList<CaseStatus> selfManagedNextStatuses(CaseStatus from)
{
    QList<CaseStatus> next;
    for (CaseStatus to : selfManagedCaseStatuses())
        if (isSelfManagedTransitionAllowed(from, to))
            next.append(to);
    return next;
}

} // namespace warroom::domain
