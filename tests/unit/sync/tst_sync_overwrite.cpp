// The window between the sender's GetCase check and its write, against the real
// warroom-server: a change that slips in there (made by the engine's test seam at that
// exact point) must not be overwritten. warroom-server refuses the write through its
// X-Warroom-If-Unmodified-Since extension and the engine turns that into the per-field
// conflict flow; the embedded service checks the same in process; without the extension
// (as on AWS) the engine finds the other writer in ListCaseEdits after its write and
// raises the conflict then.

#include "SyncServerSupport.h"

#include "../awsclient/WarroomServerProcess.h"
#include "caseservice/CaseService.h"
#include "domain/CaseJson.h"
#include "store/CaseRepository.h"
#include "sync/EmbeddedBackend.h"

#include "aws/AwsHttpClient.h"
#include "aws/SecurityIrClient.h"

using namespace warroom;
using warroom::test::SyncConsole;
using warroom::test::WarroomServerProcess;
using Choice = sync::SyncEngine::ConflictChoice;

namespace {

domain::UpdateCaseRequest titleUpdate(const QString &caseId, const QString &title)
{
    domain::UpdateCaseRequest request;
    request.caseId = caseId;
    request.title = title;
    return request;
}

QDateTime lastUpdated(const QJsonObject &getCase)
{
    domain::Case c;
    domain::fromJson(getCase, c);
    return c.lastUpdatedDate;
}

} // namespace

