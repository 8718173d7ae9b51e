#pragma once

#include "ServiceError.h"

#include "domain/Case.h"
#include "domain/CaseEdit.h"
#include "domain/Comment.h"
#include "domain/Investigation.h"
#include "domain/Membership.h"

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <functional>
#include <memory>
#include <optional>

// The authoritative security-ir case logic: validation, the status graph, idempotency,
// the edit log, pagination, memberships, attachments, tags and investigations, on the
// service's own database. Used in-process by the desktop app (embedded backend) and by
// warroom-server behind HTTP. See README.md in this folder for the decisions.
namespace warroom::caseservice {

// An account of the organisation the service stands for (BatchGetMemberAccountDetails,
// numberOfAccountsCovered). `organizationalUnitId` is the OU the account sits in (empty:
// the root); ServiceConfig::organizationalUnitParents says which OUs that OU sits in.
struct OrganizationAccount final
{
    QString accountId;
    QString organizationalUnitId;
};

struct ServiceConfig final
{
    QString accountId = QStringLiteral("123456789012"); // in every ARN; the membership account
    QString region = QStringLiteral("us-east-1"); // in every ARN; Get/ListMemberships.region
    QList<OrganizationAccount> organizationAccounts; // empty: a standalone account
    // OU -> the OU it is nested in; top-level OUs are absent. An OU in a membership's
    // scope covers the accounts of every OU below it, as on AWS.
    QHash<QString, QString> organizationalUnitParents;

    // Attachments: presigned URLs are publicBaseUrl + attachmentPathPrefix() + token.
    QString publicBaseUrl = QStringLiteral("http://127.0.0.1:8080");
    int uploadUrlTtlSeconds = 900;
    int downloadUrlTtlSeconds = 900;

    // HMAC key for nextToken and attachment URLs. Empty (the default): a random key
    // generated once and kept in the database so every instance sharing it agrees.
    QByteArray signingKey;

    // When true, case operations need an active membership
    // (SecurityIncidentResponseNotActiveException otherwise), as on AWS.
    bool requireActiveMembership = false;

    // Page size when maxResults is absent.
    int defaultMaxResults = 10;

    // SQLite busy_timeout (other processes holding the write lock).
    int busyTimeoutMs = 10000;

    // The clock; empty = QDateTime::currentDateTimeUtc(). Tests move it.
    std::function<QDateTime()> clock;
};

// Extensions a caller may add to one call (warroom's own, not in the security-ir model).
struct CallOptions final
{
    // A conditional write: the case named by the input's caseId must not have changed
    // (lastUpdatedDate, to the millisecond) after this time, or the call is refused with
    // ConflictException (nothing written). warroom-server takes it from the
    // X-Warroom-If-Unmodified-Since header; the embedded backend passes it in process.
    std::optional<QDateTime> ifUnmodifiedSince;
};

class CaseService final
{
public:
    // "sqlite:/path/file.db" (or a bare file path), or "postgresql://user:pass@host:port/db"
    // (QPSQL; several instances may share one database). Creates and migrates the schema.
    // nullptr with *error set on failure.
    static std::unique_ptr<CaseService> open(
        const ServiceConfig &config, const QString &databaseUrl, QString *error);
    ~CaseService();
    CaseService(const CaseService &) = delete;
    CaseService &operator=(const CaseService &) = delete;

    // The 24 operations of the model, by model name, in model order.
    static QStringList operations();
    // The model's success code for an operation: 201, 204 or 200 (0 for an unknown name).
    static int successStatus(const QString &operation);

    // One security-ir operation by its model name ("CreateCase", "GetCase", ...). `input`
    // holds every input member by its model member name, wherever it travels on the wire
    // (path, query or body), e.g. {"caseId": "1234567890", "maxResults": 5}. UntagResource
    // takes "tagKeys" as a JSON array. Thread-safe: each thread gets its own connection
    // and every call is one transaction.
    ServiceResult call(const QString &operation, const QJsonObject &input, const Principal &caller);
    ServiceResult call(const QString &operation, const QJsonObject &input, const Principal &caller,
        const CallOptions &options);
    // The message of the ConflictException a failed CallOptions::ifUnmodifiedSince gives
    // starts with this (clients tell it from other conflicts by it).
    static QString preconditionFailedPrefix();

    // --- x-warroom triage extension (warroom-server only; not in the security-ir model) ---
    // Who works on a finding and what was decided, shared by every console on the server:
    // "ClaimFinding", "ReleaseFinding", "PutTriageDecision" (input: findingId, console,
    // analyst, force; ttlSeconds; verdict, reason, caseId, assignee, releaseClaim) and
    // "ListTriageState" (after, maxResults). A claim or decision on a finding another
    // console holds answers ConflictException unless `force`. Every write gets the next
    // "triage" sequence number and a change feed entry (resourceType "triage"). ReadOnly
    // may only list. See app/warroom-server/README.md.
    static QStringList triageOperations();
    ServiceResult callTriage(
        const QString &operation, const QJsonObject &input, const Principal &caller);

    // Change feed for live consoles: every change gets a strictly increasing sequence
    // number. resourceType is "case", "comment", "attachment", "membership", "tags" or
    // "investigation"; resourceId the case ID / membership ID / ARN; operation the model
    // operation name (or "UploadAttachment").
    struct Change
    {
        qint64 sequence = 0;
        QString resourceType;
        QString resourceId;
        QString operation;
        QDateTime at;
    };
    QList<Change> changesAfter(qint64 sequence, int limit, QString *error);
    qint64 latestChange(QString *error); // 0 when nothing changed yet; -1 on error

    // --- attachments: the HTTP layer serves the presigned URLs -------------------------
    // The path part of every presigned URL, before the token: "/attachments/".
    static QString attachmentPathPrefix();
    // PUT <publicBaseUrl>/attachments/<token>. Checks the signature, the expiry, that the
    // token is an upload token of a Pending attachment and that body.size() equals the
    // declared contentLength. A size mismatch marks the attachment Failed and returns
    // false; success marks it Verified. Other refusals change nothing.
    bool acceptUpload(const QString &token, const QByteArray &body, QString *error);
    // GET <publicBaseUrl>/attachments/<token>: the bytes of a Verified attachment.
    std::optional<QByteArray> download(const QString &token, QString *fileName, QString *error);

    // --- admin ---------------------------------------------------------------------------
    // Stores an investigation record on a case (replacing one with the same ID).
    bool addInvestigation(
        const QString &caseId, const domain::Investigation &investigation, QString *error);
    // A case as it stands elsewhere (the demo workspace, a migration): stored with its
    // ID, status, resolver, dates and other members as given, its tags, comments and
    // edit history; a case with the same ID is replaced. All cases in one transaction,
    // each validated with the domain rules. No operation reaches the AWS-managed
    // statuses (Acknowledged, Ready to close), so this is how they are seeded.
    struct SeedCase
    {
        domain::Case value;
        QList<domain::Comment> comments;
        QList<domain::CaseEdit> edits;
    };
    bool seedCases(const QList<SeedCase> &cases, QString *error);
    // A membership as it stands elsewhere, with its tags (replaces one with its ID).
    bool seedMembership(const domain::Membership &membership, QString *error);
    // Closes this thread's database connection; call from a worker thread before it ends.
    void releaseThreadConnection();

    const ServiceConfig &config() const;

private:
    struct Private;
    explicit CaseService(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace warroom::caseservice
