#include "TriageEngine.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace warroom::triage {

using domain::Finding;
using domain::RuleOperator;
using domain::Verdict;

namespace {

domain::Verdict verdictOf(domain::RuleAction action)
{
    switch (action) {
    case domain::RuleAction::Suppress:
        return Verdict::Suppressed;
    case domain::RuleAction::Escalate:
        return Verdict::Escalated;
    case domain::RuleAction::Queue:
        break;
    }
    return Verdict::Queued;
}

bool compareText(RuleOperator op, const QString &actual, const QString &expectedLower)
{
    switch (op) {
    case RuleOperator::Equals:
        return actual.compare(expectedLower, Qt::CaseInsensitive) == 0;
    case RuleOperator::NotEquals:
        return actual.compare(expectedLower, Qt::CaseInsensitive) != 0;
    case RuleOperator::Prefix:
        return actual.startsWith(expectedLower, Qt::CaseInsensitive);
    case RuleOperator::Contains:
        return actual.contains(expectedLower, Qt::CaseInsensitive);
    default:
        return false;
    }
}

bool compareNumber(RuleOperator op, double actual, double expected)
{
    switch (op) {
    case RuleOperator::Equals:
        return actual == expected;
    case RuleOperator::NotEquals:
        return actual != expected;
    case RuleOperator::GreaterThan:
        return actual > expected;
    case RuleOperator::GreaterOrEqual:
        return actual >= expected;
    case RuleOperator::LessThan:
        return actual < expected;
    case RuleOperator::LessOrEqual:
        return actual <= expected;
    default:
        return false;
    }
}

// Strict dotted quad ("198.51.100.7": four decimal parts, no leading zeros), the form
// findings carry; anything else is left to QHostAddress.
std::optional<quint32> strictIpv4(const QString &ip)
{
    quint32 address = 0;
    int parts = 0;
    qsizetype i = 0;
    const qsizetype size = ip.size();
    while (parts < 4) {
        const qsizetype begin = i;
        quint32 part = 0;
        while (i < size && i - begin < 3) {
            const char16_t c = ip.at(i).unicode();
            if (c < u'0' || c > u'9')
                break;
            part = part * 10 + static_cast<quint32>(c - u'0');
            ++i;
        }
        const qsizetype digits = i - begin;
        if (digits == 0 || part > 255 || (digits > 1 && ip.at(begin) == u'0'))
            return std::nullopt;
        address = (address << 8) | part;
        ++parts;
        if (parts < 4) {
            if (i >= size || ip.at(i) != u'.')
                return std::nullopt;
            ++i;
        }
    }
    if (i != size)
        return std::nullopt;
    return address;
}

bool inSubnet(const QString &ip, const std::pair<QHostAddress, int> &subnet)
{
    if (subnet.first.protocol() == QAbstractSocket::IPv4Protocol) {
        if (const auto v4 = strictIpv4(ip)) {
            const int bits = subnet.second;
            const quint32 mask = bits <= 0 ? 0u : (bits >= 32 ? ~0u : ~0u << (32 - bits));
            return (*v4 & mask) == (subnet.first.toIPv4Address() & mask);
        }
    }
    const QHostAddress address(ip);
    return !address.isNull() && address.isInSubnet(subnet);
}

} // namespace

TriageEngine::TriageEngine(const QList<domain::SuppressionRule> &rules, const TriagePolicy &policy)
    : m_policy(policy)
{
    QList<domain::SuppressionRule> ordered = rules;
    std::stable_sort(ordered.begin(), ordered.end(),
        [](const auto &a, const auto &b) { return a.position < b.position; });
    for (const domain::SuppressionRule &rule : ordered) {
        if (!rule.enabled)
            continue;
        CompiledRule compiled {rule.id, rule.action, rule.terminal, rule.expiresAt, {}};
        bool usable = !rule.criteria.isEmpty();
        if (!usable)
            m_problems.append(u"rule %1 has no criteria and is skipped"_s.arg(rule.id));
        for (const domain::RuleCriterion &criterion : rule.criteria) {
            QString problem;
            const auto done = compile(criterion, &problem);
            if (!done) {
                m_problems.append(u"rule %1 is skipped: %2"_s.arg(rule.id, problem));
                usable = false;
                break;
            }
            compiled.criteria.push_back(*done);
        }
        if (usable)
            m_rules.push_back(std::move(compiled));
    }
    for (const TrustedNetwork &network : policy.trustedNetworks) {
        const auto subnet = QHostAddress::parseSubnet(network.cidr);
        if (subnet.first.isNull()) {
            m_problems.append(u"trusted network %1: \"%2\" is not a CIDR block"_s.arg(
                network.name, network.cidr));
            continue;
        }
        m_trusted.emplace_back(network.name, subnet);
    }
}

