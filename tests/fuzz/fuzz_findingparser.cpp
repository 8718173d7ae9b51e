// libFuzzer entry for FindingParser: any bytes, as a file (one document or JSON Lines)
// and as JSON Lines. Beyond "no crash, no leak, no undefined behaviour" (the sanitizers),
// it checks what the parser promises: every finding has an id and a source key, every
// skipped item has a reason, and JSON Lines positions are real line numbers. And the two
// JSON Lines readers (simdjson for lines that are one finding, QJsonDocument for the rest,
// or QJsonDocument alone) give the same findings and the same issues.
#include "triage/FindingParser.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

using warroom::triage::FindingParser;
using warroom::triage::ParseResult;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void checkResult(const ParseResult &result)
{
    for (const auto &finding : result.findings) {
        check(!finding.id.isEmpty());
        check(finding.severityScore >= 0.0 && finding.severityScore <= 10.0);
    }
    for (const auto &issue : result.issues)
        check(!issue.reason.isEmpty() && issue.position >= 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    checkResult(FindingParser::parseBytes(bytes));
    const ParseResult lines = FindingParser::parseJsonLines(bytes, 1);
    checkResult(lines);
    const ParseResult qtOnly
        = FindingParser::parseJsonLines(bytes, 1, FindingParser::LineReader::QtOnly);
    check(lines.findings == qtOnly.findings);
    check(lines.issues.size() == qtOnly.issues.size());
    for (qsizetype i = 0; i < lines.issues.size(); ++i) {
        check(lines.issues.at(i).position == qtOnly.issues.at(i).position);
        check(lines.issues.at(i).reason == qtOnly.issues.at(i).reason);
    }
    const qint64 lineCount = bytes.count('\n') + 1;
    for (const auto &issue : lines.issues)
        check(issue.position >= 1 && issue.position <= lineCount);
    return 0;
}
