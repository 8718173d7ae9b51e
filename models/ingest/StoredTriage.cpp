#include "StoredTriage.h"

#include "store/Database.h"
#include "store/RuleRepository.h"
#include "triage/TriagePolicyJson.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace warroom::ingest {

using namespace Qt::StringLiterals;

triage::TriagePolicy triagePolicyFromStore(store::Database &database, QString *error)
{
    QSqlQuery query(database.reader());
    query.prepare(u"SELECT value FROM settings WHERE key = ?"_s);
    query.addBindValue(QString::fromLatin1(TriagePolicyKey));
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return {};
    }
    if (!query.next())
        return {};
    return triage::triagePolicyFromJson(
        QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object());
}

bool saveTriagePolicy(store::Database &database, const triage::TriagePolicy &policy, QString *error)
{
    return database.write(
        [&](QSqlDatabase &connection, QString *writeError) {
            QSqlQuery query(connection);
            query.prepare(u"INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                          u"DO UPDATE SET value = excluded.value"_s);
            query.addBindValue(QString::fromLatin1(TriagePolicyKey));
            query.addBindValue(QString::fromUtf8(
                QJsonDocument(triage::toJson(policy)).toJson(QJsonDocument::Compact)));
            if (!query.exec()) {
                *writeError = query.lastError().text();
                return false;
            }
            return true;
        },
        error);
}

bool saveRuleHitCounts(
    store::Database &database, const QHash<QString, qint64> &hits, QString *error)
{
    return database.write(
        [&](QSqlDatabase &connection, QString *writeError) {
            writeError->clear();
            store::RuleRepository rules(connection);
            const QList<domain::SuppressionRule> all = rules.list(writeError);
            if (!writeError->isEmpty())
                return false;
            for (domain::SuppressionRule rule : all) {
                const qint64 hitCount = hits.value(rule.id, 0);
                if (rule.hitCount == hitCount)
                    continue;
                rule.hitCount = hitCount;
                if (!rules.upsert(rule, writeError))
                    return false;
            }
            return true;
        },
        error);
}

std::unique_ptr<triage::TriageEngine> triageEngineFromStore(
    store::Database &database, QString *error)
{
    QString listError;
    const QList<domain::SuppressionRule> rules
        = store::RuleRepository(database.reader()).list(&listError);
    if (!listError.isEmpty()) {
        if (error)
            *error = listError;
        return nullptr;
    }
    QString policyError;
    const triage::TriagePolicy policy = triagePolicyFromStore(database, &policyError);
    if (!policyError.isEmpty()) {
        if (error)
            *error = policyError;
        return nullptr;
    }
    return std::make_unique<triage::TriageEngine>(rules, policy);
}

} // namespace warroom::ingest
