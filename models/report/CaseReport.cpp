#include "report/CaseReport.h"

#include "domain/Enums.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "timeline/TimelineCollector.h"
#include "timeline/TimelineMarkers.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace warroom::report {

namespace {

QString orNone(const QString &text)
{
    return text.isEmpty() ? u"(none)"_s : text;
}

template<typename E> QString enumText(const std::optional<E> &value)
{
    return value ? domain::toString(*value) : QString();
}

QString utcText(const QDateTime &time)
{
    return time.isValid() ? CaseReport::formatTime(time, 0) : QString();
}

// Markdown: characters that would start emphasis, links, code or HTML are escaped.
QString md(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (QStringView(u"\\`*_[]<>|#").contains(c))
            out += u'\\';
        out += c;
    }
    return out;
}

QString html(const QString &text)
{
    return text.toHtmlEscaped();
}

// A hash in groups of 16, so a page can break it and a reader can compare it.
QString groupedHash(const QString &hash)
{
    QStringList groups;
    for (qsizetype i = 0; i < hash.size(); i += 16)
        groups.append(hash.mid(i, 16));
    return groups.join(u' ');
}

struct Section
{
    QString heading;
    QStringList lines; // label: value
};

} // namespace

std::optional<CaseReport> CaseReport::load(
    store::Database &database, const QString &caseId, QString *error)
{
    if (!database.write(
            [&](QSqlDatabase &connection, QString *e) {
                return timeline::TimelineCollector(connection).collect(caseId, e) >= 0;
            },
            error))
        return std::nullopt;
    QString readError;
    const auto value = store::CaseRepository(database.reader()).get(caseId, &readError);
    if (!value) {
        *error
            = readError.isEmpty() ? u"Case %1 is not in this workspace."_s.arg(caseId) : readError;
        return std::nullopt;
    }
    CaseReport report;
    report.m_case = *value;
    report.m_comments = store::CommentRepository(database.reader()).listForCase(caseId, &readError);
    const timeline::TimelineChain chain(database);
    report.m_entries = chain.entries(caseId, &readError);
    if (!readError.isEmpty()) {
        *error = readError;
        return std::nullopt;
    }
    report.m_verification = chain.verify(caseId);
    // A posted head's comment as the backend stamped it: the entry was appended with
    // the provisional comment, the backend's copy is named by another source key.
    QSqlQuery aliases(database.reader());
    aliases.prepare(u"SELECT source_key FROM timeline_sources WHERE case_id = ? AND seq = ?"_s);
    for (const timeline::TimelineEntry &entry : std::as_const(report.m_entries)) {
        if (entry.kind != u"chainHead"_s)
            continue;
        aliases.addBindValue(caseId);
        aliases.addBindValue(entry.seq);
        if (!aliases.exec())
            continue;
        while (aliases.next()) {
            const QString key = aliases.value(0).toString();
            if (!key.startsWith(u"comment:"_s) || key.count(u':') != 1)
                continue;
            const QString commentId = key.mid(8);
            for (const domain::Comment &comment : std::as_const(report.m_comments))
                if (comment.commentId == commentId && !commentId.startsWith(u"local-"_s))
                    report.m_backendStamps.insert(entry.seq, comment.createdDate);
        }
    }
    aliases.finish();
    QSqlDatabase reader = database.reader();
    report.m_workspaceId = timeline::TimelineChain::workspaceId(reader, false, &readError);
    report.m_generatedAt = QDateTime::currentDateTimeUtc();
    return report;
}

QString CaseReport::title() const
{
    return u"Post-incident report: %1"_s.arg(m_case.title);
}

QString CaseReport::kindLabel(const QString &kind)
{
    static const QHash<QString, QString> labels {{u"caseEdit"_s, u"Case edit"_s},
        {u"status"_s, u"Status"_s}, {u"comment"_s, u"Comment"_s},
        {u"attachment"_s, u"Attachment"_s}, {u"investigation"_s, u"Investigation"_s},
        {u"finding"_s, u"Finding"_s}, {u"analyst"_s, u"Analyst entry"_s},
        {u"chainHead"_s, u"Chain head"_s}};
    return labels.value(kind, kind);
}

