#include "FindingAutoEscalation.h"

#include "LocalChanges.h"
#include "SyncLogging.h"
#include "domain/Validation.h"
#include "itemmodels/FindingEscalation.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/FindingRepository.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>

#include <map>

namespace warroom::sync {

using namespace Qt::StringLiterals;
using triage::AutoEscalationPolicy;

namespace {

// At most this many findings of one key go into a case per run; the rest follow in the
// next run (into the same case, which is open by then).
constexpr int MaxFindingsPerCasePerRun = 1000;

QString pendingTerm(const AutoEscalationPolicy &policy)
{
    QString term = u"verdict = 'Escalated' AND case_id IS NULL AND verdict_rule <> '' "
                   u"AND verdict_rule NOT LIKE 'analyst:%' "
                   u"AND verdict_rule NOT LIKE 'false-positive:%'"_s;
    if (!policy.includeSeverityThreshold)
        term += u" AND verdict_rule NOT LIKE 'severity>=%'"_s;
    return term;
}

struct Pending
{
    QString id;
    QString fingerprint;
    QString rule;
};

// The open case holding a finding with this fingerprint / escalated by this rule.
QString openCaseFor(const QSqlDatabase &connection, bool byRule, const QString &key, QString *error)
{
    QSqlQuery query(connection);
    query.prepare(u"SELECT f.case_id FROM findings f JOIN cases c ON c.case_id = f.case_id "
                  u"WHERE "_s
        + (byRule ? u"f.verdict_rule = ? AND f.case_id IS NOT NULL"_s : u"f.fingerprint = ?"_s)
        + u" AND c.case_status <> 'Closed' ORDER BY f.rowid LIMIT 1"_s);
    query.addBindValue(key);
    if (!query.exec()) {
        *error = query.lastError().text();
        return {};
    }
    return query.next() ? query.value(0).toString() : QString();
}

bool linkFindings(
    QSqlDatabase &connection, const QStringList &ids, const QString &caseId, QString *error)
{
    QSqlQuery update(connection);
    update.prepare(u"UPDATE findings SET case_id = ? WHERE id = ? AND case_id IS NULL"_s);
    int linked = 0;
    for (const QString &id : ids) {
        update.addBindValue(caseId);
        update.addBindValue(id);
        if (!update.exec()) {
            *error = update.lastError().text();
            return false;
        }
        linked += update.numRowsAffected();
    }
    if (linked != ids.size()) {
        // Someone linked them meanwhile: make no case (the transaction is rolled back).
        *error = QObject::tr("%1 of %2 findings are already in a case")
                     .arg(ids.size() - linked)
                     .arg(ids.size());
        return false;
    }
    return true;
}

} // namespace

FindingAutoEscalation::FindingAutoEscalation(store::Database &database, LocalChanges &changes)
    : m_database(database)
    , m_changes(changes)
{
}

qint64 FindingAutoEscalation::pending(
    store::Database &database, const AutoEscalationPolicy &policy, QString *error)
{
    QSqlQuery query(database.reader());
    if (!query.exec(u"SELECT COUNT(*) FROM findings WHERE "_s + pendingTerm(policy))
        || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return -1;
    }
    return query.value(0).toLongLong();
}

AutoEscalationResult FindingAutoEscalation::run(const AutoEscalationPolicy &policy)
{
    AutoEscalationResult result;
    if (!policy.enabled)
        return result;
    const bool byRule = policy.grouping == AutoEscalationPolicy::Grouping::Rule;
    const QSqlDatabase reader = m_database.reader();

    // The findings waiting, grouped by key in the order they were stored.
    std::vector<std::pair<QString, QList<Pending>>> groups;
    QHash<QString, size_t> groupOf;
    {
        QSqlQuery query(reader);
        query.setForwardOnly(true);
        if (!query.exec(u"SELECT id, fingerprint, verdict_rule FROM findings WHERE "_s
                + pendingTerm(policy) + u" ORDER BY rowid"_s)) {
            result.error = query.lastError().text();
            return result;
        }
        QSqlQuery original(reader);
        original.prepare(u"SELECT verdict_rule, fingerprint FROM findings WHERE id = ?"_s);
        while (query.next()) {
            Pending p {
                query.value(0).toString(), query.value(1).toString(), query.value(2).toString()};
            QString key = byRule ? p.rule : p.fingerprint;
            if (byRule && p.rule.startsWith("repeat-of:"_L1)) {
                // A repeat goes where the finding it repeats went.
                original.addBindValue(p.rule.mid(10));
                if (original.exec() && original.next())
                    key = original.value(0).toString();
                original.finish();
            }
            const auto it = groupOf.constFind(key);
            if (it == groupOf.constEnd()) {
                groupOf.insert(key, groups.size());
                groups.push_back({key, {p}});
            } else {
                groups[*it].second.append(p);
            }
        }
    }

    const store::FindingRepository findings(reader);
    for (const auto &[key, members] : groups) {
        const QList<Pending> batch = members.mid(0, MaxFindingsPerCasePerRun);
        result.waiting += members.size() - batch.size();
        QString error;
        const QString open = openCaseFor(reader, byRule, key, &error);
        if (!error.isEmpty()) {
            result.error = error;
            return result;
        }
        if (open.isEmpty() && result.casesCreated >= m_maxNewCases) {
            result.waiting += batch.size();
            continue;
        }
        QList<domain::Finding> loaded;
        QStringList ids;
        for (const Pending &p : batch) {
            auto finding = findings.get(p.id, &error);
            if (!finding) {
                result.error = error;
                return result;
            }
            loaded.append(*finding);
            ids.append(p.id);
        }
        const auto link = [&ids](QSqlDatabase &connection, const QString &caseId, QString *e) {
            return linkFindings(connection, ids, caseId, e);
        };
        QString caseId = open;
        if (open.isEmpty()) {
            domain::CreateCaseRequest request
                = itemmodels::FindingEscalation::newCase(loaded, QDateTime::currentDateTimeUtc());
            const QString why = byRule
                ? QObject::tr("Escalated automatically by triage rule %1.").arg(key)
                : QObject::tr("Escalated automatically by triage rule %1 (one case per "
                              "fingerprint %2).")
                      .arg(batch.first().rule, key);
            request.description = QString(why + u"\n\n"_s + request.description)
                                      .left(domain::limits::DescriptionMax);
            // The same findings always make the same token: a resent CreateCase is one case.
            request.clientToken = u"warroom-auto-"_s
                + QString::fromLatin1(
                    QCryptographicHash::hash(ids.first().toUtf8(), QCryptographicHash::Sha256)
                        .toHex()
                        .left(40));
            caseId = m_changes.createCase(request, nullptr, &error, link);
            if (caseId.isEmpty()) {
                result.error = QObject::tr("Could not create a case for %1: %2").arg(key, error);
                return result;
            }
            ++result.casesCreated;
        } else {
            const auto existing = store::CaseRepository(reader).get(open, &error);
            if (!existing) {
                result.error = error;
                return result;
            }
            const domain::UpdateCaseRequest additions
                = itemmodels::FindingEscalation::additions(*existing, loaded);
            const bool ok = itemmodels::FindingEscalation::isEmpty(additions)
                ? m_database.write(
                    [&](QSqlDatabase &connection, QString *e) { return link(connection, open, e); },
                    &error)
                : m_changes.updateCase(additions, nullptr, &error, link);
            if (!ok) {
                result.error = QObject::tr("Could not add to case %1: %2").arg(open, error);
                return result;
            }
            ++result.casesUpdated;
            m_changes.notifyCaseChanged(open);
        }
        result.findingsLinked += ids.size();
        result.caseIds.append(caseId);
        qCInfo(lcSync) << "auto-escalated" << ids.size() << "finding(s) into" << caseId;
    }
    return result;
}

} // namespace warroom::sync
