// CreateCase, GetCase, UpdateCase, UpdateCaseStatus, UpdateResolverType, CloseCase,
// ListCases, CreateCaseComment, UpdateCaseComment, ListComments, ListCaseEdits.

#include "ServiceInternals.h"

#include "domain/CaseEdit.h"
#include "domain/CaseJson.h"
#include "domain/CaseRequests.h"
#include "domain/Comment.h"
#include "domain/JsonTime.h"
#include "domain/Validation.h"

#include <QtCore/QJsonDocument>

using namespace Qt::StringLiterals;

namespace warroom::caseservice::detail {

using domain::CaseStatus;
using domain::ResolverType;

namespace {

QString quoted(const QString &text, int max = 120)
{
    return u'"' + (text.size() > max ? text.left(max - 3) + u"..."_s : text) + u'"';
}

QString caseIdFrom(Input &in)
{
    return in.requiredString(u"caseId"_s, &domain::checkCaseId);
}

// Adds the items of `toAdd` not yet present and removes those of `toDelete`, matching on
// `keyOf`; returns the keys that were actually added and removed.
template<typename T, typename Key>
std::pair<QStringList, QStringList> applyListChange(
    QList<T> &list, const QList<T> &toAdd, const QList<T> &toDelete, Key keyOf)
{
    QStringList added, removed;
    for (const T &item : toDelete) {
        const QString key = keyOf(item);
        for (qsizetype i = list.size() - 1; i >= 0; --i) {
            if (keyOf(list.at(i)) == key) {
                list.removeAt(i);
                if (!removed.contains(key))
                    removed.append(key);
            }
        }
    }
    for (const T &item : toAdd) {
        const QString key = keyOf(item);
        bool present = false;
        for (const T &existing : std::as_const(list))
            present = present || keyOf(existing) == key;
        if (!present) {
            list.append(item);
            added.append(key);
        }
    }
    return {added, removed};
}

void describeListChange(
    QStringList &messages, const QString &label, const std::pair<QStringList, QStringList> &change)
{
    if (!change.first.isEmpty())
        messages.append(label + u" added: "_s + change.first.join(u", "_s));
    if (!change.second.isEmpty())
        messages.append(label + u" removed: "_s + change.second.join(u", "_s));
}

QString statusList(const QList<CaseStatus> &statuses)
{
    QStringList names;
    for (CaseStatus s : statuses)
        names.append(u'"' + domain::toString(s) + u'"');
    return names.join(u", "_s);
}

QList<CaseStatus> allowedNext(CaseStatus from)
{
    QList<CaseStatus> next;
    for (CaseStatus to : domain::selfManagedCaseStatuses())
        if (domain::isSelfManagedTransitionAllowed(from, to))
            next.append(to);
    return next;
}

QString newCommentId(Context &ctx, const QString &caseId)
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString id = randomDigits(6, false);
        if (!ctx.selectOne(
                u"SELECT 1 FROM comments WHERE case_id = ? AND comment_id = ?"_s, {caseId, id}))
            return id;
    }
    throwError(ServiceError::quotaExceeded(
        u"Case "_s + caseId + u" has too many comments to give a new one a unique ID."_s, caseId,
        u"case"_s, u"comments-per-case"_s));
}

} // namespace

QJsonObject createCase(Context &ctx, const QJsonObject &input)
{
    domain::CreateCaseRequest request;
    domain::FieldErrors errors;
    domain::fromJson(input, request, &errors);
    errors += domain::validate(request);
    if (!errors.isEmpty())
        throwValidation(errors);

    QString caseId;
    for (int attempt = 0; caseId.isEmpty(); ++attempt) {
        if (attempt == 50)
            throwError(ServiceError::internal(u"Could not allocate a unique case ID."_s));
        const QString candidate = randomDigits(domain::limits::GeneratedCaseIdDigits, true);
        if (!ctx.selectOne(u"SELECT 1 FROM cases WHERE case_id = ?"_s, {candidate}))
            caseId = candidate;
    }
    domain::Case c;
    c.caseId = caseId;
    c.caseArn = caseArn(ctx.config(), caseId);
    c.title = request.title;
    c.description = request.description;
    c.caseStatus = CaseStatus::Submitted;
    c.engagementType = request.engagementType;
    c.resolverType = request.resolverType;
    c.pendingAction = domain::PendingAction::None;
    c.reportedIncidentStartDate = request.reportedIncidentStartDate;
    c.impactedAccounts = request.impactedAccounts.value_or(QStringList());
    c.watchers = request.watchers.value_or(QList<domain::Watcher>());
    c.threatActorIpAddresses = request.threatActorIpAddresses;
    c.impactedServices = request.impactedServices;
    c.impactedAwsRegions = request.impactedAwsRegions;
    c.createdDate = ctx.now();
    c.lastUpdatedDate = ctx.now();
    saveCase(ctx, c);
    if (!request.tags.isEmpty())
        saveTags(ctx, c.caseArn, request.tags);
    ctx.addEdit(caseId,
        u"Case created with status Submitted, resolver "_s + domain::toString(*c.resolverType)
            + u", engagement type "_s + domain::toString(*c.engagementType) + u": "_s
            + quoted(c.title));
    ctx.recordChange(u"case"_s, caseId);
    ctx.createdResourceId = caseId;
    return {{u"caseId"_s, caseId}};
}

