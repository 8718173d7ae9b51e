#include "CaseActions.h"

#include "domain/Case.h" // before sync/LocalChanges.h, which uses domain::Case
#include "sync/LocalChanges.h"
#include "sync/SyncEngine.h"

namespace warroom::ui {

using namespace Qt::StringLiterals;

CaseActions::CaseActions(const AreaContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    if (!m_context.sync)
        return;
    sync::LocalChanges &changes = m_context.sync->changes();
    connect(&changes, &sync::LocalChanges::caseChanged, this, &CaseActions::caseChanged);
    connect(&changes, &sync::LocalChanges::caseIdReplaced, this, &CaseActions::caseIdReplaced);
    // Pulls and sends land in the store through the engine: cards follow them.
    connect(m_context.sync, &sync::SyncEngine::caseChanged, this, &CaseActions::caseSynced);
    connect(m_context.sync, &sync::SyncEngine::caseIdReplaced, this, &CaseActions::caseIdReplaced);
}

CaseActions::~CaseActions() = default;

bool CaseActions::canWrite(QString *reason) const
{
    if (m_context.sync)
        return true;
    if (reason)
        *reason = tr("Changes are not possible yet: this workspace has no sync engine running.");
    return false;
}

bool CaseActions::updateStatus(const QString &caseId, domain::CaseStatus to, QString *error)
{
    return canWrite(error) && m_context.sync->changes().updateCaseStatus(caseId, to, error);
}

bool CaseActions::closeCase(const QString &caseId, QString *error)
{
    return canWrite(error) && m_context.sync->changes().closeCase(caseId, error);
}

QString CaseActions::createCase(
    const domain::CreateCaseRequest &request, domain::FieldErrors *errors, QString *error)
{
    if (!canWrite(error))
        return QString();
    return m_context.sync->changes().createCase(request, errors, error);
}

bool CaseActions::updateCase(
    const domain::UpdateCaseRequest &request, domain::FieldErrors *errors, QString *error)
{
    return canWrite(error) && m_context.sync->changes().updateCase(request, errors, error);
}

bool CaseActions::escalateToAws(const QString &caseId, QString *error)
{
    return canWrite(error)
        && m_context.sync->changes().updateResolverType(caseId, domain::ResolverType::AWS, error);
}

bool CaseActions::addComment(const QString &caseId, const QString &body, QString *error)
{
    return canWrite(error) && !m_context.sync->changes().addComment(caseId, body, error).isEmpty();
}

bool CaseActions::updateComment(
    const QString &caseId, const QString &commentId, const QString &body, QString *error)
{
    return canWrite(error)
        && m_context.sync->changes().updateComment(caseId, commentId, body, error);
}

bool CaseActions::addAttachment(const QString &caseId, const QString &filePath, QString *error)
{
    // A copy is queued in the outbox; the engine uploads it when it next sends.
    return canWrite(error) && m_context.sync->changes().addAttachment(caseId, filePath, error);
}

bool CaseActions::sendFeedback(const QString &caseId, const QString &investigationId,
    domain::UsefulnessRating rating, QString *error)
{
    return canWrite(error)
        && m_context.sync->changes().sendFeedback(caseId, investigationId, rating, error);
}

QString CaseActions::principal() const
{
    return m_context.sync ? m_context.sync->changes().principal() : QString();
}

} // namespace warroom::ui
