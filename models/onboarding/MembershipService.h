#pragma once

#include "aws/SecurityIrClient.h"

#include <QtCore/QObject>

#include <functional>
#include <memory>

namespace warroom::caseservice {
class CaseService;
}

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
};

// In-process: calls CaseService with a full-access principal. Answers from the event loop.
class EmbeddedMembershipService final : public MembershipService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedMembershipService)

public:
    EmbeddedMembershipService(caseservice::CaseService *service, QObject *parent = nullptr);
    ~EmbeddedMembershipService() override;

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

    // The error a ServiceResult carries, as the HTTP client would have parsed it.
    static aws::AwsError toAwsError(const QJsonObject &errorJson, int httpStatus);

private:
    // Runs one operation; `parse` turns the output into T. Answers later.
    template<typename T>
    void run(const QString &operation, const QJsonObject &input,
        std::function<T(const QJsonObject &)> parse, MembershipCallback<T> done);

    caseservice::CaseService *m_service;
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
