// Post-incident reports: the Markdown and the PDF (written by the real warroomctl and
// read back with pdftotext) hold the case's title, scope, people, every timeline entry,
// the comments and the chain head; a timeline that no longer verifies says so.

#include "domain/Case.h"
#include "domain/CaseEdit.h"
#include "domain/Comment.h"
#include "domain/Finding.h"
#include "report/CaseReport.h"
#include "store/CaseEditRepository.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/Workspace.h"
#include "sync/LocalChanges.h"
#include "timeline/TimelineChain.h"
#include "timeline/TimelineCollector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using report::CaseReport;
using timeline::TimelineChain;
using timeline::TimelineEntry;

namespace {

const QString CaseId = u"1234567890"_s;
const QString Title = u"Access keys used from an unknown network"_s;

QDateTime at(int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, 2), QTime(hour, minute), Qt::UTC);
}

// Text compared without any whitespace (pages wrap lines, even inside hashes) and with
// typographic ligatures a PDF text layer may carry spelled out.
QString squeezed(QString text)
{
    static const QList<std::pair<QChar, QString>> ligatures {{QChar(0xFB00), u"ff"_s},
        {QChar(0xFB01), u"fi"_s}, {QChar(0xFB02), u"fl"_s}, {QChar(0xFB03), u"ffi"_s},
        {QChar(0xFB04), u"ffl"_s}};
    for (const auto &[ligature, letters] : ligatures)
        text.replace(ligature, letters);
    text.remove(QRegularExpression(u"\\s+"_s));
    return text;
}

// Markdown with its backslash escapes taken out.
QString unescaped(const QString &markdown)
{
    QString text = markdown;
    text.remove(QRegularExpression(u"\\\\(?=[\\\\`*_\\[\\]<>|#])"_s));
    return text;
}

struct CtlRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CtlRun warroomctl(const QStringList &args)
{
    QProcess process;
    process.setProgram(QStringLiteral(WARROOM_BINARY_DIR) + u"/app/warroomctl/warroomctl"_s);
    process.setArguments(args);
    process.start();
    CtlRun run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TimelineReportTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void markdownHoldsEverySection();
    void pdfFromWarroomctlHoldsEveryEntry();
    void markdownFromWarroomctl();
    void brokenTimelineIsReported();
    void warroomctlRefusesBadInput();
    void warroomctlTimelineCommands();

private:
    QList<TimelineEntry> entries();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
};

void TimelineReportTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    m_workspace = store::Workspace::open(m_dir->path(), &error);
    QVERIFY2(m_workspace, qPrintable(error));

    domain::Case value;
    value.caseId = CaseId;
    value.title = Title;
    value.description = u"Access keys of the deploy user were used from 203.0.113.7."_s;
    value.caseStatus = domain::CaseStatus::DetectionAndAnalysis;
    value.resolverType = domain::ResolverType::Self;
    value.engagementType = domain::EngagementType::SecurityIncident;
    value.createdDate = at(1);
    value.lastUpdatedDate = at(5);
    value.reportedIncidentStartDate = at(0);
    value.impactedAccounts = {u"111122223333"_s};
    value.impactedAwsRegions = {domain::ImpactedRegion {u"eu-west-1"_s}};
    value.impactedServices = {u"IAM"_s};
    value.threatActorIpAddresses = {domain::ThreatActorIp {u"203.0.113.7"_s, u"curl/8.1"_s}};
    value.watchers = {domain::Watcher {u"ana@example.com"_s, u"Ana Ruiz"_s, u"Incident lead"_s}};
    const bool seeded = m_workspace->database().write(
        [&](QSqlDatabase &c, QString *e) {
            store::CaseEditRepository edits(c);
            store::CommentRepository comments(c);
            domain::Finding finding;
            finding.id = u"arn:aws:guardduty:eu-west-1:111122223333:detector/d/finding/f1"_s;
            finding.title = u"Unusual API call from a Tor exit node"_s;
            finding.accountId = u"111122223333"_s;
            finding.firstSeen = at(0, 30);
            finding.lastSeen = at(2, 45);
            finding.count = 7;
            finding.caseId = CaseId;
            finding.rawJson = "{}";
            return store::CaseRepository(c).upsert(value, e)
                && edits.append({CaseId, at(1), u"alice"_s, u"CreateCase"_s,
                                    u"Case created with status Submitted"_s},
                    e)
                && edits.append({CaseId, at(5), u"bob"_s, u"UpdateCaseStatus"_s,
                                    u"Status changed from Submitted to Detection and Analysis"_s},
                    e)
                && comments.upsert({CaseId, u"100001"_s, at(2), at(2), u"alice"_s, u"alice"_s,
                                       u"Keys rotated; R&D <keys> & more checked"_s},
                    e)
                && store::FindingRepository(c).upsert(finding, e)
                && timeline::TimelineCollector(c).collect(CaseId, e) >= 0;
        },
        &error);
    QVERIFY2(seeded, qPrintable(error));
    sync::LocalChanges changes(m_workspace->database(), u"carol"_s);
    QVERIFY(!changes
                 .addTimelineEntry(CaseId,
                     {QDateTime(QDate(2026, 11, 2), QTime(1, 13), Qt::UTC), 3600,
                         u"Attacker created an access key"_s},
                     &error)
                 .isEmpty());
    QVERIFY2(!changes.postChainHead(CaseId, &error).isEmpty(), qPrintable(error));
    QCOMPARE(entries().size(), 7); // 2 edits, comment, finding first + last, analyst, head
}

