#include "CaseEdit.h"

namespace warroom::domain {

bool operator==(const CaseEdit &a, const CaseEdit &b)
{
    return a.caseId == b.caseId && a.eventTimestamp == b.eventTimestamp
        && a.principal == b.principal && a.action == b.action && a.message == b.message;
}

} // namespace warroom::domain
