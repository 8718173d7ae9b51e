#pragma once

#include "Enums.h"

#include <QtCore/QDateTime>
#include <QtCore/QString>

namespace warroom::domain {

// InvestigationFeedback. Absent when every member is unset.
struct InvestigationFeedback final
{
    std::optional<UsefulnessRating> usefulness;
    QString comment; // 1-1000
    QDateTime submittedAt;

    bool isEmpty() const { return !usefulness && comment.isEmpty() && !submittedAt.isValid(); }
};

// InvestigationAction (ListInvestigations) plus the case it belongs to.
struct Investigation final
{
    QString caseId;
    QString investigationId; // inv-[a-z0-9]{10,32}
    std::optional<ActionType> actionType;
    QString title; // 1-200
    QString content; // markdown, 1-5000
    std::optional<ExecutionStatus> status;
    QDateTime lastUpdated;
    InvestigationFeedback feedback;
};

bool operator==(const InvestigationFeedback &a, const InvestigationFeedback &b);
bool operator==(const Investigation &a, const Investigation &b);
inline bool operator!=(const Investigation &a, const Investigation &b)
{
    return !(a == b);
}

} // namespace warroom::domain
