#include "OrganizationSource.h"

namespace warroom::onboarding {

OrganizationSource::~OrganizationSource() = default;

} // namespace warroom::onboarding