void TimelineReportTest::cleanup()
{
    m_workspace.reset();
    m_dir.reset();
}

QList<TimelineEntry> TimelineReportTest::entries()
{
    QString error;
    return TimelineChain(m_workspace->database()).entries(CaseId, &error);
}

void TimelineReportTest::markdownHoldsEverySection()
{
    QString error;
    const auto report = CaseReport::load(m_workspace->database(), CaseId, &error);
    QVERIFY2(report, qPrintable(error));
    const QString markdown = report->toMarkdown();
    const QString text = unescaped(markdown);
    QVERIFY(markdown.startsWith(u"# Post-incident report: "_s + Title));
    for (const QString &heading : {u"## Summary"_s, u"## Scope"_s, u"## People"_s, u"## Timeline"_s,
             u"## Comments"_s, u"## Chain head"_s})
        QVERIFY2(markdown.contains(heading), qPrintable(heading));
    QVERIFY(text.contains(u"203.0.113.7 (curl/8.1)"_s));
    QVERIFY(text.contains(u"eu-west-1"_s));
    QVERIFY(text.contains(u"Ana Ruiz, Incident lead, ana@example.com"_s));
    QVERIFY(text.contains(u"> Keys rotated; R&D <keys> & more checked"_s));
    QVERIFY(markdown.contains(u"R&D \\<keys\\>"_s)); // escaped, not HTML
    for (const TimelineEntry &entry : entries())
        QVERIFY2(text.contains(entry.payload.value(u"text"_s).toString()),
            qPrintable(entry.payload.value(u"text"_s).toString()));
    // The analyst's clock with the offset given; the recording zone next to recorded.
    QVERIFY2(text.contains(u"**2026-11-02 02:13:00 +01:00** · Analyst entry · carol"_s),
        qPrintable(text));
    QVERIFY(text.contains(u"recorded "_s));
    const auto verification = TimelineChain(m_workspace->database()).verify(CaseId);
    QVERIFY(text.contains(u"The timeline verifies: 7 entries, head `%1`"_s.arg(verification.head)));
    QVERIFY2(text.contains(u"over 6 entries — matches this timeline"_s), qPrintable(text));
    // Posted without a backend here: the head's time is this console's, and says so.
    QVERIFY(text.contains(u"this console's clock: not yet stamped by the backend"_s));
}

void TimelineReportTest::pdfFromWarroomctlHoldsEveryEntry()
{
    const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
    if (pdftotext.isEmpty())
        QFAIL("pdftotext (poppler-utils, in WARROOM_TEST_PACKAGES) is not installed");
    const QString pdf = m_dir->filePath(u"report.pdf"_s);
    const CtlRun run = warroomctl({u"cases"_s, u"report"_s, CaseId, u"--format"_s, u"pdf"_s,
        u"--out"_s, pdf, u"--workspace"_s, m_dir->path()});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject result = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(result.value(u"TimelineEntries"_s).toInt(), 7);
    QVERIFY(result.value(u"TimelineVerified"_s).toBool());

    QProcess extract;
    extract.start(pdftotext, {u"-enc"_s, u"UTF-8"_s, pdf, u"-"_s});
    QVERIFY(extract.waitForFinished(30000));
    QCOMPARE(extract.exitCode(), 0);
    const QString text = squeezed(QString::fromUtf8(extract.readAllStandardOutput()));
    QVERIFY2(text.contains(squeezed(u"Post-incident report: "_s + Title)), qPrintable(text));
    for (const TimelineEntry &entry : entries()) {
        const QString entryText = entry.payload.value(u"text"_s).toString();
        QVERIFY2(text.contains(squeezed(entryText)), qPrintable(entryText));
    }
    QVERIFY(text.contains(squeezed(u"Keys rotated; R&D <keys> & more checked"_s)));
    QVERIFY(text.contains(squeezed(u"2026-11-02 02:13:00 +01:00"_s)));
    const auto verification = TimelineChain(m_workspace->database()).verify(CaseId);
    QVERIFY(text.contains(verification.head));
    QVERIFY(text.contains(squeezed(u"matches this timeline"_s)));
}