QJsonObject getCase(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = caseIdFrom(in);
    in.throwIfFailed();
    // One statement, so one snapshot without a transaction (see CaseService::call): the
    // case's row first, then its attachments. The stored document is domain::toJson of
    // the case, so it is answered as it is, without a round trip through domain::Case.
    const Rows rows = ctx.select(
        u"SELECT 0, document, NULL, NULL, NULL, created_ms FROM cases WHERE case_id = ? "
        "UNION ALL SELECT 1, attachment_id, file_name, status, creator, created_ms "
        "FROM attachments WHERE case_id = ? ORDER BY 1, 6, 2"_s,
        {caseId, caseId});
    if (rows.isEmpty() || rows.first().at(0).toInt() != 0)
        throwError(ServiceError::notFound(u"Case "_s + caseId + u" does not exist."_s));
    QJsonObject json = QJsonDocument::fromJson(rows.first().at(1).toByteArray()).object();
    json.remove(u"caseId"_s); // GetCase does not echo it
    json.remove(u"tags"_s); // ListTagsForResource
    json.remove(u"caseAttachments"_s); // kept in the attachments table
    if (rows.size() > 1) {
        QJsonArray list;
        for (qsizetype i = 1; i < rows.size(); ++i)
            list.append(domain::toJson(attachmentFromRow(rows.at(i), 1)));
        json.insert(u"caseAttachments"_s, list);
    }
    return json;
}

QJsonObject updateCase(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = caseIdFrom(in);
    domain::UpdateCaseRequest request;
    domain::fromJson(input, request, &in.errors());
    request.caseId = caseId;
    for (const auto &e : domain::validate(request))
        if (!in.errors().contains(e))
            in.errors().append(e);
    in.throwIfFailed();

    domain::Case c = loadCase(ctx, caseId);
    requireOpen(c);
    QStringList messages;
    if (request.title && *request.title != c.title) {
        messages.append(
            u"Title changed from "_s + quoted(c.title) + u" to "_s + quoted(*request.title));
        c.title = *request.title;
    }
    if (request.description && *request.description != c.description) {
        messages.append(u"Description updated"_s);
        c.description = *request.description;
    }
    if (request.reportedIncidentStartDate.isValid()
        && request.reportedIncidentStartDate != c.reportedIncidentStartDate) {
        messages.append(
            u"Reported incident start date set to "_s + isoTime(request.reportedIncidentStartDate));
        c.reportedIncidentStartDate = request.reportedIncidentStartDate;
    }
    if (request.actualIncidentStartDate.isValid()
        && request.actualIncidentStartDate != c.actualIncidentStartDate) {
        messages.append(
            u"Actual incident start date set to "_s + isoTime(request.actualIncidentStartDate));
        c.actualIncidentStartDate = request.actualIncidentStartDate;
    }
    if (request.engagementType && request.engagementType != c.engagementType) {
        messages.append(u"Engagement type changed from "_s
            + (c.engagementType ? domain::toString(*c.engagementType) : u"none"_s) + u" to "_s
            + domain::toString(*request.engagementType));
        c.engagementType = request.engagementType;
    }
    describeListChange(messages, u"Watchers"_s,
        applyListChange(c.watchers, request.watchersToAdd, request.watchersToDelete,
            [](const domain::Watcher &w) { return w.email.toLower(); }));
    describeListChange(messages, u"Threat actor IP addresses"_s,
        applyListChange(c.threatActorIpAddresses, request.threatActorIpAddressesToAdd,
            request.threatActorIpAddressesToDelete,
            [](const domain::ThreatActorIp &ip) { return ip.ipAddress; }));
    describeListChange(messages, u"Impacted services"_s,
        applyListChange(c.impactedServices, request.impactedServicesToAdd,
            request.impactedServicesToDelete, [](const QString &s) { return s; }));
    describeListChange(messages, u"Impacted regions"_s,
        applyListChange(c.impactedAwsRegions, request.impactedAwsRegionsToAdd,
            request.impactedAwsRegionsToDelete,
            [](const domain::ImpactedRegion &r) { return r.region; }));
    describeListChange(messages, u"Impacted accounts"_s,
        applyListChange(c.impactedAccounts, request.impactedAccountsToAdd,
            request.impactedAccountsToDelete, [](const QString &s) { return s; }));
    if (request.caseMetadata && *request.caseMetadata != c.caseMetadata) {
        messages.append(u"Case metadata replaced ("_s
            + QString::number(request.caseMetadata->size()) + u" entries)"_s);
        c.caseMetadata = *request.caseMetadata;
    }
    if (messages.isEmpty())
        return {};

    // The lists after the change must still fit the model's limits.
    domain::FieldErrors errors;
    domain::checkWatchers(c.watchers, u"watchersToAdd"_s, errors);
    domain::checkThreatActorIps(c.threatActorIpAddresses, u"threatActorIpAddressesToAdd"_s, errors);
    domain::checkImpactedServices(c.impactedServices, u"impactedServicesToAdd"_s, errors);
    domain::checkImpactedRegions(c.impactedAwsRegions, u"impactedAwsRegionsToAdd"_s, errors);
    domain::checkImpactedAccounts(c.impactedAccounts, u"impactedAccountsToAdd"_s, errors);
    if (!errors.isEmpty())
        throwValidation(errors);

    touchCase(ctx, c);
    for (const QString &message : std::as_const(messages))
        ctx.addEdit(caseId, message);
    ctx.recordChange(u"case"_s, caseId);
    return {};
}

