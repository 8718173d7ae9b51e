#include "SecurityHubPuller.h"

#include "FindingImporter.h"
#include "StoredTriage.h"

#include "aws/AwsHttpClient.h"
#include "aws/SecurityHubClient.h"
#include "store/Database.h"
#include "triage/TriageEngine.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcSecurityHubPull, "warroom.ingest.securityhub")

namespace warroom::ingest {

using namespace Qt::StringLiterals;

namespace {

// What the worker hands back for one page.
struct PageOutcome
{
    qint64 received = 0;
    qint64 stored = 0;
    qint64 unchanged = 0;
    qint64 filtered = 0;
    QList<triage::ParseIssue> issues;
    QDateTime newest;
    QString error;
};

// The stored finding's UpdatedAt in epoch milliseconds, or -1 when it is not stored.
qint64 storedUpdatedAt(QSqlQuery &query, const QString &id)
{
    query.addBindValue(id);
    qint64 ms = -1;
    if (query.exec() && query.next() && !query.value(0).isNull())
        ms = qRound64(query.value(0).toDouble() * 1000.0);
    query.finish();
    return ms;
}

} // namespace

QJsonObject SecurityHubPullResult::toJson() const
{
    QJsonObject json {{u"Pages"_s, pages}, {u"Received"_s, received}, {u"Stored"_s, stored},
        {u"Unchanged"_s, unchanged}, {u"Filtered"_s, filtered}, {u"SkippedCount"_s, issues.size()},
        {u"Since"_s, since.isValid() ? since.toString(Qt::ISODateWithMs) : QString()},
        {u"HighWaterMark"_s,
            highWaterMark.isValid() ? highWaterMark.toString(Qt::ISODateWithMs) : QString()}};
    QJsonArray skipped;
    for (const auto &issue : issues)
        skipped.append(QJsonObject {{u"Position"_s, issue.position}, {u"Reason"_s, issue.reason}});
    json.insert(u"Skipped"_s, skipped);
    if (!error.isEmpty())
        json.insert(u"Error"_s, error);
    return json;
}

SecurityHubPuller::SecurityHubPuller(store::Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_http(std::make_unique<aws::AwsHttpClient>())
{
    m_http->setTransferTimeout(std::chrono::seconds(30));
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!pullNow())
            scheduleNext();
    });
}

SecurityHubPuller::~SecurityHubPuller()
{
    ++m_generation;
    if (m_reply)
        m_reply->abort();
    m_pool.start([this] {
        m_engine.reset();
        m_database.releaseThreadConnections();
    });
    m_pool.waitForDone();
}

void SecurityHubPuller::setSettings(const SecurityHubPullSettings &settings)
{
    m_settings = settings;
    if (m_scheduled) {
        m_failures = 0;
        scheduleNext();
    }
    emit statusChanged();
}

void SecurityHubPuller::setCredentials(const aws::Credentials &credentials)
{
    m_http->setCredentials(credentials);
}

void SecurityHubPuller::start()
{
    m_scheduled = true;
    scheduleNext();
}

void SecurityHubPuller::stop()
{
    m_scheduled = false;
    m_timer.stop();
    m_nextPullAt = {};
    emit statusChanged();
}

int SecurityHubPuller::backoffSeconds(int failures, int intervalSeconds)
{
    if (failures <= 0)
        return intervalSeconds;
    const qint64 wait = 30LL << std::min(failures - 1, 12);
    return int(std::min<qint64>(wait, std::max(30, intervalSeconds)));
}

void SecurityHubPuller::scheduleNext()
{
    m_timer.stop();
    m_nextPullAt = {};
    if (m_scheduled && m_settings.enabled && !m_pulling) {
        const int seconds = backoffSeconds(m_failures, m_settings.intervalMinutes * 60);
        m_timer.start(std::chrono::seconds(seconds));
        m_nextPullAt = QDateTime::currentDateTimeUtc().addSecs(seconds);
    }
    emit statusChanged();
}

