#pragma once

#include "domain/Case.h"

#include <QMap>
#include <QSqlDatabase>

#include <optional>

namespace warroom::store {

// Sort orders of the case list, done in SQL.
enum class CaseOrder { LastUpdatedDesc, CreatedDesc, CreatedAsc, TitleAsc, StatusAsc };

struct CaseFilter final
{
    std::optional<domain::CaseStatus> status;
    QString titleContains; // case-insensitive substring of the title
    CaseOrder order = CaseOrder::LastUpdatedDesc;
    int limit = -1; // -1 = all
    int offset = 0;
};

// Cases with every GetCase member; list-valued members are JSON columns, attachments
// rows of their own. Writes go inside Database::write.
class CaseRepository final
{
public:
    explicit CaseRepository(const QSqlDatabase &connection);

    // Inserts or updates in place (comments and edits of the case are kept).
    bool upsert(const domain::Case &value, QString *error);
    std::optional<domain::Case> get(const QString &caseId, QString *error = nullptr) const;
    // Only its last-updated date (a sync's list pass asks this of every case): nullopt
    // when the case is not stored, an invalid date when it has none.
    std::optional<QDateTime> lastUpdated(const QString &caseId, QString *error = nullptr) const;
    QList<domain::CaseSummary> listSummaries(
        const CaseFilter &filter = {}, QString *error = nullptr) const;
    qint64 count(QString *error = nullptr) const;
    QMap<domain::CaseStatus, qint64> countByStatus(QString *error = nullptr) const;
    // Deletes the case with its comments, edits, attachments and investigations.
    bool remove(const QString &caseId, QString *error);

private:
    QSqlDatabase m_connection;
};

} // namespace warroom::store