QJsonObject updateCaseStatus(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = caseIdFrom(in);
    const auto status = in.optionalEnum<CaseStatus>(u"caseStatus"_s);
    if (status && !domain::isSelfManagedStatus(*status))
        in.fail(u"caseStatus"_s,
            u"Must be one of "_s + statusList(domain::selfManagedCaseStatuses())
                + u"; close a case with CloseCase."_s);
    if (!input.contains(u"caseStatus"_s))
        in.require(false, u"caseStatus"_s);
    in.throwIfFailed();

    domain::Case c = loadCase(ctx, caseId);
    requireOpen(c);
    if (c.resolverType == ResolverType::AWS)
        throwError(ServiceError::validation(
            u"AWS manages the status of AWS-supported cases; UpdateCaseStatus applies only to "
            "self-managed cases (close one with CloseCase)."_s,
            {{u"caseStatus"_s, u"AWS manages the status of this case."_s}}, u"OTHER"_s));
    const CaseStatus from = c.caseStatus.value_or(CaseStatus::Submitted);
    if (!domain::isSelfManagedTransitionAllowed(from, *status)) {
        const QList<CaseStatus> next = allowedNext(from);
        const QString allowedText = next.isEmpty()
            ? u"no status can follow it except Closed (CloseCase)"_s
            : u"allowed next statuses: "_s + statusList(next) + u" (or CloseCase)"_s;
        const QString message = u"Cannot change the status from \""_s + domain::toString(from)
            + u"\" to \""_s + domain::toString(*status) + u"\"; "_s + allowedText + u'.';
        throwError(ServiceError::validation(message, {{u"caseStatus"_s, message}}, u"OTHER"_s));
    }
    c.caseStatus = *status;
    touchCase(ctx, c);
    ctx.addEdit(caseId,
        u"Status changed from "_s + domain::toString(from) + u" to "_s + domain::toString(*status));
    ctx.recordChange(u"case"_s, caseId);
    return {{u"caseStatus"_s, domain::toString(*status)}};
}

QJsonObject updateResolverType(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = caseIdFrom(in);
    const auto resolver = in.optionalEnum<ResolverType>(u"resolverType"_s);
    if (!input.contains(u"resolverType"_s))
        in.require(false, u"resolverType"_s);
    in.throwIfFailed();

    domain::Case c = loadCase(ctx, caseId);
    requireOpen(c);
    const ResolverType current = c.resolverType.value_or(ResolverType::Self);
    if (current == ResolverType::AWS && *resolver == ResolverType::Self)
        throwError(ServiceError::conflict(u"Case "_s + caseId
                + u" is AWS-supported; changing the resolver is one-way and cannot return it "
                  "to self-managed."_s,
            caseId, u"case"_s));
    if (current != *resolver) {
        c.resolverType = *resolver;
        touchCase(ctx, c);
        ctx.addEdit(caseId,
            u"Resolver changed from "_s + domain::toString(current) + u" to "_s
                + domain::toString(*resolver));
        ctx.recordChange(u"case"_s, caseId);
    }
    QJsonObject out {{u"caseId"_s, caseId}, {u"resolverType"_s, domain::toString(*resolver)}};
    if (c.caseStatus)
        out.insert(u"caseStatus"_s, domain::toString(*c.caseStatus));
    return out;
}

