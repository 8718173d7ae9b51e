#pragma once

#include "CaseBoardCard.h"

namespace warroom::itemmodels {

// What moving a card to another column would do, with the domain's status graph
// (domain::isSelfManagedTransitionAllowed, the same one CaseService enforces).
struct CaseMoveCheck final
{
    enum class Kind {
        NoChange, // already in that column
        UpdateStatus, // UpdateCaseStatus
        Close, // CloseCase: asks to confirm first
        Refused, // `reason` says why
    };
    Kind kind = Kind::Refused;
    QString reason;

    bool isAccepted() const { return kind == Kind::UpdateStatus || kind == Kind::Close; }
};

CaseMoveCheck checkCaseMove(const CaseBoardCard &card, domain::CaseStatus to);
// The columns the card may be moved to (UpdateCaseStatus targets, then Closed).
QList<domain::CaseStatus> allowedCaseMoves(const CaseBoardCard &card);
// The board's name of a status column ("Detection and Analysis").
QString caseStatusTitle(domain::CaseStatus status);

} // namespace warroom::itemmodels
