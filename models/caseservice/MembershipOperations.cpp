// CreateMembership, GetMembership, UpdateMembership, CancelMembership, ListMemberships,
// BatchGetMemberAccountDetails.

#include "ServiceInternals.h"

#include "domain/JsonTime.h"
#include "domain/MembershipJson.h"
#include "domain/MembershipRequests.h"
#include "domain/Validation.h"

#include <QtCore/QJsonDocument>

using namespace Qt::StringLiterals;

namespace warroom::caseservice::detail {

using domain::MembershipStatus;

namespace {

domain::Membership requireMembership(Context &ctx, const QString &membershipId)
{
    auto m = findMembership(ctx, membershipId);
    if (!m)
        throwError(ServiceError::notFound(u"Membership "_s + membershipId + u" does not exist."_s));
    return *m;
}

std::optional<QString> activeMembershipId(Context &ctx, const QString &except = {})
{
    const Rows rows
        = ctx.select(u"SELECT membership_id FROM memberships WHERE account_id = ? AND status = ?"_s,
            {ctx.config().accountId, u"Active"_s});
    for (const Row &row : rows)
        if (row.at(0).toString() != except)
            return row.at(0).toString();
    return std::nullopt;
}

bool covers(const ServiceConfig &config, const domain::Membership &m, const QString &accountId)
{
    if (m.membershipStatus != MembershipStatus::Active)
        return false;
    if (accountId == m.accountId)
        return true;
    for (const OrganizationAccount &account : config.organizationAccounts) {
        if (account.accountId != accountId)
            continue;
        if (m.membershipAccountsConfigurations.coverEntireOrganization.value_or(false))
            return true;
        // The account's OU or any OU it is nested in (a cycle in the parents stops).
        const QStringList &scope = m.membershipAccountsConfigurations.organizationalUnits;
        QString unit = account.organizationalUnitId;
        for (int depth = 0; !unit.isEmpty() && depth <= config.organizationalUnitParents.size();
             ++depth) {
            if (scope.contains(unit))
                return true;
            unit = config.organizationalUnitParents.value(unit);
        }
        return false;
    }
    return false;
}

qint64 accountsCovered(const ServiceConfig &config, const domain::Membership &m)
{
    if (m.membershipStatus != MembershipStatus::Active)
        return 0;
    qint64 count = 0;
    bool self = false;
    for (const OrganizationAccount &account : config.organizationAccounts) {
        if (covers(config, m, account.accountId))
            ++count;
        self = self || account.accountId == m.accountId;
    }
    return self ? count : count + 1;
}

} // namespace

QJsonObject createMembership(Context &ctx, const QJsonObject &input)
{
    domain::CreateMembershipRequest request;
    domain::FieldErrors errors;
    domain::fromJson(input, request, &errors);
    errors += domain::validate(request);
    if (!errors.isEmpty())
        throwValidation(errors);
    if (const auto existing = activeMembershipId(ctx))
        throwError(ServiceError::conflict(u"Account "_s + ctx.config().accountId
                + u" already has an active membership ("_s + *existing
                + u"); update or cancel it instead."_s,
            *existing, u"membership"_s));

    domain::Membership m;
    do {
        m.membershipId = u"m-"_s + randomLowerAlnum(16);
    } while (findMembership(ctx, m.membershipId));
    m.accountId = ctx.config().accountId;
    m.region = ctx.config().region;
    m.membershipName = request.membershipName;
    m.membershipArn = membershipArn(ctx.config(), m.membershipId);
    m.membershipStatus = MembershipStatus::Active;
    m.membershipActivationTimestamp = ctx.now();
    m.customerType = ctx.config().organizationAccounts.isEmpty()
        ? domain::CustomerType::Standalone
        : domain::CustomerType::Organization;
    m.incidentResponseTeam = request.incidentResponseTeam;
    m.optInFeatures = request.optInFeatures.value_or(QList<domain::OptInFeature>());
    m.membershipAccountsConfigurations.coverEntireOrganization
        = request.coverEntireOrganization.value_or(false);
    saveMembership(ctx, m, true);
    if (!request.tags.isEmpty())
        saveTags(ctx, m.membershipArn, request.tags);
    ctx.recordChange(u"membership"_s, m.membershipId);
    ctx.createdResourceId = m.membershipId;
    return {{u"membershipId"_s, m.membershipId}};
}

QJsonObject getMembership(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString id = in.requiredString(u"membershipId"_s, &domain::checkMembershipId);
    in.throwIfFailed();
    domain::Membership m = requireMembership(ctx, id);
    m.numberOfAccountsCovered = accountsCovered(ctx.config(), m);
    QJsonObject json = domain::toJson(m);
    json.remove(u"tags"_s);
    return json;
}

QJsonObject updateMembership(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString id = in.requiredString(u"membershipId"_s, &domain::checkMembershipId);
    domain::UpdateMembershipRequest request;
    domain::fromJson(input, request, &in.errors());
    request.membershipId = id;
    for (const auto &e : domain::validate(request))
        if (!in.errors().contains(e))
            in.errors().append(e);
    in.throwIfFailed();

    domain::Membership m = requireMembership(ctx, id);
    const bool undo = request.undoMembershipCancellation.value_or(false);
    if (undo) {
        if (m.membershipStatus != MembershipStatus::Cancelled)
            throwError(ServiceError::conflict(
                u"Membership "_s + id + u" is not cancelled; there is nothing to undo."_s, id,
                u"membership"_s));
        if (const auto other = activeMembershipId(ctx, id))
            throwError(ServiceError::conflict(u"Account "_s + ctx.config().accountId
                    + u" has another active membership ("_s + *other + u")."_s,
                *other, u"membership"_s));
        m.membershipStatus = MembershipStatus::Active;
        m.membershipDeactivationTimestamp = QDateTime();
    } else if (m.membershipStatus != MembershipStatus::Active) {
        throwError(ServiceError::conflict(u"Membership "_s + id
                + u" is cancelled; undo the cancellation (undoMembershipCancellation: true) "
                  "before changing it."_s,
            id, u"membership"_s));
    }
    if (request.membershipName)
        m.membershipName = *request.membershipName;
    if (request.incidentResponseTeam)
        m.incidentResponseTeam = *request.incidentResponseTeam;
    if (request.optInFeatures)
        m.optInFeatures = *request.optInFeatures;
    if (request.membershipAccountsConfigurationsUpdate) {
        const auto &update = *request.membershipAccountsConfigurationsUpdate;
        auto &scope = m.membershipAccountsConfigurations;
        if (update.coverEntireOrganization)
            scope.coverEntireOrganization = *update.coverEntireOrganization;
        if (update.organizationalUnitsToRemove)
            for (const QString &ou : *update.organizationalUnitsToRemove)
                scope.organizationalUnits.removeAll(ou);
        if (update.organizationalUnitsToAdd)
            for (const QString &ou : *update.organizationalUnitsToAdd)
                if (!scope.organizationalUnits.contains(ou))
                    scope.organizationalUnits.append(ou);
    }
    saveMembership(ctx, m, false);
    ctx.recordChange(u"membership"_s, id);
    return {};
}

QJsonObject cancelMembership(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString id = in.requiredString(u"membershipId"_s, &domain::checkMembershipId);
    in.throwIfFailed();
    domain::Membership m = requireMembership(ctx, id);
    if (m.membershipStatus == MembershipStatus::Active) {
        m.membershipStatus = MembershipStatus::Cancelled;
        m.membershipDeactivationTimestamp = ctx.now();
        saveMembership(ctx, m, false);
        ctx.recordChange(u"membership"_s, id);
    }
    return {{u"membershipId"_s, id}};
}

QJsonObject listMemberships(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString scope = u"ListMemberships"_s;
    const PageRequest page = readPage(ctx, in, input, scope);
    Rows rows;
    if (page.after) {
        const qint64 createdMs = page.after->at(0).toInteger();
        rows = ctx.select(u"SELECT membership_id, created_ms FROM memberships WHERE created_ms > ? "
                          "OR (created_ms = ? AND membership_id > ?) "
                          "ORDER BY created_ms, membership_id LIMIT ?"_s,
            {createdMs, createdMs, page.after->at(1).toString(), page.limit + 1});
    } else {
        rows = ctx.select(u"SELECT membership_id, created_ms FROM memberships "
                          "ORDER BY created_ms, membership_id LIMIT ?"_s,
            {page.limit + 1});
    }
    QJsonArray items;
    for (qsizetype i = 0; i < rows.size() && i < page.limit; ++i) {
        const auto m = findMembership(ctx, rows.at(i).at(0).toString());
        if (!m)
            continue;
        QJsonObject item {{u"membershipId"_s, m->membershipId}, {u"accountId"_s, m->accountId},
            {u"region"_s, m->region}, {u"membershipArn"_s, m->membershipArn}};
        if (m->membershipStatus)
            item.insert(u"membershipStatus"_s, domain::toString(*m->membershipStatus));
        items.append(item);
    }
    QJsonObject out {{u"items"_s, items}};
    if (rows.size() > page.limit) {
        const Row &last = rows.at(page.limit - 1);
        out.insert(u"nextToken"_s,
            makePageToken(ctx, scope, QJsonArray {last.at(1).toLongLong(), last.at(0).toString()}));
    }
    return out;
}

QJsonObject batchGetMemberAccountDetails(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString id = in.requiredString(u"membershipId"_s, &domain::checkMembershipId);
    const auto accountIds = in.optionalStringList(u"accountIds"_s);
    if (!accountIds)
        in.require(false, u"accountIds"_s);
    else if (accountIds->isEmpty() || accountIds->size() > 100)
        in.fail(u"accountIds"_s,
            u"accountIds must have 1 to 100 entries; it has "_s
                + QString::number(accountIds->size()) + u'.');
    if (accountIds)
        for (qsizetype i = 0; i < accountIds->size(); ++i)
            domain::checkAccountId(
                accountIds->at(i), u"accountIds["_s + QString::number(i) + u']', in.errors());
    in.throwIfFailed();
    const domain::Membership m = requireMembership(ctx, id);

    QJsonArray items, errors;
    for (const QString &accountId : *accountIds) {
        bool inOrganization = accountId == m.accountId;
        for (const OrganizationAccount &account : ctx.config().organizationAccounts)
            inOrganization = inOrganization || account.accountId == accountId;
        if (!inOrganization) {
            errors.append(
                QJsonObject {{u"accountId"_s, accountId}, {u"error"_s, u"AccountNotFound"_s},
                    {u"message"_s,
                        QString(u"Account "_s + accountId
                            + u" is not part of the organisation of this membership."_s)}});
            continue;
        }
        const bool covered = covers(ctx.config(), m, accountId);
        items.append(QJsonObject {{u"accountId"_s, accountId},
            {u"relationshipStatus"_s,
                domain::toString(covered
                        ? domain::MembershipAccountRelationshipStatus::Associated
                        : domain::MembershipAccountRelationshipStatus::Unassociated)},
            {u"relationshipType"_s,
                domain::toString(domain::MembershipAccountRelationshipType::Organization)}});
    }
    return {{u"items"_s, items}, {u"errors"_s, errors}};
}

} // namespace warroom::caseservice::detail
