#pragma once

#include "MembershipService.h"

#include "sync/CaseBackend.h"

#include <QtCore/QPointer>

namespace warroom::onboarding {

// The membership operations over the workspace's sync::CaseBackend (the embedded
// CaseService, a warroom-server or AWS), so the membership the wizard creates is the one
// the sync engine, warroomctl and other consoles on that backend see.
class BackendMembershipService : public MembershipService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackendMembershipService)

public:
    // `region`: the Region memberships are created in (the backend's).
    BackendMembershipService(
        sync::CaseBackend *backend, const QString &region, QObject *parent = nullptr);
    ~BackendMembershipService() override;

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

    // A backend's error as the HTTP client would have reported it.
    static aws::AwsError toAwsError(const sync::BackendError &error);

protected:
    sync::CaseBackend *backend() const { return m_backend; }

private:
    template<typename T>
    void run(const QString &operation, const QJsonObject &input,
        std::function<T(const QJsonObject &)> parse, MembershipCallback<T> done);
    void listPage(const QString &token, QList<aws::MembershipSummary> collected,
        MembershipCallback<QList<aws::MembershipSummary>> done);

    QPointer<sync::CaseBackend> m_backend;
    QString m_region;
};

} // namespace warroom::onboarding
