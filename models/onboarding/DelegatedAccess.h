#pragma once

#include "MembershipService.h"

#include "aws/Credentials.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QUrl>

#include <functional>

namespace warroom::onboarding {

// Where a membership is created, seen from the delegated administrator's side.
struct DelegatedTarget final
{
    enum class Kind { Embedded, Server, Aws };
    Kind kind = Kind::Embedded;
    QString region;
    // Server: the warroom-server URL; Aws: empty (AWS itself; tests may point it elsewhere).
    QUrl securityIrEndpoint;
    // Aws: where STS is (empty: AWS; an emulator: the Organizations endpoint setting).
    QUrl stsEndpoint;
    // Aws: the keys that assume a role in the delegated administrator account (the
    // management account's, usually the backend's or the Organizations profile's).
    aws::Credentials baseKeys;
    // When set, asked for the base keys at each check instead (keys that arrive later).
    std::function<aws::Credentials()> baseKeysProvider;
    QString caBundle; // for an HTTPS warroom-server with a private CA
    // Embedded: the one account the embedded backend holds memberships for.
    QString embeddedAccountId;
};

// How the keys of the delegated administrator account are obtained.
enum class DelegatedKeySource {
    AssumeRole, // STS AssumeRole of arn:aws:iam::<account>:role/<roleName> (AWS)
    Profile, // an AWS CLI profile (AWS, or a warroom-server key saved as a profile)
    AccessKeys, // an access key pair typed in (a warroom-server principal's key)
};

struct DelegatedKeyRequest final
{
    DelegatedKeySource source = DelegatedKeySource::AssumeRole;
    QString roleName = QStringLiteral("OrganizationAccountAccessRole");
    QString profile;
    QString accessKeyId;
    QString secretAccessKey;
};

// After RegisterDelegatedAdministrator the membership must be created from the delegated
// administrator account, not the management account. This gets keys for that account,
// checks whom they belong to (STS GetCallerIdentity on AWS, the server's x-warroom caller
// on a warroom-server: the account must be the 12-digit ID registered), and then offers
// the membership service that signs with them. The embedded backend has no keys: it holds
// memberships for one account, so the check is that the registered account is that one.
class DelegatedAccess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DelegatedAccess)

public:
    explicit DelegatedAccess(DelegatedTarget target, QObject *parent = nullptr);
    ~DelegatedAccess() override;

    const DelegatedTarget &target() const { return m_target; }
    bool needsKeys() const { return m_target.kind != DelegatedTarget::Kind::Embedded; }
    // The ways to get keys this target offers, the recommended one first.
    QList<DelegatedKeySource> sources() const;
    static QString toString(DelegatedKeySource source);

    using Done = std::function<void(bool ok, const QString &message)>;
    // Gets the keys `request` names and checks they are `accountId`'s. Embedded: answers
    // at once whether `accountId` is the embedded backend's account. A check started
    // while another runs replaces it (the first never answers).
    void check(const QString &accountId, const DelegatedKeyRequest &request, Done done);
    void forget();

    // After a successful check: the account and principal checked, and the membership
    // service that signs as them (null for the embedded backend: use its own).
    QString verifiedAccountId() const { return m_verifiedAccount; }
    QString verifiedPrincipal() const { return m_verifiedPrincipal; }
    MembershipService *memberships() const { return m_memberships; }

private:
    void keysFor(const QString &accountId, const DelegatedKeyRequest &request,
        std::function<void(const aws::Credentials &keys, const QString &problem)> done);
    void identify(const aws::Credentials &keys,
        std::function<void(const QString &account, const QString &principal,
            const QString &serverAccount, const QString &problem)>
            done);
    void accept(const QString &accountId, const QString &principal, const aws::Credentials &keys);
    aws::AwsHttpClient *newClient(const aws::Credentials &keys);

    DelegatedTarget m_target;
    QString m_verifiedAccount;
    QString m_verifiedPrincipal;
    QPointer<MembershipService> m_memberships;
    QPointer<aws::AwsHttpClient> m_http; // the memberships' client
    int m_generation = 0;
};

} // namespace warroom::onboarding
