#pragma once

#include "domain/Finding.h"
#include "domain/SuppressionRule.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace warroom::triage {

// A network whose traffic is expected (the corporate VPN, a scanner we run): a finding
// whose remote addresses all lie inside trusted networks is suppressed.
struct TrustedNetwork
{
    QString name;
    QString cidr; // "198.18.0.0/15", "2001:db8:1::/48"
};

// What happens to findings the engine escalates (models/sync/FindingAutoEscalation):
// each goes into a case, once. Grouping decides which findings share a case.
struct AutoEscalationPolicy
{
    enum class Grouping {
        Fingerprint, // one case per fingerprint (type + resource + account)
        Rule, // one case per rule that escalated
    };
    bool enabled = false;
    Grouping grouping = Grouping::Fingerprint;
    // Also findings escalated by the severity threshold (not only by rules).
    bool includeSeverityThreshold = false;
};

// The deterministic stages after the ordered rules.
struct TriagePolicy
{
    QList<TrustedNetwork> trustedNetworks;
    std::optional<double> suppressBelowSeverity; // score < this: suppressed
    std::optional<double> escalateAtSeverity; // score >= this: escalated
    bool suppressArchived = true; // archived at the source: suppressed
    bool foldRepeats = true; // same fingerprint as an earlier finding
    AutoEscalationPolicy autoEscalation;
};

struct TriageResult
{
    domain::Verdict verdict = domain::Verdict::Queued;
    QString rule; // the rule id, or a built-in name such as "trusted-network:VPN"
};

// Gives every finding a verdict, and names the rule that made it. Stages, in order:
// 1. rules by ascending position (enabled, not expired); all criteria of a rule must
//    match; the first matching terminal rule decides, a matching non-terminal rule
//    decides unless a later rule matches;
// 2. trusted networks; 3. archived at the source; 4. severity thresholds;
// 5. repeats: a finding whose fingerprint an earlier finding already has takes that
//    finding's verdict (escalated repeats join the case, queued repeats fold into the
//    first); 6. otherwise queued for an analyst.
// Text comparisons ignore case; list fields (remoteIps) match when any element does.
class TriageEngine final
{
public:
    static constexpr const char *DefaultRule = "default";

    TriageEngine(const QList<domain::SuppressionRule> &rules, const TriagePolicy &policy);

    // Rules or policy entries that can't be used (a bad CIDR, a non-numeric value for a
    // numeric operator) are skipped; this says which and why.
    const QStringList &problems() const { return m_problems; }

    TriageResult classify(const domain::Finding &finding, const QDateTime &now);
    // The same, with finding.fingerprint() already computed by the caller.
    TriageResult classify(
        const domain::Finding &finding, const QDateTime &now, const QString &fingerprint);

    // Fingerprints seen so far with the verdict their first finding got; seed it with
    // the store's state before a run so repeats of stored findings are recognised.
    void rememberFingerprint(
        const QString &fingerprint, domain::Verdict verdict, const QString &findingId);
    void forgetFingerprints() { m_seen.clear(); }

    // How often each rule matched since construction (rule id -> hits).
    const QHash<QString, qint64> &hitCounts() const { return m_hits; }

    // Whether one rule's criteria match a finding (for the rule editor's preview).
    static bool matches(const domain::SuppressionRule &rule, const domain::Finding &finding);

private:
    enum class Field {
        Id,
        Source,
        ProductName,
        Type,
        Title,
        Description,
        SeverityLabel,
        SeverityScore,
        AccountId,
        Region,
        ResourceType,
        ResourceId,
        RemoteIps,
        Count,
        Archived,
        WorkflowState
    };

    struct CompiledCriterion
    {
        Field field;
        domain::RuleOperator op;
        QString text; // lower-cased, for text operators
        double number = 0.0;
        std::pair<QHostAddress, int> subnet;
    };

    struct CompiledRule
    {
        QString id;
        domain::RuleAction action;
        bool terminal;
        QDateTime expiresAt;
        std::vector<CompiledCriterion> criteria;
    };

    struct Seen
    {
        domain::Verdict verdict;
        QString findingId;
    };

    static std::optional<CompiledCriterion> compile(
        const domain::RuleCriterion &criterion, QString *problem);
    static bool matches(const CompiledCriterion &criterion, const domain::Finding &finding);
    static bool matches(const CompiledRule &rule, const domain::Finding &finding);

    std::vector<CompiledRule> m_rules;
    std::vector<std::pair<QString, std::pair<QHostAddress, int>>> m_trusted;
    TriagePolicy m_policy;
    QStringList m_problems;
    QHash<QString, qint64> m_hits;
    QHash<QString, Seen> m_seen;
};

} // namespace warroom::triage
