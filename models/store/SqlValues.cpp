#include "SqlValues.h"

#include "domain/JsonTime.h"

#include <QJsonDocument>

namespace warroom::store::sql {

using namespace Qt::StringLiterals;

QVariant timeValue(const QDateTime &time)
{
    if (!time.isValid())
        return QVariant(QMetaType::fromType<qint64>());
    const qint64 ms = time.toMSecsSinceEpoch();
    if (ms % 1000 == 0)
        return QVariant::fromValue(ms / 1000);
    return QVariant::fromValue(static_cast<double>(ms) / 1000.0);
}

QDateTime timeFromValue(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return {};
    if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
        return QDateTime::fromMSecsSinceEpoch(value.toLongLong() * 1000, Qt::UTC);
    return domain::fromEpochSeconds(value.toDouble());
}

QString jsonText(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonArray jsonArray(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).array();
}

QJsonObject jsonObject(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

QVariant text(const QString &text)
{
    static const QString empty(u""_s);
    return text.isNull() ? QVariant(empty) : QVariant(text);
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace warroom::store::sql
