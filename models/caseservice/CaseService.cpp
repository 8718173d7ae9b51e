#include "CaseService.h"

#include "ServiceInternals.h"

#include "domain/Validation.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QHash>
#include <QtCore/QJsonDocument>
#include <QtCore/QMutex>
#include <QtCore/QRandomGenerator>
#include <QtCore/QThread>
#include <QtCore/QUrl>
#include <QtCore/QUuid>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

#include <algorithm>
#include <mutex>

using namespace Qt::StringLiterals;

namespace warroom::caseservice {

using namespace detail;

namespace {

constexpr int SchemaVersion = 2;

enum class Access { Read, CaseWrite, MembershipWrite };

struct OperationInfo
{
    Operation function = nullptr;
    Access access = Access::Read;
    bool takesClientToken = false;
    bool membershipOperation = false; // exempt from requireActiveMembership
};

const QHash<QString, OperationInfo> &operationTable()
{
    static const QHash<QString, OperationInfo> table = {
        {u"BatchGetMemberAccountDetails"_s,
            {&batchGetMemberAccountDetails, Access::Read, false, true}},
        {u"CancelMembership"_s, {&cancelMembership, Access::MembershipWrite, false, true}},
        {u"CloseCase"_s, {&closeCase, Access::CaseWrite}},
        {u"CreateCase"_s, {&createCase, Access::CaseWrite, true}},
        {u"CreateCaseComment"_s, {&createCaseComment, Access::CaseWrite, true}},
        {u"CreateMembership"_s, {&createMembership, Access::MembershipWrite, true, true}},
        {u"GetCase"_s, {&getCase, Access::Read}},
        {u"GetCaseAttachmentDownloadUrl"_s, {&getCaseAttachmentDownloadUrl, Access::Read}},
        {u"GetCaseAttachmentUploadUrl"_s, {&getCaseAttachmentUploadUrl, Access::CaseWrite, true}},
        {u"GetMembership"_s, {&getMembership, Access::Read, false, true}},
        {u"ListCaseEdits"_s, {&listCaseEdits, Access::Read}},
        {u"ListCases"_s, {&listCases, Access::Read}},
        {u"ListComments"_s, {&listComments, Access::Read}},
        {u"ListInvestigations"_s, {&listInvestigations, Access::Read}},
        {u"ListMemberships"_s, {&listMemberships, Access::Read, false, true}},
        {u"ListTagsForResource"_s, {&listTagsForResource, Access::Read, false, true}},
        {u"SendFeedback"_s, {&sendFeedback, Access::CaseWrite}},
        // Tagging a membership ARN needs Role::Full; tagResource checks that itself.
        {u"TagResource"_s, {&tagResource, Access::CaseWrite, false, true}},
        {u"UntagResource"_s, {&untagResource, Access::CaseWrite, false, true}},
        {u"UpdateCase"_s, {&updateCase, Access::CaseWrite}},
        {u"UpdateCaseComment"_s, {&updateCaseComment, Access::CaseWrite}},
        {u"UpdateCaseStatus"_s, {&updateCaseStatus, Access::CaseWrite}},
        {u"UpdateMembership"_s, {&updateMembership, Access::MembershipWrite, false, true}},
        {u"UpdateResolverType"_s, {&updateResolverType, Access::CaseWrite}},
    };
    return table;
}

bool allowed(Role role, Access access)
{
    switch (access) {
    case Access::Read:
        return true;
    case Access::CaseWrite:
        return role == Role::Full || role == Role::CaseFull;
    case Access::MembershipWrite:
        return role == Role::Full;
    }
    return false;
}

// Portable DDL: {BLOB} is BLOB on SQLite and BYTEA on PostgreSQL; everything else is the
// same text on both. Timestamps are BIGINT milliseconds since the epoch (UTC).
QStringList schemaV1(Dialect dialect)
{
    const QString blob = dialect == Dialect::Postgres ? u"BYTEA"_s : u"BLOB"_s;
    QStringList statements = {
        u"CREATE TABLE service_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        u"CREATE TABLE sequences (name TEXT PRIMARY KEY, value BIGINT NOT NULL)"_s,
        u"INSERT INTO sequences (name, value) VALUES ('change', 0), ('edit', 0), "
        "('investigation', 0)"_s,
        u"CREATE TABLE cases (case_id TEXT PRIMARY KEY, created_ms BIGINT NOT NULL, "
        "updated_ms BIGINT NOT NULL, status TEXT NOT NULL, resolver_type TEXT NOT NULL, "
        "document TEXT NOT NULL)"_s,
        u"CREATE INDEX cases_by_created ON cases (created_ms, case_id)"_s,
        u"CREATE TABLE comments (case_id TEXT NOT NULL, comment_id TEXT NOT NULL, "
        "created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL, creator TEXT NOT NULL, "
        "last_updated_by TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (case_id, comment_id))"_s,
        u"CREATE INDEX comments_by_created ON comments (case_id, created_ms, comment_id)"_s,
        u"CREATE TABLE case_edits (edit_seq BIGINT PRIMARY KEY, case_id TEXT NOT NULL, "
        "event_ms BIGINT NOT NULL, principal TEXT NOT NULL, action TEXT NOT NULL, "
        "message TEXT NOT NULL)"_s,
        u"CREATE INDEX case_edits_by_case ON case_edits (case_id, edit_seq)"_s,
        u"CREATE TABLE attachments (attachment_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, "
        "file_name TEXT NOT NULL, status TEXT NOT NULL, creator TEXT NOT NULL, "
        "created_ms BIGINT NOT NULL, content_length BIGINT NOT NULL, content "_s
            + blob + u")"_s,
        u"CREATE INDEX attachments_by_case ON attachments (case_id, created_ms)"_s,
        u"CREATE TABLE memberships (membership_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, "
        "status TEXT NOT NULL, created_ms BIGINT NOT NULL, document TEXT NOT NULL)"_s,
        u"CREATE INDEX memberships_by_created ON memberships (created_ms, membership_id)"_s,
        u"CREATE TABLE tags (resource_arn TEXT NOT NULL, tag_key TEXT NOT NULL, "
        "tag_value TEXT NOT NULL, PRIMARY KEY (resource_arn, tag_key))"_s,
        u"CREATE TABLE investigations (row_seq BIGINT PRIMARY KEY, case_id TEXT NOT NULL, "
        "investigation_id TEXT NOT NULL, document TEXT NOT NULL, "
        "UNIQUE (case_id, investigation_id))"_s,
        u"CREATE TABLE client_tokens (operation TEXT NOT NULL, client_token TEXT NOT NULL, "
        "request_hash TEXT NOT NULL, resource_id TEXT NOT NULL, response TEXT NOT NULL, "
        "created_ms BIGINT NOT NULL, PRIMARY KEY (operation, client_token))"_s,
        u"CREATE TABLE changes (sequence BIGINT PRIMARY KEY, resource_type TEXT NOT NULL, "
        "resource_id TEXT NOT NULL, operation TEXT NOT NULL, at_ms BIGINT NOT NULL)"_s,
    };
    return statements;
}

// The x-warroom triage extension: one row per finding with its claim and last decision.
QStringList schemaV2()
{
    return {
        u"CREATE TABLE triage_findings (finding_id TEXT PRIMARY KEY, sequence BIGINT NOT NULL, "
        "claim_console TEXT NOT NULL DEFAULT '', claim_analyst TEXT NOT NULL DEFAULT '', "
        "claim_principal TEXT NOT NULL DEFAULT '', claimed_ms BIGINT, claim_expires_ms BIGINT, "
        "decision TEXT NOT NULL DEFAULT '')"_s,
        u"CREATE INDEX triage_findings_by_sequence ON triage_findings (sequence)"_s,
        u"INSERT INTO sequences (name, value) VALUES ('triage', 0)"_s,
    };
}

// PostgreSQL: the lock that serialises writers (and migrations) across instances. A
// transaction-level advisory lock: it ends with COMMIT or ROLLBACK, also when a
// connection dies.
QString postgresLockStatement()
{
    return u"SELECT pg_advisory_xact_lock(7365420)"_s;
}

QString requestHash(const QJsonObject &input)
{
    QJsonObject copy = input;
    copy.remove(u"clientToken"_s);
    return QString::fromLatin1(QCryptographicHash::hash(
        QJsonDocument(copy).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
                                   .toHex());
}

QString resourceTypeOf(const QString &operation)
{
    if (operation == u"CreateCase"_s)
        return u"case"_s;
    if (operation == u"CreateCaseComment"_s)
        return u"comment"_s;
    if (operation == u"CreateMembership"_s)
        return u"membership"_s;
    return u"attachment"_s;
}

} // namespace

struct CaseService::Private
{
    ServiceConfig config;
    Dialect dialect = Dialect::Sqlite;
    QString driver;
    QString databaseName; // file path or PostgreSQL database
    QString host, user, password;
    int port = -1;
    QString connectionPrefix;
    QByteArray signingKey;
    // One writer at a time in this process; across processes BEGIN IMMEDIATE (SQLite) or
    // an advisory lock (PostgreSQL).
    QMutex writeMutex;
    QMutex namesMutex;
    QStringList connectionNames;
    // Prepared statements per connection name (each used by its connection's thread).
    QHash<QString, std::shared_ptr<StatementCache>> statementCaches;

