#pragma once

#include "CaseBackend.h"

#include "aws/Credentials.h"

#include "aws/AwsHttpClient.h"

#include <QPointer>
#include <QUrl>

#include <memory>

namespace warroom::aws {
class AwsHttpClient;
class AwsReply;
class SecurityIrClient;
} // namespace warroom::aws

namespace warroom::sync {

// security-ir over HTTP: a warroom-server URL (with its change feed) or AWS in a Region,
// signed with `credentials`. One attempt per call: the sync engine owns retries, so a
// change survives a restart while it waits.
class HttpBackend final : public CaseBackend
{
    Q_OBJECT

public:
    // `endpointUrl` empty: the AWS endpoint of `region`.
    HttpBackend(const QUrl &endpointUrl, const QString &region, const aws::Credentials &credentials,
        QObject *parent = nullptr);
    ~HttpBackend() override;

    void call(const QString &operation, const QJsonObject &input, BackendCallback done) override;
    // A warroom-server (an endpoint URL whose x-warroom extensions answer) checks
    // conditional writes; AWS is never sent the header.
    bool supportsConditionalWrite() const override { return m_changeFeed && m_conditionalWrites; }
    void callIfUnmodifiedSince(const QString &operation, const QJsonObject &input,
        const QDateTime &since, BackendCallback done) override;
    // Off: behave as AWS does (no conditional writes), for tests of the after-the-fact check.
    void setConditionalWrites(bool on) { m_conditionalWrites = on; }
    bool hasChangeFeed() const override { return m_changeFeed; }
    void waitForChanges(
        qint64 after, int waitSeconds, std::function<void(const ChangeFeedResult &)> done) override;
    void cancelAll() override;
    QString describe() const override;
    QString principal() const override;

    aws::SecurityIrClient &client();
    // Keys loaded later (from the OS keychain): calls made before fail with a
    // Credentials error.
    void setCredentials(const aws::Credentials &credentials);
    // The keys calls are signed with now (empty until keychain keys arrive).
    aws::Credentials credentials() const;
    // The CA bundle loaded with loadCaBundle() (empty: the system's).
    QString caBundle() const { return m_caBundle; }
    // The CAs to trust for HTTPS (AwsHttpClient::loadCaBundle).
    bool loadCaBundle(const QString &path, QString *error);
    // How long one call may take (30 s unless set); the change feed's long poll gets its
    // wait on top of it.
    void setTransferTimeout(std::chrono::milliseconds timeout);

protected:
    QNetworkAccessManager *transferNetwork() override;
    void prepareTransfer(QNetworkRequest &request) const override;

private:
    void track(aws::AwsReply *reply);
    void send(const QString &operation, const QJsonObject &input,
        const QList<aws::HttpHeader> &headers, BackendCallback done);

    QList<QPointer<aws::AwsReply>> m_inFlight;
    QUrl m_endpointUrl;
    QString m_region;
    QString m_caBundle;
    std::unique_ptr<aws::AwsHttpClient> m_http;
    std::unique_ptr<aws::SecurityIrClient> m_client;
    // The change feed on a client of its own, so its long poll outlives the call timeout.
    std::unique_ptr<aws::AwsHttpClient> m_feedHttp;
    std::unique_ptr<aws::SecurityIrClient> m_feedClient;
    bool m_changeFeed = false;
    bool m_conditionalWrites = true;
};

} // namespace warroom::sync
