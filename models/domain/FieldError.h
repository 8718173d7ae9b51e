#pragma once

#include <QtCore/QList>
#include <QtCore/QString>

namespace warroom::domain {

// One problem with one field: `field` is a path such as "watchers[2].email" and
// `message` is a sentence a user can act on.
struct FieldError final
{
    QString field;
    QString message;

    friend bool operator==(const FieldError &a, const FieldError &b)
    {
        return a.field == b.field && a.message == b.message;
    }
    friend bool operator!=(const FieldError &a, const FieldError &b) { return !(a == b); }
};

using FieldErrors = QList<FieldError>;

// True when any error's field is `field` (exact path).
bool hasErrorFor(const FieldErrors &errors, const QString &field);

} // namespace warroom::domain
