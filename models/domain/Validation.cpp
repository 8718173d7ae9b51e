#include "Validation.h"

#include "AwsRegion.h"
#include "Case.h"
#include "CaseEdit.h"
#include "CaseRequests.h"
#include "Comment.h"
#include "Investigation.h"
#include "MembershipRequests.h"
#include "SuppressionRule.h"

#include <QtCore/QRegularExpression>
#include <QtNetwork/QHostAddress>

namespace warroom::domain {

using namespace Qt::StringLiterals;

namespace {

QRegularExpression anchored(const QString &pattern)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern));
}

bool fullMatch(const QRegularExpression &re, const QString &value)
{
    return re.match(value).hasMatch();
}

void add(FieldErrors &errors, const QString &field, const QString &message)
{
    errors.append(FieldError {field, message});
}

QString characters(int n)
{
    return n == 1 ? u"1 character"_s : QString::number(n) + u" characters"_s;
}

// "<Label> must be 1 to 300 characters; it has 301."
bool checkLength(const QString &value, int min, int max, const QString &label, const QString &field,
    FieldErrors &errors)
{
    const int n = codePointLength(value);
    if (n >= min && n <= max)
        return true;
    QString rule;
    if (min == max)
        rule = u"exactly "_s + characters(max);
    else if (min == 0)
        rule = u"at most "_s + characters(max);
    else
        rule = QString::number(min) + u" to "_s + characters(max);
    add(errors, field, label + u" must be "_s + rule + u"; it has "_s + QString::number(n) + u'.');
    return false;
}

// "<Label> must have 2 to 10 entries; it has 1."
bool checkCount(qsizetype count, int min, int max, const QString &label, const QString &field,
    FieldErrors &errors)
{
    if (count >= min && count <= max)
        return true;
    QString rule;
    if (min == 0)
        rule = u"at most "_s + QString::number(max);
    else
        rule = QString::number(min) + u" to "_s + QString::number(max);
    add(errors, field,
        label + u" must have "_s + rule + (max == 1 ? u" entry"_s : u" entries"_s) + u"; it has "_s
            + QString::number(count) + u'.');
    return false;
}

QString item(const QString &field, qsizetype index)
{
    return field + u'[' + QString::number(index) + u']';
}

QString member(const QString &field, const QString &name)
{
    return field.isEmpty() ? name : field + u'.' + name;
}

void require(bool present, const QString &label, const QString &field, FieldErrors &errors)
{
    if (!present)
        add(errors, field, label + u" is required."_s);
}

const QRegularExpression &accountIdPattern()
{
    static const QRegularExpression re = anchored(u"[0-9]{12}"_s);
    return re;
}

} // namespace

int codePointLength(const QString &text)
{
    qsizetype n = text.size();
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && text.at(i + 1).isLowSurrogate()) {
            --n;
            ++i;
        }
    }
    return static_cast<int>(n);
}

// --- single values ------------------------------------------------------------------

void checkAccountId(const QString &value, const QString &field, FieldErrors &errors)
{
    if (!fullMatch(accountIdPattern(), value))
        add(errors, field,
            u"Account ID must be exactly 12 digits (pad with leading zeros); \""_s + value
                + u"\" is not."_s);
}

void checkCaseId(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re = anchored(uR"(\d{10,32}.*)"_s);
    if (!checkLength(value, 10, 32, u"Case ID"_s, field, errors))
        return;
    if (!fullMatch(re, value))
        add(errors, field, u"Case ID must start with at least 10 digits."_s);
}

void checkGeneratedCaseId(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re = anchored(u"[0-9]{10}"_s);
    if (!fullMatch(re, value))
        add(errors, field, u"Case ID must be exactly 10 digits."_s);
}

void checkCommentId(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re = anchored(uR"(\d{6})"_s);
    if (!fullMatch(re, value))
        add(errors, field, u"Comment ID must be exactly 6 digits."_s);
}

void checkTitle(const QString &value, const QString &field, FieldErrors &errors)
{
    checkLength(value, 1, limits::TitleMax, u"Title"_s, field, errors);
}

void checkDescription(const QString &value, const QString &field, FieldErrors &errors)
{
    checkLength(value, 1, limits::DescriptionMax, u"Description"_s, field, errors);
}

void checkCommentBody(const QString &value, const QString &field, FieldErrors &errors)
{
    checkLength(value, 1, limits::CommentBodyMax, u"Comment"_s, field, errors);
}

