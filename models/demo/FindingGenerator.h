#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QIODevice>
#include <QRandomGenerator>
#include <QString>

namespace warroom::demo {

class DemoOrganization;

// Makes realistic GuardDuty and Security Hub (ASFF) findings for the accounts of a
// DemoOrganization. Deterministic for a given seed, so tests and benchmarks can
// regenerate the same data.
class FindingGenerator final
{
public:
    enum class Format {
        GuardDutyGetFindings, // {"Findings":[...]} as boto3 / the CLI print it (PascalCase)
        GuardDutyJsonLines,   // one camelCase wire-format finding per line
        SecurityHubAsff,      // {"Findings":[...]} ASFF, as GetFindings returns it
        EventBridgeJsonLines, // one EventBridge event per line, GuardDuty and Security Hub mixed
    };

    FindingGenerator(const DemoOrganization &organization, quint64 seed);

    // One finding in GuardDuty's camelCase wire format.
    QByteArray guardDutyFinding();
    // One finding in ASFF (PascalCase), as Security Hub stores it.
    QByteArray securityHubFinding();

    // Writes `count` findings in `format`. Returns false and sets *error on an I/O error.
    bool write(QIODevice &out, qint64 count, Format format, QString *error);
    static bool parseFormat(const QString &name, Format *format);

private:
    const DemoOrganization &m_organization;
    QRandomGenerator m_random;
    QDateTime m_now;
    qint64 m_serial = 0;
};

} // namespace warroom::demo
