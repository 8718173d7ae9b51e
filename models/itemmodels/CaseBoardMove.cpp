#include "CaseBoardMove.h"

namespace warroom::itemmodels {

using namespace Qt::StringLiterals;
using domain::CaseStatus;

namespace {

QString quotedTitles(const QList<CaseStatus> &statuses)
{
    QStringList names;
    for (CaseStatus s : statuses)
        names.append(u'"' + caseStatusTitle(s) + u'"');
    return names.join(u", "_s);
}

} // namespace

QString caseStatusTitle(CaseStatus status)
{
    return domain::toString(status);
}

CaseMoveCheck checkCaseMove(const CaseBoardCard &card, CaseStatus to)
{
    using Kind = CaseMoveCheck::Kind;
    const QString name = u"Case "_s + card.caseId;
    if (card.status == to)
        return {Kind::NoChange, QString()};
    if (card.status == CaseStatus::Closed)
        return {Kind::Refused, name + u" is closed; a closed case cannot be moved or reopened."_s};
    if (card.resolver == domain::ResolverType::AWS)
        return {Kind::Refused,
            name
                + u" is AWS-supported: AWS moves it through its statuses, so it is read-only "
                  "on the board."_s};
    if (to == CaseStatus::Closed)
        return {Kind::Close, QString()};
    if (domain::isSelfManagedTransitionAllowed(card.status, to))
        return {Kind::UpdateStatus, QString()};
    const QList<CaseStatus> next = domain::selfManagedNextStatuses(card.status);
    QString reason = name + u" cannot go from \""_s + caseStatusTitle(card.status) + u"\" to \""_s
        + caseStatusTitle(to) + u"\". "_s;
    if (!domain::isSelfManagedStatus(to))
        reason += u"Only AWS sets \""_s + caseStatusTitle(to) + u"\". "_s;
    reason += next.isEmpty() ? u"From here it can only be closed."_s
                             : u"It can move to "_s + quotedTitles(next) + u", or be closed."_s;
    return {Kind::Refused, reason};
}

QList<CaseStatus> allowedCaseMoves(const CaseBoardCard &card)
{
    if (card.isReadOnlyOnBoard())
        return {};
    QList<CaseStatus> moves = domain::selfManagedNextStatuses(card.status);
    moves.append(CaseStatus::Closed);
    return moves;
}

} // namespace warroom::itemmodels