void checkEmail(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re
        = anchored(uR"re([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)re"_s);
    if (!checkLength(value, limits::EmailMin, limits::EmailMax, u"Email address"_s, field, errors))
        return;
    if (!fullMatch(re, value))
        add(errors, field, u"Email address is not valid; use the form name@example.com."_s);
}

void checkIpAddress(const QString &value, const QString &field, FieldErrors &errors)
{
    // The model's IPAddress pattern: dotted IPv4, or IPv6 in full 8-group form (or 6
    // groups + IPv4) with UPPER-CASE hex digits and no "::" compression.
    static const QRegularExpression re = anchored(
        uR"re((?:(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?))|(?:(?:[A-F0-9]{1,4}:){7}[A-F0-9]{1,4})|(?:(?:[A-F0-9]{1,4}:){6}(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)))re"_s);
    if (!fullMatch(re, value))
        add(errors, field,
            u"IP address must be IPv4 (203.0.113.7) or full upper-case IPv6 "
            "(2001:DB8:0:0:0:0:0:1); \""_s
                + value + u"\" is not."_s);
}

void checkAwsRegion(const QString &value, const QString &field, FieldErrors &errors)
{
    if (!isAwsRegion(value))
        add(errors, field,
            u"Region \""_s + value + u"\" is not one Security Incident Response supports."_s);
}

void checkAwsService(const QString &value, const QString &field, FieldErrors &errors)
{
    // The model's class `[a-zA-Z0-9 -.():]` has a range from space to '.', kept as is.
    static const QRegularExpression re = anchored(u"[a-zA-Z0-9 -.():]+"_s);
    if (!checkLength(value, limits::ServiceNameMin, limits::ServiceNameMax, u"Service name"_s,
            field, errors))
        return;
    if (!fullMatch(re, value))
        add(errors, field, u"Service name may use letters, digits, spaces and . - ( ) : only."_s);
}

void checkMembershipName(const QString &value, const QString &field, FieldErrors &errors)
{
    checkLength(value, limits::MembershipNameMin, limits::MembershipNameMax, u"Membership name"_s,
        field, errors);
}

void checkMembershipId(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re = anchored(u"m-[a-z0-9]{10,32}"_s);
    if (!fullMatch(re, value))
        add(errors, field,
            u"Membership ID must be \"m-\" followed by 10 to 32 lower-case letters or digits."_s);
}

void checkOrganizationalUnitId(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re = anchored(u"ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}"_s);
    if (!fullMatch(re, value))
        add(errors, field,
            u"Organizational unit ID must look like ou-ab12-cd34ef56; \""_s + value
                + u"\" does not."_s);
}

void checkCaseArn(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re
        = anchored(uR"(arn:aws:security-ir:\w+?-\w+?-\d+:[0-9]{12}:case/[0-9]{10})"_s);
    if (!checkLength(value, 12, 80, u"Case ARN"_s, field, errors))
        return;
    if (!fullMatch(re, value))
        add(errors, field,
            u"Case ARN must look like arn:aws:security-ir:<region>:<account>:case/<10 digits>."_s);
}

void checkMembershipArn(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re = anchored(
        uR"(arn:aws:security-ir:\w+?-\w+?-\d+:[0-9]{12}:membership/m-[a-z0-9]{10,32})"_s);
    if (!checkLength(value, 12, 80, u"Membership ARN"_s, field, errors))
        return;
    if (!fullMatch(re, value))
        add(errors, field,
            u"Membership ARN must look like "
            "arn:aws:security-ir:<region>:<account>:membership/m-<id>."_s);
}

void checkResourceArn(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re = anchored(
        uR"(arn:aws:security-ir:\w+?-\w+?-\d+:[0-9]{12}:(membership/m-[a-z0-9]{10,32}|case/[0-9]{10}))"_s);
    if (!checkLength(value, 12, 1010, u"Resource ARN"_s, field, errors))
        return;
    if (!fullMatch(re, value))
        add(errors, field,
            u"Resource ARN must be a Security Incident Response case or "
            "membership ARN."_s);
}

void checkAttachmentId(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re = anchored(
        uR"([0-9a-fA-F]{8}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{12})"_s);
    if (!fullMatch(re, value))
        add(errors, field, u"Attachment ID must be a UUID."_s);
}

