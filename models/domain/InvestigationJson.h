#pragma once

#include "FieldError.h"

class QJsonObject;

// InvestigationAction codec; same conventions as CaseJson.h.
namespace warroom::domain {

struct InvestigationFeedback;
struct Investigation;

QJsonObject toJson(const InvestigationFeedback &value);
QJsonObject toJson(const Investigation &value); // InvestigationAction (+ "caseId" when set)

bool fromJson(const QJsonObject &json, InvestigationFeedback &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, Investigation &out, FieldErrors *errors = nullptr,
    const QString &path = QString());

} // namespace warroom::domain
