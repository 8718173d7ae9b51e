#pragma once

#include <QLoggingCategory>

namespace warroom::store {
Q_DECLARE_LOGGING_CATEGORY(lcStore)
} // namespace warroom::store
