#pragma once

#include "domain/Finding.h"

#include <QSqlQuery>
#include <QString>

namespace warroom::ingest {

// The findings columns the triage engine reads, in the order findingFromTriageRow()
// expects them: "id, source, ... workflow_state" (TriageRowColumnCount).
QString triageRowColumns();
inline constexpr int TriageRowColumnCount = 16;
// The finding in `query`'s current row, its triage columns starting at column `first`.
domain::Finding findingFromTriageRow(const QSqlQuery &query, int first);

} // namespace warroom::ingest
