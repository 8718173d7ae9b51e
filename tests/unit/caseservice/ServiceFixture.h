#pragma once

// Shared by the tst_caseservice_* suites: a CaseService on a temporary SQLite file with a
// clock the test can move, principals, and valid inputs.

#include "caseservice/CaseService.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <memory>

namespace warroom::caseservice::testing {

using namespace Qt::StringLiterals;

inline Principal alice(Role role = Role::Full)
{
    return Principal {u"AKIAALICE"_s, u"arn:aws:iam::123456789012:user/alice"_s, role};
}

inline Principal bob(Role role = Role::Full)
{
    return Principal {u"AKIABOB"_s, u"arn:aws:iam::123456789012:user/bob"_s, role};
}

inline QJsonObject caseInput(
    const QString &title = u"Suspicious console logins"_s, const QString &resolver = u"Self"_s)
{
    return QJsonObject {{u"resolverType"_s, resolver}, {u"title"_s, title},
        {u"description"_s, u"Logins from an unknown network."_s},
        {u"engagementType"_s, u"Security Incident"_s}, {u"reportedIncidentStartDate"_s, 1700000000},
        {u"impactedAccounts"_s, QJsonArray()}, {u"watchers"_s, QJsonArray()}};
}

inline QJsonObject responder(const QString &name, const QString &email)
{
    return QJsonObject {{u"name"_s, name}, {u"jobTitle"_s, u"Responder"_s}, {u"email"_s, email}};
}

inline QJsonObject membershipInput(int teamSize = 2)
{
    QJsonArray team;
    for (int i = 0; i < teamSize; ++i)
        team.append(responder(u"Person "_s + QString::number(i),
            u"person"_s + QString::number(i) + u"@example.com"_s));
    return QJsonObject {{u"membershipName"_s, u"War room"_s}, {u"incidentResponseTeam"_s, team}};
}

struct ServiceFixture
{
    QTemporaryDir dir;
    std::shared_ptr<QDateTime> clock = std::make_shared<QDateTime>();
    std::unique_ptr<CaseService> service;

    explicit ServiceFixture(ServiceConfig config = {})
    {
        auto now = clock;
        config.clock = [now] {
            return now->isValid() ? *now : QDateTime::currentDateTimeUtc();
        };
        QString error;
        service = CaseService::open(config, u"sqlite:"_s + dir.filePath(u"cases.db"_s), &error);
        if (!service)
            qFatal("cannot open the case service: %s", qPrintable(error));
    }

    QString path() const { return dir.filePath(u"cases.db"_s); }

    ServiceResult call(
        const QString &operation, const QJsonObject &input, const Principal &caller = alice())
    {
        return service->call(operation, input, caller);
    }

    // Creates a case and returns its ID (fails the test otherwise).
    QString createCase(const QJsonObject &input = caseInput(), const Principal &caller = alice())
    {
        const ServiceResult r = call(u"CreateCase"_s, input, caller);
        if (!r.ok() || r.httpStatus != 201)
            qWarning("CreateCase failed: %s", qPrintable(r.error ? r.error->message : QString()));
        return r.body.value(u"caseId"_s).toString();
    }

    QJsonObject getCase(const QString &caseId)
    {
        return call(u"GetCase"_s, {{u"caseId"_s, caseId}}).body;
    }

    QJsonArray edits(const QString &caseId)
    {
        QJsonArray all;
        QString token;
        do {
            QJsonObject input {{u"caseId"_s, caseId}, {u"maxResults"_s, 25}};
            if (!token.isEmpty())
                input.insert(u"nextToken"_s, token);
            const ServiceResult r = call(u"ListCaseEdits"_s, input);
            for (const auto &item : r.body.value(u"items"_s).toArray())
                all.append(item);
            token = r.body.value(u"nextToken"_s).toString();
        } while (!token.isEmpty());
        return all;
    }
};

inline QString errorType(const ServiceResult &r)
{
    return r.error ? r.error->type : QString();
}

inline QStringList errorFields(const ServiceResult &r)
{
    QStringList fields;
    if (r.error)
        for (const auto &f : r.error->fieldList)
            fields.append(f.field);
    return fields;
}

} // namespace warroom::caseservice::testing
