#pragma once

#include "AwsServiceClient.h"

#include "domain/Case.h"
#include "domain/CaseEdit.h"
#include "domain/CaseRequests.h"
#include "domain/Comment.h"
#include "domain/Investigation.h"
#include "domain/Membership.h"
#include "domain/MembershipRequests.h"

namespace warroom::aws {

// nextToken / maxResults of the five list operations (maxResults 1-25, 0 = absent).
struct PageRequest
{
    QString nextToken;
    int maxResults = 0;
};

template<typename T> struct Page
{
    QList<T> items;
    QString nextToken; // empty on the last page
    std::optional<qint64> total; // ListCases, ListComments, ListCaseEdits
};

// ListMemberships item.
struct MembershipSummary
{
    QString membershipId;
    QString accountId;
    QString region;
    QString membershipArn;
    std::optional<domain::MembershipStatus> membershipStatus;
};

struct MemberAccountDetail
{
    QString accountId;
    std::optional<domain::MembershipAccountRelationshipStatus> relationshipStatus;
    std::optional<domain::MembershipAccountRelationshipType> relationshipType;
};

struct MemberAccountError
{
    QString accountId;
    QString error;
    QString message;
};

struct MemberAccountDetails
{
    QList<MemberAccountDetail> items;
    QList<MemberAccountError> errors;
};

struct CloseCaseResult
{
    std::optional<domain::CaseStatus> caseStatus;
    QDateTime closedDate;
};

struct UpdateResolverTypeResult
{
    QString caseId;
    std::optional<domain::CaseStatus> caseStatus;
    std::optional<domain::ResolverType> resolverType;
};

struct UpdateCaseCommentResult
{
    QString commentId;
    QString body;
};

// The security-ir API (rest-json, signing name security-ir): the 24 operations of
// service-2.json. Every method is asynchronous: it returns the AwsReply (abort() it to
// cancel) and calls `done` once from the event loop. clientToken is filled with a random
// UUID when left empty, so a retried create is not repeated by the service.
class SecurityIrClient final : public AwsServiceClient
{
public:
    SecurityIrClient(AwsHttpClient *http, const AwsClientConfig &config);

    static QString newClientToken();

    // Cases
    AwsReply *createCase(domain::CreateCaseRequest request, AwsCallback<QString> done); // caseId
    AwsReply *getCase(const QString &caseId, AwsCallback<domain::Case> done);
    AwsReply *updateCase(const domain::UpdateCaseRequest &request, AwsCallback<NoOutput> done);
    AwsReply *updateCaseStatus(const QString &caseId, domain::CaseStatus status,
        AwsCallback<std::optional<domain::CaseStatus>> done);
    AwsReply *updateResolverType(const QString &caseId, domain::ResolverType resolverType,
        AwsCallback<UpdateResolverTypeResult> done);
    AwsReply *closeCase(const QString &caseId, AwsCallback<CloseCaseResult> done);
    AwsReply *listCases(const PageRequest &page, AwsCallback<Page<domain::CaseSummary>> done);

    // Comments and history
    AwsReply *createCaseComment(const QString &caseId, const QString &body, QString clientToken,
        AwsCallback<QString> done); // commentId
    AwsReply *updateCaseComment(const QString &caseId, const QString &commentId,
        const QString &body, AwsCallback<UpdateCaseCommentResult> done);
    AwsReply *listComments(
        const QString &caseId, const PageRequest &page, AwsCallback<Page<domain::Comment>> done);
    AwsReply *listCaseEdits(
        const QString &caseId, const PageRequest &page, AwsCallback<Page<domain::CaseEdit>> done);

    // Attachments (the URLs are S3 presigned URLs)
    AwsReply *getCaseAttachmentUploadUrl(const QString &caseId, const QString &fileName,
        qint64 contentLength, QString clientToken, AwsCallback<QString> done);
    AwsReply *getCaseAttachmentDownloadUrl(
        const QString &caseId, const QString &attachmentId, AwsCallback<QString> done);

    // Investigations
    AwsReply *listInvestigations(const QString &caseId, const PageRequest &page,
        AwsCallback<Page<domain::Investigation>> done);
    AwsReply *sendFeedback(const QString &caseId, const QString &resultId,
        domain::UsefulnessRating usefulness, const QString &comment, AwsCallback<NoOutput> done);

    // Membership
    AwsReply *createMembership(
        domain::CreateMembershipRequest request, AwsCallback<QString> done); // membershipId
    AwsReply *getMembership(const QString &membershipId, AwsCallback<domain::Membership> done);
    AwsReply *updateMembership(
        const domain::UpdateMembershipRequest &request, AwsCallback<NoOutput> done);
    AwsReply *cancelMembership(const QString &membershipId, AwsCallback<QString> done);
    AwsReply *listMemberships(const PageRequest &page, AwsCallback<Page<MembershipSummary>> done);
    AwsReply *batchGetMemberAccountDetails(const QString &membershipId,
        const QStringList &accountIds, AwsCallback<MemberAccountDetails> done);

    // Tags
    AwsReply *tagResource(
        const QString &resourceArn, const domain::Tags &tags, AwsCallback<NoOutput> done);
    AwsReply *untagResource(
        const QString &resourceArn, const QStringList &tagKeys, AwsCallback<NoOutput> done);
    AwsReply *listTagsForResource(const QString &resourceArn, AwsCallback<domain::Tags> done);

    // Paginators: every page in order until nextToken is absent. `onPage` returns false to
    // stop; `onDone` gets the error that ended the walk (kind None when it completed).
    template<typename T> using PageHandler = std::function<bool(const Page<T> &)>;
    AwsPaginator *paginateCases(
        int maxResults, PageHandler<domain::CaseSummary> onPage, AwsPaginator::OnDone onDone);
    AwsPaginator *paginateComments(const QString &caseId, int maxResults,
        PageHandler<domain::Comment> onPage, AwsPaginator::OnDone onDone);
    AwsPaginator *paginateCaseEdits(const QString &caseId, int maxResults,
        PageHandler<domain::CaseEdit> onPage, AwsPaginator::OnDone onDone);
    AwsPaginator *paginateMemberships(
        int maxResults, PageHandler<MembershipSummary> onPage, AwsPaginator::OnDone onDone);
    AwsPaginator *paginateInvestigations(const QString &caseId, int maxResults,
        PageHandler<domain::Investigation> onPage, AwsPaginator::OnDone onDone);

    // The JSON page parsers, public for tests and for callers holding raw JSON.
    static Page<domain::CaseSummary> parseCasesPage(const QJsonObject &json);
    static Page<domain::Comment> parseCommentsPage(const QJsonObject &json, const QString &caseId);
    static Page<domain::CaseEdit> parseCaseEditsPage(
        const QJsonObject &json, const QString &caseId);
    static Page<MembershipSummary> parseMembershipsPage(const QJsonObject &json);
    static Page<domain::Investigation> parseInvestigationsPage(
        const QJsonObject &json, const QString &caseId);

    // The list calls without a typed callback: the reply's json() is the page as sent
    // (for tools that print the operation's output unchanged).
    AwsReply *listCasesReply(const PageRequest &page);
    AwsReply *listCommentsReply(const QString &caseId, const PageRequest &page);
    AwsReply *listCaseEditsReply(const QString &caseId, const PageRequest &page);
    AwsReply *listMembershipsReply(const PageRequest &page);
    AwsReply *listInvestigationsReply(const QString &caseId, const PageRequest &page);
};

} // namespace warroom::aws
