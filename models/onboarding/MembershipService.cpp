#include "MembershipService.h"

#include "caseservice/CaseService.h"
#include "domain/MembershipJson.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace warroom::onboarding {

MembershipService::~MembershipService() = default;

// --- embedded ------------------------------------------------------------------------

EmbeddedMembershipService::EmbeddedMembershipService(
    caseservice::CaseService *service, QObject *parent)
    : MembershipService(parent)
    , m_service(service)
{
}

EmbeddedMembershipService::~EmbeddedMembershipService() = default;

QString EmbeddedMembershipService::description() const
{
    return tr("Embedded backend (account %1, %2)")
        .arg(m_service->config().accountId, m_service->config().region);
}

QString EmbeddedMembershipService::region() const
{
    return m_service->config().region;
}

aws::AwsError EmbeddedMembershipService::toAwsError(const QJsonObject &errorJson, int httpStatus)
{
    const QByteArray type = errorJson.value("__type"_L1).toString().toUtf8();
    return aws::AwsError::fromHttpResponse(httpStatus, {{"X-Amzn-ErrorType", type}},
        QJsonDocument(errorJson).toJson(QJsonDocument::Compact));
}

template<typename T>
void EmbeddedMembershipService::run(const QString &operation, const QJsonObject &input,
    std::function<T(const QJsonObject &)> parse, MembershipCallback<T> done)
{
    const caseservice::Principal caller {u"embedded"_s,
        u"arn:aws:iam::"_s + m_service->config().accountId + u":user/warroom"_s,
        caseservice::Role::Full};
    const caseservice::ServiceResult result = m_service->call(operation, input, caller);
    MembershipResult<T> out;
    if (result.ok())
        out.value = parse(result.body);
    else
        out.error = toAwsError(result.error->toJson(), result.error->httpStatus());
    QTimer::singleShot(0, this, [done, out] { done(out); });
}

void EmbeddedMembershipService::createMembership(
    const domain::CreateMembershipRequest &request, MembershipCallback<QString> done)
{
    domain::CreateMembershipRequest withToken = request;
    if (withToken.clientToken.isEmpty())
        withToken.clientToken = aws::SecurityIrClient::newClientToken();
    run<QString>(
        u"CreateMembership"_s, domain::toJson(withToken),
        [](const QJsonObject &json) { return json.value("membershipId"_L1).toString(); }, done);
}

void EmbeddedMembershipService::getMembership(
    const QString &membershipId, MembershipCallback<domain::Membership> done)
{
    const QJsonObject input {{"membershipId"_L1, membershipId}};
    const caseservice::Principal caller {u"embedded"_s,
        u"arn:aws:iam::"_s + m_service->config().accountId + u":user/warroom"_s,
        caseservice::Role::Full};
    run<domain::Membership>(
        u"GetMembership"_s, input,
        [this, caller](const QJsonObject &json) {
            domain::Membership m;
            domain::fromJson(json, m);
            const auto tags = m_service->call(
                u"ListTagsForResource"_s, {{"resourceArn"_L1, m.membershipArn}}, caller);
            const QJsonObject tagJson = tags.body.value("tags"_L1).toObject();
            for (auto it = tagJson.constBegin(); it != tagJson.constEnd(); ++it)
                m.tags.insert(it.key(), it.value().toString());
            return m;
        },
        done);
}

void EmbeddedMembershipService::updateMembership(
    const domain::UpdateMembershipRequest &request, MembershipCallback<bool> done)
{
    QJsonObject input = domain::toJson(request);
    input.insert(u"membershipId"_s, request.membershipId);
    run<bool>(
        u"UpdateMembership"_s, input, [](const QJsonObject &) { return true; }, done);
}

void EmbeddedMembershipService::cancelMembership(
    const QString &membershipId, MembershipCallback<QString> done)
{
    run<QString>(
        u"CancelMembership"_s, {{"membershipId"_L1, membershipId}},
        [](const QJsonObject &json) { return json.value("membershipId"_L1).toString(); }, done);
}

void EmbeddedMembershipService::listMemberships(
    MembershipCallback<QList<aws::MembershipSummary>> done)
{
    QList<aws::MembershipSummary> all;
    QString token;
    const caseservice::Principal caller {u"embedded"_s,
        u"arn:aws:iam::"_s + m_service->config().accountId + u":user/warroom"_s,
        caseservice::Role::Full};
    MembershipResult<QList<aws::MembershipSummary>> out;
    do {
        QJsonObject input {{"maxResults"_L1, 25}};
        if (!token.isEmpty())
            input.insert(u"nextToken"_s, token);
        const auto result = m_service->call(u"ListMemberships"_s, input, caller);
        if (!result.ok()) {
            out.error = toAwsError(result.error->toJson(), result.error->httpStatus());
            break;
        }
        const auto page = aws::SecurityIrClient::parseMembershipsPage(result.body);
        all += page.items;
        token = page.nextToken;
    } while (!token.isEmpty());
    out.value = all;
    QTimer::singleShot(0, this, [done, out] { done(out); });
}

