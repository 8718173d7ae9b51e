// The desktop executable's command line, run as a real process: --version and
// --generate-findings work without a window, and bad arguments fail with a message.
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run runWarroom(const QStringList &arguments, const QMap<QString, QString> &extraEnvironment = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    for (auto it = extraEnvironment.cbegin(); it != extraEnvironment.cend(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(WARROOM_APP), arguments);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        run.err = u"timed out"_s;
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QList<QJsonObject> readJsonLines(const QByteArray &bytes, QString *error)
{
    QList<QJsonObject> objects;
    const QList<QByteArray> lines = bytes.trimmed().split('\n');
    for (const QByteArray &line : lines) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (!document.isObject()) {
            *error = parseError.errorString();
            return {};
        }
        objects.append(document.object());
    }
    return objects;
}

} // namespace

class TestCommandLine final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void versionNeedsNoWindow();
    void writesJsonLines_data();
    void writesJsonLines();
    void writesWrappedFindings_data();
    void writesWrappedFindings();
    void sameSeedSameFindings();
    void badArgumentsFailWithAMessage_data();
    void badArgumentsFailWithAMessage();
    void startupProbeReportsAndQuits();

private:
    QTemporaryDir m_dir;
};

void TestCommandLine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(QStringLiteral(WARROOM_APP)).isExecutable(), WARROOM_APP);
}

void TestCommandLine::versionNeedsNoWindow()
{
    // No display at all: --version must not need one.
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(WARROOM_APP), {u"--version"_s});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(process.readAllStandardOutput()).trimmed(),
        u"Warroom "_s + QStringLiteral(WARROOM_VERSION));
}

void TestCommandLine::writesJsonLines_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("requiredKey");
    QTest::newRow("guardduty-jsonl") << u"guardduty-jsonl"_s << u"accountId"_s;
    QTest::newRow("eventbridge-jsonl") << u"eventbridge-jsonl"_s << u"detail-type"_s;
}

void TestCommandLine::writesJsonLines()
{
    QFETCH(QString, format);
    QFETCH(QString, requiredKey);
    const QString output = m_dir.filePath(format % u".jsonl"_s);
    const Run run = runWarroom(
        {u"--generate-findings"_s, u"25"_s, u"--format"_s, format, u"--output"_s, output});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    QFile file(output);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    const QList<QJsonObject> findings = readJsonLines(file.readAll(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(findings.size(), 25);
    for (const QJsonObject &finding : findings)
        QVERIFY2(finding.contains(requiredKey), qPrintable(requiredKey));
}

void TestCommandLine::writesWrappedFindings_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("requiredKey");
    QTest::newRow("guardduty") << u"guardduty"_s << u"AccountId"_s;
    QTest::newRow("asff") << u"asff"_s << u"AwsAccountId"_s;
}

void TestCommandLine::writesWrappedFindings()
{
    QFETCH(QString, format);
    QFETCH(QString, requiredKey);
    const QString output = m_dir.filePath(format % u".json"_s);
    const Run run = runWarroom(
        {u"--generate-findings"_s, u"12"_s, u"--format"_s, format, u"--output"_s, output});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    QFile file(output);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    QVERIFY2(document.isObject(), qPrintable(error.errorString()));
    const QJsonArray findings = document.object().value(u"Findings"_s).toArray();
    QCOMPARE(findings.size(), 12);
    for (const QJsonValue &finding : findings)
        QVERIFY2(finding.toObject().contains(requiredKey), qPrintable(requiredKey));
}

// The findings' identities and accounts depend on the seed only; their timestamps
// follow the clock, so those are left out of the comparison.
static QStringList identities(const QByteArray &json)
{
    QStringList result;
    const QJsonArray findings
        = QJsonDocument::fromJson(json).object().value(u"Findings"_s).toArray();
    for (const QJsonValue &finding : findings) {
        const QJsonObject object = finding.toObject();
        result.append(
            object.value(u"Id"_s).toString() % u'/' % object.value(u"AwsAccountId"_s).toString());
    }
    return result;
}

void TestCommandLine::sameSeedSameFindings()
{
    auto arguments = [](const QString &seed) {
        return QStringList {u"--generate-findings"_s, u"5"_s, u"--format"_s, u"asff"_s, u"--seed"_s,
            seed, u"--output"_s, u"-"_s};
    };
    const Run first = runWarroom(arguments(u"7"_s));
    const Run second = runWarroom(arguments(u"7"_s));
    const Run other = runWarroom(arguments(u"8"_s));
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    QVERIFY(first.out.startsWith("{\"Findings\":["));
    const QStringList firstIds = identities(first.out);
    QCOMPARE(firstIds.size(), 5);
    QVERIFY(!firstIds.first().startsWith(u'/'));
    QCOMPARE(identities(second.out), firstIds);
    QVERIFY(identities(other.out) != firstIds);
}

void TestCommandLine::badArgumentsFailWithAMessage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString output = m_dir.filePath(u"never-written.json"_s);
    QTest::newRow("unknown format") << QStringList {u"--generate-findings"_s, u"3"_s, u"--format"_s,
        u"xml"_s, u"--output"_s, output}
                                    << u"Unknown --format \"xml\""_s;
    QTest::newRow("no output") << QStringList {u"--generate-findings"_s, u"3"_s}
                               << u"needs --output"_s;
    QTest::newRow("unknown theme") << QStringList {u"--theme"_s, u"sepia"_s, u"--workspace"_s,
        m_dir.filePath(u"never-opened"_s)}
                                   << u"--theme must be system, light or dark"_s;
    QTest::newRow("negative count") << QStringList {u"--generate-findings"_s, u"-4"_s,
        u"--output"_s, output} << u"whole number of 0 or more"_s;
    QTest::newRow("count not a number") << QStringList {u"--generate-findings"_s, u"many"_s,
        u"--output"_s, output} << u"not \"many\""_s;
    QTest::newRow("unwritable output") << QStringList {u"--generate-findings"_s, u"3"_s,
        u"--output"_s, m_dir.filePath(u"no-such-folder/out.json"_s)}
                                       << u"Cannot write"_s;
    QTest::newRow("output without generate")
        << QStringList {u"--output"_s, output} << u"only go with --generate-findings"_s;
}

