#pragma once

#include "Enums.h"

#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

namespace warroom::domain {

enum class RuleAction { Suppress, Escalate, Queue }; // Queue = keep for an analyst
enum class RuleOperator {
    Equals,
    NotEquals,
    Prefix,
    Contains,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
    InCidr,
};

QString toString(EnumArg<RuleAction> value);
QString toString(EnumArg<RuleOperator> value);
std::optional<RuleAction> ruleActionFromString(QStringView text);
std::optional<RuleOperator> ruleOperatorFromString(QStringView text);
QList<RuleOperator> allRuleOperators();
bool isNumericOperator(RuleOperator op); // GreaterThan .. LessOrEqual

// Finding fields a criterion may name (Finding's JSON names), e.g. "type", "accountId",
// "severityScore", "remoteIps".
QStringList ruleFieldNames();
bool isRuleField(QStringView field);
bool isNumericRuleField(QStringView field); // severityScore, count

struct RuleCriterion final
{
    QString field;
    RuleOperator op = RuleOperator::Equals; // JSON "operator"
    QString value; // a number for numeric operators, a CIDR for InCidr
};

// A triage rule. Rules run in ascending `position`; a matching terminal rule stops
// evaluation. All criteria must match (AND).
struct SuppressionRule final
{
    QString id;
    QString name;
    QString description;
    int position = 0;
    bool enabled = true;
    bool terminal = true;
    RuleAction action = RuleAction::Suppress;
    QList<RuleCriterion> criteria;
    QDateTime expiresAt; // invalid = never
    qint64 hitCount = 0;
    QDateTime createdAt;
};

bool operator==(const RuleCriterion &a, const RuleCriterion &b);
bool operator==(const SuppressionRule &a, const SuppressionRule &b);
inline bool operator!=(const RuleCriterion &a, const RuleCriterion &b)
{
    return !(a == b);
}
inline bool operator!=(const SuppressionRule &a, const SuppressionRule &b)
{
    return !(a == b);
}

} // namespace warroom::domain
