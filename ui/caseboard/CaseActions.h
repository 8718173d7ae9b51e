#pragma once

#include "AreaPages.h"
#include "domain/CaseRequests.h"
#include "domain/FieldError.h"
#include "domain/Investigation.h"

#include <QObject>

namespace warroom::ui {

// The case board's and case detail's writes, all through the workspace's sync layer
// (models/sync LocalChanges: the store and an outbox entry in one transaction). Every
// call validates first and reports a problem as a sentence naming the field.
class CaseActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseActions)

public:
    CaseActions(const AreaContext &context, QObject *parent = nullptr);
    ~CaseActions() override;

    // False, with the reason, while the workspace has no sync engine to write through.
    bool canWrite(QString *reason = nullptr) const;

    bool updateStatus(const QString &caseId, domain::CaseStatus to, QString *error);
    bool closeCase(const QString &caseId, QString *error);
    // The new case's ID, or an empty string with *errors / *error set.
    QString createCase(
        const domain::CreateCaseRequest &request, domain::FieldErrors *errors, QString *error);
    bool updateCase(
        const domain::UpdateCaseRequest &request, domain::FieldErrors *errors, QString *error);
    bool escalateToAws(const QString &caseId, QString *error);
    bool addComment(const QString &caseId, const QString &body, QString *error);
    bool updateComment(
        const QString &caseId, const QString &commentId, const QString &body, QString *error);
    // Copies the file into the workspace and queues its upload (the sync engine sends it).
    bool addAttachment(const QString &caseId, const QString &filePath, QString *error);
    bool sendFeedback(const QString &caseId, const QString &investigationId,
        domain::UsefulnessRating rating, QString *error);

    // The principal this console writes as ("whose comments may I edit").
    QString principal() const;

signals:
    void caseChanged(const QString &caseId);
    // A case the sync engine changed in the store (a pull, a send's answer).
    void caseSynced(const QString &caseId);
    void caseIdReplaced(const QString &oldId, const QString &newId);

private:
    AreaContext m_context;
};

} // namespace warroom::ui
