#pragma once

#include "FieldError.h"

class QJsonObject;

// Finding codec with Warroom's own camelCase names (the Finding member names).
// rawJson travels as the UTF-8 text member "rawJson" so it round-trips byte for byte.
namespace warroom::domain {

struct Finding;

QJsonObject toJson(const Finding &value);
bool fromJson(const QJsonObject &json, Finding &out, FieldErrors *errors = nullptr,
    const QString &path = QString());

} // namespace warroom::domain
