#include "ServiceInternals.h"

#include "domain/CaseJson.h"
#include "domain/MembershipJson.h"
#include "domain/Validation.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QJsonDocument>
#include <QtCore/QMessageAuthenticationCode>
#include <QtCore/QRandomGenerator>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>
#include <QtSql/QSqlRecord>

Q_LOGGING_CATEGORY(lcCaseService, "warroom.caseservice")

using namespace Qt::StringLiterals;

namespace warroom::caseservice::detail {

namespace {

bool isBusy(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    // SQLite: 5 SQLITE_BUSY, 6 SQLITE_LOCKED; PostgreSQL (SQLSTATE): serialization failure,
    // deadlock, lock_timeout expired.
    return code == u"5"_s || code == u"6"_s || code == u"40001"_s || code == u"40P01"_s
        || code == u"55P03"_s || error.text().contains(u"locked"_s);
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

bool isConnectionLost(const QSqlError &error)
{
    if (error.type() == QSqlError::ConnectionError)
        return true;
    // SQLSTATE class 08 (connection exception) and 57P01-57P03 (admin shutdown, crash
    // shutdown, cannot connect now); libpq reports a dropped socket without a code.
    const QString code = error.nativeErrorCode();
    if (code.startsWith(u"08"_s) || code == u"57P01"_s || code == u"57P02"_s || code == u"57P03"_s)
        return true;
    const QString text = error.text();
    return text.contains(u"server closed the connection"_s)
        || text.contains(u"no connection to the server"_s)
        || text.contains(u"terminating connection"_s)
        || text.contains(u"connection not open"_s, Qt::CaseInsensitive);
}

namespace {

SqlFailure sqlFailure(const QSqlError &error, const QString &sql)
{
    return SqlFailure {error.text() + u" in: "_s + sql, isBusy(error), isConnectionLost(error)};
}

} // namespace

QSqlQuery &StatementCache::prepared(QSqlDatabase &db, const QString &sql)
{
    auto it = m_statements.constFind(sql);
    if (it != m_statements.cend())
        return **it;
    // Statements built with a variable number of values could grow the cache without end.
    if (m_statements.size() >= 256)
        m_statements.clear();
    auto query = std::make_shared<QSqlQuery>(db);
    query->setForwardOnly(true);
    if (!query->prepare(sql))
        throw sqlFailure(query->lastError(), sql);
    m_statements.insert(sql, query);
    return *query;
}

// --- Context -------------------------------------------------------------------------------

Context::Context(QSqlDatabase db, StatementCache *statements, Dialect dialect,
    const ServiceConfig &config, const QByteArray &signingKey, const Principal &caller,
    const QString &operation, const QDateTime &now)
    : m_db(std::move(db))
    , m_statements(statements)
    , m_dialect(dialect)
    , m_config(config)
    , m_signingKey(signingKey)
    , m_caller(caller)
    , m_operation(operation)
    , m_now(now)
{
}

QSqlQuery &Context::run(const QString &sql, const QVariantList &values)
{
    QSqlQuery &query = m_statements->prepared(m_db, sql);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec()) {
        const SqlFailure failure = sqlFailure(query.lastError(), sql);
        query.finish();
        throw failure;
    }
    return query;
}

Rows Context::select(const QString &sql, const QVariantList &values)
{
    QSqlQuery &query = run(sql, values);
    Rows rows;
    const int columns = query.record().count();
    while (query.next()) {
        Row row;
        row.reserve(columns);
        for (int i = 0; i < columns; ++i)
            row.append(query.value(i));
        rows.append(row);
    }
    query.finish();
    return rows;
}

qint64 Context::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery &query = run(sql, values);
    const qint64 affected = query.numRowsAffected();
    query.finish();
    return affected;
}

std::optional<Row> Context::selectOne(const QString &sql, const QVariantList &values)
{
    Rows rows = select(sql, values);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first();
}

qint64 Context::nextSequence(const QString &name)
{
    // A counter row, not AUTOINCREMENT/SERIAL: the row lock orders writers, so sequence
    // numbers also commit in order on PostgreSQL and a change feed reader misses nothing.
    exec(u"UPDATE sequences SET value = value + 1 WHERE name = ?"_s, {name});
    const auto row = selectOne(u"SELECT value FROM sequences WHERE name = ?"_s, {name});
    if (!row)
        throw SqlFailure {u"sequence "_s + name + u" is missing"_s};
    return row->at(0).toLongLong();
}

void Context::recordChange(const QString &resourceType, const QString &resourceId)
{
    const qint64 sequence = nextSequence(u"change"_s);
    exec(u"INSERT INTO changes (sequence, resource_type, resource_id, operation, at_ms) "
         "VALUES (?, ?, ?, ?, ?)"_s,
        {sequence, resourceType, resourceId, m_operation, nowMs()});
}

void Context::addEdit(const QString &caseId, const QString &message, const QString &principal)
{
    QString text = message;
    if (text.size() > domain::limits::CaseEditMessageMax)
        text = text.left(domain::limits::CaseEditMessageMax - 3) + u"..."_s;
    while (domain::codePointLength(text) < domain::limits::CaseEditMessageMin)
        text += u'.';
    const qint64 sequence = nextSequence(u"edit"_s);
    exec(u"INSERT INTO case_edits (edit_seq, case_id, event_ms, principal, action, message) "
         "VALUES (?, ?, ?, ?, ?, ?)"_s,
        {sequence, caseId, nowMs(), principal.isEmpty() ? principalId() : principal, m_operation,
            text});
}

QString Context::principalId() const
{
    return m_caller.arn.isEmpty() ? m_config.accountId : m_caller.arn;
}

// --- Input ---------------------------------------------------------------------------------

QString Input::requiredString(
    const QString &key, void (*check)(const QString &, const QString &, domain::FieldErrors &))
{
    const auto value = optionalString(key, check);
    if (!value) {
        if (!domain::hasErrorFor(m_errors, key))
            require(false, key);
        return {};
    }
    return *value;
}

std::optional<QString> Input::optionalString(
    const QString &key, void (*check)(const QString &, const QString &, domain::FieldErrors &))
{
    const QJsonValue v = m_input.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString()) {
        fail(key, u"Must be text."_s);
        return std::nullopt;
    }
    const QString text = v.toString();
    if (check)
        check(text, key, m_errors);
    return text;
}

