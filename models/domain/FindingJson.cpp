#include "FindingJson.h"

#include "Finding.h"
#include "JsonSupport.h"

namespace warroom::domain {

using namespace Qt::StringLiterals;
using namespace json;

QJsonObject toJson(const Finding &value)
{
    QJsonObject o;
    putString(o, "id"_L1, value.id);
    o.insert("source"_L1, toString(value.source));
    putString(o, "productName"_L1, value.productName);
    putString(o, "type"_L1, value.type);
    putString(o, "title"_L1, value.title);
    putString(o, "description"_L1, value.description);
    o.insert("severityLabel"_L1, toString(value.severityLabel));
    o.insert("severityScore"_L1, value.severityScore);
    putString(o, "accountId"_L1, value.accountId);
    putString(o, "region"_L1, value.region);
    putString(o, "resourceType"_L1, value.resourceType);
    putString(o, "resourceId"_L1, value.resourceId);
    putStringList(o, "remoteIps"_L1, value.remoteIps);
    putTime(o, "firstSeen"_L1, value.firstSeen);
    putTime(o, "lastSeen"_L1, value.lastSeen);
    putTime(o, "createdAt"_L1, value.createdAt);
    putTime(o, "updatedAt"_L1, value.updatedAt);
    o.insert("count"_L1, value.count);
    o.insert("archived"_L1, value.archived);
    putString(o, "workflowState"_L1, value.workflowState);
    o.insert("verdict"_L1, toString(value.verdict));
    putString(o, "verdictRule"_L1, value.verdictRule);
    putString(o, "caseId"_L1, value.caseId);
    if (!value.rawJson.isEmpty())
        o.insert("rawJson"_L1, QString::fromUtf8(value.rawJson));
    return o;
}

bool fromJson(const QJsonObject &json, Finding &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = Finding {};
    out.id = r.string("id"_L1);
    if (const auto text = r.optionalString("source"_L1)) {
        if (const auto source = findingSourceFromString(*text))
            out.source = *source;
        else
            r.failUnknown(r.path("source"_L1), *text,
                {toString(FindingSource::GuardDuty), toString(FindingSource::SecurityHub)});
    }
    out.productName = r.string("productName"_L1);
    out.type = r.string("type"_L1);
    out.title = r.string("title"_L1);
    out.description = r.string("description"_L1);
    if (const auto text = r.optionalString("severityLabel"_L1)) {
        if (const auto label = severityLabelFromString(*text))
            out.severityLabel = *label;
        else
            r.failUnknown(r.path("severityLabel"_L1), *text,
                {toString(SeverityLabel::Informational), toString(SeverityLabel::Low),
                    toString(SeverityLabel::Medium), toString(SeverityLabel::High),
                    toString(SeverityLabel::Critical)});
    }
    out.severityScore = r.optionalDouble("severityScore"_L1).value_or(0.0);
    out.accountId = r.string("accountId"_L1);
    out.region = r.string("region"_L1); // any partition's Region, not only the SIR enum
    out.resourceType = r.string("resourceType"_L1);
    out.resourceId = r.string("resourceId"_L1);
    out.remoteIps = r.stringList("remoteIps"_L1);
    out.firstSeen = r.timestamp("firstSeen"_L1);
    out.lastSeen = r.timestamp("lastSeen"_L1);
    out.createdAt = r.timestamp("createdAt"_L1);
    out.updatedAt = r.timestamp("updatedAt"_L1);
    out.count = r.optionalInt64("count"_L1).value_or(1);
    out.archived = r.optionalBool("archived"_L1).value_or(false);
    out.workflowState = r.string("workflowState"_L1);
    if (const auto text = r.optionalString("verdict"_L1)) {
        if (const auto verdict = verdictFromString(*text))
            out.verdict = *verdict;
        else
            r.failUnknown(r.path("verdict"_L1), *text,
                {toString(Verdict::Unset), toString(Verdict::Suppressed), toString(Verdict::Queued),
                    toString(Verdict::Escalated)});
    }
    out.verdictRule = r.string("verdictRule"_L1);
    out.caseId = r.string("caseId"_L1);
    out.rawJson = r.string("rawJson"_L1).toUtf8();
    return r.ok();
}

} // namespace warroom::domain