class TestSyncOverwrite final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_serverDir;
    std::unique_ptr<WarroomServerProcess> m_server;
    aws::Credentials m_bob; // a second principal, for the competing writes
    std::unique_ptr<SyncConsole> m_a, m_b;

    QJsonObject serverCase(const QString &caseId)
    {
        return test::callNow(m_b->engine->backend(), u"GetCase"_s, {{u"caseId"_s, caseId}}).output;
    }

    // Bob's write, made directly on the server while A's sender waits in the seam.
    sync::BackendResult bobWrites(const QString &operation, const QJsonObject &input)
    {
        sync::HttpBackend bob(m_server->url(), u"us-east-1"_s, m_bob);
        return test::callNow(bob, operation, input);
    }

    // A's next checked write waits in the seam while `compete` runs (once).
    void competeOnce(std::function<void(const QString &caseId)> compete, int *calls)
    {
        m_a->engine->setBeforeCheckedWrite(
            [compete, calls](const QString &caseId, std::function<void()> proceed) {
                if ((*calls)++ == 0)
                    compete(caseId);
                proceed();
            });
    }

    // A case shared by A and B; A renames it to "Mine" and its write waits in the seam
    // while Bob writes `bobMembers` (caseId added) once. `conditional` false: A's backend
    // behaves as AWS (no conditional write). The case ID; *calls counts the seam's runs.
    QString raceInWindow(
        const QString &title, const QJsonObject &bobMembers, bool conditional, int *calls)
    {
        const QString id = test::shareNewCase(*m_a, *m_b, title);
        if (id.isEmpty())
            return {};
        static_cast<sync::HttpBackend &>(m_a->engine->backend()).setConditionalWrites(conditional);
        QString error;
        if (!m_a->engine->changes().updateCase(titleUpdate(id, u"Mine"_s), nullptr, &error))
            return {};
        competeOnce(
            [this, bobMembers](const QString &caseId) {
                QJsonObject input = bobMembers;
                input.insert(u"caseId"_s, caseId);
                QVERIFY(bobWrites(u"UpdateCase"_s, input).ok());
            },
            calls);
        return id;
    }

    // A holds one conflict on the case's title: `base`, A's "Mine" and Bob's "Bob's".
    void verifyTitleConflict(const QString &id, const QString &base)
    {
        const auto conflicts = m_a->engine->conflictsForCase(id);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().field, u"title"_s);
        QCOMPARE(conflicts.first().baseValue.toString(), base);
        QCOMPARE(conflicts.first().localValue.toString(), u"Mine"_s);
        QCOMPARE(conflicts.first().remoteValue.toString(), u"Bob's"_s);
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<WarroomServerProcess>(m_serverDir.path());
        // Bob's key goes into the key file before the server (and alice's key) start.
        QProcess create;
        create.start(WarroomServerProcess::serverBinary(),
            {u"keys"_s, u"create"_s, u"--keys"_s, QDir(m_serverDir.path()).filePath(u"keys.json"_s),
                u"--role"_s, u"full"_s, u"--principal"_s, u"arn:aws:iam::123456789012:user/bob"_s});
        QVERIFY(create.waitForFinished(30000));
        QCOMPARE(create.exitCode(), 0);
        const QJsonObject key = QJsonDocument::fromJson(create.readAllStandardOutput()).object();
        m_bob.accessKeyId = key.value(u"accessKeyId"_s).toString();
        m_bob.secretAccessKey = key.value(u"secretAccessKey"_s).toString();
        QString error;
        QVERIFY2(m_server->start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
    }

    void init()
    {
        QString error;
        QVERIFY2(test::openConsolePair(m_server->url(), m_server->key(), &m_a, &m_b, &error),
            qPrintable(error));
    }

    void cleanup()
    {
        m_a.reset();
        m_b.reset();
    }

    // The extension itself: a stale time refuses a case write with ConflictException and
    // writes nothing; the current time lets it through; a bad value is a validation error;
    // reads and plain calls (boto3, the AWS CLI) are not affected.
    void serverChecksTheHeader()
    {
        const QString id = test::shareNewCase(*m_a, *m_b, u"Header"_s);
        QVERIFY(!id.isEmpty());
        auto &backend = m_a->engine->backend();
        QVERIFY(backend.supportsConditionalWrite());
        const QDateTime before = lastUpdated(serverCase(id));
        QVERIFY(before.isValid());
        QVERIFY(
            bobWrites(u"UpdateCase"_s, {{u"caseId"_s, id}, {u"description"_s, u"Bob's"_s}}).ok());

        std::optional<sync::BackendResult> refused;
        backend.callIfUnmodifiedSince(u"UpdateCase"_s, {{u"caseId"_s, id}, {u"title"_s, u"Late"_s}},
            before, [&](const sync::BackendResult &r) { refused = r; });
        QVERIFY(QTest::qWaitFor([&] { return refused.has_value(); }, 30000));
        QVERIFY(!refused->ok());
        QCOMPARE(refused->error->type, u"ConflictException"_s);
        QCOMPARE(refused->error->httpStatus, 409);
        QVERIFY2(sync::CaseBackend::isPreconditionFailure(*refused->error),
            qPrintable(refused->error->toString()));
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Header"_s);

        // A status move is conditional too.
        std::optional<sync::BackendResult> status;
        backend.callIfUnmodifiedSince(u"UpdateCaseStatus"_s,
            {{u"caseId"_s, id}, {u"caseStatus"_s, u"Detection and Analysis"_s}}, before,
            [&](const sync::BackendResult &r) { status = r; });
        QVERIFY(QTest::qWaitFor([&] { return status.has_value(); }, 30000));
        QVERIFY(!status->ok() && sync::CaseBackend::isPreconditionFailure(*status->error));
        QCOMPARE(serverCase(id).value(u"caseStatus"_s).toString(), u"Submitted"_s);

        std::optional<sync::BackendResult> accepted;
        backend.callIfUnmodifiedSince(u"UpdateCase"_s, {{u"caseId"_s, id}, {u"title"_s, u"Now"_s}},
            lastUpdated(serverCase(id)), [&](const sync::BackendResult &r) { accepted = r; });
        QVERIFY(QTest::qWaitFor([&] { return accepted.has_value(); }, 30000));
        QVERIFY2(accepted->ok(), qPrintable(accepted->error->toString()));
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Now"_s);

        // Without the header nothing changes for other clients.
        QVERIFY(
            test::callNow(backend, u"UpdateCase"_s, {{u"caseId"_s, id}, {u"title"_s, u"Plain"_s}})
                .ok());
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Plain"_s);

        // A value that is not a time is a validation error, and nothing is written.
        auto &client = static_cast<sync::HttpBackend &>(backend).client();
        aws::AwsReply *reply = client.callRestJson(u"UpdateCase"_s, "POST",
            "/v1/cases/" + id.toUtf8() + "/update-case", {},
            QJsonObject {{u"title"_s, u"Bad header"_s}}, "application/json",
            {{"X-Warroom-If-Unmodified-Since", "yesterday"}});
        QSignalSpy finished(reply, &aws::AwsReply::finished);
        QVERIFY(finished.wait(30000));
        QCOMPARE(reply->error().type, u"ValidationException"_s);
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Plain"_s);
    }

    // The embedded backend checks the same condition in process.
    void embeddedChecksInProcess()
    {
        QTemporaryDir dir;
        QString error;
        auto backend
            = sync::EmbeddedBackend::open(QDir(dir.path()).filePath(u"backend.sqlite"_s), &error);
        QVERIFY2(backend, qPrintable(error));
        QVERIFY(backend->supportsConditionalWrite());
        (void)test::callNow(*backend, u"CreateMembership"_s,
            {{u"membershipName"_s, u"Embedded"_s},
                {u"incidentResponseTeam"_s,
                    QJsonArray {QJsonObject {{u"name"_s, u"Ann Lee"_s}, {u"jobTitle"_s, u"Lead"_s},
                                    {u"email"_s, u"ann@example.com"_s}},
                        QJsonObject {{u"name"_s, u"Bo Chan"_s}, {u"jobTitle"_s, u"Analyst"_s},
                            {u"email"_s, u"bo@example.com"_s}}}}});
        const auto created = test::callNow(
            *backend, u"CreateCase"_s, domain::toJson(test::newCaseRequest(u"Embedded"_s)));
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error->toString()));
        const QString id = created.output.value(u"caseId"_s).toString();
        const auto read = [&] {
            return test::callNow(*backend, u"GetCase"_s, {{u"caseId"_s, id}}).output;
        };
        const QDateTime before = lastUpdated(read());
        QTest::qWait(5); // the next write gets a later millisecond
        QVERIFY(test::callNow(*backend, u"UpdateCase"_s, {{u"caseId"_s, id}, {u"title"_s, u"B"_s}})
                    .ok());
        std::optional<sync::BackendResult> refused;
        backend->callIfUnmodifiedSince(u"UpdateCase"_s, {{u"caseId"_s, id}, {u"title"_s, u"A"_s}},
            before, [&](const sync::BackendResult &r) { refused = r; });
        QVERIFY(QTest::qWaitFor([&] { return refused.has_value(); }, 10000));
        QVERIFY(!refused->ok() && sync::CaseBackend::isPreconditionFailure(*refused->error));
        QCOMPARE(read().value(u"title"_s).toString(), u"B"_s);
    }

    // The same field written by Bob between A's check and A's write: A's write is refused,
    // the engine checks again and holds both values as a conflict; nothing is overwritten
    // until A keeps theirs.
    void sameFieldBetweenCheckAndWriteIsAConflict()
    {
        int calls = 0;
        const QString id = raceInWindow(u"Window"_s, {{u"title"_s, u"Bob's"_s}}, true, &calls);
        QVERIFY(!id.isEmpty());
        QString error;
        QVERIFY(!m_a->syncOnce(&error)); // held for the user
        QCOMPARE(calls, 1);
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Bob's"_s); // not overwritten
        verifyTitleConflict(id, u"Window"_s);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_a->engine->pendingCount(), 1);

        QVERIFY2(m_a->engine->resolveConflict(id, u"title"_s, Choice::KeepMine, &error),
            qPrintable(error));
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Mine"_s);
    }

    // Another field written by Bob in the window is no conflict. With the extension A's
    // write is refused once, checked again and written; without it (AWS) the write goes
    // and the edit history shows nothing of A's fields overwritten. Both changes stay.
    void otherFieldInWindowMerges_data()
    {
        QTest::addColumn<bool>("conditional");
        QTest::addColumn<int>("seamRuns");
        QTest::newRow("warroom-server") << true << 2;
        QTest::newRow("as on AWS") << false << 1;
    }

    void otherFieldInWindowMerges()
    {
        QFETCH(bool, conditional);
        QFETCH(int, seamRuns);
        int calls = 0;
        const QString id = raceInWindow(
            u"Window other"_s, {{u"description"_s, u"Bob's description"_s}}, conditional, &calls);
        QVERIFY(!id.isEmpty());
        QString error;
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        QCOMPARE(calls, seamRuns);
        QCOMPARE(m_a->engine->conflictCount(), 0);
        const QJsonObject server = serverCase(id);
        QCOMPARE(server.value(u"title"_s).toString(), u"Mine"_s);
        QCOMPARE(server.value(u"description"_s).toString(), u"Bob's description"_s);
        QCOMPARE(m_a->get(id)->description, u"Bob's description"_s);
    }

    // A status move and Bob's move in the window: a conflict on caseStatus, not a refused
    // status transition in needs attention.
    void statusBetweenCheckAndWriteIsAConflict()
    {
        const QString id = test::shareNewCase(*m_a, *m_b, u"Window status"_s);
        QVERIFY(!id.isEmpty());
        QString error;
        QVERIFY(m_a->engine->changes().updateCaseStatus(
            id, domain::CaseStatus::DetectionAndAnalysis, &error));
        int calls = 0;
        competeOnce(
            [this](const QString &caseId) {
                QVERIFY(bobWrites(u"CloseCase"_s, {{u"caseId"_s, caseId}}).ok());
            },
            &calls);
        QVERIFY(!m_a->syncOnce(&error));
        QCOMPARE(serverCase(id).value(u"caseStatus"_s).toString(), u"Closed"_s);
        QCOMPARE(m_a->engine->failedCount(), 0);
        const auto conflicts = m_a->engine->conflictsForCase(id);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().field, u"caseStatus"_s);
        QCOMPARE(conflicts.first().remoteValue.toString(), u"Closed"_s);
        QVERIFY2(m_a->engine->resolveConflict(id, u"caseStatus"_s, Choice::TakeTheirs, &error),
            qPrintable(error));
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        QCOMPARE(m_a->get(id)->caseStatus.value(), domain::CaseStatus::Closed);
    }

    // Without the extension (as against AWS) the write goes through and overwrites Bob's
    // title; the engine finds Bob's edit in ListCaseEdits between its check and its write
    // and holds the field as a conflict with Bob's value; Take theirs writes it back.
    void withoutConditionalWriteTheOverwriteIsFoundAfterwards()
    {
        int calls = 0;
        const QString id = raceInWindow(u"After"_s, {{u"title"_s, u"Bob's"_s}}, false, &calls);
        QVERIFY(!id.isEmpty());
        QVERIFY(!m_a->engine->backend().supportsConditionalWrite());
        QString error;
        QVERIFY(!m_a->syncOnce(&error)); // held for the user
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Mine"_s); // written over
        verifyTitleConflict(id, u"After"_s);
        if (QTest::currentTestFailed())
            return;
        // A pull while it waits keeps the conflict (the backend holds ours).
        QVERIFY(!m_a->syncOnce(&error));
        QCOMPARE(m_a->engine->conflictCount(), 1);

        QVERIFY2(m_a->engine->resolveConflict(id, u"title"_s, Choice::TakeTheirs, &error),
            qPrintable(error));
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Bob's"_s);
        QCOMPARE(m_a->get(id)->title, u"Bob's"_s);
        QCOMPARE(m_a->engine->conflictCount(), 0);
        QCOMPARE(m_a->engine->pendingCount(), 0);
    }

    void withoutConditionalWriteKeepMine()
    {
        int calls = 0;
        const QString id = raceInWindow(u"After keep"_s, {{u"title"_s, u"Bob's"_s}}, false, &calls);
        QVERIFY(!id.isEmpty());
        QString error;
        QVERIFY(!m_a->syncOnce(&error));
        QCOMPARE(m_a->engine->conflictCount(), 1);
        QVERIFY2(m_a->engine->resolveConflict(id, u"title"_s, Choice::KeepMine, &error),
            qPrintable(error));
        QVERIFY2(m_a->syncOnce(&error), qPrintable(error));
        QCOMPARE(serverCase(id).value(u"title"_s).toString(), u"Mine"_s);
        QCOMPARE(m_a->engine->conflictCount(), 0);
        QCOMPARE(m_a->engine->pendingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSyncOverwrite)
#include "tst_sync_overwrite.moc"
