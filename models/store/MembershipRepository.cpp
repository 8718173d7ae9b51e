#include "MembershipRepository.h"

#include "Database.h"
#include "SqlValues.h"
#include "domain/MembershipJson.h"

#include <QSqlQuery>

namespace warroom::store {

using namespace Qt::StringLiterals;
using namespace warroom::domain;

MembershipRepository::MembershipRepository(const QSqlDatabase &connection)
    : m_connection(connection)
{
}

bool MembershipRepository::upsert(const Membership &m, QString *error)
{
    QJsonArray features;
    for (const OptInFeature &feature : m.optInFeatures)
        features.append(toJson(feature));
    QSqlQuery q(m_connection);
    q.prepare(u"INSERT INTO membership (membership_id, account_id, region, membership_name, "
              u"membership_arn, membership_status, customer_type, activation_time, "
              u"deactivation_time, number_of_accounts_covered, opt_in_features, json) VALUES "
              u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (membership_id) DO UPDATE SET "
              u"account_id = excluded.account_id, region = excluded.region, membership_name = "
              u"excluded.membership_name, membership_arn = excluded.membership_arn, "
              u"membership_status = excluded.membership_status, customer_type = "
              u"excluded.customer_type, activation_time = excluded.activation_time, "
              u"deactivation_time = excluded.deactivation_time, number_of_accounts_covered = "
              u"excluded.number_of_accounts_covered, opt_in_features = "
              u"excluded.opt_in_features, json = excluded.json"_s);
    q.addBindValue(sql::text(m.membershipId));
    q.addBindValue(sql::text(m.accountId));
    q.addBindValue(sql::text(m.region));
    q.addBindValue(sql::text(m.membershipName));
    q.addBindValue(sql::text(m.membershipArn));
    q.addBindValue(m.membershipStatus ? toString(*m.membershipStatus) : u""_s);
    q.addBindValue(m.customerType ? toString(*m.customerType) : u""_s);
    q.addBindValue(sql::timeValue(m.membershipActivationTimestamp));
    q.addBindValue(sql::timeValue(m.membershipDeactivationTimestamp));
    q.addBindValue(m.numberOfAccountsCovered ? QVariant(*m.numberOfAccountsCovered)
                                             : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(sql::jsonText(features));
    q.addBindValue(sql::jsonText(toJson(m)));
    if (!execQuery(q, error))
        return false;

    for (const QString &table : {u"membership_responders"_s, u"membership_ous"_s}) {
        QSqlQuery del(m_connection);
        del.prepare(u"DELETE FROM "_s + table + u" WHERE membership_id = ?"_s);
        del.addBindValue(m.membershipId);
        if (!execQuery(del, error))
            return false;
    }
    QSqlQuery responder(m_connection);
    responder.prepare(u"INSERT INTO membership_responders (membership_id, position, name, "
                      u"job_title, email, json) VALUES (?, ?, ?, ?, ?, ?)"_s);
    for (int i = 0; i < m.incidentResponseTeam.size(); ++i) {
        const IncidentResponder &r = m.incidentResponseTeam.at(i);
        responder.addBindValue(m.membershipId);
        responder.addBindValue(i);
        responder.addBindValue(sql::text(r.name));
        responder.addBindValue(sql::text(r.jobTitle));
        responder.addBindValue(sql::text(r.email));
        responder.addBindValue(sql::jsonText(toJson(r)));
        if (!execQuery(responder, error))
            return false;
    }
    QSqlQuery ou(m_connection);
    ou.prepare(u"INSERT OR IGNORE INTO membership_ous (membership_id, ou_id) VALUES (?, ?)"_s);
    for (const QString &ouId : m.membershipAccountsConfigurations.organizationalUnits) {
        ou.addBindValue(m.membershipId);
        ou.addBindValue(ouId);
        if (!execQuery(ou, error))
            return false;
    }
    return true;
}

namespace {

QList<Membership> memberships(QSqlQuery &q, QString *error)
{
    QList<Membership> result;
    if (!execQuery(q, error))
        return result;
    while (q.next()) {
        Membership m;
        fromJson(sql::jsonObject(q.value(0)), m);
        result.append(m);
    }
    return result;
}

} // namespace

std::optional<Membership> MembershipRepository::get(
    const QString &membershipId, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT json FROM membership WHERE membership_id = ?"_s);
    q.addBindValue(membershipId);
    const QList<Membership> found = memberships(q, error);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

std::optional<Membership> MembershipRepository::current(QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT json FROM membership ORDER BY membership_status = 'Active' DESC, "
              u"rowid DESC LIMIT 1"_s);
    const QList<Membership> found = memberships(q, error);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<Membership> MembershipRepository::list(QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT json FROM membership ORDER BY rowid"_s);
    return memberships(q, error);
}

bool MembershipRepository::remove(const QString &membershipId, QString *error)
{
    QSqlQuery q(m_connection);
    q.prepare(u"DELETE FROM membership WHERE membership_id = ?"_s);
    q.addBindValue(membershipId);
    return execQuery(q, error);
}

} // namespace warroom::store
