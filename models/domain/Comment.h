#pragma once

#include <QtCore/QDateTime>
#include <QtCore/QString>

namespace warroom::domain {

// ListCommentsItem plus the case it belongs to.
struct Comment final
{
    QString caseId;
    QString commentId; // required, exactly 6 digits
    QDateTime createdDate;
    QDateTime lastUpdatedDate;
    QString creator; // PrincipalId
    QString lastUpdatedBy; // PrincipalId
    QString body; // 1-12000
};

bool operator==(const Comment &a, const Comment &b);
inline bool operator!=(const Comment &a, const Comment &b)
{
    return !(a == b);
}

} // namespace warroom::domain
