#pragma once

#include <QtCore/QLoggingCategory>

namespace warroom::aws {

// One category for the whole AWS layer ("warroom.aws"). Nothing logged here may
// contain a secret access key or a session token: log Credentials through operator<<.
Q_DECLARE_LOGGING_CATEGORY(lcAws)

} // namespace warroom::aws
