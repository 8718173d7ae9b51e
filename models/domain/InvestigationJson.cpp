#include "InvestigationJson.h"

#include "Investigation.h"
#include "JsonSupport.h"

namespace warroom::domain {

using namespace Qt::StringLiterals;
using namespace json;

QJsonObject toJson(const InvestigationFeedback &value)
{
    QJsonObject o;
    putEnum(o, "usefulness"_L1, value.usefulness);
    putString(o, "comment"_L1, value.comment);
    putTime(o, "submittedAt"_L1, value.submittedAt);
    return o;
}

bool fromJson(
    const QJsonObject &json, InvestigationFeedback &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = InvestigationFeedback {};
    out.usefulness = r.enumValue<UsefulnessRating>("usefulness"_L1);
    out.comment = r.string("comment"_L1);
    out.submittedAt = r.timestamp("submittedAt"_L1);
    return r.ok();
}

QJsonObject toJson(const Investigation &value)
{
    QJsonObject o;
    putString(o, "caseId"_L1, value.caseId);
    putString(o, "investigationId"_L1, value.investigationId);
    putEnum(o, "actionType"_L1, value.actionType);
    putString(o, "title"_L1, value.title);
    putString(o, "content"_L1, value.content);
    putEnum(o, "status"_L1, value.status);
    putTime(o, "lastUpdated"_L1, value.lastUpdated);
    if (!value.feedback.isEmpty())
        o.insert("feedback"_L1, toJson(value.feedback));
    return o;
}

bool fromJson(const QJsonObject &json, Investigation &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = Investigation {};
    out.caseId = r.string("caseId"_L1);
    out.investigationId = r.string("investigationId"_L1);
    out.actionType = r.enumValue<ActionType>("actionType"_L1);
    out.title = r.string("title"_L1);
    out.content = r.string("content"_L1);
    out.status = r.enumValue<ExecutionStatus>("status"_L1);
    out.lastUpdated = r.timestamp("lastUpdated"_L1);
    out.feedback
        = r.nested<InvestigationFeedback>("feedback"_L1).value_or(InvestigationFeedback {});
    return r.ok();
}

} // namespace warroom::domain
