#include "FindingGenerator.h"

#include "DemoOrganization.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QHash>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace warroom::demo {

namespace {

enum class Resource { Instance, AccessKey, S3Bucket, EksCluster, RdsInstance, Container };
enum class Action {
    InboundConnection,
    OutboundConnection,
    ApiCall,
    PortProbe,
    DnsRequest,
    KubernetesApiCall,
    RdsLogin,
    Runtime
};

struct GuardDutyType
{
    const char *type;
    Resource resource;
    Action action;
    double severity;
    const char *title; // %1 = remote IP or domain, %2 = resource name
};

// Real GuardDuty finding types (see the finding-type list in the reference folder) with
// their default severity; weights below make the noisy ones common, as in real queues.
constexpr std::array<GuardDutyType, 32> kGuardDutyTypes {{
    {"UnauthorizedAccess:EC2/SSHBruteForce", Resource::Instance, Action::InboundConnection, 2,
        "%1 is performing SSH brute force attacks against %2."},
    {"UnauthorizedAccess:EC2/RDPBruteForce", Resource::Instance, Action::InboundConnection, 2,
        "%1 is performing RDP brute force attacks against %2."},
    {"Recon:EC2/PortProbeUnprotectedPort", Resource::Instance, Action::PortProbe, 2,
        "Unprotected port on EC2 instance %2 is being probed."},
    {"UnauthorizedAccess:EC2/MaliciousIPCaller.Custom", Resource::Instance,
        Action::InboundConnection, 5,
        "EC2 instance %2 is communicating with a disallowed IP address %1."},
    {"CryptoCurrency:EC2/BitcoinTool.B!DNS", Resource::Instance, Action::DnsRequest, 8,
        "EC2 instance %2 is querying a domain name %1 that is associated with Bitcoin-related "
        "activity."},
    {"CryptoCurrency:EC2/BitcoinTool.B", Resource::Instance, Action::OutboundConnection, 8,
        "EC2 instance %2 is communicating with Bitcoin-related IP address %1."},
    {"Backdoor:EC2/C&CActivity.B!DNS", Resource::Instance, Action::DnsRequest, 8,
        "EC2 instance %2 is querying a domain name %1 associated with a known command and control "
        "server."},
    {"Trojan:EC2/DropPoint!DNS", Resource::Instance, Action::DnsRequest, 5,
        "EC2 instance %2 is querying a domain name %1 of a remote host that is known to hold "
        "credentials."},
    {"UnauthorizedAccess:EC2/TorClient", Resource::Instance, Action::OutboundConnection, 8,
        "EC2 instance %2 is making connections to a Tor Guard or Authority node %1."},
    {"Impact:EC2/PortSweep", Resource::Instance, Action::OutboundConnection, 8,
        "EC2 instance %2 is performing a port sweep on remote host %1."},
    {"Impact:EC2/BitcoinDomainRequest.Reputation", Resource::Instance, Action::DnsRequest, 8,
        "EC2 instance %2 is querying a domain name %1 associated with cryptocurrency-related "
        "activity."},
    {"UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", Resource::AccessKey,
        Action::ApiCall, 8, "Credentials for instance role %2 used from external IP address %1."},
    {"UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B", Resource::AccessKey, Action::ApiCall, 5,
        "Unusual console login by %2 from %1."},
    {"UnauthorizedAccess:IAMUser/TorIPCaller", Resource::AccessKey, Action::ApiCall, 5,
        "API was invoked by %2 from a Tor exit node IP address %1."},
    {"Recon:IAMUser/MaliciousIPCaller.Custom", Resource::AccessKey, Action::ApiCall, 5,
        "Reconnaissance API was invoked by %2 from an IP address %1 on a custom threat list."},
    {"Discovery:IAMUser/AnomalousBehavior", Resource::AccessKey, Action::ApiCall, 2,
        "Unusual discovery APIs were invoked by %2 from %1."},
    {"Persistence:IAMUser/AnomalousBehavior", Resource::AccessKey, Action::ApiCall, 5,
        "Unusual persistence APIs were invoked by %2 from %1."},
    {"Stealth:IAMUser/CloudTrailLoggingDisabled", Resource::AccessKey, Action::ApiCall, 2,
        "AWS CloudTrail trail was disabled by %2 from %1."},
    {"Policy:IAMUser/RootCredentialUsage", Resource::AccessKey, Action::ApiCall, 2,
        "API was invoked using root credentials from %1."},
    {"Policy:S3/BucketBlockPublicAccessDisabled", Resource::S3Bucket, Action::ApiCall, 2,
        "Amazon S3 Block Public Access was disabled for bucket %2."},
    {"Policy:S3/BucketPublicAccessGranted", Resource::S3Bucket, Action::ApiCall, 8,
        "Amazon S3 public anonymous access was granted for bucket %2."},
    {"Discovery:S3/TorIPCaller", Resource::S3Bucket, Action::ApiCall, 5,
        "S3 API was invoked on bucket %2 from a Tor exit node IP address %1."},
    {"Exfiltration:S3/AnomalousBehavior", Resource::S3Bucket, Action::ApiCall, 8,
        "Unusual S3 object reads from bucket %2 by a caller at %1."},
    {"Impact:S3/MaliciousIPCaller", Resource::S3Bucket, Action::ApiCall, 8,
        "S3 API that can tamper with data was invoked on bucket %2 from a known malicious IP %1."},
    {"PenTest:S3/KaliLinux", Resource::S3Bucket, Action::ApiCall, 5,
        "S3 API was invoked on bucket %2 from a Kali Linux computer at %1."},
    {"Execution:Kubernetes/ExecInKubeSystemPod", Resource::EksCluster, Action::KubernetesApiCall, 5,
        "Command executed inside a pod in the kube-system namespace of %2."},
    {"Policy:Kubernetes/ExposedDashboard", Resource::EksCluster, Action::KubernetesApiCall, 5,
        "Kubernetes dashboard of %2 is exposed to the internet."},
    {"PrivilegeEscalation:Kubernetes/PrivilegedContainer", Resource::EksCluster,
        Action::KubernetesApiCall, 5, "Privileged container launched in %2."},
    {"Discovery:Kubernetes/TorIPCaller", Resource::EksCluster, Action::KubernetesApiCall, 5,
        "Kubernetes API of %2 was invoked from a Tor exit node IP address %1."},
    {"CredentialAccess:RDS/MaliciousIPCaller.FailedLogin", Resource::RdsInstance, Action::RdsLogin,
        5, "Failed login attempts to database %2 from a known malicious IP address %1."},
    {"CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin", Resource::RdsInstance,
        Action::RdsLogin, 8, "Unusual successful login to database %2 from %1."},
    {"Execution:Runtime/NewBinaryExecuted", Resource::Container, Action::Runtime, 5,
        "A newly created or recently modified binary was executed in container %2."},
}};
constexpr std::array<int, 32> kGuardDutyWeights {30, 14, 24, 6, 4, 2, 2, 3, 2, 1, 2, 2, 4, 3, 3, 6,
    3, 1, 2, 5, 1, 3, 1, 1, 2, 3, 2, 2, 2, 4, 1, 3};

struct SecurityHubControl
{
    const char *controlId;
    const char *title;
    const char *label;
    int normalized;
    const char *resourceType;
};

// AWS Foundational Security Best Practices controls as Security Hub reports them.
constexpr std::array<SecurityHubControl, 12> kControls {{
    {"S3.8", "S3 general purpose buckets should block public access", "HIGH", 70, "AwsS3Bucket"},
    {"S3.5", "S3 general purpose buckets should require requests to use SSL", "MEDIUM", 40,
        "AwsS3Bucket"},
    {"EC2.19", "Security groups should not allow unrestricted access to ports with high risk",
        "CRITICAL", 90, "AwsEc2SecurityGroup"},
    {"EC2.8", "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)", "HIGH", 70,
        "AwsEc2Instance"},
    {"IAM.6", "Hardware MFA should be enabled for the root user", "CRITICAL", 90, "AwsAccount"},
    {"IAM.3", "IAM users' access keys should be rotated every 90 days or less", "MEDIUM", 40,
        "AwsIamUser"},
    {"CloudTrail.1",
        "CloudTrail should be enabled and configured with at least one multi-Region trail that "
        "includes read and write management events",
        "HIGH", 70, "AwsAccount"},
    {"CloudTrail.2", "CloudTrail should have encryption at-rest enabled", "MEDIUM", 40,
        "AwsCloudTrailTrail"},
    {"RDS.3", "RDS DB instances should have encryption at-rest enabled", "MEDIUM", 40,
        "AwsRdsDbInstance"},
    {"EKS.2", "EKS clusters should run on a supported Kubernetes version", "HIGH", 70,
        "AwsEksCluster"},
    {"KMS.4", "AWS KMS key rotation should be enabled", "MEDIUM", 40, "AwsKmsKey"},
    {"GuardDuty.1", "GuardDuty should be enabled", "HIGH", 70, "AwsAccount"},
}};

QString hex(QRandomGenerator &random, int length)
{
    static const char digits[] = "0123456789abcdef";
    QString text(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i)
        text[i] = QLatin1Char(digits[random.bounded(16)]);
    return text;
}

QString isoTime(const QDateTime &time)
{
    return time.toString(Qt::ISODateWithMs);
}

// Documentation and benchmark ranges only: realistic to a parser, harmless to anyone.
QString attackerIp(QRandomGenerator &random)
{
    static const char *const prefixes[] = {"198.51.100.", "203.0.113.", "192.0.2."};
    const int pick = random.bounded(20);
    if (pick == 0)
        return u"2001:DB8:%1::%2"_s.arg(random.bounded(0x10000), 0, 16)
            .arg(random.bounded(1, 0x10000), 0, 16)
            .toUpper();
    if (pick < 4) // the corporate VPN egress, which trusted-network rules cover
        return u"198.18.%1.%2"_s.arg(random.bounded(0, 4)).arg(random.bounded(1, 255));
    return QLatin1String(prefixes[pick % 3]) + QString::number(random.bounded(1, 64));
}

QString severityLabel(double severity)
{
    if (severity >= 9.0)
        return u"Critical"_s;
    if (severity >= 7.0)
        return u"High"_s;
    if (severity >= 4.0)
        return u"Medium"_s;
    return u"Low"_s;
}

QJsonObject remoteIpDetails(QRandomGenerator &random, const QString &ip)
{
    static const char *const countries[][3] = {{"Netherlands", "Amsterdam", "AS-CHOOPA"},
        {"United States", "Ashburn", "DIGITALOCEAN-ASN"}, {"Germany", "Frankfurt", "HETZNER-AS"},
        {"Brazil", "Sao Paulo", "CLARO S.A."}, {"Singapore", "Singapore", "OVH SAS"}};
    const auto &where = countries[random.bounded(5)];
    QJsonObject details {
        {u"country"_s, QJsonObject {{u"countryName"_s, QLatin1String(where[0])}}},
        {u"city"_s, QJsonObject {{u"cityName"_s, QLatin1String(where[1])}}},
        {u"organization"_s,
            QJsonObject {{u"asn"_s, QString::number(random.bounded(1000, 65000))},
                {u"asnOrg"_s, QLatin1String(where[2])}, {u"isp"_s, QLatin1String(where[2])},
                {u"org"_s, QLatin1String(where[2])}}},
        {u"geoLocation"_s,
            QJsonObject {{u"lat"_s, random.bounded(-60.0) + 30.0},
                {u"lon"_s, random.bounded(-120.0) + 60.0}}},
    };
    details.insert(ip.contains(u':') ? u"ipAddressV6"_s : u"ipAddressV4"_s, ip);
    return details;
}

// botocore prints GuardDuty members in PascalCase; the wire format is camelCase.
QJsonValue toPascalCase(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const auto &item : value.toArray())
            out.append(toPascalCase(item));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject out;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        QString key = it.key();
        if (!key.isEmpty())
            key[0] = key[0].toUpper();
        out.insert(key, toPascalCase(it.value()));
    }
    return out;
}

} // namespace

