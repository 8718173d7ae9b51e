#include "TriagePolicyJson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace warroom::triage {

QJsonObject toJson(const TriagePolicy &policy)
{
    QJsonArray networks;
    for (const TrustedNetwork &network : policy.trustedNetworks)
        networks.append(QJsonObject {{"name"_L1, network.name}, {"cidr"_L1, network.cidr}});
    QJsonObject json {{"trustedNetworks"_L1, networks},
        {"suppressArchived"_L1, policy.suppressArchived}, {"foldRepeats"_L1, policy.foldRepeats},
        {"autoEscalation"_L1,
            QJsonObject {{"enabled"_L1, policy.autoEscalation.enabled},
                {"grouping"_L1,
                    policy.autoEscalation.grouping == AutoEscalationPolicy::Grouping::Rule
                        ? u"rule"_s
                        : u"fingerprint"_s},
                {"includeSeverityThreshold"_L1, policy.autoEscalation.includeSeverityThreshold}}}};
    if (policy.suppressBelowSeverity)
        json.insert("suppressBelowSeverity"_L1, *policy.suppressBelowSeverity);
    if (policy.escalateAtSeverity)
        json.insert("escalateAtSeverity"_L1, *policy.escalateAtSeverity);
    return json;
}

TriagePolicy triagePolicyFromJson(const QJsonObject &json)
{
    TriagePolicy policy;
    for (const QJsonValue &value : json.value("trustedNetworks"_L1).toArray()) {
        const QJsonObject network = value.toObject();
        policy.trustedNetworks.append(
            {network.value("name"_L1).toString(), network.value("cidr"_L1).toString()});
    }
    if (json.value("suppressBelowSeverity"_L1).isDouble())
        policy.suppressBelowSeverity = json.value("suppressBelowSeverity"_L1).toDouble();
    if (json.value("escalateAtSeverity"_L1).isDouble())
        policy.escalateAtSeverity = json.value("escalateAtSeverity"_L1).toDouble();
    policy.suppressArchived = json.value("suppressArchived"_L1).toBool(policy.suppressArchived);
    policy.foldRepeats = json.value("foldRepeats"_L1).toBool(policy.foldRepeats);
    const QJsonObject escalation = json.value("autoEscalation"_L1).toObject();
    policy.autoEscalation.enabled = escalation.value("enabled"_L1).toBool(false);
    policy.autoEscalation.grouping = escalation.value("grouping"_L1).toString() == "rule"_L1
        ? AutoEscalationPolicy::Grouping::Rule
        : AutoEscalationPolicy::Grouping::Fingerprint;
    policy.autoEscalation.includeSeverityThreshold
        = escalation.value("includeSeverityThreshold"_L1).toBool(false);
    return policy;
}

} // namespace warroom::triage
