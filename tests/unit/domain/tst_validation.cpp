#include <QtTest/QtTest>

#include "domain/Case.h"
#include "domain/CaseEdit.h"
#include "domain/CaseRequests.h"
#include "domain/Comment.h"
#include "domain/Investigation.h"
#include "domain/MembershipRequests.h"
#include "domain/SuppressionRule.h"
#include "domain/Validation.h"

#include <functional>

using namespace warroom::domain;
using namespace Qt::StringLiterals;

using Check = std::function<FieldErrors()>;
Q_DECLARE_METATYPE(Check)

namespace {

using ValueChecker = void (*)(const QString &, const QString &, FieldErrors &);

QString text(qsizetype n, char16_t c = u'a')
{
    return QString(n, QChar(c));
}

QString digits(qsizetype n)
{
    return QString(n, u'7');
}

// An address of exactly n characters that matches the model's pattern.
QString email(qsizetype n)
{
    const QString domain = u"@x.io"_s;
    return text(n - domain.size(), u'e') + domain;
}

QStringList accounts(qsizetype n)
{
    QStringList list;
    for (qsizetype i = 0; i < n; ++i)
        list.append(QStringLiteral("%1").arg(i, 12, 10, QLatin1Char('0')));
    return list;
}

Check value(ValueChecker fn, const QString &v)
{
    return [fn, v] {
        FieldErrors e;
        fn(v, u"f"_s, e);
        return e;
    };
}

Case validCase()
{
    Case c;
    c.caseId = u"1234567890"_s;
    c.title = u"Title"_s;
    c.description = u"Description"_s;
    return c;
}

Check caseWith(std::function<void(Case &)> change)
{
    return [change] {
        Case c = validCase();
        change(c);
        return validate(c);
    };
}

IncidentResponder responder(const QString &name = u"Ada"_s)
{
    return IncidentResponder {name, u"CISO"_s, u"ada@example.com"_s, {}};
}

CreateMembershipRequest validCreateMembership()
{
    CreateMembershipRequest r;
    r.membershipName = u"Acme"_s;
    r.incidentResponseTeam = {responder(), responder(u"Bob"_s)};
    return r;
}

Check createMembershipWith(std::function<void(CreateMembershipRequest &)> change)
{
    return [change] {
        CreateMembershipRequest r = validCreateMembership();
        change(r);
        return validate(r);
    };
}

Check updateMembershipWith(std::function<void(UpdateMembershipRequest &)> change)
{
    return [change] {
        UpdateMembershipRequest r;
        r.membershipId = u"m-abcdef1234"_s;
        change(r);
        return validate(r);
    };
}

CreateCaseRequest validCreateCase()
{
    CreateCaseRequest r;
    r.resolverType = ResolverType::Self;
    r.title = u"T"_s;
    r.description = u"D"_s;
    r.engagementType = EngagementType::SecurityIncident;
    r.reportedIncidentStartDate = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    r.impactedAccounts = QStringList();
    r.watchers = QList<Watcher>();
    return r;
}

Check createCaseWith(std::function<void(CreateCaseRequest &)> change)
{
    return [change] {
        CreateCaseRequest r = validCreateCase();
        change(r);
        return validate(r);
    };
}

Check updateCaseWith(std::function<void(UpdateCaseRequest &)> change)
{
    return [change] {
        UpdateCaseRequest r;
        r.caseId = u"1234567890"_s;
        change(r);
        return validate(r);
    };
}

SuppressionRule validRule()
{
    SuppressionRule r;
    r.name = u"Scanner"_s;
    r.criteria = {{u"type"_s, RuleOperator::Equals, u"Recon:EC2/Portscan"_s}};
    return r;
}

Check ruleWith(std::function<void(SuppressionRule &)> change)
{
    return [change] {
        SuppressionRule r = validRule();
        change(r);
        return validate(r);
    };
}

Check criterion(const QString &field, RuleOperator op, const QString &v)
{
    return ruleWith([=](SuppressionRule &r) { r.criteria = {{field, op, v}}; });
}

QString describe(const FieldErrors &errors)
{
    QStringList lines;
    for (const FieldError &e : errors)
        lines.append(e.field + u": "_s + e.message);
    return lines.join(u'\n');
}

void row(const char *name, const Check &check, const QString &field = QString())
{
    QTest::newRow(name) << check << field;
}

} // namespace

class TestDomainValidation final : public QObject
{
    Q_OBJECT

private slots:
    void baselinesAreValid()
    {
        QVERIFY(validate(validCase()).isEmpty());
        QVERIFY(validate(validCreateCase()).isEmpty());
        QVERIFY(validate(validCreateMembership()).isEmpty());
        QVERIFY(validate(validRule()).isEmpty());
    }

