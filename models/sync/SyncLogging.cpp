#include "SyncLogging.h"

namespace warroom::sync {

Q_LOGGING_CATEGORY(lcSync, "warroom.sync", QtInfoMsg)

} // namespace warroom::sync
