#pragma once

#include "WarroomCtl.h"

#include "aws/AwsServiceClient.h"
#include "domain/CaseParts.h"
#include "domain/Enums.h"

#include <QtCore/QDateTime>
#include <memory>

namespace warroom::aws {
class SecurityIrClient;
}

namespace warroom::ctl {

// A client for this run, shared by the callbacks that use it.
std::shared_ptr<aws::SecurityIrClient> securityIr(const CommandContext &ctx);

// Prints the operation's output JSON, or the error, and finishes.
template<typename T>
void report(CommandContext &ctx, const aws::AwsOutcome<T> &outcome, const QString &operation)
{
    if (outcome.ok())
        ctx.succeed(outcome.json);
    else
        ctx.fail(outcome.error, operation);
}

// Walks a list operation (--max-items, --page-size, --starting-token as in the AWS CLI)
// and prints {itemsKey: [...all items...], "total"?, "NextToken"?}.
void paginate(CommandContext &ctx, const QString &operation, const QString &itemsKey,
    const QString &tokenKey,
    std::function<aws::AwsReply *(const QString &token, int pageSize)> fetch);

// Option parsers: false after reporting a usage error.
bool parseDateOption(CommandContext &ctx, const QString &option, QDateTime &out);
bool parseWatchers(CommandContext &ctx, const QString &option, QList<domain::Watcher> &out);
bool parseThreatActors(
    CommandContext &ctx, const QString &option, QList<domain::ThreatActorIp> &out);
bool parseRegions(CommandContext &ctx, const QString &option, QList<domain::ImpactedRegion> &out);
bool parseTags(CommandContext &ctx, const QString &option, domain::Tags &out);

template<typename E>
bool parseEnumOption(CommandContext &ctx, const QString &option, std::optional<E> &out)
{
    if (!ctx.has(option))
        return true;
    const QString text = ctx.value(option);
    out = domain::fromString<E>(text);
    if (out)
        return true;
    QStringList choices;
    for (const E value : domain::allValues<E>())
        choices << u'"' + domain::toString(value) + u'"';
    ctx.usageError(QStringLiteral("argument --%1: Invalid choice: \"%2\", valid choices are: %3")
                       .arg(option, text, choices.join(QStringLiteral(", "))));
    return false;
}

} // namespace warroom::ctl
