#pragma once

#include "TriageEngine.h"

#include <QJsonObject>

namespace warroom::triage {

// The triage policy as stored in the workspace's settings ("triage.policy"):
// {"trustedNetworks": [{"name", "cidr"}], "suppressBelowSeverity", "escalateAtSeverity",
//  "suppressArchived", "foldRepeats",
//  "autoEscalation": {"enabled", "grouping": "fingerprint"|"rule", "includeSeverityThreshold"}}
QJsonObject toJson(const TriagePolicy &policy);
// Missing members keep TriagePolicy's defaults.
TriagePolicy triagePolicyFromJson(const QJsonObject &json);

} // namespace warroom::triage
