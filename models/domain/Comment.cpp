#include "Comment.h"

namespace warroom::domain {

bool operator==(const Comment &a, const Comment &b)
{
    return a.caseId == b.caseId && a.commentId == b.commentId && a.createdDate == b.createdDate
        && a.lastUpdatedDate == b.lastUpdatedDate && a.creator == b.creator
        && a.lastUpdatedBy == b.lastUpdatedBy && a.body == b.body;
}

} // namespace warroom::domain
