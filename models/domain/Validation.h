#pragma once

#include "FieldError.h"

#include <QtCore/QMap>
#include <QtCore/QStringList>

#include <optional>

// Validation with the constraints of the security-ir model (service-2.json).
// Lengths count Unicode code points, as Smithy does. Patterns are full matches.
// Every function reports EVERY failing field, with paths like "watchers[2].email".
//
// checkX(value, field, errors) checks one value and appends to `errors`; the UI uses
// them for one form field, the server for URI parameters. validate(x) checks a whole
// object or request body.
namespace warroom::domain {

struct Watcher;
struct ThreatActorIp;
struct ImpactedRegion;
struct Attachment;
struct CaseMetadataEntry;
struct Case;
struct CaseSummary;
struct Comment;
struct CaseEdit;
struct IncidentResponder;
struct OptInFeature;
struct Membership;
struct Investigation;
struct SuppressionRule;
struct CreateCaseRequest;
struct UpdateCaseRequest;
struct CreateMembershipRequest;
struct UpdateMembershipRequest;

namespace limits {
constexpr int TitleMax = 300;
constexpr int DescriptionMax = 8000;
constexpr int CommentBodyMax = 12000;
constexpr int WatchersMax = 30;
constexpr int EmailMin = 6;
constexpr int EmailMax = 254;
constexpr int PersonNameMax = 50;
constexpr int JobTitleMax = 50;
constexpr int ImpactedAccountsMax = 200;
constexpr int ImpactedRegionsMax = 50;
constexpr int ImpactedServicesMax = 600;
constexpr int ServiceNameMin = 2;
constexpr int ServiceNameMax = 50;
constexpr int ThreatActorIpsMax = 200;
constexpr int UserAgentMax = 500;
constexpr int CaseMetadataMax = 30;
constexpr int MetadataKeyMax = 500;
constexpr int MetadataValueMax = 2000;
constexpr int TagsMax = 200;
constexpr int TagKeyMax = 128;
constexpr int TagValueMax = 256;
constexpr int MembershipNameMin = 3;
constexpr int MembershipNameMax = 50;
constexpr int TeamMin = 2;
constexpr int TeamMax = 10;
constexpr int ResponderNameMin = 3;
constexpr int ResponderNameMax = 50;
constexpr int OptInFeaturesMax = 2;
constexpr int OrganizationalUnitsPerUpdateMax = 5;
constexpr int FileNameMax = 255;
constexpr qint64 ContentLengthMax = 104857600; // 100 MiB
constexpr int CaseEditActionMax = 100;
constexpr int CaseEditMessageMin = 10;
constexpr int CaseEditMessageMax = 4096;
constexpr int ClientTokenMax = 255;
constexpr int MaxResultsMax = 25;
constexpr int NextTokenMax = 2000;
constexpr int FeedbackCommentMax = 1000;
constexpr int InvestigationTitleMax = 200;
constexpr int InvestigationContentMax = 5000;
constexpr int AttachmentsMax = 50;
constexpr int GeneratedCaseIdDigits = 10;
} // namespace limits

// Number of Unicode code points (what the model's min/max lengths count).
int codePointLength(const QString &text);

// --- single values --------------------------------------------------------------
void checkAccountId(const QString &value, const QString &field, FieldErrors &errors);
// The model's CaseId: `\d{10,32}.*`, length 10-32. Accepted on input.
void checkCaseId(const QString &value, const QString &field, FieldErrors &errors);
// IDs Warroom generates: exactly 10 digits, the only form a case ARN can carry.
void checkGeneratedCaseId(const QString &value, const QString &field, FieldErrors &errors);
void checkCommentId(const QString &value, const QString &field, FieldErrors &errors);
void checkTitle(const QString &value, const QString &field, FieldErrors &errors);
void checkDescription(const QString &value, const QString &field, FieldErrors &errors);
void checkCommentBody(const QString &value, const QString &field, FieldErrors &errors);
void checkEmail(const QString &value, const QString &field, FieldErrors &errors);
void checkIpAddress(const QString &value, const QString &field, FieldErrors &errors);
void checkAwsRegion(const QString &value, const QString &field, FieldErrors &errors);
void checkAwsService(const QString &value, const QString &field, FieldErrors &errors);
void checkMembershipName(const QString &value, const QString &field, FieldErrors &errors);
void checkMembershipId(const QString &value, const QString &field, FieldErrors &errors);
void checkOrganizationalUnitId(const QString &value, const QString &field, FieldErrors &errors);
void checkCaseArn(const QString &value, const QString &field, FieldErrors &errors);
void checkMembershipArn(const QString &value, const QString &field, FieldErrors &errors);
void checkResourceArn(const QString &value, const QString &field, FieldErrors &errors); // Arn
void checkAttachmentId(const QString &value, const QString &field, FieldErrors &errors);
void checkPrincipalId(const QString &value, const QString &field, FieldErrors &errors);
void checkFileName(const QString &value, const QString &field, FieldErrors &errors);
void checkContentLength(qint64 value, const QString &field, FieldErrors &errors);
void checkCaseEditAction(const QString &value, const QString &field, FieldErrors &errors);
void checkCaseEditMessage(const QString &value, const QString &field, FieldErrors &errors);
void checkClientToken(const QString &value, const QString &field, FieldErrors &errors);
void checkMaxResults(int value, const QString &field, FieldErrors &errors);
void checkNextToken(const QString &value, const QString &field, FieldErrors &errors);
void checkInvestigationId(const QString &value, const QString &field, FieldErrors &errors);
void checkFeedbackComment(const QString &value, const QString &field, FieldErrors &errors);
void checkTagKey(const QString &value, const QString &field, FieldErrors &errors);

// --- parts and lists ------------------------------------------------------------
void checkWatcher(const Watcher &value, const QString &field, FieldErrors &errors);
void checkWatchers(const QList<Watcher> &value, const QString &field, FieldErrors &errors);
void checkThreatActorIp(const ThreatActorIp &value, const QString &field, FieldErrors &errors);
void checkThreatActorIps(
    const QList<ThreatActorIp> &value, const QString &field, FieldErrors &errors);
void checkImpactedAccounts(const QStringList &value, const QString &field, FieldErrors &errors);
void checkImpactedRegions(
    const QList<ImpactedRegion> &value, const QString &field, FieldErrors &errors);
void checkImpactedServices(const QStringList &value, const QString &field, FieldErrors &errors);
void checkAttachment(const Attachment &value, const QString &field, FieldErrors &errors);
// A present caseMetadata list: 1-30 entries.
void checkCaseMetadata(
    const QList<CaseMetadataEntry> &value, const QString &field, FieldErrors &errors);
void checkTags(const QMap<QString, QString> &value, const QString &field, FieldErrors &errors);
void checkIncidentResponder(
    const IncidentResponder &value, const QString &field, FieldErrors &errors);
void checkIncidentResponseTeam(
    const QList<IncidentResponder> &value, const QString &field, FieldErrors &errors);
void checkOptInFeatures(
    const QList<OptInFeature> &value, const QString &field, FieldErrors &errors);
// organizationalUnitsToAdd / ToRemove: 1-5 OU IDs.
void checkOrganizationalUnitsUpdate(
    const QStringList &value, const QString &field, FieldErrors &errors);

// --- whole objects and request bodies ----------------------------------------------
FieldErrors validate(const Case &value);
FieldErrors validate(const CaseSummary &value);
FieldErrors validate(const Comment &value);
FieldErrors validate(const CaseEdit &value);
FieldErrors validate(const Membership &value);
FieldErrors validate(const Investigation &value);
FieldErrors validate(const SuppressionRule &value);
FieldErrors validate(const CreateCaseRequest &value);
FieldErrors validate(const UpdateCaseRequest &value); // caseId included
FieldErrors validate(const CreateMembershipRequest &value);
FieldErrors validate(const UpdateMembershipRequest &value); // membershipId included

} // namespace warroom::domain