bool SecurityHubPuller::pullNow()
{
    if (m_pulling)
        return false;
    m_timer.stop();
    m_pulling = true;
    m_current = SecurityHubPullResult();
    m_current.since = SecurityHubPullSettings::highWaterMark(m_database);
    m_current.highWaterMark = m_current.since;
    m_until = QDateTime::currentDateTimeUtc();
    ++m_generation;
    emit pullStarted();
    emit statusChanged();
    fetchPage(QString());
    return true;
}

void SecurityHubPuller::cancel()
{
    if (!m_pulling)
        return;
    m_current.cancelled = true;
    if (m_reply)
        m_reply->abort(); // finished() arrives with a Cancelled error
}

void SecurityHubPuller::fetchPage(const QString &nextToken)
{
    aws::AwsClientConfig config;
    config.region = m_settings.region;
    config.endpointUrl = m_settings.endpointUrl;
    aws::SecurityHubClient client(m_http.get(), config);
    const QJsonObject filters = m_settings.filters(m_current.since, m_until);
    // Oldest update first, so a pull cut short by maxPages continues where it stopped.
    const QJsonArray sort {QJsonObject {{u"Field"_s, u"UpdatedAt"_s}, {u"SortOrder"_s, u"asc"_s}}};
    const quint64 generation = m_generation;
    m_reply = client.getFindings(filters, sort, m_pageSize, nextToken,
        [this, generation](const aws::AwsOutcome<QJsonObject> &outcome) {
            if (generation != m_generation)
                return;
            m_reply.clear();
            if (!outcome.ok()) {
                if (!m_current.cancelled) {
                    m_current.error = outcome.error.toString();
                    m_current.errorType = outcome.error.type.isEmpty()
                        ? aws::AwsError::kindName(outcome.error.kind)
                        : outcome.error.type;
                    m_current.transport = outcome.error.isTransport();
                    m_current.throttled = outcome.error.throttling
                        || outcome.error.httpStatus == 429
                        || aws::AwsError::isThrottlingType(outcome.error.type);
                }
                finish();
                return;
            }
            ingestPage(outcome.json, outcome.json.value(u"NextToken"_s).toString());
        });
}

void SecurityHubPuller::ingestPage(const QJsonObject &page, const QString &nextToken)
{
    const QJsonArray findings = page.value(u"Findings"_s).toArray();
    const SecurityHubPullSettings settings = m_settings;
    const QDateTime since = m_current.since;
    const quint64 generation = m_generation;
    m_pool.start([this, findings, settings, since, nextToken, generation] {
        PageOutcome out;
        if (!m_engine) {
            m_engine = triageEngineFromStore(m_database, &out.error);
            if (m_engine
                && !FindingImporter(m_database, *m_engine).primeEngineFromStore(&out.error))
                m_engine.reset();
        }
        if (m_engine) {
            QList<domain::Finding> fresh;
            QSqlQuery stored(m_database.reader());
            stored.prepare(u"SELECT updated_at FROM findings WHERE id = ?"_s);
            qint64 position = 0;
            for (const QJsonValue &value : findings) {
                const qint64 index = position++;
                const QJsonObject asff = value.toObject();
                ++out.received;
                if (!settings.accepts(asff)) {
                    ++out.filtered;
                    continue;
                }
                QString reason;
                auto finding = triage::FindingParser::fromAsff(asff, &reason);
                if (!finding) {
                    out.issues.append({index, reason});
                    continue;
                }
                const QDateTime updated = finding->updatedAt;
                if (updated.isValid() && (!out.newest.isValid() || updated > out.newest))
                    out.newest = updated;
                // Not newer than what the last complete pull saw, or than the stored copy.
                if (updated.isValid()
                    && ((since.isValid() && updated < since)
                        || storedUpdatedAt(stored, finding->id) >= updated.toMSecsSinceEpoch())) {
                    ++out.unchanged;
                    continue;
                }
                fresh.append(std::move(*finding));
            }
            stored.finish();
            if (!fresh.isEmpty()) {
                const ImportResult imported
                    = FindingImporter(m_database, *m_engine).importFindings(std::move(fresh));
                out.stored = imported.stored;
                if (!imported.ok())
                    out.error = imported.error;
            }
        }
        QMetaObject::invokeMethod(
            this,
            [this, out, nextToken, generation] {
                if (generation != m_generation)
                    return;
                ++m_current.pages;
                m_current.received += out.received;
                m_current.stored += out.stored;
                m_current.unchanged += out.unchanged;
                m_current.filtered += out.filtered;
                m_current.issues += out.issues;
                if (out.newest.isValid()
                    && (!m_current.highWaterMark.isValid() || out.newest > m_current.highWaterMark))
                    m_current.highWaterMark = out.newest;
                if (!out.error.isEmpty()) {
                    m_current.error = out.error;
                    m_current.errorType = u"StoreError"_s;
                }
                emit statusChanged();
                if (!m_current.ok() || nextToken.isEmpty() || m_current.pages >= m_maxPages)
                    finish();
                else
                    fetchPage(nextToken);
            },
            Qt::QueuedConnection);
    });
}

