#pragma once

#include <QString>

namespace warroom::store {
class Workspace;
}

namespace warroom::ui {

// What a workspace holds, counted with plain SQL on the store's reader connection.
// Shown by the areas that are not built yet, so the numbers must be real ones.
struct WorkspaceSummary
{
    bool valid = false; // false when the counts could not be read
    qint64 cases = 0;
    qint64 openCases = 0;
    qint64 findings = 0;

    static WorkspaceSummary read(store::Workspace &workspace, QString *error = nullptr);

    // "This workspace holds 36 cases (12 open) and 5,000 findings."
    QString sentence() const;
};

} // namespace warroom::ui
