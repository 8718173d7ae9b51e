#include "SyncEngine.h"

#include "CaseMerge.h"
#include "SyncLogging.h"

#include "domain/Case.h"
#include "domain/CaseEdit.h"
#include "domain/CaseJson.h"
#include "domain/Comment.h"
#include "domain/Investigation.h"
#include "domain/InvestigationJson.h"
#include "domain/JsonTime.h"
#include "domain/Validation.h"
#include "store/CaseEditRepository.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/SqlValues.h"
#include "store/Workspace.h"
#include "timeline/TimelineCollector.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace warroom::sync {

using namespace Qt::StringLiterals;

namespace {

constexpr int PageSize = 25;
constexpr int FeedWaitSeconds = 10;
constexpr int DefaultPollMs = 30000;

QDateTime farFuture()
{
    return QDateTime::currentDateTimeUtc().addYears(100);
}

} // namespace

SyncEngine::SyncEngine(
    store::Workspace &workspace, std::unique_ptr<CaseBackend> backend, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_backend(std::move(backend))
    , m_changes(std::make_unique<LocalChanges>(workspace.database(), m_backend->principal()))
{
    m_backend->setParent(nullptr);
    {
        QSqlQuery q(m_workspace.database().reader());
        q.prepare(u"SELECT value FROM settings WHERE key = ?"_s);
        q.addBindValue(principalSettingKey());
        if (q.exec() && q.next() && !q.value(0).toString().isEmpty())
            m_changes->setPrincipal(q.value(0).toString());
    }
    m_senderTimer.setSingleShot(true);
    connect(&m_senderTimer, &QTimer::timeout, this, &SyncEngine::kickSender);
    m_refetchTimer.setSingleShot(true);
    connect(&m_refetchTimer, &QTimer::timeout, this, &SyncEngine::refetchNow);
    m_pollTimer.setInterval(DefaultPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &SyncEngine::pullNow);
    connect(m_changes.get(), &LocalChanges::caseChanged, this, &SyncEngine::caseChanged);
    connect(m_changes.get(), &LocalChanges::caseIdReplaced, this, &SyncEngine::caseIdReplaced);
    connect(m_changes.get(), &LocalChanges::outboxChanged, this, [this] {
        emit statusChanged();
        if (m_running)
            kickSender();
    });
}

SyncEngine::~SyncEngine()
{
    stop();
    m_backend->cancelAll();
}

void SyncEngine::collectTimelinesOnce()
{
    QElapsedTimer timer;
    timer.start();
    int appended = 0;
    QString error;
    if (!m_workspace.database().write(
            [&appended](QSqlDatabase &c, QString *e) {
                appended = timeline::TimelineCollector(c).collectAllOnce(e);
                return appended >= 0;
            },
            &error))
        qWarning("sync: the case timelines could not be collected: %s", qPrintable(error));
    else if (appended > 0)
        qInfo("sync: %d timeline entries collected from the workspace in %lld ms", appended,
            timer.elapsed());
}

void SyncEngine::start()
{
    if (m_running)
        return;
    m_running = true;
    collectTimelinesOnce();
    kickSender();
    pullNow();
    if (m_backend->hasChangeFeed())
        listenForChanges();
    else
        m_pollTimer.start();
}

void SyncEngine::stop()
{
    m_running = false;
    ++m_generation;
    m_pollTimer.stop();
    m_senderTimer.stop();
    m_refetchTimer.stop();
    m_listening = false;
    // Answers of sends in flight are dropped now: the reads waiting for them go with the
    // next pull instead of being forgotten.
    for (const QString &caseId : std::exchange(m_afterSend, {}))
        m_targeted.insert(caseId);
}

int SyncEngine::backoffMs(int attempt, double random)
{
    const double base = 500.0 * std::pow(2.0, std::clamp(attempt - 1, 0, 10));
    const double capped = std::min(base, 60000.0);
    // "Equal jitter": half fixed, half random, so retries of many clients spread out.
    return int(capped / 2 + capped / 2 * std::clamp(random, 0.0, 1.0));
}

qint64 SyncEngine::pendingCount() const
{
    return store::OutboxRepository(m_workspace.database().reader())
        .count(store::OutboxEntry::State::Pending);
}

qint64 SyncEngine::failedCount() const
{
    return store::OutboxRepository(m_workspace.database().reader())
        .count(store::OutboxEntry::State::Failed);
}

QList<store::OutboxEntry> SyncEngine::needsAttention() const
{
    return store::OutboxRepository(m_workspace.database().reader())
        .list(store::OutboxEntry::State::Failed);
}

bool SyncEngine::retry(qint64 outboxId, QString *error)
{
    const bool ok = m_workspace.database().write(
        [&](QSqlDatabase &c, QString *e) {
            return store::OutboxRepository(c).requeue(outboxId, e);
        },
        error);
    if (ok) {
        emit statusChanged();
        if (m_running)
            kickSender();
    }
    return ok;
}

bool SyncEngine::discard(qint64 outboxId, QString *error)
{
    const auto entry = store::OutboxRepository(m_workspace.database().reader()).get(outboxId);
    const bool ok = m_workspace.database().write(
        [&](QSqlDatabase &c, QString *e) {
            if (!store::OutboxRepository(c).remove(outboxId, e))
                return false;
            // A comment the backend refused was never made there (a retry of one that was
            // would have been answered with it, by its clientToken): its provisional copy
            // goes with the change, not only when the case is read again.
            if (entry && entry->operation == u"CreateCaseComment"_s) {
                const QString localId = entry->payload.value(u"localCommentId"_s).toString();
                if (LocalChanges::isProvisionalId(localId)
                    && !store::CommentRepository(c).remove(entry->caseId, localId, e))
                    return false;
            }
            return !entry || entry->caseId.isEmpty() || rebuildLocalCase(c, entry->caseId, e);
        },
        error);
    if (ok && entry)
        qCDebug(lcSync) << "discarded" << outboxId << entry->operation << entry->caseId;
    if (ok) {
        if (entry && entry->operation == u"UploadAttachment"_s)
            QFile::remove(entry->payload.value(u"localPath"_s).toString());
        if (entry && !entry->caseId.isEmpty())
            emit caseChanged(entry->caseId);
        emit statusChanged();
        emit conflictsChanged();
        // The local copy of the case goes back to the backend's on the next pull.
        if (entry && !entry->caseId.isEmpty() && !LocalChanges::isProvisionalId(entry->caseId)
            && entry->caseId != triageGroup())
            m_targeted.insert(entry->caseId);
        if (m_running)
            kickSender();
    }
    return ok;
}

bool SyncEngine::editRefused(
    qint64 outboxId, const QJsonObject &payload, domain::FieldErrors *errors, QString *error)
{
    const auto entry = store::OutboxRepository(m_workspace.database().reader()).get(outboxId);
    if (!entry || entry->state != store::OutboxEntry::State::Failed) {
        if (error)
            *error = tr("Change %1 is not waiting for attention.").arg(outboxId);
        return false;
    }
    // What identifies the change stays as it was.
    QJsonObject edited = payload;
    for (const QString &fixed :
        {u"caseId"_s, u"commentId"_s, u"localCommentId"_s, u"localPath"_s, u"resultId"_s})
        if (entry->payload.contains(fixed))
            edited.insert(fixed, entry->payload.value(fixed));
    edited.remove(u"clientToken"_s);

    domain::FieldErrors problems;
    const QString &op = entry->operation;
    if (op == u"UpdateCase"_s) {
        domain::UpdateCaseRequest request;
        domain::fromJson(edited, request, &problems);
        request.caseId = entry->caseId;
        problems += domain::validate(request);
        if (LocalChanges::isProvisionalId(entry->caseId))
            problems.removeIf([](const auto &p) { return p.field == u"caseId"_s; });
    } else if (op == u"CreateCase"_s) {
        domain::CreateCaseRequest request;
        domain::fromJson(edited, request, &problems);
        problems += domain::validate(request);
        problems.removeIf([](const auto &p) { return p.field == u"clientToken"_s; });
    } else if (op == u"CreateCaseComment"_s || op == u"UpdateCaseComment"_s) {
        domain::checkCommentBody(edited.value(u"body"_s).toString(), u"body"_s, problems);
    }
    if (!problems.isEmpty()) {
        if (errors)
            *errors = problems;
        if (error) {
            QStringList parts;
            for (const auto &p : problems)
                parts << QString(p.field % u": "_s % p.message);
            *error = tr("The change was not saved: %1").arg(parts.join(u"; "_s));
        }
        return false;
    }
    // A new request gets a new token (the server refused the old one's request, so
    // nothing was made with it, and it must not match a different request).
    const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (entry->payload.contains(u"clientToken"_s))
        edited.insert(u"clientToken"_s, token);
    const bool ok = m_workspace.database().write(
        [&](QSqlDatabase &c, QString *e) {
            if (!store::OutboxRepository(c).updatePayload(outboxId, edited, token, e))
                return false;
            if (op == u"CreateCaseComment"_s || op == u"UpdateCaseComment"_s) {
                store::CommentRepository comments(c);
                const QString id = edited
                                       .value(op == u"CreateCaseComment"_s ? u"localCommentId"_s
                                                                           : u"commentId"_s)
                                       .toString();
                if (auto comment = comments.get(entry->caseId, id)) {
                    comment->body = edited.value(u"body"_s).toString();
                    if (!comments.upsert(*comment, e))
                        return false;
                }
            }
            return entry->caseId.isEmpty() || rebuildLocalCase(c, entry->caseId, e);
        },
        error);
    if (ok) {
        if (!entry->caseId.isEmpty())
            emit caseChanged(entry->caseId);
        emit statusChanged();
        if (m_running)
            kickSender();
    }
    return ok;
}

QList<store::SyncConflict> SyncEngine::conflicts() const
{
    return store::SyncConflictRepository(m_workspace.database().reader()).list();
}

QList<store::SyncConflict> SyncEngine::conflictsForCase(const QString &caseId) const
{
    return store::SyncConflictRepository(m_workspace.database().reader()).listForCase(caseId);
}

qint64 SyncEngine::conflictCount() const
{
    return store::SyncConflictRepository(m_workspace.database().reader()).count();
}

bool SyncEngine::resolveConflict(
    const QString &caseId, const QString &field, ConflictChoice choice, QString *error)
{
    const bool ok = m_workspace.database().write(
        [&](QSqlDatabase &c, QString *e) {
            store::SyncConflictRepository conflicts(c);
            if (!conflicts.get(caseId, field, e)) {
                *e = tr("There is no conflict on %1 of case %2.").arg(field, caseId);
                return false;
            }
            if (!conflicts.remove(caseId, field, e))
                return false;
            if (choice == ConflictChoice::KeepMine)
                return true; // the base is the backend's value now: sending overwrites it
            store::OutboxRepository outbox(c);
            for (store::OutboxEntry entry : outbox.unsentForCase(caseId, e)) {
                const qint64 id = entry.id;
                QJsonObject overwrote
                    = entry.payload.value(CaseMerge::overwroteMember()).toObject();
                const QJsonValue theirs = overwrote.value(field);
                if (theirs.isString() && CaseMerge::fieldsSetBy(entry).contains(field)) {
                    // Our write overwrote theirs (found after the fact): write theirs back.
                    overwrote.remove(field);
                    store::OutboxEntry back;
                    back.caseId = caseId;
                    back.payload = {{u"caseId"_s, caseId}};
                    if (field == u"caseStatus"_s && theirs.toString() == u"Closed"_s) {
                        back.operation = u"CloseCase"_s;
                    } else if (field == u"caseStatus"_s) {
                        back.operation = u"UpdateCaseStatus"_s;
                        back.payload.insert(field, theirs);
                    } else {
                        back.operation = u"UpdateCase"_s;
                        back.payload.insert(field, theirs);
                    }
                    if (!overwrote.isEmpty())
                        back.payload.insert(CaseMerge::overwroteMember(), overwrote);
                    if (CaseMerge::withoutField(entry, field)) {
                        if (!outbox.updatePayload(id, entry.payload, entry.clientToken, e))
                            return false;
                    } else if (!outbox.remove(id, e)) {
                        return false;
                    }
                    if (outbox.enqueue(back, e) <= 0)
                        return false;
                    continue;
                }
                if (!CaseMerge::withoutField(entry, field)) {
                    if (!outbox.remove(id, e))
                        return false;
                } else if (!outbox.updatePayload(id, entry.payload, entry.clientToken, e)
                    || (entry.state == store::OutboxEntry::State::Failed
                        && !store::OutboxRepository(c).markFailed(id, entry.lastError, e))) {
                    return false;
                }
            }
            return rebuildLocalCase(c, caseId, e);
        },
        error);
    if (ok) {
        emit caseChanged(caseId);
        emit conflictsChanged();
        emit statusChanged();
        if (m_running)
            kickSender();
    }
    return ok;
}

bool SyncEngine::rebuildLocalCase(QSqlDatabase &connection, const QString &caseId, QString *error)
{
    store::CaseRepository cases(connection);
    store::SyncConflictRepository conflicts(connection);
    const QList<store::OutboxEntry> unsent
        = store::OutboxRepository(connection).unsentForCase(caseId, error);
    const QStringList setFields = CaseMerge::fieldsSetBy(unsent);
    for (const auto &conflict : conflicts.listForCase(caseId, error))
        if (!setFields.contains(conflict.field) && !conflicts.remove(caseId, conflict.field, error))
            return false;
    const auto local = cases.get(caseId, error);
    if (!local)
        return true;
    domain::Case rebuilt;
    if (const auto base = conflicts.base(caseId, error)) {
        domain::fromJson(*base, rebuilt);
        rebuilt.caseId = caseId;
        rebuilt = CaseMerge::replayed(rebuilt, unsent);
    } else if (!unsent.isEmpty() && unsent.first().operation == u"CreateCase"_s) {
        domain::CreateCaseRequest request;
        domain::fromJson(unsent.first().payload, request);
        rebuilt = CaseMerge::replayed(
            LocalChanges::caseFromRequest(request, caseId, local->createdDate), unsent);
    } else {
        return true; // never pulled: nothing to rebuild from
    }
    // With nothing left unsent the case is the backend's copy as last pulled, its date too
    // (a later local date would stand until the backend changes the case again).
    if (!unsent.isEmpty())
        rebuilt.lastUpdatedDate = std::max(rebuilt.lastUpdatedDate, local->lastUpdatedDate);
    return rebuilt == *local || cases.upsert(rebuilt, error);
}

void SyncEngine::setOnline(bool online, const QString &error)
{
    const bool changed = online != m_online || error != m_lastError;
    const bool cameBack = online && !m_online;
    m_online = online;
    if (cameBack) {
        // Back online: what waited for the connection goes at once, not after its backoff.
        QString ignored;
        m_workspace.database().write(
            [](QSqlDatabase &c, QString *e) {
                return store::execStatement(
                    c, u"UPDATE outbox SET next_attempt_at = 0 WHERE state = 'pending'"_s, e);
            },
            &ignored);
        if (m_running && !m_sending)
            QTimer::singleShot(0, this, &SyncEngine::kickSender);
    }
    m_lastError = error;
    if (changed)
        emit statusChanged();
}

// --- sender -----------------------------------------------------------------------

void SyncEngine::kickSender()
{
    if (m_sending)
        return;
    const QDateTime now = m_onceMode ? farFuture() : QDateTime::currentDateTimeUtc();
    const auto due
        = store::OutboxRepository(m_workspace.database().reader()).nextPendingPerCase(now);
    for (const auto &entry : due) {
        if (m_onceMode && m_triedThisRound.contains(entry.id))
            continue;
        m_triedThisRound.insert(entry.id);
        sendEntry(entry);
        return;
    }
    senderIdle();
}

void SyncEngine::senderIdle()
{
    if (m_onceMode) {
        // Everything tried once: now the pull.
        m_onceMode = false;
        pullNow();
        return;
    }
    scheduleSender();
}

void SyncEngine::scheduleSender()
{
    if (!m_running)
        return;
    QDateTime earliest;
    for (const auto &entry : store::OutboxRepository(m_workspace.database().reader())
                                 .list(store::OutboxEntry::State::Pending)) {
        if (!earliest.isValid() || entry.nextAttemptAt < earliest)
            earliest = entry.nextAttemptAt;
    }
    if (!earliest.isValid())
        return;
    const qint64 wait = std::max<qint64>(50, QDateTime::currentDateTimeUtc().msecsTo(earliest));
    m_senderTimer.start(int(std::min<qint64>(wait, 60000)));
}

void SyncEngine::sendEntry(const store::OutboxEntry &entry)
{
    m_sending = true;
    m_sendingCaseId = entry.caseId;
    ++m_sendSerial[entry.caseId];
    qCDebug(lcSync) << "send" << entry.id << entry.operation << entry.caseId << "attempt"
                    << entry.attempts + 1;
    if (entry.operation == u"UploadAttachment"_s) {
        uploadAttachment(entry);
        return;
    }
    if (!CaseMerge::fieldsSetBy(entry).isEmpty()
        && store::SyncConflictRepository(m_workspace.database().reader()).base(entry.caseId)) {
        checkThenSend(entry);
        return;
    }
    callBackend(entry);
}

void SyncEngine::checkThenSend(const store::OutboxEntry &entry)
{
    // The API has no conditional write: read the case first, so a field the backend
    // changed since the last pull becomes a conflict instead of being overwritten.
    QPointer<SyncEngine> self(this);
    readCaseForSend(entry, [self, entry](const BackendResult &r) {
        if (!r.ok()) {
            self->finishEntry(entry, r);
            return;
        }
        domain::Case remote;
        domain::fromJson(r.output, remote);
        remote.caseId = entry.caseId;
        const QJsonObject remoteJson = domain::toJson(remote);
        // A status change the backend already has (an earlier attempt whose answer
        // was lost, or the same move made elsewhere) is done: sending it again would
        // be refused as a move to the same status.
        if (const QString want = targetStatus(entry); !want.isEmpty()) {
            if (remoteJson.value(u"caseStatus"_s).toString() == want) {
                self->markDone(entry, BackendResult {});
                return;
            }
        }
        bool changed = false;
        QString error;
        const bool ok = self->m_workspace.database().write(
            [&](QSqlDatabase &c, QString *e) {
                const auto unsent = store::OutboxRepository(c).unsentForCase(entry.caseId, e);
                return self->detectConflicts(c, entry.caseId, remoteJson,
                    CaseMerge::replayed(remote, unsent), unsent, &changed, e);
            },
            &error);
        if (!ok)
            qWarning("sync: conflicts of case %s not checked: %s", qPrintable(entry.caseId),
                qPrintable(error));
        if (changed)
            emit self->conflictsChanged();
        if (!self->conflictsForCase(entry.caseId).isEmpty()) {
            // Held until the user chooses; the rest of the outbox goes on.
            self->m_sending = false;
            self->m_sendingCaseId.clear();
            ++self->m_sendSerial[entry.caseId];
            if (self->m_afterSend.remove(entry.caseId))
                self->m_targeted.insert(entry.caseId);
            emit self->statusChanged();
            self->kickSender();
            return;
        }
        // The write is conditional where the backend can check it (warroom-server, the
        // embedded service): a change that slips in after this read refuses it.
        if (!self->m_beforeCheckedWrite) {
            self->callBackend(entry, remoteJson);
            return;
        }
        const quint64 generation = self->m_generation;
        self->m_beforeCheckedWrite(entry.caseId, [self, entry, remoteJson, generation] {
            if (self && self->m_generation == generation)
                self->callBackend(entry, remoteJson);
            else if (self)
                self->m_sending = false;
        });
    });
}

void SyncEngine::callBackend(const store::OutboxEntry &entry, const QJsonObject &checked)
{
    QJsonObject input = entry.payload;
    input.remove(u"localCommentId"_s);
    input.remove(CaseMerge::overwroteMember());
    const QDateTime checkedAt = checked.isEmpty()
        ? QDateTime()
        : domain::timestampFromJson(checked.value(u"lastUpdatedDate"_s)).value_or(QDateTime());
    const quint64 generation = m_generation;
    QPointer<SyncEngine> self(this);
    auto answered = [self, entry, generation, checkedAt, checked](const BackendResult &r) {
        if (!self)
            return;
        if (self->m_generation != generation) {
            self->m_sending = false;
            return;
        }
        if (checkedAt.isValid() && !r.ok() && CaseBackend::isPreconditionFailure(*r.error)) {
            // The case changed between the check and the write: check again, so a field
            // both sides changed becomes a conflict (a few times, then as any failure).
            const int again = ++self->m_preconditionFailures[entry.id];
            qCInfo(lcSync) << "case" << entry.caseId << "changed between check and write of"
                           << entry.operation << "(time" << again << "); checking again";
            if (again <= 3) {
                self->checkThenSend(entry);
                return;
            }
            BackendResult retry = r;
            retry.error->retryable = true;
            self->m_preconditionFailures.remove(entry.id);
            self->finishEntry(entry, retry);
            return;
        }
        self->m_preconditionFailures.remove(entry.id);
        if (r.ok() && checkedAt.isValid() && !self->m_backend->supportsConditionalWrite()) {
            // No conditional write (AWS): find out after the fact whether another writer
            // changed a field of this write between the check and the write.
            self->checkNotOverwritten(entry, checked, checkedAt, r);
            return;
        }
        self->finishEntry(entry, r);
    };
    if (checkedAt.isValid() && m_backend->supportsConditionalWrite())
        m_backend->callIfUnmodifiedSince(entry.operation, input, checkedAt, answered);
    else
        m_backend->call(entry.operation, input, answered);
}

namespace {

// The case fields an edit of the history names (warroom-server's messages; AWS does not
// publish its own, so an edit it cannot place may have touched any field: empty `known`).
QStringList fieldsOfEdit(const QString &message, bool *known)
{
    *known = true;
    static const QList<std::pair<QString, QString>> prefixes {
        {u"Title changed"_s, u"title"_s},
        {u"Description updated"_s, u"description"_s},
        {u"Engagement type changed"_s, u"engagementType"_s},
        {u"Reported incident start date"_s, u"reportedIncidentStartDate"_s},
        {u"Actual incident start date"_s, u"actualIncidentStartDate"_s},
        {u"Case metadata"_s, u"caseMetadata"_s},
        {u"Status changed"_s, u"caseStatus"_s},
        {u"Case closed"_s, u"caseStatus"_s},
        {u"Resolver"_s, u"resolverType"_s},
    };
    for (const auto &[prefix, field] : prefixes)
        if (message.startsWith(prefix))
            return {field};
    static const QStringList elsewhere {u"Comment"_s, u"Attachment"_s, u"Watchers"_s,
        u"Threat actor"_s, u"Impacted"_s, u"Tag"_s, u"Feedback"_s, u"Investigation"_s,
        u"Case created"_s};
    for (const QString &prefix : elsewhere)
        if (message.startsWith(prefix))
            return {};
    *known = false;
    return CaseMerge::conflictFields();
}

// The value an edit set, where its message tells it whole.
QJsonValue valueOfEdit(const QString &field, const QString &message)
{
    static const QRegularExpression title(uR"re(^Title changed from ".*" to "(.*)"$)re"_s);
    static const QRegularExpression to(u"^(?:Engagement type|Status) changed from .* to (.+)$"_s);
    if (field == u"title"_s) {
        const auto m = title.match(message);
        if (m.hasMatch() && !m.captured(1).endsWith(u"..."_s))
            return m.captured(1);
    } else if (field == u"engagementType"_s || field == u"caseStatus"_s) {
        if (message.startsWith(u"Case closed"_s))
            return u"Closed"_s;
        const auto m = to.match(message);
        if (m.hasMatch())
            return m.captured(1);
    }
    return QJsonValue::Null;
}

} // namespace

void SyncEngine::checkNotOverwritten(const store::OutboxEntry &entry, const QJsonObject &checked,
    const QDateTime &checkedAt, const BackendResult &result)
{
    QPointer<SyncEngine> self(this);
    fetchPages(u"ListCaseEdits"_s, entry.caseId, QString(), {},
        [self, entry, checked, checkedAt, result](bool ok, const QList<QJsonObject> &edits) {
            if (!self)
                return;
            // The edits after the check. Ours are this principal's, or when the backend
            // names writers otherwise (an access key here, an ARN there) the newest one's.
            struct Edit
            {
                QDateTime at;
                QString principal;
                QString message;
            };
            QList<Edit> window;
            for (const QJsonObject &json : edits) {
                const auto at = domain::timestampFromJson(json.value(u"eventTimestamp"_s));
                if (at && *at > checkedAt)
                    window.append({*at, json.value(u"principal"_s).toString(),
                        json.value(u"message"_s).toString()});
            }
            QString ours = self->m_changes->principal();
            if (std::none_of(window.cbegin(), window.cend(),
                    [&ours](const Edit &e) { return e.principal == ours; })) {
                const auto newest = std::max_element(window.cbegin(), window.cend(),
                    [](const Edit &a, const Edit &b) { return a.at < b.at; });
                ours = newest == window.cend() ? QString() : newest->principal;
            }
            QDateTime ourWrite;
            for (const Edit &e : std::as_const(window))
                if (e.principal == ours && (!ourWrite.isValid() || e.at > ourWrite))
                    ourWrite = e.at;
            const QStringList written = CaseMerge::fieldsSetBy(entry);
            QJsonObject overwrote; // field -> the other writer's value (or null)
            QStringList notes;
            for (const Edit &e : std::as_const(window)) {
                if (e.principal == ours || e.at > ourWrite)
                    continue; // ours, or after ours: the next pull brings it
                bool known = false;
                for (const QString &field : fieldsOfEdit(e.message, &known)) {
                    if (!written.contains(field))
                        continue;
                    const QJsonValue value = valueOfEdit(field, e.message);
                    if (!overwrote.contains(field) || !value.isNull())
                        overwrote.insert(field, value);
                    notes << QString(e.principal % u": "_s % e.message);
                }
            }
            if (!ok)
                qCWarning(lcSync) << "case" << entry.caseId
                                  << "written without a conditional write, and its edit history "
                                     "could not be read to check for an overwrite";
            self->finishEntry(entry, result);
            if (!overwrote.isEmpty())
                self->raiseOverwrite(entry, checked, overwrote, notes);
        });
}

void SyncEngine::raiseOverwrite(const store::OutboxEntry &entry, const QJsonObject &checked,
    const QJsonObject &overwrote, const QStringList &notes)
{
    qCInfo(lcSync).noquote() << "case" << entry.caseId << ": the write of" << entry.operation
                             << "overwrote another writer's change (" << notes.join(u"; "_s)
                             << "): held as a conflict";
    domain::Case before;
    domain::fromJson(checked, before);
    const QJsonObject mine = domain::toJson(CaseMerge::replayed(before, {entry}));
    QString error;
    const bool ok = m_workspace.database().write(
        [&](QSqlDatabase &c, QString *e) {
            // The write queued again, carrying the other value, so the case waits for the
            // user: keep mine sends ours again (already there), take theirs sends theirs.
            store::OutboxEntry again;
            again.caseId = entry.caseId;
            again.operation = entry.operation;
            again.payload = entry.payload;
            if (again.payload.contains(u"clientToken"_s))
                again.payload.remove(u"clientToken"_s);
            again.payload.insert(CaseMerge::overwroteMember(), overwrote);
            if (store::OutboxRepository(c).enqueue(again, e) <= 0)
                return false;
            store::SyncConflictRepository conflicts(c);
            for (auto it = overwrote.constBegin(); it != overwrote.constEnd(); ++it) {
                const store::SyncConflict conflict {entry.caseId, it.key(), checked.value(it.key()),
                    mine.value(it.key()), it.value(), QDateTime::currentDateTimeUtc()};
                if (!conflicts.upsert(conflict, e))
                    return false;
            }
            return true;
        },
        &error);
    if (!ok) {
        qCWarning(lcSync) << "the overwrite of case" << entry.caseId
                          << "could not be recorded:" << error;
        return;
    }
    emit conflictsChanged();
    emit statusChanged();
}

void SyncEngine::uploadAttachment(const store::OutboxEntry &entry)
{
    const QJsonObject p = entry.payload;
    const QJsonObject input {{u"caseId"_s, p.value(u"caseId"_s)},
        {u"fileName"_s, p.value(u"fileName"_s)}, {u"contentLength"_s, p.value(u"contentLength"_s)},
        {u"clientToken"_s, p.value(u"clientToken"_s)}};
    QPointer<SyncEngine> self(this);
    m_backend->call(u"GetCaseAttachmentUploadUrl"_s, input, [self, entry](const BackendResult &r) {
        if (!self)
            return;
        if (!r.ok()) {
            self->finishEntry(entry, r);
            return;
        }
        const QString caseId = entry.caseId;
        const QString fileName = entry.payload.value(u"fileName"_s).toString();
        auto *file = new QFile(entry.payload.value(u"localPath"_s).toString(), self);
        if (!file->open(QIODevice::ReadOnly)) {
            delete file;
            BackendResult failed;
            failed.error = BackendError {u"LocalFileMissing"_s,
                tr("The copy of %1 in the workspace is gone.").arg(fileName), {}, 0, false, false,
                {}};
            self->finishEntry(entry, failed);
            return;
        }
        emit self->transferProgress(caseId, fileName, 0, file->size());
        self->m_backend->putAttachment(
            r.output.value(u"attachmentPresignedUrl"_s).toString(), file, file->size(),
            [self, caseId, fileName](qint64 done, qint64 total) {
                if (self)
                    emit self->transferProgress(caseId, fileName, done, total);
            },
            [self, entry, file](const BackendResult &result) {
                file->deleteLater();
                if (self)
                    self->finishEntry(entry, result);
            });
    });
}

void SyncEngine::downloadAttachment(const QString &caseId, const QString &attachmentId,
    const QString &targetPath, std::function<void(bool ok, const QString &message)> done)
{
    const QString fileName = QFileInfo(targetPath).fileName();
    QPointer<SyncEngine> self(this);
    m_backend->call(u"GetCaseAttachmentDownloadUrl"_s,
        {{u"caseId"_s, caseId}, {u"attachmentId"_s, attachmentId}},
        [self, caseId, targetPath, fileName, done](const BackendResult &r) {
            if (!self)
                return;
            if (!r.ok()) {
                done(false, r.error->toString());
                return;
            }
            self->m_backend->getAttachment(
                r.output.value(u"attachmentPresignedUrl"_s).toString(),
                [self, caseId, fileName](qint64 got, qint64 total) {
                    if (self)
                        emit self->transferProgress(caseId, fileName, got, total);
                },
                [targetPath, done](const BackendResult &result, const QByteArray &bytes) {
                    if (!result.ok()) {
                        done(false, result.error->toString());
                        return;
                    }
                    // Written whole or not at all: a failed save leaves no half file.
                    QDir().mkpath(QFileInfo(targetPath).absolutePath());
                    QSaveFile out(targetPath);
                    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size()
                        || !out.commit()) {
                        done(false,
                            tr("%1 could not be written: %2").arg(targetPath, out.errorString()));
                        return;
                    }
                    done(true, QString());
                });
        });
}

