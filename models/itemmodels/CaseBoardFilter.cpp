#include "CaseBoardFilter.h"

namespace warroom::itemmodels {

bool CaseBoardFilter::matches(const CaseBoardCard &card) const
{
    if (engagementType && card.engagementType != engagementType)
        return false;
    if (resolver && card.resolver != *resolver)
        return false;
    if (customerActionPendingOnly && card.pendingAction != domain::PendingAction::Customer)
        return false;
    if (!watcher.isEmpty()) {
        bool found = false;
        for (int i = 0; !found && i < card.watcherEmails.size(); ++i)
            found = card.watcherEmails[i].contains(watcher, Qt::CaseInsensitive)
                || card.watcherNames[i].contains(watcher, Qt::CaseInsensitive);
        if (!found)
            return false;
    }
    if (!text.isEmpty() && !card.title.contains(text, Qt::CaseInsensitive)
        && !card.caseId.contains(text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace warroom::itemmodels
