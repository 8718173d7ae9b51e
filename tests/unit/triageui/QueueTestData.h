#pragma once

// Findings made for the triage queue tests: ties on severity, missing last-seen times,
// 50 resources (so repeats share fingerprints), three accounts and one rare word.
#include "domain/Finding.h"
#include "store/Database.h"
#include "store/FindingRepository.h"

#include <QStringList>

namespace queuetest {

using namespace Qt::StringLiterals;

inline const QStringList &accounts()
{
    static const QStringList list = {u"111111111111"_s, u"222222222222"_s, u"333333333333"_s};
    return list;
}

inline warroom::domain::Finding makeFinding(int i)
{
    using namespace warroom;
    domain::Finding f;
    f.id = u"arn:aws:guardduty:us-east-1:111111111111:detector/d/finding/f%1"_s.arg(
        i, 5, 10, QLatin1Char('0'));
    f.source = domain::FindingSource::GuardDuty;
    f.productName = u"aws/guardduty"_s;
    f.type = i % 4 == 0 ? u"Recon:EC2/PortProbeUnprotectedPort"_s
                        : u"UnauthorizedAccess:IAMUser/ConsoleLogin%1"_s.arg(i % 7);
    f.title = u"Finding number %1"_s.arg(i);
    f.description = i == 777 ? u"beacon to zebra-exfil.example"_s : u"ordinary activity"_s;
    f.severityScore = (i * 37 % 100) / 10.0; // ties on purpose
    f.severityLabel = domain::severityLabelForScore(f.severityScore);
    f.accountId = accounts().at(i % 3);
    f.region = i % 2 ? u"us-east-1"_s : u"eu-west-1"_s;
    f.resourceType = u"Instance"_s;
    f.resourceId = u"i-%1"_s.arg(i % 50, 8, 16, QLatin1Char('0'));
    f.remoteIps = {u"198.51.100.%1"_s.arg(i % 250)};
    if (i % 10 != 0) // some findings have no last-seen time
        f.lastSeen = QDateTime::fromSecsSinceEpoch(1700000000 + (i * 7919 % 5000), Qt::UTC);
    f.verdict = i % 5 == 0 ? domain::Verdict::Suppressed : domain::Verdict::Queued;
    f.verdictRule = i % 5 == 0 ? u"rule-1"_s : u"default"_s;
    f.rawJson = QByteArray("{\"n\":") + QByteArray::number(i)
        + QByteArray(",\"service\":{\"count\":3,\"archived\":false}}");
    return f;
}

// Stores findings [from, to) in one transaction; false and *error on failure.
inline bool addFindings(warroom::store::Database &database, int from, int to, QString *error)
{
    return database.write(
        [&](QSqlDatabase &connection, QString *e) {
            warroom::store::FindingRepository repository(connection);
            for (int i = from; i < to; ++i) {
                if (!repository.upsert(makeFinding(i), e))
                    return false;
            }
            return true;
        },
        error);
}

} // namespace queuetest
