#pragma once

#include "domain/CaseParts.h"
#include "domain/FieldError.h"

#include <QString>
#include <QStringList>

// The text forms the case forms use for list-valued fields, one item per line (or
// separated by commas where an item is one word), and the way back.
namespace warroom::ui::fieldtext {

// "a, b\nc d" -> {"a", "b", "c", "d"}: commas, spaces and new lines separate.
QStringList splitWords(const QString &text);
// One watcher a line: "email, name, job title" (name and job title optional).
QList<domain::Watcher> parseWatchers(const QString &text);
QString formatWatchers(const QList<domain::Watcher> &watchers);
// IPv6 in the API's full upper-case form ("2001:db8::1" -> "2001:DB8:0:0:0:0:0:1");
// anything else as it is.
QString apiIpAddress(const QString &text);
// One address a line, optionally followed by the user agent: "203.0.113.7 curl/8.4".
QList<domain::ThreatActorIp> parseThreatActorIps(const QString &text);
QString formatThreatActorIps(const QList<domain::ThreatActorIp> &ips);
QList<domain::ImpactedRegion> parseRegions(const QString &text);
QString formatRegions(const QList<domain::ImpactedRegion> &regions);
// One "key=value" a line; a line without "=" is an error on `field`.
domain::Tags parseTags(const QString &text, const QString &field, domain::FieldErrors &errors);
QString formatTags(const domain::Tags &tags);
domain::CaseMetadata parseMetadata(
    const QString &text, const QString &field, domain::FieldErrors &errors);
QString formatMetadata(const domain::CaseMetadata &metadata);

// "watchers[2].email" -> "watchers"; "tags[\"k\"]" -> "tags".
QString topField(const QString &path);
// The messages of `errors` on `field` (any path under it), one a line, with the item
// number when the path has one ("Line 3: ...").
QString messagesFor(const domain::FieldErrors &errors, const QString &field);

} // namespace warroom::ui::fieldtext
