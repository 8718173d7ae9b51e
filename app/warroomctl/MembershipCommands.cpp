// warroomctl membership ... and whoami.

#include "CtlSupport.h"
#include "WarroomCtl.h"

#include "aws/SecurityIrClient.h"
#include "aws/StsClient.h"

using namespace Qt::StringLiterals;

namespace warroom::ctl {

void addMembershipCommands(WarroomCtl &ctl)
{
    const QString group = u"membership"_s;
    ctl.addCommand({group, u"list"_s, u"ListMemberships"_s,
        {{u"max-items"_s, OptionSpec::Arity::Single, false, QString()},
            {u"page-size"_s, OptionSpec::Arity::Single, false, QString()},
            {u"starting-token"_s, OptionSpec::Arity::Single, false, QString()}},
        true, [](CommandContext &ctx) {
            auto client = securityIr(ctx);
            paginate(ctx, u"ListMemberships"_s, u"items"_s, u"nextToken"_s,
                [client](const QString &token, int pageSize) {
                    return client->listMembershipsReply({token, pageSize});
                });
        }});
    ctl.addCommand({group, u"get"_s, u"GetMembership"_s,
        {{u"membership-id"_s, OptionSpec::Arity::Single, true, QString()}}, true,
        [](CommandContext &ctx) {
            auto client = securityIr(ctx);
            client->getMembership(ctx.value(u"membership-id"_s),
                [&ctx, client](const aws::AwsOutcome<domain::Membership> &outcome) {
                    report(ctx, outcome, u"GetMembership"_s);
                });
        }});
}

void addIdentityCommands(WarroomCtl &ctl)
{
    ctl.addCommand({QString(), u"whoami"_s, u"STS GetCallerIdentity: the account and principal"_s,
        {}, true, [](CommandContext &ctx) {
            auto client = std::make_shared<aws::StsClient>(ctx.http(), ctx.clientConfig());
            client->getCallerIdentity(
                [&ctx, client](const aws::AwsOutcome<aws::CallerIdentity> &outcome) {
                    report(ctx, outcome, u"GetCallerIdentity"_s);
                });
        }});
}

} // namespace warroom::ctl
