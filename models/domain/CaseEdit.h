#pragma once

#include <QtCore/QDateTime>
#include <QtCore/QString>

namespace warroom::domain {

// CaseEditItem (ListCaseEdits) plus the case it belongs to.
struct CaseEdit final
{
    QString caseId;
    QDateTime eventTimestamp;
    QString principal;
    QString action; // 1-100, free text
    QString message; // 10-4096
};

bool operator==(const CaseEdit &a, const CaseEdit &b);
inline bool operator!=(const CaseEdit &a, const CaseEdit &b)
{
    return !(a == b);
}

} // namespace warroom::domain
