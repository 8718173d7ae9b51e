#pragma once

#include "FindingQueueFilter.h"

#include <QMap>

namespace warroom::store {
class Database;
}

namespace warroom::itemmodels {

// Named queue filters, kept in the workspace (settings key "triage.savedFilters").
class FindingSavedFilters final
{
public:
    static constexpr const char *SettingsKey = "triage.savedFilters";

    static QMap<QString, FindingQueueFilter> load(store::Database &database, QString *error);
    static bool save(store::Database &database, const QString &name,
        const FindingQueueFilter &filter, QString *error);
    static bool remove(store::Database &database, const QString &name, QString *error);
};

} // namespace warroom::itemmodels
