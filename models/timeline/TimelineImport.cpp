#include "timeline/TimelineImport.h"

#include "timeline/TimelineChain.h"
#include "timeline/TimelineEntryText.h"

#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace warroom::timeline {

namespace {

QString sameKey(qint64 occurredMs, const QString &text)
{
    return QString::number(occurredMs) + u'\n' + text;
}

} // namespace

TimelineImport::Plan TimelineImport::prepare(
    store::Database &database, const QString &caseId, const QByteArray &csv)
{
    Plan plan;
    const TimelineCsv read = TimelineChain::readCsv(csv);
    plan.problems = read.problems;
    plan.records = int(read.entries.size()) + int(read.problems.size());
    if (!plan.problems.isEmpty())
        return plan;
    if (read.entries.isEmpty()) {
        plan.problems.append(u"The file holds no timeline entries."_s);
        return plan;
    }
    QHash<qint64, int> lineOfSeq;
    for (qsizetype i = 0; i < read.entries.size(); ++i) {
        const TimelineEntry &entry = read.entries.at(i);
        if (entry.caseId != read.entries.first().caseId)
            plan.problems.append(u"Line %1: the entry is of case %2, the file's first of case %3 "
                                 "(a timeline export holds one case)."_s.arg(read.lines.at(i))
                                     .arg(entry.caseId, read.entries.first().caseId));
        lineOfSeq.insert(entry.seq, read.lines.at(i));
    }
    if (!plan.problems.isEmpty())
        return plan;
    // An export is a whole chain: one changed after export is refused, naming the entry.
    const ChainVerification verification = TimelineChain::verifyEntries(read.entries);
    if (!verification.ok) {
        plan.problems.append(u"Line %1: %2 The file was changed after it was exported."_s
                                 .arg(lineOfSeq.value(verification.firstBadSeq))
                                 .arg(verification.problem));
        return plan;
    }

    // What the case has already: the same entries (a re-import of its own export) and
    // analyst entries with the same time and text (an earlier import of this file).
    QString error;
    const QList<TimelineEntry> existing = TimelineChain(database).entries(caseId, &error);
    if (!error.isEmpty()) {
        plan.problems.append(u"The case's timeline could not be read: %1"_s.arg(error));
        return plan;
    }
    QSet<QString> hashes;
    QSet<QString> analystKeys;
    for (const TimelineEntry &entry : existing) {
        hashes.insert(entry.hash);
        if (entry.kind == u"analyst"_s && entry.occurredAt.isValid())
            analystKeys.insert(sameKey(
                entry.occurredAt.toMSecsSinceEpoch(), entry.payload.value(u"text"_s).toString()));
    }
    for (const TimelineEntry &entry : read.entries) {
        if (hashes.contains(entry.hash)) {
            ++plan.alreadyThere;
            continue;
        }
        AnalystNote note;
        note.occurredAt = entry.occurredAt.isValid() ? entry.occurredAt : entry.recordedAt;
        if (const auto offset = entrytext::occurredOffset(entry.payload))
            note.occurredOffset = *offset;
        const QString text = entrytext::text(entry.kind, entry.payload).trimmed();
        note.text = entry.kind == u"analyst"_s
            ? text
            : u"%1: %2"_s.arg(entrytext::kindTitle(entry.kind),
                text.isEmpty() ? entrytext::kindTitle(entry.kind) : text);
        if (note.text.isEmpty())
            note.text = entrytext::kindTitle(entry.kind);
        note.text = note.text.left(TimelineMarkers::MaxAnalystText);
        if (analystKeys.contains(sameKey(note.occurredAt.toMSecsSinceEpoch(), note.text))) {
            ++plan.alreadyThere;
            continue;
        }
        analystKeys.insert(sameKey(note.occurredAt.toMSecsSinceEpoch(), note.text));
        plan.notes.append(note);
    }
    return plan;
}

} // namespace warroom::timeline
