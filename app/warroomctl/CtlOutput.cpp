#include "CtlOutput.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace warroom::ctl {

namespace {

bool isTimestampKey(const QString &key)
{
    return key.endsWith(u"Date"_s) || key.endsWith(u"Timestamp"_s) || key == u"lastUpdated"_s
        || key == u"submittedAt"_s;
}

QString cell(const QString &key, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        if (isTimestampKey(key))
            return QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble() * 1000.0), Qt::UTC)
                .toString(Qt::ISODate);
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::Bool:
        return value.toBool() ? u"True"_s : u"False"_s;
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &element : value.toArray())
            parts << (element.isString() ? element.toString()
                                         : QString::fromUtf8(QJsonDocument(QJsonArray {element})
                                                                 .toJson(QJsonDocument::Compact)
                                                                 .mid(1)
                                                                 .chopped(1)));
        return parts.join(u", "_s);
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        return QString();
    }
}

QString render(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths(header.size(), 0);
    for (qsizetype c = 0; c < header.size(); ++c)
        widths[c] = header.at(c).size();
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    }
    auto line = [&](const QStringList &row) -> QString {
        QString text;
        for (qsizetype c = 0; c < header.size(); ++c) {
            const QString value = row.value(c);
            text += c + 1 < header.size() ? value.leftJustified(widths[c] + 2, u' ') : value;
        }
        return text + u'\n';
    };
    QString text = line(header);
    QStringList rule;
    for (const qsizetype width : widths)
        rule << QString(width, u'-');
    text += line(rule);
    for (const QStringList &row : rows)
        text += line(row);
    return text;
}

} // namespace

QString formatJson(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
}

QString formatTable(const QJsonObject &json)
{
    // A list of objects is the table; the scalars around it (total, nextToken) follow.
    QString listKey;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QJsonArray array = it.value().toArray();
        if (it.value().isArray() && (array.isEmpty() || array.first().isObject())) {
            listKey = it.key();
            break;
        }
    }
    QString text;
    if (!listKey.isEmpty()) {
        QStringList columns;
        const QJsonArray array = json.value(listKey).toArray();
        for (const QJsonValue &element : array) {
            const QJsonObject object = element.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (!columns.contains(it.key()))
                    columns << it.key();
            }
        }
        // The identifier first, as people read a table.
        std::stable_sort(columns.begin(), columns.end(), [](const QString &a, const QString &b) {
            return a.endsWith(u"Id"_s) && !b.endsWith(u"Id"_s);
        });
        QList<QStringList> rows;
        for (const QJsonValue &element : array) {
            const QJsonObject object = element.toObject();
            QStringList row;
            for (const QString &column : columns)
                row << cell(column, object.value(column));
            rows << row;
        }
        if (columns.isEmpty())
            text += u"(no %1)\n"_s.arg(listKey);
        else
            text += render(columns, rows);
    }
    QList<QStringList> rows;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() != listKey)
            rows << QStringList {it.key(), cell(it.key(), it.value())};
    }
    if (!rows.isEmpty()) {
        if (!text.isEmpty())
            text += u'\n';
        text += render({u"Field"_s, u"Value"_s}, rows);
    }
    return text;
}

} // namespace warroom::ctl