QString CaseReport::formatTime(const QDateTime &time, int offsetSeconds)
{
    if (!time.isValid())
        return u"unknown"_s;
    const QDateTime shown = time.toOffsetFromUtc(offsetSeconds);
    const int minutes = std::abs(offsetSeconds) / 60;
    return shown.toString(u"yyyy-MM-dd HH:mm:ss"_s)
        + u" %1%2:%3"_s.arg(QChar(offsetSeconds < 0 ? u'-' : u'+'))
              .arg(minutes / 60, 2, 10, QChar(u'0'))
              .arg(minutes % 60, 2, 10, QChar(u'0'));
}

QString CaseReport::happenedText(const timeline::TimelineEntry &entry) const
{
    const QJsonValue given = entry.payload.value(u"occurredOffset"_s);
    const int offset = given.isDouble() ? given.toInt() : entry.payload.value(u"offset"_s).toInt();
    return formatTime(entry.occurredAt, offset);
}

QString CaseReport::recordedText(const timeline::TimelineEntry &entry) const
{
    const QString zone = entry.payload.value(u"zone"_s).toString();
    const QString time = formatTime(entry.recordedAt, entry.payload.value(u"offset"_s).toInt());
    return zone.isEmpty() ? time : u"%1 (%2)"_s.arg(time, zone);
}

QList<timeline::TimelineEntry> CaseReport::entriesByTime() const
{
    QList<timeline::TimelineEntry> sorted = m_entries;
    const auto when = [](const timeline::TimelineEntry &e) {
        return e.occurredAt.isValid() ? e.occurredAt : e.recordedAt;
    };
    std::stable_sort(sorted.begin(), sorted.end(),
        [&](const auto &a, const auto &b) { return when(a) < when(b); });
    return sorted;
}

QList<CaseReport::PostedHeadCheck> CaseReport::postedHeads() const
{
    QList<PostedHeadCheck> checks;
    for (const timeline::TimelineEntry &entry : m_entries) {
        if (entry.kind != u"chainHead"_s)
            continue;
        const qint64 lastSeq = entry.payload.value(u"lastSeq"_s).toInteger();
        const QString head = entry.payload.value(u"head"_s).toString();
        const auto covered = std::find_if(m_entries.cbegin(), m_entries.cend(),
            [&](const timeline::TimelineEntry &e) { return e.seq == lastSeq; });
        const QDateTime stamped = m_backendStamps.value(entry.seq);
        const bool ours = !m_workspaceId.isEmpty()
            && entry.payload.value(u"workspace"_s).toString() == m_workspaceId;
        checks.append({entry, covered != m_entries.cend() && covered->hash == head, ours,
            stamped.isValid()
                ? u"at %1 (the backend's timestamp)"_s.arg(utcText(stamped))
                : u"at %1 (this console's clock: not yet stamped by the backend)"_s.arg(
                    utcText(entry.occurredAt))});
    }
    return checks;
}

QString CaseReport::headVerdict(const PostedHeadCheck &check)
{
    if (!check.ours)
        return u"posted from another workspace, whose chain it covers; not checked here"_s;
    return check.matches ? u"matches this timeline"_s
                         : u"does NOT match this timeline: it changed after the head was posted"_s;
}

QList<domain::Comment> CaseReport::plainComments() const
{
    QList<domain::Comment> plain;
    for (const domain::Comment &comment : m_comments)
        if (!timeline::TimelineMarkers::parseAnalyst(comment.body)
            && !timeline::TimelineMarkers::parseChainHead(comment.body))
            plain.append(comment);
    std::stable_sort(plain.begin(), plain.end(),
        [](const auto &a, const auto &b) { return a.createdDate < b.createdDate; });
    return plain;
}

QStringList CaseReport::authors() const
{
    QStringList names;
    for (const timeline::TimelineEntry &entry : m_entries) {
        const QString author = entry.payload.value(u"author"_s).toString();
        if (!author.isEmpty() && !names.contains(author))
            names.append(author);
    }
    std::sort(names.begin(), names.end());
    return names;
}

QList<std::pair<QString, QString>> CaseReport::summaryFacts() const
{
    const domain::Case &c = m_case;
    const QList<std::pair<QString, QString>> all {{u"Engagement"_s, enumText(c.engagementType)},
        {u"Resolver"_s, enumText(c.resolverType)}, {u"Status"_s, enumText(c.caseStatus)},
        {u"Pending action"_s, enumText(c.pendingAction)},
        {u"Closure code"_s, enumText(c.closureCode)}, {u"Created"_s, utcText(c.createdDate)},
        {u"Reported incident start"_s, utcText(c.reportedIncidentStartDate)},
        {u"Actual incident start"_s, utcText(c.actualIncidentStartDate)},
        {u"Last updated"_s, utcText(c.lastUpdatedDate)}, {u"Closed"_s, utcText(c.closedDate)}};
    QList<std::pair<QString, QString>> facts;
    for (const auto &fact : all)
        if (!fact.second.isEmpty())
            facts.append(fact);
    return facts;
}