void SyncEngine::finishEntry(const store::OutboxEntry &entry, const BackendResult &result)
{
    if (isTriageOperation(entry.operation)) {
        // Another console holds the finding: sending again cannot succeed; the triage
        // share learns the holder from the answer.
        if (!result.ok() && result.error->type == u"ConflictException"_s) {
            BackendResult settled;
            settled.output = QJsonObject {{u"conflict"_s, result.error->message}};
            markDone(entry, settled);
            emit triageAnswered(entry, result);
            return;
        }
        markDone(entry, result);
        if (result.ok())
            emit triageAnswered(entry, result);
        return;
    }
    const bool ambiguous = entry.attempts > 0
        && (entry.operation == u"UpdateCaseStatus"_s || entry.operation == u"CloseCase"_s);
    if (!result.ok() && !result.error->retryable && ambiguous) {
        confirmApplied(entry, result);
        return;
    }
    markDone(entry, result);
}

QString SyncEngine::targetStatus(const store::OutboxEntry &entry)
{
    if (entry.operation == u"CloseCase"_s)
        return u"Closed"_s;
    if (entry.operation == u"UpdateCaseStatus"_s)
        return entry.payload.value(u"caseStatus"_s).toString();
    return {};
}

void SyncEngine::readCaseForSend(
    const store::OutboxEntry &entry, std::function<void(const BackendResult &)> then)
{
    // The sender stays busy until `then` ends the send (or a stop() drops it).
    const quint64 generation = m_generation;
    QPointer<SyncEngine> self(this);
    m_backend->call(u"GetCase"_s, {{u"caseId"_s, entry.caseId}},
        [self, generation, then](const BackendResult &r) {
            if (!self)
                return;
            if (self->m_generation != generation) {
                self->m_sending = false;
                return;
            }
            then(r);
        });
}

