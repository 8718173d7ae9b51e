#include "LocalChanges.h"

#include "CaseMerge.h"

#include "domain/Case.h"
#include "domain/CaseJson.h"
#include "domain/Comment.h"
#include "domain/Enums.h"
#include "domain/Validation.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/OutboxRepository.h"
#include "store/SyncConflictRepository.h"
#include "timeline/TimelineChain.h"
#include "timeline/TimelineCollector.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace warroom::sync {

using namespace Qt::StringLiterals;

namespace {

const QString ProvisionalPrefix = u"local-"_s;

QString newProvisionalId()
{
    return ProvisionalPrefix
        % QString::number(QRandomGenerator::global()->generate64() & 0xffffffffffffULL, 16);
}

QString describeErrors(const domain::FieldErrors &errors)
{
    QStringList parts;
    for (const auto &e : errors)
        parts << QString(e.field % u": "_s % e.message);
    return parts.join(u"; "_s);
}

bool enqueue(QSqlDatabase &connection, const QString &caseId, const QString &operation,
    QJsonObject payload, QString *error, const QString &clientToken = QString(),
    QString *usedToken = nullptr)
{
    store::OutboxEntry entry;
    entry.caseId = caseId;
    entry.operation = operation;
    entry.clientToken
        = clientToken.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : clientToken;
    if (operation == u"CreateCase"_s || operation == u"CreateCaseComment"_s
        || operation == u"UploadAttachment"_s)
        payload.insert(u"clientToken"_s, entry.clientToken);
    entry.payload = payload;
    entry.createdAt = QDateTime::currentDateTimeUtc();
    if (usedToken)
        *usedToken = entry.clientToken;
    return store::OutboxRepository(connection).enqueue(entry, error) > 0;
}

bool exec(QSqlDatabase &connection, const QString &sql, const QVariantList &values, QString *error)
{
    QSqlQuery query(connection);
    if (!query.prepare(sql)) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    for (const auto &value : values)
        query.addBindValue(value);
    return store::execQuery(query, error);
}

// Rewrites the payloads of the waiting outbox entries of `caseId` that `change` edits.
bool rewriteWaitingPayloads(QSqlDatabase &connection, const QString &caseId,
    const std::function<bool(QJsonObject &payload)> &change, QString *error)
{
    QSqlQuery query(connection);
    query.prepare(u"SELECT id, payload FROM outbox WHERE case_id = ? AND state <> 'sent'"_s);
    query.addBindValue(caseId);
    if (!store::execQuery(query, error))
        return false;
    QList<std::pair<qint64, QString>> rows;
    while (query.next()) {
        QJsonObject payload = QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object();
        if (change(payload))
            rows.append({query.value(0).toLongLong(),
                QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact))});
    }
    query.finish();
    for (const auto &[id, payload] : rows)
        if (!exec(
                connection, u"UPDATE outbox SET payload = ? WHERE id = ?"_s, {payload, id}, error))
            return false;
    return true;
}

// The timeline entry of a local case change: its one-line text and payload details.
std::pair<QString, QJsonObject> describeChange(const QString &operation, const QJsonObject &payload)
{
    if (operation == u"UpdateCaseStatus"_s) {
        const QString status = payload.value(u"caseStatus"_s).toString();
        return {u"Status changed to %1"_s.arg(status), {{u"status"_s, status}}};
    }
    if (operation == u"CloseCase"_s)
        return {u"Case closed"_s, {{u"status"_s, domain::toString(domain::CaseStatus::Closed)}}};
    if (operation == u"UpdateResolverType"_s)
        return {u"Resolver changed to %1"_s.arg(payload.value(u"resolverType"_s).toString()), {}};
    QStringList fields = payload.keys();
    fields.removeAll(u"caseId"_s);
    return {u"Case updated: %1"_s.arg(fields.join(u", "_s)), {}};
}

// Brings the case's timeline up to date inside the change's transaction. A provisional
// case has its own chain under its local ID; replaceCaseId() carries it over to the
// real ID (TimelineCollector::carryOver).
bool collectTimeline(QSqlDatabase &connection, const QString &caseId, QString *error)
{
    return timeline::TimelineCollector(connection).collect(caseId, error) >= 0;
}

std::optional<domain::Case> loadCase(
    store::CaseRepository &cases, const QString &caseId, QString *error)
{
    QString readError;
    auto c = cases.get(caseId, &readError);
    if (!c)
        *error = readError.isEmpty()
            ? LocalChanges::tr("Case %1 is not in this workspace.").arg(caseId)
            : readError;
    return c;
}

} // namespace