QList<std::pair<QString, QString>> CaseReport::scopeFacts() const
{
    const domain::Case &c = m_case;
    QStringList ips, regions;
    for (const auto &ip : c.threatActorIpAddresses)
        ips << (ip.userAgent.isEmpty() ? ip.ipAddress
                                       : u"%1 (%2)"_s.arg(ip.ipAddress, ip.userAgent));
    for (const auto &region : c.impactedAwsRegions)
        regions << region.region;
    return {{u"Impacted accounts"_s, orNone(c.impactedAccounts.join(u", "_s))},
        {u"Impacted Regions"_s, orNone(regions.join(u", "_s))},
        {u"Impacted services"_s, orNone(c.impactedServices.join(u", "_s))},
        {u"Threat actor IP addresses"_s, orNone(ips.join(u", "_s))}};
}

QStringList CaseReport::watcherLines() const
{
    QStringList lines;
    for (const auto &w : m_case.watchers) {
        QStringList parts {w.name, w.jobTitle, w.email};
        parts.removeAll(QString());
        lines.append(parts.join(u", "_s));
    }
    if (lines.isEmpty())
        lines.append(u"(none)"_s);
    return lines;
}

QString CaseReport::toMarkdown() const
{
    const domain::Case &c = m_case;
    QStringList out;
    out << u"# %1"_s.arg(md(title())) << QString();
    out << u"Case %1 · %2 · generated %3 by Warroom %4."_s.arg(md(c.caseId),
        md(orNone(enumText(c.caseStatus))), utcText(m_generatedAt),
        QCoreApplication::applicationVersion())
        << QString();

    out << u"## Summary"_s << QString() << md(orNone(c.description)) << QString();
    for (const auto &[label, value] : summaryFacts())
        out << u"- %1: %2"_s.arg(label, md(value));
    out << QString();

    out << u"## Scope"_s << QString();
    for (const auto &[label, value] : scopeFacts())
        out << u"- %1: %2"_s.arg(label, md(value));
    out << QString();

    out << u"## People"_s << QString() << u"Watchers:"_s << QString();
    for (const QString &watcher : watcherLines())
        out << u"- "_s + md(watcher);
    out << QString() << u"On the timeline: %1"_s.arg(md(orNone(authors().join(u", "_s))))
        << QString();

    out << u"## Timeline"_s << QString();
    out << u"%1 entries, in the order they happened. Times: when it happened, then when it "
           "was recorded (with the recording console's time zone)."_s.arg(m_entries.size())
        << QString();
    for (const timeline::TimelineEntry &entry : entriesByTime()) {
        const QString author = entry.payload.value(u"author"_s).toString();
        out << u"- **%1** · %2%3 — %4"_s.arg(happenedText(entry), kindLabel(entry.kind),
            author.isEmpty() ? QString() : u" · "_s + md(author),
            md(entry.payload.value(u"text"_s).toString()));
        out << u"  recorded %1 · entry %2"_s.arg(recordedText(entry)).arg(entry.seq);
    }
    out << QString();

    out << u"## Comments"_s << QString();
    const QList<domain::Comment> comments = plainComments();
    if (comments.isEmpty())
        out << u"(none)"_s << QString();
    for (const domain::Comment &comment : comments) {
        out << u"### %1 · %2"_s.arg(md(orNone(comment.creator)), utcText(comment.createdDate))
            << QString();
        for (const QString &line : comment.body.split(u'\n'))
            out << u"> "_s + md(line);
        out << QString();
    }

    out << u"## Chain head"_s << QString();
    if (m_verification.ok)
        out << u"The timeline verifies: %1 entries, head `%2`."_s.arg(m_verification.entries)
                   .arg(orNone(m_verification.head));
    else
        out << u"The timeline does NOT verify: %1"_s.arg(md(m_verification.problem));
    out << QString();
    const auto heads = postedHeads();
    if (heads.isEmpty())
        out << u"No chain head was posted to the case."_s;
    for (const PostedHeadCheck &check : heads)
        out << u"- Posted %1 by %2: `%3` over %4 entries — %5"_s
                   .arg(md(check.stamp),
                       md(orNone(check.entry.payload.value(u"author"_s).toString())),
                       check.entry.payload.value(u"head"_s).toString())
                   .arg(check.entry.payload.value(u"entries"_s).toInt())
                   .arg(headVerdict(check));
    out << QString();
    return out.join(u'\n');
}