    QDateTime now() const
    {
        QDateTime t = config.clock ? config.clock() : QDateTime::currentDateTimeUtc();
        return t.toUTC();
    }

    QString threadConnectionName() const;
    QSqlDatabase connection(QString *error);
    StatementCache *statementCache(const QString &connectionName);
    bool setUpSession(QSqlDatabase &db, QString *error);
    // Closes and opens the connection again (PostgreSQL restarted, network dropped).
    bool reconnect(QSqlDatabase &db, StatementCache *statements, QString *error);
    bool execRaw(
        QSqlDatabase &db, const QString &sql, QString *error, QSqlError *sqlError = nullptr);
    // BEGIN, COMMIT, ROLLBACK: prepared once on SQLite; PostgreSQL cannot prepare them.
    bool execControl(QSqlDatabase &db, StatementCache *statements, const QString &sql,
        QString *error, QSqlError *sqlError = nullptr);
    bool migrate(QString *error);

    // Runs `work` in one transaction (write: serialised, BEGIN IMMEDIATE on SQLite),
    // retrying when the database is busy. Failures are turned into ServiceErrors.
    // `singleStatement`: a read that runs exactly one statement, which sees one snapshot
    // by itself, so it runs without BEGIN and COMMIT (one round trip on PostgreSQL
    // instead of three).
    template<typename Work>
    ServiceResult transaction(bool write, const Principal &caller, const QString &operation,
        Work &&work, bool singleStatement = false);
};

QString CaseService::Private::threadConnectionName() const
{
    return connectionPrefix + u'-'
        + QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16);
}

QSqlDatabase CaseService::Private::connection(QString *error)
{
    const QString name = threadConnectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
        statementCache(name)->clear();
        if (db.open() && setUpSession(db, error))
            return db;
        if (error->isEmpty())
            *error = db.lastError().text();
        db.close();
        return {};
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
    db.setDatabaseName(databaseName);
    if (dialect == Dialect::Sqlite) {
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT="_s + QString::number(config.busyTimeoutMs));
    } else {
        db.setHostName(host);
        if (port > 0)
            db.setPort(port);
        db.setUserName(user);
        db.setPassword(password);
    }
    {
        QMutexLocker lock(&namesMutex);
        connectionNames.append(name);
    }
    if (!db.open()) {
        *error = db.lastError().text();
        return {};
    }
    if (!setUpSession(db, error)) {
        db.close(); // opened again, and set up, by the next call
        return {};
    }
    return db;
}

StatementCache *CaseService::Private::statementCache(const QString &connectionName)
{
    QMutexLocker lock(&namesMutex);
    std::shared_ptr<StatementCache> &cache = statementCaches[connectionName];
    if (!cache)
        cache = std::make_shared<StatementCache>();
    return cache.get();
}

bool CaseService::Private::setUpSession(QSqlDatabase &db, QString *error)
{
    if (dialect == Dialect::Sqlite) {
        for (const QString &pragma : {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=NORMAL"_s,
                 u"PRAGMA foreign_keys=ON"_s}) {
            if (!execRaw(db, pragma, error))
                return false;
        }
        return true;
    }
    // The PostgreSQL counterpart of busy_timeout: how long a writer waits for the write
    // lock before the call answers ThrottlingException.
    return execRaw(db,
               u"SET lock_timeout = "_s + QString::number(std::max(1, config.busyTimeoutMs)), error)
        && execRaw(db, u"SET TIME ZONE 'UTC'"_s, error);
}

bool CaseService::Private::reconnect(QSqlDatabase &db, StatementCache *statements, QString *error)
{
    statements->clear(); // the server forgot the prepared statements with the session
    db.close();
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    return setUpSession(db, error);
}

bool CaseService::Private::execControl(QSqlDatabase &db, StatementCache *statements,
    const QString &sql, QString *error, QSqlError *sqlError)
{
    if (dialect != Dialect::Sqlite)
        return execRaw(db, sql, error, sqlError);
    try {
        QSqlQuery &query = statements->prepared(db, sql);
        const bool ok = query.exec();
        if (!ok)
            *error = query.lastError().text();
        query.finish();
        return ok;
    } catch (const SqlFailure &failure) {
        *error = failure.message;
        return false;
    }
}

bool CaseService::Private::execRaw(
    QSqlDatabase &db, const QString &sql, QString *error, QSqlError *sqlError)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        *error = query.lastError().text();
        if (sqlError)
            *sqlError = query.lastError();
        return false;
    }
    query.finish();
    return true;
}

