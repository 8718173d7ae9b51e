#pragma once

#include "FieldError.h"

class QJsonObject;

// Membership codecs; same conventions as CaseJson.h.
namespace warroom::domain {

struct IncidentResponder;
struct OptInFeature;
struct MembershipAccountsConfigurations;
struct Membership;
struct CreateMembershipRequest;
struct MembershipAccountsConfigurationsUpdate;
struct UpdateMembershipRequest;

QJsonObject toJson(const IncidentResponder &value);
QJsonObject toJson(const OptInFeature &value);
QJsonObject toJson(const MembershipAccountsConfigurations &value);
QJsonObject toJson(const Membership &value); // GetMembership members + "tags"
QJsonObject toJson(const CreateMembershipRequest &value);
QJsonObject toJson(const MembershipAccountsConfigurationsUpdate &value);
QJsonObject toJson(const UpdateMembershipRequest &value); // body only

bool fromJson(const QJsonObject &json, IncidentResponder &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, OptInFeature &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, MembershipAccountsConfigurations &out,
    FieldErrors *errors = nullptr, const QString &path = QString());
bool fromJson(const QJsonObject &json, Membership &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, CreateMembershipRequest &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, MembershipAccountsConfigurationsUpdate &out,
    FieldErrors *errors = nullptr, const QString &path = QString());
bool fromJson(const QJsonObject &json, UpdateMembershipRequest &out, FieldErrors *errors = nullptr,
    const QString &path = QString());

} // namespace warroom::domain