std::optional<TriageEngine::CompiledCriterion> TriageEngine::compile(
    const domain::RuleCriterion &criterion, QString *problem)
{
    static const QHash<QString, Field> fields {{u"id"_s, Field::Id}, {u"source"_s, Field::Source},
        {u"productName"_s, Field::ProductName}, {u"type"_s, Field::Type},
        {u"title"_s, Field::Title}, {u"description"_s, Field::Description},
        {u"severityLabel"_s, Field::SeverityLabel}, {u"severityScore"_s, Field::SeverityScore},
        {u"accountId"_s, Field::AccountId}, {u"region"_s, Field::Region},
        {u"resourceType"_s, Field::ResourceType}, {u"resourceId"_s, Field::ResourceId},
        {u"remoteIps"_s, Field::RemoteIps}, {u"count"_s, Field::Count},
        {u"archived"_s, Field::Archived}, {u"workflowState"_s, Field::WorkflowState}};
    const auto field = fields.constFind(criterion.field);
    if (field == fields.constEnd()) {
        *problem = u"unknown field \"%1\""_s.arg(criterion.field);
        return std::nullopt;
    }
    CompiledCriterion compiled {field.value(), criterion.op, criterion.value.toLower(), 0.0, {}};
    const bool numericField
        = field.value() == Field::SeverityScore || field.value() == Field::Count;
    if (criterion.op == RuleOperator::InCidr) {
        if (field.value() != Field::RemoteIps) {
            *problem = u"\"in CIDR\" applies to remoteIps only"_s;
            return std::nullopt;
        }
        compiled.subnet = QHostAddress::parseSubnet(criterion.value);
        if (compiled.subnet.first.isNull()) {
            *problem = u"\"%1\" is not a CIDR block"_s.arg(criterion.value);
            return std::nullopt;
        }
    } else if (numericField || domain::isNumericOperator(criterion.op)) {
        bool ok = false;
        compiled.number = criterion.value.toDouble(&ok);
        if (!ok || !numericField) {
            *problem = numericField ? u"\"%1\" is not a number"_s.arg(criterion.value)
                                    : u"%1 is not a numeric field"_s.arg(criterion.field);
            return std::nullopt;
        }
    }
    return compiled;
}

bool TriageEngine::matches(const CompiledCriterion &criterion, const Finding &finding)
{
    auto text = [&](const QString &value) {
        return compareText(criterion.op, value, criterion.text);
    };
    switch (criterion.field) {
    case Field::Id:
        return text(finding.id);
    case Field::Source:
        return text(domain::toString(finding.source));
    case Field::ProductName:
        return text(finding.productName);
    case Field::Type:
        return text(finding.type);
    case Field::Title:
        return text(finding.title);
    case Field::Description:
        return text(finding.description);
    case Field::SeverityLabel:
        return text(domain::toString(finding.severityLabel));
    case Field::SeverityScore:
        return compareNumber(criterion.op, finding.severityScore, criterion.number);
    case Field::Count:
        return compareNumber(criterion.op, static_cast<double>(finding.count), criterion.number);
    case Field::AccountId:
        return text(finding.accountId);
    case Field::Region:
        return text(finding.region);
    case Field::ResourceType:
        return text(finding.resourceType);
    case Field::ResourceId:
        return text(finding.resourceId);
    case Field::WorkflowState:
        return text(finding.workflowState);
    case Field::Archived:
        return text(finding.archived ? u"true"_s : u"false"_s);
    case Field::RemoteIps:
        if (criterion.op == RuleOperator::NotEquals) // none of them is the value
            return std::all_of(finding.remoteIps.cbegin(), finding.remoteIps.cend(), text);
        if (criterion.op == RuleOperator::InCidr)
            return std::any_of(finding.remoteIps.cbegin(), finding.remoteIps.cend(),
                [&](const QString &ip) { return inSubnet(ip, criterion.subnet); });
        return std::any_of(finding.remoteIps.cbegin(), finding.remoteIps.cend(), text);
    }
    return false;
}

