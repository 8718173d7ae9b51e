#pragma once

#include "CaseBackend.h"

#include <QDateTime>

#include <memory>

namespace warroom::caseservice {
class CaseService;
}

namespace warroom::sync {

// The default backend: caseservice::CaseService in this process, on its own SQLite file
// in the workspace folder (backend.sqlite), so the workspace store is synced against it
// exactly as against a server.
class EmbeddedBackend final : public CaseBackend
{
    Q_OBJECT

public:
    static QString defaultFileName() { return QStringLiteral("backend.sqlite"); }
    // nullptr with *error set when the database cannot be opened.
    static std::unique_ptr<EmbeddedBackend> open(
        const QString &databasePath, QString *error, QObject *parent = nullptr);
    ~EmbeddedBackend() override;

    void call(const QString &operation, const QJsonObject &input, BackendCallback done) override;
    bool hasChangeFeed() const override { return true; }
    void waitForChanges(
        qint64 after, int waitSeconds, std::function<void(const ChangeFeedResult &)> done) override;
    QString describe() const override;
    bool inProcess() const override { return true; }
    QString principal() const override;
    void putAttachment(const QString &url, QIODevice *source, qint64 size,
        TransferProgress progress, BackendCallback done) override;
    void getAttachment(const QString &url, TransferProgress progress, DownloadCallback done) override;

    caseservice::CaseService &service();

private:
    EmbeddedBackend(std::unique_ptr<caseservice::CaseService> service, QObject *parent);
    void pollChanges(qint64 after, const QDateTime &deadline,
        std::function<void(const ChangeFeedResult &)> done);

    std::unique_ptr<caseservice::CaseService> m_service;
};

} // namespace warroom::sync