void checkPrincipalId(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re = anchored(
        uR"re(.*((^AWS Responder)|(^\d{12}$)|(^arn:([^:]*aws[^:]*):(?:(?:iam)::\d{12}:(?:user|role|group|root)(?:(?:/[^/]+)+)?|(?:sts)::\d{12}:assumed-role/[^/]+/[^/]+)$)|(^security-ir.amazonaws.com)).*)re"_s);
    if (!fullMatch(re, value))
        add(errors, field,
            u"Principal must be \"AWS Responder\", a 12-digit account, an IAM or STS ARN, or "
            "security-ir.amazonaws.com."_s);
}

void checkFileName(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re = anchored(u"[a-zA-Z0-9._-]+"_s);
    if (!checkLength(value, 1, limits::FileNameMax, u"File name"_s, field, errors))
        return;
    if (!fullMatch(re, value))
        add(errors, field,
            u"File name may use letters, digits, '.', '_' and '-' only (no spaces)."_s);
}

void checkContentLength(qint64 value, const QString &field, FieldErrors &errors)
{
    if (value < 1 || value > limits::ContentLengthMax)
        add(errors, field,
            u"File size must be 1 to 104857600 bytes (100 MiB); it is "_s + QString::number(value)
                + u'.');
}

void checkCaseEditAction(const QString &value, const QString &field, FieldErrors &errors)
{
    checkLength(value, 1, limits::CaseEditActionMax, u"Action"_s, field, errors);
}

void checkCaseEditMessage(const QString &value, const QString &field, FieldErrors &errors)
{
    checkLength(
        value, limits::CaseEditMessageMin, limits::CaseEditMessageMax, u"Message"_s, field, errors);
}

void checkClientToken(const QString &value, const QString &field, FieldErrors &errors)
{
    checkLength(value, 1, limits::ClientTokenMax, u"Client token"_s, field, errors);
}

void checkMaxResults(int value, const QString &field, FieldErrors &errors)
{
    if (value < 1 || value > limits::MaxResultsMax)
        add(errors, field, u"maxResults must be 1 to 25; it is "_s + QString::number(value) + u'.');
}

void checkNextToken(const QString &value, const QString &field, FieldErrors &errors)
{
    checkLength(value, 0, limits::NextTokenMax, u"nextToken"_s, field, errors);
}

void checkInvestigationId(const QString &value, const QString &field, FieldErrors &errors)
{
    static const QRegularExpression re = anchored(u"inv-[a-z0-9]{10,32}"_s);
    if (!fullMatch(re, value))
        add(errors, field,
            u"Investigation ID must be \"inv-\" followed by 10 to 32 lower-case letters or "
            "digits."_s);
}

void checkFeedbackComment(const QString &value, const QString &field, FieldErrors &errors)
{
    checkLength(value, 1, limits::FeedbackCommentMax, u"Feedback comment"_s, field, errors);
}

void checkTagKey(const QString &value, const QString &field, FieldErrors &errors)
{
    checkLength(value, 1, limits::TagKeyMax, u"Tag key"_s, field, errors);
}

// --- parts and lists ----------------------------------------------------------------

void checkWatcher(const Watcher &value, const QString &field, FieldErrors &errors)
{
    checkEmail(value.email, member(field, u"email"_s), errors);
    if (!value.name.isEmpty())
        checkLength(
            value.name, 1, limits::PersonNameMax, u"Name"_s, member(field, u"name"_s), errors);
    if (!value.jobTitle.isEmpty())
        checkLength(value.jobTitle, 1, limits::JobTitleMax, u"Job title"_s,
            member(field, u"jobTitle"_s), errors);
}

void checkWatchers(const QList<Watcher> &value, const QString &field, FieldErrors &errors)
{
    checkCount(value.size(), 0, limits::WatchersMax, u"Watchers"_s, field, errors);
    for (qsizetype i = 0; i < value.size(); ++i)
        checkWatcher(value.at(i), item(field, i), errors);
}

void checkThreatActorIp(const ThreatActorIp &value, const QString &field, FieldErrors &errors)
{
    checkIpAddress(value.ipAddress, member(field, u"ipAddress"_s), errors);
    if (!value.userAgent.isEmpty())
        checkLength(value.userAgent, 1, limits::UserAgentMax, u"User agent"_s,
            member(field, u"userAgent"_s), errors);
}

void checkThreatActorIps(
    const QList<ThreatActorIp> &value, const QString &field, FieldErrors &errors)
{
    checkCount(
        value.size(), 0, limits::ThreatActorIpsMax, u"Threat actor IP addresses"_s, field, errors);
    for (qsizetype i = 0; i < value.size(); ++i)
        checkThreatActorIp(value.at(i), item(field, i), errors);
}

