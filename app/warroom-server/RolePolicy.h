#pragma once

#include "caseservice/ServiceError.h"

#include <QtCore/QJsonObject>
#include <QtCore/QString>

namespace warroom::server {

// What each role may call, modelled on the SIR managed policies:
//   full       AWSSecurityIncidentResponseFullAccess: every operation
//   case-full  ...CaseFullAccess: every case operation; memberships read-only (no
//              Create/Update/CancelMembership, no tagging of a membership)
//   read-only  ...ReadOnlyAccess: Get*, List*, BatchGet* (GetCaseAttachmentUploadUrl
//              excluded: it starts an upload), and the change feed
// This is the only place roles are checked; CaseService trusts its caller.
class RolePolicy final
{
public:
    // Empty when allowed; otherwise the AccessDeniedException message.
    static QString deny(caseservice::Role role, const QString &operation, const QJsonObject &input,
        const QString &principalArn);
};

} // namespace warroom::server
