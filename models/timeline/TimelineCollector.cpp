#include "timeline/TimelineCollector.h"

#include "timeline/TimelineChain.h"
#include "timeline/TimelineMarkers.h"

#include "domain/Case.h"
#include "domain/CaseEdit.h"
#include "domain/Comment.h"
#include "domain/Enums.h"
#include "store/CaseEditRepository.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/SqlValues.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace warroom::timeline {

namespace {

struct Candidate
{
    TimelineEntry entry;
    QStringList aliases; // further source keys naming the same entry
    QString foldAction; // an edit that may belong to a local change of this action
};

QString digest(const QString &text, int length = 40)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex().left(length));
}

QString firstLine(const QString &text, int limit = 200)
{
    QString line = text.section(u'\n', 0, 0).trimmed();
    if (line.size() > limit)
        line = line.left(limit - 1) + u'\u2026';
    return line;
}

// The status an edit moved the case to, when its message says so ("... to Containment").
QString statusOfEdit(const domain::CaseEdit &edit)
{
    if (edit.action == u"CloseCase"_s)
        return domain::toString(domain::CaseStatus::Closed);
    if (edit.action == u"CreateCase"_s)
        return domain::toString(domain::CaseStatus::Submitted);
    const qsizetype at = edit.message.lastIndexOf(u" to "_s);
    if (at < 0)
        return {};
    QString status = edit.message.mid(at + 4).trimmed();
    status.remove(u'"');
    while (status.endsWith(u'.') || status.endsWith(u')'))
        status.chop(1);
    return domain::fromString<domain::CaseStatus>(status) ? status : QString();
}

Candidate candidate(const QString &caseId, const QString &kind, const QDateTime &occurredAt,
    const QString &source, const QString &text, const QString &author)
{
    Candidate c;
    c.entry.caseId = caseId;
    c.entry.kind = kind;
    c.entry.occurredAt = occurredAt.isValid() ? occurredAt.toUTC() : QDateTime();
    c.entry.payload = {{u"source"_s, source}, {u"text"_s, text}, {u"author"_s, author}};
    return c;
}

// The oldest local change of `action` whose edit has not been pulled yet: (key, seq).
std::pair<QString, qint64> pendingLocalChange(
    QSqlDatabase &connection, const QString &caseId, const QString &action)
{
    const QString prefix = u"pending:"_s + action + u':';
    QSqlQuery query(connection);
    query.prepare(u"SELECT source_key, seq FROM timeline_sources WHERE case_id = ? AND "
                  "substr(source_key, 1, ?) = ? ORDER BY seq LIMIT 1"_s);
    query.addBindValue(caseId);
    query.addBindValue(prefix.size());
    query.addBindValue(prefix);
    if (!query.exec() || !query.next())
        return {QString(), 0};
    return {query.value(0).toString(), query.value(1).toLongLong()};
}

