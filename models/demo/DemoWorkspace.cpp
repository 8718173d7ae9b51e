#include "DemoWorkspace.h"

#include "DemoOrganization.h"
#include "FindingGenerator.h"
#include "domain/Validation.h"
#include "store/CaseEditRepository.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/MembershipRepository.h"
#include "store/OrganizationRepository.h"
#include "store/Workspace.h"
#include "timeline/TimelineCollector.h"
#include "triage/FindingParser.h"

#include <QRandomGenerator>

#include <array>

using namespace Qt::StringLiterals;

namespace warroom::demo {

using domain::Case;
using domain::CaseStatus;

namespace {

constexpr quint64 kSeed = 20261122;
const QString kMembershipAccount = u"318273645501"_s; // security-tooling, the delegated admin

struct Scenario
{
    const char *title;
    const char *description;
    domain::EngagementType engagement;
    const char *service; // impacted service
    const char *role; // which kind of account it happens in
};

const std::array<Scenario, 12> kScenarios {{
    {"Cryptominer on %1 web tier",
        "GuardDuty reports Bitcoin-related DNS queries and outbound connections from instances in "
        "%1. CPU on the web tier has been at 100% since the alert.",
        domain::EngagementType::SecurityIncident, "Amazon EC2", "web"},
    {"Access key used from a Tor exit node in %1",
        "An IAM user's long-term access key was used from a Tor exit node to list buckets and "
        "create a new access key.",
        domain::EngagementType::SecurityIncident, "AWS IAM", "data"},
    {"Public S3 bucket found in %1",
        "Block Public Access was turned off on a bucket holding customer exports; the bucket "
        "policy grants s3:GetObject to everyone.",
        domain::EngagementType::Investigation, "Amazon S3", "data"},
    {"SSH brute force against bastion in %1",
        "Sustained SSH brute-force attempts against the bastion host from several addresses. "
        "One login may have succeeded.",
        domain::EngagementType::Investigation, "Amazon EC2", "network"},
    {"Privileged container started in %1 EKS cluster",
        "A privileged pod mounting the host filesystem was started in kube-system by a service "
        "account that normally only reads ConfigMaps.",
        domain::EngagementType::SecurityIncident, "Amazon EKS", "kubernetes"},
    {"CloudTrail logging disabled in %1",
        "StopLogging was called on the organisation trail's local copy by a role that has never "
        "done so before.",
        domain::EngagementType::SecurityIncident, "AWS CloudTrail", "logs"},
    {"Unusual database login to %1",
        "A successful login to the orders database from an address never seen before, followed "
        "by large SELECTs.",
        domain::EngagementType::Investigation, "Amazon RDS", "kubernetes"},
    {"Instance credentials used outside AWS (%1)",
        "Temporary credentials of an instance role were used from an IP address outside AWS.",
        domain::EngagementType::SecurityIncident, "AWS IAM", "web"},
    {"Port sweep originating from %1",
        "An instance is scanning many hosts on common ports; it may be compromised and used as "
        "a pivot.",
        domain::EngagementType::SecurityIncident, "Amazon VPC", "sandbox"},
    {"Root user console login in %1",
        "The root user signed in to the console; nobody on the platform team admits to it.",
        domain::EngagementType::Investigation, "AWS IAM", "management"},
    {"Command and control DNS traffic from %1",
        "Instances resolve a domain on a command-and-control threat list every five minutes.",
        domain::EngagementType::SecurityIncident, "Amazon Route 53", "shared"},
    {"Phishing follow-up: suspicious STS sessions in %1",
        "After a phishing report, AssumeRole sessions with an unusual user agent appeared in "
        "the account.",
        domain::EngagementType::Investigation, "AWS STS", "security"},
}};

// Where a case is in its life, and the steps it took to get there.
struct Lifecycle
{
    CaseStatus status;
    domain::ResolverType resolver;
    QList<CaseStatus> path; // statuses after Submitted, in order
};

QList<Lifecycle> lifecycles()
{
    using S = CaseStatus;
    const auto self = domain::ResolverType::Self;
    const auto aws = domain::ResolverType::AWS;
    return {
        {S::Submitted, self, {}},
        {S::Submitted, aws, {}},
        {S::Acknowledged, aws, {S::Acknowledged}},
        {S::DetectionAndAnalysis, self, {S::DetectionAndAnalysis}},
        {S::DetectionAndAnalysis, aws, {S::Acknowledged, S::DetectionAndAnalysis}},
        {S::ContainmentEradicationAndRecovery, self,
            {S::DetectionAndAnalysis, S::ContainmentEradicationAndRecovery}},
        {S::PostIncidentActivities, self,
            {S::DetectionAndAnalysis, S::ContainmentEradicationAndRecovery,
                S::PostIncidentActivities}},
        {S::ReadyToClose, aws,
            {S::Acknowledged, S::DetectionAndAnalysis, S::ContainmentEradicationAndRecovery,
                S::PostIncidentActivities, S::ReadyToClose}},
        {S::Closed, self, {S::DetectionAndAnalysis, S::Closed}},
    };
}

struct Person
{
    const char *name;
    const char *jobTitle;
    const char *email;
    const char *principal;
};

const std::array<Person, 5> kPeople {{
    {"Maya Okafor", "Incident Commander", "maya.okafor@northwind.example",
        "arn:aws:sts::318273645501:assumed-role/IncidentCommander/maya.okafor"},
    {"Jonas Lindqvist", "Security Analyst", "jonas.lindqvist@northwind.example",
        "arn:aws:sts::318273645501:assumed-role/SecurityAnalyst/jonas.lindqvist"},
    {"Priya Raman", "Cloud Platform Lead", "priya.raman@northwind.example",
        "arn:aws:iam::318273645501:user/priya.raman"},
    {"Tomás Herrera", "Forensics Engineer", "tomas.herrera@northwind.example",
        "arn:aws:sts::318273645501:assumed-role/SecurityAnalyst/tomas.herrera"},
    {"Grace Liu", "CISO", "grace.liu@northwind.example",
        "arn:aws:iam::318273645501:user/grace.liu"},
}};

QString principalFor(domain::ResolverType resolver, int index)
{
    if (resolver == domain::ResolverType::AWS && index % 2 == 1)
        return u"AWS Responder"_s;
    return QString::fromUtf8(kPeople[static_cast<std::size_t>(index) % kPeople.size()].principal);
}

const char *const kCommentLines[] = {
    "Isolated the affected instances with the quarantine security group; snapshots taken "
    "before isolation.",
    "Rotated the exposed access key and revoked active sessions for the role.",
    "Timeline so far: first suspicious call at 02:13 UTC, last at 04:40 UTC. No data "
    "egress seen in VPC Flow Logs yet.",
    "Looped in the application owners; they confirm no planned change in this window.",
    "Memory image captured and uploaded to the forensics bucket.",
    "Blocked the remote addresses at the network firewall; watching for new ones.",
    "Root cause: an access key committed to a public repository three weeks ago.",
};

struct DemoCase
{
    Case value;
    QList<domain::Comment> comments;
    QList<domain::CaseEdit> edits;
};

QList<DemoCase> makeCases(const DemoOrganization &organization, int count, const QDateTime &now)
{
    QRandomGenerator random(static_cast<quint32>(kSeed));
    const QList<Lifecycle> stages = lifecycles();
    QList<DemoCase> cases;
    QSet<QString> usedIds;
    for (int i = 0; i < count; ++i) {
        const Scenario &scenario = kScenarios[static_cast<std::size_t>(i) % kScenarios.size()];
        const Lifecycle &life = stages.at(i % stages.size());
        QList<DemoAccount> candidates;
        for (const DemoAccount &account : organization.accounts()) {
            if (account.role == QLatin1String(scenario.role))
                candidates.append(account);
        }
        if (candidates.isEmpty())
            candidates = organization.accounts();
        const DemoAccount &account
            = candidates.at(i / static_cast<int>(kScenarios.size()) % candidates.size());

        DemoCase demo;
        Case &c = demo.value;
        do {
            c.caseId = QString::number(random.bounded(1000000000, 2000000000));
        } while (usedIds.contains(c.caseId));
        usedIds.insert(c.caseId);
        c.caseArn = u"arn:aws:security-ir:%1:%2:case/%3"_s.arg(
            organization.homeRegion(), kMembershipAccount, c.caseId);
        c.title = QString::fromUtf8(scenario.title).replace(u"%1"_s, account.name);
        c.description = QString::fromUtf8(scenario.description).replace(u"%1"_s, account.name);
        c.engagementType = scenario.engagement;
        c.resolverType = life.resolver;
        c.caseStatus = life.status;
        // Older cases are further along.
        const qint64 ageHours = 6 + static_cast<qint64>(life.path.size()) * 30 + random.bounded(48);
        c.createdDate = now.addSecs(-ageHours * 3600);
        c.reportedIncidentStartDate = c.createdDate.addSecs(-random.bounded(1, 12) * 3600);
        if (!life.path.isEmpty())
            c.actualIncidentStartDate
                = c.reportedIncidentStartDate.addSecs(-random.bounded(1, 72) * 3600);
        c.impactedAccounts = {account.id};
        if (i % 4 == 0)
            c.impactedAccounts.append(
                organization.accounts().at((i + 3) % organization.accounts().size()).id);
        c.impactedAwsRegions = {domain::ImpactedRegion {organization.homeRegion()}};
        if (i % 3 == 0)
            c.impactedAwsRegions.append(
                domain::ImpactedRegion {organization.regions().at(1 + i % 4)});
        c.impactedServices = {QString::fromUtf8(scenario.service)};
        c.threatActorIpAddresses = {domain::ThreatActorIp {
            u"198.51.100.%1"_s.arg(10 + i), u"aws-cli/2.15.0 Python/3.11"_s}};
        if (i % 5 == 0)
            c.threatActorIpAddresses.append(
                domain::ThreatActorIp {u"203.0.113.%1"_s.arg(40 + i), QString()});
        const int watcherCount = 1 + i % 3;
        for (int w = 0; w < watcherCount; ++w) {
            const Person &person = kPeople[static_cast<std::size_t>(i + w) % kPeople.size()];
            c.watchers.append(domain::Watcher {QString::fromUtf8(person.email),
                QString::fromUtf8(person.name), QString::fromUtf8(person.jobTitle)});
        }
        c.pendingAction = (life.resolver == domain::ResolverType::AWS && i % 2 == 0
                              && life.status != CaseStatus::Closed)
            ? domain::PendingAction::Customer
            : domain::PendingAction::None;
        c.tags = {
            {u"environment"_s,
                account.parentId == u"ou-7q2d-prd2f6h8"_s ? u"production"_s : u"non-production"_s},
            {u"source"_s, u"demo"_s}};
        if (i % 6 == 0)
            c.caseMetadata = {{u"runbook"_s, u"IR-RB-0%1"_s.arg(1 + i % 9)},
                {u"ticket"_s, u"SEC-%1"_s.arg(4100 + i)}};

        // The history that led here: creation, then one edit per status step.
        QDateTime when = c.createdDate;
        const QString creator = principalFor(domain::ResolverType::Self, i);
        demo.edits.append({c.caseId, when, creator, u"CreateCase"_s,
            u"Case created with status Submitted: %1"_s.arg(c.title)});
        CaseStatus previous = CaseStatus::Submitted;
        for (int step = 0; step < life.path.size(); ++step) {
            const CaseStatus next = life.path.at(step);
            when = when.addSecs(random.bounded(2, 26) * 3600);
            const bool closing = next == CaseStatus::Closed;
            demo.edits.append({c.caseId, when, principalFor(life.resolver, i + step + 1),
                closing ? u"CloseCase"_s : u"UpdateCaseStatus"_s,
                u"Status changed from %1 to %2"_s.arg(toString(previous), toString(next))});
            previous = next;
        }
        if (life.status == CaseStatus::Closed) {
            c.closedDate = when;
            c.closureCode = domain::ClosureCode::InvestigationCompleted;
        }
        const int commentCount = static_cast<int>(life.path.size()) + (i % 2);
        QDateTime commentTime = c.createdDate;
        for (int k = 0; k < commentCount; ++k) {
            commentTime = commentTime.addSecs(random.bounded(1, 10) * 3600);
            if (c.closedDate.isValid() && commentTime > c.closedDate)
                commentTime = c.closedDate.addSecs(-60 * (commentCount - k));
            domain::Comment comment;
            comment.caseId = c.caseId;
            comment.commentId = QString::number(100000 + i * 100 + k);
            comment.createdDate = commentTime;
            comment.lastUpdatedDate = commentTime;
            comment.creator = principalFor(life.resolver, i + k);
            comment.lastUpdatedBy = comment.creator;
            comment.body = QString::fromUtf8(
                kCommentLines[static_cast<std::size_t>(i + k) % std::size(kCommentLines)]);
            demo.comments.append(comment);
            when = std::max(when, commentTime);
        }
        c.lastUpdatedDate = std::min(now, when);
        cases.append(demo);
    }
    return cases;
}

QList<store::OrganizationNode> organizationNodes(const DemoOrganization &organization)
{
    QList<store::OrganizationNode> nodes;
    int position = 0;
    for (const DemoOrganizationalUnit &unit : organization.units()) {
        store::OrganizationNode node;
        node.id = unit.id;
        node.kind = unit.parentId.isEmpty() ? store::OrganizationNode::Kind::Root
                                            : store::OrganizationNode::Kind::OrganizationalUnit;
        node.parentId = unit.parentId;
        node.name = unit.name;
        node.arn = unit.parentId.isEmpty()
            ? u"arn:aws:organizations::%1:root/%2/%3"_s.arg(
                organization.managementAccountId(), organization.organizationId(), unit.id)
            : u"arn:aws:organizations::%1:ou/%2/%3"_s.arg(
                organization.managementAccountId(), organization.organizationId(), unit.id);
        node.position = position++;
        nodes.append(node);
    }
    for (const DemoAccount &account : organization.accounts()) {
        store::OrganizationNode node;
        node.id = account.id;
        node.kind = store::OrganizationNode::Kind::Account;
        node.parentId = account.parentId;
        node.name = account.name;
        node.email = account.email;
        node.arn = u"arn:aws:organizations::%1:account/%2/%3"_s.arg(
            organization.managementAccountId(), organization.organizationId(), account.id);
        node.status = account.parentId == u"ou-7q2d-sus1r5t3"_s ? u"SUSPENDED"_s : u"ACTIVE"_s;
        node.position = position++;
        nodes.append(node);
    }
    return nodes;
}

domain::Membership demoMembership(const DemoOrganization &organization, const QDateTime &now)
{
    domain::Membership membership;
    membership.membershipId = u"m-northwind7k2q9x"_s;
    membership.accountId = kMembershipAccount;
    membership.region = organization.homeRegion();
    membership.membershipName = u"Northwind incident response"_s;
    membership.membershipArn = u"arn:aws:security-ir:%1:%2:membership/%3"_s.arg(
        membership.region, membership.accountId, membership.membershipId);
    membership.membershipStatus = domain::MembershipStatus::Active;
    membership.membershipActivationTimestamp = now.addDays(-120);
    membership.customerType = domain::CustomerType::Organization;
    membership.numberOfAccountsCovered = organization.accounts().size();
    for (std::size_t p = 0; p < 3; ++p) {
        domain::IncidentResponder responder;
        responder.name = QString::fromUtf8(kPeople[p].name);
        responder.jobTitle = QString::fromUtf8(kPeople[p].jobTitle);
        responder.email = QString::fromUtf8(kPeople[p].email);
        responder.communicationPreferences
            = {domain::CommunicationType::CaseCreated, domain::CommunicationType::CaseStatusUpdated,
                domain::CommunicationType::CaseCommentAdded};
        membership.incidentResponseTeam.append(responder);
    }
    membership.optInFeatures = {domain::OptInFeature {domain::OptInFeatureName::Triage, true}};
    membership.membershipAccountsConfigurations.coverEntireOrganization = true;
    membership.tags = {{u"owner"_s, u"security"_s}};
    return membership;
}

} // namespace

bool workspaceHasData(store::Workspace &workspace)
{
    QSqlDatabase connection = workspace.database().reader();
    const store::CaseRepository cases(connection);
    const store::FindingRepository findings(connection);
    return cases.count() > 0 || findings.count() > 0;
}

bool seedDemoWorkspace(store::Workspace &workspace, const DemoSize &size, QString *error)
{
    if (workspaceHasData(workspace))
        return true;
    const DemoOrganization &organization = DemoOrganization::standard();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<DemoCase> cases = makeCases(organization, size.cases, now);
    // Findings: generated in the sources' own formats and read back through the same
    // parsers as imported files, so the demo exercises the real path.
    FindingGenerator generator(organization, kSeed);
    generator.setReferenceTime(now);
    QList<domain::Finding> findings;
    findings.reserve(size.findings);
    QString parseError;
    for (int i = 0; i < size.findings; ++i) {
        const bool fromGuardDuty = i % 10 < 7;
        const auto finding = fromGuardDuty
            ? triage::FindingParser::fromGuardDuty(generator.guardDutyFinding(), &parseError)
            : triage::FindingParser::fromAsff(generator.securityHubFinding(), &parseError);
        if (!finding) {
            if (error)
                *error = u"generated finding %1 did not parse: %2"_s.arg(i).arg(parseError);
            return false;
        }
        findings.append(*finding);
    }
    // Link each case to a few findings of its first impacted account.
    QHash<QString, QString> caseOfAccount;
    for (const DemoCase &demo : cases) {
        if (demo.value.caseStatus != CaseStatus::Closed)
            caseOfAccount.insert(demo.value.impactedAccounts.first(), demo.value.caseId);
    }
    QHash<QString, int> linked;
    for (domain::Finding &finding : findings) {
        const QString caseId = caseOfAccount.value(finding.accountId);
        if (!caseId.isEmpty() && finding.severityScore >= 7.0 && linked[caseId] < 4) {
            finding.caseId = caseId;
            ++linked[caseId];
        }
    }
    // The demo data must pass the same validation as anything a user enters.
    auto reportInvalid = [error](const QString &what, const domain::FieldErrors &problems) {
        if (problems.isEmpty())
            return false;
        if (error)
            *error = u"demo %1 is invalid: %2: %3"_s.arg(
                what, problems.first().field, problems.first().message);
        return true;
    };
    const domain::Membership membership = demoMembership(organization, now);
    if (reportInvalid(u"membership"_s, domain::validate(membership)))
        return false;
    for (const DemoCase &demo : cases) {
        if (reportInvalid(u"case "_s + demo.value.caseId, domain::validate(demo.value)))
            return false;
        for (const auto &comment : demo.comments) {
            if (reportInvalid(u"comment "_s + comment.commentId, domain::validate(comment)))
                return false;
        }
        for (const auto &edit : demo.edits) {
            if (reportInvalid(u"case edit of "_s + edit.caseId, domain::validate(edit)))
                return false;
        }
    }

    // Organisation, membership and cases in one transaction: all or nothing.
    const bool written = workspace.database().write(
        [&](QSqlDatabase &connection, QString *writeError) {
            if (!store::OrganizationRepository(connection)
                     .replaceAll(organizationNodes(organization), writeError))
                return false;
            if (!store::MembershipRepository(connection).upsert(membership, writeError))
                return false;
            store::CaseRepository caseRepository(connection);
            store::CommentRepository comments(connection);
            store::CaseEditRepository edits(connection);
            for (const DemoCase &demo : cases) {
                if (!caseRepository.upsert(demo.value, writeError))
                    return false;
                for (const auto &comment : demo.comments) {
                    if (!comments.upsert(comment, writeError))
                        return false;
                }
                for (const auto &edit : demo.edits) {
                    if (!edits.append(edit, writeError))
                        return false;
                }
            }
            return true;
        },
        error);
    if (!written)
        return false;

    if (!store::FindingRepository::upsertBatched(
            workspace.database(), findings, 2000, store::Database::ProgressFunction(), error))
        return false;
    // Each case's timeline from its edits, comments and linked findings.
    return workspace.database().write(
        [&](QSqlDatabase &connection, QString *writeError) {
            timeline::TimelineCollector collector(connection);
            for (const DemoCase &demo : cases)
                if (collector.collect(demo.value.caseId, writeError) < 0)
                    return false;
            return true;
        },
        error);
}

} // namespace warroom::demo
