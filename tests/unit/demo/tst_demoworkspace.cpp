#include "demo/DemoOrganization.h"
#include "demo/DemoWorkspace.h"
#include "domain/Validation.h"
#include "store/CaseEditRepository.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/MembershipRepository.h"
#include "store/OrganizationRepository.h"
#include "store/Workspace.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;

class TestDemoWorkspace final : public QObject
{
    Q_OBJECT

private slots:
    void seedsEverySurface()
    {
        QTemporaryDir dir;
        QString error;
        auto workspace = store::Workspace::open(dir.path(), &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(!demo::workspaceHasData(*workspace));

        demo::DemoSize size;
        size.findings = 1500;
        QVERIFY2(demo::seedDemoWorkspace(*workspace, size, &error), qPrintable(error));
        QVERIFY(demo::workspaceHasData(*workspace));

        QSqlDatabase connection = workspace->database().reader();
        const store::CaseRepository cases(connection);
        QCOMPARE(cases.count(), size.cases);
        const auto byStatus = cases.countByStatus();
        for (const auto status : domain::allValues<domain::CaseStatus>())
            QVERIFY2(byStatus.value(status) > 0, qPrintable(domain::toString(status)));

        const store::CommentRepository comments(connection);
        const store::CaseEditRepository edits(connection);
        int withComments = 0;
        for (const auto &summary : cases.listSummaries()) {
            const auto value = cases.get(summary.caseId);
            QVERIFY(value);
            QVERIFY2(domain::validate(*value).isEmpty(), qPrintable(summary.caseId));
            QCOMPARE(summary.caseId.size(), 10);
            const auto history = edits.listForCase(summary.caseId);
            QVERIFY(!history.isEmpty()); // at least the creation
            QVERIFY(history.first().eventTimestamp <= value->lastUpdatedDate);
            if (!comments.listForCase(summary.caseId).isEmpty())
                ++withComments;
            if (value->caseStatus == domain::CaseStatus::Closed)
                QVERIFY(value->closedDate.isValid());
            // Only AWS-supported cases can be Acknowledged or Ready to Close.
            if (value->caseStatus == domain::CaseStatus::Acknowledged
                || value->caseStatus == domain::CaseStatus::ReadyToClose)
                QVERIFY(value->resolverType == domain::ResolverType::AWS);
        }
        QVERIFY(withComments > size.cases / 2);

        const store::FindingRepository findings(connection);
        // Updates of the same finding fold into one row.
        QVERIFY(findings.count() > 1200 && findings.count() < 1500);
        QSqlQuery linked(connection);
        QVERIFY(linked.exec(
            u"SELECT COUNT(*) FROM findings WHERE case_id IS NOT NULL AND case_id <> ''"_s));
        QVERIFY(linked.next());
        QVERIFY(linked.value(0).toInt() > 0);
        QSqlQuery sources(connection);
        QVERIFY(sources.exec(u"SELECT COUNT(DISTINCT source) FROM findings"_s));
        QVERIFY(sources.next());
        QCOMPARE(sources.value(0).toInt(), 2);

        const store::OrganizationRepository organization(connection);
        const auto &demoOrganization = demo::DemoOrganization::standard();
        QCOMPARE(organization.accounts().size(), demoOrganization.accounts().size());
        QCOMPARE(organization.roots().size(), 1);
        QCOMPARE(organization.children(demoOrganization.rootId()).size(),
            demoOrganization.childUnits(demoOrganization.rootId()).size()
                + demoOrganization.accountsIn(demoOrganization.rootId()).size());

        const store::MembershipRepository memberships(connection);
        const auto membership = memberships.current();
        QVERIFY(membership);
        QVERIFY(membership->incidentResponseTeam.size() >= 2);
        QVERIFY(domain::validate(*membership).isEmpty());
    }

    void seedingTwiceChangesNothing()
    {
        QTemporaryDir dir;
        QString error;
        auto workspace = store::Workspace::open(dir.path(), &error);
        QVERIFY2(workspace, qPrintable(error));
        demo::DemoSize size;
        size.cases = 9;
        size.findings = 200;
        QVERIFY2(demo::seedDemoWorkspace(*workspace, size, &error), qPrintable(error));
        QSqlDatabase connection = workspace->database().reader();
        const qint64 findingsBefore = store::FindingRepository(connection).count();
        size.cases = 20;
        QVERIFY2(demo::seedDemoWorkspace(*workspace, size, &error), qPrintable(error));
        QCOMPARE(store::CaseRepository(connection).count(), 9);
        QCOMPARE(store::FindingRepository(connection).count(), findingsBefore);
    }
};

QTEST_GUILESS_MAIN(TestDemoWorkspace)
#include "tst_demoworkspace.moc"
