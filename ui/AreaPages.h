#pragma once

#include "Area.h"

#include <QString>

#include <functional>

class QMainWindow;
class QWidget;

namespace warroom::store {
class Workspace;
}
namespace warroom::sync {
class SyncEngine;
}

namespace warroom::ui {

// What an area page may use. Pages are made anew for every workspace the window opens,
// so they may keep these pointers for their lifetime.
struct AreaContext final
{
    store::Workspace *workspace = nullptr;
    QMainWindow *window = nullptr;
    // The workspace's sync engine (models/sync); null while it is not running.
    sync::SyncEngine *sync = nullptr;
    // Shows `area` and asks its page to select `itemId` (a case ID, a finding ID):
    // the window calls the page's slot `showItem(QString)` when it has one.
    std::function<void(Area area, const QString &itemId)> showItem;
};

// The page that shows `area` for the context's workspace, or nullptr while that area
// is not built; the window then shows the area's honest empty state.
QWidget *createAreaPage(Area area, const AreaContext &context, QWidget *parent);

} // namespace warroom::ui