LocalChanges::LocalChanges(store::Database &database, QString principal, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_principal(std::move(principal))
{
}

LocalChanges::~LocalChanges() = default;

bool LocalChanges::isProvisionalId(const QString &id)
{
    return id.startsWith(ProvisionalPrefix);
}

QString LocalChanges::attachmentOutboxDirectory() const
{
    return QFileInfo(m_database.path()).absolutePath() + u"/outbox-files"_s;
}

QString LocalChanges::createCase(const domain::CreateCaseRequest &request,
    domain::FieldErrors *errors, QString *error, const AlsoInTransaction &also)
{
    const domain::FieldErrors problems = domain::validate(request);
    if (!problems.isEmpty()) {
        if (errors)
            *errors = problems;
        if (error)
            *error = tr("The case was not created: %1").arg(describeErrors(problems));
        return {};
    }
    const domain::Case c
        = caseFromRequest(request, newProvisionalId(), QDateTime::currentDateTimeUtc());
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *e) {
            return store::CaseRepository(connection).upsert(c, e)
                && enqueue(connection, c.caseId, u"CreateCase"_s, domain::toJson(request), e,
                    request.clientToken)
                && (!also || also(connection, c.caseId, e));
        },
        error);
    if (!ok)
        return {};
    emit caseChanged(c.caseId);
    emit outboxChanged();
    return c.caseId;
}

domain::Case LocalChanges::caseFromRequest(
    const domain::CreateCaseRequest &request, const QString &caseId, const QDateTime &now)
{
    domain::Case c;
    c.caseId = caseId;
    c.title = request.title;
    c.description = request.description;
    c.resolverType = request.resolverType;
    c.engagementType = request.engagementType;
    c.reportedIncidentStartDate = request.reportedIncidentStartDate;
    c.impactedAccounts = request.impactedAccounts.value_or(QStringList {});
    c.watchers = request.watchers.value_or(QList<domain::Watcher> {});
    c.threatActorIpAddresses = request.threatActorIpAddresses;
    c.impactedServices = request.impactedServices;
    c.impactedAwsRegions = request.impactedAwsRegions;
    c.tags = request.tags;
    c.caseStatus = domain::CaseStatus::Submitted;
    c.createdDate = now;
    c.lastUpdatedDate = now;
    return c;
}

bool LocalChanges::changeCase(const QString &caseId, const QString &operation,
    const QJsonObject &payload, const std::function<bool(domain::Case &, QString *)> &change,
    QString *error, const AlsoInTransaction &also)
{
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *e) {
            store::CaseRepository cases(connection);
            auto c = loadCase(cases, caseId, e);
            if (!c)
                return false;
            if (!change(*c, e))
                return false;
            c->lastUpdatedDate = QDateTime::currentDateTimeUtc();
            QJsonObject body = payload;
            body.insert(u"caseId"_s, caseId);
            QString token;
            if (!cases.upsert(*c, e)
                || !enqueue(connection, caseId, operation, body, e, QString(), &token))
                return false;
            if (also && !also(connection, caseId, e))
                return false;
            auto [text, details] = describeChange(operation, payload);
            details.insert(u"author"_s, m_principal);
            return timeline::TimelineCollector(connection)
                .recordLocalChange(caseId, operation, token, text, details, e);
        },
        error);
    if (ok) {
        emit caseChanged(caseId);
        emit outboxChanged();
    }
    return ok;
}

bool LocalChanges::updateCase(const domain::UpdateCaseRequest &request, domain::FieldErrors *errors,
    QString *error, const AlsoInTransaction &also)
{
    domain::FieldErrors problems = domain::validate(request);
    // A provisional ID is not a valid CaseId yet; it is replaced before sending.
    if (isProvisionalId(request.caseId))
        problems.erase(std::remove_if(problems.begin(), problems.end(),
                           [](const auto &p) { return p.field == u"caseId"_s; }),
            problems.end());
    if (!problems.isEmpty()) {
        if (errors)
            *errors = problems;
        if (error)
            *error = tr("The case was not changed: %1").arg(describeErrors(problems));
        return false;
    }
    return changeCase(
        request.caseId, u"UpdateCase"_s, domain::toJson(request),
        [&](domain::Case &c, QString *) {
            CaseMerge::applyUpdate(c, request);
            return true;
        },
        error, also);
}

