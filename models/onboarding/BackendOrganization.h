#pragma once

#include "DelegatedAccess.h"

#include "aws/Credentials.h"
#include "sync/BackendSettings.h"

#include <QtCore/QString>

class QObject;

namespace warroom::sync {
class CaseBackend;
}

namespace warroom::onboarding {

class OrganizationSource;

// The organisation onboarding reads for a workspace backend: the demo organisation for
// the embedded backend (it stands for it), AWS Organizations (with STS, GuardDuty and
// Security Hub) for a warroom-server or AWS backend, at the settings' Organizations
// endpoint (empty: AWS itself, in the backend's Region's partition), signed with the
// Organizations profile's keys or else the backend's own (`backend`'s keys when it is an
// HttpBackend). Never null; a source whose keys cannot be found answers every call with
// that problem, so the checks read "unknown" and say why. Owned by `parent`.
OrganizationSource *createOrganizationSource(
    const sync::BackendSettings &settings, sync::CaseBackend *backend, QObject *parent);

// The keys a backend signs with (empty for the embedded backend).
aws::Credentials backendCredentials(sync::CaseBackend *backend);

// Where a delegated administrator's membership goes for this backend: the embedded
// backend's own account; the warroom-server URL; AWS in the Region, with STS at the
// Organizations endpoint and the Organizations keys to assume roles with.
DelegatedTarget delegatedTargetFor(
    const sync::BackendSettings &settings, sync::CaseBackend *backend);

} // namespace warroom::onboarding
