// GetCaseAttachmentUploadUrl, GetCaseAttachmentDownloadUrl and the transfers the presigned
// URLs lead to. Bytes are kept in the attachments table (BLOB / BYTEA), so every server
// instance that shares the database can serve every attachment.

#include "ServiceInternals.h"

#include "domain/Validation.h"

#include <QtCore/QUuid>

using namespace Qt::StringLiterals;

namespace warroom::caseservice::detail {

namespace {

const QString UploadKind = u"upload"_s;
const QString DownloadKind = u"download"_s;

QString transferUrl(Context &ctx, const QString &kind, const QString &caseId,
    const QString &attachmentId, int ttlSeconds)
{
    const qint64 expires = ctx.now().toSecsSinceEpoch() + ttlSeconds;
    const QString token = signToken(ctx.signingKey(), u"attachment"_s,
        QJsonObject {{u"k"_s, kind}, {u"c"_s, caseId}, {u"a"_s, attachmentId}, {u"e"_s, expires}});
    QString base = ctx.config().publicBaseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    return base + CaseService::attachmentPathPrefix() + token;
}

struct TransferToken
{
    QString caseId;
    QString attachmentId;
};

std::optional<TransferToken> readTransferToken(
    Context &ctx, const QString &kind, const QString &token, QString *error)
{
    const auto payload = verifyToken(ctx.signingKey(), u"attachment"_s, token);
    if (!payload || payload->value(u"k"_s).toString() != kind) {
        *error = u"The "_s + kind + u" URL is not valid."_s;
        return std::nullopt;
    }
    if (ctx.now().toSecsSinceEpoch() > payload->value(u"e"_s).toInteger()) {
        *error = u"The "_s + kind + u" URL has expired; ask for a new one."_s;
        return std::nullopt;
    }
    return TransferToken {payload->value(u"c"_s).toString(), payload->value(u"a"_s).toString()};
}

} // namespace

QJsonObject getCaseAttachmentUploadUrl(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = in.requiredString(u"caseId"_s, &domain::checkCaseId);
    const QString fileName = in.requiredString(u"fileName"_s, &domain::checkFileName);
    const auto contentLength = in.optionalInteger(u"contentLength"_s);
    if (contentLength)
        domain::checkContentLength(*contentLength, u"contentLength"_s, in.errors());
    else if (!domain::hasErrorFor(in.errors(), u"contentLength"_s))
        in.require(false, u"contentLength"_s);
    in.throwIfFailed();

    domain::Case c = loadCase(ctx, caseId);
    requireOpen(c);
    const auto count
        = ctx.selectOne(u"SELECT COUNT(*) FROM attachments WHERE case_id = ?"_s, {caseId});
    if (count && count->at(0).toLongLong() >= domain::limits::AttachmentsMax)
        throwError(ServiceError::quotaExceeded(u"Case "_s + caseId + u" already has "_s
                + QString::number(domain::limits::AttachmentsMax) + u" attachments."_s,
            caseId, u"case"_s, u"attachments-per-case"_s));

    const QString attachmentId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    ctx.exec(u"INSERT INTO attachments (attachment_id, case_id, file_name, status, creator, "
             "created_ms, content_length) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
        {attachmentId, caseId, fileName, domain::toString(domain::AttachmentStatus::Pending),
            ctx.principalId(), ctx.nowMs(), *contentLength});
    touchCase(ctx, c);
    ctx.addEdit(caseId,
        u"Attachment "_s + fileName + u" ("_s + QString::number(*contentLength)
            + u" bytes) requested; waiting for the upload"_s);
    ctx.recordChange(u"attachment"_s, caseId);
    ctx.createdResourceId = attachmentId;
    return {{u"attachmentPresignedUrl"_s,
        transferUrl(ctx, UploadKind, caseId, attachmentId, ctx.config().uploadUrlTtlSeconds)}};
}

QJsonObject getCaseAttachmentDownloadUrl(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = in.requiredString(u"caseId"_s, &domain::checkCaseId);
    const QString attachmentId = in.requiredString(u"attachmentId"_s, &domain::checkAttachmentId);
    in.throwIfFailed();
    loadCase(ctx, caseId);
    const auto row
        = ctx.selectOne(u"SELECT status FROM attachments WHERE case_id = ? AND attachment_id = ?"_s,
            {caseId, attachmentId});
    if (!row)
        throwError(ServiceError::notFound(
            u"Attachment "_s + attachmentId + u" does not exist on case "_s + caseId + u'.'));
    const QString status = row->at(0).toString();
    if (status != domain::toString(domain::AttachmentStatus::Verified))
        throwError(ServiceError::conflict(u"Attachment "_s + attachmentId + u" is "_s + status
                + u"; only a verified upload can be downloaded."_s,
            attachmentId, u"attachment"_s));
    return {{u"attachmentPresignedUrl"_s,
        transferUrl(ctx, DownloadKind, caseId, attachmentId, ctx.config().downloadUrlTtlSeconds)}};
}

bool acceptUpload(Context &ctx, const QString &token, const QByteArray &body, QString *error)
{
    const auto target = readTransferToken(ctx, UploadKind, token, error);
    if (!target)
        return false;
    const auto row = ctx.selectOne(u"SELECT status, content_length, creator, file_name "
                                   "FROM attachments WHERE case_id = ? AND attachment_id = ?"_s,
        {target->caseId, target->attachmentId});
    if (!row) {
        *error = u"The attachment no longer exists."_s;
        return false;
    }
    if (row->at(0).toString() != domain::toString(domain::AttachmentStatus::Pending)) {
        *error = u"The attachment was already uploaded ("_s + row->at(0).toString() + u")."_s;
        return false;
    }
    const qint64 declared = row->at(1).toLongLong();
    const QString creator = row->at(2).toString();
    const QString fileName = row->at(3).toString();
    domain::Case c = loadCase(ctx, target->caseId);
    const bool matches = body.size() == declared && declared <= domain::limits::ContentLengthMax;
    if (matches) {
        ctx.exec(u"UPDATE attachments SET status = ?, content = ? WHERE attachment_id = ?"_s,
            {domain::toString(domain::AttachmentStatus::Verified), body, target->attachmentId});
        ctx.addEdit(target->caseId,
            u"Attachment "_s + fileName + u" uploaded and verified ("_s
                + QString::number(body.size()) + u" bytes)"_s,
            creator);
    } else {
        *error = u"The upload has "_s + QString::number(body.size())
            + u" bytes but the URL was issued for "_s + QString::number(declared)
            + u"; the attachment is marked Failed."_s;
        ctx.exec(u"UPDATE attachments SET status = ? WHERE attachment_id = ?"_s,
            {domain::toString(domain::AttachmentStatus::Failed), target->attachmentId});
        ctx.addEdit(target->caseId,
            u"Attachment "_s + fileName + u" failed verification: "_s + QString::number(body.size())
                + u" bytes received, "_s + QString::number(declared) + u" declared"_s,
            creator);
    }
    touchCase(ctx, c);
    ctx.recordChange(u"attachment"_s, target->caseId);
    return matches;
}

std::optional<QByteArray> download(
    Context &ctx, const QString &token, QString *fileName, QString *error)
{
    const auto target = readTransferToken(ctx, DownloadKind, token, error);
    if (!target)
        return std::nullopt;
    const auto row = ctx.selectOne(u"SELECT status, file_name, content FROM attachments "
                                   "WHERE case_id = ? AND attachment_id = ?"_s,
        {target->caseId, target->attachmentId});
    if (!row || row->at(0).toString() != domain::toString(domain::AttachmentStatus::Verified)) {
        *error = u"The attachment is not available."_s;
        return std::nullopt;
    }
    if (fileName)
        *fileName = row->at(1).toString();
    return row->at(2).toByteArray();
}

} // namespace warroom::caseservice::detail
