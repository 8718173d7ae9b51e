#include "WorkspaceSummary.h"

#include "domain/Enums.h"
#include "store/Database.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

namespace warroom::ui {

using namespace Qt::StringLiterals;

namespace {

bool countRows(QSqlDatabase &connection, const QString &statement, qint64 *count, QString *error,
    const QVariant &boundValue = {})
{
    QSqlQuery query(connection);
    bool ran = query.prepare(statement);
    if (ran && boundValue.isValid())
        query.addBindValue(boundValue);
    ran = ran && query.exec();
    if (!ran || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    *count = query.value(0).toLongLong();
    return true;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("WorkspaceSummary", text);
}

QString plural(qint64 count, const char *one, const char *many)
{
    return (count == 1 ? tr(one) : tr(many)).arg(QLocale().toString(count));
}

} // namespace

WorkspaceSummary WorkspaceSummary::read(store::Workspace &workspace, QString *error)
{
    WorkspaceSummary summary;
    QSqlDatabase connection = workspace.database().reader();
    if (!connection.isOpen()) {
        if (error)
            *error = connection.lastError().text();
        return summary;
    }
    summary.valid = countRows(connection, u"SELECT COUNT(*) FROM cases"_s, &summary.cases, error)
        && countRows(connection, u"SELECT COUNT(*) FROM cases WHERE case_status <> ?"_s,
            &summary.openCases, error, domain::toString(domain::CaseStatus::Closed))
        && countRows(connection, u"SELECT COUNT(*) FROM findings"_s, &summary.findings, error);
    return summary;
}

QString WorkspaceSummary::sentence() const
{
    if (!valid)
        return tr("The contents of this workspace could not be read.");
    if (cases == 0 && findings == 0)
        return tr("This workspace holds no cases and no findings yet.");
    const QString caseText = cases == 0 ? tr("no cases")
                                        : plural(cases, "%1 case", "%1 cases") % u" ("_s
            % tr("%1 open").arg(QLocale().toString(openCases)) % u')';
    const QString findingText
        = findings == 0 ? tr("no findings") : plural(findings, "%1 finding", "%1 findings");
    return tr("This workspace holds %1 and %2.").arg(caseText, findingText);
}

} // namespace warroom::ui
