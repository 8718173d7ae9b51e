#pragma once

#include "FieldError.h"

class QJsonObject;

// JSON codecs with the API member names. toJson omits absent members (never null).
// fromJson fills `out` with everything it can read and appends one FieldError per
// member of the wrong type or with an unknown enum value (paths prefixed by `path`);
// it returns true when there was no problem. Required members and lengths are
// checked by Validation.h, not here.
namespace warroom::domain {

struct Watcher;
struct ThreatActorIp;
struct ImpactedRegion;
struct Attachment;
struct CaseMetadataEntry;
struct Case;
struct CaseSummary;
struct Comment;
struct CaseEdit;
struct CreateCaseRequest;
struct UpdateCaseRequest;

QJsonObject toJson(const Watcher &value);
QJsonObject toJson(const ThreatActorIp &value);
QJsonObject toJson(const ImpactedRegion &value);
QJsonObject toJson(const Attachment &value);
QJsonObject toJson(const CaseMetadataEntry &value);
QJsonObject toJson(const Case &value); // GetCase members + "caseId" + "tags"
QJsonObject toJson(const CaseSummary &value); // ListCasesItem
QJsonObject toJson(const Comment &value); // ListCommentsItem (+ "caseId" when set)
QJsonObject toJson(const CaseEdit &value); // CaseEditItem (+ "caseId" when set)
QJsonObject toJson(const CreateCaseRequest &value);
QJsonObject toJson(const UpdateCaseRequest &value); // body only: caseId is in the URI

bool fromJson(const QJsonObject &json, Watcher &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, ThreatActorIp &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, ImpactedRegion &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, Attachment &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, CaseMetadataEntry &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, Case &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, CaseSummary &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, Comment &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, CaseEdit &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, CreateCaseRequest &out, FieldErrors *errors = nullptr,
    const QString &path = QString());
bool fromJson(const QJsonObject &json, UpdateCaseRequest &out, FieldErrors *errors = nullptr,
    const QString &path = QString());

} // namespace warroom::domain