void checkImpactedAccounts(const QStringList &value, const QString &field, FieldErrors &errors)
{
    checkCount(value.size(), 0, limits::ImpactedAccountsMax, u"Impacted accounts"_s, field, errors);
    for (qsizetype i = 0; i < value.size(); ++i)
        checkAccountId(value.at(i), item(field, i), errors);
}

void checkImpactedRegions(
    const QList<ImpactedRegion> &value, const QString &field, FieldErrors &errors)
{
    checkCount(value.size(), 0, limits::ImpactedRegionsMax, u"Impacted Regions"_s, field, errors);
    for (qsizetype i = 0; i < value.size(); ++i)
        checkAwsRegion(value.at(i).region, member(item(field, i), u"region"_s), errors);
}

void checkImpactedServices(const QStringList &value, const QString &field, FieldErrors &errors)
{
    checkCount(value.size(), 0, limits::ImpactedServicesMax, u"Impacted services"_s, field, errors);
    for (qsizetype i = 0; i < value.size(); ++i)
        checkAwsService(value.at(i), item(field, i), errors);
}

void checkAttachment(const Attachment &value, const QString &field, FieldErrors &errors)
{
    checkAttachmentId(value.attachmentId, member(field, u"attachmentId"_s), errors);
    checkFileName(value.fileName, member(field, u"fileName"_s), errors);
    require(value.attachmentStatus.has_value(), u"Attachment status"_s,
        member(field, u"attachmentStatus"_s), errors);
    checkPrincipalId(value.creator, member(field, u"creator"_s), errors);
    require(
        value.createdDate.isValid(), u"Creation date"_s, member(field, u"createdDate"_s), errors);
}

void checkCaseMetadata(
    const QList<CaseMetadataEntry> &value, const QString &field, FieldErrors &errors)
{
    checkCount(value.size(), 1, limits::CaseMetadataMax, u"Case metadata"_s, field, errors);
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QString path = item(field, i);
        checkLength(value.at(i).key, 1, limits::MetadataKeyMax, u"Metadata key"_s,
            member(path, u"key"_s), errors);
        checkLength(value.at(i).value, 1, limits::MetadataValueMax, u"Metadata value"_s,
            member(path, u"value"_s), errors);
    }
}

void checkTags(const QMap<QString, QString> &value, const QString &field, FieldErrors &errors)
{
    checkCount(value.size(), 0, limits::TagsMax, u"Tags"_s, field, errors);
    for (auto it = value.constBegin(); it != value.constEnd(); ++it) {
        const QString path = field + u"[\""_s + it.key() + u"\"]"_s;
        checkTagKey(it.key(), path, errors);
        checkLength(it.value(), 0, limits::TagValueMax, u"Tag value"_s, path, errors);
    }
}

void checkIncidentResponder(
    const IncidentResponder &value, const QString &field, FieldErrors &errors)
{
    checkLength(value.name, limits::ResponderNameMin, limits::ResponderNameMax, u"Name"_s,
        member(field, u"name"_s), errors);
    checkLength(value.jobTitle, 1, limits::JobTitleMax, u"Job title"_s,
        member(field, u"jobTitle"_s), errors);
    checkEmail(value.email, member(field, u"email"_s), errors);
}

void checkIncidentResponseTeam(
    const QList<IncidentResponder> &value, const QString &field, FieldErrors &errors)
{
    checkCount(
        value.size(), limits::TeamMin, limits::TeamMax, u"Incident response team"_s, field, errors);
    for (qsizetype i = 0; i < value.size(); ++i)
        checkIncidentResponder(value.at(i), item(field, i), errors);
}

void checkOptInFeatures(const QList<OptInFeature> &value, const QString &field, FieldErrors &errors)
{
    checkCount(value.size(), 1, limits::OptInFeaturesMax, u"Opt-in features"_s, field, errors);
}

void checkOrganizationalUnitsUpdate(
    const QStringList &value, const QString &field, FieldErrors &errors)
{
    checkCount(value.size(), 1, limits::OrganizationalUnitsPerUpdateMax, u"Organizational units"_s,
        field, errors);
    for (qsizetype i = 0; i < value.size(); ++i)
        checkOrganizationalUnitId(value.at(i), item(field, i), errors);
}

