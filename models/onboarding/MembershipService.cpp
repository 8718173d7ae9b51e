#include "MembershipService.h"

#include "domain/MembershipJson.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace warroom::onboarding {

MembershipService::~MembershipService() = default;

aws::MemberAccountDetails MembershipService::parseMemberAccountDetails(const QJsonObject &json)
{
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
        details.errors.append({o.value("accountId"_L1).toString(), o.value("error"_L1).toString(),
            o.value("message"_L1).toString()});
    }
    return details;
}

QJsonObject MembershipService::updateMembershipInput(const domain::UpdateMembershipRequest &request)
{
    QJsonObject input = domain::toJson(request);
    input.insert(u"membershipId"_s, request.membershipId);
    return input;
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
