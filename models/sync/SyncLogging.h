#pragma once

#include <QtCore/QLoggingCategory>

namespace warroom::sync {

// The sync layer's category ("warroom.sync"). Keys typed in the settings dialog and
// loaded from the keychain are never logged.
Q_DECLARE_LOGGING_CATEGORY(lcSync)

} // namespace warroom::sync
