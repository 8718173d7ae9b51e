#pragma once

#include "SecurityHubPullSettings.h"

#include "aws/Credentials.h"
#include "triage/FindingParser.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <memory>

namespace warroom::aws {
class AwsHttpClient;
class AwsReply;
} // namespace warroom::aws
namespace warroom::store {
class Database;
}
namespace warroom::triage {
class TriageEngine;
}

namespace warroom::ingest {

struct SecurityHubPullResult final
{
    int pages = 0;
    qint64 received = 0; // findings in the pages
    qint64 stored = 0; // new, or a new version of a stored finding (updated in place)
    qint64 unchanged = 0; // not newer than the high-water mark or than the stored copy
    qint64 filtered = 0; // outside the settings' filters (RecordState, severity)
    QList<triage::ParseIssue> issues; // findings the parser refused (index in the page)
    QDateTime since; // the high-water mark the pull started from (invalid: everything)
    QDateTime highWaterMark; // after the pull
    QString error; // why the pull stopped (empty: it completed)
    QString errorType; // "ThrottlingException", "NetworkError", ...
    bool throttled = false;
    bool transport = false; // no answer from Security Hub: network, TLS, credentials
    bool cancelled = false;

    bool ok() const { return error.isEmpty() && !cancelled; }
    QJsonObject toJson() const;
};

// Pulls Security Hub findings (GetFindings, 100 a page, NextToken) into a workspace:
// findings updated since the last complete pull's high-water mark, filtered by the
// settings (RecordState, severity). The HTTP calls are asynchronous on the caller's
// thread; each page is parsed, triaged with the workspace's rules and stored on a worker
// thread through FindingImporter (one transaction a page, updates in place with the
// earlier version kept in finding_history). The mark moves only when every page of a
// pull was stored, so a failed pull is repeated from where the last complete one ended.
// Throttling and server errors are retried by the HTTP client (Retry-After honoured);
// a pull that still fails makes the schedule back off (30 s doubling, up to the interval).
class SecurityHubPuller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecurityHubPuller)

public:
    explicit SecurityHubPuller(store::Database &database, QObject *parent = nullptr);
    ~SecurityHubPuller() override;

    // Takes effect from the next pull; restarts the schedule when it runs.
    void setSettings(const SecurityHubPullSettings &settings);
    const SecurityHubPullSettings &settings() const { return m_settings; }
    void setCredentials(const aws::Credentials &credentials);
    aws::AwsHttpClient &http() { return *m_http; }
    void setPageSize(int findings) { m_pageSize = std::clamp(findings, 1, 100); }
    // At most this many pages per pull (the rest comes with the next pull).
    void setMaxPages(int pages) { m_maxPages = std::max(1, pages); }

    // Starts a pull; false (and nothing started) while one runs.
    bool pullNow();
    void cancel();
    bool isPulling() const { return m_pulling; }

    // The schedule: a pull every settings().intervalMinutes while settings().enabled.
    void start();
    void stop();
    bool isScheduled() const { return m_timer.isActive(); }
    QDateTime nextPullAt() const { return m_nextPullAt; }
    QDateTime lastPullAt() const { return m_lastPullAt; }
    const SecurityHubPullResult &lastResult() const { return m_last; }
    int consecutiveFailures() const { return m_failures; }
    // One line for the status bar / triage view ("Security Hub: 12 new or updated at 10:42").
    QString statusText() const;

    // Wait before the next scheduled pull after `failures` failed pulls in a row.
    static int backoffSeconds(int failures, int intervalSeconds);

signals:
    void pullStarted();
    void pullFinished(const warroom::ingest::SecurityHubPullResult &result);
    void statusChanged();

private:
    void fetchPage(const QString &nextToken);
    void ingestPage(const QJsonObject &page, const QString &nextToken);
    void finish();
    void scheduleNext();

    store::Database &m_database;
    SecurityHubPullSettings m_settings;
    std::unique_ptr<aws::AwsHttpClient> m_http;
    QPointer<aws::AwsReply> m_reply;
    QThreadPool m_pool; // one thread: parse, triage and store off the caller's thread
    std::unique_ptr<triage::TriageEngine> m_engine; // used on the pool's thread only
    QTimer m_timer;
    SecurityHubPullResult m_current;
    SecurityHubPullResult m_last;
    QDateTime m_lastPullAt;
    QDateTime m_nextPullAt;
    QDateTime m_until;
    quint64 m_generation = 0;
    int m_pageSize = 100;
    int m_maxPages = 1000;
    int m_failures = 0;
    bool m_pulling = false;
    bool m_scheduled = false;
};

} // namespace warroom::ingest
