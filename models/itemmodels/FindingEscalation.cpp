#include "FindingEscalation.h"

#include "domain/Validation.h"

#include <QHostAddress>
#include <QSet>

#include <algorithm>

namespace warroom::itemmodels {

using namespace Qt::StringLiterals;

namespace {

struct Union final
{
    QStringList accounts;
    QStringList regions;
    QStringList services;
    QStringList ips;
};

QStringList sortedUnique(QStringList values)
{
    values.removeAll(QString());
    values.sort();
    values.removeDuplicates();
    return values;
}

bool validAccount(const QString &id)
{
    return id.size() == 12
        && std::all_of(id.begin(), id.end(), [](QChar c) { return c.isDigit(); });
}

Union unionOf(const QList<domain::Finding> &findings)
{
    Union u;
    for (const domain::Finding &f : findings) {
        if (validAccount(f.accountId))
            u.accounts.append(f.accountId);
        domain::UpdateCaseRequest probe; // a Region the domain rules accept
        probe.caseId = u"0000000000"_s;
        probe.impactedAwsRegionsToAdd = {{f.region}};
        if (!f.region.isEmpty() && domain::validate(probe).isEmpty())
            u.regions.append(f.region);
        u.services.append(FindingEscalation::serviceOf(f));
        for (const QString &ip : f.remoteIps) {
            QHostAddress address;
            if (address.setAddress(ip))
                u.ips.append(address.toString());
        }
    }
    u.accounts = sortedUnique(u.accounts).mid(0, domain::limits::ImpactedAccountsMax);
    u.regions = sortedUnique(u.regions).mid(0, domain::limits::ImpactedRegionsMax);
    u.services = sortedUnique(u.services).mid(0, domain::limits::ImpactedServicesMax);
    u.ips = sortedUnique(u.ips).mid(0, domain::limits::ThreatActorIpsMax);
    return u;
}

// Most severe first; ties: latest last-seen, then ID (so the order never depends on
// the selection's order).
QList<domain::Finding> bySeverity(QList<domain::Finding> findings)
{
    std::sort(findings.begin(), findings.end(), [](const auto &a, const auto &b) {
        if (a.severityScore != b.severityScore)
            return a.severityScore > b.severityScore;
        if (a.lastSeen != b.lastSeen)
            return a.lastSeen > b.lastSeen;
        return a.id < b.id;
    });
    return findings;
}

QString describe(const QList<domain::Finding> &sorted)
{
    QString text
        = u"Escalated from %1 finding(s) in the Warroom triage queue:\n"_s.arg(sorted.size());
    for (const domain::Finding &f : sorted) {
        const QString line
            = u"- [%1 %2] %3 (%4, account %5, %6, %7 %8)\n"_s.arg(domain::toString(f.severityLabel),
                QString::number(f.severityScore, 'f', 1), f.title.isEmpty() ? f.type : f.title,
                f.type, f.accountId, f.region, f.resourceType, f.resourceId);
        if (text.size() + line.size() > domain::limits::DescriptionMax - 40) {
            text += u"- ... and more (see the linked findings)\n"_s;
            break;
        }
        text += line;
    }
    return text.trimmed();
}

} // namespace

QString FindingEscalation::serviceOf(const domain::Finding &finding)
{
    QString service;
    const qsizetype colon = finding.type.indexOf(u':');
    const qsizetype slash = finding.type.indexOf(u'/', colon + 1);
    if (finding.source == domain::FindingSource::GuardDuty && colon > 0 && slash > colon + 1)
        service = finding.type.mid(colon + 1, slash - colon - 1);
    if (service.isEmpty())
        service = finding.resourceType;
    domain::UpdateCaseRequest probe;
    probe.caseId = u"0000000000"_s;
    probe.impactedServicesToAdd = {service};
    return domain::validate(probe).isEmpty() ? service : QString();
}

domain::CreateCaseRequest FindingEscalation::newCase(
    const QList<domain::Finding> &findings, const QDateTime &now)
{
    const QList<domain::Finding> sorted = bySeverity(findings);
    const Union u = unionOf(findings);
    domain::CreateCaseRequest request;
    request.resolverType = domain::ResolverType::Self;
    request.engagementType = domain::EngagementType::SecurityIncident;
    request.watchers = QList<domain::Watcher>();
    QString title = sorted.isEmpty() ? u"Escalated findings"_s : sorted.first().title;
    if (title.isEmpty() && !sorted.isEmpty())
        title = sorted.first().type;
    if (sorted.size() > 1)
        title += u" (+%1 more)"_s.arg(sorted.size() - 1);
    request.title = title.left(domain::limits::TitleMax);
    request.description = describe(sorted);
    QDateTime start;
    for (const domain::Finding &f : findings)
        if (f.firstSeen.isValid() && (!start.isValid() || f.firstSeen < start))
            start = f.firstSeen;
    request.reportedIncidentStartDate = start.isValid() ? start.toUTC() : now.toUTC();
    request.impactedAccounts = u.accounts;
    for (const QString &region : u.regions)
        request.impactedAwsRegions.append({region});
    request.impactedServices = u.services;
    for (const QString &ip : u.ips)
        request.threatActorIpAddresses.append({ip, QString()});
    return request;
}

domain::UpdateCaseRequest FindingEscalation::additions(
    const domain::Case &existing, const QList<domain::Finding> &findings)
{
    const Union u = unionOf(findings);
    domain::UpdateCaseRequest request;
    request.caseId = existing.caseId;
    const QSet<QString> accounts(
        existing.impactedAccounts.begin(), existing.impactedAccounts.end());
    for (const QString &a : u.accounts)
        if (!accounts.contains(a)
            && existing.impactedAccounts.size() + request.impactedAccountsToAdd.size()
                < domain::limits::ImpactedAccountsMax)
            request.impactedAccountsToAdd.append(a);
    QSet<QString> regions;
    for (const domain::ImpactedRegion &r : existing.impactedAwsRegions)
        regions.insert(r.region);
    for (const QString &r : u.regions)
        if (!regions.contains(r)
            && existing.impactedAwsRegions.size() + request.impactedAwsRegionsToAdd.size()
                < domain::limits::ImpactedRegionsMax)
            request.impactedAwsRegionsToAdd.append({r});
    const QSet<QString> services(
        existing.impactedServices.begin(), existing.impactedServices.end());
    for (const QString &s : u.services)
        if (!services.contains(s)
            && existing.impactedServices.size() + request.impactedServicesToAdd.size()
                < domain::limits::ImpactedServicesMax)
            request.impactedServicesToAdd.append(s);
    QSet<QString> ips;
    for (const domain::ThreatActorIp &ip : existing.threatActorIpAddresses)
        ips.insert(ip.ipAddress);
    for (const QString &ip : u.ips)
        if (!ips.contains(ip)
            && existing.threatActorIpAddresses.size() + request.threatActorIpAddressesToAdd.size()
                < domain::limits::ThreatActorIpsMax)
            request.threatActorIpAddressesToAdd.append({ip, QString()});
    return request;
}

bool FindingEscalation::isEmpty(const domain::UpdateCaseRequest &request)
{
    return request.impactedAccountsToAdd.isEmpty() && request.impactedAwsRegionsToAdd.isEmpty()
        && request.impactedServicesToAdd.isEmpty() && request.threatActorIpAddressesToAdd.isEmpty();
}

} // namespace warroom::itemmodels