std::optional<qint64> Input::optionalInteger(const QString &key)
{
    const QJsonValue v = m_input.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)))
            return static_cast<qint64>(d);
    } else if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().toLongLong(&ok);
        if (ok)
            return n;
    }
    fail(key, u"Must be a whole number."_s);
    return std::nullopt;
}

std::optional<QStringList> Input::optionalStringList(const QString &key)
{
    const QJsonValue v = m_input.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isArray()) {
        fail(key, u"Must be a list of text values."_s);
        return std::nullopt;
    }
    QStringList list;
    const QJsonArray array = v.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            fail(key + u'[' + QString::number(i) + u']', u"Must be text."_s);
            continue;
        }
        list.append(array.at(i).toString());
    }
    return list;
}

void Input::failEnum(const QString &key, const QString &text, const QStringList &allowed)
{
    fail(key,
        u"Must be one of \""_s + allowed.join(u"\", \""_s) + u"\"; it is \""_s + text + u"\"."_s);
}

void Input::require(bool present, const QString &key)
{
    if (!present)
        fail(key, key + u" is required."_s);
}

void Input::fail(const QString &key, const QString &message)
{
    m_errors.append(domain::FieldError {key, message});
}

void Input::throwIfFailed() const
{
    if (!m_errors.isEmpty())
        throwValidation(m_errors);
}

void throwError(const ServiceError &error)
{
    throw Failure {error};
}

void throwValidation(const domain::FieldErrors &errors)
{
    QStringList names;
    for (const auto &e : errors)
        names.append(e.field);
    names.removeDuplicates();
    throwError(ServiceError::validation(
        QString(u"Invalid input: "_s + names.join(u", "_s) + u'.'), errors));
}

// --- signed tokens ------------------------------------------------------------------------

QString signToken(const QByteArray &key, const QString &purpose, const QJsonObject &payload)
{
    const QByteArray body = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    const QByteArray mac = QMessageAuthenticationCode::hash(
        purpose.toUtf8() + '|' + body, key, QCryptographicHash::Sha256);
    return QString::fromLatin1(base64Url(body) + '.' + base64Url(mac));
}

