#pragma once

#include "domain/Finding.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace warroom::triage {

// Why one item of an input was skipped. `position` is the 1-based line for JSON Lines,
// else the 0-based index of the item in its document.
struct ParseIssue
{
    qint64 position = 0;
    QString reason;
};

struct ParseResult
{
    QList<domain::Finding> findings;
    QList<ParseIssue> issues;
};

// Normalises GuardDuty and Security Hub (ASFF) findings into domain::Finding, keeping
// the raw JSON. Keys are accepted in the wire format's camelCase and in the PascalCase
// botocore prints. A malformed item is reported with its position and skipped.
class FindingParser final
{
public:
    // One GuardDuty finding (wire format or GetFindings output member).
    static std::optional<domain::Finding> fromGuardDuty(const QJsonObject &finding, QString *error);
    // One ASFF finding, as Security Hub GetFindings returns or BatchImportFindings takes it.
    static std::optional<domain::Finding> fromAsff(const QJsonObject &finding, QString *error);

    // Any supported JSON document: a single finding of either kind, a GetFindings
    // response or BatchImportFindings body ({"Findings": [...]}), an EventBridge event
    // ("GuardDuty Finding" or "Security Hub Findings - Imported"), or an array of these.
    static ParseResult parseDocument(const QJsonValue &document);
    // A whole file: one JSON document, or JSON Lines (one document per line).
    static ParseResult parseBytes(const QByteArray &bytes);
    // JSON Lines only: one document per line, numbered from `firstLine`. A line that is
    // a finding keeps its bytes (trimmed) as the raw JSON, exactly as received.
    static ParseResult parseJsonLines(const QByteArray &bytes, qint64 firstLine = 1);

    // How JSON Lines are read: Fast reads a line that is one finding with simdjson and
    // every other line with QJsonDocument; QtOnly reads every line with QJsonDocument.
    // Both give the same result (tests compare them); QtOnly is there to check that.
    enum class LineReader { Fast, QtOnly };
    static ParseResult parseJsonLines(const QByteArray &bytes, qint64 firstLine, LineReader reader);

    // ISO-8601 with or without milliseconds, "YYYY-MM-DD hh:mm:ss.zzz", epoch seconds or
    // milliseconds as a number. Invalid QDateTime when unreadable.
    static QDateTime parseTime(const QJsonValue &value);

private:
    // `raw`: the bytes `document` was read from, when it is one finding on its own.
    static void parseInto(const QJsonValue &document, qint64 position, ParseResult *result,
        const QByteArray *raw = nullptr);
    static void parseLine(
        const QByteArray &line, qint64 lineNumber, ParseResult *result, LineReader reader);
    // One line that is one finding, through simdjson; false when it is not (or simdjson
    // refuses it) and QJsonDocument should read it.
    static bool parseFindingLine(const QByteArray &line, qint64 lineNumber, ParseResult *result);
};

} // namespace warroom::triage
