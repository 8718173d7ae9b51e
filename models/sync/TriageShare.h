#pragma once

#include "CaseBackend.h"

#include "store/OutboxRepository.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <optional>

class QSqlDatabase;

namespace warroom::sync {

class SyncEngine;

// A finding's claim held on the server: who works on it.
struct TriageClaim final
{
    QString findingId;
    QString console; // the workspace ID of the console that holds it
    QString analyst;
    QString principal;
    QDateTime claimedAt;
    QDateTime expiresAt;
};

// Triage decisions shared through warroom-server's x-warroom triage extension, so two
// analysts do not work the same finding. Only with a warroom-server backend: with the
// embedded backend decisions stay local, AWS has no such API.
//
// Out: every analyst decision and assignment (FindingDecisions' change hook) is queued in
// the workspace's outbox in the same transaction (claim / release / decision, the group
// "x-warroom-triage", or the case's own group for an escalation into a case that has no
// backend ID yet), so decisions made offline are sent later, in order, by the sync engine.
// In: the server's triage state after a cursor, pulled when the change feed names triage
// state, every few seconds, and after each answer; kept in triage_shared; other consoles'
// decisions are applied to the findings (unless a local change of the finding waits).
// A claim another console got first is refused by the server (ConflictException); the
// console then shows that holder, so every console agrees on one.
class TriageShare final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TriageShare)

public:
    enum class Mode { Shared, LocalOnly, Unavailable };

    // What a finding looks like before and after a decision (FindingDecisions' states).
    struct FindingState
    {
        QString id;
        QString verdict;
        QString verdictRule; // "analyst:<name>", "false-positive:<name>", or the engine's
        QString assignee;
        QString caseId;
    };

    explicit TriageShare(SyncEngine &engine, QObject *parent = nullptr);
    ~TriageShare() override;

    Mode mode() const { return m_mode; }
    // One sentence for the triage view ("Shared through http://...", "Local only: ...").
    QString describe() const;
    QString consoleId() const { return m_console; }
    void setAnalyst(const QString &analyst) { m_analyst = analyst; }

    // Queues the claims, releases and decisions that turn `before` into `after` (inside
    // the caller's write transaction). Does nothing unless mode() is Shared.
    bool queueChanges(QSqlDatabase &connection, const QList<FindingState> &before,
        const QList<FindingState> &after, QString *error);
    // The next queued changes take findings over from other consoles (the analyst was
    // warned and chose to go on).
    void setForce(bool force) { m_force = force; }

    // An unexpired claim of another console on the finding.
    std::optional<TriageClaim> claimByOther(const QString &findingId) const;
    // Every finding other consoles work on, with the analyst.
    QHash<QString, QString> workedByOthers() const;

    // Claims this console holds on findings still assigned here are claimed again (the
    // server extends a console's own claim) once less than `seconds` of them is left, so
    // an analyst who keeps working keeps the finding. Checked each minute while running.
    static constexpr int DefaultClaimRenewalSeconds = 3600;
    void setClaimRenewalWindow(int seconds) { m_renewalWindowSeconds = seconds; }
    // Queues those claims now (one per finding: not while one waits to be sent); how many.
    int renewClaims(QString *error = nullptr);

    // Pulls the server's triage state after the cursor now (queued behind one running).
    void refresh();
    void start();
    void stop();
    void setRefreshInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    qint64 cursor() const { return m_cursor; }

signals:
    // Findings whose shared state (claim or decision) changed in the store.
    void stateChanged(const QStringList &findingIds);
    // The server refused a claim or decision: another console holds the finding.
    void refused(const QString &findingId, const QString &message);

private:
    void fetch();
    // `moveCursor`: the items are a page of the state after the cursor (not one answer).
    bool storeItems(
        const QJsonArray &items, QStringList *changed, QString *error, bool moveCursor = true);
    void onAnswered(const store::OutboxEntry &entry, const BackendResult &result);
    store::OutboxEntry entryFor(const QString &operation, const QString &findingId,
        const QJsonObject &members, const QString &caseGroup) const;

    SyncEngine &m_engine;
    Mode m_mode = Mode::LocalOnly;
    QString m_console;
    QString m_analyst;
    qint64 m_cursor = 0;
    bool m_fetching = false;
    bool m_fetchAgain = false;
    bool m_force = false;
    bool m_running = false;
    quint64 m_generation = 0;
    QTimer m_timer;
    QTimer m_renewalTimer;
    int m_renewalWindowSeconds = DefaultClaimRenewalSeconds;
};

} // namespace warroom::sync