void SyncEngine::confirmApplied(const store::OutboxEntry &entry, const BackendResult &refusal)
{
    QPointer<SyncEngine> self(this);
    readCaseForSend(entry, [self, entry, refusal](const BackendResult &r) {
        if (!r.ok()) {
            self->markDone(entry, r); // no answer: retried later as any failure
            return;
        }
        if (r.output.value(u"caseStatus"_s).toString() == targetStatus(entry)) {
            qInfo("sync: %s of case %s was applied by an earlier attempt",
                qPrintable(entry.operation), qPrintable(entry.caseId));
            self->markDone(entry, BackendResult {});
        } else {
            self->markDone(entry, refusal);
        }
    });
}

void SyncEngine::markDone(const store::OutboxEntry &entry, const BackendResult &result)
{
    qCDebug(lcSync) << "done" << entry.id << entry.operation << entry.caseId
                    << (result.ok() ? QJsonDocument(result.output).toJson(QJsonDocument::Compact)
                                    : result.error->toString().toUtf8());
    m_sending = false;
    m_sendingCaseId.clear();
    ++m_sendSerial[entry.caseId];
    if (m_afterSend.remove(entry.caseId))
        m_targeted.insert(entry.caseId);
    store::Database &db = m_workspace.database();
    QString error;
    if (result.ok()) {
        setOnline(true);
        QString caseId = entry.caseId;
        if (entry.operation == u"CreateCase"_s) {
            caseId = result.output.value(u"caseId"_s).toString();
            if (!m_changes->replaceCaseId(entry.caseId, caseId, &error))
                qWarning("sync: case %s could not take its ID %s: %s", qPrintable(entry.caseId),
                    qPrintable(caseId), qPrintable(error));
        } else if (entry.operation == u"CreateCaseComment"_s) {
            const QString commentId = result.output.value(u"commentId"_s).toString();
            m_changes->replaceCommentId(entry.caseId,
                entry.payload.value(u"localCommentId"_s).toString(), commentId, &error);
            m_ownCommentIds.insert(commentId);
        } else if (entry.operation == u"UploadAttachment"_s) {
            QFile::remove(entry.payload.value(u"localPath"_s).toString());
        }
        db.write(
            [&](QSqlDatabase &c, QString *e) {
                return store::OutboxRepository(c).markSent(
                    entry.id, QDateTime::currentDateTimeUtc(), e);
            },
            &error);
        if (!caseId.isEmpty() && !LocalChanges::isProvisionalId(caseId)
            && !isTriageOperation(entry.operation))
            m_targeted.insert(caseId);
    } else {
        const BackendError &e = *result.error;
        if (e.retryable) {
            if (e.transport)
                setOnline(false, e.toString());
            const int attempt = entry.attempts + 1;
            const int waitMs = e.retryAfterSeconds
                ? int(*e.retryAfterSeconds * 1000)
                : backoffMs(attempt, QRandomGenerator::global()->generateDouble());
            db.write(
                [&](QSqlDatabase &c, QString *err) {
                    return store::OutboxRepository(c).markRetry(entry.id, e.toString(),
                        QDateTime::currentDateTimeUtc().addMSecs(waitMs), err);
                },
                &error);
        } else {
            setOnline(true);
            db.write(
                [&](QSqlDatabase &c, QString *err) {
                    return store::OutboxRepository(c).markFailed(entry.id, e.toString(), err);
                },
                &error);
        }
    }
    emit statusChanged();
    if (!m_sending && !m_pulling && !m_targeted.isEmpty() && !m_onceMode)
        fetchNext();
    kickSender();
}