bool CaseService::Private::migrate(QString *error)
{
    QSqlDatabase db = connection(error);
    if (!db.isValid() || !db.isOpen())
        return false;
    QMutexLocker lock(&writeMutex);
    const QString begin = dialect == Dialect::Sqlite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s;
    if (!execRaw(db, begin, error))
        return false;
    auto fail = [&](const QString &message) {
        *error = message;
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        return false;
    };
    // One migrator at a time across instances; the lock ends with the transaction.
    if (dialect == Dialect::Postgres && !execRaw(db, postgresLockStatement(), error))
        return fail(*error);
    bool hasSchema = false;
    if (dialect == Dialect::Postgres) {
        // QSqlDatabase::tables() lists every schema on the search path; only the current
        // schema counts (the one CREATE TABLE writes to).
        QSqlQuery query(db);
        if (!query.exec(u"SELECT 1 FROM information_schema.tables WHERE table_schema = "
                        "current_schema() AND table_name = 'schema_version'"_s))
            return fail(query.lastError().text());
        hasSchema = query.next();
        query.finish();
    } else {
        hasSchema = db.tables().contains(u"schema_version"_s);
    }
    int version = 0;
    if (!hasSchema) {
        if (!execRaw(db, u"CREATE TABLE schema_version (version INTEGER NOT NULL)"_s, error)
            || !execRaw(db, u"INSERT INTO schema_version (version) VALUES (0)"_s, error))
            return fail(*error);
    } else {
        QSqlQuery query(db);
        if (!query.exec(u"SELECT version FROM schema_version"_s) || !query.next())
            return fail(u"Cannot read the schema version: "_s + query.lastError().text());
        version = query.value(0).toInt();
    }
    if (version > SchemaVersion)
        return fail(u"The case database was written by a newer Warroom (schema "_s
            + QString::number(version) + u"); this build understands up to "_s
            + QString::number(SchemaVersion) + u'.');
    if (version < 1) {
        for (const QString &statement : schemaV1(dialect))
            if (!execRaw(db, statement, error))
                return fail(*error);
    }
    if (version < 2) {
        for (const QString &statement : schemaV2())
            if (!execRaw(db, statement, error))
                return fail(*error);
    }
    if (!execRaw(
            db, u"UPDATE schema_version SET version = "_s + QString::number(SchemaVersion), error))
        return fail(*error);

    // The signing key: configured, or generated once and shared through the database.
    if (config.signingKey.isEmpty()) {
        QSqlQuery query(db);
        query.prepare(u"SELECT value FROM service_settings WHERE name = 'signing_key'"_s);
        if (!query.exec())
            return fail(query.lastError().text());
        if (query.next()) {
            signingKey = QByteArray::fromBase64(query.value(0).toString().toLatin1());
            query.finish();
        } else {
            query.finish();
            QByteArray key(32, Qt::Uninitialized);
            QRandomGenerator::system()->fillRange(
                reinterpret_cast<quint32 *>(key.data()), key.size() / 4);
            QSqlQuery insert(db);
            insert.prepare(
                u"INSERT INTO service_settings (name, value) VALUES ('signing_key', ?)"_s);
            insert.addBindValue(QString::fromLatin1(key.toBase64()));
            if (!insert.exec())
                return fail(insert.lastError().text());
            signingKey = key;
        }
    } else {
        signingKey = config.signingKey;
    }
    if (!execRaw(db, u"COMMIT"_s, error))
        return fail(*error);
    return true;
}

