#pragma once

#include "CaseBoardCard.h"

namespace warroom::itemmodels {

// The board's filter bar: every set member must match.
struct CaseBoardFilter final
{
    std::optional<domain::EngagementType> engagementType;
    std::optional<domain::ResolverType> resolver;
    bool customerActionPendingOnly = false;
    QString watcher; // substring of a watcher's email or name, case-insensitive
    QString text; // substring of the title or the case ID, case-insensitive

    bool matches(const CaseBoardCard &card) const;
    bool isEmpty() const
    {
        return !engagementType && !resolver && !customerActionPendingOnly && watcher.isEmpty()
            && text.isEmpty();
    }
};

// Orders within a column.
enum class CaseBoardSort {
    LastUpdated, // most recently updated first
    Oldest, // oldest case first
    Newest,
    Severity, // most severe linked finding first
    Title,
};

} // namespace warroom::itemmodels