// --- puller -----------------------------------------------------------------------

void SyncEngine::pullNow()
{
    if (m_pulling) {
        m_pullAgain = true;
        return;
    }
    m_pulling = true;
    m_pullOk = true;
    listPage(QString());
}

void SyncEngine::listPage(const QString &nextToken)
{
    QJsonObject input {{u"maxResults"_s, PageSize}};
    if (!nextToken.isEmpty())
        input.insert(u"nextToken"_s, nextToken);
    QPointer<SyncEngine> self(this);
    m_backend->call(u"ListCases"_s, input, [self](const BackendResult &r) {
        if (!self)
            return;
        if (!r.ok()) {
            self->setOnline(!r.error->transport, r.error->toString());
            self->finishPull(false);
            return;
        }
        store::CaseRepository cases(self->m_workspace.database().reader());
        store::SyncConflictRepository bases(self->m_workspace.database().reader());
        for (const auto &value : r.output.value(u"items"_s).toArray()) {
            domain::CaseSummary summary;
            domain::fromJson(value.toObject(), summary);
            // The backend's copy as last pulled says whether it moved (the local copy's
            // date is that of its own changes).
            QDateTime known;
            if (const auto date = bases.baseLastUpdated(summary.caseId))
                known = domain::timestampFromJson(*date).value_or(QDateTime());
            else if (const auto local = cases.lastUpdated(summary.caseId))
                known = *local;
            if (!known.isValid() || known != summary.lastUpdatedDate)
                self->m_fetchQueue.append(summary.caseId);
        }
        const QString next = r.output.value(u"nextToken"_s).toString();
        if (!next.isEmpty()) {
            self->listPage(next);
            return;
        }
        // A full pull reads again the cases whose last read failed, too.
        for (const QString &caseId : std::exchange(self->m_refetch, {}))
            self->m_targeted.insert(caseId);
        self->fetchNext();
    });
}