// --- whole objects ------------------------------------------------------------------

FieldErrors validate(const Case &value)
{
    FieldErrors errors;
    checkCaseId(value.caseId, u"caseId"_s, errors);
    checkTitle(value.title, u"title"_s, errors);
    if (!value.caseArn.isEmpty())
        checkCaseArn(value.caseArn, u"caseArn"_s, errors);
    checkDescription(value.description, u"description"_s, errors);
    checkImpactedRegions(value.impactedAwsRegions, u"impactedAwsRegions"_s, errors);
    checkThreatActorIps(value.threatActorIpAddresses, u"threatActorIpAddresses"_s, errors);
    checkImpactedAccounts(value.impactedAccounts, u"impactedAccounts"_s, errors);
    checkWatchers(value.watchers, u"watchers"_s, errors);
    checkImpactedServices(value.impactedServices, u"impactedServices"_s, errors);
    checkCount(value.caseAttachments.size(), 0, limits::AttachmentsMax, u"Attachments"_s,
        u"caseAttachments"_s, errors);
    for (qsizetype i = 0; i < value.caseAttachments.size(); ++i)
        checkAttachment(value.caseAttachments.at(i), item(u"caseAttachments"_s, i), errors);
    if (!value.caseMetadata.isEmpty())
        checkCaseMetadata(value.caseMetadata, u"caseMetadata"_s, errors);
    checkTags(value.tags, u"tags"_s, errors);
    return errors;
}

FieldErrors validate(const CaseSummary &value)
{
    FieldErrors errors;
    checkCaseId(value.caseId, u"caseId"_s, errors);
    if (!value.title.isEmpty())
        checkTitle(value.title, u"title"_s, errors);
    if (!value.caseArn.isEmpty())
        checkCaseArn(value.caseArn, u"caseArn"_s, errors);
    return errors;
}

FieldErrors validate(const Comment &value)
{
    FieldErrors errors;
    if (!value.caseId.isEmpty())
        checkCaseId(value.caseId, u"caseId"_s, errors);
    checkCommentId(value.commentId, u"commentId"_s, errors);
    checkCommentBody(value.body, u"body"_s, errors);
    if (!value.creator.isEmpty())
        checkPrincipalId(value.creator, u"creator"_s, errors);
    if (!value.lastUpdatedBy.isEmpty())
        checkPrincipalId(value.lastUpdatedBy, u"lastUpdatedBy"_s, errors);
    return errors;
}

FieldErrors validate(const CaseEdit &value)
{
    FieldErrors errors;
    if (!value.caseId.isEmpty())
        checkCaseId(value.caseId, u"caseId"_s, errors);
    checkCaseEditAction(value.action, u"action"_s, errors);
    checkCaseEditMessage(value.message, u"message"_s, errors);
    return errors;
}

FieldErrors validate(const Membership &value)
{
    FieldErrors errors;
    checkMembershipId(value.membershipId, u"membershipId"_s, errors);
    if (!value.accountId.isEmpty())
        checkAccountId(value.accountId, u"accountId"_s, errors);
    if (!value.region.isEmpty())
        checkAwsRegion(value.region, u"region"_s, errors);
    if (!value.membershipName.isEmpty())
        checkMembershipName(value.membershipName, u"membershipName"_s, errors);
    if (!value.membershipArn.isEmpty())
        checkMembershipArn(value.membershipArn, u"membershipArn"_s, errors);
    if (value.numberOfAccountsCovered && *value.numberOfAccountsCovered < 0)
        add(errors, u"numberOfAccountsCovered"_s,
            u"Number of accounts covered cannot be negative."_s);
    if (!value.incidentResponseTeam.isEmpty())
        checkIncidentResponseTeam(value.incidentResponseTeam, u"incidentResponseTeam"_s, errors);
    if (!value.optInFeatures.isEmpty())
        checkOptInFeatures(value.optInFeatures, u"optInFeatures"_s, errors);
    const QStringList &units = value.membershipAccountsConfigurations.organizationalUnits;
    for (qsizetype i = 0; i < units.size(); ++i)
        checkOrganizationalUnitId(units.at(i),
            item(u"membershipAccountsConfigurations.organizationalUnits"_s, i), errors);
    checkTags(value.tags, u"tags"_s, errors);
    return errors;
}

