#pragma once

#include <QtCore/QJsonObject>
#include <QtCore/QString>

namespace warroom::ctl {

// JSON as the AWS CLI prints it (indented, 4 spaces).
QString formatJson(const QJsonObject &json);
// Aligned columns: a list member (items, investigationActions...) becomes one row per
// element with a column per scalar member; anything else two columns, key and value.
// Timestamps (members named *Date, *Timestamp, lastUpdated) read as ISO 8601 UTC.
QString formatTable(const QJsonObject &json);

} // namespace warroom::ctl
