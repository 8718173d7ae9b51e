#include "timeline/TimelineEntryText.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QObject>

using namespace Qt::StringLiterals;

namespace warroom::timeline::entrytext {

namespace {

QString firstString(const QJsonObject &payload, std::initializer_list<QString> keys)
{
    for (const QString &key : keys) {
        const QJsonValue value = payload.value(key);
        if (value.isString() && !value.toString().isEmpty())
            return value.toString();
    }
    return {};
}

} // namespace

const QStringList &knownKinds()
{
    static const QStringList kinds {u"analyst"_s, u"status"_s, u"caseEdit"_s, u"comment"_s,
        u"attachment"_s, u"investigation"_s, u"finding"_s, u"chainHead"_s};
    return kinds;
}

int kindRank(const QString &kind)
{
    const auto index = knownKinds().indexOf(kind);
    return index >= 0 ? int(index) : int(knownKinds().size());
}

QString kindTitle(const QString &kind)
{
    if (kind == u"analyst")
        return QObject::tr("Analyst entry");
    if (kind == u"status")
        return QObject::tr("Status");
    if (kind == u"caseEdit")
        return QObject::tr("Case edit");
    if (kind == u"comment")
        return QObject::tr("Comment");
    if (kind == u"attachment")
        return QObject::tr("Attachment");
    if (kind == u"investigation")
        return QObject::tr("Investigation");
    if (kind == u"finding")
        return QObject::tr("Finding");
    if (kind == u"chainHead")
        return QObject::tr("Chain head");
    return kind;
}

QString author(const QJsonObject &payload)
{
    return firstString(payload,
        {u"author"_s, u"principal"_s, u"creator"_s, u"createdBy"_s, u"lastUpdatedBy"_s, u"by"_s});
}

QString text(const QString &kind, const QJsonObject &payload)
{
    const QString found = firstString(payload,
        {u"text"_s, u"message"_s, u"body"_s, u"summary"_s, u"title"_s, u"fileName"_s,
            u"content"_s});
    if (!found.isEmpty())
        return found;
    if (payload.isEmpty())
        return kindTitle(kind);
    return QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

std::optional<int> occurredOffset(const QJsonObject &payload)
{
    const QJsonValue value = payload.value(u"occurredOffset"_s);
    if (!value.isDouble())
        return std::nullopt;
    return value.toInt();
}

QString offsetName(int offsetSeconds)
{
    if (offsetSeconds == 0)
        return u"UTC"_s;
    const int minutes = qAbs(offsetSeconds) / 60;
    const QString sign = offsetSeconds < 0 ? u"-"_s : u"+"_s;
    return u"UTC"_s + sign
        + u"%1:%2"_s.arg(minutes / 60, 2, 10, QChar(u'0')).arg(minutes % 60, 2, 10, QChar(u'0'));
}

} // namespace warroom::timeline::entrytext
