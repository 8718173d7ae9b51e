#include "StoreLogging.h"

namespace warroom::store {
Q_LOGGING_CATEGORY(lcStore, "warroom.store")
} // namespace warroom::store
