#include "timeline/TimelineChain.h"

#include "store/Database.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace warroom::timeline {

namespace {

QJsonValue clockValue(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toMSecsSinceEpoch()) : QJsonValue();
}

// Compact JSON with every object's keys sorted (QJsonObject keeps them sorted).
QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n')
        && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u"\""_s, u"\"\""_s);
    return QString(u'"' + quoted + u'"');
}

// Splits CSV text into records of fields (RFC 4180 quoting; newlines inside quotes).
QList<QStringList> parseCsvRecords(
    const QString &text, QString *error, QList<int> *startLines = nullptr)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int recordLine = 1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"' && field.isEmpty()) {
            quoted = true;
            fieldStarted = true;
        } else if (c == u',') {
            record.append(field);
            field.clear();
            fieldStarted = true;
        } else if (c == u'\r') {
            continue;
        } else if (c == u'\n') {
            record.append(field);
            records.append(record);
            if (startLines)
                startLines->append(recordLine);
            record.clear();
            field.clear();
            fieldStarted = false;
            ++line;
            recordLine = line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) {
        *error = u"Line %1: a quoted field is not closed."_s.arg(line);
        return {};
    }
    if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
        record.append(field);
        records.append(record);
        if (startLines)
            startLines->append(recordLine);
    }
    return records;
}

const QStringList &csvColumns()
{
    static const QStringList columns {u"seq"_s, u"case_id"_s, u"kind"_s, u"occurred_at"_s,
        u"recorded_at"_s, u"payload"_s, u"prev_hash"_s, u"hash"_s};
    return columns;
}

} // namespace

QString TimelineChain::workspaceId(QSqlDatabase &connection, bool create, QString *error)
{
    const QString key = u"timeline.workspaceId"_s;
    QSqlQuery query(connection);
    query.prepare(u"SELECT value FROM settings WHERE key = ?"_s);
    query.addBindValue(key);
    if (!query.exec()) {
        *error = query.lastError().text();
        return {};
    }
    if (query.next())
        return query.value(0).toString();
    query.finish();
    if (!create)
        return {};
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery insert(connection);
    insert.prepare(u"INSERT INTO settings (key, value) VALUES (?, ?)"_s);
    insert.addBindValue(key);
    insert.addBindValue(id);
    if (!insert.exec()) {
        *error = insert.lastError().text();
        return {};
    }
    return id;
}

QString TimelineChain::genesisHash()
{
    return QString(64, u'0');
}

QByteArray TimelineChain::canonicalJson(const TimelineEntry &entry)
{
    const QJsonObject object {
        {u"seq"_s, entry.seq},
        {u"case"_s, entry.caseId},
        {u"kind"_s, entry.kind},
        {u"occurredAt"_s, clockValue(entry.occurredAt)},
        {u"recordedAt"_s, clockValue(entry.recordedAt)},
        {u"payload"_s, entry.payload},
    };
    return compactJson(object);
}

QString TimelineChain::entryHash(const QString &prevHash, const TimelineEntry &entry)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(prevHash.toLatin1());
    hash.addData(canonicalJson(entry));
    return QString::fromLatin1(hash.result().toHex());
}

bool TimelineChain::append(TimelineEntry *entry, QString *error, bool *appended)
{
    bool added = false;
    const bool ok = m_db.write(
        [entry, &added](QSqlDatabase &connection, QString *writeError) {
            return appendIn(connection, entry, &added, writeError);
        },
        error);
    if (appended)
        *appended = ok && added;
    return ok;
}

