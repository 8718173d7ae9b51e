#pragma once

// Internal to warroom_caseservice: what the operation files share. Not for other layers.

#include "CaseService.h"

#include "domain/Case.h"
#include "domain/Membership.h"

#include <QtCore/QJsonArray>
#include <QtCore/QLoggingCategory>
#include <QtCore/QVariantList>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcCaseService)

namespace warroom::caseservice::detail {

enum class Dialect { Sqlite, Postgres };

// Thrown by SQL helpers; run() rolls back and answers ThrottlingException (busy) or
// InternalServerException. The text is logged, never sent to the caller.
struct SqlFailure
{
    QString message;
    bool busy = false;
    bool connectionLost = false; // PostgreSQL restarted or the network dropped
};

// Whether `error` means the database connection is gone (a PostgreSQL restart, a dropped
// network), so the connection must be opened again before anything else can work.
bool isConnectionLost(const QSqlError &error);

// The prepared statements of one connection, by SQL text: preparing costs more than
// running the short statements of a call. Used only by the thread that owns the
// connection; cleared before the connection closes or reconnects.
class StatementCache final
{
public:
    // The statement for `sql`, prepared on first use (forward-only). Throws SqlFailure.
    QSqlQuery &prepared(QSqlDatabase &db, const QString &sql);
    void clear() { m_statements.clear(); }

private:
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements; // QSqlQuery is move-only
};

// Thrown by operations to answer with a model error; run() rolls back.
struct Failure
{
    ServiceError error;
};

using Row = QVariantList;
using Rows = QList<Row>;

// One call's transaction and everything an operation needs.
class Context final
{
public:
    Context(QSqlDatabase db, StatementCache *statements, Dialect dialect,
        const ServiceConfig &config, const QByteArray &signingKey, const Principal &caller,
        const QString &operation, const QDateTime &now);

    // Runs one statement with positional `?` values; every row is read before returning,
    // so no statement stays active. Throws SqlFailure.
    Rows select(const QString &sql, const QVariantList &values = {});
    qint64 exec(const QString &sql, const QVariantList &values = {}); // rows affected
    std::optional<Row> selectOne(const QString &sql, const QVariantList &values = {});

    qint64 nextSequence(const QString &name);
    void recordChange(const QString &resourceType, const QString &resourceId);
    // Appends a case edit by the caller (or `principal`), action = the operation name.
    void addEdit(const QString &caseId, const QString &message, const QString &principal = {});

    const ServiceConfig &config() const { return m_config; }
    const QByteArray &signingKey() const { return m_signingKey; }
    const Principal &caller() const { return m_caller; }
    // caller().arn, or the account ID (a valid PrincipalId) when the caller has no ARN.
    QString principalId() const;
    const QString &operation() const { return m_operation; }
    const QDateTime &now() const { return m_now; }
    qint64 nowMs() const { return m_now.toMSecsSinceEpoch(); }
    Dialect dialect() const { return m_dialect; }

    // Set by an operation that creates something, for the idempotency record.
    QString createdResourceId;

private:
    QSqlQuery &run(const QString &sql, const QVariantList &values);

