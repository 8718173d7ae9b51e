#pragma once

#include "timeline/TimelineMarkers.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace warroom::store {
class Database;
}

namespace warroom::timeline {

// What importing a timeline CSV (TimelineChain::toCsv's format) into a case would add:
// one analyst entry per exported entry that is not on the case yet, with when it
// happened (or was recorded, when that is unknown) and its text. Nothing is written
// here; the caller adds `notes` through LocalChanges::addTimelineEntries in one
// transaction, so they reach the backend like any analyst entry. Reads the store, so
// it runs on a worker thread.
class TimelineImport final
{
public:
    struct Plan
    {
        QList<AnalystNote> notes;
        int alreadyThere = 0; // entries the case has already (same hash, or same time and text)
        int records = 0; // entries in the file
        // Every bad record, "Line 7: field recorded_at is not ...". Non-empty means the
        // file is refused as a whole: nothing may be added.
        QStringList problems;
    };

    static Plan prepare(store::Database &database, const QString &caseId, const QByteArray &csv);
};

} // namespace warroom::timeline