FindingGenerator::FindingGenerator(const DemoOrganization &organization, quint64 seed)
    : m_organization(organization)
    , m_random(static_cast<quint32>(seed ^ (seed >> 32)))
    , m_now(QDateTime::currentDateTimeUtc())
{
}

QDateTime FindingGenerator::randomPastTime(qint64 maxAgeSeconds)
{
    return m_now.addSecs(
        -static_cast<qint64>(m_random.bounded(static_cast<double>(maxAgeSeconds))));
}

QJsonObject FindingGenerator::guardDutyFinding()
{
    if (m_recent.size() >= 16 && m_random.bounded(20) == 0) {
        const int index = m_random.bounded(static_cast<int>(m_recent.size()));
        QJsonObject finding = m_recent.at(index);
        QJsonObject service = finding.value(u"service"_s).toObject();
        const QDateTime lastSeen = QDateTime::fromString(
            service.value(u"eventLastSeen"_s).toString(), Qt::ISODateWithMs);
        const QDateTime later = std::min(m_now, lastSeen.addSecs(m_random.bounded(60, 7200)));
        service.insert(u"count"_s, service.value(u"count"_s).toInt() + 1 + m_random.bounded(5));
        service.insert(u"eventLastSeen"_s, isoTime(later));
        finding.insert(u"service"_s, service);
        finding.insert(u"updatedAt"_s, isoTime(later.addSecs(m_random.bounded(30, 600))));
        m_recent[index] = finding; // the next update builds on this one
        return finding;
    }
    QJsonObject finding = newGuardDutyFinding();
    if (m_recent.size() < 64)
        m_recent.append(finding);
    else
        m_recent[m_random.bounded(64)] = finding;
    return finding;
}