bool LocalChanges::updateCaseStatus(
    const QString &caseId, domain::CaseStatus status, QString *error)
{
    return changeCase(
        caseId, u"UpdateCaseStatus"_s, {{u"caseStatus"_s, domain::toString(status)}},
        [&](domain::Case &c, QString *e) {
            if (c.resolverType == domain::ResolverType::AWS) {
                *e = tr("caseStatus: AWS manages the status of this case.");
                return false;
            }
            const auto from = c.caseStatus.value_or(domain::CaseStatus::Submitted);
            if (!domain::isSelfManagedStatus(status)
                || !domain::isSelfManagedTransitionAllowed(from, status)) {
                *e = tr("caseStatus: a case cannot move from %1 to %2.")
                         .arg(domain::toString(from), domain::toString(status));
                return false;
            }
            c.caseStatus = status;
            return true;
        },
        error);
}

bool LocalChanges::updateResolverType(
    const QString &caseId, domain::ResolverType resolver, QString *error)
{
    return changeCase(
        caseId, u"UpdateResolverType"_s, {{u"resolverType"_s, domain::toString(resolver)}},
        [&](domain::Case &c, QString *e) {
            if (c.resolverType == domain::ResolverType::AWS
                && resolver == domain::ResolverType::Self) {
                *e = tr("resolverType: an AWS-supported case cannot return to self-managed.");
                return false;
            }
            if (c.caseStatus == domain::CaseStatus::Closed) {
                *e = tr("resolverType: the case is closed.");
                return false;
            }
            c.resolverType = resolver;
            return true;
        },
        error);
}

bool LocalChanges::closeCase(const QString &caseId, QString *error)
{
    return changeCase(
        caseId, u"CloseCase"_s, {},
        [&](domain::Case &c, QString *e) {
            if (c.caseStatus == domain::CaseStatus::Closed) {
                *e = tr("caseStatus: the case is already closed.");
                return false;
            }
            c.caseStatus = domain::CaseStatus::Closed;
            c.closedDate = QDateTime::currentDateTimeUtc();
            return true;
        },
        error);
}

QString LocalChanges::addComment(const QString &caseId, const QString &body, QString *error)
{
    domain::FieldErrors problems;
    domain::checkCommentBody(body, u"body"_s, problems);
    if (!problems.isEmpty()) {
        if (error)
            *error = describeErrors(problems);
        return {};
    }
    domain::Comment comment;
    comment.caseId = caseId;
    comment.commentId = newProvisionalId();
    comment.body = body;
    comment.creator = m_principal;
    comment.lastUpdatedBy = m_principal;
    comment.createdDate = QDateTime::currentDateTimeUtc();
    comment.lastUpdatedDate = comment.createdDate;
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *e) {
            store::CaseRepository cases(connection);
            if (!loadCase(cases, caseId, e))
                return false;
            return store::CommentRepository(connection).upsert(comment, e)
                && enqueue(connection, caseId, u"CreateCaseComment"_s,
                    {{u"caseId"_s, caseId}, {u"body"_s, body},
                        {u"localCommentId"_s, comment.commentId}},
                    e)
                && collectTimeline(connection, caseId, e);
        },
        error);
    if (!ok)
        return {};
    emit caseChanged(caseId);
    emit outboxChanged();
    return comment.commentId;
}

bool LocalChanges::updateComment(
    const QString &caseId, const QString &commentId, const QString &body, QString *error)
{
    domain::FieldErrors problems;
    domain::checkCommentBody(body, u"body"_s, problems);
    if (!problems.isEmpty()) {
        if (error)
            *error = describeErrors(problems);
        return false;
    }
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *e) {
            store::CommentRepository comments(connection);
            QString readError;
            auto comment = comments.get(caseId, commentId, &readError);
            if (!comment) {
                if (!readError.isEmpty())
                    *e = readError;
                else
                    *e = tr("Comment %1 of case %2 is not in this workspace.")
                             .arg(commentId, caseId);
                return false;
            }
            comment->body = body;
            comment->lastUpdatedBy = m_principal;
            comment->lastUpdatedDate = QDateTime::currentDateTimeUtc();
            return comments.upsert(*comment, e)
                && enqueue(connection, caseId, u"UpdateCaseComment"_s,
                    {{u"caseId"_s, caseId}, {u"commentId"_s, commentId}, {u"body"_s, body}}, e)
                && collectTimeline(connection, caseId, e);
        },
        error);
    if (ok) {
        emit caseChanged(caseId);
        emit outboxChanged();
    }
    return ok;
}