    void singleValues_data()
    {
        QTest::addColumn<Check>("check");
        QTest::addColumn<QString>("field"); // empty: valid
        const QString f = u"f"_s;
        row("account 12 digits", value(checkAccountId, u"012345678901"_s));
        row("account 11 digits", value(checkAccountId, digits(11)), f);
        row("account 13 digits", value(checkAccountId, digits(13)), f);
        row("account letter", value(checkAccountId, u"12345678901a"_s), f);
        row("account empty", value(checkAccountId, QString()), f);
        row("case id 10", value(checkCaseId, digits(10)));
        row("case id 9", value(checkCaseId, digits(9)), f);
        row("case id 32", value(checkCaseId, digits(32)));
        row("case id 33", value(checkCaseId, digits(33)), f);
        row("case id digits+suffix (model allows)", value(checkCaseId, u"1234567890-abc"_s));
        row("case id leading letter", value(checkCaseId, u"a1234567890"_s), f);
        row("generated 10", value(checkGeneratedCaseId, digits(10)));
        row("generated 11", value(checkGeneratedCaseId, digits(11)), f);
        row("generated 9", value(checkGeneratedCaseId, digits(9)), f);
        row("generated suffix", value(checkGeneratedCaseId, u"123456789a"_s), f);
        row("comment id 6", value(checkCommentId, u"000123"_s));
        row("comment id 5", value(checkCommentId, digits(5)), f);
        row("comment id 7", value(checkCommentId, digits(7)), f);
        row("comment id letter", value(checkCommentId, u"12345a"_s), f);
        row("title 1", value(checkTitle, text(1)));
        row("title 300", value(checkTitle, text(300)));
        row("title 301", value(checkTitle, text(301)), f);
        row("title 0", value(checkTitle, QString()), f);
        row("title 300 emoji (code points)", value(checkTitle, QString(u"😀"_s).repeated(300)));
        row("title 301 emoji", value(checkTitle, QString(u"😀"_s).repeated(301)), f);
        row("description 8000", value(checkDescription, text(8000)));
        row("description 8001", value(checkDescription, text(8001)), f);
        row("description 0", value(checkDescription, QString()), f);
        row("comment 1", value(checkCommentBody, text(1)));
        row("comment 12000", value(checkCommentBody, text(12000)));
        row("comment 12001", value(checkCommentBody, text(12001)), f);
        row("comment 0", value(checkCommentBody, QString()), f);
        row("email 6", value(checkEmail, email(6)));
        row("email 5", value(checkEmail, u"a@b.c"_s), f);
        row("email 254", value(checkEmail, email(254)));
        row("email 255", value(checkEmail, email(255)), f);
        row("email no at", value(checkEmail, u"someone.example.com"_s), f);
        row("email space", value(checkEmail, u"some one@example.com"_s), f);
        row("email plus", value(checkEmail, u"a+b@example.com"_s));
        row("ipv4", value(checkIpAddress, u"203.0.113.255"_s));
        row("ipv4 256", value(checkIpAddress, u"256.0.0.1"_s), f);
        row("ipv4 3 parts", value(checkIpAddress, u"10.0.1"_s), f);
        row("ipv6 full upper", value(checkIpAddress, u"2001:DB8:0:0:0:0:0:1"_s));
        row("ipv6 lower (model: upper only)", value(checkIpAddress, u"2001:db8:0:0:0:0:0:1"_s), f);
        row("ipv6 compressed", value(checkIpAddress, u"2001:DB8::1"_s), f);
        row("ipv6 + ipv4 tail", value(checkIpAddress, u"0:0:0:0:0:FFFF:192.0.2.1"_s));
        row("ip empty", value(checkIpAddress, QString()), f);
        row("region", value(checkAwsRegion, u"ap-southeast-7"_s));
        row("region govcloud", value(checkAwsRegion, u"us-gov-west-1"_s), f);
        row("service 2", value(checkAwsService, u"S3"_s));
        row("service 1", value(checkAwsService, u"X"_s), f);
        row("service 50", value(checkAwsService, text(50)));
        row("service 51", value(checkAwsService, text(51)), f);
        row("service punctuation", value(checkAwsService, u"Amazon EC2 (VPC): x.y-z"_s));
        row("service slash", value(checkAwsService, u"ec2/vpc"_s), f);
        row("service underscore", value(checkAwsService, u"ec2_vpc"_s), f);
        row("membership name 3", value(checkMembershipName, text(3)));
        row("membership name 2", value(checkMembershipName, text(2)), f);
        row("membership name 50", value(checkMembershipName, text(50)));
        row("membership name 51", value(checkMembershipName, text(51)), f);
        row("membership id 10", value(checkMembershipId, u"m-"_s + text(10)));
        row("membership id 9", value(checkMembershipId, u"m-"_s + text(9)), f);
        row("membership id 32", value(checkMembershipId, u"m-"_s + text(32)));
        row("membership id 33", value(checkMembershipId, u"m-"_s + text(33)), f);
        row("membership id upper", value(checkMembershipId, u"m-ABCDEFGHIJ"_s), f);
        row("ou", value(checkOrganizationalUnitId, u"ou-ab12-cd34ef56"_s));
        row("ou long", value(checkOrganizationalUnitId, u"ou-"_s + text(32) + u'-' + text(32)));
        row("ou root part 3", value(checkOrganizationalUnitId, u"ou-ab1-cd34ef56"_s), f);
        row("ou tail 7", value(checkOrganizationalUnitId, u"ou-ab12-cd34ef5"_s), f);
        row("ou upper", value(checkOrganizationalUnitId, u"ou-AB12-cd34ef56"_s), f);
        row("ou root id", value(checkOrganizationalUnitId, u"r-ab12"_s), f);
        row("case arn",
            value(checkCaseArn, u"arn:aws:security-ir:us-east-1:123456789012:case/1234567890"_s));
        row("case arn 11 digits",
            value(checkCaseArn, u"arn:aws:security-ir:us-east-1:123456789012:case/12345678901"_s),
            f);
        row("case arn china partition",
            value(
                checkCaseArn, u"arn:aws-cn:security-ir:cn-north-1:123456789012:case/1234567890"_s),
            f);
        row("membership arn",
            value(checkMembershipArn,
                u"arn:aws:security-ir:eu-west-1:123456789012:membership/m-abcdef1234"_s));
        row("membership arn bad id",
            value(checkMembershipArn,
                u"arn:aws:security-ir:eu-west-1:123456789012:membership/abcdef1234"_s),
            f);
        row("resource arn case",
            value(
                checkResourceArn, u"arn:aws:security-ir:us-east-1:123456789012:case/1234567890"_s));
        row("resource arn membership",
            value(checkResourceArn,
                u"arn:aws:security-ir:us-east-1:123456789012:membership/m-abcdef1234"_s));
        row("resource arn other service",
            value(checkResourceArn, u"arn:aws:s3:us-east-1:123456789012:case/1234567890"_s), f);
        row("resource arn short", value(checkResourceArn, u"arn:aws"_s), f);
        row("attachment id", value(checkAttachmentId, u"0f8fad5b-d9cb-469f-a165-70867728950e"_s));
        row("attachment id short", value(checkAttachmentId, u"0f8fad5b-d9cb-469f-a165"_s), f);
        row("principal responder", value(checkPrincipalId, u"AWS Responder"_s));
        row("principal account", value(checkPrincipalId, u"123456789012"_s));
        row("principal role", value(checkPrincipalId, u"arn:aws:iam::123456789012:role/IR/Lead"_s));
        row("principal sts",
            value(checkPrincipalId, u"arn:aws:sts::123456789012:assumed-role/Admin/ada"_s));
        row("principal service", value(checkPrincipalId, u"security-ir.amazonaws.com"_s));
        row("principal other", value(checkPrincipalId, u"someone"_s), f);
        row("file name", value(checkFileName, u"memory-dump_01.tar.gz"_s));
        row("file name 255", value(checkFileName, text(255)));
        row("file name 256", value(checkFileName, text(256)), f);
        row("file name 0", value(checkFileName, QString()), f);
        row("file name space", value(checkFileName, u"report v2.pdf"_s), f);
        row("edit action 1", value(checkCaseEditAction, text(1)));
        row("edit action 100", value(checkCaseEditAction, text(100)));
        row("edit action 101", value(checkCaseEditAction, text(101)), f);
        row("edit action 0", value(checkCaseEditAction, QString()), f);
        row("edit message 10", value(checkCaseEditMessage, text(10)));
        row("edit message 9", value(checkCaseEditMessage, text(9)), f);
        row("edit message 4096", value(checkCaseEditMessage, text(4096)));
        row("edit message 4097", value(checkCaseEditMessage, text(4097)), f);
        row("client token 1", value(checkClientToken, text(1)));
        row("client token 255", value(checkClientToken, text(255)));
        row("client token 256", value(checkClientToken, text(256)), f);
        row("client token 0", value(checkClientToken, QString()), f);
        row("next token 0", value(checkNextToken, QString()));
        row("next token 2000", value(checkNextToken, text(2000)));
        row("next token 2001", value(checkNextToken, text(2001)), f);
        row("investigation id 10", value(checkInvestigationId, u"inv-"_s + text(10)));
        row("investigation id 9", value(checkInvestigationId, u"inv-"_s + text(9)), f);
        row("investigation id 32", value(checkInvestigationId, u"inv-"_s + text(32)));
        row("investigation id 33", value(checkInvestigationId, u"inv-"_s + text(33)), f);
        row("feedback 1", value(checkFeedbackComment, text(1)));
        row("feedback 1000", value(checkFeedbackComment, text(1000)));
        row("feedback 1001", value(checkFeedbackComment, text(1001)), f);
        row("feedback 0", value(checkFeedbackComment, QString()), f);
        row("tag key 128", value(checkTagKey, text(128)));
        row("tag key 129", value(checkTagKey, text(129)), f);
        row("tag key 0", value(checkTagKey, QString()), f);
    }

