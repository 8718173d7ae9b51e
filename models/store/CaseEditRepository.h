#pragma once

#include "domain/CaseEdit.h"

#include <QList>
#include <QSqlDatabase>

namespace warroom::store {

// The edit log of each case: append-only (updates are refused by a trigger), and the
// same edit appended twice (pulled again) is stored once.
class CaseEditRepository final
{
public:
    explicit CaseEditRepository(const QSqlDatabase &connection);

    // *inserted (optional) is false when the edit was already there.
    bool append(const domain::CaseEdit &edit, QString *error, bool *inserted = nullptr);
    // Oldest first.
    QList<domain::CaseEdit> listForCase(const QString &caseId, QString *error = nullptr) const;

private:
    QSqlDatabase m_connection;
};

} // namespace warroom::store
