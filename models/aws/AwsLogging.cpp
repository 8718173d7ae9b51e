#include "AwsLogging.h"

namespace warroom::aws {

Q_LOGGING_CATEGORY(lcAws, "warroom.aws", QtInfoMsg)

} // namespace warroom::aws