template<typename Work>
ServiceResult CaseService::Private::transaction(bool write, const Principal &caller,
    const QString &operation, Work &&work, bool singleStatement)
{
    const bool autocommit = singleStatement && !write;
    QString error;
    QSqlDatabase db = connection(&error);
    if (!db.isValid() || !db.isOpen()) {
        qCWarning(lcCaseService) << "cannot open the case database:" << error;
        return ServiceResult::failure(
            ServiceError::internal(u"The case database is not available."_s, 1));
    }
    StatementCache *statements = statementCache(db.connectionName());
    constexpr int attempts = 5;
    for (int attempt = 1;; ++attempt) {
        std::unique_lock<QMutex> lock(writeMutex, std::defer_lock);
        if (write)
            lock.lock();
        // SQLite: BEGIN IMMEDIATE takes the database's write lock. PostgreSQL: writers take
        // one transaction-level advisory lock first, so writes are serialised across every
        // instance on the database exactly as on SQLite; READ COMMITTED then reads what
        // the previous writer committed (a SERIALIZABLE snapshot would predate the lock).
        // Readers see one consistent snapshot.
        QString begin;
        if (dialect == Dialect::Sqlite)
            begin = write ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s;
        else
            begin = write ? u"BEGIN ISOLATION LEVEL READ COMMITTED"_s
                          : u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_s;
        bool busy = false;
        // The connection died (PostgreSQL restarted): open it again and run the call again,
        // unless COMMIT was already sent, when the outcome is unknown.
        bool connectionLost = false;
        bool commitSent = false;
        QString failure;
        QSqlError controlError;
        bool begun = autocommit || execControl(db, statements, begin, &error, &controlError);
        if (begun && write && dialect == Dialect::Postgres
            && !execRaw(db, postgresLockStatement(), &error, &controlError)) {
            QString ignored;
            execRaw(db, u"ROLLBACK"_s, &ignored);
            begun = false;
        }
        if (begun) {
            Context ctx(db, statements, dialect, config, signingKey, caller, operation, now());
            try {
                ServiceResult result = work(ctx);
                if (autocommit)
                    return result;
                if (!result.ok()) {
                    execControl(db, statements, u"ROLLBACK"_s, &error);
                    return result;
                }
                commitSent = true;
                if (execControl(db, statements, u"COMMIT"_s, &error, &controlError))
                    return result;
                failure = error;
                busy = error.contains(u"locked"_s) || error.contains(u"serializ"_s)
                    || error.contains(u"lock timeout"_s);
                connectionLost = isConnectionLost(controlError);
            } catch (const Failure &f) {
                if (!autocommit)
                    execControl(db, statements, u"ROLLBACK"_s, &error);
                return ServiceResult::failure(f.error);
            } catch (const SqlFailure &f) {
                failure = f.message;
                busy = f.busy;
                connectionLost = f.connectionLost;
            }
            connectionLost = connectionLost && dialect == Dialect::Postgres;
            if (!connectionLost && !autocommit)
                execControl(db, statements, u"ROLLBACK"_s, &error);
        } else {
            failure = error;
            connectionLost = dialect == Dialect::Postgres && isConnectionLost(controlError);
            // BEGIN IMMEDIATE only fails when another process holds the lock; on PostgreSQL
            // the advisory lock gives up after lock_timeout (busyTimeoutMs).
            busy = !connectionLost;
        }
        if (connectionLost && dialect == Dialect::Postgres) {
            if (lock.owns_lock())
                lock.unlock();
            qCWarning(lcCaseService).noquote()
                << operation << "lost the database connection, reconnecting:" << failure;
            const bool reopened = reconnect(db, statements, &error);
            if (reopened && !commitSent && attempt < attempts)
                continue;
            if (!reopened) {
                qCWarning(lcCaseService).noquote() << "reconnecting failed:" << error;
                db.close(); // connection() opens it again for the next call
            }
            return ServiceResult::failure(ServiceError::internal(
                u"The case database connection was lost; retry the request."_s, 1));
        }
        if (busy && attempt < attempts) {
            if (lock.owns_lock())
                lock.unlock();
            QThread::msleep(static_cast<unsigned long>(20 * attempt));
            continue;
        }
        qCWarning(lcCaseService).noquote() << operation << "failed:" << failure;
        if (busy)
            return ServiceResult::failure(
                ServiceError::throttling(u"The case database is busy; retry the request."_s, 1));
        return ServiceResult::failure(
            ServiceError::internal(u"The case service could not complete the request."_s, 1));
    }
}