bool removeSource(
    QSqlDatabase &connection, const QString &caseId, const QString &key, QString *error)
{
    QSqlQuery query(connection);
    query.prepare(u"DELETE FROM timeline_sources WHERE case_id = ? AND source_key = ?"_s);
    query.addBindValue(caseId);
    query.addBindValue(key);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace

QString TimelineCollector::kindForAction(const QString &action)
{
    if (action == u"CreateCase"_s || action == u"UpdateCaseStatus"_s || action == u"CloseCase"_s)
        return u"status"_s;
    if (action.contains(u"Attachment"_s))
        return u"attachment"_s;
    if (action.contains(u"Investigation"_s) || action == u"SendFeedback"_s)
        return u"investigation"_s;
    return u"caseEdit"_s;
}

QString TimelineCollector::editActionFor(const QString &operation)
{
    if (operation == u"UploadAttachment"_s)
        return u"GetCaseAttachmentUploadUrl"_s;
    return operation;
}

void TimelineCollector::addRecordingZone(QJsonObject &payload, const QDateTime &time)
{
    const QTimeZone zone = QTimeZone::systemTimeZone();
    payload.insert(u"zone"_s, QString::fromUtf8(zone.id()));
    payload.insert(u"offset"_s, zone.offsetFromUtc(time));
}

int TimelineCollector::collect(const QString &caseId, QString *error)
{
    QString readError;
    const auto value = store::CaseRepository(m_connection).get(caseId, &readError);
    if (!value) {
        if (!readError.isEmpty()) {
            *error = readError;
            return -1;
        }
        return 0;
    }
    const auto known = [&](const QString &key) {
        return TimelineChain::seqForSource(m_connection, caseId, key) > 0;
    };
    QList<Candidate> candidates;

    const QList<domain::CaseEdit> edits
        = store::CaseEditRepository(m_connection).listForCase(caseId, &readError);
    for (const domain::CaseEdit &edit : edits) {
        const QString key = u"edit:"_s
            + digest(QString::number(edit.eventTimestamp.toMSecsSinceEpoch()) + u'\n'
                + edit.principal + u'\n' + edit.action + u'\n' + edit.message);
        if (known(key))
            continue;
        Candidate c = candidate(caseId, kindForAction(edit.action), edit.eventTimestamp, key,
            edit.message, edit.principal);
        c.entry.payload.insert(u"action"_s, edit.action);
        if (c.entry.kind == u"status"_s) {
            const QString status = statusOfEdit(edit);
            if (!status.isEmpty())
                c.entry.payload.insert(u"status"_s, status);
        }
        c.foldAction = edit.action;
        candidates.append(c);
    }

    const QList<domain::Comment> comments
        = store::CommentRepository(m_connection).listForCase(caseId, &readError);
    for (const domain::Comment &comment : comments) {
        const QString key = u"comment:"_s + comment.commentId;
        const QString versionKey = key + u':' + digest(comment.body, 16);
        const auto analyst = TimelineMarkers::parseAnalyst(comment.body);
        const auto head = TimelineMarkers::parseChainHead(comment.body);
        if (known(key)) {
            if (analyst || head || known(versionKey))
                continue;
            // A later version of a comment already on the timeline.
            Candidate c = candidate(caseId, u"comment"_s, comment.lastUpdatedDate, versionKey,
                u"Comment edited: "_s + firstLine(comment.body), comment.lastUpdatedBy);
            c.entry.payload.insert(u"commentId"_s, comment.commentId);
            c.entry.payload.insert(u"body"_s, comment.body);
            c.entry.payload.insert(u"edited"_s, true);
            candidates.append(c);
            continue;
        }
        Candidate c;
        if (analyst) {
            c = candidate(caseId, u"analyst"_s,
                analyst->occurredAt.isValid() ? analyst->occurredAt : comment.createdDate, key,
                firstLine(analyst->text, TimelineMarkers::MaxAnalystText), comment.creator);
            c.entry.payload.insert(u"occurredOffset"_s, analyst->occurredOffset);
        } else if (head) {
            c = candidate(caseId, u"chainHead"_s, comment.createdDate, key,
                u"Chain head posted: %1 (%2 entries, last entry %3)"_s.arg(head->head)
                    .arg(head->entries)
                    .arg(head->lastSeq),
                comment.creator);
            c.entry.payload.insert(u"head"_s, head->head);
            c.entry.payload.insert(u"lastSeq"_s, head->lastSeq);
            c.entry.payload.insert(u"entries"_s, head->entries);
            c.entry.payload.insert(u"workspace"_s, head->workspace);
        } else {
            c = candidate(caseId, u"comment"_s, comment.createdDate, key, firstLine(comment.body),
                comment.creator);
            c.entry.payload.insert(u"body"_s, comment.body);
        }
        c.entry.payload.insert(u"commentId"_s, comment.commentId);
        c.aliases.append(versionKey);
        candidates.append(c);
    }

    for (const domain::Attachment &attachment : value->caseAttachments) {
        const QString key = u"attachment:"_s + attachment.attachmentId;
        if (known(key))
            continue;
        const QString status = attachment.attachmentStatus
            ? domain::toString(*attachment.attachmentStatus)
            : QString();
        Candidate c = candidate(caseId, u"attachment"_s, attachment.createdDate, key,
            status.isEmpty() ? u"Attachment %1"_s.arg(attachment.fileName)
                             : u"Attachment %1 (%2)"_s.arg(attachment.fileName, status),
            attachment.creator);
        c.entry.payload.insert(u"attachmentId"_s, attachment.attachmentId);
        c.entry.payload.insert(u"fileName"_s, attachment.fileName);
        c.entry.payload.insert(u"status"_s, status);
        candidates.append(c);
    }

    QSqlQuery investigations(m_connection);
    investigations.prepare(u"SELECT investigation_id, action_type, title, status, last_updated "
                           "FROM investigations WHERE case_id = ?"_s);
    investigations.addBindValue(caseId);
    if (!investigations.exec()) {
        *error = investigations.lastError().text();
        return -1;
    }
    while (investigations.next()) {
        const QString id = investigations.value(0).toString();
        const QString key = u"investigation:"_s + id;
        if (known(key))
            continue;
        const QString title = investigations.value(2).toString();
        Candidate c = candidate(caseId, u"investigation"_s,
            store::sql::timeFromValue(investigations.value(4)), key,
            u"Investigation: %1"_s.arg(
                title.isEmpty() ? investigations.value(1).toString() : title),
            QString());
        c.entry.payload.insert(u"investigationId"_s, id);
        c.entry.payload.insert(u"title"_s, title);
        c.entry.payload.insert(u"status"_s, investigations.value(3).toString());
        candidates.append(c);
    }
    investigations.finish();

    QSqlQuery findings(m_connection);
    findings.prepare(u"SELECT id, title, severity_label, type, first_seen, last_seen, count "
                     "FROM findings WHERE case_id = ?"_s);
    findings.addBindValue(caseId);
    if (!findings.exec()) {
        *error = findings.lastError().text();
        return -1;
    }
    while (findings.next()) {
        const QString id = findings.value(0).toString();
        const QString title = findings.value(1).toString();
        const QDateTime firstSeen = store::sql::timeFromValue(findings.value(4));
        const QDateTime lastSeen = store::sql::timeFromValue(findings.value(5));
        const auto finding = [&](const QString &seen, const QDateTime &at, const QString &key,
                                 const QString &text) {
            Candidate c = candidate(caseId, u"finding"_s, at, key, text, QString());
            c.entry.payload.insert(u"findingId"_s, id);
            c.entry.payload.insert(u"title"_s, title);
            c.entry.payload.insert(u"severity"_s, findings.value(2).toString());
            c.entry.payload.insert(u"findingType"_s, findings.value(3).toString());
            c.entry.payload.insert(u"seen"_s, seen);
            c.entry.payload.insert(u"count"_s, findings.value(6).toLongLong());
            candidates.append(c);
        };
        const QString firstKey = u"finding:"_s + id + u":first"_s;
        if (!known(firstKey))
            finding(u"first"_s, firstSeen, firstKey, u"Finding first seen: "_s + title);
        if (lastSeen.isValid() && lastSeen != firstSeen) {
            const QString lastKey
                = u"finding:%1:last:%2"_s.arg(id).arg(lastSeen.toMSecsSinceEpoch());
            if (!known(lastKey))
                finding(u"last"_s, lastSeen, lastKey,
                    u"Finding last seen (count %1): %2"_s.arg(findings.value(6).toLongLong())
                        .arg(title));
        }
    }
    findings.finish();

    // In the order things happened, so a first collection reads like the case's history.
    std::stable_sort(
        candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) {
            if (a.entry.occurredAt.isValid() != b.entry.occurredAt.isValid())
                return a.entry.occurredAt.isValid();
            return a.entry.occurredAt < b.entry.occurredAt;
        });
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int appendedCount = 0;
    for (Candidate &c : candidates) {
        const QString source = c.entry.payload.value(u"source"_s).toString();
        if (!c.foldAction.isEmpty()) {
            const auto [pendingKey, seq] = pendingLocalChange(m_connection, caseId, c.foldAction);
            if (seq > 0) {
                if (!TimelineChain::addSourceAlias(m_connection, caseId, seq, source, error)
                    || !removeSource(m_connection, caseId, pendingKey, error))
                    return -1;
                continue;
            }
        }
        c.entry.recordedAt = now;
        addRecordingZone(c.entry.payload, now);
        bool appended = false;
        if (!TimelineChain::appendIn(m_connection, &c.entry, &appended, error))
            return -1;
        if (!appended)
            continue;
        ++appendedCount;
        for (const QString &alias : std::as_const(c.aliases))
            if (!TimelineChain::addSourceAlias(m_connection, caseId, c.entry.seq, alias, error))
                return -1;
    }
    return appendedCount;
}

