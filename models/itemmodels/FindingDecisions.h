#pragma once

#include "domain/Finding.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QSqlDatabase;

namespace warroom::store {
class Database;
}

namespace warroom::itemmodels {

// What an analyst's decision changes on a finding, kept to undo it.
struct FindingDecisionState final
{
    QString id;
    QString verdict;
    QString verdictRule;
    QString assignee;
    QString caseId;
};

// Analyst decisions on findings (verdict, assignee, case link), each stored in one
// transaction for the whole selection, with an undo stack of what they replaced.
class FindingDecisions final
{
public:
    explicit FindingDecisions(store::Database &database);

    // verdictRule names who decided: "analyst:<name>" or "false-positive:<name>".
    bool setVerdict(const QStringList &ids, domain::Verdict verdict, const QString &verdictRule,
        QString *error);
    bool assign(const QStringList &ids, const QString &assignee, QString *error);
    bool linkToCase(const QStringList &ids, const QString &caseId, QString *error);
    // Escalated and linked to the case in one transaction (one undo step).
    bool escalateToCase(
        const QStringList &ids, const QString &caseId, const QString &verdictRule, QString *error);

    // Runs inside the transaction of every decision and undo with the states before and
    // after it (in the same order); returning false rolls the decision back. The shared
    // triage queues its changes for the server here, so both are stored or neither.
    using ChangeHook
        = std::function<bool(QSqlDatabase &connection, const QList<FindingDecisionState> &before,
            const QList<FindingDecisionState> &after, QString *error)>;
    void setChangeHook(ChangeHook hook) { m_hook = std::move(hook); }

    bool canUndo() const { return !m_undo.isEmpty(); }
    // Restores what the last decision replaced; the states restored (to refresh the view).
    std::optional<QList<FindingDecisionState>> undo(QString *error);

    // The stored state of some findings.
    std::optional<QList<FindingDecisionState>> states(const QStringList &ids, QString *error);

private:
    bool change(const QStringList &ids, const QString &assignments, const QVariantList &values,
        QString *error);

    store::Database &m_database;
    QList<QList<FindingDecisionState>> m_undo;
    ChangeHook m_hook;
};

} // namespace warroom::itemmodels