QString CaseReport::toHtml() const
{
    const domain::Case &c = m_case;
    QString out = u"<html><head><meta charset=\"utf-8\"><title>%1</title></head><body>"_s.arg(
        html(title()));
    out += u"<h1>%1</h1>"_s.arg(html(title()));
    out += u"<p>Case %1 &middot; %2 &middot; generated %3 by Warroom %4.</p>"_s.arg(html(c.caseId),
        html(orNone(enumText(c.caseStatus))), utcText(m_generatedAt),
        html(QCoreApplication::applicationVersion()));

    out += u"<h2>Summary</h2><p>%1</p><table cellpadding=\"2\">"_s.arg(
        html(orNone(c.description)).replace(u"\n"_s, u"<br>"_s));
    for (const auto &[label, value] : summaryFacts())
        out += u"<tr><td><b>%1</b></td><td>%2</td></tr>"_s.arg(html(label), html(value));
    out += u"</table>"_s;

    out += u"<h2>Scope</h2><ul>"_s;
    for (const auto &[label, value] : scopeFacts())
        out += u"<li>%1: %2</li>"_s.arg(html(label), html(value));
    out += u"</ul><h2>People</h2><p>Watchers:</p><ul>"_s;
    for (const QString &watcher : watcherLines())
        out += u"<li>%1</li>"_s.arg(html(watcher));
    out += u"</ul><p>On the timeline: %1</p>"_s.arg(html(orNone(authors().join(u", "_s))));

    out += u"<h2>Timeline</h2><p>%1 entries, in the order they happened. Times: when it "
           "happened, then when it was recorded (with the recording console's time zone).</p>"_s
               .arg(m_entries.size());
    for (const timeline::TimelineEntry &entry : entriesByTime()) {
        const QString author = entry.payload.value(u"author"_s).toString();
        out += u"<p><b>%1</b> &middot; %2%3<br>%4<br><small>recorded %5 &middot; entry "
               "%6</small></p>"_s
                   .arg(html(happenedText(entry)), html(kindLabel(entry.kind)),
                       author.isEmpty() ? QString() : u" &middot; "_s + html(author),
                       html(entry.payload.value(u"text"_s).toString()), html(recordedText(entry)))
                   .arg(entry.seq);
    }

    out += u"<h2>Comments</h2>"_s;
    const QList<domain::Comment> comments = plainComments();
    if (comments.isEmpty())
        out += u"<p>(none)</p>"_s;
    for (const domain::Comment &comment : comments)
        out += u"<p><b>%1 &middot; %2</b><br>%3</p>"_s.arg(html(orNone(comment.creator)),
            html(utcText(comment.createdDate)), html(comment.body).replace(u"\n"_s, u"<br>"_s));

    out += u"<h2>Chain head</h2>"_s;
    if (m_verification.ok)
        out += u"<p>The timeline verifies: %1 entries, head:</p><p><tt>%2</tt></p>"_s
                   .arg(m_verification.entries)
                   .arg(html(orNone(groupedHash(m_verification.head))));
    else
        out += u"<p><b>The timeline does NOT verify:</b> %1</p>"_s.arg(
            html(m_verification.problem));
    const auto heads = postedHeads();
    if (heads.isEmpty())
        out += u"<p>No chain head was posted to the case.</p>"_s;
    for (const PostedHeadCheck &check : heads)
        out += u"<p>Posted %1 by %2 over %3 entries (%4):<br><tt>%5</tt></p>"_s
                   .arg(html(check.stamp),
                       html(orNone(check.entry.payload.value(u"author"_s).toString())))
                   .arg(check.entry.payload.value(u"entries"_s).toInt())
                   .arg(headVerdict(check),
                       html(groupedHash(check.entry.payload.value(u"head"_s).toString())));
    out += u"</body></html>"_s;
    return out;
}

} // namespace warroom::report
