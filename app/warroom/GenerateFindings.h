#pragma once

#include <QString>

namespace warroom::app {

struct CommandLine;

// Writes the demo findings --generate-findings asked for. Returns false with *error
// set when the file cannot be written; a partly written file is removed.
bool generateFindings(const CommandLine &commandLine, QString *error);

} // namespace warroom::app
