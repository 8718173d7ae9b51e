// TagResource, UntagResource, ListTagsForResource on case and membership ARNs.

#include "ServiceInternals.h"

#include "domain/Validation.h"

using namespace Qt::StringLiterals;

namespace warroom::caseservice::detail {

namespace {

struct Resource
{
    QString arn;
    QString caseId; // set for a case
    QString membershipId; // set for a membership
};

Resource requireResource(Context &ctx, const QString &arn)
{
    const QString casePrefix = caseArn(ctx.config(), QString());
    const QString membershipPrefix = membershipArn(ctx.config(), QString());
    Resource r {arn, {}, {}};
    if (arn.startsWith(casePrefix)) {
        r.caseId = arn.mid(casePrefix.size());
        if (ctx.selectOne(u"SELECT 1 FROM cases WHERE case_id = ?"_s, {r.caseId}))
            return r;
    } else if (arn.startsWith(membershipPrefix)) {
        r.membershipId = arn.mid(membershipPrefix.size());
        if (ctx.selectOne(u"SELECT 1 FROM memberships WHERE membership_id = ?"_s, {r.membershipId}))
            return r;
    }
    throwError(ServiceError::notFound(u"Resource "_s + arn + u" does not exist."_s));
}

void requireTagAccess(Context &ctx, const Resource &r)
{
    if (!r.membershipId.isEmpty() && ctx.caller().role != Role::Full)
        throwError(
            ServiceError::accessDenied(u"Changing the tags of a membership needs full access."_s));
}

void recordTagChange(Context &ctx, const Resource &r, const QString &message)
{
    if (!r.caseId.isEmpty()) {
        domain::Case c = loadCase(ctx, r.caseId);
        touchCase(ctx, c);
        ctx.addEdit(r.caseId, message);
    }
    ctx.recordChange(u"tags"_s, r.arn);
}

} // namespace

QJsonObject tagResource(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString arn = in.requiredString(u"resourceArn"_s, &domain::checkResourceArn);
    domain::Tags tags;
    const QJsonValue value = input.value(u"tags"_s);
    if (value.isUndefined() || value.isNull()) {
        in.require(false, u"tags"_s);
    } else if (!value.isObject()) {
        in.fail(u"tags"_s, u"Must be an object of tag keys to values."_s);
    } else {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString())
                in.fail(u"tags."_s + it.key(), u"Must be text."_s);
            else
                tags.insert(it.key(), it.value().toString());
        }
        domain::checkTags(tags, u"tags"_s, in.errors());
    }
    in.throwIfFailed();
    const Resource r = requireResource(ctx, arn);
    requireTagAccess(ctx, r);
    domain::Tags merged = loadTags(ctx, arn);
    QStringList changed;
    for (auto it = tags.cbegin(); it != tags.cend(); ++it) {
        if (merged.value(it.key()) != it.value() || !merged.contains(it.key()))
            changed.append(it.key());
        merged.insert(it.key(), it.value());
    }
    domain::FieldErrors errors;
    domain::checkTags(merged, u"tags"_s, errors);
    if (!errors.isEmpty())
        throwValidation(errors);
    if (!changed.isEmpty()) {
        saveTags(ctx, arn, merged);
        recordTagChange(ctx, r, u"Tags set: "_s + changed.join(u", "_s));
    }
    return {};
}

QJsonObject untagResource(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString arn = in.requiredString(u"resourceArn"_s, &domain::checkResourceArn);
    const auto keys = in.optionalStringList(u"tagKeys"_s);
    if (!keys && !domain::hasErrorFor(in.errors(), u"tagKeys"_s))
        in.require(false, u"tagKeys"_s);
    if (keys)
        for (qsizetype i = 0; i < keys->size(); ++i)
            domain::checkTagKey(
                keys->at(i), u"tagKeys["_s + QString::number(i) + u']', in.errors());
    in.throwIfFailed();
    const Resource r = requireResource(ctx, arn);
    requireTagAccess(ctx, r);
    domain::Tags tags = loadTags(ctx, arn);
    QStringList removed;
    for (const QString &key : *keys)
        if (tags.remove(key) > 0)
            removed.append(key);
    if (!removed.isEmpty()) {
        saveTags(ctx, arn, tags);
        recordTagChange(ctx, r, u"Tags removed: "_s + removed.join(u", "_s));
    }
    return {};
}

QJsonObject listTagsForResource(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const QString arn = in.requiredString(u"resourceArn"_s, &domain::checkResourceArn);
    in.throwIfFailed();
    requireResource(ctx, arn);
    QJsonObject tags;
    const domain::Tags stored = loadTags(ctx, arn);
    for (auto it = stored.cbegin(); it != stored.cend(); ++it)
        tags.insert(it.key(), it.value());
    return {{u"tags"_s, tags}};
}

} // namespace warroom::caseservice::detail
