#include "TriageRow.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace warroom::ingest {

using namespace Qt::StringLiterals;

QString triageRowColumns()
{
    return u"id, source, product_name, type, title, description, severity, severity_label, "
           u"account_id, region, resource_type, resource_id, remote_ips, count, archived, "
           u"workflow_state"_s;
}

domain::Finding findingFromTriageRow(const QSqlQuery &query, int first)
{
    const auto at = [&](int i) {
        return query.value(first + i);
    };
    domain::Finding f;
    f.id = at(0).toString();
    f.source = domain::findingSourceFromString(at(1).toString())
                   .value_or(domain::FindingSource::GuardDuty);
    f.productName = at(2).toString();
    f.type = at(3).toString();
    f.title = at(4).toString();
    f.description = at(5).toString();
    f.severityScore = at(6).toDouble();
    f.severityLabel = domain::severityLabelFromString(at(7).toString())
                          .value_or(domain::severityLabelForScore(f.severityScore));
    f.accountId = at(8).toString();
    f.region = at(9).toString();
    f.resourceType = at(10).toString();
    f.resourceId = at(11).toString();
    const QJsonArray ips = QJsonDocument::fromJson(at(12).toString().toUtf8()).array();
    for (const QJsonValue &ip : ips)
        f.remoteIps.append(ip.toString());
    f.count = at(13).toLongLong();
    f.archived = at(14).toInt() != 0;
    f.workflowState = at(15).toString();
    return f;
}

} // namespace warroom::ingest