CaseService::CaseService(std::unique_ptr<Private> p)
    : d(std::move(p))
{
}

CaseService::~CaseService()
{
    // Other threads' connections should have been released by releaseThreadConnection();
    // removing them here only drops the registrations.
    releaseThreadConnection();
    QMutexLocker lock(&d->namesMutex);
    d->statementCaches.clear();
    for (const QString &name : std::as_const(d->connectionNames))
        QSqlDatabase::removeDatabase(name);
}

std::unique_ptr<CaseService> CaseService::open(
    const ServiceConfig &config, const QString &databaseUrl, QString *error)
{
    QString localError;
    if (!error)
        error = &localError;
    auto p = std::make_unique<Private>();
    p->config = config;
    if (p->config.defaultMaxResults < 1 || p->config.defaultMaxResults > 25)
        p->config.defaultMaxResults = 10;
    if (databaseUrl.startsWith(u"postgresql://"_s) || databaseUrl.startsWith(u"postgres://"_s)) {
        const QUrl url(databaseUrl);
        p->dialect = Dialect::Postgres;
        p->driver = u"QPSQL"_s;
        p->host = url.host();
        p->port = url.port(5432);
        p->user = url.userName();
        p->password = url.password();
        p->databaseName = url.path().mid(1);
    } else {
        p->dialect = Dialect::Sqlite;
        p->driver = u"QSQLITE"_s;
        p->databaseName = databaseUrl.startsWith(u"sqlite:"_s) ? databaseUrl.mid(7) : databaseUrl;
        if (p->databaseName.isEmpty() || p->databaseName == u":memory:"_s) {
            *error = u"The case service needs a database file (sqlite:/path/file.db); an "
                     "in-memory database cannot be shared between threads."_s;
            return nullptr;
        }
    }
    if (!QSqlDatabase::isDriverAvailable(p->driver)) {
        *error = u"The Qt SQL driver "_s + p->driver + u" is not installed."_s;
        return nullptr;
    }
    p->connectionPrefix
        = u"warroom.caseservice."_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto service = std::unique_ptr<CaseService>(new CaseService(std::move(p)));
    if (!service->d->migrate(error)) {
        qCWarning(lcCaseService).noquote() << "cannot open the case database:" << *error;
        return nullptr;
    }
    error->clear();
    return service;
}