void SyncEngine::fetchNext()
{
    const bool targetedOnly = !m_pulling;
    if (targetedOnly)
        m_pulling = true;
    for (const auto &caseId : std::as_const(m_targeted))
        if (!m_fetchQueue.contains(caseId))
            m_fetchQueue.append(caseId);
    m_targeted.clear();
    if (m_fetchQueue.isEmpty()) {
        finishPull(m_pullOk);
        return;
    }
    const QString caseId = m_fetchQueue.takeFirst();
    if (m_sending && m_sendingCaseId == caseId) {
        // Its change in flight may or may not be in what a read now returns.
        m_afterSend.insert(caseId);
        fetchNext();
        return;
    }
    QPointer<SyncEngine> self(this);
    fetchCase(caseId, [self, caseId](bool ok) {
        if (!self)
            return;
        if (!ok) {
            self->m_pullOk = false;
            self->refetchLater(caseId);
            self->fetchNext();
            return;
        }
        self->fetchInvestigations(caseId, [self, caseId](bool found) {
            if (!self)
                return;
            if (!found) {
                self->m_pullOk = false;
                self->refetchLater(caseId);
            }
            self->fetchNext();
        });
    });
}

void SyncEngine::refetchLater(const QString &caseId)
{
    // A case whose read failed is read again later: it may have been targeted for a
    // reason that no later ListCases shows (a discarded change, whose provisional
    // comment the read removes; a change-feed event), so it must not be forgotten.
    qCDebug(lcSync) << "fetch of" << caseId << "failed: read again later";
    m_refetch.insert(caseId);
    if (m_running && !m_refetchTimer.isActive())
        m_refetchTimer.start(
            backoffMs(++m_refetchFailures, QRandomGenerator::global()->generateDouble()));
}

