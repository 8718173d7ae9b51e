// The admin calls that store cases and memberships as they stand elsewhere (the demo
// workspace, a migration), with their IDs, statuses, dates and history kept.

#include "ServiceInternals.h"

#include "domain/CaseEdit.h"
#include "domain/Comment.h"
#include "domain/Validation.h"

using namespace Qt::StringLiterals;

namespace warroom::caseservice::detail {

namespace {

void throwIfInvalid(const domain::FieldErrors &errors)
{
    if (!errors.isEmpty())
        throwValidation(errors);
}

} // namespace

void seedCase(Context &ctx, const CaseService::SeedCase &seed)
{
    domain::Case c = seed.value;
    throwIfInvalid(domain::validate(c));
    if (c.caseArn.isEmpty())
        c.caseArn = caseArn(ctx.config(), c.caseId);
    ctx.exec(u"DELETE FROM comments WHERE case_id = ?"_s, {c.caseId});
    ctx.exec(u"DELETE FROM case_edits WHERE case_id = ?"_s, {c.caseId});
    saveCase(ctx, c);
    saveTags(ctx, c.caseArn, c.tags);
    for (const domain::Comment &comment : seed.comments) {
        throwIfInvalid(domain::validate(comment));
        ctx.exec(u"INSERT INTO comments (case_id, comment_id, created_ms, updated_ms, creator, "
                 "last_updated_by, body) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
            {c.caseId, comment.commentId, comment.createdDate.toMSecsSinceEpoch(),
                comment.lastUpdatedDate.toMSecsSinceEpoch(), comment.creator, comment.lastUpdatedBy,
                comment.body});
    }
    for (const domain::CaseEdit &edit : seed.edits) {
        throwIfInvalid(domain::validate(edit));
        ctx.exec(u"INSERT INTO case_edits (edit_seq, case_id, event_ms, principal, action, "
                 "message) VALUES (?, ?, ?, ?, ?, ?)"_s,
            {ctx.nextSequence(u"edit"_s), c.caseId, edit.eventTimestamp.toMSecsSinceEpoch(),
                edit.principal, edit.action, edit.message});
    }
    ctx.recordChange(u"case"_s, c.caseId);
}

void seedMembership(Context &ctx, const domain::Membership &membership)
{
    throwIfInvalid(domain::validate(membership));
    const bool exists = findMembership(ctx, membership.membershipId).has_value();
    saveMembership(ctx, membership, !exists);
    if (!membership.membershipArn.isEmpty())
        saveTags(ctx, membership.membershipArn, membership.tags);
    ctx.recordChange(u"membership"_s, membership.membershipId);
}

} // namespace warroom::caseservice::detail