void TimelineReportTest::markdownFromWarroomctl()
{
    const QString path = m_dir->filePath(u"report.md"_s);
    const CtlRun run = warroomctl({u"cases"_s, u"report"_s, u"--case-id"_s, CaseId, u"--format"_s,
        u"md"_s, u"--out"_s, path, u"--workspace"_s, m_dir->path()});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = unescaped(QString::fromUtf8(file.readAll()));
    QVERIFY(text.startsWith(u"# Post-incident report: "_s + Title));
    for (const TimelineEntry &entry : entries())
        QVERIFY(text.contains(entry.payload.value(u"text"_s).toString()));
}

void TimelineReportTest::brokenTimelineIsReported()
{
    QString error;
    QVERIFY(m_workspace->database().write(
        [](QSqlDatabase &c, QString *e) {
            return store::execStatement(c,
                u"UPDATE timeline SET payload = replace(payload, 'rotated', 'ignored') "
                "WHERE kind = 'comment'"_s,
                e);
        },
        &error));
    const auto report = CaseReport::load(m_workspace->database(), CaseId, &error);
    QVERIFY2(report, qPrintable(error));
    const QString markdown = report->toMarkdown();
    QVERIFY2(markdown.contains(u"The timeline does NOT verify: Entry "_s), qPrintable(markdown));
    QVERIFY(markdown.contains(u"was changed after it was recorded"_s));
}

void TimelineReportTest::warroomctlRefusesBadInput()
{
    const QString path = m_dir->filePath(u"x.md"_s);
    const CtlRun unknown = warroomctl({u"cases"_s, u"report"_s, u"9999999999"_s, u"--out"_s, path,
        u"--workspace"_s, m_dir->path()});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("9999999999 is not in this workspace"), unknown.err.constData());
    const CtlRun format = warroomctl({u"cases"_s, u"report"_s, CaseId, u"--format"_s, u"docx"_s,
        u"--out"_s, path, u"--workspace"_s, m_dir->path()});
    QCOMPARE(format.exitCode, 1);
    QVERIFY2(format.err.contains("--format"), format.err.constData());
    QVERIFY(!QFile::exists(path));
}

void TimelineReportTest::warroomctlTimelineCommands()
{
    const QString workspace = m_dir->path();
    const CtlRun added = warroomctl(
        {u"timeline"_s, u"add"_s, CaseId, u"--text"_s, u"Key found in a public repository"_s,
            u"--at"_s, u"2026-11-02T04:30:00+02:00"_s, u"--workspace"_s, workspace});
    QVERIFY2(added.exitCode == 0, added.err.constData());
    QVERIFY(QJsonDocument::fromJson(added.out).object().value(u"Pending"_s).toInt() >= 1);

    const CtlRun shown
        = warroomctl({u"timeline"_s, u"show"_s, CaseId, u"--workspace"_s, workspace});
    QVERIFY2(shown.exitCode == 0, shown.err.constData());
    const QJsonObject show = QJsonDocument::fromJson(shown.out).object();
    QVERIFY(show.value(u"Verified"_s).toBool());
    QCOMPARE(show.value(u"Entries"_s).toInt(), 8);
    const QJsonObject last = show.value(u"Items"_s).toArray().last().toObject();
    QCOMPARE(last.value(u"Kind"_s).toString(), u"analyst"_s);
    QCOMPARE(last.value(u"OccurredAt"_s).toString(), u"2026-11-02T02:30:00.000Z"_s);
    QCOMPARE(last.value(u"Payload"_s).toObject().value(u"occurredOffset"_s).toInt(), 7200);

    const CtlRun posted
        = warroomctl({u"timeline"_s, u"post-head"_s, CaseId, u"--workspace"_s, workspace});
    QVERIFY2(posted.exitCode == 0, posted.err.constData());
    QCOMPARE(entries().last().kind, u"chainHead"_s);

    const QString csv = m_dir->filePath(u"timeline.csv"_s);
    const CtlRun exported = warroomctl(
        {u"timeline"_s, u"export"_s, CaseId, u"--out"_s, csv, u"--workspace"_s, workspace});
    QVERIFY2(exported.exitCode == 0, exported.err.constData());
    const CtlRun verified = warroomctl({u"timeline"_s, u"verify-csv"_s, u"--file"_s, csv});
    QVERIFY2(verified.exitCode == 0, verified.err.constData());
    QCOMPARE(QJsonDocument::fromJson(verified.out).object().value(u"Entries"_s).toInt(), 9);

    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray text = file.readAll();
    file.close();
    text.replace("public repository", "private repository");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
    file.close();
    const CtlRun tampered = warroomctl({u"timeline"_s, u"verify-csv"_s, u"--file"_s, csv});
    QCOMPARE(tampered.exitCode, 2);
    QVERIFY2(tampered.err.contains("(analyst) was changed after it was recorded"),
        tampered.err.constData());
}

QTEST_GUILESS_MAIN(TimelineReportTest)
#include "tst_timeline_report.moc"