void SyncEngine::refetchNow()
{
    for (const QString &caseId : std::exchange(m_refetch, {}))
        m_targeted.insert(caseId);
    if (!m_targeted.isEmpty() && !m_pulling && !m_onceMode)
        fetchNext();
}

void SyncEngine::fetchInvestigations(const QString &caseId, std::function<void(bool ok)> done)
{
    // A backend without investigations for this caller answers as if there were none.
    const QStringList noInvestigations {
        u"AccessDeniedException"_s, u"ResourceNotFoundException"_s, u"UnknownOperationException"_s};
    QPointer<SyncEngine> self(this);
    fetchPages(
        u"ListInvestigations"_s, caseId, QString(), {},
        [self, caseId, done](bool ok, const QList<QJsonObject> &items) {
            if (!self)
                return;
            if (!ok) {
                done(false);
                return;
            }
            QList<domain::Investigation> found;
            for (const QJsonObject &value : items) {
                domain::Investigation investigation;
                if (domain::fromJson(value, investigation))
                    found.append(investigation);
            }
            QString error;
            const bool stored = self->storeInvestigations(caseId, found, &error);
            if (!stored)
                qWarning("sync: investigations of case %s not stored: %s", qPrintable(caseId),
                    qPrintable(error));
            else if (!found.isEmpty())
                emit self->caseChanged(caseId);
            done(stored);
        },
        u"investigationActions"_s, noInvestigations);
}

bool SyncEngine::storeInvestigations(
    const QString &caseId, const QList<domain::Investigation> &items, QString *error)
{
    if (items.isEmpty())
        return true;
    return m_workspace.database().write(
        [&](QSqlDatabase &c, QString *e) {
            QSqlQuery q(c);
            q.prepare(u"INSERT INTO investigations (case_id, investigation_id, action_type, "
                      "title, content, status, last_updated, feedback) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                      "ON CONFLICT (case_id, investigation_id) DO UPDATE SET "
                      "action_type = excluded.action_type, title = excluded.title, "
                      "content = excluded.content, status = excluded.status, "
                      "last_updated = excluded.last_updated, feedback = excluded.feedback"_s);
            for (const domain::Investigation &inv : items) {
                q.addBindValue(caseId);
                q.addBindValue(inv.investigationId);
                q.addBindValue(inv.actionType ? domain::toString(*inv.actionType) : QString(u""_s));
                q.addBindValue(store::sql::text(inv.title));
                q.addBindValue(store::sql::text(inv.content));
                q.addBindValue(inv.status ? domain::toString(*inv.status) : QString(u""_s));
                q.addBindValue(store::sql::timeValue(inv.lastUpdated));
                q.addBindValue(inv.feedback.isEmpty()
                        ? u"{}"_s
                        : store::sql::jsonText(domain::toJson(inv.feedback)));
                if (!store::execQuery(q, e))
                    return false;
            }
            // The case's timeline takes them in the same transaction.
            return timeline::TimelineCollector(c).collect(caseId, e) >= 0;
        },
        error);
}