    void singleValues() { runCheck(); }

    void numbers_data()
    {
        QTest::addColumn<Check>("check");
        QTest::addColumn<QString>("field");
        auto content = [](qint64 n) {
            return Check([n] {
                FieldErrors e;
                checkContentLength(n, u"contentLength"_s, e);
                return e;
            });
        };
        auto maxResults = [](int n) {
            return Check([n] {
                FieldErrors e;
                checkMaxResults(n, u"maxResults"_s, e);
                return e;
            });
        };
        row("content 1", content(1));
        row("content 0", content(0), u"contentLength"_s);
        row("content 100 MiB", content(104857600));
        row("content 100 MiB + 1", content(104857601), u"contentLength"_s);
        row("maxResults 1", maxResults(1));
        row("maxResults 0", maxResults(0), u"maxResults"_s);
        row("maxResults 25", maxResults(25));
        row("maxResults 26", maxResults(26), u"maxResults"_s);
    }

    void numbers() { runCheck(); }

    void caseFields_data()
    {
        QTest::addColumn<Check>("check");
        QTest::addColumn<QString>("field");
        row("case ok", caseWith([](Case &) {}));
        row("case id missing", caseWith([](Case &c) { c.caseId.clear(); }), u"caseId"_s);
        row("title 301", caseWith([](Case &c) { c.title = text(301); }), u"title"_s);
        row("description 0", caseWith([](Case &c) { c.description.clear(); }), u"description"_s);
        row("bad arn", caseWith([](Case &c) { c.caseArn = u"arn:x"_s; }), u"caseArn"_s);
        row("watchers 30", caseWith([](Case &c) {
            c.watchers = QList<Watcher>(30, Watcher {u"w@example.com"_s, {}, {}});
        }));
        row("watchers 31", caseWith([](Case &c) {
            c.watchers = QList<Watcher>(31, Watcher {u"w@example.com"_s, {}, {}});
        }),
            u"watchers"_s);
        row("watcher[2] email", caseWith([](Case &c) {
            c.watchers = QList<Watcher>(3, Watcher {u"w@example.com"_s, {}, {}});
            c.watchers[2].email = u"nope"_s;
        }),
            u"watchers[2].email"_s);
        row("watcher email missing", caseWith([](Case &c) {
            c.watchers = {Watcher {{}, u"Name"_s, {}}};
        }),
            u"watchers[0].email"_s);
        row("watcher name 50", caseWith([](Case &c) {
            c.watchers = {Watcher {u"w@example.com"_s, text(50), {}}};
        }));
        row("watcher name 51", caseWith([](Case &c) {
            c.watchers = {Watcher {u"w@example.com"_s, text(51), {}}};
        }),
            u"watchers[0].name"_s);
        row("watcher job 50", caseWith([](Case &c) {
            c.watchers = {Watcher {u"w@example.com"_s, {}, text(50)}};
        }));
        row("watcher job 51", caseWith([](Case &c) {
            c.watchers = {Watcher {u"w@example.com"_s, {}, text(51)}};
        }),
            u"watchers[0].jobTitle"_s);
        row("accounts 200", caseWith([](Case &c) { c.impactedAccounts = accounts(200); }));
        row("accounts 201", caseWith([](Case &c) { c.impactedAccounts = accounts(201); }),
            u"impactedAccounts"_s);
        row("account[3] short", caseWith([](Case &c) {
            c.impactedAccounts = accounts(5);
            c.impactedAccounts[3] = u"12345"_s;
        }),
            u"impactedAccounts[3]"_s);
        row("regions 50", caseWith([](Case &c) {
            c.impactedAwsRegions = QList<ImpactedRegion>(50, {u"us-east-1"_s});
        }));
        row("regions 51", caseWith([](Case &c) {
            c.impactedAwsRegions = QList<ImpactedRegion>(51, {u"us-east-1"_s});
        }),
            u"impactedAwsRegions"_s);
        row("region[1] unknown", caseWith([](Case &c) {
            c.impactedAwsRegions = {{u"us-east-1"_s}, {u"moon-1"_s}};
        }),
            u"impactedAwsRegions[1].region"_s);
        row("services 600",
            caseWith([](Case &c) { c.impactedServices = QStringList(600, u"S3"_s); }));
        row("services 601",
            caseWith([](Case &c) { c.impactedServices = QStringList(601, u"S3"_s); }),
            u"impactedServices"_s);
        row("service[0] 1 char", caseWith([](Case &c) { c.impactedServices = {u"X"_s}; }),
            u"impactedServices[0]"_s);
        row("ips 200", caseWith([](Case &c) {
            c.threatActorIpAddresses = QList<ThreatActorIp>(200, {u"192.0.2.1"_s, {}});
        }));
        row("ips 201", caseWith([](Case &c) {
            c.threatActorIpAddresses = QList<ThreatActorIp>(201, {u"192.0.2.1"_s, {}});
        }),
            u"threatActorIpAddresses"_s);
        row("ip[0] lower-case v6", caseWith([](Case &c) {
            c.threatActorIpAddresses = {{u"fe80:0:0:0:0:0:0:1"_s, {}}};
        }),
            u"threatActorIpAddresses[0].ipAddress"_s);
        row("user agent 500", caseWith([](Case &c) {
            c.threatActorIpAddresses = {{u"192.0.2.1"_s, text(500)}};
        }));
        row("user agent 501", caseWith([](Case &c) {
            c.threatActorIpAddresses = {{u"192.0.2.1"_s, text(501)}};
        }),
            u"threatActorIpAddresses[0].userAgent"_s);
        row("metadata 30", caseWith([](Case &c) {
            c.caseMetadata = CaseMetadata(30, {u"k"_s, u"v"_s});
        }));
        row("metadata 31", caseWith([](Case &c) {
            c.caseMetadata = CaseMetadata(31, {u"k"_s, u"v"_s});
        }),
            u"caseMetadata"_s);
        row("metadata key 500", caseWith([](Case &c) { c.caseMetadata = {{text(500), u"v"_s}}; }));
        row("metadata key 501", caseWith([](Case &c) {
            c.caseMetadata = {{text(501), u"v"_s}};
        }),
            u"caseMetadata[0].key"_s);
        row("metadata key 0", caseWith([](Case &c) {
            c.caseMetadata = {{QString(), u"v"_s}};
        }),
            u"caseMetadata[0].key"_s);
        row("metadata value 2000", caseWith([](Case &c) {
            c.caseMetadata = {{u"k"_s, text(2000)}};
        }));
        row("metadata value 2001", caseWith([](Case &c) {
            c.caseMetadata = {{u"k"_s, text(2001)}};
        }),
            u"caseMetadata[0].value"_s);
        row("metadata value 0", caseWith([](Case &c) {
            c.caseMetadata = {{u"k"_s, QString()}};
        }),
            u"caseMetadata[0].value"_s);
        row("tags 200", caseWith([](Case &c) {
            for (int i = 0; i < 200; ++i)
                c.tags.insert(QString::number(i), u"v"_s);
        }));
        row("tags 201", caseWith([](Case &c) {
            for (int i = 0; i < 201; ++i)
                c.tags.insert(QString::number(i), u"v"_s);
        }),
            u"tags"_s);
        row("tag key 129", caseWith([](Case &c) { c.tags.insert(text(129), u"v"_s); }),
            u"tags[\""_s + text(129) + u"\"]"_s);
        row("tag value 256", caseWith([](Case &c) { c.tags.insert(u"k"_s, text(256)); }));
        row("tag value 257", caseWith([](Case &c) { c.tags.insert(u"k"_s, text(257)); }),
            u"tags[\"k\"]"_s);
        row("tag value empty", caseWith([](Case &c) { c.tags.insert(u"k"_s, QString()); }));
        row("attachments 51", caseWith([](Case &c) {
            c.caseAttachments = QList<Attachment>(51,
                {u"0f8fad5b-d9cb-469f-a165-70867728950e"_s, u"a.txt"_s, AttachmentStatus::Pending,
                    u"AWS Responder"_s, QDateTime::fromSecsSinceEpoch(1, Qt::UTC)});
        }),
            u"caseAttachments"_s);
        row("attachment file name", caseWith([](Case &c) {
            c.caseAttachments = {
                {u"0f8fad5b-d9cb-469f-a165-70867728950e"_s, u"a b.txt"_s, AttachmentStatus::Pending,
                    u"AWS Responder"_s, QDateTime::fromSecsSinceEpoch(1, Qt::UTC)}};
        }),
            u"caseAttachments[0].fileName"_s);
        row("attachment status missing", caseWith([](Case &c) {
            c.caseAttachments = {{u"0f8fad5b-d9cb-469f-a165-70867728950e"_s, u"a.txt"_s,
                std::nullopt, u"AWS Responder"_s, QDateTime::fromSecsSinceEpoch(1, Qt::UTC)}};
        }),
            u"caseAttachments[0].attachmentStatus"_s);
    }

