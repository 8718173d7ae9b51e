#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace warroom::store {
class Database;
}

namespace warroom::ingest {

// A workspace's scheduled pull of Security Hub findings (GetFindings), kept in its
// settings table. Keys are never stored: they come from the AWS CLI's credential chain
// (environment, then `profile`).
struct SecurityHubPullSettings final
{
    bool enabled = false; // pull on a schedule (Pull now works either way)
    int intervalMinutes = 15; // 1-1440
    QString region = QStringLiteral("us-east-1");
    QUrl endpointUrl; // empty: the Region's Security Hub endpoint
    QString profile; // empty: AWS_PROFILE / default
    bool activeOnly = true; // RecordState = ACTIVE
    // Lowest severity label pulled: "" (all), LOW, MEDIUM, HIGH or CRITICAL.
    QString minimumSeverity;

    static SecurityHubPullSettings load(store::Database &database);
    bool save(store::Database &database, QString *error) const;
    // An empty string when the fields are fine, else a sentence naming the field.
    QString problem() const;

    // The newest UpdatedAt of the last complete pull: the next pull asks for findings
    // updated since (invalid: never pulled).
    static QDateTime highWaterMark(store::Database &database);
    static bool setHighWaterMark(store::Database &database, const QDateTime &mark, QString *error);

    // The AwsSecurityFindingFilters of a pull: RecordState, SeverityLabel, and UpdatedAt
    // from `since` (when valid) to `until`.
    QJsonObject filters(const QDateTime &since, const QDateTime &until) const;
    // Whether a finding (ASFF, as received) passes the same filters; Security Hub applies
    // them, the console checks again (a stand-in service may not).
    bool accepts(const QJsonObject &asff) const;
    static QStringList severityLabels(); // LOW ... CRITICAL, in order

    bool operator==(const SecurityHubPullSettings &other) const;
    bool operator!=(const SecurityHubPullSettings &other) const { return !(*this == other); }
};

} // namespace warroom::ingest
