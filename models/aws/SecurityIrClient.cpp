#include "SecurityIrClient.h"

#include "AwsLogging.h"

#include "domain/CaseJson.h"
#include "domain/InvestigationJson.h"
#include "domain/JsonTime.h"
#include "domain/MembershipJson.h"

#include <QtCore/QJsonArray>
#include <QtCore/QUuid>

using namespace Qt::StringLiterals;

namespace warroom::aws {

namespace {

QByteArray caseLabel(const QString &caseId)
{
    return "/v1/cases/" + AwsRequest::encodeLabel(caseId);
}

QByteArray membershipLabel(const QString &membershipId)
{
    return "/v1/membership/" + AwsRequest::encodeLabel(membershipId);
}

QByteArray tagsPath(const QString &resourceArn)
{
    return "/v1/tags/" + AwsRequest::encodeLabel(resourceArn);
}

void addPage(QJsonObject &body, const PageRequest &page)
{
    if (!page.nextToken.isEmpty())
        body.insert("nextToken"_L1, page.nextToken);
    if (page.maxResults > 0)
        body.insert("maxResults"_L1, page.maxResults);
}

template<typename E> std::optional<E> enumMember(const QJsonObject &json, QLatin1String key)
{
    const QJsonValue value = json.value(key);
    if (!value.isString())
        return std::nullopt;
    return domain::fromString<E>(value.toString());
}

void warnIfInvalid(const domain::FieldErrors &errors, const char *what)
{
    if (!errors.isEmpty())
        qCWarning(lcAws).noquote()
            << "unexpected" << what << "output:" << errors.first().field << errors.first().message;
}

template<typename T, typename ParseItem>
Page<T> parsePage(const QJsonObject &json, QLatin1String itemsKey, ParseItem parseItem)
{
    Page<T> page;
    const QJsonArray items = json.value(itemsKey).toArray();
    page.items.reserve(items.size());
    for (const QJsonValue &item : items)
        page.items.append(parseItem(item.toObject()));
    page.nextToken = json.value("nextToken"_L1).toString();
    const QJsonValue total = json.value("total"_L1);
    if (total.isDouble())
        page.total = qint64(total.toDouble());
    return page;
}

} // namespace

SecurityIrClient::SecurityIrClient(AwsHttpClient *http, const AwsClientConfig &config)
    : AwsServiceClient(http, AwsServiceInfo::securityIr(), config)
{
}

QString SecurityIrClient::newClientToken()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// --- pages ------------------------------------------------------------------------------

Page<domain::CaseSummary> SecurityIrClient::parseCasesPage(const QJsonObject &json)
{
    domain::FieldErrors errors;
    auto page = parsePage<domain::CaseSummary>(json, "items"_L1, [&](const QJsonObject &item) {
        domain::CaseSummary summary;
        domain::fromJson(item, summary, &errors, u"items"_s);
        return summary;
    });
    warnIfInvalid(errors, "ListCases");
    return page;
}

Page<domain::Comment> SecurityIrClient::parseCommentsPage(
    const QJsonObject &json, const QString &caseId)
{
    domain::FieldErrors errors;
    auto page = parsePage<domain::Comment>(json, "items"_L1, [&](const QJsonObject &item) {
        domain::Comment comment;
        domain::fromJson(item, comment, &errors, u"items"_s);
        comment.caseId = caseId;
        return comment;
    });
    warnIfInvalid(errors, "ListComments");
    return page;
}

Page<domain::CaseEdit> SecurityIrClient::parseCaseEditsPage(
    const QJsonObject &json, const QString &caseId)
{
    domain::FieldErrors errors;
    auto page = parsePage<domain::CaseEdit>(json, "items"_L1, [&](const QJsonObject &item) {
        domain::CaseEdit edit;
        domain::fromJson(item, edit, &errors, u"items"_s);
        edit.caseId = caseId;
        return edit;
    });
    warnIfInvalid(errors, "ListCaseEdits");
    return page;
}

Page<MembershipSummary> SecurityIrClient::parseMembershipsPage(const QJsonObject &json)
{
    return parsePage<MembershipSummary>(json, "items"_L1, [](const QJsonObject &item) {
        MembershipSummary summary;
        summary.membershipId = item.value("membershipId"_L1).toString();
        summary.accountId = item.value("accountId"_L1).toString();
        summary.region = item.value("region"_L1).toString();
        summary.membershipArn = item.value("membershipArn"_L1).toString();
        summary.membershipStatus
            = enumMember<domain::MembershipStatus>(item, "membershipStatus"_L1);
        return summary;
    });
}

Page<domain::Investigation> SecurityIrClient::parseInvestigationsPage(
    const QJsonObject &json, const QString &caseId)
{
    domain::FieldErrors errors;
    auto page = parsePage<domain::Investigation>(
        json, "investigationActions"_L1, [&](const QJsonObject &item) {
            domain::Investigation investigation;
            domain::fromJson(item, investigation, &errors, u"investigationActions"_s);
            investigation.caseId = caseId;
            return investigation;
        });
    warnIfInvalid(errors, "ListInvestigations");
    return page;
}

// --- cases ------------------------------------------------------------------------------

AwsReply *SecurityIrClient::createCase(domain::CreateCaseRequest request, AwsCallback<QString> done)
{
    if (request.clientToken.isEmpty())
        request.clientToken = newClientToken();
    return deliver<QString>(
        callRestJson(u"CreateCase"_s, "POST", "/v1/create-case", {}, domain::toJson(request)),
        [](const QJsonObject &json, QString &caseId) {
            caseId = json.value("caseId"_L1).toString();
        },
        std::move(done));
}

AwsReply *SecurityIrClient::getCase(const QString &caseId, AwsCallback<domain::Case> done)
{
    return deliver<domain::Case>(
        callRestJson(u"GetCase"_s, "GET", caseLabel(caseId) + "/get-case"),
        [caseId](const QJsonObject &json, domain::Case &value) {
            domain::FieldErrors errors;
            domain::fromJson(json, value, &errors);
            warnIfInvalid(errors, "GetCase");
            value.caseId = caseId;
        },
        std::move(done));
}

AwsReply *SecurityIrClient::updateCase(
    const domain::UpdateCaseRequest &request, AwsCallback<NoOutput> done)
{
    return deliver<NoOutput>(
        callRestJson(u"UpdateCase"_s, "POST", caseLabel(request.caseId) + "/update-case", {},
            domain::toJson(request)),
        {}, std::move(done));
}

AwsReply *SecurityIrClient::updateCaseStatus(const QString &caseId, domain::CaseStatus status,
    AwsCallback<std::optional<domain::CaseStatus>> done)
{
    const QJsonObject body {{"caseStatus"_L1, domain::toString(status)}};
    return deliver<std::optional<domain::CaseStatus>>(
        callRestJson(
            u"UpdateCaseStatus"_s, "POST", caseLabel(caseId) + "/update-case-status", {}, body),
        [](const QJsonObject &json, std::optional<domain::CaseStatus> &value) {
            value = enumMember<domain::CaseStatus>(json, "caseStatus"_L1);
        },
        std::move(done));
}

AwsReply *SecurityIrClient::updateResolverType(const QString &caseId,
    domain::ResolverType resolverType, AwsCallback<UpdateResolverTypeResult> done)
{
    const QJsonObject body {{"resolverType"_L1, domain::toString(resolverType)}};
    return deliver<UpdateResolverTypeResult>(
        callRestJson(
            u"UpdateResolverType"_s, "POST", caseLabel(caseId) + "/update-resolver-type", {}, body),
        [](const QJsonObject &json, UpdateResolverTypeResult &value) {
            value.caseId = json.value("caseId"_L1).toString();
            value.caseStatus = enumMember<domain::CaseStatus>(json, "caseStatus"_L1);
            value.resolverType = enumMember<domain::ResolverType>(json, "resolverType"_L1);
        },
        std::move(done));
}

AwsReply *SecurityIrClient::closeCase(const QString &caseId, AwsCallback<CloseCaseResult> done)
{
    return deliver<CloseCaseResult>(
        callRestJson(u"CloseCase"_s, "POST", caseLabel(caseId) + "/close-case"),
        [](const QJsonObject &json, CloseCaseResult &value) {
            value.caseStatus = enumMember<domain::CaseStatus>(json, "caseStatus"_L1);
            value.closedDate
                = domain::timestampFromJson(json.value("closedDate"_L1)).value_or(QDateTime());
        },
        std::move(done));
}

AwsReply *SecurityIrClient::listCasesReply(const PageRequest &page)
{
    QJsonObject body;
    addPage(body, page);
    return callRestJson(u"ListCases"_s, "POST", "/v1/list-cases", {}, body);
}

AwsReply *SecurityIrClient::listCases(
    const PageRequest &page, AwsCallback<Page<domain::CaseSummary>> done)
{
    return deliver<Page<domain::CaseSummary>>(
        listCasesReply(page),
        [](const QJsonObject &json, Page<domain::CaseSummary> &value) {
            value = parseCasesPage(json);
        },
        std::move(done));
}

// --- comments and edits -----------------------------------------------------------------

AwsReply *SecurityIrClient::createCaseComment(
    const QString &caseId, const QString &body, QString clientToken, AwsCallback<QString> done)
{
    if (clientToken.isEmpty())
        clientToken = newClientToken();
    const QJsonObject input {{"clientToken"_L1, clientToken}, {"body"_L1, body}};
    return deliver<QString>(
        callRestJson(
            u"CreateCaseComment"_s, "POST", caseLabel(caseId) + "/create-comment", {}, input),
        [](const QJsonObject &json, QString &commentId) {
            commentId = json.value("commentId"_L1).toString();
        },
        std::move(done));
}

AwsReply *SecurityIrClient::updateCaseComment(const QString &caseId, const QString &commentId,
    const QString &body, AwsCallback<UpdateCaseCommentResult> done)
{
    const QJsonObject input {{"body"_L1, body}};
    return deliver<UpdateCaseCommentResult>(
        callRestJson(u"UpdateCaseComment"_s, "PUT",
            caseLabel(caseId) + "/update-case-comment/" + AwsRequest::encodeLabel(commentId), {},
            input),
        [](const QJsonObject &json, UpdateCaseCommentResult &value) {
            value.commentId = json.value("commentId"_L1).toString();
            value.body = json.value("body"_L1).toString();
        },
        std::move(done));
}

AwsReply *SecurityIrClient::listCommentsReply(const QString &caseId, const PageRequest &page)
{
    QJsonObject body;
    addPage(body, page);
    return callRestJson(u"ListComments"_s, "POST", caseLabel(caseId) + "/list-comments", {}, body);
}

AwsReply *SecurityIrClient::listComments(
    const QString &caseId, const PageRequest &page, AwsCallback<Page<domain::Comment>> done)
{
    return deliver<Page<domain::Comment>>(
        listCommentsReply(caseId, page),
        [caseId](const QJsonObject &json, Page<domain::Comment> &value) {
            value = parseCommentsPage(json, caseId);
        },
        std::move(done));
}

AwsReply *SecurityIrClient::listCaseEditsReply(const QString &caseId, const PageRequest &page)
{
    QJsonObject body;
    addPage(body, page);
    return callRestJson(
        u"ListCaseEdits"_s, "POST", caseLabel(caseId) + "/list-case-edits", {}, body);
}

AwsReply *SecurityIrClient::listCaseEdits(
    const QString &caseId, const PageRequest &page, AwsCallback<Page<domain::CaseEdit>> done)
{
    return deliver<Page<domain::CaseEdit>>(
        listCaseEditsReply(caseId, page),
        [caseId](const QJsonObject &json, Page<domain::CaseEdit> &value) {
            value = parseCaseEditsPage(json, caseId);
        },
        std::move(done));
}

// --- attachments ------------------------------------------------------------------------

AwsReply *SecurityIrClient::getCaseAttachmentUploadUrl(const QString &caseId,
    const QString &fileName, qint64 contentLength, QString clientToken, AwsCallback<QString> done)
{
    if (clientToken.isEmpty())
        clientToken = newClientToken();
    const QJsonObject input {{"fileName"_L1, fileName}, {"contentLength"_L1, double(contentLength)},
        {"clientToken"_L1, clientToken}};
    return deliver<QString>(
        callRestJson(u"GetCaseAttachmentUploadUrl"_s, "POST",
            caseLabel(caseId) + "/get-presigned-url", {}, input),
        [](const QJsonObject &json, QString &url) {
            url = json.value("attachmentPresignedUrl"_L1).toString();
        },
        std::move(done));
}

AwsReply *SecurityIrClient::getCaseAttachmentDownloadUrl(
    const QString &caseId, const QString &attachmentId, AwsCallback<QString> done)
{
    return deliver<QString>(
        callRestJson(u"GetCaseAttachmentDownloadUrl"_s, "GET",
            caseLabel(caseId) + "/get-presigned-url/" + AwsRequest::encodeLabel(attachmentId)),
        [](const QJsonObject &json, QString &url) {
            url = json.value("attachmentPresignedUrl"_L1).toString();
        },
        std::move(done));
}

// --- investigations ---------------------------------------------------------------------

AwsReply *SecurityIrClient::listInvestigationsReply(const QString &caseId, const PageRequest &page)
{
    QList<QueryItem> query;
    if (!page.nextToken.isEmpty())
        query.append(QueryItem("nextToken", page.nextToken.toUtf8()));
    if (page.maxResults > 0)
        query.append(QueryItem("maxResults", QByteArray::number(page.maxResults)));
    return callRestJson(
        u"ListInvestigations"_s, "GET", caseLabel(caseId) + "/list-investigations", query);
}

AwsReply *SecurityIrClient::listInvestigations(
    const QString &caseId, const PageRequest &page, AwsCallback<Page<domain::Investigation>> done)
{
    return deliver<Page<domain::Investigation>>(
        listInvestigationsReply(caseId, page),
        [caseId](const QJsonObject &json, Page<domain::Investigation> &value) {
            value = parseInvestigationsPage(json, caseId);
        },
        std::move(done));
}

AwsReply *SecurityIrClient::sendFeedback(const QString &caseId, const QString &resultId,
    domain::UsefulnessRating usefulness, const QString &comment, AwsCallback<NoOutput> done)
{
    QJsonObject input {{"usefulness"_L1, domain::toString(usefulness)}};
    if (!comment.isEmpty())
        input.insert("comment"_L1, comment);
    return deliver<NoOutput>(
        callRestJson(u"SendFeedback"_s, "POST",
            caseLabel(caseId) + "/feedback/" + AwsRequest::encodeLabel(resultId) + "/send-feedback",
            {}, input),
        {}, std::move(done));
}

// --- membership -------------------------------------------------------------------------

AwsReply *SecurityIrClient::createMembership(
    domain::CreateMembershipRequest request, AwsCallback<QString> done)
{
    if (request.clientToken.isEmpty())
        request.clientToken = newClientToken();
    return deliver<QString>(
        callRestJson(u"CreateMembership"_s, "POST", "/v1/membership", {}, domain::toJson(request)),
        [](const QJsonObject &json, QString &membershipId) {
            membershipId = json.value("membershipId"_L1).toString();
        },
        std::move(done));
}

AwsReply *SecurityIrClient::getMembership(
    const QString &membershipId, AwsCallback<domain::Membership> done)
{
    return deliver<domain::Membership>(
        callRestJson(u"GetMembership"_s, "GET", membershipLabel(membershipId)),
        [](const QJsonObject &json, domain::Membership &value) {
            domain::FieldErrors errors;
            domain::fromJson(json, value, &errors);
            warnIfInvalid(errors, "GetMembership");
        },
        std::move(done));
}

AwsReply *SecurityIrClient::updateMembership(
    const domain::UpdateMembershipRequest &request, AwsCallback<NoOutput> done)
{
    return deliver<NoOutput>(callRestJson(u"UpdateMembership"_s, "PUT",
                                 membershipLabel(request.membershipId) + "/update-membership", {},
                                 domain::toJson(request)),
        {}, std::move(done));
}

AwsReply *SecurityIrClient::cancelMembership(const QString &membershipId, AwsCallback<QString> done)
{
    return deliver<QString>(
        callRestJson(u"CancelMembership"_s, "PUT", membershipLabel(membershipId)),
        [](const QJsonObject &json, QString &id) { id = json.value("membershipId"_L1).toString(); },
        std::move(done));
}

AwsReply *SecurityIrClient::listMembershipsReply(const PageRequest &page)
{
    QJsonObject body;
    addPage(body, page);
    return callRestJson(u"ListMemberships"_s, "POST", "/v1/memberships", {}, body);
}

AwsReply *SecurityIrClient::listMemberships(
    const PageRequest &page, AwsCallback<Page<MembershipSummary>> done)
{
    return deliver<Page<MembershipSummary>>(
        listMembershipsReply(page),
        [](const QJsonObject &json, Page<MembershipSummary> &value) {
            value = parseMembershipsPage(json);
        },
        std::move(done));
}

AwsReply *SecurityIrClient::batchGetMemberAccountDetails(const QString &membershipId,
    const QStringList &accountIds, AwsCallback<MemberAccountDetails> done)
{
    const QJsonObject input {{"accountIds"_L1, QJsonArray::fromStringList(accountIds)}};
    return deliver<MemberAccountDetails>(
        callRestJson(u"BatchGetMemberAccountDetails"_s, "POST",
            membershipLabel(membershipId) + "/batch-member-details", {}, input),
        [](const QJsonObject &json, MemberAccountDetails &value) {
            for (const QJsonValue &item : json.value("items"_L1).toArray()) {
                const QJsonObject object = item.toObject();
                value.items.append({object.value("accountId"_L1).toString(),
                    enumMember<domain::MembershipAccountRelationshipStatus>(
                        object, "relationshipStatus"_L1),
                    enumMember<domain::MembershipAccountRelationshipType>(
                        object, "relationshipType"_L1)});
            }
            for (const QJsonValue &item : json.value("errors"_L1).toArray()) {
                const QJsonObject object = item.toObject();
                value.errors.append({object.value("accountId"_L1).toString(),
                    object.value("error"_L1).toString(), object.value("message"_L1).toString()});
            }
        },
        std::move(done));
}

// --- tags -------------------------------------------------------------------------------

AwsReply *SecurityIrClient::tagResource(
    const QString &resourceArn, const domain::Tags &tags, AwsCallback<NoOutput> done)
{
    QJsonObject tagObject;
    for (auto it = tags.cbegin(); it != tags.cend(); ++it)
        tagObject.insert(it.key(), it.value());
    const QJsonObject input {{"tags"_L1, tagObject}};
    return deliver<NoOutput>(
        callRestJson(u"TagResource"_s, "POST", tagsPath(resourceArn), {}, input), {},
        std::move(done));
}

AwsReply *SecurityIrClient::untagResource(
    const QString &resourceArn, const QStringList &tagKeys, AwsCallback<NoOutput> done)
{
    QList<QueryItem> query;
    for (const QString &key : tagKeys)
        query.append(QueryItem("tagKeys", key.toUtf8()));
    return deliver<NoOutput>(
        callRestJson(u"UntagResource"_s, "DELETE", tagsPath(resourceArn), query), {},
        std::move(done));
}

AwsReply *SecurityIrClient::listTagsForResource(
    const QString &resourceArn, AwsCallback<domain::Tags> done)
{
    return deliver<domain::Tags>(
        callRestJson(u"ListTagsForResource"_s, "GET", tagsPath(resourceArn)),
        [](const QJsonObject &json, domain::Tags &tags) {
            const QJsonObject object = json.value("tags"_L1).toObject();
            for (auto it = object.begin(); it != object.end(); ++it)
                tags.insert(it.key(), it.value().toString());
        },
        std::move(done));
}

// --- paginators -------------------------------------------------------------------------

namespace {

template<typename T, typename Parse>
AwsPaginator *startPaginator(AwsHttpClient *http, AwsPaginator::FetchPage fetch, Parse parse,
    std::function<bool(const Page<T> &)> onPage, AwsPaginator::OnDone onDone)
{
    auto *paginator = new AwsPaginator(
        std::move(fetch), u"nextToken"_s,
        [parse, onPage](const QJsonObject &json) { return onPage ? onPage(parse(json)) : true; },
        std::move(onDone), http);
    paginator->start();
    return paginator;
}

} // namespace

AwsPaginator *SecurityIrClient::paginateCases(
    int maxResults, PageHandler<domain::CaseSummary> onPage, AwsPaginator::OnDone onDone)
{
    return startPaginator<domain::CaseSummary>(
        http(),
        [this, maxResults](const QString &token) {
            return listCasesReply({token, maxResults});
        },
        [](const QJsonObject &json) { return parseCasesPage(json); }, std::move(onPage),
        std::move(onDone));
}

AwsPaginator *SecurityIrClient::paginateComments(const QString &caseId, int maxResults,
    PageHandler<domain::Comment> onPage, AwsPaginator::OnDone onDone)
{
    return startPaginator<domain::Comment>(
        http(),
        [this, caseId, maxResults](const QString &token) {
            return listCommentsReply(caseId, {token, maxResults});
        },
        [caseId](const QJsonObject &json) { return parseCommentsPage(json, caseId); },
        std::move(onPage), std::move(onDone));
}

AwsPaginator *SecurityIrClient::paginateCaseEdits(const QString &caseId, int maxResults,
    PageHandler<domain::CaseEdit> onPage, AwsPaginator::OnDone onDone)
{
    return startPaginator<domain::CaseEdit>(
        http(),
        [this, caseId, maxResults](const QString &token) {
            return listCaseEditsReply(caseId, {token, maxResults});
        },
        [caseId](const QJsonObject &json) { return parseCaseEditsPage(json, caseId); },
        std::move(onPage), std::move(onDone));
}

AwsPaginator *SecurityIrClient::paginateMemberships(
    int maxResults, PageHandler<MembershipSummary> onPage, AwsPaginator::OnDone onDone)
{
    return startPaginator<MembershipSummary>(
        http(),
        [this, maxResults](const QString &token) {
            return listMembershipsReply({token, maxResults});
        },
        [](const QJsonObject &json) { return parseMembershipsPage(json); }, std::move(onPage),
        std::move(onDone));
}

AwsPaginator *SecurityIrClient::paginateInvestigations(const QString &caseId, int maxResults,
    PageHandler<domain::Investigation> onPage, AwsPaginator::OnDone onDone)
{
    return startPaginator<domain::Investigation>(
        http(),
        [this, caseId, maxResults](const QString &token) {
            return listInvestigationsReply(caseId, {token, maxResults});
        },
        [caseId](const QJsonObject &json) { return parseInvestigationsPage(json, caseId); },
        std::move(onPage), std::move(onDone));
}

} // namespace warroom::aws