    void caseFields() { runCheck(); }

    void requests_data()
    {
        QTest::addColumn<Check>("check");
        QTest::addColumn<QString>("field");
        row("create ok", createCaseWith([](CreateCaseRequest &) {}));
        row("create client token 255",
            createCaseWith([](CreateCaseRequest &r) { r.clientToken = text(255); }));
        row("create client token 256",
            createCaseWith([](CreateCaseRequest &r) { r.clientToken = text(256); }),
            u"clientToken"_s);
        row("create no resolver",
            createCaseWith([](CreateCaseRequest &r) { r.resolverType.reset(); }),
            u"resolverType"_s);
        row("create no engagement",
            createCaseWith([](CreateCaseRequest &r) { r.engagementType.reset(); }),
            u"engagementType"_s);
        row("create no start date",
            createCaseWith([](CreateCaseRequest &r) { r.reportedIncidentStartDate = QDateTime(); }),
            u"reportedIncidentStartDate"_s);
        row("create no accounts list",
            createCaseWith([](CreateCaseRequest &r) { r.impactedAccounts.reset(); }),
            u"impactedAccounts"_s);
        row("create no watchers list",
            createCaseWith([](CreateCaseRequest &r) { r.watchers.reset(); }), u"watchers"_s);
        row("create title 301", createCaseWith([](CreateCaseRequest &r) { r.title = text(301); }),
            u"title"_s);
        row("create watcher email", createCaseWith([](CreateCaseRequest &r) {
            r.watchers = QList<Watcher> {{u"bad"_s, {}, {}}};
        }),
            u"watchers[0].email"_s);
        row("update ok", updateCaseWith([](UpdateCaseRequest &) {}));
        row("update bad case id", updateCaseWith([](UpdateCaseRequest &r) { r.caseId = u"12"_s; }),
            u"caseId"_s);
        row("update empty title", updateCaseWith([](UpdateCaseRequest &r) { r.title = QString(); }),
            u"title"_s);
        row("update metadata 0 entries",
            updateCaseWith([](UpdateCaseRequest &r) { r.caseMetadata = CaseMetadata(); }),
            u"caseMetadata"_s);
        row("update metadata 1 entry", updateCaseWith([](UpdateCaseRequest &r) {
            r.caseMetadata = CaseMetadata {{u"k"_s, u"v"_s}};
        }));
        row("update accounts to add 201",
            updateCaseWith([](UpdateCaseRequest &r) { r.impactedAccountsToAdd = accounts(201); }),
            u"impactedAccountsToAdd"_s);
        row("update regions to delete", updateCaseWith([](UpdateCaseRequest &r) {
            r.impactedAwsRegionsToDelete = {{u"xx-1"_s}};
        }),
            u"impactedAwsRegionsToDelete[0].region"_s);
        row("update watchers to delete 31", updateCaseWith([](UpdateCaseRequest &r) {
            r.watchersToDelete = QList<Watcher>(31, {u"w@example.com"_s, {}, {}});
        }),
            u"watchersToDelete"_s);
        row("membership ok", createMembershipWith([](CreateMembershipRequest &) {}));
        row("membership name 2",
            createMembershipWith([](CreateMembershipRequest &r) { r.membershipName = text(2); }),
            u"membershipName"_s);
        row("team 1", createMembershipWith([](CreateMembershipRequest &r) {
            r.incidentResponseTeam.removeLast();
        }),
            u"incidentResponseTeam"_s);
        row("team 10", createMembershipWith([](CreateMembershipRequest &r) {
            r.incidentResponseTeam = QList<IncidentResponder>(10, responder());
        }));
        row("team 11", createMembershipWith([](CreateMembershipRequest &r) {
            r.incidentResponseTeam = QList<IncidentResponder>(11, responder());
        }),
            u"incidentResponseTeam"_s);
        row("responder name 2", createMembershipWith([](CreateMembershipRequest &r) {
            r.incidentResponseTeam[1].name = text(2);
        }),
            u"incidentResponseTeam[1].name"_s);
        row("responder name 3", createMembershipWith([](CreateMembershipRequest &r) {
            r.incidentResponseTeam[1].name = text(3);
        }));
        row("responder name 50", createMembershipWith([](CreateMembershipRequest &r) {
            r.incidentResponseTeam[1].name = text(50);
        }));
        row("responder name 51", createMembershipWith([](CreateMembershipRequest &r) {
            r.incidentResponseTeam[1].name = text(51);
        }),
            u"incidentResponseTeam[1].name"_s);
        row("responder job 0", createMembershipWith([](CreateMembershipRequest &r) {
            r.incidentResponseTeam[0].jobTitle.clear();
        }),
            u"incidentResponseTeam[0].jobTitle"_s);
        row("responder job 51", createMembershipWith([](CreateMembershipRequest &r) {
            r.incidentResponseTeam[0].jobTitle = text(51);
        }),
            u"incidentResponseTeam[0].jobTitle"_s);
        row("responder email", createMembershipWith([](CreateMembershipRequest &r) {
            r.incidentResponseTeam[0].email = u"x@"_s;
        }),
            u"incidentResponseTeam[0].email"_s);
        row("opt-in 0", createMembershipWith([](CreateMembershipRequest &r) {
            r.optInFeatures = QList<OptInFeature>();
        }),
            u"optInFeatures"_s);
        row("opt-in 2", createMembershipWith([](CreateMembershipRequest &r) {
            r.optInFeatures = QList<OptInFeature>(2, OptInFeature {});
        }));
        row("opt-in 3", createMembershipWith([](CreateMembershipRequest &r) {
            r.optInFeatures = QList<OptInFeature>(3, OptInFeature {});
        }),
            u"optInFeatures"_s);
        row("create membership token 256",
            createMembershipWith([](CreateMembershipRequest &r) { r.clientToken = text(256); }),
            u"clientToken"_s);
        row("update membership ok", updateMembershipWith([](UpdateMembershipRequest &) {}));
        row("update membership id",
            updateMembershipWith([](UpdateMembershipRequest &r) { r.membershipId = u"m-short"_s; }),
            u"membershipId"_s);
        row("update team 1", updateMembershipWith([](UpdateMembershipRequest &r) {
            r.incidentResponseTeam = QList<IncidentResponder> {responder()};
        }),
            u"incidentResponseTeam"_s);
        row("update name 51",
            updateMembershipWith([](UpdateMembershipRequest &r) { r.membershipName = text(51); }),
            u"membershipName"_s);
        row("OUs to add 5", updateMembershipWith([](UpdateMembershipRequest &r) {
            MembershipAccountsConfigurationsUpdate u;
            u.organizationalUnitsToAdd = QStringList(5, u"ou-ab12-cd34ef56"_s);
            r.membershipAccountsConfigurationsUpdate = u;
        }));
        row("OUs to add 6", updateMembershipWith([](UpdateMembershipRequest &r) {
            MembershipAccountsConfigurationsUpdate u;
            u.organizationalUnitsToAdd = QStringList(6, u"ou-ab12-cd34ef56"_s);
            r.membershipAccountsConfigurationsUpdate = u;
        }),
            u"membershipAccountsConfigurationsUpdate.organizationalUnitsToAdd"_s);
        row("OUs to remove 0", updateMembershipWith([](UpdateMembershipRequest &r) {
            MembershipAccountsConfigurationsUpdate u;
            u.organizationalUnitsToRemove = QStringList();
            r.membershipAccountsConfigurationsUpdate = u;
        }),
            u"membershipAccountsConfigurationsUpdate.organizationalUnitsToRemove"_s);
        row("OU to remove bad", updateMembershipWith([](UpdateMembershipRequest &r) {
            MembershipAccountsConfigurationsUpdate u;
            u.organizationalUnitsToRemove = QStringList {u"ou-ab12-cd34ef56"_s, u"ou-x"_s};
            r.membershipAccountsConfigurationsUpdate = u;
        }),
            u"membershipAccountsConfigurationsUpdate.organizationalUnitsToRemove[1]"_s);
        row("undo cancel true", updateMembershipWith([](UpdateMembershipRequest &r) {
            r.undoMembershipCancellation = true;
        }));
        row("undo cancel false", updateMembershipWith([](UpdateMembershipRequest &r) {
            r.undoMembershipCancellation = false;
        }),
            u"undoMembershipCancellation"_s);
    }