void SyncEngine::fetchCase(const QString &caseId, std::function<void(bool ok)> done)
{
    QPointer<SyncEngine> self(this);
    const quint64 serial = m_sendSerial.value(caseId);
    m_backend->call(u"GetCase"_s, {{u"caseId"_s, caseId}},
        [self, caseId, serial, done](const BackendResult &r) {
            if (!self)
                return;
            if (!r.ok()) {
                self->setOnline(!r.error->transport, r.error->toString());
                done(false);
                return;
            }
            domain::Case value;
            domain::fromJson(r.output, value);
            value.caseId = caseId;
            self->fetchTags(std::move(value), [self, serial, done](domain::Case value) {
                if (!self)
                    return;
                const QString &caseId = value.caseId;
                self->fetchPages(u"ListComments"_s, caseId, QString(), {},
                    [self, value, serial, done](bool ok, QList<QJsonObject> comments) {
                        if (!self)
                            return;
                        if (!ok) {
                            done(false);
                            return;
                        }
                        self->fetchPages(u"ListCaseEdits"_s, value.caseId, QString(), {},
                            [self, value, comments, serial, done](
                                bool ok, QList<QJsonObject> edits) {
                                if (!self)
                                    return;
                                QString error;
                                const QString &id = value.caseId;
                                // A change of this case sent while the fetch ran may or may not
                                // be in what it read: read it again after the send.
                                if (ok && self->m_sending && self->m_sendingCaseId == id) {
                                    qCDebug(lcSync)
                                        << "fetched" << id << "while sending: after send";
                                    self->m_afterSend.insert(id); // read again once it is answered
                                } else if (ok && self->m_sendSerial.value(id) != serial) {
                                    qCDebug(lcSync) << "fetched" << id << "across a send: again";
                                    self->m_targeted.insert(id);
                                } else if (ok) {
                                    bool conflicts = false;
                                    ok = self->storeCase(
                                        value, comments, edits, &conflicts, &error);
                                    if (!ok)
                                        qWarning("sync: case %s could not be stored: %s",
                                            qPrintable(id), qPrintable(error));
                                    if (ok) {
                                        self->m_refetchFailures = 0;
                                        emit self->caseChanged(id);
                                    }
                                    if (conflicts)
                                        emit self->conflictsChanged();
                                }
                                done(ok);
                            });
                    });
            });
        });
}

void SyncEngine::fetchTags(domain::Case value, std::function<void(domain::Case)> done)
{
    // GetCase carries no tags: they come from ListTagsForResource on the case's ARN. When
    // they cannot be read (no ARN, refused, offline), the local copy keeps the tags it has.
    const auto keepLocal = [this](domain::Case c) {
        if (const auto local = store::CaseRepository(m_workspace.database().reader()).get(c.caseId))
            c.tags = local->tags;
        return c;
    };
    if (value.caseArn.isEmpty()) {
        done(keepLocal(std::move(value)));
        return;
    }
    QPointer<SyncEngine> self(this);
    m_backend->call(u"ListTagsForResource"_s, {{u"resourceArn"_s, value.caseArn}},
        [self, value, done, keepLocal](const BackendResult &r) mutable {
            if (!self)
                return;
            if (!r.ok()) {
                qCDebug(lcSync) << "tags of" << value.caseId << "not read:" << r.error->toString();
                done(keepLocal(std::move(value)));
                return;
            }
            value.tags.clear();
            const QJsonObject tags = r.output.value(u"tags"_s).toObject();
            for (auto it = tags.begin(); it != tags.end(); ++it)
                value.tags.insert(it.key(), it.value().toString());
            done(std::move(value));
        });
}

void SyncEngine::fetchPages(const QString &operation, const QString &caseId,
    const QString &nextToken, QList<QJsonObject> items,
    std::function<void(bool, QList<QJsonObject>)> done, const QString &itemsKey,
    const QStringList &emptyOn)
{
    QJsonObject input {{u"caseId"_s, caseId}, {u"maxResults"_s, PageSize}};
    if (!nextToken.isEmpty())
        input.insert(u"nextToken"_s, nextToken);
    QPointer<SyncEngine> self(this);
    m_backend->call(operation, input,
        [self, operation, caseId, items, done, itemsKey, emptyOn](const BackendResult &r) mutable {
            if (!self)
                return;
            if (!r.ok()) {
                if (emptyOn.contains(r.error->type)) {
                    done(true, {});
                    return;
                }
                self->setOnline(!r.error->transport, r.error->toString());
                done(false, {});
                return;
            }
            for (const auto &value : r.output.value(itemsKey).toArray())
                items.append(value.toObject());
            const QString next = r.output.value(u"nextToken"_s).toString();
            if (next.isEmpty())
                done(true, items);
            else
                self->fetchPages(operation, caseId, next, items, done, itemsKey, emptyOn);
        });
}

bool SyncEngine::detectConflicts(QSqlDatabase &c, const QString &caseId, const QJsonObject &remote,
    const domain::Case &merged, const QList<store::OutboxEntry> &unsent, bool *conflictsChanged,
    QString *e)
{
    store::SyncConflictRepository sync(c);
    const QJsonObject mine = domain::toJson(merged);
    const auto base = sync.base(caseId, e);
    const QStringList setHere = CaseMerge::fieldsSetBy(unsent);
    for (const auto &open : sync.listForCase(caseId, e)) {
        if (!setHere.contains(open.field)) {
            if (!sync.remove(caseId, open.field, e))
                return false;
            *conflictsChanged = true;
        }
    }
    QSet<QString> overwrote; // fields whose write overwrote another writer's (AWS)
    for (const auto &entry : unsent)
        for (const QString &field :
            entry.payload.value(CaseMerge::overwroteMember()).toObject().keys())
            overwrote.insert(field);
    for (const QString &field : setHere) {
        const QJsonValue theirs = remote.value(field);
        const QJsonValue ours = mine.value(field);
        const auto open = sync.get(caseId, field, e);
        if (open && overwrote.contains(field))
            continue; // the backend holds ours already; the other value is in the conflict
        if (theirs == ours) {
            // Both sides agree now: nothing to choose.
            if (open) {
                if (!sync.remove(caseId, field, e))
                    return false;
                *conflictsChanged = true;
            }
            continue;
        }
        if (open) {
            if (open->remoteValue != theirs || open->localValue != ours) {
                store::SyncConflict changed = *open;
                changed.remoteValue = theirs;
                changed.localValue = ours;
                if (!sync.upsert(changed, e))
                    return false;
                *conflictsChanged = true;
            }
            continue;
        }
        // Without a base (never pulled since the change) the backend's value
        // cannot be told apart from an older one: the local change goes.
        if (!base || base->value(field) == theirs)
            continue;
        store::SyncConflict conflict {
            caseId, field, base->value(field), ours, theirs, QDateTime::currentDateTimeUtc()};
        if (!sync.upsert(conflict, e))
            return false;
        *conflictsChanged = true;
        qInfo("sync: conflict on %s of case %s", qPrintable(field), qPrintable(caseId));
    }
    return true;
}

