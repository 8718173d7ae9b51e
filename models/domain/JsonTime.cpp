#include "JsonTime.h"

#include <cmath>

namespace warroom::domain {
namespace {
// 0001-01-01 and 9999-12-31T23:59:59 in epoch seconds.
constexpr double kMinSeconds = -62135596800.0;
constexpr double kMaxSeconds = 253402300799.0;
} // namespace

QDateTime fromEpochSeconds(double seconds)
{
    return QDateTime::fromMSecsSinceEpoch(std::llround(seconds * 1000.0), Qt::UTC);
}

QJsonValue timestampToJson(const QDateTime &time)
{
    if (!time.isValid())
        return QJsonValue(QJsonValue::Undefined);
    const qint64 ms = time.toMSecsSinceEpoch();
    if (ms % 1000 == 0)
        return QJsonValue(ms / 1000);
    return QJsonValue(static_cast<double>(ms) / 1000.0);
}

std::optional<QDateTime> timestampFromJson(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double seconds = value.toDouble();
    if (!std::isfinite(seconds) || seconds < kMinSeconds || seconds > kMaxSeconds)
        return std::nullopt;
    return fromEpochSeconds(seconds);
}

} // namespace warroom::domain
