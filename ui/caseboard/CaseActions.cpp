#include "CaseActions.h"

namespace warroom::ui {

using namespace Qt::StringLiterals;

CaseActions::CaseActions(const AreaContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
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

#define WARROOM_NO_SYNC_YET                                                                        \
    if (!canWrite(error))                                                                          \
        return {};                                                                                 \
    return {};

bool CaseActions::updateStatus(const QString &, domain::CaseStatus, QString *error)
{
    WARROOM_NO_SYNC_YET
}

bool CaseActions::closeCase(const QString &, QString *error) {WARROOM_NO_SYNC_YET}

QString CaseActions::createCase(
    const domain::CreateCaseRequest &, domain::FieldErrors *, QString *error)
{
    WARROOM_NO_SYNC_YET
}

bool CaseActions::updateCase(
    const domain::UpdateCaseRequest &, domain::FieldErrors *, QString *error)
{
    WARROOM_NO_SYNC_YET
}

bool CaseActions::escalateToAws(const QString &, QString *error)
{
    WARROOM_NO_SYNC_YET
}

bool CaseActions::addComment(const QString &, const QString &, QString *error)
{
    WARROOM_NO_SYNC_YET
}

bool CaseActions::updateComment(const QString &, const QString &, const QString &, QString *error)
{
    WARROOM_NO_SYNC_YET
}

bool CaseActions::addAttachment(const QString &, const QString &, QString *error)
{
    WARROOM_NO_SYNC_YET
}

bool CaseActions::sendFeedback(const QString &, const QString &, domain::UsefulnessRating,
    QString *error) {WARROOM_NO_SYNC_YET}

QString CaseActions::principal() const
{
    return QString();
}

} // namespace warroom::ui