void SecurityHubPuller::finish()
{
    // The engine (rule hit counts, fingerprints) is per pull; its thread lets it go.
    m_pool.start([this] {
        m_engine.reset();
        m_database.releaseThreadConnections();
    });
    const bool complete = m_current.ok() && m_current.pages > 0;
    if (complete && m_current.highWaterMark.isValid()
        && m_current.highWaterMark != m_current.since) {
        QString error;
        if (!SecurityHubPullSettings::setHighWaterMark(m_database, m_current.highWaterMark, &error))
            qCWarning(lcSecurityHubPull) << "the high-water mark was not saved:" << error;
    }
    if (!complete)
        m_current.highWaterMark = m_current.since;
    if (m_current.ok())
        m_failures = 0;
    else if (!m_current.cancelled)
        ++m_failures;
    if (!m_current.ok())
        qCWarning(lcSecurityHubPull).noquote()
            << "pull stopped after" << m_current.pages
            << "page(s):" << (m_current.cancelled ? u"cancelled"_s : m_current.error);
    else
        qCInfo(lcSecurityHubPull) << "pulled" << m_current.received
                                  << "finding(s):" << m_current.stored << "stored,"
                                  << m_current.unchanged << "unchanged";
    m_last = m_current;
    m_lastPullAt = QDateTime::currentDateTimeUtc();
    m_pulling = false;
    scheduleNext();
    emit pullFinished(m_last);
    emit statusChanged();
}

QString SecurityHubPuller::statusText() const
{
    if (m_pulling)
        return tr("Security Hub: pulling (%n page(s) so far)\u2026", nullptr, m_current.pages);
    QString text;
    if (!m_lastPullAt.isValid()) {
        text = tr("Security Hub: not pulled yet");
    } else if (m_last.cancelled) {
        text = tr("Security Hub: pull cancelled");
    } else if (!m_last.ok()) {
        text = m_last.throttled ? tr("Security Hub: throttled (%1)").arg(m_last.error)
                                : tr("Security Hub: pull failed (%1)").arg(m_last.error);
    } else {
        text = tr("Security Hub: %n new or updated", nullptr, int(m_last.stored))
            + tr(" at %1").arg(m_lastPullAt.toLocalTime().toString(u"HH:mm"_s));
    }
    if (m_nextPullAt.isValid())
        text += (m_failures > 0 ? tr("; retrying at %1") : tr("; next at %1"))
                    .arg(m_nextPullAt.toLocalTime().toString(u"HH:mm:ss"_s));
    return text;
}

} // namespace warroom::ingest