bool LocalChanges::addAttachment(const QString &caseId, const QString &filePath, QString *error)
{
    const QFileInfo info(filePath);
    domain::FieldErrors problems;
    domain::checkFileName(info.fileName(), u"fileName"_s, problems);
    if (!info.isFile())
        problems.append({u"fileName"_s, tr("%1 is not a readable file.").arg(filePath)});
    else
        domain::checkContentLength(info.size(), u"contentLength"_s, problems);
    if (!problems.isEmpty()) {
        if (error)
            *error = describeErrors(problems);
        return false;
    }
    const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString copy = attachmentOutboxDirectory() % u'/' % token;
    if (!QDir().mkpath(attachmentOutboxDirectory()) || !QFile::copy(filePath, copy)) {
        if (error)
            *error = tr("%1 could not be copied into the workspace.").arg(filePath);
        return false;
    }
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *e) {
            store::CaseRepository cases(connection);
            if (!loadCase(cases, caseId, e))
                return false;
            if (!enqueue(connection, caseId, u"UploadAttachment"_s,
                    {{u"caseId"_s, caseId}, {u"fileName"_s, info.fileName()},
                        {u"contentLength"_s, info.size()}, {u"localPath"_s, copy}},
                    e, token))
                return false;
            return timeline::TimelineCollector(connection)
                .recordLocalChange(caseId, u"UploadAttachment"_s, token,
                    u"Attachment %1 sent"_s.arg(info.fileName()),
                    {{u"fileName"_s, info.fileName()}, {u"author"_s, m_principal}}, e);
        },
        error);
    if (!ok) {
        QFile::remove(copy);
        return false;
    }
    emit outboxChanged();
    return true;
}

bool LocalChanges::sendFeedback(const QString &caseId, const QString &investigationId,
    domain::UsefulnessRating rating, QString *error, const QString &comment)
{
    domain::FieldErrors problems;
    domain::checkInvestigationId(investigationId, u"resultId"_s, problems);
    if (!comment.isEmpty())
        domain::checkFeedbackComment(comment, u"comment"_s, problems);
    if (!problems.isEmpty()) {
        if (error)
            *error = describeErrors(problems);
        return false;
    }
    QJsonObject payload {{u"caseId"_s, caseId}, {u"resultId"_s, investigationId},
        {u"usefulness"_s, domain::toString(rating)}};
    if (!comment.isEmpty())
        payload.insert(u"comment"_s, comment);
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *e) {
            QString token;
            if (!enqueue(connection, caseId, u"SendFeedback"_s, payload, e, QString(), &token))
                return false;
            return timeline::TimelineCollector(connection)
                .recordLocalChange(caseId, u"SendFeedback"_s, token,
                    u"Feedback on investigation %1: %2"_s.arg(
                        investigationId, domain::toString(rating)),
                    {{u"investigationId"_s, investigationId}, {u"author"_s, m_principal}}, e);
        },
        error);
    if (ok)
        emit outboxChanged();
    return ok;
}

bool LocalChanges::replaceCaseId(const QString &oldId, const QString &newId, QString *error)
{
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *e) {
            store::CaseRepository cases(connection);
            auto c = cases.get(oldId, e);
            if (!c)
                return true; // removed meanwhile: only the outbox moves
            c->caseId = newId;
            if (!cases.upsert(*c, e))
                return false;
            for (const char *table : {"comments", "attachments", "investigations", "findings"})
                if (!exec(connection,
                        QString(u"UPDATE "_s % QLatin1String(table)
                            % u" SET case_id = ? WHERE case_id = ?"_s),
                        {newId, oldId}, e))
                    return false;
            if (!cases.remove(oldId, e)
                || !store::SyncConflictRepository(connection).moveCase(oldId, newId, e))
                return false;
            // Waiting entries of the case: new case ID, in the payload and in the row.
            const auto moveCase = [&](QJsonObject &payload) {
                if (!payload.contains(u"caseId"_s))
                    return false;
                payload.insert(u"caseId"_s, newId);
                return true;
            };
            if (!rewriteWaitingPayloads(connection, oldId, moveCase, e))
                return false;
            return exec(connection, u"UPDATE outbox SET case_id = ? WHERE case_id = ?"_s,
                       {newId, oldId}, e)
                && timeline::TimelineCollector(connection).carryOver(oldId, newId, e) >= 0
                && collectTimeline(connection, newId, e);
        },
        error);
    if (ok) {
        emit caseIdReplaced(oldId, newId);
        emit caseChanged(newId);
    }
    return ok;
}