    QSqlDatabase m_db;
    StatementCache *m_statements;
    Dialect m_dialect;
    const ServiceConfig &m_config;
    QByteArray m_signingKey;
    const Principal &m_caller;
    QString m_operation;
    QDateTime m_now;
};

// --- input members --------------------------------------------------------------------
// Readers of `input` members that record a FieldError for a missing required member or a
// value of the wrong type, then run the domain check on what they read.
class Input final
{
public:
    explicit Input(const QJsonObject &input)
        : m_input(input)
    {
    }
    QString requiredString(const QString &key,
        void (*check)(const QString &, const QString &, domain::FieldErrors &) = nullptr);
    std::optional<QString> optionalString(const QString &key,
        void (*check)(const QString &, const QString &, domain::FieldErrors &) = nullptr);
    // A JSON integer, or text holding one (query-string members).
    std::optional<qint64> optionalInteger(const QString &key);
    std::optional<QStringList> optionalStringList(const QString &key);
    template<typename E> std::optional<E> optionalEnum(const QString &key)
    {
        const auto text = optionalString(key);
        if (!text)
            return std::nullopt;
        if (auto value = domain::fromString<E>(*text))
            return value;
        QStringList names;
        for (E v : domain::allValues<E>())
            names.append(domain::toString(v));
        failEnum(key, *text, names);
        return std::nullopt;
    }
    void failEnum(const QString &key, const QString &text, const QStringList &allowed);
    void require(bool present, const QString &key);
    void fail(const QString &key, const QString &message);
    domain::FieldErrors &errors() { return m_errors; }
    // Throws a ValidationException (FIELD_VALIDATION_FAILED) when anything failed.
    void throwIfFailed() const;

private:
    const QJsonObject &m_input;
    domain::FieldErrors m_errors;
};

[[noreturn]] void throwError(const ServiceError &error);
[[noreturn]] void throwValidation(const domain::FieldErrors &errors);

// --- signed tokens ------------------------------------------------------------------------
// "<base64url(payload JSON)>.<base64url(HMAC-SHA256(key, purpose + payload))>".
QString signToken(const QByteArray &key, const QString &purpose, const QJsonObject &payload);
// nullopt when malformed or the signature does not match.
std::optional<QJsonObject> verifyToken(
    const QByteArray &key, const QString &purpose, const QString &token);

// --- pagination ------------------------------------------------------------------------------
struct PageRequest
{
    int limit = 10;
    std::optional<QJsonArray> after; // keyset position from nextToken
};
// Reads maxResults / nextToken (scope = operation + resource, e.g. "ListComments:123...");
// a token of another scope or with a bad signature -> InvalidTokenException.
PageRequest readPage(Context &ctx, Input &in, const QJsonObject &input, const QString &scope);
QString makePageToken(Context &ctx, const QString &scope, const QJsonArray &position);

// --- shared loaders -----------------------------------------------------------------------
QString caseArn(const ServiceConfig &config, const QString &caseId);
QString membershipArn(const ServiceConfig &config, const QString &membershipId);
// Throws ResourceNotFoundException.
domain::Case loadCase(Context &ctx, const QString &caseId);
void saveCase(Context &ctx, const domain::Case &c);
// Throws ConflictException when the case is closed.
void requireOpen(const domain::Case &c);
// Sets lastUpdatedDate to now and saves.
void touchCase(Context &ctx, domain::Case &c);
QList<domain::Attachment> loadAttachments(Context &ctx, const QString &caseId);
// An attachment from the columns attachment_id, file_name, status, creator, created_ms
// starting at `first`.
domain::Attachment attachmentFromRow(const Row &row, int first);
domain::Tags loadTags(Context &ctx, const QString &arn);
void saveTags(Context &ctx, const QString &arn, const domain::Tags &tags);
std::optional<domain::Membership> findMembership(Context &ctx, const QString &membershipId);
void saveMembership(Context &ctx, const domain::Membership &m, bool insert);
bool hasActiveMembership(Context &ctx);

QString randomDigits(int count, bool leadingNonZero);
QString randomLowerAlnum(int count);
QString isoTime(const QDateTime &t);
QDateTime fromMs(const QVariant &ms);

// --- operations (one function per model operation) -----------------------------------------
using Operation = QJsonObject (*)(Context &, const QJsonObject &);

QJsonObject createCase(Context &, const QJsonObject &);
QJsonObject getCase(Context &, const QJsonObject &);
QJsonObject updateCase(Context &, const QJsonObject &);
QJsonObject updateCaseStatus(Context &, const QJsonObject &);
QJsonObject updateResolverType(Context &, const QJsonObject &);
QJsonObject closeCase(Context &, const QJsonObject &);
QJsonObject listCases(Context &, const QJsonObject &);
QJsonObject createCaseComment(Context &, const QJsonObject &);
QJsonObject updateCaseComment(Context &, const QJsonObject &);
QJsonObject listComments(Context &, const QJsonObject &);
QJsonObject listCaseEdits(Context &, const QJsonObject &);

QJsonObject createMembership(Context &, const QJsonObject &);
QJsonObject getMembership(Context &, const QJsonObject &);
QJsonObject updateMembership(Context &, const QJsonObject &);
QJsonObject cancelMembership(Context &, const QJsonObject &);
QJsonObject listMemberships(Context &, const QJsonObject &);
QJsonObject batchGetMemberAccountDetails(Context &, const QJsonObject &);

QJsonObject getCaseAttachmentUploadUrl(Context &, const QJsonObject &);
QJsonObject getCaseAttachmentDownloadUrl(Context &, const QJsonObject &);
QJsonObject listInvestigations(Context &, const QJsonObject &);
QJsonObject sendFeedback(Context &, const QJsonObject &);
QJsonObject tagResource(Context &, const QJsonObject &);
QJsonObject untagResource(Context &, const QJsonObject &);
QJsonObject listTagsForResource(Context &, const QJsonObject &);

// The x-warroom triage extension (CaseService::callTriage).
QJsonObject claimFinding(Context &, const QJsonObject &);
QJsonObject releaseFinding(Context &, const QJsonObject &);
QJsonObject putTriageDecision(Context &, const QJsonObject &);
QJsonObject listTriageState(Context &, const QJsonObject &);

// Attachment transfer (CaseService::acceptUpload / download), inside a transaction.
bool acceptUpload(Context &ctx, const QString &token, const QByteArray &body, QString *error);
std::optional<QByteArray> download(
    Context &ctx, const QString &token, QString *fileName, QString *error);
void addInvestigation(Context &ctx, const QString &caseId, const domain::Investigation &inv);
// CaseService::seedCases / seedMembership, inside a transaction.
void seedCase(Context &ctx, const CaseService::SeedCase &seed);
void seedMembership(Context &ctx, const domain::Membership &membership);

} // namespace warroom::caseservice::detail