    void requests() { runCheck(); }

    void otherObjects_data()
    {
        QTest::addColumn<Check>("check");
        QTest::addColumn<QString>("field");
        auto comment = [](std::function<void(Comment &)> change) {
            return Check([change] {
                Comment c {u"1234567890"_s, u"000001"_s, {}, {}, u"AWS Responder"_s, {}, u"Hi"_s};
                change(c);
                return validate(c);
            });
        };
        auto edit = [](std::function<void(CaseEdit &)> change) {
            return Check([change] {
                CaseEdit e {u"1234567890"_s, {}, u"p"_s, u"Updated"_s, u"Title changed"_s};
                change(e);
                return validate(e);
            });
        };
        auto membership = [](std::function<void(Membership &)> change) {
            return Check([change] {
                Membership m;
                m.membershipId = u"m-abcdef1234"_s;
                m.region = u"eu-west-1"_s;
                change(m);
                return validate(m);
            });
        };
        auto investigation = [](std::function<void(Investigation &)> change) {
            return Check([change] {
                Investigation i;
                i.investigationId = u"inv-abcdefghij"_s;
                i.actionType = ActionType::Evidence;
                i.title = u"T"_s;
                i.content = u"C"_s;
                i.status = ExecutionStatus::Completed;
                i.lastUpdated = QDateTime::fromSecsSinceEpoch(1, Qt::UTC);
                change(i);
                return validate(i);
            });
        };
        row("comment ok", comment([](Comment &) {}));
        row("comment body 12001", comment([](Comment &c) { c.body = text(12001); }), u"body"_s);
        row("comment id 5 digits", comment([](Comment &c) { c.commentId = u"12345"_s; }),
            u"commentId"_s);
        row("comment creator", comment([](Comment &c) { c.creator = u"bob"_s; }), u"creator"_s);
        row("edit ok", edit([](CaseEdit &) {}));
        row("edit message 9", edit([](CaseEdit &e) { e.message = text(9); }), u"message"_s);
        row("edit action 101", edit([](CaseEdit &e) { e.action = text(101); }), u"action"_s);
        row("membership ok", membership([](Membership &) {}));
        row("membership region", membership([](Membership &m) { m.region = u"xx"_s; }),
            u"region"_s);
        row("membership account", membership([](Membership &m) { m.accountId = u"1"_s; }),
            u"accountId"_s);
        row("membership OU", membership([](Membership &m) {
            m.membershipAccountsConfigurations.organizationalUnits = {u"ou-bad"_s};
        }),
            u"membershipAccountsConfigurations.organizationalUnits[0]"_s);
        row("membership team 1",
            membership([](Membership &m) { m.incidentResponseTeam = {responder()}; }),
            u"incidentResponseTeam"_s);
        row("membership arn", membership([](Membership &m) { m.membershipArn = u"arn"_s; }),
            u"membershipArn"_s);
        row("investigation ok", investigation([](Investigation &) {}));
        row("investigation id",
            investigation([](Investigation &i) { i.investigationId = u"inv-ABCDEFGHIJ"_s; }),
            u"investigationId"_s);
        row("investigation title 201", investigation([](Investigation &i) { i.title = text(201); }),
            u"title"_s);
        row("investigation content 5001",
            investigation([](Investigation &i) { i.content = text(5001); }), u"content"_s);
        row("investigation status", investigation([](Investigation &i) { i.status.reset(); }),
            u"status"_s);
        row("feedback 1001",
            investigation([](Investigation &i) { i.feedback.comment = text(1001); }),
            u"feedback.comment"_s);
    }

