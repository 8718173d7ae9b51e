#pragma once

#include "domain/Case.h"
#include "domain/CaseRequests.h"

#include "store/OutboxRepository.h"

#include <QJsonObject>
#include <QStringList>

namespace warroom::sync {

// How the local copy of a case follows from the backend's copy and the changes of this
// workspace that are not sent yet: the backend's case with every unsent outbox entry
// replayed on it. Scalar fields (title, status, ...) set by an unsent entry are the ones
// that can conflict; list fields are sent as add/remove deltas and merge.
class CaseMerge final
{
public:
    // The GetCase members an UpdateCase, UpdateCaseStatus, CloseCase or UpdateResolverType
    // sets as a whole (the fields that can conflict).
    static const QStringList &conflictFields();
    // Which of conflictFields() `entry` sets.
    static QStringList fieldsSetBy(const store::OutboxEntry &entry);
    static QStringList fieldsSetBy(const QList<store::OutboxEntry> &entries);

    static void applyUpdate(domain::Case &c, const domain::UpdateCaseRequest &request);
    // Applies the effect of one outbox entry to `c` (no checks: the backend judges).
    static void replay(domain::Case &c, const store::OutboxEntry &entry);
    static domain::Case replayed(domain::Case c, const QList<store::OutboxEntry> &entries);

    // The payload member (never sent) of a change the engine queued again after finding,
    // in ListCaseEdits, that its write overwrote another writer's change of the same
    // fields (backends without conditional writes, AWS): {field: the other writer's value,
    // or null when the edit history does not tell it}.
    static QString overwroteMember();

    // `entry` without its part that sets `field`; false when nothing of it is left to send.
    static bool withoutField(store::OutboxEntry &entry, const QString &field);

    // The field's value as a short text for a person ("not set" for an absent one).
    static QString displayValue(const QString &field, const QJsonValue &value);
    static QString fieldLabel(const QString &field);
};

} // namespace warroom::sync
