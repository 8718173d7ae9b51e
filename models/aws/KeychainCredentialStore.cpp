#include "KeychainCredentialStore.h"

#include "AwsLogging.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRegularExpression>
#include <QtCore/QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace warroom::aws {

namespace {

KeychainCredentialStore::Status statusOf(QKeychain::Error error)
{
    using Status = KeychainCredentialStore::Status;
    switch (error) {
    case QKeychain::NoError:
        return Status::Ok;
    case QKeychain::EntryNotFound:
        return Status::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Status::Unavailable;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return Status::AccessDenied;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return Status::Failed;
}

QByteArray encode(const Credentials &credentials)
{
    QJsonObject json {{u"Version"_s, 1}, {u"AccessKeyId"_s, credentials.accessKeyId},
        {u"SecretAccessKey"_s, credentials.secretAccessKey}};
    if (credentials.isTemporary())
        json.insert(u"SessionToken"_s, credentials.sessionToken);
    if (credentials.expiration.isValid())
        json.insert(u"Expiration"_s, credentials.expiration.toUTC().toString(Qt::ISODate));
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

std::optional<Credentials> decode(const QByteArray &data, const QString &entry)
{
    const QJsonObject json = QJsonDocument::fromJson(data).object();
    Credentials credentials;
    credentials.accessKeyId = json.value(u"AccessKeyId"_s).toString();
    credentials.secretAccessKey = json.value(u"SecretAccessKey"_s).toString();
    credentials.sessionToken = json.value(u"SessionToken"_s).toString();
    const QString expiration = json.value(u"Expiration"_s).toString();
    if (!expiration.isEmpty())
        credentials.expiration = QDateTime::fromString(expiration, Qt::ISODate);
    credentials.source = u"keychain entry "_s + entry;
    if (!credentials.isValid())
        return std::nullopt;
    return credentials;
}

// QtKeychain reports a missing D-Bus session or secret service as OtherError; to the
// user that is "no keychain here", not a failure of the keychain.
bool meansNoKeychain(const QString &error)
{
    static const QRegularExpression pattern(
        u"d-?bus|secret ?service|org\\.freedesktop\\.secrets|kwallet|no keychain"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(error).hasMatch();
}

} // namespace

QString KeychainCredentialStore::statusText(Status status)
{
    switch (status) {
    case Status::Ok:
        return u"ok"_s;
    case Status::NotFound:
        return u"no such keychain entry"_s;
    case Status::Unavailable:
        return u"keychain unavailable"_s;
    case Status::AccessDenied:
        return u"keychain access denied"_s;
    case Status::Failed:
        break;
    }
    return u"keychain error"_s;
}

QString KeychainCredentialStore::Result::message() const
{
    return error.isEmpty() ? statusText(status) : statusText(status) + u": "_s + error;
}

KeychainCredentialStore::KeychainCredentialStore(QObject *parent)
    : KeychainCredentialStore(u"Warroom AWS credentials"_s, parent)
{
}

KeychainCredentialStore::KeychainCredentialStore(QString serviceName, QObject *parent)
    : QObject(parent)
    , m_serviceName(std::move(serviceName))
{
}

KeychainCredentialStore::~KeychainCredentialStore() = default;

template<typename Job>
void KeychainCredentialStore::startJob(Job *job, const QString &entry, Callback done)
{
    job->setAutoDelete(false);
    job->setInsecureFallback(false); // never a plain-text QSettings file
    job->setKey(entry);

    // Whichever comes first, the job's answer or the timeout, reports; the other is ignored.
    auto pending = std::make_shared<Callback>(std::move(done));
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [pending, timeout = m_timeout, entry]() {
        if (!*pending)
            return;
        Result result;
        result.status = Status::Unavailable;
        result.error = u"the keychain did not answer within %1 ms"_s.arg(timeout.count());
        qCWarning(lcAws) << "keychain entry" << entry << ':' << result.message();
        std::exchange(*pending, nullptr)(result);
    });
    connect(job, &QKeychain::Job::finished, this, [pending, entry](QKeychain::Job *finished) {
        finished->deleteLater();
        if (!*pending)
            return;
        Result result;
        result.status = statusOf(finished->error());
        if (result.status != Status::Ok)
            result.error = finished->errorString();
        if (result.status == Status::Failed && meansNoKeychain(result.error))
            result.status = Status::Unavailable;
        if (result.status == Status::Ok) {
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished)) {
                result.credentials = decode(read->binaryData(), entry);
                if (!result.credentials) {
                    result.status = Status::Failed;
                    result.error = u"entry %1 does not hold an access key and secret"_s.arg(entry);
                }
            }
        }
        if (result.status != Status::Ok && result.status != Status::NotFound)
            qCWarning(lcAws) << "keychain entry" << entry << ':' << result.message();
        std::exchange(*pending, nullptr)(result);
    });
    timer->start(m_timeout);
    job->start();
}

void KeychainCredentialStore::save(
    const QString &entry, const Credentials &credentials, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_serviceName, this);
    job->setBinaryData(encode(credentials));
    startJob(job, entry, std::move(done));
}

void KeychainCredentialStore::load(const QString &entry, Callback done)
{
    startJob(new QKeychain::ReadPasswordJob(m_serviceName, this), entry, std::move(done));
}

void KeychainCredentialStore::remove(const QString &entry, Callback done)
{
    startJob(new QKeychain::DeletePasswordJob(m_serviceName, this), entry, std::move(done));
}

} // namespace warroom::aws