QStringList CaseService::operations()
{
    return {u"BatchGetMemberAccountDetails"_s, u"CancelMembership"_s, u"CloseCase"_s,
        u"CreateCase"_s, u"CreateCaseComment"_s, u"CreateMembership"_s, u"GetCase"_s,
        u"GetCaseAttachmentDownloadUrl"_s, u"GetCaseAttachmentUploadUrl"_s, u"GetMembership"_s,
        u"ListCaseEdits"_s, u"ListCases"_s, u"ListComments"_s, u"ListInvestigations"_s,
        u"ListMemberships"_s, u"ListTagsForResource"_s, u"SendFeedback"_s, u"TagResource"_s,
        u"UntagResource"_s, u"UpdateCase"_s, u"UpdateCaseComment"_s, u"UpdateCaseStatus"_s,
        u"UpdateMembership"_s, u"UpdateResolverType"_s};
}

int CaseService::successStatus(const QString &operation)
{
    static const QStringList created = {u"CreateCase"_s, u"CreateCaseComment"_s,
        u"CreateMembership"_s, u"GetCaseAttachmentUploadUrl"_s, u"GetCaseAttachmentDownloadUrl"_s,
        u"UpdateCaseStatus"_s};
    if (!operationTable().contains(operation))
        return 0;
    if (created.contains(operation))
        return 201;
    if (operation == u"TagResource"_s)
        return 204;
    return 200;
}

ServiceResult CaseService::call(
    const QString &operation, const QJsonObject &input, const Principal &caller)
{
    return call(operation, input, caller, CallOptions());
}

QString CaseService::preconditionFailedPrefix()
{
    return u"X-Warroom-If-Unmodified-Since: "_s;
}

