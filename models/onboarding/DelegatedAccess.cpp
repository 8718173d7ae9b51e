#include "DelegatedAccess.h"

#include "MembershipService.h"

#include "aws/AwsHttpClient.h"
#include "aws/CredentialChain.h"
#include "aws/StsClient.h"

#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace warroom::onboarding {

DelegatedAccess::DelegatedAccess(DelegatedTarget target, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
{
}

DelegatedAccess::~DelegatedAccess() = default;

QList<DelegatedKeySource> DelegatedAccess::sources() const
{
    switch (m_target.kind) {
    case DelegatedTarget::Kind::Aws:
        return {DelegatedKeySource::AssumeRole, DelegatedKeySource::Profile};
    case DelegatedTarget::Kind::Server:
        return {DelegatedKeySource::AccessKeys, DelegatedKeySource::Profile};
    case DelegatedTarget::Kind::Embedded:
        break;
    }
    return {};
}

QString DelegatedAccess::toString(DelegatedKeySource source)
{
    switch (source) {
    case DelegatedKeySource::AssumeRole:
        return tr("Assume a role in that account (STS AssumeRole)");
    case DelegatedKeySource::Profile:
        return tr("An AWS CLI profile of that account");
    case DelegatedKeySource::AccessKeys:
        return tr("Access keys of a principal of that account");
    }
    return {};
}

void DelegatedAccess::forget()
{
    ++m_generation;
    m_verifiedAccount.clear();
    m_verifiedPrincipal.clear();
    delete m_memberships;
    delete m_http;
}

aws::AwsHttpClient *DelegatedAccess::newClient(const aws::Credentials &keys)
{
    auto *http = new aws::AwsHttpClient(this);
    http->setCredentials(keys);
    http->setTransferTimeout(std::chrono::seconds(20));
    if (!m_target.caBundle.isEmpty())
        http->loadCaBundle(m_target.caBundle, nullptr);
    return http;
}

void DelegatedAccess::check(const QString &accountId, const DelegatedKeyRequest &request, Done done)
{
    forget();
    const int generation = m_generation;
    if (m_target.kind == DelegatedTarget::Kind::Embedded) {
        const bool ok = accountId == m_target.embeddedAccountId;
        if (ok)
            accept(accountId, {}, {});
        QTimer::singleShot(0, this, [this, generation, ok, accountId, done] {
            if (generation != m_generation)
                return;
            done(ok,
                ok ? tr("The embedded backend holds the demo organisation's memberships in "
                        "account %1: no other keys are needed.")
                         .arg(accountId)
                   : tr("The embedded backend holds memberships for account %1 only (the demo "
                        "organisation's security tooling account); register that account, or "
                        "choose the signed-in account.")
                         .arg(m_target.embeddedAccountId));
        });
        return;
    }
    QPointer<DelegatedAccess> self(this);
    auto current = [self, generation] {
        return self && self->m_generation == generation;
    };
    keysFor(accountId, request, [=](const aws::Credentials &keys, const QString &problem) {
        if (!current())
            return;
        if (!problem.isEmpty()) {
            done(false, problem);
            return;
        }
        identify(keys,
            [=](const QString &account, const QString &principal, const QString &serverAccount,
                const QString &identifyProblem) {
                if (!current())
                    return;
                if (!identifyProblem.isEmpty()) {
                    done(false, identifyProblem);
                    return;
                }
                if (account != accountId) {
                    done(false,
                        tr("These keys belong to %1 in account %2, not to the delegated "
                           "administrator %3.")
                            .arg(principal, account, accountId));
                    return;
                }
                if (!serverAccount.isEmpty() && serverAccount != accountId) {
                    done(false,
                        tr("The keys are %1's, but this warroom-server holds memberships "
                           "for account %2: start it with --account-id %3 (or sign up "
                           "with the signed-in account).")
                            .arg(principal, serverAccount, accountId));
                    return;
                }
                accept(accountId, principal, keys);
                done(true,
                    tr("\u2713 Signing up as %1 (account %2, keys from %3).")
                        .arg(principal, account,
                            keys.source.isEmpty() ? tr("the form") : keys.source));
            });
    });
}

void DelegatedAccess::keysFor(const QString &accountId, const DelegatedKeyRequest &request,
    std::function<void(const aws::Credentials &, const QString &)> done)
{
    auto later = [this, done](const aws::Credentials &keys, const QString &problem) {
        QTimer::singleShot(0, this, [done, keys, problem] { done(keys, problem); });
    };
    switch (request.source) {
    case DelegatedKeySource::AccessKeys: {
        aws::Credentials keys;
        keys.accessKeyId = request.accessKeyId.trimmed();
        keys.secretAccessKey = request.secretAccessKey;
        keys.source = tr("the access key typed in");
        later(keys,
            keys.isValid() ? QString() : tr("Enter the access key ID and the secret access key."));
        return;
    }
    case DelegatedKeySource::Profile: {
        if (request.profile.trimmed().isEmpty()) {
            later({}, tr("Choose the profile of the delegated administrator account."));
            return;
        }
        const aws::CredentialResolution chain = aws::CredentialChain().resolve(request.profile);
        if (!chain.isValid()) {
            later({},
                chain.error.isEmpty() ? tr("Profile %1 has no keys.").arg(request.profile)
                                      : chain.error);
            return;
        }
        later(*chain.credentials, {});
        return;
    }
    case DelegatedKeySource::AssumeRole: {
        const QString role = request.roleName.trimmed();
        if (role.isEmpty()) {
            later({},
                tr("Enter the name of the role to assume, such as "
                   "OrganizationAccountAccessRole."));
            return;
        }
        auto *http = newClient(
            m_target.baseKeysProvider ? m_target.baseKeysProvider() : m_target.baseKeys);
        auto sts = std::make_shared<aws::StsClient>(
            http, aws::AwsClientConfig {m_target.region, m_target.stsEndpoint, false});
        const QString roleArn = u"arn:aws:iam::%1:role/%2"_s.arg(accountId, role);
        sts->assumeRole(roleArn, u"warroom-onboarding"_s, 3600,
            [done, http, sts, roleArn](const aws::AwsOutcome<aws::Credentials> &outcome) {
                http->deleteLater();
                if (!outcome.ok())
                    done({}, tr("AssumeRole %1 failed: %2").arg(roleArn, outcome.error.toString()));
                else
                    done(outcome.value, {});
            });
        return;
    }
    }
}

void DelegatedAccess::identify(const aws::Credentials &keys,
    std::function<void(const QString &, const QString &, const QString &, const QString &)> done)
{
    auto *http = newClient(keys);
    if (m_target.kind == DelegatedTarget::Kind::Aws) {
        auto sts = std::make_shared<aws::StsClient>(
            http, aws::AwsClientConfig {m_target.region, m_target.stsEndpoint, false});
        sts->getCallerIdentity(
            [done, http, sts](const aws::AwsOutcome<aws::CallerIdentity> &outcome) {
                http->deleteLater();
                if (!outcome.ok())
                    done({}, {}, {},
                        tr("GetCallerIdentity refused the keys: %1").arg(outcome.error.toString()));
                else
                    done(outcome.value.account, outcome.value.arn, {}, {});
            });
        return;
    }
    // warroom-server: its x-warroom caller extension names the key's principal.
    auto client = std::make_shared<aws::AwsServiceClient>(http, aws::AwsServiceInfo::securityIr(),
        aws::AwsClientConfig {m_target.region, m_target.securityIrEndpoint, false});
    aws::AwsServiceClient::deliverJson(
        client->callRestJson(u"GetCaller"_s, "GET", "/v1/x-warroom/caller"),
        [done, http, client](const aws::AwsOutcome<QJsonObject> &outcome) {
            http->deleteLater();
            if (!outcome.ok())
                done({}, {}, {},
                    tr("The warroom-server refused the keys: %1").arg(outcome.error.toString()));
            else
                done(outcome.json.value("accountId"_L1).toString(),
                    outcome.json.value("principalArn"_L1).toString(),
                    outcome.json.value("serverAccountId"_L1).toString(), {});
        });
}

void DelegatedAccess::accept(
    const QString &accountId, const QString &principal, const aws::Credentials &keys)
{
    m_verifiedAccount = accountId;
    m_verifiedPrincipal = principal;
    if (m_target.kind == DelegatedTarget::Kind::Embedded)
        return;
    m_http = newClient(keys);
    m_memberships = new HttpMembershipService(
        m_http, aws::AwsClientConfig {m_target.region, m_target.securityIrEndpoint, false}, this);
}

} // namespace warroom::onboarding
