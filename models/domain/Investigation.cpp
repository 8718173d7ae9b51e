#include "Investigation.h"

namespace warroom::domain {

bool operator==(const InvestigationFeedback &a, const InvestigationFeedback &b)
{
    return a.usefulness == b.usefulness && a.comment == b.comment && a.submittedAt == b.submittedAt;
}

bool operator==(const Investigation &a, const Investigation &b)
{
    return a.caseId == b.caseId && a.investigationId == b.investigationId
        && a.actionType == b.actionType && a.title == b.title && a.content == b.content
        && a.status == b.status && a.lastUpdated == b.lastUpdated && a.feedback == b.feedback;
}

} // namespace warroom::domain
