#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace warroom::timeline {

// What the views show of an entry: its kind in words, who did it and what happened,
// read from the payload. Analyst entries carry {author, text, timeZone}; merged entries
// may name the person and the words with other keys, so those are tried in order.
namespace entrytext {

QString kindTitle(const QString &kind); // "analyst" -> "Analyst entry"
// The kinds the timeline knows, in the order of the view's lanes.
const QStringList &knownKinds();
// Sort key of a kind in lane order: known kinds first, others after them by name.
int kindRank(const QString &kind);
QString author(const QJsonObject &payload);
QString text(const QString &kind, const QJsonObject &payload);
// The IANA zone the analyst gave for the happened-at time; empty when none was given.
QString timeZone(const QJsonObject &payload);

} // namespace entrytext
} // namespace warroom::timeline
