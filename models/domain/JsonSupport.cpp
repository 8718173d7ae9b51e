#include "JsonSupport.h"

#include "AwsRegion.h"
#include "JsonTime.h"

#include <cmath>

namespace warroom::domain::json {

QString joinPath(const QString &path, QLatin1String key)
{
    if (path.isEmpty())
        return QString(key);
    return path + QLatin1Char('.') + key;
}

QString indexPath(const QString &path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true or false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("text");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString quotedList(const QStringList &values)
{
    QStringList quoted;
    quoted.reserve(values.size());
    for (const QString &v : values)
        quoted.append(QLatin1Char('"') + v + QLatin1Char('"'));
    return quoted.join(QStringLiteral(", "));
}

Reader::Reader(const QJsonObject &json, const QString &path, FieldErrors *errors)
    : m_json(json)
    , m_path(path)
    , m_errors(errors)
{
}

void Reader::fail(const QString &field, const QString &message)
{
    m_ok = false;
    if (m_errors)
        m_errors->append(FieldError {field, message});
}

void Reader::failUnknown(const QString &field, const QString &text, const QStringList &expected)
{
    fail(field,
        QStringLiteral("Unknown value \"%1\"; expected one of %2.")
            .arg(text, quotedList(expected)));
}

QJsonValue Reader::member(QLatin1String key) const
{
    return m_json.value(key);
}

std::optional<QString> Reader::optionalString(QLatin1String key)
{
    const QJsonValue v = member(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString()) {
        fail(path(key), QStringLiteral("Must be text, not %1.").arg(describe(v)));
        return std::nullopt;
    }
    return v.toString();
}

std::optional<bool> Reader::optionalBool(QLatin1String key)
{
    const QJsonValue v = member(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isBool()) {
        fail(path(key), QStringLiteral("Must be true or false, not %1.").arg(describe(v)));
        return std::nullopt;
    }
    return v.toBool();
}

std::optional<qint64> Reader::optionalInt64(QLatin1String key)
{
    const QJsonValue v = member(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isDouble()) {
        fail(path(key), QStringLiteral("Must be a whole number, not %1.").arg(describe(v)));
        return std::nullopt;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > 9007199254740992.0) {
        fail(path(key), QStringLiteral("Must be a whole number, not %1.").arg(d));
        return std::nullopt;
    }
    return v.toInteger(static_cast<qint64>(d));
}

std::optional<double> Reader::optionalDouble(QLatin1String key)
{
    const QJsonValue v = member(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isDouble()) {
        fail(path(key), QStringLiteral("Must be a number, not %1.").arg(describe(v)));
        return std::nullopt;
    }
    return v.toDouble();
}

QDateTime Reader::timestamp(QLatin1String key)
{
    const QJsonValue v = member(key);
    if (v.isUndefined() || v.isNull())
        return QDateTime();
    if (auto time = timestampFromJson(v))
        return *time;
    if (v.isDouble()) {
        fail(path(key),
            QStringLiteral("Must be a time between the years 1 and 9999 in seconds "
                           "since 1970-01-01 UTC."));
    } else {
        fail(path(key),
            QStringLiteral("Must be a time in seconds since 1970-01-01 UTC (a "
                           "number), not %1.")
                .arg(describe(v)));
    }
    return QDateTime();
}

std::optional<QStringList> Reader::optionalStringList(QLatin1String key)
{
    const auto array = optionalArray(key);
    if (!array)
        return std::nullopt;
    QStringList values;
    values.reserve(array->size());
    const QString base = path(key);
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QJsonValue v = array->at(i);
        if (!v.isString()) {
            fail(indexPath(base, i), QStringLiteral("Must be text, not %1.").arg(describe(v)));
            continue;
        }
        values.append(v.toString());
    }
    return values;
}

std::optional<QMap<QString, QString>> Reader::optionalStringMap(QLatin1String key)
{
    const auto object = optionalObject(key);
    if (!object)
        return std::nullopt;
    QMap<QString, QString> values;
    const QString base = path(key);
    for (auto it = object->constBegin(); it != object->constEnd(); ++it) {
        if (!it.value().isString()) {
            fail(base + QLatin1Char('.') + it.key(),
                QStringLiteral("Must be text, not %1.").arg(describe(it.value())));
            continue;
        }
        values.insert(it.key(), it.value().toString());
    }
    return values;
}

QString Reader::region(QLatin1String key)
{
    const QString text = string(key);
    if (!text.isEmpty() && !isAwsRegion(text))
        failUnknown(path(key), text, awsRegions());
    return text;
}

std::optional<QJsonObject> Reader::optionalObject(QLatin1String key)
{
    const QJsonValue v = member(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isObject()) {
        fail(path(key), QStringLiteral("Must be an object, not %1.").arg(describe(v)));
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<QJsonArray> Reader::optionalArray(QLatin1String key)
{
    const QJsonValue v = member(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isArray()) {
        fail(path(key), QStringLiteral("Must be a list, not %1.").arg(describe(v)));
        return std::nullopt;
    }
    return v.toArray();
}

void putString(QJsonObject &json, QLatin1String key, const QString &value)
{
    if (!value.isEmpty())
        json.insert(key, value);
}

void putTime(QJsonObject &json, QLatin1String key, const QDateTime &value)
{
    if (value.isValid())
        json.insert(key, timestampToJson(value));
}

QJsonArray stringArray(const QStringList &value)
{
    return QJsonArray::fromStringList(value);
}

void putStringList(QJsonObject &json, QLatin1String key, const QStringList &value)
{
    if (!value.isEmpty())
        json.insert(key, stringArray(value));
}

QJsonObject stringMapObject(const QMap<QString, QString> &value)
{
    QJsonObject object;
    for (auto it = value.constBegin(); it != value.constEnd(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

void putStringMap(QJsonObject &json, QLatin1String key, const QMap<QString, QString> &value)
{
    if (!value.isEmpty())
        json.insert(key, stringMapObject(value));
}

} // namespace warroom::domain::json