bool TriageEngine::matches(const CompiledRule &rule, const Finding &finding)
{
    return std::all_of(rule.criteria.cbegin(), rule.criteria.cend(),
        [&](const CompiledCriterion &criterion) { return matches(criterion, finding); });
}

bool TriageEngine::matches(const domain::SuppressionRule &rule, const Finding &finding)
{
    if (rule.criteria.isEmpty())
        return false;
    for (const domain::RuleCriterion &criterion : rule.criteria) {
        QString problem;
        const auto compiled = compile(criterion, &problem);
        if (!compiled || !matches(*compiled, finding))
            return false;
    }
    return true;
}

void TriageEngine::rememberFingerprint(
    const QString &fingerprint, Verdict verdict, const QString &findingId)
{
    if (!m_seen.contains(fingerprint))
        m_seen.insert(fingerprint, Seen {verdict, findingId});
}

TriageResult TriageEngine::classify(const Finding &finding, const QDateTime &now)
{
    return classify(finding, now, m_policy.foldRepeats ? finding.fingerprint() : QString());
}

TriageResult TriageEngine::classify(
    const Finding &finding, const QDateTime &now, const QString &knownFingerprint)
{
    TriageResult result {Verdict::Unset, QString()};
    for (const CompiledRule &rule : m_rules) {
        if (rule.expiresAt.isValid() && rule.expiresAt <= now)
            continue;
        if (!matches(rule, finding))
            continue;
        ++m_hits[rule.id];
        result = {verdictOf(rule.action), rule.id};
        if (rule.terminal)
            break;
    }

    const QString fingerprint = m_policy.foldRepeats ? knownFingerprint : QString();
    const auto decided = [&](TriageResult decision) {
        if (!fingerprint.isEmpty())
            rememberFingerprint(fingerprint, decision.verdict, finding.id);
        return decision;
    };
    if (result.verdict != Verdict::Unset)
        return decided(result);

    if (!m_trusted.empty() && !finding.remoteIps.isEmpty()) {
        QString network;
        const bool allTrusted = std::all_of(
            finding.remoteIps.cbegin(), finding.remoteIps.cend(), [&](const QString &ip) {
                for (const auto &[name, subnet] : m_trusted) {
                    if (inSubnet(ip, subnet)) {
                        network = name;
                        return true;
                    }
                }
                return false;
            });
        if (allTrusted)
            return decided({Verdict::Suppressed, u"trusted-network:"_s + network});
    }
    if (m_policy.suppressArchived && finding.archived)
        return decided({Verdict::Suppressed, u"archived-at-source"_s});
    if (m_policy.escalateAtSeverity && finding.severityScore >= *m_policy.escalateAtSeverity)
        return decided({Verdict::Escalated, u"severity>=%1"_s.arg(*m_policy.escalateAtSeverity)});
    if (m_policy.suppressBelowSeverity && finding.severityScore < *m_policy.suppressBelowSeverity)
        return decided(
            {Verdict::Suppressed, u"severity<%1"_s.arg(*m_policy.suppressBelowSeverity)});

    if (!fingerprint.isEmpty()) {
        const auto seen = m_seen.constFind(fingerprint);
        if (seen != m_seen.constEnd() && seen->findingId != finding.id) {
            // Escalated repeats join the same case; queued repeats fold into the first.
            const Verdict verdict
                = seen->verdict == Verdict::Escalated ? Verdict::Escalated : Verdict::Suppressed;
            return {verdict, u"repeat-of:"_s + seen->findingId};
        }
    }
    return decided({Verdict::Queued, QString::fromLatin1(DefaultRule)});
}

} // namespace warroom::triage
