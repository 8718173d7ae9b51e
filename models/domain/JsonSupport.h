#pragma once

// Internal to warroom_domain: helpers the codecs share. Not for other layers.

#include "Enums.h"
#include "FieldError.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonValue>
#include <QtCore/QLatin1String>
#include <QtCore/QMap>
#include <QtCore/QStringList>

#include <optional>

namespace warroom::domain::json {

QString joinPath(const QString &path, QLatin1String key);
QString indexPath(const QString &path, qsizetype index);
// "a number", "a list", ... for messages.
QString describe(const QJsonValue &value);
QString quotedList(const QStringList &values);

// Reads members of one object, recording type problems as FieldErrors.
// Absent and null members read as absent.
class Reader final
{
public:
    Reader(const QJsonObject &json, const QString &path, FieldErrors *errors);

    bool ok() const { return m_ok; }
    QString path(QLatin1String key) const { return joinPath(m_path, key); }
    void fail(const QString &field, const QString &message);
    FieldErrors *errors() const { return m_errors; }

    std::optional<QString> optionalString(QLatin1String key);
    QString string(QLatin1String key) { return optionalString(key).value_or(QString()); }
    std::optional<bool> optionalBool(QLatin1String key);
    std::optional<qint64> optionalInt64(QLatin1String key);
    std::optional<double> optionalDouble(QLatin1String key);
    QDateTime timestamp(QLatin1String key);
    std::optional<QStringList> optionalStringList(QLatin1String key);
    QStringList stringList(QLatin1String key)
    {
        return optionalStringList(key).value_or(QStringList());
    }
    std::optional<QMap<QString, QString>> optionalStringMap(QLatin1String key);
    QMap<QString, QString> stringMap(QLatin1String key)
    {
        return optionalStringMap(key).value_or(QMap<QString, QString>());
    }
    // An AwsRegion kept as text; an unknown name is reported.
    QString region(QLatin1String key);

    // A present JSON object member, or nullopt (absent, or reported when of another type).
    std::optional<QJsonObject> optionalObject(QLatin1String key);
    std::optional<QJsonArray> optionalArray(QLatin1String key);

    // Enum member by its API string, using fromString<E>().
    template<typename E> std::optional<E> enumValue(QLatin1String key)
    {
        const auto text = optionalString(key);
        if (!text)
            return std::nullopt;
        if (auto value = fromString<E>(*text))
            return value;
        failUnknown(path(key), *text, enumStrings<E>());
        return std::nullopt;
    }

    // List of objects, each decoded with fromJson(obj, T&, errors, path).
    template<typename T> std::optional<QList<T>> optionalObjectList(QLatin1String key)
    {
        const auto array = optionalArray(key);
        if (!array)
            return std::nullopt;
        QList<T> items;
        items.reserve(array->size());
        const QString base = path(key);
        for (qsizetype i = 0; i < array->size(); ++i) {
            const QJsonValue v = array->at(i);
            const QString itemPath = indexPath(base, i);
            if (!v.isObject()) {
                fail(itemPath, QStringLiteral("Must be an object, not %1.").arg(describe(v)));
                continue;
            }
            T item;
            if (!fromJson(v.toObject(), item, m_errors, itemPath))
                m_ok = false;
            items.append(item);
        }
        return items;
    }
    template<typename T> QList<T> objectList(QLatin1String key)
    {
        return optionalObjectList<T>(key).value_or(QList<T>());
    }

    // List of enum strings.
    template<typename E> QList<E> enumList(QLatin1String key)
    {
        QList<E> values;
        const auto array = optionalArray(key);
        if (!array)
            return values;
        const QString base = path(key);
        for (qsizetype i = 0; i < array->size(); ++i) {
            const QJsonValue v = array->at(i);
            const QString itemPath = indexPath(base, i);
            if (!v.isString()) {
                fail(itemPath, QStringLiteral("Must be text, not %1.").arg(describe(v)));
                continue;
            }
            if (auto value = fromString<E>(v.toString()))
                values.append(*value);
            else
                failUnknown(itemPath, v.toString(), enumStrings<E>());
        }
        return values;
    }

    // Sub-object decoded with fromJson(obj, T&, errors, path).
    template<typename T> std::optional<T> nested(QLatin1String key)
    {
        const auto object = optionalObject(key);
        if (!object)
            return std::nullopt;
        T value;
        if (!fromJson(*object, value, m_errors, path(key)))
            m_ok = false;
        return value;
    }

    void failUnknown(const QString &field, const QString &text, const QStringList &expected);

private:
    template<typename E> static QStringList enumStrings()
    {
        QStringList names;
        for (E value : allValues<E>())
            names.append(toString(value));
        return names;
    }

    QJsonValue member(QLatin1String key) const;

    const QJsonObject &m_json;
    QString m_path;
    FieldErrors *m_errors;
    bool m_ok = true;
};

// Writers: an absent value (empty string, invalid time, nullopt, empty list) is omitted.
void putString(QJsonObject &json, QLatin1String key, const QString &value);
void putTime(QJsonObject &json, QLatin1String key, const QDateTime &value);
void putStringList(QJsonObject &json, QLatin1String key, const QStringList &value);
void putStringMap(QJsonObject &json, QLatin1String key, const QMap<QString, QString> &value);
QJsonArray stringArray(const QStringList &value);
QJsonObject stringMapObject(const QMap<QString, QString> &value);

template<typename E>
void putEnum(QJsonObject &json, QLatin1String key, const std::optional<E> &value)
{
    if (value)
        json.insert(key, toString(*value));
}

template<typename T> QJsonArray objectArray(const QList<T> &values)
{
    QJsonArray array;
    for (const T &value : values)
        array.append(toJson(value));
    return array;
}

template<typename T> void putObjects(QJsonObject &json, QLatin1String key, const QList<T> &values)
{
    if (!values.isEmpty())
        json.insert(key, objectArray(values));
}

} // namespace warroom::domain::json