QJsonObject FindingGenerator::newGuardDutyFinding()
{
    static const int totalWeight = [] {
        int sum = 0;
        for (int weight : kGuardDutyWeights)
            sum += weight;
        return sum;
    }();
    int roll = m_random.bounded(totalWeight);
    std::size_t pick = 0;
    while (roll >= kGuardDutyWeights[pick]) {
        roll -= kGuardDutyWeights[pick];
        ++pick;
    }
    const GuardDutyType &kind = kGuardDutyTypes[pick];

    const auto &accounts = m_organization.accounts();
    const DemoAccount &account = accounts.at(m_random.bounded(static_cast<int>(accounts.size())));
    const auto &regions = m_organization.regions();
    // Most activity lands in the home Region, as in a real estate.
    const QString region = m_random.bounded(3) == 0
        ? regions.at(m_random.bounded(static_cast<int>(regions.size())))
        : regions.first();
    const QString detectorId = hex(m_random, 32).left(32);
    const QString findingId = hex(m_random, 32);
    // A small pool of resources per account, so that repeats share a fingerprint.
    const int resourceIndex = m_random.bounded(12);

    double severity = kind.severity;
    if (kind.action == Action::InboundConnection && m_random.bounded(10) == 0)
        severity = 5; // brute force that looks successful is raised to Medium
    const QDateTime created = randomPastTime(30 * 24 * 3600);
    const QDateTime firstSeen = created.addSecs(-m_random.bounded(60, 1800));
    const QDateTime lastSeen = std::min(m_now, created.addSecs(m_random.bounded(0, 6 * 3600)));
    const QString remoteIp = attackerIp(m_random);

    QJsonObject resource {{u"resourceType"_s, u"Instance"_s}};
    QString resourceName;
    switch (kind.resource) {
    case Resource::Instance:
    case Resource::Container: {
        resourceName = u"i-0"_s + account.id.right(6) + u"f3a"_s
            + QString::number(resourceIndex, 16).rightJustified(2, u'0');
        QJsonObject instance {
            {u"instanceId"_s, resourceName},
            {u"instanceType"_s, m_random.bounded(2) ? u"m5.large"_s : u"t3.medium"_s},
            {u"launchTime"_s, isoTime(created.addDays(-m_random.bounded(1, 400)))},
            {u"imageId"_s, QString(u"ami-0"_s + hex(m_random, 16))},
            {u"availabilityZone"_s, QString(region + u"a"_s)},
            {u"platform"_s, QJsonValue::Null},
            {u"iamInstanceProfile"_s,
                QJsonObject {
                    {u"arn"_s,
                        u"arn:aws:iam::%1:instance-profile/%2-app"_s.arg(account.id, account.name)},
                    {u"id"_s, QString(u"AIPA"_s + hex(m_random, 16).toUpper())}}},
            {u"networkInterfaces"_s,
                QJsonArray {
                    QJsonObject {{u"networkInterfaceId"_s, QString(u"eni-0"_s + hex(m_random, 16))},
                        {u"privateIpAddress"_s,
                            u"10.%1.%2.%3"_s.arg(resourceIndex)
                                .arg(m_random.bounded(256))
                                .arg(m_random.bounded(1, 255))},
                        {u"publicIp"_s, u"203.0.113.%1"_s.arg(100 + resourceIndex)},
                        {u"subnetId"_s, QString(u"subnet-0"_s + hex(m_random, 16))},
                        {u"vpcId"_s, QString(u"vpc-0"_s + account.id.right(8))},
                        {u"securityGroups"_s,
                            QJsonArray {
                                QJsonObject {{u"groupId"_s, QString(u"sg-0"_s + hex(m_random, 16))},
                                    {u"groupName"_s, u"web-tier"_s}}}},
                        {u"ipv6Addresses"_s, QJsonArray()}}}},
            {u"tags"_s,
                QJsonArray {QJsonObject {{u"key"_s, u"Name"_s},
                    {u"value"_s,
                        QString(account.name + u"-node-"_s + QString::number(resourceIndex))}}}},
        };
        resource.insert(u"instanceDetails"_s, instance);
        if (kind.resource == Resource::Container) {
            resource.insert(u"resourceType"_s, u"Container"_s);
            resourceName = account.name + u"-worker-"_s + QString::number(resourceIndex);
            resource.insert(u"containerDetails"_s,
                QJsonObject {{u"id"_s, hex(m_random, 32)}, {u"name"_s, resourceName},
                    {u"image"_s,
                        u"%1.dkr.ecr.%2.amazonaws.com/worker:1.%3"_s.arg(account.id, region)
                            .arg(resourceIndex)},
                    {u"containerRuntime"_s, u"containerd"_s}});
        }
        break;
    }
    case Resource::AccessKey: {
        const bool role = m_random.bounded(3) == 0;
        resourceName = role
            ? u"ci-deployer"_s
            : (u"svc-"_s + account.name.section(u'-', 0, 0) + QString::number(resourceIndex % 4));
        resource.insert(u"resourceType"_s, u"AccessKey"_s);
        resource.insert(u"accessKeyDetails"_s,
            QJsonObject {
                {u"accessKeyId"_s,
                    QString((role ? u"ASIA"_s : u"AKIA"_s) + account.id.right(4) + u"EXAMPLE"_s
                        + QString::number(resourceIndex).rightJustified(5, u'0'))},
                {u"principalId"_s,
                    QString(u"AIDA"_s + account.id + QString::number(resourceIndex))},
                {u"userName"_s, resourceName},
                {u"userType"_s, role ? u"AssumedRole"_s : u"IAMUser"_s}});
        break;
    }
    case Resource::S3Bucket: {
        resourceName = u"northwind-%1-%2"_s.arg(account.name).arg(resourceIndex % 6);
        resource.insert(u"resourceType"_s, u"S3Bucket"_s);
        resource.insert(u"s3BucketDetails"_s,
            QJsonArray {QJsonObject {{u"arn"_s, QString(u"arn:aws:s3:::"_s + resourceName)},
                {u"name"_s, resourceName}, {u"type"_s, u"Destination"_s},
                {u"createdAt"_s,
                    static_cast<double>(created.addDays(-200).toSecsSinceEpoch()) + 0.25},
                {u"owner"_s, QJsonObject {{u"id"_s, hex(m_random, 64)}}},
                {u"publicAccess"_s,
                    QJsonObject {{u"effectivePermission"_s,
                        m_random.bounded(4) ? u"NOT_PUBLIC"_s : u"PUBLIC"_s}}},
                {u"tags"_s, QJsonArray()}}});
        break;
    }
    case Resource::EksCluster: {
        resourceName = account.name + u"-eks"_s;
        resource.insert(u"resourceType"_s, u"EKSCluster"_s);
        resource.insert(u"eksClusterDetails"_s,
            QJsonObject {{u"name"_s, resourceName},
                {u"arn"_s, u"arn:aws:eks:%1:%2:cluster/%3"_s.arg(region, account.id, resourceName)},
                {u"vpcId"_s, QString(u"vpc-0"_s + account.id.right(8))}, {u"status"_s, u"ACTIVE"_s},
                {u"createdAt"_s,
                    static_cast<double>(created.addDays(-90).toSecsSinceEpoch()) + 0.5},
                {u"tags"_s, QJsonArray()}});
        resource.insert(u"kubernetesDetails"_s,
            QJsonObject {{u"kubernetesUserDetails"_s,
                             QJsonObject {{u"username"_s, u"system:serviceaccount:default:app"_s},
                                 {u"uid"_s, QString(hex(m_random, 8) + u"-"_s + hex(m_random, 4))},
                                 {u"groups"_s, QJsonArray {u"system:serviceaccounts"_s}}}},
                {u"kubernetesWorkloadDetails"_s, QJsonValue::Null}});
        break;
    }
    case Resource::RdsInstance: {
        resourceName = account.name + u"-db-"_s + QString::number(resourceIndex % 3);
        resource.insert(u"resourceType"_s, u"RDSDBInstance"_s);
        resource.insert(u"rdsDbInstanceDetails"_s,
            QJsonObject {{u"dbInstanceIdentifier"_s, resourceName},
                {u"dbInstanceArn"_s,
                    u"arn:aws:rds:%1:%2:db:%3"_s.arg(region, account.id, resourceName)},
                {u"engine"_s, u"aurora-postgresql"_s}, {u"engineVersion"_s, u"15.4"_s}});
        resource.insert(u"rdsDbUserDetails"_s,
            QJsonObject {{u"user"_s, u"app_rw"_s}, {u"application"_s, u"psql"_s},
                {u"database"_s, u"orders"_s}, {u"ssl"_s, u"true"_s},
                {u"authMethod"_s, u"PASSWORD"_s}});
        break;
    }
    }

    QJsonObject action;
    QString titleSubject = remoteIp;
    switch (kind.action) {
    case Action::InboundConnection:
    case Action::OutboundConnection: {
        const bool inbound = kind.action == Action::InboundConnection;
        const int localPort = QByteArray(kind.type).contains("RDP") ? 3389 : 22;
        action = {{u"actionType"_s, u"NETWORK_CONNECTION"_s},
            {u"networkConnectionAction"_s,
                QJsonObject {{u"connectionDirection"_s, inbound ? u"INBOUND"_s : u"OUTBOUND"_s},
                    {u"protocol"_s, u"TCP"_s}, {u"blocked"_s, false},
                    {u"localPortDetails"_s,
                        QJsonObject {
                            {u"port"_s, inbound ? localPort : m_random.bounded(32768, 60999)}}},
                    {u"remotePortDetails"_s,
                        QJsonObject {{u"port"_s, inbound ? m_random.bounded(32768, 60999) : 443}}},
                    {u"remoteIpDetails"_s, remoteIpDetails(m_random, remoteIp)}}}};
        break;
    }
    case Action::PortProbe: {
        QJsonArray probes;
        const int count = m_random.bounded(1, 4);
        for (int i = 0; i < count; ++i) {
            probes.append(QJsonObject {
                {u"localPortDetails"_s, QJsonObject {{u"port"_s, i == 0 ? 22 : 80 + i}}},
                {u"remoteIpDetails"_s,
                    remoteIpDetails(m_random, i == 0 ? remoteIp : attackerIp(m_random))}});
        }
        action = {{u"actionType"_s, u"PORT_PROBE"_s},
            {u"portProbeAction"_s,
                QJsonObject {{u"blocked"_s, false}, {u"portProbeDetails"_s, probes}}}};
        break;
    }
    case Action::DnsRequest: {
        static const char *const domains[] = {"pool.minergate.example", "xmr.cryptopool.example",
            "c2.badactor.example", "drop.exfil.example"};
        titleSubject = QLatin1String(domains[m_random.bounded(4)]);
        action = {{u"actionType"_s, u"DNS_REQUEST"_s},
            {u"dnsRequestAction"_s,
                QJsonObject {{u"domain"_s, titleSubject}, {u"protocol"_s, u"UDP"_s},
                    {u"blocked"_s, false}}}};
        break;
    }
    case Action::ApiCall: {
        static const char *const apis[]
            = {"ListBuckets", "GetObject", "CreateAccessKey", "StopLogging", "ConsoleLogin",
                "DescribeInstances", "PutBucketPublicAccessBlock", "AttachUserPolicy"};
        action = {{u"actionType"_s, u"AWS_API_CALL"_s},
            {u"awsApiCallAction"_s,
                QJsonObject {{u"api"_s, QLatin1String(apis[m_random.bounded(8)])},
                    {u"serviceName"_s,
                        kind.resource == Resource::S3Bucket ? u"s3.amazonaws.com"_s
                                                            : u"iam.amazonaws.com"_s},
                    {u"callerType"_s, u"Remote IP"_s},
                    {u"userAgent"_s,
                        m_random.bounded(4) ? u"aws-cli/2.15.0 Python/3.11"_s
                                            : u"Boto3/1.34.0 Python/3.12"_s},
                    {u"remoteIpDetails"_s, remoteIpDetails(m_random, remoteIp)}}}};
        break;
    }
    case Action::KubernetesApiCall:
        action = {{u"actionType"_s, u"KUBERNETES_API_CALL"_s},
            {u"kubernetesApiCallAction"_s,
                QJsonObject {{u"verb"_s, u"create"_s},
                    {u"requestUri"_s, u"/api/v1/namespaces/kube-system/pods/coredns/exec"_s},
                    {u"statusCode"_s, 101}, {u"sourceIPs"_s, QJsonArray {remoteIp}},
                    {u"userAgent"_s, u"kubectl/v1.29.0"_s},
                    {u"remoteIpDetails"_s, remoteIpDetails(m_random, remoteIp)}}}};
        break;
    case Action::RdsLogin:
        action = {{u"actionType"_s, u"RDS_LOGIN_ATTEMPT"_s},
            {u"rdsLoginAttemptAction"_s,
                QJsonObject {{u"remoteIpDetails"_s, remoteIpDetails(m_random, remoteIp)}}}};
        break;
    case Action::Runtime:
        titleSubject = QString();
        break;
    }

    QJsonObject service {
        {u"serviceName"_s, u"guardduty"_s},
        {u"detectorId"_s, detectorId},
        {u"action"_s, action},
        {u"eventFirstSeen"_s, isoTime(firstSeen)},
        {u"eventLastSeen"_s, isoTime(lastSeen)},
        {u"count"_s, 1 + m_random.bounded(kind.severity < 4 ? 40 : 4)},
        {u"archived"_s, false},
        {u"evidence"_s, QJsonValue::Null},
        {u"additionalInfo"_s, QJsonObject {{u"value"_s, u"{}"_s}, {u"type"_s, u"default"_s}}},
    };
    if (kind.action == Action::Runtime) {
        service.insert(u"featureName"_s, u"RuntimeMonitoring"_s);
        service.insert(u"runtimeDetails"_s,
            QJsonObject {{u"process"_s,
                QJsonObject {{u"name"_s, u"kworkerd"_s},
                    {u"executablePath"_s, u"/tmp/.cache/kworkerd"_s},
                    {u"executableSha256"_s, hex(m_random, 64)},
                    {u"pid"_s, m_random.bounded(200, 40000)}, {u"euid"_s, 0}}}});
    } else {
        service.insert(u"resourceRole"_s,
            kind.action == Action::OutboundConnection ? u"ACTOR"_s : u"TARGET"_s);
    }

    const QString title = QString::fromLatin1(kind.title)
                              .replace(u"%1"_s, titleSubject)
                              .replace(u"%2"_s, resourceName);
    return QJsonObject {
        {u"schemaVersion"_s, u"2.0"_s},
        {u"accountId"_s, account.id},
        {u"region"_s, region},
        {u"partition"_s, u"aws"_s},
        {u"id"_s, findingId},
        {u"arn"_s,
            u"arn:aws:guardduty:%1:%2:detector/%3/finding/%4"_s.arg(
                region, account.id, detectorId, findingId)},
        {u"type"_s, QLatin1String(kind.type)},
        {u"resource"_s, resource},
        {u"service"_s, service},
        {u"severity"_s, severity},
        {u"createdAt"_s, isoTime(created)},
        {u"updatedAt"_s, isoTime(lastSeen.addSecs(m_random.bounded(30, 600)))},
        {u"title"_s, title},
        {u"description"_s,
            QString(title
                + u" This activity is unusual for this resource and may indicate a compromise."_s)},
    };
}

