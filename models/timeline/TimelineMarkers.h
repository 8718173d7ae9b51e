#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace warroom::timeline {

// An analyst's timeline entry as it travels in a comment.
struct AnalystNote
{
    QDateTime occurredAt; // UTC; invalid when the analyst gave no time
    int occurredOffset = 0; // seconds east of UTC of the time the analyst gave
    QString text;
};

// A chain head as posted to the case in a comment.
struct PostedHead
{
    QString head; // SHA-256 hex of the entry at lastSeq
    qint64 lastSeq = 0;
    int entries = 0;
    // The workspace whose chain it is (each console's chain is its own: recorded
    // times differ), so only that workspace checks it against its chain.
    QString workspace;
};

// The comment bodies that carry timeline data through any backend (AWS keeps only
// comments): a first line "[warroom-timeline <type> v1] <compact JSON>" that the
// console reads back, then a sentence for people reading the case elsewhere.
class TimelineMarkers final
{
public:
    static constexpr int MaxAnalystText = 4000;

    static QString analystComment(const AnalystNote &note);
    static std::optional<AnalystNote> parseAnalyst(const QString &body);

    static QString chainHeadComment(const PostedHead &head);
    static std::optional<PostedHead> parseChainHead(const QString &body);
};

} // namespace warroom::timeline
