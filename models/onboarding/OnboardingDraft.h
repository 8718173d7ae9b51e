#pragma once

#include "domain/FieldError.h"
#include "domain/Membership.h"
#include "domain/MembershipRequests.h"

#include <QtCore/QJsonObject>
#include <QtCore/QMap>
#include <QtCore/QStringList>

// Everything the onboarding wizard collects, shared by all its pages, plus what a
// sign-up run has already done (so running it again resumes instead of repeating).
namespace warroom::onboarding {

enum class MembershipAccountChoice { DelegatedAdministrator, SignedInAccount };

// How far a containment action is pre-authorised. Recorded locally only: the
// security-ir API has no field for it.
enum class ContainmentPreference { NotAuthorised, AskEachTime, PreAuthorised };

struct ContainmentAction final
{
    QString key; // "ec2", "iam", "s3"
    QString title; // "Isolate an EC2 instance"
    QString runbook; // "AWSSupport-ContainEC2Instance"
};
// The actions the containment role and its SSM runbooks offer.
QList<ContainmentAction> containmentActions();
QString toString(ContainmentPreference preference);

struct OnboardingDraft final
{
    // Page 2: the membership account.
    MembershipAccountChoice accountChoice = MembershipAccountChoice::DelegatedAdministrator;
    QString delegatedAdministratorId; // 12 digits
    QString signedInAccountId; // from STS, not typed
    bool delegatedAdministratorRegistered = false;

    // Page 3.
    QString region;

    // Page 4.
    bool coverEntireOrganization = true;
    QStringList organizationalUnits; // ou-... picked in the tree
    QMap<QString, QString> organizationalUnitNames; // id -> name, for the summary

    // Page 5.
    QList<domain::IncidentResponder> team;

    // Page 6.
    QString membershipName;
    domain::Tags tags;

    // Page 7.
    bool triageOptIn = true;
    bool consent = false;

    // Page 8 (optional).
    bool containmentConfigured = false;
    QMap<QString, ContainmentPreference> containment; // ContainmentAction::key -> level

    // What the sign-up has done so far.
    QString clientToken; // one per draft: a repeated CreateMembership is not repeated
    QString membershipId;
    QStringList organizationalUnitsAdded;

    QString membershipAccountId() const;
    domain::CreateMembershipRequest createRequest() const;
    // The OUs still to add, in batches of at most five (one UpdateMembership each).
    QList<QStringList> pendingOrganizationalUnitBatches() const;

    QJsonObject toJson() const;
    static OnboardingDraft fromJson(const QJsonObject &json);
};

// Field paths of the wizard: "delegatedAdministratorId", "region", "organizationalUnits",
// "team", "team[1].email", "membershipName", "tags[\"k\"]", "consent".
domain::FieldErrors validateMembershipAccount(const OnboardingDraft &draft);
domain::FieldErrors validateRegion(const OnboardingDraft &draft);
domain::FieldErrors validateScope(const OnboardingDraft &draft);
domain::FieldErrors validateTeam(const OnboardingDraft &draft);
domain::FieldErrors validateNameAndTags(const OnboardingDraft &draft);
domain::FieldErrors validatePermissions(const OnboardingDraft &draft);
domain::FieldErrors validateDraft(const OnboardingDraft &draft);

// A 12-digit account ID, with the model's message; empty when valid.
QString accountIdError(const QString &accountId);
// One responder (name 3-50, job title 1-50, e-mail 6-254 + pattern), and the e-mail
// not already used by another responder in `team` (at `index`, -1 for a new one).
domain::FieldErrors validateResponder(const domain::IncidentResponder &responder,
    const QList<domain::IncidentResponder> &team, int index);
// The first message for `field` (or for a path under it), empty when none.
QString firstMessage(const domain::FieldErrors &errors, const QString &field);

// Splits `ids` into consecutive batches of at most `size`.
QList<QStringList> batches(const QStringList &ids, int size);

} // namespace warroom::onboarding
