#pragma once

#include "CaseBackend.h"

#include <QDateTime>

#include <memory>

namespace warroom::caseservice {
class CaseService;
}
namespace warroom::store {
class Workspace;
}

namespace warroom::sync {

// The default backend: caseservice::CaseService in this process, on its own SQLite file
// in the workspace folder (backend.sqlite), so the workspace store is synced against it
// exactly as against a server. It stands for the demo organisation (its security account
// holds the membership; its accounts and OUs are the organisation), as the onboarding
// wizard's training mode does.
class EmbeddedBackend final : public CaseBackend
{
    Q_OBJECT

public:
    static QString defaultFileName() { return QStringLiteral("backend.sqlite"); }
    // nullptr with *error set when the database cannot be opened.
    static std::unique_ptr<EmbeddedBackend> open(
        const QString &databasePath, QString *error, QObject *parent = nullptr);
    // Over a CaseService someone else owns (training mode's, a test's); it must outlive
    // the backend.
    static std::unique_ptr<EmbeddedBackend> wrap(
        caseservice::CaseService *service, QObject *parent = nullptr);
    ~EmbeddedBackend() override;

    // Gives the workspace's embedded backend the cases the store holds (with their
    // comments, edit history, statuses and dates, IDs unchanged) and its membership, when
    // the backend holds no case yet: the demo workspace's cases are written to the store,
    // and this makes the backend agree with it, so changes to them are accepted and the
    // first pull finds nothing to fetch. Does nothing when the backend already has cases
    // or the store has none. *seeded (optional) is the number of cases copied.
    static bool seedFromStore(store::Workspace &workspace, QString *error, int *seeded = nullptr);

    void call(const QString &operation, const QJsonObject &input, BackendCallback done) override;
    bool supportsConditionalWrite() const override { return true; }
    void callIfUnmodifiedSince(const QString &operation, const QJsonObject &input,
        const QDateTime &since, BackendCallback done) override;
    bool hasChangeFeed() const override { return true; }
    void waitForChanges(
        qint64 after, int waitSeconds, std::function<void(const ChangeFeedResult &)> done) override;
    QString describe() const override;
    bool inProcess() const override { return true; }
    QString principal() const override;
    void putAttachment(const QString &url, QIODevice *source, qint64 size,
        TransferProgress progress, BackendCallback done) override;
    void getAttachment(
        const QString &url, TransferProgress progress, DownloadCallback done) override;

    caseservice::CaseService &service();

private:
    EmbeddedBackend(std::unique_ptr<caseservice::CaseService> owned,
        caseservice::CaseService *service, QObject *parent);
    void pollChanges(qint64 after, const QDateTime &deadline,
        std::function<void(const ChangeFeedResult &)> done);

    std::unique_ptr<caseservice::CaseService> m_owned;
    caseservice::CaseService *m_service;
};

} // namespace warroom::sync
