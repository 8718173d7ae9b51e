#include "BackendMembershipService.h"

#include "domain/MembershipJson.h"
#include "sync/CaseBackend.h"

#include <QtCore/QJsonArray>
#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace warroom::onboarding {

BackendMembershipService::BackendMembershipService(
    sync::CaseBackend *backend, const QString &region, QObject *parent)
    : MembershipService(parent)
    , m_backend(backend)
    , m_region(region)
{
}

BackendMembershipService::~BackendMembershipService() = default;

QString BackendMembershipService::description() const
{
    if (!m_backend)
        return tr("No backend");
    return tr("%1 (the workspace's backend, %2)").arg(m_backend->describe(), m_region);
}

QString BackendMembershipService::region() const
{
    return m_region;
}

aws::AwsError BackendMembershipService::toAwsError(const sync::BackendError &error)
{
    aws::AwsError out;
    out.kind = error.transport ? aws::AwsError::Kind::Network : aws::AwsError::Kind::Service;
    out.type = error.type;
    out.message = error.message;
    out.httpStatus = error.httpStatus;
    out.retryable = error.retryable;
    out.throttling = error.httpStatus == 429;
    out.retryAfterSeconds = error.retryAfterSeconds;
    out.fieldList = error.fieldList;
    return out;
}

template<typename T>
void BackendMembershipService::run(const QString &operation, const QJsonObject &input,
    std::function<T(const QJsonObject &)> parse, MembershipCallback<T> done)
{
    if (!m_backend) {
        MembershipResult<T> out;
        out.error.kind = aws::AwsError::Kind::Configuration;
        out.error.message = tr("The workspace has no backend.");
        QTimer::singleShot(0, this, [done, out] { done(out); });
        return;
    }
    QPointer<BackendMembershipService> self(this);
    m_backend->call(operation, input, [self, parse, done](const sync::BackendResult &result) {
        if (!self)
            return;
        MembershipResult<T> out;
        if (result.ok())
            out.value = parse(result.output);
        else
            out.error = toAwsError(*result.error);
        done(out);
    });
}

void BackendMembershipService::createMembership(
    const domain::CreateMembershipRequest &request, MembershipCallback<QString> done)
{
    domain::CreateMembershipRequest withToken = request;
    if (withToken.clientToken.isEmpty())
        withToken.clientToken = aws::SecurityIrClient::newClientToken();
    run<QString>(
        u"CreateMembership"_s, domain::toJson(withToken),
        [](const QJsonObject &json) { return json.value("membershipId"_L1).toString(); }, done);
}

void BackendMembershipService::getMembership(
    const QString &membershipId, MembershipCallback<domain::Membership> done)
{
    QPointer<BackendMembershipService> self(this);
    run<domain::Membership>(
        u"GetMembership"_s, {{"membershipId"_L1, membershipId}},
        [](const QJsonObject &json) {
            domain::Membership m;
            domain::fromJson(json, m);
            return m;
        },
        [self, done](const MembershipResult<domain::Membership> &got) {
            if (!self || !self->m_backend || !got.ok() || got.value.membershipArn.isEmpty()) {
                done(got);
                return;
            }
            // Tags are extra: a failure leaves them empty.
            self->m_backend->call(u"ListTagsForResource"_s,
                {{"resourceArn"_L1, got.value.membershipArn}},
                [got, done](const sync::BackendResult &tags) {
                    MembershipResult<domain::Membership> out = got;
                    const QJsonObject tagJson = tags.output.value("tags"_L1).toObject();
                    for (auto it = tagJson.constBegin(); it != tagJson.constEnd(); ++it)
                        out.value.tags.insert(it.key(), it.value().toString());
                    done(out);
                });
        });
}

void BackendMembershipService::updateMembership(
    const domain::UpdateMembershipRequest &request, MembershipCallback<bool> done)
{
    run<bool>(
        u"UpdateMembership"_s, updateMembershipInput(request),
        [](const QJsonObject &) { return true; }, done);
}

void BackendMembershipService::cancelMembership(
    const QString &membershipId, MembershipCallback<QString> done)
{
    run<QString>(
        u"CancelMembership"_s, {{"membershipId"_L1, membershipId}},
        [](const QJsonObject &json) { return json.value("membershipId"_L1).toString(); }, done);
}

void BackendMembershipService::listMemberships(
    MembershipCallback<QList<aws::MembershipSummary>> done)
{
    listPage(QString(), {}, done);
}

void BackendMembershipService::listPage(const QString &token,
    QList<aws::MembershipSummary> collected, MembershipCallback<QList<aws::MembershipSummary>> done)
{
    QJsonObject input {{"maxResults"_L1, 25}};
    if (!token.isEmpty())
        input.insert(u"nextToken"_s, token);
    QPointer<BackendMembershipService> self(this);
    run<aws::Page<aws::MembershipSummary>>(u"ListMemberships"_s, input,
        &aws::SecurityIrClient::parseMembershipsPage,
        [self, collected, done](const MembershipResult<aws::Page<aws::MembershipSummary>> &page) {
            if (!self)
                return;
            MembershipResult<QList<aws::MembershipSummary>> out;
            out.error = page.error;
            out.value = collected + page.value.items;
            if (page.ok() && !page.value.nextToken.isEmpty()) {
                self->listPage(page.value.nextToken, out.value, done);
                return;
            }
            done(out);
        });
}

void BackendMembershipService::batchGetMemberAccountDetails(const QString &membershipId,
    const QStringList &accountIds, MembershipCallback<aws::MemberAccountDetails> done)
{
    run<aws::MemberAccountDetails>(u"BatchGetMemberAccountDetails"_s,
        {{"membershipId"_L1, membershipId},
            {"accountIds"_L1, QJsonArray::fromStringList(accountIds)}},
        &MembershipService::parseMemberAccountDetails, done);
}

} // namespace warroom::onboarding