QJsonObject closeCase(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = caseIdFrom(in);
    in.throwIfFailed();
    domain::Case c = loadCase(ctx, caseId);
    requireOpen(c);
    const QString from = c.caseStatus ? domain::toString(*c.caseStatus) : u"none"_s;
    c.caseStatus = CaseStatus::Closed;
    c.closedDate = ctx.now();
    c.pendingAction = domain::PendingAction::None;
    touchCase(ctx, c);
    ctx.addEdit(caseId, u"Case closed (status was "_s + from + u')');
    ctx.recordChange(u"case"_s, caseId);
    return {{u"caseStatus"_s, domain::toString(CaseStatus::Closed)},
        {u"closedDate"_s, domain::timestampToJson(c.closedDate)}};
}

QJsonObject listCases(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString scope = u"ListCases"_s;
    const PageRequest page = readPage(ctx, in, input, scope);
    Rows rows;
    if (page.after) {
        const qint64 createdMs = page.after->at(0).toInteger();
        const QString id = page.after->at(1).toString();
        rows = ctx.select(u"SELECT case_id, created_ms, document FROM cases WHERE created_ms > ? "
                          "OR (created_ms = ? AND case_id > ?) ORDER BY created_ms, case_id "
                          "LIMIT ?"_s,
            {createdMs, createdMs, id, page.limit + 1});
    } else {
        rows = ctx.select(u"SELECT case_id, created_ms, document FROM cases "
                          "ORDER BY created_ms, case_id LIMIT ?"_s,
            {page.limit + 1});
    }
    QJsonObject out;
    QJsonArray items;
    for (qsizetype i = 0; i < rows.size() && i < page.limit; ++i) {
        domain::Case c;
        domain::fromJson(QJsonDocument::fromJson(rows.at(i).at(2).toByteArray()).object(), c);
        c.caseId = rows.at(i).at(0).toString();
        items.append(domain::toJson(domain::summaryOf(c)));
    }
    if (rows.size() > page.limit) {
        const Row &last = rows.at(page.limit - 1);
        out.insert(u"nextToken"_s,
            makePageToken(ctx, scope, QJsonArray {last.at(1).toLongLong(), last.at(0).toString()}));
    }
    out.insert(u"items"_s, items);
    const auto total = ctx.selectOne(u"SELECT COUNT(*) FROM cases"_s);
    out.insert(u"total"_s, total ? total->at(0).toLongLong() : 0);
    return out;
}

QJsonObject createCaseComment(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = caseIdFrom(in);
    const QString body = in.requiredString(u"body"_s, &domain::checkCommentBody);
    in.throwIfFailed();
    domain::Case c = loadCase(ctx, caseId);
    requireOpen(c);
    const QString commentId = newCommentId(ctx, caseId);
    ctx.exec(u"INSERT INTO comments (case_id, comment_id, created_ms, updated_ms, creator, "
             "last_updated_by, body) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
        {caseId, commentId, ctx.nowMs(), ctx.nowMs(), ctx.principalId(), ctx.principalId(), body});
    touchCase(ctx, c);
    ctx.addEdit(caseId, u"Comment "_s + commentId + u" added"_s);
    ctx.recordChange(u"comment"_s, caseId);
    ctx.createdResourceId = commentId;
    return {{u"commentId"_s, commentId}};
}