void TestCommandLine::badArgumentsFailWithAMessage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = runWarroom(arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(u"never-written.json"_s)));
}

// The milestones bench_startup reads: in order, with times that only grow, the demo
// board's cases counted, and the process quitting by itself after the watch.
void TestCommandLine::startupProbeReportsAndQuits()
{
    const QString home = m_dir.filePath(u"probe-home"_s);
    const Run run
        = runWarroom({u"--workspace"_s, m_dir.filePath(u"probe-workspace"_s), u"--demo"_s},
            {{u"WARROOM_STARTUP_PROBE"_s, u"1"_s}, {u"WARROOM_STARTUP_PROBE_WATCH_MS"_s, u"300"_s},
                {u"HOME"_s, home}, {u"XDG_CONFIG_HOME"_s, home + u"/.config"_s},
                {u"XDG_DATA_HOME"_s, home + u"/.local/share"_s}});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QMap<QString, QStringList> marks;
    QStringList order;
    qint64 previous = -1;
    for (const QByteArray &line : run.out.split('\n')) {
        if (!line.startsWith("startup-probe: "))
            continue;
        const QStringList words = QString::fromUtf8(line.mid(15)).split(u' ');
        QVERIFY2(words.size() >= 2, line.constData());
        const qint64 at = words.at(1).toLongLong();
        QVERIFY2(at >= previous, line.constData());
        previous = at;
        order.append(words.first());
        marks.insert(words.first(), words.mid(2));
    }
    const QStringList expected {u"workspace-open"_s, u"window-built"_s, u"shown"_s,
        u"interactive"_s, u"longest-stall"_s, u"quit"_s};
    for (const QString &what : expected)
        QVERIFY2(order.contains(what), qPrintable(order.join(u", "_s)));
    QCOMPARE(order.first(), u"workspace-open"_s);
    QCOMPARE(order.last(), u"quit"_s);
    QVERIFY(order.indexOf(u"shown"_s) < order.indexOf(u"interactive"_s));
    QVERIFY2(marks.contains(u"board-loaded"_s), qPrintable(order.join(u", "_s)));
    QVERIFY(marks.value(u"board-loaded"_s).value(0).toInt() > 0); // the demo cases
    QVERIFY(marks.value(u"longest-stall"_s).value(0).toLongLong() >= 0);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