std::optional<QJsonObject> verifyToken(
    const QByteArray &key, const QString &purpose, const QString &token)
{
    const qsizetype dot = token.indexOf(u'.');
    if (dot <= 0 || dot != token.lastIndexOf(u'.'))
        return std::nullopt;
    const auto decode = [](QStringView part) -> std::optional<QByteArray> {
        for (QChar c : part)
            if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-' && c != u'_')
                return std::nullopt;
        auto result = QByteArray::fromBase64Encoding(part.toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        if (!result)
            return std::nullopt;
        return *result;
    };
    const auto body = decode(QStringView(token).left(dot));
    const auto mac = decode(QStringView(token).mid(dot + 1));
    if (!body || !mac)
        return std::nullopt;
    const QByteArray expected = QMessageAuthenticationCode::hash(
        purpose.toUtf8() + '|' + *body, key, QCryptographicHash::Sha256);
    // Constant-time comparison.
    if (expected.size() != mac->size())
        return std::nullopt;
    int diff = 0;
    for (qsizetype i = 0; i < expected.size(); ++i)
        diff |= expected.at(i) ^ mac->at(i);
    if (diff != 0)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

// --- pagination ------------------------------------------------------------------------------

PageRequest readPage(Context &ctx, Input &in, const QJsonObject &input, const QString &scope)
{
    Q_UNUSED(input)
    PageRequest page;
    page.limit = ctx.config().defaultMaxResults;
    if (const auto max = in.optionalInteger(u"maxResults"_s)) {
        if (*max < 1 || *max > domain::limits::MaxResultsMax)
            in.fail(u"maxResults"_s,
                u"maxResults must be 1 to 25; it is "_s + QString::number(*max) + u'.');
        else
            page.limit = static_cast<int>(*max);
    }
    const auto token = in.optionalString(u"nextToken"_s, &domain::checkNextToken);
    in.throwIfFailed();
    if (token && !token->isEmpty()) {
        const auto payload = verifyToken(ctx.signingKey(), u"page"_s, *token);
        if (!payload || payload->value(u"s"_s).toString() != scope
            || !payload->value(u"k"_s).isArray())
            throwError(ServiceError::invalidToken(
                u"The nextToken is not valid for this request: pass the nextToken of the "
                "previous page of the same listing unchanged."_s));
        page.after = payload->value(u"k"_s).toArray();
    }
    return page;
}

QString makePageToken(Context &ctx, const QString &scope, const QJsonArray &position)
{
    return signToken(
        ctx.signingKey(), u"page"_s, QJsonObject {{u"s"_s, scope}, {u"k"_s, position}});
}

// --- loaders ---------------------------------------------------------------------------------

QString caseArn(const ServiceConfig &config, const QString &caseId)
{
    return u"arn:aws:security-ir:"_s + config.region + u':' + config.accountId + u":case/"_s
        + caseId;
}

QString membershipArn(const ServiceConfig &config, const QString &membershipId)
{
    return u"arn:aws:security-ir:"_s + config.region + u':' + config.accountId + u":membership/"_s
        + membershipId;
}

domain::Case loadCase(Context &ctx, const QString &caseId)
{
    const auto row = ctx.selectOne(u"SELECT document FROM cases WHERE case_id = ?"_s, {caseId});
    if (!row)
        throwError(ServiceError::notFound(u"Case "_s + caseId + u" does not exist."_s));
    domain::Case c;
    domain::fromJson(QJsonDocument::fromJson(row->at(0).toByteArray()).object(), c);
    c.caseId = caseId;
    return c;
}

void saveCase(Context &ctx, const domain::Case &c)
{
    domain::Case stored = c;
    stored.caseAttachments.clear(); // kept in the attachments table
    stored.tags.clear(); // kept in the tags table
    const QByteArray document
        = QJsonDocument(domain::toJson(stored)).toJson(QJsonDocument::Compact);
    const QVariantList values
        = {c.createdDate.toMSecsSinceEpoch(), c.lastUpdatedDate.toMSecsSinceEpoch(),
            c.caseStatus ? domain::toString(*c.caseStatus) : QString(),
            c.resolverType ? domain::toString(*c.resolverType) : QString(),
            QString::fromUtf8(document), c.caseId};
    if (ctx.exec(u"UPDATE cases SET created_ms = ?, updated_ms = ?, status = ?, resolver_type = ?, "
                 "document = ? WHERE case_id = ?"_s,
            values)
        == 0)
        ctx.exec(u"INSERT INTO cases (created_ms, updated_ms, status, resolver_type, document, "
                 "case_id) VALUES (?, ?, ?, ?, ?, ?)"_s,
            values);
}

void requireOpen(const domain::Case &c)
{
    if (c.caseStatus == domain::CaseStatus::Closed)
        throwError(ServiceError::conflict(
            u"Case "_s + c.caseId + u" is closed and can no longer be changed."_s, c.caseId,
            u"case"_s));
}

void touchCase(Context &ctx, domain::Case &c)
{
    c.lastUpdatedDate = ctx.now();
    saveCase(ctx, c);
}

QList<domain::Attachment> loadAttachments(Context &ctx, const QString &caseId)
{
    QList<domain::Attachment> list;
    const Rows rows = ctx.select(u"SELECT attachment_id, file_name, status, creator, created_ms "
                                 "FROM attachments WHERE case_id = ? "
                                 "ORDER BY created_ms, attachment_id"_s,
        {caseId});
    for (const Row &row : rows)
        list.append(attachmentFromRow(row, 0));
    return list;
}

domain::Attachment attachmentFromRow(const Row &row, int first)
{
    domain::Attachment a;
    a.attachmentId = row.at(first).toString();
    a.fileName = row.at(first + 1).toString();
    a.attachmentStatus = domain::fromString<domain::AttachmentStatus>(row.at(first + 2).toString());
    a.creator = row.at(first + 3).toString();
    a.createdDate = fromMs(row.at(first + 4));
    return a;
}

domain::Tags loadTags(Context &ctx, const QString &arn)
{
    domain::Tags tags;
    for (const Row &row :
        ctx.select(u"SELECT tag_key, tag_value FROM tags WHERE resource_arn = ?"_s, {arn}))
        tags.insert(row.at(0).toString(), row.at(1).toString());
    return tags;
}

void saveTags(Context &ctx, const QString &arn, const domain::Tags &tags)
{
    ctx.exec(u"DELETE FROM tags WHERE resource_arn = ?"_s, {arn});
    for (auto it = tags.cbegin(); it != tags.cend(); ++it)
        ctx.exec(u"INSERT INTO tags (resource_arn, tag_key, tag_value) VALUES (?, ?, ?)"_s,
            {arn, it.key(), it.value()});
}

std::optional<domain::Membership> findMembership(Context &ctx, const QString &membershipId)
{
    const auto row = ctx.selectOne(
        u"SELECT document FROM memberships WHERE membership_id = ?"_s, {membershipId});
    if (!row)
        return std::nullopt;
    domain::Membership m;
    domain::fromJson(QJsonDocument::fromJson(row->at(0).toByteArray()).object(), m);
    m.membershipId = membershipId;
    return m;
}

void saveMembership(Context &ctx, const domain::Membership &m, bool insert)
{
    domain::Membership stored = m;
    stored.tags.clear();
    const QString document
        = QString::fromUtf8(QJsonDocument(domain::toJson(stored)).toJson(QJsonDocument::Compact));
    const QString status = m.membershipStatus ? domain::toString(*m.membershipStatus) : QString();
    if (insert)
        ctx.exec(u"INSERT INTO memberships (membership_id, account_id, status, created_ms, "
                 "document) VALUES (?, ?, ?, ?, ?)"_s,
            {m.membershipId, m.accountId, status, ctx.nowMs(), document});
    else
        ctx.exec(u"UPDATE memberships SET status = ?, document = ? WHERE membership_id = ?"_s,
            {status, document, m.membershipId});
}

bool hasActiveMembership(Context &ctx)
{
    return ctx
        .selectOne(u"SELECT membership_id FROM memberships WHERE account_id = ? AND status = ?"_s,
            {ctx.config().accountId, u"Active"_s})
        .has_value();
}

QString randomDigits(int count, bool leadingNonZero)
{
    QString text;
    text.reserve(count);
    auto *random = QRandomGenerator::system();
    for (int i = 0; i < count; ++i) {
        const int digit = (i == 0 && leadingNonZero) ? 1 + random->bounded(9) : random->bounded(10);
        text.append(QChar(u'0' + digit));
    }
    return text;
}

QString randomLowerAlnum(int count)
{
    static const char16_t alphabet[] = u"abcdefghijklmnopqrstuvwxyz0123456789";
    QString text;
    text.reserve(count);
    auto *random = QRandomGenerator::system();
    for (int i = 0; i < count; ++i)
        text.append(QChar(alphabet[random->bounded(36)]));
    return text;
}

QString isoTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QDateTime fromMs(const QVariant &ms)
{
    if (ms.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), Qt::UTC);
}

} // namespace warroom::caseservice::detail