QJsonObject FindingGenerator::securityHubFinding()
{
    // A third of Security Hub's findings in a typical estate come from GuardDuty.
    if (m_random.bounded(3) == 0)
        return guardDutyAsAsff(guardDutyFinding());
    return controlFinding();
}

QJsonObject FindingGenerator::guardDutyAsAsff(const QJsonObject &finding) const
{
    const QString region = finding.value(u"region"_s).toString();
    const QString account = finding.value(u"accountId"_s).toString();
    const double severity = finding.value(u"severity"_s).toDouble();
    const QJsonObject service = finding.value(u"service"_s).toObject();
    const QString label = severityLabel(severity).toUpper();
    const QString type = finding.value(u"type"_s).toString();
    const QString tactic = type.section(u':', 0, 0);
    QJsonObject resource {
        {u"Type"_s, u"AwsEc2Instance"_s}, {u"Partition"_s, u"aws"_s}, {u"Region"_s, region}};
    const QJsonObject gdResource = finding.value(u"resource"_s).toObject();
    const QString resourceType = gdResource.value(u"resourceType"_s).toString();
    if (resourceType == u"Instance" || resourceType == u"Container") {
        const QString id
            = gdResource.value(u"instanceDetails"_s).toObject().value(u"instanceId"_s).toString();
        resource.insert(u"Id"_s, u"arn:aws:ec2:%1:%2:instance/%3"_s.arg(region, account, id));
    } else if (resourceType == u"AccessKey") {
        resource.insert(u"Type"_s, u"AwsIamAccessKey"_s);
        resource.insert(u"Id"_s,
            QString(u"AWS::IAM::AccessKey:"_s
                + gdResource.value(u"accessKeyDetails"_s)
                      .toObject()
                      .value(u"accessKeyId"_s)
                      .toString()));
    } else if (resourceType == u"S3Bucket") {
        resource.insert(u"Type"_s, u"AwsS3Bucket"_s);
        resource.insert(u"Id"_s,
            gdResource.value(u"s3BucketDetails"_s)
                .toArray()
                .first()
                .toObject()
                .value(u"arn"_s)
                .toString());
    } else if (resourceType == u"EKSCluster") {
        resource.insert(u"Type"_s, u"AwsEksCluster"_s);
        resource.insert(u"Id"_s,
            gdResource.value(u"eksClusterDetails"_s).toObject().value(u"arn"_s).toString());
    } else {
        resource.insert(u"Type"_s, u"AwsRdsDbInstance"_s);
        resource.insert(u"Id"_s,
            gdResource.value(u"rdsDbInstanceDetails"_s)
                .toObject()
                .value(u"dbInstanceArn"_s)
                .toString());
    }
    QJsonObject productFields {
        {u"aws/guardduty/service/serviceName"_s, u"guardduty"_s},
        {u"aws/guardduty/service/count"_s, QString::number(service.value(u"count"_s).toInt())},
        {u"aws/guardduty/service/archived"_s, u"false"_s},
        {u"aws/guardduty/service/action/actionType"_s,
            service.value(u"action"_s).toObject().value(u"actionType"_s).toString()},
        {u"aws/securityhub/ProductName"_s, u"GuardDuty"_s},
        {u"aws/securityhub/CompanyName"_s, u"Amazon"_s},
    };
    const QJsonObject network
        = service.value(u"action"_s).toObject().value(u"networkConnectionAction"_s).toObject();
    const QString ip
        = network.value(u"remoteIpDetails"_s).toObject().value(u"ipAddressV4"_s).toString();
    if (!ip.isEmpty())
        productFields.insert(
            u"aws/guardduty/service/action/networkConnectionAction/remoteIpDetails/ipAddressV4"_s,
            ip);
    const QString detectorArn = finding.value(u"arn"_s).toString().section(u"/finding/"_s, 0, 0);
    return QJsonObject {
        {u"SchemaVersion"_s, u"2018-10-08"_s},
        {u"Id"_s, finding.value(u"arn"_s).toString()},
        {u"ProductArn"_s, u"arn:aws:securityhub:%1::product/aws/guardduty"_s.arg(region)},
        {u"ProductName"_s, u"GuardDuty"_s},
        {u"CompanyName"_s, u"Amazon"_s},
        {u"Region"_s, region},
        {u"GeneratorId"_s, detectorArn},
        {u"AwsAccountId"_s, account},
        {u"Types"_s, QJsonArray {u"TTPs/%1/%2"_s.arg(tactic, QString(type).replace(u'/', u'-'))}},
        {u"FirstObservedAt"_s, service.value(u"eventFirstSeen"_s)},
        {u"LastObservedAt"_s, service.value(u"eventLastSeen"_s)},
        {u"CreatedAt"_s, finding.value(u"createdAt"_s)},
        {u"UpdatedAt"_s, finding.value(u"updatedAt"_s)},
        {u"Severity"_s,
            QJsonObject {{u"Product"_s, severity}, {u"Label"_s, label},
                {u"Normalized"_s, static_cast<int>(severity * 10)}}},
        {u"Title"_s, finding.value(u"title"_s)},
        {u"Description"_s, finding.value(u"description"_s)},
        {u"ProductFields"_s, productFields},
        {u"Resources"_s, QJsonArray {resource}},
        {u"WorkflowState"_s, u"NEW"_s},
        {u"Workflow"_s, QJsonObject {{u"Status"_s, u"NEW"_s}}},
        {u"RecordState"_s, u"ACTIVE"_s},
    };
}