int TimelineCollector::collectAllOnce(QString *error)
{
    const QString doneKey = u"timeline.collectedAll"_s;
    QSqlQuery done(m_connection);
    done.prepare(u"SELECT 1 FROM settings WHERE key = ?"_s);
    done.addBindValue(doneKey);
    if (!done.exec()) {
        *error = done.lastError().text();
        return -1;
    }
    if (done.next())
        return 0;
    done.finish();
    QSqlQuery cases(m_connection);
    if (!cases.exec(u"SELECT case_id FROM cases ORDER BY created_date, case_id"_s)) {
        *error = cases.lastError().text();
        return -1;
    }
    QStringList ids;
    while (cases.next())
        ids.append(cases.value(0).toString());
    cases.finish();
    int appended = 0;
    for (const QString &caseId : std::as_const(ids)) {
        if (caseId.startsWith(u"local-"_s)) // provisional: collected when it gets its ID
            continue;
        const int count = collect(caseId, error);
        if (count < 0)
            return -1;
        appended += count;
    }
    QSqlQuery mark(m_connection);
    mark.prepare(u"INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')"_s);
    mark.addBindValue(doneKey);
    if (!mark.exec()) {
        *error = mark.lastError().text();
        return -1;
    }
    return appended;
}

bool TimelineCollector::recordLocalChange(const QString &caseId, const QString &operation,
    const QString &clientToken, const QString &text, const QJsonObject &details, QString *error)
{
    const QString action = editActionFor(operation);
    TimelineEntry entry;
    entry.caseId = caseId;
    entry.kind = kindForAction(action);
    entry.recordedAt = QDateTime::currentDateTimeUtc();
    entry.occurredAt = entry.recordedAt;
    entry.payload = details;
    entry.payload.insert(u"source"_s, QString(u"outbox:"_s + clientToken));
    entry.payload.insert(u"text"_s, text);
    entry.payload.insert(u"action"_s, action);
    entry.payload.insert(u"local"_s, true);
    addRecordingZone(entry.payload, entry.recordedAt);
    bool appended = false;
    if (!TimelineChain::appendIn(m_connection, &entry, &appended, error))
        return false;
    return !appended
        || TimelineChain::addSourceAlias(
            m_connection, caseId, entry.seq, u"pending:%1:%2"_s.arg(action, clientToken), error);
}