void EmbeddedMembershipService::batchGetMemberAccountDetails(const QString &membershipId,
    const QStringList &accountIds, MembershipCallback<aws::MemberAccountDetails> done)
{
    run<aws::MemberAccountDetails>(
        u"BatchGetMemberAccountDetails"_s,
        {{"membershipId"_L1, membershipId},
            {"accountIds"_L1, QJsonArray::fromStringList(accountIds)}},
        [](const QJsonObject &json) {
            aws::MemberAccountDetails details;
            for (const QJsonValue &v : json.value("items"_L1).toArray()) {
                const QJsonObject o = v.toObject();
                details.items.append({o.value("accountId"_L1).toString(),
                    domain::fromString<domain::MembershipAccountRelationshipStatus>(
                        o.value("relationshipStatus"_L1).toString()),
                    domain::fromString<domain::MembershipAccountRelationshipType>(
                        o.value("relationshipType"_L1).toString())});
            }
            for (const QJsonValue &v : json.value("errors"_L1).toArray()) {
                const QJsonObject o = v.toObject();
                details.errors.append({o.value("accountId"_L1).toString(),
                    o.value("error"_L1).toString(), o.value("message"_L1).toString()});
            }
            return details;
        },
        done);
}

// --- HTTP ----------------------------------------------------------------------------

HttpMembershipService::HttpMembershipService(
    aws::AwsHttpClient *http, const aws::AwsClientConfig &config, QObject *parent)
    : MembershipService(parent)
    , m_client(http, config)
{
}

HttpMembershipService::~HttpMembershipService() = default;

QString HttpMembershipService::description() const
{
    return tr("Security Incident Response at %1").arg(m_client.endpoint().url.toString());
}

QString HttpMembershipService::region() const
{
    return m_client.config().region;
}

namespace {

template<typename T, typename U>
MembershipResult<T> convert(const aws::AwsOutcome<U> &outcome, T value)
{
    return {outcome.error, std::move(value)};
}

} // namespace

void HttpMembershipService::createMembership(
    const domain::CreateMembershipRequest &request, MembershipCallback<QString> done)
{
    m_client.createMembership(
        request, [done](const aws::AwsOutcome<QString> &o) { done(convert<QString>(o, o.value)); });
}

void HttpMembershipService::getMembership(
    const QString &membershipId, MembershipCallback<domain::Membership> done)
{
    m_client.getMembership(
        membershipId, [this, done](const aws::AwsOutcome<domain::Membership> &o) {
            if (!o.ok() || o.value.membershipArn.isEmpty()) {
                done(convert<domain::Membership>(o, o.value));
                return;
            }
            const domain::Membership membership = o.value;
            m_client.listTagsForResource(membership.membershipArn,
                [done, membership](const aws::AwsOutcome<domain::Tags> &t) {
                    domain::Membership withTags = membership;
                    withTags.tags = t.value; // tags are extra: a failure leaves them empty
                    done({{}, withTags});
                });
        });
}

void HttpMembershipService::updateMembership(
    const domain::UpdateMembershipRequest &request, MembershipCallback<bool> done)
{
    m_client.updateMembership(request,
        [done](const aws::AwsOutcome<aws::NoOutput> &o) { done(convert<bool>(o, o.ok())); });
}

void HttpMembershipService::cancelMembership(
    const QString &membershipId, MembershipCallback<QString> done)
{
    m_client.cancelMembership(membershipId,
        [done](const aws::AwsOutcome<QString> &o) { done(convert<QString>(o, o.value)); });
}

void HttpMembershipService::listMemberships(MembershipCallback<QList<aws::MembershipSummary>> done)
{
    auto all = std::make_shared<QList<aws::MembershipSummary>>();
    m_client.paginateMemberships(
        25,
        [all](const aws::Page<aws::MembershipSummary> &page) {
            *all += page.items;
            return true;
        },
        [all, done](const aws::AwsError &error) {
            done({error, *all});
        });
}

void HttpMembershipService::batchGetMemberAccountDetails(const QString &membershipId,
    const QStringList &accountIds, MembershipCallback<aws::MemberAccountDetails> done)
{
    m_client.batchGetMemberAccountDetails(
        membershipId, accountIds, [done](const aws::AwsOutcome<aws::MemberAccountDetails> &o) {
            done(convert<aws::MemberAccountDetails>(o, o.value));
        });
}

} // namespace warroom::onboarding
