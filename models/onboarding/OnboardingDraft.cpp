#include "OnboardingDraft.h"

#include "domain/AwsRegion.h"
#include "domain/Enums.h"
#include "domain/MembershipJson.h"
#include "domain/Validation.h"

#include <QtCore/QJsonArray>

using namespace Qt::StringLiterals;

namespace warroom::onboarding {

using domain::FieldError;
using domain::FieldErrors;

QList<ContainmentAction> containmentActions()
{
    return {
        {u"ec2"_s, QObject::tr("Isolate an EC2 instance"), u"AWSSupport-ContainEC2Instance"_s},
        {u"iam"_s, QObject::tr("Contain an IAM user or role"), u"AWSSupport-ContainIAMPrincipal"_s},
        {u"s3"_s, QObject::tr("Block public access to an S3 bucket"),
            u"AWSSupport-ContainS3Resource"_s},
    };
}

QString toString(ContainmentPreference preference)
{
    switch (preference) {
    case ContainmentPreference::NotAuthorised:
        return QObject::tr("Not authorised");
    case ContainmentPreference::AskEachTime:
        return QObject::tr("Ask each time");
    case ContainmentPreference::PreAuthorised:
        return QObject::tr("Pre-authorised");
    }
    return {};
}

QString OnboardingDraft::membershipAccountId() const
{
    return accountChoice == MembershipAccountChoice::DelegatedAdministrator
        ? delegatedAdministratorId
        : signedInAccountId;
}

domain::CreateMembershipRequest OnboardingDraft::createRequest() const
{
    domain::CreateMembershipRequest request;
    request.clientToken = clientToken;
    request.membershipName = membershipName.trimmed();
    request.incidentResponseTeam = team;
    request.optInFeatures
        = QList<domain::OptInFeature> {{domain::OptInFeatureName::Triage, triageOptIn}};
    request.tags = tags;
    request.coverEntireOrganization = coverEntireOrganization;
    return request;
}

QList<QStringList> OnboardingDraft::pendingOrganizationalUnitBatches() const
{
    if (coverEntireOrganization)
        return {};
    QStringList pending;
    for (const QString &ou : organizationalUnits)
        if (!organizationalUnitsAdded.contains(ou))
            pending.append(ou);
    return batches(pending, domain::limits::OrganizationalUnitsPerUpdateMax);
}

QList<QStringList> batches(const QStringList &ids, int size)
{
    QList<QStringList> out;
    for (qsizetype i = 0; i < ids.size(); i += size)
        out.append(ids.mid(i, size));
    return out;
}

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out.append(v.toString());
    return out;
}

} // namespace

QJsonObject OnboardingDraft::toJson() const
{
    QJsonArray teamJson;
    for (const auto &responder : team)
        teamJson.append(domain::toJson(responder));
    QJsonObject tagsJson;
    for (auto it = tags.constBegin(); it != tags.constEnd(); ++it)
        tagsJson.insert(it.key(), it.value());
    QJsonObject names;
    for (auto it = organizationalUnitNames.constBegin(); it != organizationalUnitNames.constEnd();
         ++it)
        names.insert(it.key(), it.value());
    QJsonObject containmentJson;
    for (auto it = containment.constBegin(); it != containment.constEnd(); ++it)
        containmentJson.insert(it.key(), int(it.value()));
    return {
        {u"accountChoice"_s,
            accountChoice == MembershipAccountChoice::DelegatedAdministrator
                ? u"delegatedAdministrator"_s
                : u"signedInAccount"_s},
        {u"delegatedAdministratorId"_s, delegatedAdministratorId},
        {u"signedInAccountId"_s, signedInAccountId},
        {u"delegatedAdministratorRegistered"_s, delegatedAdministratorRegistered},
        {u"region"_s, region},
        {u"coverEntireOrganization"_s, coverEntireOrganization},
        {u"organizationalUnits"_s, toArray(organizationalUnits)},
        {u"organizationalUnitNames"_s, names},
        {u"team"_s, teamJson},
        {u"membershipName"_s, membershipName},
        {u"tags"_s, tagsJson},
        {u"triageOptIn"_s, triageOptIn},
        {u"consent"_s, consent},
        {u"containmentConfigured"_s, containmentConfigured},
        {u"containment"_s, containmentJson},
        {u"clientToken"_s, clientToken},
        {u"membershipId"_s, membershipId},
        {u"organizationalUnitsAdded"_s, toArray(organizationalUnitsAdded)},
    };
}

OnboardingDraft OnboardingDraft::fromJson(const QJsonObject &json)
{
    OnboardingDraft d;
    d.accountChoice = json.value("accountChoice"_L1).toString() == "signedInAccount"_L1
        ? MembershipAccountChoice::SignedInAccount
        : MembershipAccountChoice::DelegatedAdministrator;
    d.delegatedAdministratorId = json.value("delegatedAdministratorId"_L1).toString();
    d.signedInAccountId = json.value("signedInAccountId"_L1).toString();
    d.delegatedAdministratorRegistered = json.value("delegatedAdministratorRegistered"_L1).toBool();
    d.region = json.value("region"_L1).toString();
    d.coverEntireOrganization = json.value("coverEntireOrganization"_L1).toBool(true);
    d.organizationalUnits = toList(json.value("organizationalUnits"_L1));
    const QJsonObject names = json.value("organizationalUnitNames"_L1).toObject();
    for (auto it = names.constBegin(); it != names.constEnd(); ++it)
        d.organizationalUnitNames.insert(it.key(), it.value().toString());
    for (const QJsonValue &v : json.value("team"_L1).toArray()) {
        domain::IncidentResponder responder;
        domain::fromJson(v.toObject(), responder);
        d.team.append(responder);
    }
    d.membershipName = json.value("membershipName"_L1).toString();
    const QJsonObject tags = json.value("tags"_L1).toObject();
    for (auto it = tags.constBegin(); it != tags.constEnd(); ++it)
        d.tags.insert(it.key(), it.value().toString());
    d.triageOptIn = json.value("triageOptIn"_L1).toBool(true);
    d.consent = json.value("consent"_L1).toBool();
    d.containmentConfigured = json.value("containmentConfigured"_L1).toBool();
    const QJsonObject containment = json.value("containment"_L1).toObject();
    for (auto it = containment.constBegin(); it != containment.constEnd(); ++it)
        d.containment.insert(it.key(), ContainmentPreference(it.value().toInt()));
    d.clientToken = json.value("clientToken"_L1).toString();
    d.membershipId = json.value("membershipId"_L1).toString();
    d.organizationalUnitsAdded = toList(json.value("organizationalUnitsAdded"_L1));
    return d;
}