int TimelineCollector::carryOver(
    const QString &provisionalId, const QString &caseId, QString *error)
{
    QList<TimelineEntry> carried;
    QSqlQuery query(m_connection);
    query.prepare(u"SELECT seq, kind, occurred_at, recorded_at, payload, hash FROM timeline "
                  "WHERE case_id = ? ORDER BY seq"_s);
    query.addBindValue(provisionalId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return -1;
    }
    while (query.next()) {
        TimelineEntry entry;
        entry.caseId = caseId;
        entry.kind = query.value(1).toString();
        if (!query.value(2).isNull())
            entry.occurredAt = QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong(), Qt::UTC);
        entry.recordedAt = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong(), Qt::UTC);
        entry.payload = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
        entry.payload.insert(u"provisionalCaseId"_s, provisionalId);
        entry.payload.insert(u"provisionalSeq"_s, query.value(0).toLongLong());
        entry.payload.insert(u"provisionalHash"_s, query.value(5).toString());
        entry.seq = query.value(0).toLongLong(); // the provisional seq until appended
        carried.append(entry);
    }
    query.finish();
    QHash<qint64, qint64> newSeq;
    for (TimelineEntry &entry : carried) {
        const qint64 oldSeq = entry.seq;
        entry.seq = 0;
        bool appended = false;
        if (!TimelineChain::appendIn(m_connection, &entry, &appended, error))
            return -1;
        if (appended)
            newSeq.insert(oldSeq, entry.seq);
    }
    // Every other name of those entries (pending local changes, renamed comments).
    QSqlQuery aliases(m_connection);
    aliases.prepare(u"SELECT source_key, seq FROM timeline_sources WHERE case_id = ?"_s);
    aliases.addBindValue(provisionalId);
    if (!aliases.exec()) {
        *error = aliases.lastError().text();
        return -1;
    }
    QList<std::pair<QString, qint64>> keys;
    while (aliases.next())
        keys.append({aliases.value(0).toString(), aliases.value(1).toLongLong()});
    aliases.finish();
    for (const auto &[key, seq] : std::as_const(keys)) {
        const qint64 target = newSeq.value(seq);
        if (target > 0 && !TimelineChain::addSourceAlias(m_connection, caseId, target, key, error))
            return -1;
    }
    return int(newSeq.size());
}

bool TimelineCollector::renameComment(
    const QString &caseId, const QString &oldId, const QString &newId, QString *error)
{
    const QString oldKey = u"comment:"_s + oldId;
    QSqlQuery query(m_connection);
    query.prepare(u"SELECT source_key, seq FROM timeline_sources WHERE case_id = ? AND "
                  "(source_key = ? OR substr(source_key, 1, ?) = ?)"_s);
    query.addBindValue(caseId);
    query.addBindValue(oldKey);
    query.addBindValue(oldKey.size() + 1);
    query.addBindValue(QString(oldKey + u':'));
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    QList<std::pair<QString, qint64>> renamed;
    while (query.next())
        renamed.append({u"comment:"_s + newId + query.value(0).toString().mid(oldKey.size()),
            query.value(1).toLongLong()});
    query.finish();
    for (const auto &[key, seq] : std::as_const(renamed))
        if (!TimelineChain::addSourceAlias(m_connection, caseId, seq, key, error))
            return false;
    return true;
}

} // namespace warroom::timeline