ServiceResult CaseService::call(const QString &operation, const QJsonObject &input,
    const Principal &caller, const CallOptions &options)
{
    const auto it = operationTable().constFind(operation);
    if (it == operationTable().cend())
        return ServiceResult::failure(ServiceError::unknownOperation(operation));
    const OperationInfo info = *it;
    if (!allowed(caller.role, info.access))
        return ServiceResult::failure(ServiceError::accessDenied(u"The caller's role ("_s
            + toString(caller.role) + u") does not allow "_s + operation + u'.'));

    QString clientToken;
    if (info.takesClientToken) {
        domain::FieldErrors errors;
        const QJsonValue token = input.value(u"clientToken"_s);
        if (!token.isUndefined() && !token.isNull()) {
            if (!token.isString())
                errors.append({u"clientToken"_s, u"Must be text."_s});
            else
                domain::checkClientToken(token.toString(), u"clientToken"_s, errors);
            clientToken = token.toString();
        }
        if (!errors.isEmpty())
            return ServiceResult::failure(
                ServiceError::validation(u"Invalid input: clientToken."_s, errors));
    }
    const int status = successStatus(operation);
    const bool write = info.access != Access::Read;
    // GetCase reads the case and its attachments in one statement (the hot path of a busy
    // server); a membership check would be a second one.
    const bool singleStatement = operation == u"GetCase"_s && !d->config.requireActiveMembership;

    return d->transaction(
        write, caller, operation,
        [&](Context &ctx) -> ServiceResult {
            if (d->config.requireActiveMembership && !info.membershipOperation
                && !hasActiveMembership(ctx))
                throwError(ServiceError::notActive(u"Security Incident Response is not active for "
                                                   "account "_s
                    + d->config.accountId + u": create a membership first."_s));
            QString hash;
            if (!clientToken.isEmpty()) {
                hash = requestHash(input);
                const auto row
                    = ctx.selectOne(u"SELECT request_hash, resource_id, response FROM "
                                    "client_tokens WHERE operation = ? AND client_token = ?"_s,
                        {operation, clientToken});
                if (row) {
                    if (row->at(0).toString() != hash)
                        throwError(ServiceError::conflict(u"The clientToken was already used for a "
                                                          "different "_s
                                + operation + u" request; use a new token for a new request."_s,
                            row->at(1).toString(), resourceTypeOf(operation)));
                    const QJsonObject original
                        = QJsonDocument::fromJson(row->at(2).toByteArray()).object();
                    return ServiceResult::success(status, original);
                }
            }
            if (options.ifUnmodifiedSince && write && input.value(u"caseId"_s).isString()) {
                // Checked in the write transaction, so no other write comes in between.
                const QString caseId = input.value(u"caseId"_s).toString();
                const domain::Case current = detail::loadCase(ctx, caseId);
                const qint64 since = options.ifUnmodifiedSince->toMSecsSinceEpoch();
                if (current.lastUpdatedDate.toMSecsSinceEpoch() > since)
                    throwError(ServiceError::conflict(preconditionFailedPrefix() + u"case "_s
                            + caseId + u" was changed at "_s
                            + current.lastUpdatedDate.toString(Qt::ISODateWithMs) + u", after "_s
                            + options.ifUnmodifiedSince->toUTC().toString(Qt::ISODateWithMs)
                            + u"; read it again."_s,
                        caseId, u"case"_s));
            }
            const QJsonObject body = info.function(ctx, input);
            if (!clientToken.isEmpty()) {
                ctx.exec(u"INSERT INTO client_tokens (operation, client_token, request_hash, "
                         "resource_id, response, created_ms) VALUES (?, ?, ?, ?, ?, ?)"_s,
                    {operation, clientToken, hash, ctx.createdResourceId,
                        QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)),
                        ctx.nowMs()});
            }
            return ServiceResult::success(status, status == 204 ? QJsonObject() : body);
        },
        singleStatement);
}

QStringList CaseService::triageOperations()
{
    return {u"ClaimFinding"_s, u"ReleaseFinding"_s, u"PutTriageDecision"_s, u"ListTriageState"_s};
}

ServiceResult CaseService::callTriage(
    const QString &operation, const QJsonObject &input, const Principal &caller)
{
    static const QHash<QString, Operation> table = {
        {u"ClaimFinding"_s, &claimFinding},
        {u"ReleaseFinding"_s, &releaseFinding},
        {u"PutTriageDecision"_s, &putTriageDecision},
        {u"ListTriageState"_s, &listTriageState},
    };
    const auto it = table.constFind(operation);
    if (it == table.cend())
        return ServiceResult::failure(ServiceError::unknownOperation(operation));
    const bool write = operation != u"ListTriageState"_s;
    if (write && !allowed(caller.role, Access::CaseWrite))
        return ServiceResult::failure(ServiceError::accessDenied(u"The caller's role ("_s
            + toString(caller.role) + u") does not allow "_s + operation + u'.'));
    const Operation function = *it;
    return d->transaction(write, caller, operation, [&](Context &ctx) -> ServiceResult {
        return ServiceResult::success(200, function(ctx, input));
    });
}