bool SyncEngine::storeCase(const domain::Case &value, const QList<QJsonObject> &comments,
    const QList<QJsonObject> &edits, bool *conflictsChanged, QString *error)
{
    const QString &caseId = value.caseId;
    QString learned;
    const bool ok = m_workspace.database().write(
        [&](QSqlDatabase &c, QString *e) {
            store::CaseRepository cases(c);
            store::SyncConflictRepository sync(c);
            const QList<store::OutboxEntry> unsent
                = store::OutboxRepository(c).unsentForCase(caseId, e);
            const QJsonObject remote = domain::toJson(value);
            // The backend's copy with this workspace's unsent changes on it.
            const domain::Case merged = CaseMerge::replayed(value, unsent);
            if (!detectConflicts(c, caseId, remote, merged, unsent, conflictsChanged, e))
                return false;
            if (!sync.setBase(caseId, remote, e) || !cases.upsert(merged, e))
                return false;

            // Comments: the backend's, plus the ones written here and not sent yet.
            QSet<QString> keep;
            QHash<QString, QString> editedBodies;
            for (const auto &entry : unsent) {
                if (entry.operation == u"CreateCaseComment"_s)
                    keep.insert(entry.payload.value(u"localCommentId"_s).toString());
                else if (entry.operation == u"UpdateCaseComment"_s)
                    editedBodies.insert(entry.payload.value(u"commentId"_s).toString(),
                        entry.payload.value(u"body"_s).toString());
            }
            store::CommentRepository commentRepo(c);
            for (const auto &json : comments) {
                domain::Comment comment;
                domain::fromJson(json, comment);
                comment.caseId = caseId;
                keep.insert(comment.commentId);
                if (editedBodies.contains(comment.commentId))
                    comment.body = editedBodies.value(comment.commentId);
                if (m_ownCommentIds.contains(comment.commentId) && !comment.creator.isEmpty())
                    learned = comment.creator;
                if (!commentRepo.upsert(comment, e))
                    return false;
            }
            QStringList removed;
            for (const auto &local : commentRepo.listForCase(caseId, e)) {
                if (keep.contains(local.commentId))
                    continue;
                if (!commentRepo.remove(caseId, local.commentId, e))
                    return false;
                removed << local.commentId;
            }
            qCDebug(lcSync) << "stored" << caseId << value.lastUpdatedDate.toMSecsSinceEpoch()
                            << "comments kept" << QStringList(keep.cbegin(), keep.cend())
                            << "removed" << removed;
            store::CaseEditRepository editRepo(c);
            for (const auto &json : edits) {
                domain::CaseEdit edit;
                domain::fromJson(json, edit);
                edit.caseId = caseId;
                if (!editRepo.append(edit, e))
                    return false;
            }
            // The pulled data and its timeline entries are committed together.
            return timeline::TimelineCollector(c).collect(value.caseId, e) >= 0;
        },
        error);
    if (ok && !learned.isEmpty())
        learnPrincipal(learned);
    return ok;
}

QString SyncEngine::principalSettingKey() const
{
    return u"sync.principal."_s + m_backend->describe();
}

void SyncEngine::learnPrincipal(const QString &principal)
{
    // The backend names a writer by its identity (an ARN), which the credentials alone do
    // not tell: the creator of a comment this console wrote is that identity. Remembered
    // per backend, so "your comments" stay editable after a restart.
    if (principal == m_changes->principal())
        return;
    m_changes->setPrincipal(principal);
    QString error;
    const bool saved = m_workspace.database().write(
        [&](QSqlDatabase &c, QString *e) {
            QSqlQuery q(c);
            q.prepare(u"INSERT INTO settings (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
            q.addBindValue(principalSettingKey());
            q.addBindValue(principal);
            return store::execQuery(q, e);
        },
        &error);
    if (!saved)
        qWarning("sync: the principal could not be saved: %s", qPrintable(error));
    emit statusChanged();
}

void SyncEngine::finishPull(bool ok)
{
    m_pulling = false;
    if (ok) {
        m_lastSync = QDateTime::currentDateTimeUtc();
        setOnline(true);
    }
    emit statusChanged();
    emit pullFinished(ok);
    if (m_onceDone) {
        auto done = std::exchange(m_onceDone, nullptr);
        const qint64 pending = pendingCount();
        const qint64 failed = failedCount();
        QString message = tr("%1 waiting, %2 need attention").arg(pending).arg(failed);
        if (!ok)
            message = QString(m_lastError % u"; "_s % message);
        done(ok && pending == 0 && failed == 0, message);
        return;
    }
    if (m_pullAgain) {
        m_pullAgain = false;
        pullNow();
    } else if (!m_targeted.isEmpty()) {
        fetchNext();
    }
}

void SyncEngine::syncOnce(std::function<void(bool ok, const QString &message)> done)
{
    collectTimelinesOnce();
    m_onceDone = std::move(done);
    m_onceMode = true;
    m_triedThisRound.clear();
    kickSender();
}

// --- change feed --------------------------------------------------------------------

void SyncEngine::listenForChanges()
{
    if (!m_running || m_listening)
        return;
    m_listening = true;
    const quint64 generation = m_generation;
    QPointer<SyncEngine> self(this);
    m_backend->waitForChanges(
        m_cursor, FeedWaitSeconds, [self, generation](const ChangeFeedResult &r) {
            if (!self || self->m_generation != generation)
                return;
            self->m_listening = false;
            if (r.error) {
                if (!self->m_backend->hasChangeFeed()) {
                    self->m_pollTimer.start(); // no feed after all: poll
                    return;
                }
                if (r.error->transport)
                    self->setOnline(false, r.error->toString());
                const int wait = backoffMs(
                    ++self->m_feedFailures, QRandomGenerator::global()->generateDouble());
                QTimer::singleShot(std::min(wait, 5000), self.data(), [self, generation] {
                    if (self && self->m_generation == generation) {
                        // Back online: anything missed while away comes with a full pull.
                        self->pullNow();
                        self->listenForChanges();
                    }
                });
                return;
            }
            self->m_feedFailures = 0;
            const bool first = self->m_cursor < 0;
            qCDebug(lcSync) << "feed: cursor" << self->m_cursor << "latest" << r.latest
                            << r.changes.size() << "changes";
            // The cursor moves to the last change read, not to `latest`: the server answers
            // at most 100 changes, and a change committed while it answered is counted in
            // `latest` but not listed. An empty answer behind `latest` twice in a row is a
            // gap in the sequence: then the cursor jumps.
            if (first) {
                self->m_cursor = r.latest;
            } else if (r.changes.isEmpty() && r.latest > self->m_cursor) {
                if (self->m_feedBehind == r.latest)
                    self->m_cursor = r.latest;
                self->m_feedBehind = r.latest;
            } else {
                self->m_feedBehind = -1;
            }
            bool triage = false;
            for (const auto &change : r.changes) {
                qCDebug(lcSync) << "feed:" << change.sequence << change.resourceType
                                << change.resourceId;
                self->m_cursor = std::max(self->m_cursor, change.sequence);
                if (change.resourceType == u"triage"_s) {
                    triage = true;
                    continue;
                }
                if (change.resourceType != u"membership"_s && !change.resourceId.isEmpty()
                    && !change.resourceId.startsWith(u"arn:"_s))
                    self->m_targeted.insert(change.resourceId);
            }
            if (!first && !self->m_targeted.isEmpty() && !self->m_pulling)
                self->fetchNext();
            if (triage)
                emit self->triageChanged();
            if (!self->m_sending)
                self->kickSender(); // the server answers again: retry what waits
            self->listenForChanges();
        });
}

} // namespace warroom::sync
