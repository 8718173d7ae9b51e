#pragma once

#include "aws/SecurityIrClient.h"

#include <QtCore/QObject>

#include <functional>
#include <memory>

namespace warroom::onboarding {

template<typename T> struct MembershipResult
{
    aws::AwsError error;
    T value {};
    bool ok() const { return !error.isError(); }
};
template<typename T> using MembershipCallback = std::function<void(const MembershipResult<T> &)>;

// The membership operations of the security-ir API as the wizard and the Membership
// view need them, asynchronous, over the embedded CaseService or SecurityIrClient
// (AWS or warroom-server). Errors are AwsError in both cases (type, message, fieldList).
class MembershipService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MembershipService)

public:
    using QObject::QObject;
    ~MembershipService() override;

    virtual QString description() const = 0;
    // The Region the membership is created in (the endpoint's; never an API input).
    virtual QString region() const = 0;

    virtual void createMembership(
        const domain::CreateMembershipRequest &request, MembershipCallback<QString> done)
        = 0;
    // GetMembership plus ListTagsForResource on its ARN.
    virtual void getMembership(
        const QString &membershipId, MembershipCallback<domain::Membership> done)
        = 0;
    virtual void updateMembership(
        const domain::UpdateMembershipRequest &request, MembershipCallback<bool> done)
        = 0;
    virtual void cancelMembership(const QString &membershipId, MembershipCallback<QString> done)
        = 0;
    // Every page.
    virtual void listMemberships(MembershipCallback<QList<aws::MembershipSummary>> done) = 0;
    virtual void batchGetMemberAccountDetails(const QString &membershipId,
        const QStringList &accountIds, MembershipCallback<aws::MemberAccountDetails> done)
        = 0;

    // The outputs as the operations answer them, shared by the JSON-level services.
    static aws::MemberAccountDetails parseMemberAccountDetails(const QJsonObject &json);
    static QJsonObject updateMembershipInput(const domain::UpdateMembershipRequest &request);
};

// Over HTTP: SecurityIrClient pointed at AWS or a warroom-server.
class HttpMembershipService final : public MembershipService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpMembershipService)

public:
    HttpMembershipService(
        aws::AwsHttpClient *http, const aws::AwsClientConfig &config, QObject *parent = nullptr);
    ~HttpMembershipService() override;

    QString description() const override;
    QString region() const override;
    void createMembership(
        const domain::CreateMembershipRequest &request, MembershipCallback<QString> done) override;
    void getMembership(
        const QString &membershipId, MembershipCallback<domain::Membership> done) override;
    void updateMembership(
        const domain::UpdateMembershipRequest &request, MembershipCallback<bool> done) override;
    void cancelMembership(const QString &membershipId, MembershipCallback<QString> done) override;
    void listMemberships(MembershipCallback<QList<aws::MembershipSummary>> done) override;
    void batchGetMemberAccountDetails(const QString &membershipId, const QStringList &accountIds,
        MembershipCallback<aws::MemberAccountDetails> done) override;

private:
    aws::SecurityIrClient m_client;
};

} // namespace warroom::onboarding
