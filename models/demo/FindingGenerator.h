#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QIODevice>
#include <QJsonObject>
#include <QList>
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
        GuardDutyJsonLines, // one camelCase wire-format finding per line
        SecurityHubAsff, // {"Findings":[...]} ASFF, as GetFindings returns it
        EventBridgeJsonLines, // one EventBridge event per line, GuardDuty and Security Hub mixed
    };

    FindingGenerator(const DemoOrganization &organization, quint64 seed);

    // Timestamps are spread over the weeks before this moment (default: now). Fix it
    // to make the output byte-for-byte reproducible.
    void setReferenceTime(const QDateTime &now) { m_now = now; }

    // One finding in GuardDuty's camelCase wire format. About one in twenty is an
    // update of an earlier finding (same id, higher count, later lastSeen), as
    // GuardDuty folds recurring activity into one finding.
    QJsonObject guardDutyFinding();
    // One finding in ASFF (PascalCase), as Security Hub stores it: a control failure,
    // or a GuardDuty finding as Security Hub imports it.
    QJsonObject securityHubFinding();

    // Writes `count` findings in `format`. Returns false and sets *error on an I/O error.
    bool write(QIODevice &out, qint64 count, Format format, QString *error);
    static bool parseFormat(const QString &name, Format *format);

private:
    QJsonObject newGuardDutyFinding();
    QJsonObject guardDutyAsAsff(const QJsonObject &finding) const;
    QJsonObject controlFinding();
    QDateTime randomPastTime(qint64 maxAgeSeconds);

    const DemoOrganization &m_organization;
    QRandomGenerator m_random;
    QDateTime m_now;
    QList<QJsonObject> m_recent; // candidates for updates of an existing finding
};

} // namespace warroom::demo
