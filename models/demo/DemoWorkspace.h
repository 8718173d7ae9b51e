#pragma once

#include <QString>

namespace warroom::store {
class Workspace;
}

namespace warroom::demo {

struct DemoSize
{
    int cases = 36; // spread over all seven statuses
    int findings = 5000; // GuardDuty and Security Hub, for the demo organisation
};

// True when the workspace already holds demo data (or any cases or findings).
bool workspaceHasData(store::Workspace &workspace);

// Fills an empty workspace with the demo organisation, cases across every status
// (with comments and case edits) and generated findings, in batched transactions.
// Does nothing and returns true when the workspace already has data.
bool seedDemoWorkspace(store::Workspace &workspace, const DemoSize &size, QString *error);

} // namespace warroom::demo