QJsonObject FindingGenerator::controlFinding()
{
    const SecurityHubControl &control
        = kControls[m_random.bounded(static_cast<int>(kControls.size()))];
    const auto &accounts = m_organization.accounts();
    const DemoAccount &account = accounts.at(m_random.bounded(static_cast<int>(accounts.size())));
    const QString region = m_organization.regions().at(
        m_random.bounded(static_cast<int>(m_organization.regions().size())));
    const int resourceIndex = m_random.bounded(8);
    const QString resourceType = QLatin1String(control.resourceType);
    QString resourceId;
    if (resourceType == u"AwsS3Bucket")
        resourceId = u"arn:aws:s3:::northwind-%1-%2"_s.arg(account.name).arg(resourceIndex % 6);
    else if (resourceType == u"AwsAccount")
        resourceId = u"AWS::::Account:"_s + account.id;
    else if (resourceType == u"AwsEc2Instance")
        resourceId = u"arn:aws:ec2:%1:%2:instance/i-0%3f3a%4"_s
                         .arg(region, account.id, account.id.right(6))
                         .arg(resourceIndex, 2, 16, QLatin1Char('0'));
    else if (resourceType == u"AwsEc2SecurityGroup")
        resourceId = u"arn:aws:ec2:%1:%2:security-group/sg-0%3"_s
                         .arg(region, account.id, account.id.right(8))
                         .append(QString::number(resourceIndex));
    else if (resourceType == u"AwsIamUser")
        resourceId = u"arn:aws:iam::%1:user/svc-%2"_s.arg(account.id).arg(resourceIndex % 4);
    else
        resourceId = u"arn:aws:%1:%2:%3:resource/%4"_s
                         .arg(resourceType.mid(3).toLower(), region, account.id)
                         .arg(resourceIndex);
    const QString controlId = QLatin1String(control.controlId);
    const QString standard = u"aws-foundational-security-best-practices/v/1.0.0"_s;
    const QDateTime created = randomPastTime(90 * 24 * 3600);
    const QDateTime updated
        = std::min(m_now, created.addSecs(m_random.bounded(3600, 20 * 24 * 3600)));
    const bool passed = m_random.bounded(5) == 0;
    return QJsonObject {
        {u"SchemaVersion"_s, u"2018-10-08"_s},
        {u"Id"_s,
            u"arn:aws:securityhub:%1:%2:subscription/%3/%4/finding/%5-%6-%7-%8-%9"_s.arg(region,
                account.id, standard, controlId, hex(m_random, 8), hex(m_random, 4),
                hex(m_random, 4), hex(m_random, 4), hex(m_random, 12))},
        {u"ProductArn"_s, u"arn:aws:securityhub:%1::product/aws/securityhub"_s.arg(region)},
        {u"ProductName"_s, u"Security Hub"_s},
        {u"CompanyName"_s, u"AWS"_s},
        {u"Region"_s, region},
        {u"GeneratorId"_s, QString(standard + u"/"_s + controlId)},
        {u"AwsAccountId"_s, account.id},
        {u"Types"_s,
            QJsonArray {
                u"Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices"_s}},
        {u"FirstObservedAt"_s, isoTime(created)},
        {u"LastObservedAt"_s, isoTime(updated)},
        {u"CreatedAt"_s, isoTime(created)},
        {u"UpdatedAt"_s, isoTime(updated)},
        {u"Severity"_s,
            QJsonObject {{u"Label"_s, QLatin1String(control.label)},
                {u"Normalized"_s, control.normalized},
                {u"Original"_s, QLatin1String(control.label)}}},
        {u"Title"_s, QString(controlId + u" "_s + QLatin1String(control.title))},
        {u"Description"_s,
            QString(u"This control checks whether "_s + QString::fromLatin1(control.title).toLower()
                + u"."_s)},
        {u"Remediation"_s,
            QJsonObject {{u"Recommendation"_s,
                QJsonObject {
                    {u"Text"_s,
                        u"For directions on how to correct this issue, consult the AWS Security Hub controls documentation."_s},
                    {u"Url"_s,
                        u"https://docs.aws.amazon.com/console/securityhub/%1/remediation"_s.arg(
                            controlId)}}}}},
        {u"ProductFields"_s,
            QJsonObject {{u"ControlId"_s, controlId},
                {u"StandardsArn"_s, QString(u"arn:aws:securityhub:::standards/"_s + standard)},
                {u"aws/securityhub/ProductName"_s, u"Security Hub"_s},
                {u"aws/securityhub/CompanyName"_s, u"AWS"_s}}},
        {u"Resources"_s,
            QJsonArray {QJsonObject {{u"Type"_s, resourceType}, {u"Id"_s, resourceId},
                {u"Partition"_s, u"aws"_s}, {u"Region"_s, region}}}},
        {u"Compliance"_s,
            QJsonObject {{u"Status"_s, passed ? u"PASSED"_s : u"FAILED"_s},
                {u"SecurityControlId"_s, controlId}}},
        {u"WorkflowState"_s, u"NEW"_s},
        {u"Workflow"_s, QJsonObject {{u"Status"_s, passed ? u"RESOLVED"_s : u"NEW"_s}}},
        {u"RecordState"_s, passed ? u"ARCHIVED"_s : u"ACTIVE"_s},
    };
}

