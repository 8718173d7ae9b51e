#include "FieldError.h"

#include <algorithm>

namespace warroom::domain {

bool hasErrorFor(const FieldErrors &errors, const QString &field)
{
    return std::any_of(
        errors.cbegin(), errors.cend(), [&field](const FieldError &e) { return e.field == field; });
}

} // namespace warroom::domain
