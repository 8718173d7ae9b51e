#pragma once

#include "domain/Case.h"
#include "domain/CaseRequests.h"
#include "domain/FieldError.h"
#include "domain/Investigation.h"
#include "timeline/TimelineChain.h"
#include "timeline/TimelineMarkers.h"

#include <QObject>
#include <QSqlDatabase>

#include <functional>

namespace warroom::store {
class Database;
}

namespace warroom::sync {

// Every local write to the cases of a workspace: validated with the domain rules, then
// the store and an outbox entry (with its clientToken) in ONE transaction, so a change
// is either both saved and queued for the backend, or not made at all. A created case
// (or comment) has a provisional local ID ("local-...") until the backend assigns the
// real one; replaceCaseId() then rewrites every reference and emits caseIdReplaced.
class LocalChanges final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalChanges)

public:
    LocalChanges(store::Database &database, QString principal, QObject *parent = nullptr);
    ~LocalChanges() override;

    static bool isProvisionalId(const QString &id);
    // The local copy of a case `request` creates (status Submitted, dates `now`).
    static domain::Case caseFromRequest(
        const domain::CreateCaseRequest &request, const QString &caseId, const QDateTime &now);

    // More writes that must be made with a case change or not at all (escalation links
    // its findings to the case): runs inside the same transaction, with the case's ID.
    using AlsoInTransaction
        = std::function<bool(QSqlDatabase &connection, const QString &caseId, QString *error)>;

    // The provisional case ID, or empty with *errors (per field) and/or *error set.
    QString createCase(const domain::CreateCaseRequest &request, domain::FieldErrors *errors,
        QString *error, const AlsoInTransaction &also = {});
    bool updateCase(const domain::UpdateCaseRequest &request, domain::FieldErrors *errors,
        QString *error, const AlsoInTransaction &also = {});
    bool updateCaseStatus(const QString &caseId, domain::CaseStatus status, QString *error);
    bool updateResolverType(const QString &caseId, domain::ResolverType resolver, QString *error);
    bool closeCase(const QString &caseId, QString *error);
    // The provisional comment ID, or empty with *error set.
    QString addComment(const QString &caseId, const QString &body, QString *error);
    bool updateComment(
        const QString &caseId, const QString &commentId, const QString &body, QString *error);
    // An analyst's timeline entry ("attacker created an access key at 02:13"): a comment
    // with the analyst marker, so every console on the case reads it back as a timeline
    // entry. The provisional comment ID, or empty with *error set.
    QString addTimelineEntry(
        const QString &caseId, const timeline::AnalystNote &note, QString *error);
    // Several analysts' entries in ONE transaction (an imported timeline): all are
    // added, or none. The provisional comment IDs, or empty with *error naming the entry.
    QStringList addTimelineEntries(
        const QString &caseId, const QList<timeline::AnalystNote> &notes, QString *error);
    // Posts the head of the case's verified timeline as a comment, so the backend's
    // timestamp vouches for every entry up to it. Refused when the chain does not verify.
    QString postChainHead(const QString &caseId, QString *error);
    // The same with a verification done already (on a worker: verifying 100,000 entries
    // takes seconds); refused unless it is ok and has entries.
    QString postVerifiedHead(
        const QString &caseId, const timeline::ChainVerification &verification, QString *error);
    // Copies the file into the workspace's outbox folder and queues its upload.
    bool addAttachment(const QString &caseId, const QString &filePath, QString *error);
    bool sendFeedback(const QString &caseId, const QString &investigationId,
        domain::UsefulnessRating rating, QString *error, const QString &comment = QString());

    // The principal this console writes as (creator of its comments).
    QString principal() const { return m_principal; }
    void setPrincipal(const QString &principal) { m_principal = principal; }

    // The folder attachments wait in until they are uploaded.
    QString attachmentOutboxDirectory() const;

    // Used by the sync engine once the backend assigned the real ID: the case, its
    // comments, edits and waiting outbox entries move to `newId` in one transaction.
    bool replaceCaseId(const QString &oldId, const QString &newId, QString *error);
    // A provisional comment answered with its real ID: the local copy goes (the pull
    // brings the backend's) and waiting updates of it are pointed at `newId`.
    bool replaceCommentId(
        const QString &caseId, const QString &oldId, const QString &newId, QString *error);

    // Tells listeners the outbox changed (the engine calls it after sending).
    void notifyOutboxChanged() { emit outboxChanged(); }
    void notifyCaseChanged(const QString &caseId) { emit caseChanged(caseId); }

signals:
    void caseChanged(const QString &caseId);
    void caseIdReplaced(const QString &oldId, const QString &newId);
    void outboxChanged();

private:
    // Loads the case, runs `change` on it, saves it and enqueues operation/payload.
    bool changeCase(const QString &caseId, const QString &operation, const QJsonObject &payload,
        const std::function<bool(domain::Case &, QString *)> &change, QString *error,
        const AlsoInTransaction &also = {});

    store::Database &m_database;
    QString m_principal;
};

} // namespace warroom::sync