qint64 TimelineChain::seqForSource(
    QSqlDatabase &connection, const QString &caseId, const QString &sourceKey)
{
    QSqlQuery query(connection);
    query.prepare(u"SELECT seq FROM timeline_sources WHERE case_id = ? AND source_key = ?"_s);
    query.addBindValue(caseId);
    query.addBindValue(sourceKey);
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

bool TimelineChain::addSourceAlias(QSqlDatabase &connection, const QString &caseId, qint64 seq,
    const QString &alias, QString *error)
{
    QSqlQuery insert(connection);
    insert.prepare(u"INSERT OR IGNORE INTO timeline_sources (case_id, source_key, seq) "
                   "VALUES (?, ?, ?)"_s);
    insert.addBindValue(caseId);
    insert.addBindValue(alias);
    insert.addBindValue(seq);
    if (!insert.exec()) {
        *error = insert.lastError().text();
        return false;
    }
    return true;
}

bool TimelineChain::appendIn(
    QSqlDatabase &connection, TimelineEntry *entry, bool *appended, QString *error)
{
    *appended = false;
    if (entry->caseId.isEmpty()) {
        *error = u"The timeline entry has no case ID (field caseId)."_s;
        return false;
    }
    if (entry->kind.isEmpty()) {
        *error = u"The timeline entry has no kind (field kind)."_s;
        return false;
    }
    const QString source = entry->payload.value(u"source"_s).toString();
    if (!source.isEmpty() && seqForSource(connection, entry->caseId, source) > 0)
        return true;
    TimelineEntry added = *entry;
    if (!added.recordedAt.isValid())
        added.recordedAt = QDateTime::currentDateTimeUtc();
    QSqlQuery last(connection);
    last.prepare(u"SELECT hash FROM timeline WHERE case_id = ? ORDER BY seq DESC LIMIT 1"_s);
    last.addBindValue(added.caseId);
    if (!last.exec()) {
        *error = last.lastError().text();
        return false;
    }
    added.prevHash = last.next() ? last.value(0).toString() : genesisHash();
    QSqlQuery next(connection);
    if (!next.exec(u"SELECT COALESCE(MAX(seq), 0) + 1 FROM timeline"_s) || !next.next()) {
        *error = next.lastError().text();
        return false;
    }
    added.seq = next.value(0).toLongLong();
    added.hash = entryHash(added.prevHash, added);
    QSqlQuery insert(connection);
    insert.prepare(u"INSERT INTO timeline (seq, case_id, kind, occurred_at, recorded_at, "
                   "payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    insert.addBindValue(added.seq);
    insert.addBindValue(added.caseId);
    insert.addBindValue(added.kind);
    insert.addBindValue(
        added.occurredAt.isValid() ? QVariant(added.occurredAt.toMSecsSinceEpoch()) : QVariant());
    insert.addBindValue(added.recordedAt.toMSecsSinceEpoch());
    insert.addBindValue(QString::fromUtf8(compactJson(added.payload)));
    insert.addBindValue(added.prevHash);
    insert.addBindValue(added.hash);
    if (!insert.exec()) {
        *error = insert.lastError().text();
        return false;
    }
    if (!source.isEmpty() && !addSourceAlias(connection, added.caseId, added.seq, source, error))
        return false;
    *entry = added;
    *appended = true;
    return true;
}

QList<TimelineEntry> TimelineChain::entries(const QString &caseId, QString *error) const
{
    QList<TimelineEntry> result;
    // seq is the rowid, so this is also the physical order of the rows.
    QSqlQuery query(m_db.reader());
    query.prepare(u"SELECT seq, case_id, kind, occurred_at, recorded_at, payload, prev_hash, "
                  "hash FROM timeline WHERE case_id = ? ORDER BY seq"_s);
    query.addBindValue(caseId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return result;
    }
    while (query.next()) {
        TimelineEntry entry;
        entry.seq = query.value(0).toLongLong();
        entry.caseId = query.value(1).toString();
        entry.kind = query.value(2).toString();
        if (!query.value(3).isNull())
            entry.occurredAt = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong(), Qt::UTC);
        entry.recordedAt = QDateTime::fromMSecsSinceEpoch(query.value(4).toLongLong(), Qt::UTC);
        entry.payload = QJsonDocument::fromJson(query.value(5).toString().toUtf8()).object();
        entry.prevHash = query.value(6).toString();
        entry.hash = query.value(7).toString();
        result.append(entry);
    }
    return result;
}

ChainVerification TimelineChain::verify(const QString &caseId) const
{
    ChainVerification result;
    QString error;
    const QList<TimelineEntry> chain = entries(caseId, &error);
    if (!error.isEmpty()) {
        result.ok = false;
        result.problem = u"The timeline could not be read: %1"_s.arg(error);
        return result;
    }
    return verifyEntries(chain);
}

ChainVerification TimelineChain::verifyEntries(const QList<TimelineEntry> &chain)
{
    ChainVerification result;
    result.entries = int(chain.size());
    QString previous = genesisHash();
    for (const TimelineEntry &entry : chain) {
        QString problem;
        if (entry.prevHash != previous)
            problem = u"does not follow the entry before it (an entry was deleted, inserted "
                      "or moved)"_s;
        else if (entryHash(entry.prevHash, entry) != entry.hash)
            problem = u"was changed after it was recorded (its hash does not match)"_s;
        if (!problem.isEmpty()) {
            result.ok = false;
            result.firstBadSeq = entry.seq;
            result.problem = u"Entry %1 (%2) %3."_s.arg(entry.seq).arg(entry.kind, problem);
            return result;
        }
        previous = entry.hash;
    }
    result.head = chain.isEmpty() ? QString() : previous;
    result.lastSeq = chain.isEmpty() ? 0 : chain.last().seq;
    return result;
}

QByteArray TimelineChain::toCsv(const QList<TimelineEntry> &entries)
{
    QString text = csvColumns().join(u',') + u"\r\n";
    for (const TimelineEntry &entry : entries) {
        const QStringList fields {QString::number(entry.seq), entry.caseId, entry.kind,
            isoUtc(entry.occurredAt), isoUtc(entry.recordedAt),
            QString::fromUtf8(compactJson(entry.payload)), entry.prevHash, entry.hash};
        QStringList quoted;
        for (const QString &field : fields)
            quoted.append(csvField(field));
        text += quoted.join(u',') + u"\r\n";
    }
    return text.toUtf8();
}

namespace {

// One record of a timeline CSV; false with *error (without where it is) when bad.
bool entryFromRecord(const QStringList &fields, TimelineEntry *entry, QString *error)
{
    if (fields.size() != csvColumns().size()) {
        *error = u"%1 fields instead of %2."_s.arg(fields.size()).arg(csvColumns().size());
        return false;
    }
    bool ok = false;
    entry->seq = fields.at(0).toLongLong(&ok);
    if (!ok || entry->seq <= 0) {
        *error = u"field seq is not a positive number (\"%1\")."_s.arg(fields.at(0));
        return false;
    }
    entry->caseId = fields.at(1);
    entry->kind = fields.at(2);
    if (entry->caseId.isEmpty() || entry->kind.isEmpty()) {
        *error = u"field %1 is empty."_s.arg(entry->caseId.isEmpty() ? u"case_id"_s : u"kind"_s);
        return false;
    }
    if (!fields.at(3).isEmpty()) {
        entry->occurredAt = QDateTime::fromString(fields.at(3), Qt::ISODateWithMs).toUTC();
        if (!entry->occurredAt.isValid()) {
            *error = u"field occurred_at is not an ISO 8601 time (\"%1\")."_s.arg(fields.at(3));
            return false;
        }
    }
    entry->recordedAt = QDateTime::fromString(fields.at(4), Qt::ISODateWithMs).toUTC();
    if (!entry->recordedAt.isValid()) {
        *error = u"field recorded_at is not an ISO 8601 time (\"%1\")."_s.arg(fields.at(4));
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument payload = QJsonDocument::fromJson(fields.at(5).toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !payload.isObject()) {
        *error = u"field payload is not a JSON object."_s;
        return false;
    }
    entry->payload = payload.object();
    entry->prevHash = fields.at(6);
    entry->hash = fields.at(7);
    return true;
}

} // namespace

QList<TimelineEntry> TimelineChain::fromCsv(const QByteArray &csv, QString *error)
{
    QList<TimelineEntry> result;
    const QList<QStringList> records = parseCsvRecords(QString::fromUtf8(csv), error);
    if (!error->isEmpty())
        return {};
    if (records.isEmpty() || records.first() != csvColumns()) {
        *error = u"Line 1: the header must be %1."_s.arg(csvColumns().join(u','));
        return {};
    }
    for (qsizetype i = 1; i < records.size(); ++i) {
        TimelineEntry entry;
        QString problem;
        if (!entryFromRecord(records.at(i), &entry, &problem)) {
            *error = u"Record %1: %2"_s.arg(i).arg(problem);
            return {};
        }
        result.append(entry);
    }
    return result;
}

TimelineCsv TimelineChain::readCsv(const QByteArray &csv)
{
    TimelineCsv result;
    QString error;
    QList<int> lines;
    const QList<QStringList> records = parseCsvRecords(QString::fromUtf8(csv), &error, &lines);
    if (!error.isEmpty()) {
        result.problems.append(error);
        return result;
    }
    if (records.isEmpty() || records.first() != csvColumns()) {
        result.problems.append(u"Line 1: the header must be %1."_s.arg(csvColumns().join(u',')));
        return result;
    }
    for (qsizetype i = 1; i < records.size(); ++i) {
        TimelineEntry entry;
        QString problem;
        if (!entryFromRecord(records.at(i), &entry, &problem)) {
            result.problems.append(u"Line %1: %2"_s.arg(lines.at(i)).arg(problem));
            continue;
        }
        result.entries.append(entry);
        result.lines.append(lines.at(i));
    }
    return result;
}

} // namespace warroom::timeline
