#include "FindingDecisions.h"

#include "store/Database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace warroom::itemmodels {

using namespace Qt::StringLiterals;

namespace {

constexpr int UndoDepth = 100;

std::optional<QList<FindingDecisionState>> readStates(
    QSqlDatabase connection, const QStringList &ids, QString *error)
{
    QList<FindingDecisionState> states;
    QSqlQuery query(connection);
    query.prepare(u"SELECT id, verdict, verdict_rule, assignee, COALESCE(case_id, '') FROM "
                  u"findings WHERE id = ?"_s);
    for (const QString &id : ids) {
        query.addBindValue(id);
        if (!query.exec()) {
            *error = query.lastError().text();
            return std::nullopt;
        }
        if (query.next()) {
            states.append({query.value(0).toString(), query.value(1).toString(),
                query.value(2).toString(), query.value(3).toString(), query.value(4).toString()});
        }
        query.finish();
    }
    return states;
}

} // namespace

FindingDecisions::FindingDecisions(store::Database &database)
    : m_database(database)
{
}

std::optional<QList<FindingDecisionState>> FindingDecisions::states(
    const QStringList &ids, QString *error)
{
    return readStates(m_database.reader(), ids, error);
}

bool FindingDecisions::change(
    const QStringList &ids, const QString &assignments, const QVariantList &values, QString *error)
{
    if (ids.isEmpty())
        return true;
    QList<FindingDecisionState> before;
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *writeError) {
            auto states = readStates(connection, ids, writeError);
            if (!states)
                return false;
            before = *states;
            QSqlQuery query(connection);
            query.prepare(u"UPDATE findings SET "_s + assignments + u" WHERE id = ?"_s);
            for (const QString &id : ids) {
                for (const QVariant &value : values)
                    query.addBindValue(value);
                query.addBindValue(id);
                if (!query.exec()) {
                    *writeError = query.lastError().text();
                    return false;
                }
            }
            if (!m_hook)
                return true;
            const auto after = readStates(connection, ids, writeError);
            return after && m_hook(connection, before, *after, writeError);
        },
        error);
    if (!ok)
        return false;
    m_undo.append(before);
    if (m_undo.size() > UndoDepth)
        m_undo.removeFirst();
    return true;
}

bool FindingDecisions::setVerdict(
    const QStringList &ids, domain::Verdict verdict, const QString &verdictRule, QString *error)
{
    return change(ids, u"verdict = ?, verdict_rule = ?"_s,
        {domain::toString(verdict), verdictRule.isNull() ? u""_s : verdictRule}, error);
}

bool FindingDecisions::assign(const QStringList &ids, const QString &assignee, QString *error)
{
    return change(ids, u"assignee = ?"_s, {assignee.isNull() ? u""_s : assignee}, error);
}

bool FindingDecisions::linkToCase(const QStringList &ids, const QString &caseId, QString *error)
{
    return change(ids, u"case_id = ?"_s,
        {caseId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(caseId)}, error);
}

bool FindingDecisions::escalateToCase(
    const QStringList &ids, const QString &caseId, const QString &verdictRule, QString *error)
{
    return change(ids, u"verdict = ?, verdict_rule = ?, case_id = ?"_s,
        {domain::toString(domain::Verdict::Escalated), verdictRule.isNull() ? u""_s : verdictRule,
            caseId},
        error);
}

std::optional<QList<FindingDecisionState>> FindingDecisions::undo(QString *error)
{
    if (m_undo.isEmpty())
        return QList<FindingDecisionState>();
    const QList<FindingDecisionState> states = m_undo.last();
    QStringList ids;
    for (const FindingDecisionState &state : states)
        ids.append(state.id);
    const bool ok = m_database.write(
        [&](QSqlDatabase &connection, QString *writeError) {
            std::optional<QList<FindingDecisionState>> replaced;
            if (m_hook && !(replaced = readStates(connection, ids, writeError)))
                return false;
            QSqlQuery query(connection);
            query.prepare(u"UPDATE findings SET verdict = ?, verdict_rule = ?, assignee = ?, "
                          u"case_id = ? WHERE id = ?"_s);
            for (const FindingDecisionState &state : states) {
                query.addBindValue(state.verdict);
                query.addBindValue(state.verdictRule);
                query.addBindValue(state.assignee);
                query.addBindValue(state.caseId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                          : QVariant(state.caseId));
                query.addBindValue(state.id);
                if (!query.exec()) {
                    *writeError = query.lastError().text();
                    return false;
                }
            }
            if (!m_hook)
                return true;
            const auto restored = readStates(connection, ids, writeError);
            return restored && m_hook(connection, *replaced, *restored, writeError);
        },
        error);
    if (!ok)
        return std::nullopt;
    m_undo.removeLast();
    return states;
}

} // namespace warroom::itemmodels