QString accountIdError(const QString &accountId)
{
    FieldErrors errors;
    domain::checkAccountId(accountId, u"accountId"_s, errors);
    return errors.isEmpty() ? QString() : errors.first().message;
}

FieldErrors validateMembershipAccount(const OnboardingDraft &draft)
{
    FieldErrors errors;
    if (draft.accountChoice == MembershipAccountChoice::DelegatedAdministrator) {
        domain::checkAccountId(
            draft.delegatedAdministratorId, u"delegatedAdministratorId"_s, errors);
        if (errors.isEmpty() && !draft.delegatedAdministratorRegistered)
            errors.append({u"delegatedAdministratorId"_s,
                QObject::tr("Account %1 is not yet the delegated administrator for Security "
                            "Incident Response; register it (or choose the signed-in account).")
                    .arg(draft.delegatedAdministratorId)});
    } else if (draft.signedInAccountId.isEmpty()) {
        errors.append({u"signedInAccountId"_s,
            QObject::tr("The signed-in account is not known yet; check the credentials on the "
                        "first page.")});
    }
    return errors;
}

FieldErrors validateRegion(const OnboardingDraft &draft)
{
    FieldErrors errors;
    if (!domain::isAwsRegion(draft.region))
        errors.append({u"region"_s,
            QObject::tr("Region must be one of the %1 Regions Security Incident Response "
                        "supports; \"%2\" is not.")
                .arg(domain::awsRegions().size())
                .arg(draft.region)});
    return errors;
}

FieldErrors validateScope(const OnboardingDraft &draft)
{
    FieldErrors errors;
    if (draft.coverEntireOrganization)
        return errors;
    if (draft.organizationalUnits.isEmpty())
        errors.append({u"organizationalUnits"_s,
            QObject::tr("Pick at least one organisational unit, or cover the whole "
                        "organisation.")});
    for (qsizetype i = 0; i < draft.organizationalUnits.size(); ++i)
        domain::checkOrganizationalUnitId(draft.organizationalUnits.at(i),
            u"organizationalUnits["_s + QString::number(i) + u']', errors);
    return errors;
}

FieldErrors validateResponder(const domain::IncidentResponder &responder,
    const QList<domain::IncidentResponder> &team, int index)
{
    FieldErrors errors;
    domain::checkIncidentResponder(responder, QString(), errors);
    for (auto &e : errors)
        if (e.field.startsWith(u'.'))
            e.field.remove(0, 1);
    const QString email = responder.email.trimmed().toLower();
    for (qsizetype i = 0; i < team.size(); ++i) {
        if (i != index && team.at(i).email.trimmed().toLower() == email && !email.isEmpty()) {
            errors.append({u"email"_s,
                QObject::tr("%1 is already on the team (responder %2); each responder needs "
                            "their own e-mail address.")
                    .arg(responder.email)
                    .arg(i + 1)});
            break;
        }
    }
    return errors;
}

FieldErrors validateTeam(const OnboardingDraft &draft)
{
    FieldErrors errors;
    domain::checkIncidentResponseTeam(draft.team, u"team"_s, errors);
    for (qsizetype i = 0; i < draft.team.size(); ++i)
        for (qsizetype j = 0; j < i; ++j)
            if (draft.team.at(i).email.trimmed().compare(
                    draft.team.at(j).email.trimmed(), Qt::CaseInsensitive)
                == 0)
                errors.append({u"team["_s + QString::number(i) + u"].email"_s,
                    QObject::tr("Responders %1 and %2 have the same e-mail address.")
                        .arg(j + 1)
                        .arg(i + 1)});
    return errors;
}

FieldErrors validateNameAndTags(const OnboardingDraft &draft)
{
    FieldErrors errors;
    domain::checkMembershipName(draft.membershipName.trimmed(), u"membershipName"_s, errors);
    domain::checkTags(draft.tags, u"tags"_s, errors);
    return errors;
}

FieldErrors validatePermissions(const OnboardingDraft &draft)
{
    FieldErrors errors;
    if (!draft.consent)
        errors.append({u"consent"_s,
            QObject::tr("Tick the box to confirm you allow these permissions; Security "
                        "Incident Response cannot work without them.")});
    return errors;
}

FieldErrors validateDraft(const OnboardingDraft &draft)
{
    return validateMembershipAccount(draft) + validateRegion(draft) + validateScope(draft)
        + validateTeam(draft) + validateNameAndTags(draft) + validatePermissions(draft);
}

QString firstMessage(const FieldErrors &errors, const QString &field)
{
    for (const FieldError &e : errors)
        if (e.field == field || e.field.startsWith(field + u'.')
            || e.field.startsWith(field + u'['))
            return e.message;
    return {};
}

} // namespace warroom::onboarding