bool FindingGenerator::parseFormat(const QString &name, Format *format)
{
    static const QHash<QString, Format> formats {
        {u"guardduty"_s, Format::GuardDutyGetFindings},
        {u"guardduty-jsonl"_s, Format::GuardDutyJsonLines},
        {u"asff"_s, Format::SecurityHubAsff},
        {u"eventbridge-jsonl"_s, Format::EventBridgeJsonLines},
    };
    const auto it = formats.constFind(name);
    if (it == formats.constEnd())
        return false;
    *format = it.value();
    return true;
}

bool FindingGenerator::write(QIODevice &out, qint64 count, Format format, QString *error)
{
    const bool wrapped
        = format == Format::GuardDutyGetFindings || format == Format::SecurityHubAsff;
    auto put = [&](const QByteArray &bytes) {
        if (out.write(bytes) == bytes.size())
            return true;
        if (error)
            *error = out.errorString();
        return false;
    };
    if (wrapped && !put("{\"Findings\":[\n"))
        return false;
    for (qint64 i = 0; i < count; ++i) {
        QJsonObject item;
        switch (format) {
        case Format::GuardDutyGetFindings:
            item = toPascalCase(guardDutyFinding()).toObject();
            break;
        case Format::GuardDutyJsonLines:
            item = guardDutyFinding();
            break;
        case Format::SecurityHubAsff:
            item = securityHubFinding();
            break;
        case Format::EventBridgeJsonLines: {
            const bool guardDuty = m_random.bounded(2) == 0;
            const QJsonObject finding = guardDuty ? guardDutyFinding() : securityHubFinding();
            const QString account = guardDuty ? finding.value(u"accountId"_s).toString()
                                              : finding.value(u"AwsAccountId"_s).toString();
            const QString region = guardDuty ? finding.value(u"region"_s).toString()
                                             : finding.value(u"Region"_s).toString();
            item = QJsonObject {
                {u"version"_s, u"0"_s},
                {u"id"_s,
                    u"%1-%2-%3-%4-%5"_s.arg(hex(m_random, 8), hex(m_random, 4), hex(m_random, 4),
                        hex(m_random, 4), hex(m_random, 12))},
                {u"detail-type"_s,
                    guardDuty ? u"GuardDuty Finding"_s : u"Security Hub Findings - Imported"_s},
                {u"source"_s, guardDuty ? u"aws.guardduty"_s : u"aws.securityhub"_s},
                {u"account"_s, account},
                {u"time"_s, m_now.toString(Qt::ISODate)},
                {u"region"_s, region},
                {u"resources"_s,
                    guardDuty ? QJsonArray() : QJsonArray {finding.value(u"ProductArn"_s)}},
                {u"detail"_s,
                    guardDuty ? finding : QJsonObject {{u"findings"_s, QJsonArray {finding}}}},
            };
            break;
        }
        }
        QByteArray line = QJsonDocument(item).toJson(QJsonDocument::Compact);
        if (wrapped && i + 1 < count)
            line += ',';
        line += '\n';
        if (!put(line))
            return false;
    }
    return !wrapped || put("]}\n");
}

} // namespace warroom::demo