    void otherObjects() { runCheck(); }

    void suppressionRules_data()
    {
        QTest::addColumn<Check>("check");
        QTest::addColumn<QString>("field");
        const QString value0 = u"criteria[0].value"_s;
        const QString op0 = u"criteria[0].operator"_s;
        row("rule ok", ruleWith([](SuppressionRule &) {}));
        row("no name", ruleWith([](SuppressionRule &r) { r.name = u"  "_s; }), u"name"_s);
        row("no criteria", ruleWith([](SuppressionRule &r) { r.criteria.clear(); }), u"criteria"_s);
        row("negative position", ruleWith([](SuppressionRule &r) { r.position = -1; }),
            u"position"_s);
        row("expires before created", ruleWith([](SuppressionRule &r) {
            r.createdAt = QDateTime::fromSecsSinceEpoch(100, Qt::UTC);
            r.expiresAt = QDateTime::fromSecsSinceEpoch(50, Qt::UTC);
        }),
            u"expiresAt"_s);
        row("unknown field", criterion(u"colour"_s, RuleOperator::Equals, u"red"_s),
            u"criteria[0].field"_s);
        row("score > 7.5", criterion(u"severityScore"_s, RuleOperator::GreaterThan, u"7.5"_s));
        row("count <= 10", criterion(u"count"_s, RuleOperator::LessOrEqual, u"10"_s));
        row("score > high", criterion(u"severityScore"_s, RuleOperator::GreaterThan, u"high"_s),
            value0);
        row("score >= empty", criterion(u"severityScore"_s, RuleOperator::GreaterOrEqual, {}),
            value0);
        row("title < 5", criterion(u"title"_s, RuleOperator::LessThan, u"5"_s), op0);
        row("cidr v4", criterion(u"remoteIps"_s, RuleOperator::InCidr, u"10.0.0.0/8"_s));
        row("cidr v4 /32", criterion(u"remoteIps"_s, RuleOperator::InCidr, u"192.0.2.1/32"_s));
        row("cidr v6", criterion(u"remoteIps"_s, RuleOperator::InCidr, u"2001:db8::/32"_s));
        row("cidr v4 /33", criterion(u"remoteIps"_s, RuleOperator::InCidr, u"10.0.0.0/33"_s),
            value0);
        row("cidr v6 /129", criterion(u"remoteIps"_s, RuleOperator::InCidr, u"2001:db8::/129"_s),
            value0);
        row("cidr no prefix", criterion(u"remoteIps"_s, RuleOperator::InCidr, u"10.0.0.1"_s),
            value0);
        row("cidr garbage", criterion(u"remoteIps"_s, RuleOperator::InCidr, u"office"_s), value0);
        row("cidr on account", criterion(u"accountId"_s, RuleOperator::InCidr, u"10.0.0.0/8"_s),
            op0);
        row("prefix empty", criterion(u"type"_s, RuleOperator::Prefix, QString()), value0);
        row("equals empty allowed", criterion(u"workflowState"_s, RuleOperator::Equals, {}));
    }

