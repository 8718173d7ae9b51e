#pragma once

#include <QtCore/QDateTime>
#include <QtCore/QJsonValue>

#include <optional>

// Timestamps on the wire: epoch SECONDS as a JSON number. Whole seconds are written as
// an integer, anything else as a fraction (millisecond precision); input may be either.
namespace warroom::domain {

QJsonValue timestampToJson(const QDateTime &time);
// std::nullopt when the value is not a finite number in years 1..9999.
std::optional<QDateTime> timestampFromJson(const QJsonValue &value);
// Fractional epoch seconds -> UTC QDateTime (rounded to the millisecond).
QDateTime fromEpochSeconds(double seconds);

} // namespace warroom::domain
