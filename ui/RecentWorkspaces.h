#pragma once

#include <QStringList>

namespace warroom::ui {

// The "Open Recent" list, most recent first, kept in QSettings. Folders that no
// longer exist are dropped whenever the list is read.
class RecentWorkspaces final
{
public:
    static constexpr int MaximumCount = 8;

    static QStringList load();
    static void add(const QString &directory);
    static void clear();
};

} // namespace warroom::ui