bool LocalChanges::replaceCommentId(
    const QString &caseId, const QString &oldId, const QString &newId, QString *error)
{
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *e) {
            store::CommentRepository comments(connection);
            if (auto comment = comments.get(caseId, oldId)) {
                comment->commentId = newId;
                if (!comments.upsert(*comment, e) || !comments.remove(caseId, oldId, e))
                    return false;
            }
            const auto moveComment = [&](QJsonObject &payload) {
                if (payload.value(u"commentId"_s).toString() != oldId)
                    return false;
                payload.insert(u"commentId"_s, newId);
                return true;
            };
            if (!rewriteWaitingPayloads(connection, caseId, moveComment, e))
                return false;
            return timeline::TimelineCollector(connection).renameComment(caseId, oldId, newId, e);
        },
        error);
    if (ok)
        emit caseChanged(caseId);
    return ok;
}

QString LocalChanges::addTimelineEntry(
    const QString &caseId, const timeline::AnalystNote &note, QString *error)
{
    if (note.text.trimmed().isEmpty()) {
        if (error)
            *error = tr("text: the timeline entry says nothing.");
        return {};
    }
    if (note.text.size() > timeline::TimelineMarkers::MaxAnalystText) {
        if (error)
            *error = tr("text: a timeline entry holds at most %1 characters.")
                         .arg(timeline::TimelineMarkers::MaxAnalystText);
        return {};
    }
    return addComment(caseId, timeline::TimelineMarkers::analystComment(note), error);
}

QStringList LocalChanges::addTimelineEntries(
    const QString &caseId, const QList<timeline::AnalystNote> &notes, QString *error)
{
    QList<domain::Comment> made;
    for (qsizetype i = 0; i < notes.size(); ++i) {
        const timeline::AnalystNote &note = notes.at(i);
        QString problem;
        if (note.text.trimmed().isEmpty())
            problem = tr("text: the timeline entry says nothing.");
        else if (note.text.size() > timeline::TimelineMarkers::MaxAnalystText)
            problem = tr("text: a timeline entry holds at most %1 characters.")
                          .arg(timeline::TimelineMarkers::MaxAnalystText);
        domain::Comment comment;
        comment.caseId = caseId;
        comment.commentId = newProvisionalId();
        comment.body = timeline::TimelineMarkers::analystComment(note);
        if (problem.isEmpty()) {
            domain::FieldErrors problems;
            domain::checkCommentBody(comment.body, u"body"_s, problems);
            if (!problems.isEmpty())
                problem = describeErrors(problems);
        }
        if (!problem.isEmpty()) {
            if (error)
                *error = tr("Entry %1: %2").arg(i + 1).arg(problem);
            return {};
        }
        comment.creator = m_principal;
        comment.lastUpdatedBy = m_principal;
        comment.createdDate = QDateTime::currentDateTimeUtc();
        comment.lastUpdatedDate = comment.createdDate;
        made.append(comment);
    }
    if (made.isEmpty())
        return {};
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *e) {
            store::CaseRepository cases(connection);
            if (!loadCase(cases, caseId, e))
                return false;
            store::CommentRepository comments(connection);
            for (const domain::Comment &comment : std::as_const(made)) {
                if (!comments.upsert(comment, e)
                    || !enqueue(connection, caseId, u"CreateCaseComment"_s,
                        {{u"caseId"_s, caseId}, {u"body"_s, comment.body},
                            {u"localCommentId"_s, comment.commentId}},
                        e))
                    return false;
            }
            return collectTimeline(connection, caseId, e);
        },
        error);
    if (!ok)
        return {};
    emit caseChanged(caseId);
    emit outboxChanged();
    QStringList ids;
    for (const domain::Comment &comment : std::as_const(made))
        ids.append(comment.commentId);
    return ids;
}

QString LocalChanges::postChainHead(const QString &caseId, QString *error)
{
    return postVerifiedHead(caseId, timeline::TimelineChain(m_database).verify(caseId), error);
}

QString LocalChanges::postVerifiedHead(
    const QString &caseId, const timeline::ChainVerification &verification, QString *error)
{
    if (!verification.ok) {
        if (error)
            *error = tr("The timeline of case %1 does not verify, so its head is not posted: %2")
                         .arg(caseId, verification.problem);
        return {};
    }
    if (verification.entries == 0 || verification.lastSeq <= 0) {
        if (error)
            *error = tr("Case %1 has no timeline entries yet.").arg(caseId);
        return {};
    }
    timeline::PostedHead head;
    if (!m_database.write(
            [&head](QSqlDatabase &connection, QString *e) {
                head.workspace = timeline::TimelineChain::workspaceId(connection, true, e);
                return !head.workspace.isEmpty();
            },
            error))
        return {};
    head.head = verification.head;
    head.lastSeq = verification.lastSeq;
    head.entries = verification.entries;
    return addComment(caseId, timeline::TimelineMarkers::chainHeadComment(head), error);
}

} // namespace warroom::sync