QJsonObject updateCaseComment(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = caseIdFrom(in);
    const QString commentId = in.requiredString(u"commentId"_s, &domain::checkCommentId);
    const QString body = in.requiredString(u"body"_s, &domain::checkCommentBody);
    in.throwIfFailed();
    domain::Case c = loadCase(ctx, caseId);
    const auto row = ctx.selectOne(
        u"SELECT creator, body FROM comments WHERE case_id = ? AND comment_id = ?"_s,
        {caseId, commentId});
    if (!row)
        throwError(ServiceError::notFound(
            u"Comment "_s + commentId + u" does not exist on case "_s + caseId + u'.'));
    if (row->at(0).toString() != ctx.principalId())
        throwError(ServiceError::accessDenied(u"Only the author of comment "_s + commentId + u" ("_s
            + row->at(0).toString() + u") can edit it."_s));
    requireOpen(c);
    if (row->at(1).toString() != body) {
        ctx.exec(u"UPDATE comments SET body = ?, updated_ms = ?, last_updated_by = ? "
                 "WHERE case_id = ? AND comment_id = ?"_s,
            {body, ctx.nowMs(), ctx.principalId(), caseId, commentId});
        touchCase(ctx, c);
        ctx.addEdit(caseId, u"Comment "_s + commentId + u" edited"_s);
        ctx.recordChange(u"comment"_s, caseId);
    }
    return {{u"commentId"_s, commentId}, {u"body"_s, body}};
}

QJsonObject listComments(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = caseIdFrom(in);
    in.throwIfFailed();
    const QString scope = u"ListComments:"_s + caseId;
    const PageRequest page = readPage(ctx, in, input, scope);
    loadCase(ctx, caseId);
    const QString columns
        = u"SELECT comment_id, created_ms, updated_ms, creator, last_updated_by, body "
          "FROM comments WHERE case_id = ? "_s;
    Rows rows;
    if (page.after) {
        const qint64 createdMs = page.after->at(0).toInteger();
        rows = ctx.select(columns
                + u"AND (created_ms > ? OR (created_ms = ? AND comment_id > ?)) "
                  "ORDER BY created_ms, comment_id LIMIT ?"_s,
            {caseId, createdMs, createdMs, page.after->at(1).toString(), page.limit + 1});
    } else {
        rows = ctx.select(
            columns + u"ORDER BY created_ms, comment_id LIMIT ?"_s, {caseId, page.limit + 1});
    }
    QJsonArray items;
    for (qsizetype i = 0; i < rows.size() && i < page.limit; ++i) {
        const Row &row = rows.at(i);
        domain::Comment comment;
        comment.commentId = row.at(0).toString();
        comment.createdDate = fromMs(row.at(1));
        comment.lastUpdatedDate = fromMs(row.at(2));
        comment.creator = row.at(3).toString();
        comment.lastUpdatedBy = row.at(4).toString();
        comment.body = row.at(5).toString();
        items.append(domain::toJson(comment));
    }
    QJsonObject out {{u"items"_s, items}};
    if (rows.size() > page.limit) {
        const Row &last = rows.at(page.limit - 1);
        out.insert(u"nextToken"_s,
            makePageToken(ctx, scope, QJsonArray {last.at(1).toLongLong(), last.at(0).toString()}));
    }
    const auto total
        = ctx.selectOne(u"SELECT COUNT(*) FROM comments WHERE case_id = ?"_s, {caseId});
    out.insert(u"total"_s, total ? total->at(0).toInt() : 0);
    return out;
}

QJsonObject listCaseEdits(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = caseIdFrom(in);
    in.throwIfFailed();
    const QString scope = u"ListCaseEdits:"_s + caseId;
    const PageRequest page = readPage(ctx, in, input, scope);
    loadCase(ctx, caseId);
    const qint64 after = page.after ? page.after->at(0).toInteger() : -1;
    const Rows rows = ctx.select(u"SELECT edit_seq, event_ms, principal, action, message "
                                 "FROM case_edits WHERE case_id = ? AND edit_seq > ? "
                                 "ORDER BY edit_seq LIMIT ?"_s,
        {caseId, after, page.limit + 1});
    QJsonArray items;
    for (qsizetype i = 0; i < rows.size() && i < page.limit; ++i) {
        const Row &row = rows.at(i);
        domain::CaseEdit edit;
        edit.eventTimestamp = fromMs(row.at(1));
        edit.principal = row.at(2).toString();
        edit.action = row.at(3).toString();
        edit.message = row.at(4).toString();
        items.append(domain::toJson(edit));
    }
    QJsonObject out {{u"items"_s, items}};
    if (rows.size() > page.limit)
        out.insert(u"nextToken"_s,
            makePageToken(ctx, scope, QJsonArray {rows.at(page.limit - 1).at(0).toLongLong()}));
    const auto total
        = ctx.selectOne(u"SELECT COUNT(*) FROM case_edits WHERE case_id = ?"_s, {caseId});
    out.insert(u"total"_s, total ? total->at(0).toInt() : 0);
    return out;
}

} // namespace warroom::caseservice::detail