QList<CaseService::Change> CaseService::changesAfter(qint64 sequence, int limit, QString *error)
{
    QList<Change> changes;
    const ServiceResult result
        = d->transaction(false, Principal(), u"ChangesAfter"_s, [&](Context &ctx) {
              const Rows rows = ctx.select(u"SELECT sequence, resource_type, resource_id, "
                                           "operation, at_ms FROM changes WHERE sequence > ? "
                                           "ORDER BY sequence LIMIT ?"_s,
                  {sequence, qBound(1, limit, 10000)});
              for (const Row &row : rows)
                  changes.append({row.at(0).toLongLong(), row.at(1).toString(),
                      row.at(2).toString(), row.at(3).toString(), fromMs(row.at(4))});
              return ServiceResult::success(200);
          });
    if (error)
        *error = result.ok() ? QString() : result.error->message;
    return changes;
}

qint64 CaseService::latestChange(QString *error)
{
    qint64 latest = -1;
    const ServiceResult result = d->transaction(
        false, Principal(), u"LatestChange"_s, [&](Context &ctx) {
            const auto row = ctx.selectOne(u"SELECT value FROM sequences WHERE name = 'change'"_s);
            latest = row ? row->at(0).toLongLong() : 0;
            return ServiceResult::success(200);
        });
    if (error)
        *error = result.ok() ? QString() : result.error->message;
    return result.ok() ? latest : -1;
}

QString CaseService::attachmentPathPrefix()
{
    return u"/attachments/"_s;
}

bool CaseService::acceptUpload(const QString &token, const QByteArray &body, QString *error)
{
    QString message;
    bool accepted = false;
    const ServiceResult result
        = d->transaction(true, Principal(), u"UploadAttachment"_s, [&](Context &ctx) {
              accepted = detail::acceptUpload(ctx, token, body, &message);
              return ServiceResult::success(200);
          });
    if (!result.ok())
        message = result.error->message;
    if (error)
        *error = accepted ? QString() : message;
    return result.ok() && accepted;
}

std::optional<QByteArray> CaseService::download(
    const QString &token, QString *fileName, QString *error)
{
    QString message;
    std::optional<QByteArray> bytes;
    const ServiceResult result
        = d->transaction(false, Principal(), u"DownloadAttachment"_s, [&](Context &ctx) {
              bytes = detail::download(ctx, token, fileName, &message);
              return ServiceResult::success(200);
          });
    if (!result.ok()) {
        message = result.error->message;
        bytes.reset();
    }
    if (error)
        *error = bytes ? QString() : message;
    return bytes;
}

bool CaseService::addInvestigation(
    const QString &caseId, const domain::Investigation &investigation, QString *error)
{
    const ServiceResult result
        = d->transaction(true, Principal(), u"AddInvestigation"_s, [&](Context &ctx) {
              detail::addInvestigation(ctx, caseId, investigation);
              return ServiceResult::success(200);
          });
    if (error) {
        *error = QString();
        if (!result.ok()) {
            *error = result.error->message;
            for (const auto &f : result.error->fieldList)
                *error += u' ' + f.field + u": "_s + f.message;
        }
    }
    return result.ok();
}

namespace {

// The message of a failed admin call, with its field list.
QString adminError(const ServiceResult &result)
{
    if (result.ok())
        return {};
    QString text = result.error->message;
    for (const auto &f : result.error->fieldList)
        text += u' ' + f.field + u": "_s + f.message;
    return text;
}

} // namespace

bool CaseService::seedCases(const QList<SeedCase> &cases, QString *error)
{
    const ServiceResult result
        = d->transaction(true, Principal(), u"SeedCases"_s, [&](Context &ctx) {
              for (const SeedCase &seed : cases)
                  detail::seedCase(ctx, seed);
              return ServiceResult::success(200);
          });
    if (error)
        *error = adminError(result);
    return result.ok();
}

bool CaseService::seedMembership(const domain::Membership &membership, QString *error)
{
    const ServiceResult result
        = d->transaction(true, Principal(), u"SeedMembership"_s, [&](Context &ctx) {
              detail::seedMembership(ctx, membership);
              return ServiceResult::success(200);
          });
    if (error)
        *error = adminError(result);
    return result.ok();
}

void CaseService::releaseThreadConnection()
{
    const QString name = d->threadConnectionName();
    {
        QMutexLocker lock(&d->namesMutex);
        d->statementCaches.remove(name); // its statements go before the connection
        if (!d->connectionNames.removeOne(name))
            return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

const ServiceConfig &CaseService::config() const
{
    return d->config;
}

} // namespace warroom::caseservice
