#pragma once

#include "FieldError.h"

class QJsonObject;

// SuppressionRule codec with Warroom's own camelCase names; a criterion is
// {"field": ..., "operator": ..., "value": ...}.
namespace warroom::domain {

struct RuleCriterion;
struct SuppressionRule;

QJsonObject toJson(const RuleCriterion &value);
QJsonObject toJson(const SuppressionRule &value);
bool fromJson(const QJsonObject &json, RuleCriterion &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, SuppressionRule &out, FieldErrors *errors = nullptr,
    const QString &path = QString());

} // namespace warroom::domain
