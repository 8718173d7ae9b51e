#pragma once

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringView>

#include <optional>

// The security-ir API enums, with the exact strings of service-2.json.
//   toString(value)                 -> the API string
//   fromString<Enum>(text)          -> std::nullopt for an unknown string (case-sensitive)
//   allValues<Enum>()               -> every value in model order
namespace warroom::domain {

enum class CaseStatus {
    Submitted,
    Acknowledged,
    DetectionAndAnalysis, // "Detection and Analysis"
    ContainmentEradicationAndRecovery, // "Containment, Eradication and Recovery"
    PostIncidentActivities, // "Post-incident Activities"
    ReadyToClose, // "Ready to Close"
    Closed,
};

enum class EngagementType { SecurityIncident, Investigation };
enum class ResolverType { AWS, Self };
enum class PendingAction { Customer, None };
enum class ClosureCode { InvestigationCompleted, NotResolved, FalsePositive, Duplicate };
enum class AttachmentStatus { Verified, Failed, Pending };
enum class MembershipStatus { Active, Cancelled, Terminated };
enum class CustomerType { Standalone, Organization };
enum class OptInFeatureName { Triage };
enum class MembershipAccountRelationshipStatus { Associated, Disassociated, Unassociated };
enum class MembershipAccountRelationshipType { Organization, Unrelated };

enum class CommunicationType {
    CaseCreated,
    CaseUpdated,
    CaseAcknowledged,
    CaseClosed,
    CaseUpdatedToServiceManaged,
    CaseStatusUpdated,
    CasePendingCustomerActionReminder,
    CaseAttachmentUrlUploaded,
    CaseCommentAdded,
    CaseCommentUpdated,
    MembershipCreated,
    MembershipUpdated,
    MembershipCancelled,
    RegisterDelegatedAdministrator,
    DeregisterDelegatedAdministrator,
    DisableAwsServiceAccess,
};

// Investigation (ListInvestigations / SendFeedback).
enum class ActionType { Evidence, Investigation, Summarization };
enum class ExecutionStatus { Pending, InProgress, Waiting, Completed, Failed, Cancelled };
enum class UsefulnessRating { Useful, NotUseful }; // "USEFUL", "NOT_USEFUL"

enum class ValidationExceptionReason {
    UnknownOperation,
    CannotParse,
    FieldValidationFailed,
    Other
};

// toString() takes its enum through this wrapper on purpose: the implicit conversion
// ranks it below QTest::toString(const T &), so QCOMPARE on these enums still compiles
// (QTest's ADL lookup would otherwise pick ours and expect a char *).
template<typename E> struct EnumArg final
{
    constexpr EnumArg(E v)
        : value(v)
    {
    }
    E value;
};

template<typename E> std::optional<E> fromString(QStringView text);
template<typename E> QList<E> allValues();
// The enum's shape name in the model, for messages ("CaseStatus").
template<typename E> QString enumName();

#define WARROOM_DOMAIN_DECLARE_ENUM(E)                                                             \
    QString toString(EnumArg<E> value);                                                            \
    template<> std::optional<E> fromString<E>(QStringView text);                                   \
    template<> QList<E> allValues<E>();                                                            \
    template<> QString enumName<E>();

WARROOM_DOMAIN_DECLARE_ENUM(CaseStatus)
WARROOM_DOMAIN_DECLARE_ENUM(EngagementType)
WARROOM_DOMAIN_DECLARE_ENUM(ResolverType)
WARROOM_DOMAIN_DECLARE_ENUM(PendingAction)
WARROOM_DOMAIN_DECLARE_ENUM(ClosureCode)
WARROOM_DOMAIN_DECLARE_ENUM(AttachmentStatus)
WARROOM_DOMAIN_DECLARE_ENUM(MembershipStatus)
WARROOM_DOMAIN_DECLARE_ENUM(CustomerType)
WARROOM_DOMAIN_DECLARE_ENUM(OptInFeatureName)
WARROOM_DOMAIN_DECLARE_ENUM(MembershipAccountRelationshipStatus)
WARROOM_DOMAIN_DECLARE_ENUM(MembershipAccountRelationshipType)
WARROOM_DOMAIN_DECLARE_ENUM(CommunicationType)
WARROOM_DOMAIN_DECLARE_ENUM(ActionType)
WARROOM_DOMAIN_DECLARE_ENUM(ExecutionStatus)
WARROOM_DOMAIN_DECLARE_ENUM(UsefulnessRating)
WARROOM_DOMAIN_DECLARE_ENUM(ValidationExceptionReason)

// The four statuses UpdateCaseStatus accepts (SelfManagedCaseStatus).
bool isSelfManagedStatus(CaseStatus status);
QList<CaseStatus> selfManagedCaseStatuses();
// The self-managed transitions documented on UpdateCaseStatus. Closing is not one of
// them: it goes through CloseCase from any status.
bool isSelfManagedTransitionAllowed(CaseStatus from, CaseStatus to);
// The statuses UpdateCaseStatus may move a self-managed case to from `from`, in model order.
QList<CaseStatus> selfManagedNextStatuses(CaseStatus from);

} // namespace warroom::domain