FieldErrors validate(const Investigation &value)
{
    FieldErrors errors;
    if (!value.caseId.isEmpty())
        checkCaseId(value.caseId, u"caseId"_s, errors);
    checkInvestigationId(value.investigationId, u"investigationId"_s, errors);
    require(value.actionType.has_value(), u"Action type"_s, u"actionType"_s, errors);
    checkLength(value.title, 1, limits::InvestigationTitleMax, u"Title"_s, u"title"_s, errors);
    checkLength(
        value.content, 1, limits::InvestigationContentMax, u"Content"_s, u"content"_s, errors);
    require(value.status.has_value(), u"Status"_s, u"status"_s, errors);
    require(value.lastUpdated.isValid(), u"Last updated time"_s, u"lastUpdated"_s, errors);
    if (!value.feedback.comment.isEmpty())
        checkFeedbackComment(value.feedback.comment, u"feedback.comment"_s, errors);
    return errors;
}

FieldErrors validate(const SuppressionRule &value)
{
    FieldErrors errors;
    checkLength(value.name.trimmed(), 1, 200, u"Rule name"_s, u"name"_s, errors);
    checkLength(value.description, 0, 2000, u"Rule description"_s, u"description"_s, errors);
    if (value.position < 0)
        add(errors, u"position"_s, u"Position cannot be negative."_s);
    if (value.hitCount < 0)
        add(errors, u"hitCount"_s, u"Hit count cannot be negative."_s);
    // A rule without criteria would match every finding.
    if (value.criteria.isEmpty())
        add(errors, u"criteria"_s, u"A rule needs at least one criterion."_s);
    for (qsizetype i = 0; i < value.criteria.size(); ++i) {
        const RuleCriterion &c = value.criteria.at(i);
        const QString path = item(u"criteria"_s, i);
        const QString fieldPath = member(path, u"field"_s);
        const QString valuePath = member(path, u"value"_s);
        if (!isRuleField(c.field)) {
            add(errors, fieldPath,
                u"Unknown field \""_s + c.field + u"\"; use one of "_s
                    + ruleFieldNames().join(u", "_s) + u'.');
            continue;
        }
        if (isNumericOperator(c.op)) {
            if (!isNumericRuleField(c.field))
                add(errors, member(path, u"operator"_s),
                    toString(c.op) + u" compares numbers; \""_s + c.field
                        + u"\" is not a number (use severityScore or count)."_s);
            bool ok = false;
            c.value.trimmed().toDouble(&ok);
            if (!ok)
                add(errors, valuePath,
                    toString(c.op) + u" needs a number; \""_s + c.value + u"\" is not one."_s);
        } else if (c.op == RuleOperator::InCidr) {
            if (c.field != u"remoteIps"_s)
                add(errors, member(path, u"operator"_s),
                    u"InCidr applies to remoteIps only, not \""_s + c.field + u"\"."_s);
            const QString cidr = c.value.trimmed();
            const auto subnet = QHostAddress::parseSubnet(cidr);
            if (!cidr.contains(u'/') || subnet.first.isNull() || subnet.second < 0)
                add(errors, valuePath,
                    u"InCidr needs a network such as 10.0.0.0/8 or 2001:db8::/32; \""_s + c.value
                        + u"\" is not one."_s);
        } else if (c.value.isEmpty()
            && (c.op == RuleOperator::Prefix || c.op == RuleOperator::Contains)) {
            add(errors, valuePath, toString(c.op) + u" needs a value to look for."_s);
        }
    }
    if (value.expiresAt.isValid() && value.createdAt.isValid() && value.expiresAt < value.createdAt)
        add(errors, u"expiresAt"_s, u"Expiry must be after the rule was created."_s);
    return errors;
}

FieldErrors validate(const CreateCaseRequest &value)
{
    FieldErrors errors;
    if (!value.clientToken.isEmpty())
        checkClientToken(value.clientToken, u"clientToken"_s, errors);
    require(value.resolverType.has_value(), u"Resolver type"_s, u"resolverType"_s, errors);
    checkTitle(value.title, u"title"_s, errors);
    checkDescription(value.description, u"description"_s, errors);
    require(value.engagementType.has_value(), u"Engagement type"_s, u"engagementType"_s, errors);
    require(value.reportedIncidentStartDate.isValid(), u"Reported incident start date"_s,
        u"reportedIncidentStartDate"_s, errors);
    require(value.impactedAccounts.has_value(), u"Impacted accounts (an empty list is allowed)"_s,
        u"impactedAccounts"_s, errors);
    if (value.impactedAccounts)
        checkImpactedAccounts(*value.impactedAccounts, u"impactedAccounts"_s, errors);
    require(value.watchers.has_value(), u"Watchers (an empty list is allowed)"_s, u"watchers"_s,
        errors);
    if (value.watchers)
        checkWatchers(*value.watchers, u"watchers"_s, errors);
    checkThreatActorIps(value.threatActorIpAddresses, u"threatActorIpAddresses"_s, errors);
    checkImpactedServices(value.impactedServices, u"impactedServices"_s, errors);
    checkImpactedRegions(value.impactedAwsRegions, u"impactedAwsRegions"_s, errors);
    checkTags(value.tags, u"tags"_s, errors);
    return errors;
}

