#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QVariant>

// Conversions between domain values and SQLite columns, shared by the repositories.
namespace warroom::store::sql {

// Epoch seconds: an integer for whole seconds, a real when milliseconds are set;
// NULL for an invalid (absent) time.
QVariant timeValue(const QDateTime &time);
QDateTime timeFromValue(const QVariant &value);

QString jsonText(const QJsonArray &array);
QString jsonText(const QJsonObject &object);
QJsonArray jsonArray(const QVariant &text);
QJsonObject jsonObject(const QVariant &text);

// Text for a NOT NULL column: a null QString binds as NULL, so it becomes "".
QVariant text(const QString &text);

// A NULL for an empty string, so optional text columns stay NULL.
QVariant textOrNull(const QString &text);

} // namespace warroom::store::sql
