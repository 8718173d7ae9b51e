#include "RolePolicy.h"

namespace warroom::server {

using namespace Qt::StringLiterals;
using caseservice::Role;

namespace {

bool isReadOperation(const QString &operation)
{
    if (operation == u"GetCaseAttachmentUploadUrl"_s)
        return false;
    return operation.startsWith(u"Get"_s) || operation.startsWith(u"List"_s)
        || operation.startsWith(u"BatchGet"_s) || operation.startsWith(u"x-warroom:"_s);
}

bool changesMembership(const QString &operation, const QJsonObject &input)
{
    if (operation == u"CreateMembership"_s || operation == u"UpdateMembership"_s
        || operation == u"CancelMembership"_s)
        return true;
    if (operation == u"TagResource"_s || operation == u"UntagResource"_s)
        return input.value(u"resourceArn"_s).toString().contains(u":membership/"_s);
    return false;
}

} // namespace

QString RolePolicy::deny(
    Role role, const QString &operation, const QJsonObject &input, const QString &principalArn)
{
    bool allowed = true;
    switch (role) {
    case Role::Full:
        break;
    case Role::CaseFull:
        allowed = !changesMembership(operation, input);
        break;
    case Role::ReadOnly:
        allowed = isReadOperation(operation);
        break;
    }
    if (allowed)
        return {};
    return u"User: "_s % principalArn % u" is not authorized to perform: security-ir:"_s % operation
        % u" because no identity-based policy allows the security-ir:"_s % operation % u" action"_s;
}

} // namespace warroom::server
