#include "timeline/TimelineMarkers.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace warroom::timeline {

namespace {

const QString AnalystPrefix = u"[warroom-timeline analyst v1] "_s;
const QString ChainHeadPrefix = u"[warroom-timeline chain-head v1] "_s;

QString markedBody(const QString &prefix, const QJsonObject &data, const QString &sentence)
{
    return prefix + QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact))
        + u"\n\n"_s + sentence;
}

std::optional<QJsonObject> markedData(const QString &prefix, const QString &body)
{
    if (!body.startsWith(prefix))
        return std::nullopt;
    const qsizetype end = body.indexOf(u'\n');
    const QString json = body.mid(prefix.size(), end < 0 ? -1 : end - prefix.size());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

QString TimelineMarkers::analystComment(const AnalystNote &note)
{
    QJsonObject data {{u"text"_s, note.text.left(MaxAnalystText)}};
    QString when;
    if (note.occurredAt.isValid()) {
        const QDateTime local = note.occurredAt.toOffsetFromUtc(note.occurredOffset);
        when = local.toString(Qt::ISODate);
        data.insert(u"occurredAt"_s, when);
    }
    const QString sentence = when.isEmpty()
        ? u"Timeline entry: %1"_s.arg(note.text.left(MaxAnalystText))
        : u"Timeline entry (happened %1): %2"_s.arg(when, note.text.left(MaxAnalystText));
    return markedBody(AnalystPrefix, data, sentence);
}

std::optional<AnalystNote> TimelineMarkers::parseAnalyst(const QString &body)
{
    const auto data = markedData(AnalystPrefix, body);
    if (!data || !data->value(u"text"_s).isString())
        return std::nullopt;
    AnalystNote note;
    note.text = data->value(u"text"_s).toString();
    const QString when = data->value(u"occurredAt"_s).toString();
    if (!when.isEmpty()) {
        const QDateTime parsed = QDateTime::fromString(when, Qt::ISODateWithMs);
        if (!parsed.isValid())
            return std::nullopt;
        note.occurredOffset = parsed.offsetFromUtc();
        note.occurredAt = parsed.toUTC();
    }
    return note;
}

QString TimelineMarkers::chainHeadComment(const PostedHead &head)
{
    const QJsonObject data {{u"head"_s, head.head}, {u"lastSeq"_s, head.lastSeq},
        {u"entries"_s, head.entries}, {u"workspace"_s, head.workspace}};
    return markedBody(ChainHeadPrefix, data,
        u"Timeline chain head of this case: %1 (%2 entries, last entry %3). Posted by Warroom "
        "so that the backend's timestamp vouches for the timeline up to that entry."_s
            .arg(head.head)
            .arg(head.entries)
            .arg(head.lastSeq));
}

std::optional<PostedHead> TimelineMarkers::parseChainHead(const QString &body)
{
    const auto data = markedData(ChainHeadPrefix, body);
    if (!data)
        return std::nullopt;
    PostedHead head;
    head.head = data->value(u"head"_s).toString();
    head.lastSeq = data->value(u"lastSeq"_s).toInteger();
    head.entries = data->value(u"entries"_s).toInt();
    head.workspace = data->value(u"workspace"_s).toString();
    if (head.head.size() != 64 || head.lastSeq <= 0)
        return std::nullopt;
    return head;
}

} // namespace warroom::timeline
