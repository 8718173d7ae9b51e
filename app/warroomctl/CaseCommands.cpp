// warroomctl cases ...: the security-ir case operations, with the AWS CLI's option names.

#include "CtlSupport.h"
#include "WarroomCtl.h"

#include "aws/SecurityIrClient.h"
#include "domain/CaseJson.h"

using namespace Qt::StringLiterals;

namespace warroom::ctl {

namespace {

using Arity = OptionSpec::Arity;

OptionSpec single(const QString &name, bool required = false, const QString &help = QString())
{
    return {name, Arity::Single, required, help};
}

OptionSpec list(const QString &name, bool required = false, const QString &help = QString())
{
    return {name, Arity::List, required, help};
}

const QList<OptionSpec> PagingOptions {
    single(u"max-items"_s), single(u"page-size"_s), single(u"starting-token"_s)};

QList<OptionSpec> withPaging(QList<OptionSpec> options)
{
    return options + PagingOptions;
}

void runCreate(CommandContext &ctx)
{
    auto client = securityIr(ctx);
    domain::CreateCaseRequest request;
    request.title = ctx.value(u"title"_s);
    request.description = ctx.value(u"description"_s);
    request.clientToken = ctx.value(u"client-token"_s);
    if (!parseEnumOption(ctx, u"engagement-type"_s, request.engagementType)
        || !parseEnumOption(ctx, u"resolver-type"_s, request.resolverType))
        return;
    if (!parseDateOption(ctx, u"reported-incident-start-date"_s, request.reportedIncidentStartDate))
        return;
    request.impactedAccounts = ctx.values(u"impacted-accounts"_s);
    QList<domain::Watcher> watchers;
    if (!parseWatchers(ctx, u"watchers"_s, watchers))
        return;
    request.watchers = watchers;
    if (!parseThreatActors(ctx, u"threat-actor-ip-addresses"_s, request.threatActorIpAddresses)
        || !parseRegions(ctx, u"impacted-aws-regions"_s, request.impactedAwsRegions)
        || !parseTags(ctx, u"tags"_s, request.tags))
        return;
    request.impactedServices = ctx.values(u"impacted-services"_s);
    client->createCase(request, [&ctx, client](const aws::AwsOutcome<QString> &outcome) {
        report(ctx, outcome, u"CreateCase"_s);
    });
}

void runUpdate(CommandContext &ctx)
{
    auto client = securityIr(ctx);
    domain::UpdateCaseRequest request;
    request.caseId = ctx.value(u"case-id"_s);
    if (ctx.has(u"title"_s))
        request.title = ctx.value(u"title"_s);
    if (ctx.has(u"description"_s))
        request.description = ctx.value(u"description"_s);
    if (!parseEnumOption(ctx, u"engagement-type"_s, request.engagementType)
        || !parseDateOption(
            ctx, u"reported-incident-start-date"_s, request.reportedIncidentStartDate)
        || !parseDateOption(ctx, u"actual-incident-start-date"_s, request.actualIncidentStartDate)
        || !parseWatchers(ctx, u"watchers-to-add"_s, request.watchersToAdd)
        || !parseWatchers(ctx, u"watchers-to-delete"_s, request.watchersToDelete)
        || !parseThreatActors(
            ctx, u"threat-actor-ip-addresses-to-add"_s, request.threatActorIpAddressesToAdd)
        || !parseThreatActors(
            ctx, u"threat-actor-ip-addresses-to-delete"_s, request.threatActorIpAddressesToDelete)
        || !parseRegions(ctx, u"impacted-aws-regions-to-add"_s, request.impactedAwsRegionsToAdd)
        || !parseRegions(
            ctx, u"impacted-aws-regions-to-delete"_s, request.impactedAwsRegionsToDelete))
        return;
    request.impactedAccountsToAdd = ctx.values(u"impacted-accounts-to-add"_s);
    request.impactedAccountsToDelete = ctx.values(u"impacted-accounts-to-delete"_s);
    request.impactedServicesToAdd = ctx.values(u"impacted-services-to-add"_s);
    request.impactedServicesToDelete = ctx.values(u"impacted-services-to-delete"_s);
    client->updateCase(request, [&ctx, client](const aws::AwsOutcome<aws::NoOutput> &outcome) {
        report(ctx, outcome, u"UpdateCase"_s);
    });
}

void runList(CommandContext &ctx, const QString &operation, const QString &itemsKey,
    std::function<aws::AwsReply *(aws::SecurityIrClient &, const aws::PageRequest &)> call)
{
    auto client = securityIr(ctx);
    paginate(ctx, operation, itemsKey, u"nextToken"_s,
        [client, call](const QString &token, int pageSize) {
            return call(*client, {token, pageSize});
        });
}

} // namespace

void addCaseCommands(WarroomCtl &ctl)
{
    const QString group = u"cases"_s;
    ctl.addCommand({group, u"list"_s,
        u"ListCases: every case, following nextToken (with --workspace DIR: the cases in "
        u"the workspace's local store)"_s,
        PagingOptions, true, [](CommandContext &ctx) {
            runList(ctx, u"ListCases"_s, u"items"_s,
                [](aws::SecurityIrClient &c, const aws::PageRequest &p) {
                    return c.listCasesReply(p);
                });
        }});
    ctl.addWorkspaceVariant(u"cases list"_s, u"workspace cases"_s);
    ctl.addCommand({group, u"get"_s, u"GetCase"_s, {single(u"case-id"_s, true)}, true,
        [](CommandContext &ctx) {
            auto client = securityIr(ctx);
            client->getCase(ctx.value(u"case-id"_s),
                [&ctx, client](const aws::AwsOutcome<domain::Case> &outcome) {
                    report(ctx, outcome, u"GetCase"_s);
                });
        }});
    ctl.addCommand({group, u"create"_s, u"CreateCase"_s,
        {single(u"title"_s, true), single(u"description"_s, true),
            single(u"engagement-type"_s, true, u"Security Incident | Investigation"_s),
            single(u"resolver-type"_s, true, u"AWS | Self"_s),
            single(u"reported-incident-start-date"_s, true, u"ISO 8601 or epoch seconds"_s),
            list(u"impacted-accounts"_s),
            list(u"watchers"_s, false, u"email=...,name=...,jobTitle=..."_s),
            list(u"threat-actor-ip-addresses"_s, false, u"ipAddress=...,userAgent=..."_s),
            list(u"impacted-services"_s), list(u"impacted-aws-regions"_s), list(u"tags"_s),
            single(u"client-token"_s)},
        true, runCreate});
    ctl.addCommand({group, u"update"_s, u"UpdateCase"_s,
        {single(u"case-id"_s, true), single(u"title"_s), single(u"description"_s),
            single(u"engagement-type"_s), single(u"reported-incident-start-date"_s),
            single(u"actual-incident-start-date"_s), list(u"watchers-to-add"_s),
            list(u"watchers-to-delete"_s), list(u"threat-actor-ip-addresses-to-add"_s),
            list(u"threat-actor-ip-addresses-to-delete"_s), list(u"impacted-services-to-add"_s),
            list(u"impacted-services-to-delete"_s), list(u"impacted-aws-regions-to-add"_s),
            list(u"impacted-aws-regions-to-delete"_s), list(u"impacted-accounts-to-add"_s),
            list(u"impacted-accounts-to-delete"_s)},
        true, runUpdate});
    ctl.addCommand({group, u"update-status"_s, u"UpdateCaseStatus"_s,
        {single(u"case-id"_s, true), single(u"case-status"_s, true)}, true,
        [](CommandContext &ctx) {
            std::optional<domain::CaseStatus> status;
            if (!parseEnumOption(ctx, u"case-status"_s, status))
                return;
            if (!domain::isSelfManagedStatus(*status)) {
                QStringList choices;
                for (const domain::CaseStatus value : domain::selfManagedCaseStatuses())
                    choices << u'"' + domain::toString(value) + u'"';
                ctx.usageError(u"argument --case-status: Invalid choice: \"%1\", valid choices "
                               u"are: %2 (close a case with: cases close)"_s.arg(
                                   ctx.value(u"case-status"_s), choices.join(u", "_s)));
                return;
            }
            auto client = securityIr(ctx);
            client->updateCaseStatus(ctx.value(u"case-id"_s), *status,
                [&ctx, client](const aws::AwsOutcome<std::optional<domain::CaseStatus>> &outcome) {
                    report(ctx, outcome, u"UpdateCaseStatus"_s);
                });
        }});
    ctl.addCommand(
        {group, u"update-resolver-type"_s, u"UpdateResolverType (one way: Self to AWS)"_s,
            {single(u"case-id"_s, true), single(u"resolver-type"_s, true)}, true,
            [](CommandContext &ctx) {
                std::optional<domain::ResolverType> resolver;
                if (!parseEnumOption(ctx, u"resolver-type"_s, resolver))
                    return;
                auto client = securityIr(ctx);
                client->updateResolverType(ctx.value(u"case-id"_s), *resolver,
                    [&ctx, client](const aws::AwsOutcome<aws::UpdateResolverTypeResult> &outcome) {
                        report(ctx, outcome, u"UpdateResolverType"_s);
                    });
            }});
    ctl.addCommand({group, u"close"_s, u"CloseCase"_s, {single(u"case-id"_s, true)}, true,
        [](CommandContext &ctx) {
            auto client = securityIr(ctx);
            client->closeCase(ctx.value(u"case-id"_s),
                [&ctx, client](const aws::AwsOutcome<aws::CloseCaseResult> &outcome) {
                    report(ctx, outcome, u"CloseCase"_s);
                });
        }});
    ctl.addCommand({group, u"comment"_s, u"CreateCaseComment"_s,
        {single(u"case-id"_s, true), single(u"body"_s, true), single(u"client-token"_s)}, true,
        [](CommandContext &ctx) {
            auto client = securityIr(ctx);
            client->createCaseComment(ctx.value(u"case-id"_s), ctx.value(u"body"_s),
                ctx.value(u"client-token"_s),
                [&ctx, client](const aws::AwsOutcome<QString> &outcome) {
                    report(ctx, outcome, u"CreateCaseComment"_s);
                });
        }});
    ctl.addCommand({group, u"update-comment"_s, u"UpdateCaseComment"_s,
        {single(u"case-id"_s, true), single(u"comment-id"_s, true), single(u"body"_s, true)}, true,
        [](CommandContext &ctx) {
            auto client = securityIr(ctx);
            client->updateCaseComment(ctx.value(u"case-id"_s), ctx.value(u"comment-id"_s),
                ctx.value(u"body"_s),
                [&ctx, client](const aws::AwsOutcome<aws::UpdateCaseCommentResult> &outcome) {
                    report(ctx, outcome, u"UpdateCaseComment"_s);
                });
        }});
    ctl.addCommand({group, u"comments"_s, u"ListComments of a case"_s,
        withPaging({single(u"case-id"_s, true)}), true, [](CommandContext &ctx) {
            const QString caseId = ctx.value(u"case-id"_s);
            runList(ctx, u"ListComments"_s, u"items"_s,
                [caseId](aws::SecurityIrClient &c, const aws::PageRequest &p) {
                    return c.listCommentsReply(caseId, p);
                });
        }});
    ctl.addCommand({group, u"edits"_s, u"ListCaseEdits: the audit history of a case"_s,
        withPaging({single(u"case-id"_s, true)}), true, [](CommandContext &ctx) {
            const QString caseId = ctx.value(u"case-id"_s);
            runList(ctx, u"ListCaseEdits"_s, u"items"_s,
                [caseId](aws::SecurityIrClient &c, const aws::PageRequest &p) {
                    return c.listCaseEditsReply(caseId, p);
                });
        }});
    ctl.addCommand({group, u"investigations"_s, u"ListInvestigations of a case"_s,
        withPaging({single(u"case-id"_s, true)}), true, [](CommandContext &ctx) {
            const QString caseId = ctx.value(u"case-id"_s);
            runList(ctx, u"ListInvestigations"_s, u"investigationActions"_s,
                [caseId](aws::SecurityIrClient &c, const aws::PageRequest &p) {
                    return c.listInvestigationsReply(caseId, p);
                });
        }});
}

} // namespace warroom::ctl
