#include "SuppressionRuleJson.h"

#include "JsonSupport.h"
#include "SuppressionRule.h"

namespace warroom::domain {

using namespace Qt::StringLiterals;
using namespace json;

QJsonObject toJson(const RuleCriterion &value)
{
    QJsonObject o;
    o.insert("field"_L1, value.field);
    o.insert("operator"_L1, toString(value.op));
    o.insert("value"_L1, value.value);
    return o;
}

bool fromJson(const QJsonObject &json, RuleCriterion &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = RuleCriterion {};
    out.field = r.string("field"_L1);
    if (const auto text = r.optionalString("operator"_L1)) {
        if (const auto op = ruleOperatorFromString(*text)) {
            out.op = *op;
        } else {
            QStringList names;
            for (RuleOperator known : allRuleOperators())
                names.append(toString(known));
            r.failUnknown(r.path("operator"_L1), *text, names);
        }
    }
    out.value = r.string("value"_L1);
    return r.ok();
}

QJsonObject toJson(const SuppressionRule &value)
{
    QJsonObject o;
    putString(o, "id"_L1, value.id);
    putString(o, "name"_L1, value.name);
    putString(o, "description"_L1, value.description);
    o.insert("position"_L1, value.position);
    o.insert("enabled"_L1, value.enabled);
    o.insert("terminal"_L1, value.terminal);
    o.insert("action"_L1, toString(value.action));
    o.insert("criteria"_L1, objectArray(value.criteria));
    putTime(o, "expiresAt"_L1, value.expiresAt);
    o.insert("hitCount"_L1, value.hitCount);
    putTime(o, "createdAt"_L1, value.createdAt);
    return o;
}

bool fromJson(
    const QJsonObject &json, SuppressionRule &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = SuppressionRule {};
    out.id = r.string("id"_L1);
    out.name = r.string("name"_L1);
    out.description = r.string("description"_L1);
    if (const auto position = r.optionalInt64("position"_L1)) {
        if (*position < 0 || *position > 1000000000)
            r.fail(r.path("position"_L1),
                QStringLiteral("Position must be between 0 and 1000000000."));
        else
            out.position = static_cast<int>(*position);
    }
    out.enabled = r.optionalBool("enabled"_L1).value_or(true);
    out.terminal = r.optionalBool("terminal"_L1).value_or(true);
    if (const auto text = r.optionalString("action"_L1)) {
        if (const auto action = ruleActionFromString(*text))
            out.action = *action;
        else
            r.failUnknown(r.path("action"_L1), *text,
                {toString(RuleAction::Suppress), toString(RuleAction::Escalate),
                    toString(RuleAction::Queue)});
    }
    out.criteria = r.objectList<RuleCriterion>("criteria"_L1);
    out.expiresAt = r.timestamp("expiresAt"_L1);
    out.hitCount = r.optionalInt64("hitCount"_L1).value_or(0);
    out.createdAt = r.timestamp("createdAt"_L1);
    return r.ok();
}

} // namespace warroom::domain
