#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace warroom::timeline {

// What the views show of an entry: its kind in words, who did it and what happened,
// read from the payload (fields listed in TimelineChain.h: author, text; analyst
// entries also occurredOffset). Other keys are tried after those, in order.
namespace entrytext {

QString kindTitle(const QString &kind); // "analyst" -> "Analyst entry"
// The kinds the timeline knows, in the order of the view's lanes.
const QStringList &knownKinds();
// "UTC", "UTC+01:00", "UTC-04:30".
QString offsetName(int offsetSeconds);
// Sort key of a kind in lane order: known kinds first, others after them by name.
int kindRank(const QString &kind);
QString author(const QJsonObject &payload);
QString text(const QString &kind, const QJsonObject &payload);
// The UTC offset (seconds) the analyst gave with the happened-at time, when there is one.
std::optional<int> occurredOffset(const QJsonObject &payload);

} // namespace entrytext
} // namespace warroom::timeline
