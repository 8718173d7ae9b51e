#include "SuppressionRule.h"

#include <QtCore/QLatin1String>

#include <cstddef>
#include <iterator>

namespace warroom::domain {
namespace {
const char *const kActions[] = {"Suppress", "Escalate", "Queue"};
const char *const kOperators[] = {"Equals", "NotEquals", "Prefix", "Contains", "GreaterThan",
    "GreaterOrEqual", "LessThan", "LessOrEqual", "InCidr"};
// Finding members a rule may test, by their JSON names.
const char *const kRuleFields[] = {"id", "source", "productName", "type", "title", "description",
    "severityLabel", "severityScore", "accountId", "region", "resourceType", "resourceId",
    "remoteIps", "count", "archived", "workflowState"};
} // namespace

QString toString(EnumArg<RuleAction> arg)
{
    const auto i = static_cast<std::size_t>(arg.value);
    return i < std::size(kActions) ? QString(QLatin1String(kActions[i])) : QString();
}

QString toString(EnumArg<RuleOperator> arg)
{
    const auto i = static_cast<std::size_t>(arg.value);
    return i < std::size(kOperators) ? QString(QLatin1String(kOperators[i])) : QString();
}

std::optional<RuleAction> ruleActionFromString(QStringView text)
{
    for (std::size_t i = 0; i < std::size(kActions); ++i) {
        if (text == QLatin1String(kActions[i]))
            return static_cast<RuleAction>(i);
    }
    return std::nullopt;
}

std::optional<RuleOperator> ruleOperatorFromString(QStringView text)
{
    for (std::size_t i = 0; i < std::size(kOperators); ++i) {
        if (text == QLatin1String(kOperators[i]))
            return static_cast<RuleOperator>(i);
    }
    return std::nullopt;
}

QList<RuleOperator> allRuleOperators()
{
    QList<RuleOperator> ops;
    for (std::size_t i = 0; i < std::size(kOperators); ++i)
        ops.append(static_cast<RuleOperator>(i));
    return ops;
}

bool isNumericOperator(RuleOperator op)
{
    return op == RuleOperator::GreaterThan || op == RuleOperator::GreaterOrEqual
        || op == RuleOperator::LessThan || op == RuleOperator::LessOrEqual;
}

QStringList ruleFieldNames()
{
    QStringList names;
    for (const char *name : kRuleFields)
        names.append(QLatin1String(name));
    return names;
}

bool isRuleField(QStringView field)
{
    for (const char *name : kRuleFields) {
        if (field == QLatin1String(name))
            return true;
    }
    return false;
}

bool isNumericRuleField(QStringView field)
{
    return field == QLatin1String("severityScore") || field == QLatin1String("count");
}

bool operator==(const RuleCriterion &a, const RuleCriterion &b)
{
    return a.field == b.field && a.op == b.op && a.value == b.value;
}

bool operator==(const SuppressionRule &a, const SuppressionRule &b)
{
    return a.id == b.id && a.name == b.name && a.description == b.description
        && a.position == b.position && a.enabled == b.enabled && a.terminal == b.terminal
        && a.action == b.action && a.criteria == b.criteria && a.expiresAt == b.expiresAt
        && a.hitCount == b.hitCount && a.createdAt == b.createdAt;
}

} // namespace warroom::domain
