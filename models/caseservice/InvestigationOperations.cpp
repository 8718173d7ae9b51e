// ListInvestigations, SendFeedback, and the admin call that stores investigation records.

#include "ServiceInternals.h"

#include "domain/InvestigationJson.h"
#include "domain/Validation.h"

#include <QtCore/QJsonDocument>

using namespace Qt::StringLiterals;

namespace warroom::caseservice::detail {

namespace {

domain::Investigation parse(const QVariant &document)
{
    domain::Investigation inv;
    domain::fromJson(QJsonDocument::fromJson(document.toByteArray()).object(), inv);
    return inv;
}

QString serialise(const domain::Investigation &inv)
{
    domain::Investigation stored = inv;
    stored.caseId.clear();
    return QString::fromUtf8(QJsonDocument(domain::toJson(stored)).toJson(QJsonDocument::Compact));
}

} // namespace

QJsonObject listInvestigations(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = in.requiredString(u"caseId"_s, &domain::checkCaseId);
    in.throwIfFailed();
    const QString scope = u"ListInvestigations:"_s + caseId;
    const PageRequest page = readPage(ctx, in, input, scope);
    loadCase(ctx, caseId);
    const qint64 after = page.after ? page.after->at(0).toInteger() : -1;
    const Rows rows = ctx.select(u"SELECT row_seq, document FROM investigations "
                                 "WHERE case_id = ? AND row_seq > ? ORDER BY row_seq LIMIT ?"_s,
        {caseId, after, page.limit + 1});
    QJsonArray actions;
    for (qsizetype i = 0; i < rows.size() && i < page.limit; ++i)
        actions.append(domain::toJson(parse(rows.at(i).at(1))));
    QJsonObject out {{u"investigationActions"_s, actions}};
    if (rows.size() > page.limit)
        out.insert(u"nextToken"_s,
            makePageToken(ctx, scope, QJsonArray {rows.at(page.limit - 1).at(0).toLongLong()}));
    return out;
}

QJsonObject sendFeedback(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString caseId = in.requiredString(u"caseId"_s, &domain::checkCaseId);
    const QString resultId = in.requiredString(u"resultId"_s, &domain::checkInvestigationId);
    const auto usefulness = in.optionalEnum<domain::UsefulnessRating>(u"usefulness"_s);
    if (!input.contains(u"usefulness"_s))
        in.require(false, u"usefulness"_s);
    const auto comment = in.optionalString(u"comment"_s, &domain::checkFeedbackComment);
    in.throwIfFailed();
    domain::Case c = loadCase(ctx, caseId);
    const auto row = ctx.selectOne(
        u"SELECT document FROM investigations WHERE case_id = ? AND investigation_id = ?"_s,
        {caseId, resultId});
    if (!row)
        throwError(ServiceError::notFound(
            u"Investigation result "_s + resultId + u" does not exist on case "_s + caseId + u'.'));
    domain::Investigation inv = parse(row->at(0));
    inv.feedback.usefulness = usefulness;
    inv.feedback.comment = comment.value_or(QString());
    inv.feedback.submittedAt = ctx.now();
    ctx.exec(u"UPDATE investigations SET document = ? WHERE case_id = ? AND investigation_id = ?"_s,
        {serialise(inv), caseId, resultId});
    touchCase(ctx, c);
    ctx.addEdit(caseId,
        u"Feedback "_s + domain::toString(*usefulness) + u" sent on investigation result "_s
            + resultId);
    ctx.recordChange(u"investigation"_s, caseId);
    return {};
}

void addInvestigation(Context &ctx, const QString &caseId, const domain::Investigation &inv)
{
    domain::Investigation record = inv;
    record.caseId = caseId;
    domain::FieldErrors errors;
    domain::checkCaseId(caseId, u"caseId"_s, errors);
    errors += domain::validate(record);
    if (!errors.isEmpty())
        throwValidation(errors);
    loadCase(ctx, caseId);
    const QString document = serialise(record);
    if (ctx.exec(u"UPDATE investigations SET document = ? WHERE case_id = ? "
                 "AND investigation_id = ?"_s,
            {document, caseId, record.investigationId})
        == 0)
        ctx.exec(u"INSERT INTO investigations (row_seq, case_id, investigation_id, document) "
                 "VALUES (?, ?, ?, ?)"_s,
            {ctx.nextSequence(u"investigation"_s), caseId, record.investigationId, document});
    ctx.recordChange(u"investigation"_s, caseId);
}

} // namespace warroom::caseservice::detail