FieldErrors validate(const UpdateCaseRequest &value)
{
    FieldErrors errors;
    checkCaseId(value.caseId, u"caseId"_s, errors);
    if (value.title)
        checkTitle(*value.title, u"title"_s, errors);
    if (value.description)
        checkDescription(*value.description, u"description"_s, errors);
    checkWatchers(value.watchersToAdd, u"watchersToAdd"_s, errors);
    checkWatchers(value.watchersToDelete, u"watchersToDelete"_s, errors);
    checkThreatActorIps(
        value.threatActorIpAddressesToAdd, u"threatActorIpAddressesToAdd"_s, errors);
    checkThreatActorIps(
        value.threatActorIpAddressesToDelete, u"threatActorIpAddressesToDelete"_s, errors);
    checkImpactedServices(value.impactedServicesToAdd, u"impactedServicesToAdd"_s, errors);
    checkImpactedServices(value.impactedServicesToDelete, u"impactedServicesToDelete"_s, errors);
    checkImpactedRegions(value.impactedAwsRegionsToAdd, u"impactedAwsRegionsToAdd"_s, errors);
    checkImpactedRegions(value.impactedAwsRegionsToDelete, u"impactedAwsRegionsToDelete"_s, errors);
    checkImpactedAccounts(value.impactedAccountsToAdd, u"impactedAccountsToAdd"_s, errors);
    checkImpactedAccounts(value.impactedAccountsToDelete, u"impactedAccountsToDelete"_s, errors);
    if (value.caseMetadata)
        checkCaseMetadata(*value.caseMetadata, u"caseMetadata"_s, errors);
    return errors;
}

FieldErrors validate(const CreateMembershipRequest &value)
{
    FieldErrors errors;
    if (!value.clientToken.isEmpty())
        checkClientToken(value.clientToken, u"clientToken"_s, errors);
    checkMembershipName(value.membershipName, u"membershipName"_s, errors);
    checkIncidentResponseTeam(value.incidentResponseTeam, u"incidentResponseTeam"_s, errors);
    if (value.optInFeatures)
        checkOptInFeatures(*value.optInFeatures, u"optInFeatures"_s, errors);
    checkTags(value.tags, u"tags"_s, errors);
    return errors;
}

FieldErrors validate(const UpdateMembershipRequest &value)
{
    FieldErrors errors;
    checkMembershipId(value.membershipId, u"membershipId"_s, errors);
    if (value.membershipName)
        checkMembershipName(*value.membershipName, u"membershipName"_s, errors);
    if (value.incidentResponseTeam)
        checkIncidentResponseTeam(*value.incidentResponseTeam, u"incidentResponseTeam"_s, errors);
    if (value.optInFeatures)
        checkOptInFeatures(*value.optInFeatures, u"optInFeatures"_s, errors);
    if (value.membershipAccountsConfigurationsUpdate) {
        const auto &update = *value.membershipAccountsConfigurationsUpdate;
        const QString base = u"membershipAccountsConfigurationsUpdate"_s;
        if (update.organizationalUnitsToAdd)
            checkOrganizationalUnitsUpdate(*update.organizationalUnitsToAdd,
                member(base, u"organizationalUnitsToAdd"_s), errors);
        if (update.organizationalUnitsToRemove)
            checkOrganizationalUnitsUpdate(*update.organizationalUnitsToRemove,
                member(base, u"organizationalUnitsToRemove"_s), errors);
    }
    if (value.undoMembershipCancellation && !*value.undoMembershipCancellation)
        add(errors, u"undoMembershipCancellation"_s,
            u"undoMembershipCancellation can only be true; leave it out to keep the "
            "cancellation."_s);
    return errors;
}

} // namespace warroom::domain
