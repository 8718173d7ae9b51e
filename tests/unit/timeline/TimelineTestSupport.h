#pragma once

// Timeline entries written into a workspace store for the timeline suites and the
// benchmark: a real hash chain, in one transaction (appending one at a time through
// TimelineChain costs a commit each).
#include "store/Database.h"
#include "timeline/TimelineChain.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonDocument>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

namespace warroom::test {

inline qint64 timelineEpochMs()
{
    return QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();
}

inline const QStringList &timelineKinds()
{
    static const QStringList kinds {QStringLiteral("comment"), QStringLiteral("status"),
        QStringLiteral("caseEdit"), QStringLiteral("analyst"), QStringLiteral("finding"),
        QStringLiteral("attachment"), QStringLiteral("investigation")};
    return kinds;
}

// Appends `count` entries to `caseId`'s chain: entry i happened at epoch + i * stepMs
// (every 7th with no known time), kind i % 7, author "analyst(i % 3)@example.com",
// text "Entry i of <case>". Returns false with *error on failure.
inline bool seedTimeline(store::Database &db, const QString &caseId, int count, qint64 stepMs,
    QString *error, qint64 startMs = timelineEpochMs())
{
    return db.write(
        [&](QSqlDatabase &connection, QString *e) {
            QSqlQuery last(connection);
            last.prepare(QStringLiteral(
                "SELECT hash FROM timeline WHERE case_id = ? ORDER BY seq DESC LIMIT 1"));
            last.addBindValue(caseId);
            if (!last.exec()) {
                *e = last.lastError().text();
                return false;
            }
            QString prev
                = last.next() ? last.value(0).toString() : timeline::TimelineChain::genesisHash();
            QSqlQuery next(connection);
            if (!next.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM timeline"))
                || !next.next()) {
                *e = next.lastError().text();
                return false;
            }
            qint64 seq = next.value(0).toLongLong();
            QSqlQuery insert(connection);
            insert.prepare(QStringLiteral("INSERT INTO timeline (seq, case_id, kind, occurred_at, "
                                          "recorded_at, payload, prev_hash, hash) VALUES "
                                          "(?, ?, ?, ?, ?, ?, ?, ?)"));
            for (int i = 0; i < count; ++i, ++seq) {
                timeline::TimelineEntry entry;
                entry.seq = seq;
                entry.caseId = caseId;
                entry.kind = timelineKinds().at(i % timelineKinds().size());
                const qint64 at = startMs + i * stepMs;
                if (i % 7 != 6)
                    entry.occurredAt = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
                entry.recordedAt = QDateTime::fromMSecsSinceEpoch(at + 90'000, Qt::UTC);
                entry.payload = {
                    {QStringLiteral("author"), QStringLiteral("analyst%1@example.com").arg(i % 3)},
                    {QStringLiteral("text"), QStringLiteral("Entry %1 of %2").arg(i).arg(caseId)}};
                entry.prevHash = prev;
                entry.hash = timeline::TimelineChain::entryHash(prev, entry);
                prev = entry.hash;
                insert.addBindValue(entry.seq);
                insert.addBindValue(entry.caseId);
                insert.addBindValue(entry.kind);
                insert.addBindValue(entry.occurredAt.isValid()
                        ? QVariant(entry.occurredAt.toMSecsSinceEpoch())
                        : QVariant());
                insert.addBindValue(entry.recordedAt.toMSecsSinceEpoch());
                insert.addBindValue(
                    QString::fromUtf8(QJsonDocument(entry.payload).toJson(QJsonDocument::Compact)));
                insert.addBindValue(entry.prevHash);
                insert.addBindValue(entry.hash);
                if (!insert.exec()) {
                    *e = insert.lastError().text();
                    return false;
                }
            }
            return true;
        },
        error);
}

// Runs one statement on the write connection (tampering in tests).
inline bool execSql(store::Database &db, const QString &sql, QString *error)
{
    return db.write(
        [&sql](QSqlDatabase &connection, QString *e) {
            QSqlQuery query(connection);
            if (!query.exec(sql)) {
                *e = query.lastError().text();
                return false;
            }
            return true;
        },
        error);
}

} // namespace warroom::test