    void suppressionRules() { runCheck(); }

    void messagesAreReadable()
    {
        FieldErrors e;
        checkTitle(text(301), u"title"_s, e);
        QCOMPARE(e.size(), 1);
        QCOMPARE(e.first().message, u"Title must be 1 to 300 characters; it has 301."_s);
        e.clear();
        checkWatchers(QList<Watcher>(31, {u"w@example.com"_s, {}, {}}), u"watchers"_s, e);
        QCOMPARE(e.first().message, u"Watchers must have at most 30 entries; it has 31."_s);
        e.clear();
        checkIncidentResponseTeam({responder()}, u"incidentResponseTeam"_s, e);
        QCOMPARE(
            e.first().message, u"Incident response team must have 2 to 10 entries; it has 1."_s);
        e.clear();
        checkCommentId(u"1"_s, u"commentId"_s, e);
        QCOMPARE(e.first().message, u"Comment ID must be exactly 6 digits."_s);
        e.clear();
        checkNextToken(text(2001), u"nextToken"_s, e);
        QCOMPARE(e.first().message, u"nextToken must be at most 2000 characters; it has 2001."_s);
    }

    void everyFailingFieldIsListed()
    {
        const FieldErrors empty = validate(CreateCaseRequest {});
        QStringList fields;
        for (const FieldError &e : empty)
            fields.append(e.field);
        QCOMPARE(fields,
            (QStringList {u"resolverType"_s, u"title"_s, u"description"_s, u"engagementType"_s,
                u"reportedIncidentStartDate"_s, u"impactedAccounts"_s, u"watchers"_s}));
        Case c = validCase();
        c.title.clear();
        c.watchers = {{u"bad"_s, text(51), {}}, {u"ok@example.com"_s, {}, {}}, {u"x"_s, {}, {}}};
        c.impactedAccounts = {u"1"_s, u"123456789012"_s, u"2"_s};
        const FieldErrors errors = validate(c);
        QVERIFY2(errors.size() == 6, qPrintable(describe(errors)));
        for (const QString &f : {u"title"_s, u"watchers[0].email"_s, u"watchers[0].name"_s,
                 u"watchers[2].email"_s, u"impactedAccounts[0]"_s, u"impactedAccounts[2]"_s})
            QVERIFY2(hasErrorFor(errors, f), qPrintable(f));
    }

    void codePoints()
    {
        QCOMPARE(codePointLength(u"abc"_s), 3);
        QCOMPARE(codePointLength(u"😀😀"_s), 2);
        QCOMPARE(codePointLength(QString()), 0);
        // A lone surrogate counts as one.
        QCOMPARE(codePointLength(QString(QChar(0xd83d))), 1);
    }

private:
    void runCheck()
    {
        QFETCH(Check, check);
        QFETCH(QString, field);
        const FieldErrors errors = check();
        if (field.isEmpty()) {
            QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
        } else {
            QVERIFY2(errors.size() == 1, qPrintable(describe(errors)));
            QCOMPARE(errors.first().field, field);
            QVERIFY(!errors.first().message.isEmpty());
            QVERIFY(errors.first().message.endsWith(u'.'));
        }
    }
};

QTEST_GUILESS_MAIN(TestDomainValidation)
#include "tst_validation.moc"
