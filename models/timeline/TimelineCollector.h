#pragma once

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace warroom::timeline {

// Brings a case's timeline up to date with what the store holds about the case: its
// edit log, comments (analyst entries and posted chain heads among them), attachments,
// investigations and linked findings. Every datum has a source key (see TimelineChain.h),
// so collecting again, or the same datum pulled again, appends nothing. Runs on the
// caller's write connection, inside the transaction that stored the data, so the data
// and its timeline entries are committed together.
class TimelineCollector final
{
public:
    explicit TimelineCollector(QSqlDatabase &connection)
        : m_connection(connection)
    {
    }

    // Appends what is missing; the number of entries appended, or -1 with *error.
    int collect(const QString &caseId, QString *error);

    // Collects every case of the workspace, once per workspace (a setting remembers it):
    // workspaces filled before their timelines were collected get them. The number of
    // entries appended (0 when already done), or -1 with *error.
    int collectAllOnce(QString *error);

    // A change made on this console (LocalChanges) before the backend has it: appended
    // now with source "outbox:<clientToken>"; the first edit of `operation` pulled later
    // for the case is folded into this entry instead of being appended.
    bool recordLocalChange(const QString &caseId, const QString &operation,
        const QString &clientToken, const QString &text, const QJsonObject &details,
        QString *error);

    // The backend gave a provisional comment its real ID: the entries of the old ID are
    // the entries of the new one, so the pulled comment is not appended again.
    bool renameComment(
        const QString &caseId, const QString &oldId, const QString &newId, QString *error);

    // A case created offline got the backend's ID: every entry of the provisional case's
    // chain is appended to the real case's chain, in order, with its clocks and payload
    // and the provisional case ID, seq and hash it had (payload provisionalCaseId,
    // provisionalSeq, provisionalHash), and its source keys move along, so nothing is
    // collected twice and pending local changes still fold. The provisional chain's rows
    // stay as they were (append-only). The number of entries carried over, or -1.
    int carryOver(const QString &provisionalId, const QString &caseId, QString *error);

    // The timeline kind of a backend edit-log action (UpdateCaseStatus -> "status").
    static QString kindForAction(const QString &action);
    // The action the backend logs for a local outbox operation.
    static QString editActionFor(const QString &operation);
    // zone and offset of this console's time zone at `time`, for an entry's payload.
    static void addRecordingZone(QJsonObject &payload, const QDateTime &time);

private:
    QSqlDatabase &m_connection;
};

} // namespace warroom::timeline
