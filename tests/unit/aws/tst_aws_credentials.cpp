// The credential chain and region resolution against a temporary HOME: environment
// variables, ~/.aws/credentials and ~/.aws/config profiles, credential_process scripts
// (success, failure, bad JSON, hang), and that no secret reaches a log, a QSettings
// file or anything else on disk.

#include "aws/AwsConfigFile.h"
#include "aws/CredentialChain.h"
#include "aws/CredentialProcess.h"
#include "aws/Credentials.h"
#include "aws/KeychainCredentialStore.h"

#include <QtCore/QDirIterator>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QMutex>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom::aws;

namespace {

const QString EnvSecret = u"envSECRETenvSECRETenvSECRETenvSECRET0001"_s;
const QString FileSecret = u"fileSECRETfileSECRETfileSECRETfileSECR02"_s;
const QString ConfigSecret = u"cfgSECRETcfgSECRETcfgSECRETcfgSECRETcf03"_s;
const QString ProcessSecret = u"procSECRETprocSECRETprocSECRETprocSECR04"_s;
const QString ProcessToken = u"procTOKENprocTOKENprocTOKEN"_s;

// Every message logged while a test runs, to prove that no secret is in any of them.
QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker locker(&g_logMutex);
        g_log.append(message);
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

bool writeFile(const QString &path, const QByteArray &contents, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(contents);
    file.close();
    if (executable)
        file.setPermissions(file.permissions() | QFileDevice::ExeOwner | QFileDevice::ReadOwner);
    return true;
}

// Every file under dir whose contents include needle.
QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits.append(file.fileName());
    }
    return hits;
}

} // namespace

class TestCredentials final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void environment();
    void environmentThroughQputenv();
    void partialEnvironmentIsAnError();
    void credentialsFileDefaultProfile();
    void configProfileSections();
    void plainSectionInConfigIsNotAProfile();
    void credentialsFileWinsOverConfig();
    void fileLocationOverrides();
    void explicitProfileSkipsEnvironment();
    void missingProfiles();
    void halfSetStaticKeys();
    void unsupportedProfileKinds();
    void configFileParsing();
    void availableProfiles();

    void credentialProcessSucceeds();
    void credentialProcessFails();
    void credentialProcessPrintsBadJson();
    void credentialProcessWrongVersion();
    void credentialProcessExpired();
    void credentialProcessHangs();
    void credentialProcessCannotStart();
    void splitCommandLine_data();
    void splitCommandLine();

    void region();
    void regionFromProfile();

    void redactedForms();
    void keychainReportsCleanly();
    void keychainInTheChain();
    void nothingWritesSecrets();

private:
    QProcessEnvironment makeEnv(const QStringList &variables = {}) const;
    QString home() const { return m_home->path(); }
    QString writeScript(const QString &name, const QByteArray &body) const;

    std::unique_ptr<QTemporaryDir> m_home;
};

void TestCredentials::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    g_previousHandler = qInstallMessageHandler(captureMessages);
    QLoggingCategory::setFilterRules(u"warroom.aws.debug=true"_s);
}

void TestCredentials::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
}

void TestCredentials::cleanup()
{
    // No message logged during the test may carry a secret.
    const QMutexLocker locker(&g_logMutex);
    for (const QString &message : std::as_const(g_log)) {
        for (const QString &secret :
            {EnvSecret, FileSecret, ConfigSecret, ProcessSecret, ProcessToken})
            QVERIFY2(!message.contains(secret), qPrintable(u"secret in log: "_s + message));
    }
    g_log.clear();
    m_home.reset();
}

void TestCredentials::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
}

QProcessEnvironment TestCredentials::makeEnv(const QStringList &variables) const
{
    QProcessEnvironment env;
    env.insert(u"HOME"_s, home());
    env.insert(u"PATH"_s, qEnvironmentVariable("PATH", u"/usr/bin:/bin"_s));
    for (const QString &variable : variables) {
        const qsizetype eq = variable.indexOf(u'=');
        env.insert(variable.left(eq), variable.mid(eq + 1));
    }
    return env;
}

QString TestCredentials::writeScript(const QString &name, const QByteArray &body) const
{
    const QString path = home() + u"/bin/"_s + name;
    writeFile(path, "#!/bin/sh\n" + body, true);
    return path;
}

void TestCredentials::environment()
{
    const CredentialChain chain(makeEnv({u"AWS_ACCESS_KEY_ID=AKIAENV"_s,
        u"AWS_SECRET_ACCESS_KEY="_s + EnvSecret, u"AWS_SESSION_TOKEN=tok"_s}));
    const CredentialResolution result = chain.resolve();
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.credentials->accessKeyId, u"AKIAENV"_s);
    QCOMPARE(result.credentials->secretAccessKey, EnvSecret);
    QCOMPARE(result.credentials->sessionToken, u"tok"_s);
    QCOMPARE(result.credentials->source, u"environment"_s);
}

void TestCredentials::environmentThroughQputenv()
{
    const QByteArray savedHome = qgetenv("HOME");
    qputenv("HOME", home().toUtf8());
    qputenv("AWS_ACCESS_KEY_ID", "AKIAPUTENV");
    qputenv("AWS_SECRET_ACCESS_KEY", EnvSecret.toUtf8());
    qunsetenv("AWS_SESSION_TOKEN");
    qunsetenv("AWS_PROFILE");
    qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
    qunsetenv("AWS_CONFIG_FILE");
    const CredentialResolution result = CredentialChain().resolve();
    qunsetenv("AWS_ACCESS_KEY_ID");
    qunsetenv("AWS_SECRET_ACCESS_KEY");
    qputenv("HOME", savedHome);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.credentials->accessKeyId, u"AKIAPUTENV"_s);
    QVERIFY(!result.credentials->isTemporary());
}

void TestCredentials::partialEnvironmentIsAnError()
{
    writeFile(home() + u"/.aws/credentials"_s,
        "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = " + FileSecret.toUtf8()
            + '\n');
    const CredentialResolution result
        = CredentialChain(makeEnv({u"AWS_ACCESS_KEY_ID=AKIAENV"_s})).resolve();
    QVERIFY(!result.isValid()); // the chain stops: half-set variables are a mistake to report
    QCOMPARE(result.error, u"AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"_s);
}

void TestCredentials::credentialsFileDefaultProfile()
{
    writeFile(home() + u"/.aws/credentials"_s,
        "# comment\n[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = "
            + FileSecret.toUtf8() + "\naws_session_token = ftok\n\n[other]\naws_access_key_id=X\n");
    const CredentialResolution result = CredentialChain(makeEnv()).resolve();
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.credentials->accessKeyId, u"AKIAFILE"_s);
    QCOMPARE(result.credentials->secretAccessKey, FileSecret);
    QCOMPARE(result.credentials->sessionToken, u"ftok"_s);
    QCOMPARE(result.credentials->source, u"profile default in ~/.aws/credentials"_s);
    QVERIFY(result.attempts.first().startsWith(u"environment: "_s));
}

void TestCredentials::configProfileSections()
{
    writeFile(home() + u"/.aws/config"_s,
        "[default]\nregion = us-east-1\n\n[profile dev]\naws_access_key_id = AKIACFG\n"
        "aws_secret_access_key = "
            + ConfigSecret.toUtf8() + "\nregion = eu-west-1\n");
    const CredentialResolution result = CredentialChain(makeEnv({u"AWS_PROFILE=dev"_s})).resolve();
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.credentials->accessKeyId, u"AKIACFG"_s);
    QCOMPARE(result.credentials->source, u"profile dev in ~/.aws/config"_s);
}

void TestCredentials::plainSectionInConfigIsNotAProfile()
{
    // In the config file only [default] and [profile x] are profiles.
    writeFile(home() + u"/.aws/config"_s,
        "[dev]\naws_access_key_id = AKIACFG\naws_secret_access_key = " + ConfigSecret.toUtf8()
            + '\n');
    const CredentialResolution result = CredentialChain(makeEnv({u"AWS_PROFILE=dev"_s})).resolve();
    QVERIFY(!result.isValid());
    QCOMPARE(result.error, u"profile dev is in neither ~/.aws/credentials nor ~/.aws/config"_s);
}

void TestCredentials::credentialsFileWinsOverConfig()
{
    writeFile(home() + u"/.aws/credentials"_s,
        "[dev]\naws_access_key_id = AKIAFILE\naws_secret_access_key = " + FileSecret.toUtf8()
            + '\n');
    writeFile(home() + u"/.aws/config"_s,
        "[profile dev]\naws_access_key_id = AKIACFG\naws_secret_access_key = "
            + ConfigSecret.toUtf8() + "\n");
    const CredentialResolution result = CredentialChain(makeEnv()).resolve(u"dev"_s);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.credentials->accessKeyId, u"AKIAFILE"_s);
}

void TestCredentials::fileLocationOverrides()
{
    writeFile(home() + u"/elsewhere/creds"_s,
        "[default]\naws_access_key_id = AKIAOVR\naws_secret_access_key = " + FileSecret.toUtf8()
            + '\n');
    writeFile(home() + u"/.aws/credentials"_s,
        "[default]\naws_access_key_id = AKIADEFAULTPATH\naws_secret_access_key = x\n");
    const CredentialChain chain(makeEnv({u"AWS_SHARED_CREDENTIALS_FILE=~/elsewhere/creds"_s,
        u"AWS_CONFIG_FILE=/nonexistent/config"_s}));
    QCOMPARE(chain.credentialsFilePath(), home() + u"/elsewhere/creds"_s);
    QCOMPARE(chain.configFilePath(), u"/nonexistent/config"_s);
    const CredentialResolution result = chain.resolve();
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.credentials->accessKeyId, u"AKIAOVR"_s);
    QCOMPARE(result.credentials->source, u"profile default in ~/elsewhere/creds"_s);
}

void TestCredentials::explicitProfileSkipsEnvironment()
{
    writeFile(home() + u"/.aws/credentials"_s,
        "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = " + FileSecret.toUtf8()
            + '\n');
    const CredentialChain chain(makeEnv({u"AWS_ACCESS_KEY_ID=AKIAENV"_s,
        u"AWS_SECRET_ACCESS_KEY="_s + EnvSecret, u"AWS_PROFILE=nope"_s}));
    QCOMPARE(chain.resolve().credentials->accessKeyId, u"AKIAENV"_s); // AWS_PROFILE does not
    const CredentialResolution result = chain.resolve(u"ops"_s); // --profile does
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.credentials->accessKeyId, u"AKIAOPS"_s);
    QVERIFY(result.attempts.first().contains(u"skipped"_s));
}

void TestCredentials::missingProfiles()
{
    // No files, no variables: nothing found, and that is not an error.
    CredentialResolution result = CredentialChain(makeEnv()).resolve();
    QVERIFY(!result.isValid());
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.attempts.size(), 2);
    // A profile someone asked for must exist.
    result = CredentialChain(makeEnv({u"AWS_PROFILE=prod"_s})).resolve();
    QVERIFY(result.error.contains(u"profile prod is in neither"_s));
    result = CredentialChain(makeEnv()).resolve(u"prod"_s);
    QVERIFY(result.error.contains(u"profile prod"_s));
}

void TestCredentials::halfSetStaticKeys()
{
    writeFile(home() + u"/.aws/credentials"_s, "[default]\naws_access_key_id = AKIAHALF\n");
    const CredentialResolution result = CredentialChain(makeEnv()).resolve();
    QVERIFY(!result.isValid());
    QCOMPARE(result.error,
        u"profile default in ~/.aws/credentials has aws_access_key_id but no aws_secret_access_key"_s);
}

void TestCredentials::unsupportedProfileKinds()
{
    writeFile(home() + u"/.aws/config"_s,
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = "
        "default\n"
        "[profile sso]\nsso_session = corp\n");
    const CredentialChain chain(makeEnv());
    CredentialResolution result = chain.resolve(u"admin"_s);
    QVERIFY(!result.isValid());
    QCOMPARE(result.error,
        u"profile admin in ~/.aws/config uses role_arn, which Warroom cannot resolve itself; set "
        "credential_process = aws configure export-credentials --profile admin --format process"_s);
    result = chain.resolve(u"sso"_s);
    QVERIFY(result.error.contains(u"uses sso_session"_s));
}

void TestCredentials::configFileParsing()
{
    const AwsConfigFile file = AwsConfigFile::parse("; leading comment\n"
                                                    "[profile  spaced ]\n"
                                                    "Region: ap-southeast-2\n"
                                                    "s3 =\n"
                                                    "  max_concurrent_requests = 10\n"
                                                    "[sso-session corp]\n"
                                                    "sso_region = us-east-1\n"
                                                    "[default]\r\n"
                                                    "output = json\r\n"
                                                    "not a key value line\n",
        AwsConfigFile::Kind::Config, u"cfg"_s);
    QCOMPARE(file.profiles(), QStringList({u"spaced"_s, u"default"_s}));
    QCOMPARE(file.profile(u"spaced"_s).value(u"region"_s), u"ap-southeast-2"_s);
    QCOMPARE(file.profile(u"spaced"_s).value(u"s3"_s), u"\nmax_concurrent_requests = 10"_s);
    QCOMPARE(file.profile(u"default"_s).value(u"output"_s), u"json"_s);
    QVERIFY(!file.hasProfile(u"corp"_s));
    QCOMPARE(file.error(), u"cfg line 10: expected key = value"_s);

    const AwsConfigFile credentials
        = AwsConfigFile::parse("[profile x]\nk=v\n", AwsConfigFile::Kind::Credentials);
    QCOMPARE(credentials.profiles(), QStringList({u"profile x"_s})); // no prefix in this file
}

void TestCredentials::availableProfiles()
{
    writeFile(home() + u"/.aws/credentials"_s, "[default]\n[b]\n");
    writeFile(home() + u"/.aws/config"_s, "[default]\n[profile a]\n[profile b]\n");
    QCOMPARE(CredentialChain(makeEnv()).availableProfiles(),
        QStringList({u"default"_s, u"b"_s, u"a"_s}));
}

void TestCredentials::credentialProcessSucceeds()
{
    const QString expiration = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
    const QString script = writeScript(u"creds ok.sh"_s,
        "echo \"called with $1 $2\" >&2\n"
        "cat <<EOF\n{\"Version\": 1, \"AccessKeyId\": \"AKIAPROC\", \"SecretAccessKey\": \""
            + ProcessSecret.toUtf8() + "\", \"SessionToken\": \"" + ProcessToken.toUtf8()
            + "\", \"Expiration\": \"" + expiration.toUtf8() + "\"}\nEOF\n");
    writeFile(home() + u"/.aws/config"_s,
        "[profile proc]\ncredential_process = \"" + script.toUtf8() + "\" --role 'read only'\n");
    const CredentialResolution result = CredentialChain(makeEnv()).resolve(u"proc"_s);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.credentials->accessKeyId, u"AKIAPROC"_s);
    QCOMPARE(result.credentials->secretAccessKey, ProcessSecret);
    QCOMPARE(result.credentials->sessionToken, ProcessToken);
    QCOMPARE(result.credentials->expiration.toString(Qt::ISODate), expiration);
    QCOMPARE(result.credentials->source, u"credential_process of profile proc in ~/.aws/config"_s);
}

void TestCredentials::credentialProcessFails()
{
    const QString script
        = writeScript(u"fail.sh"_s, "echo 'boom: SSO session expired' >&2\nexit 3\n");
    writeFile(home() + u"/.aws/credentials"_s,
        "[default]\ncredential_process = " + script.toUtf8() + '\n');
    const CredentialResolution result = CredentialChain(makeEnv()).resolve();
    QVERIFY(!result.isValid());
    QVERIFY2(
        result.error.startsWith(u"credential_process of profile default in ~/.aws/credentials: "_s),
        qPrintable(result.error));
    QVERIFY2(result.error.contains(u"exited with code 3"_s), qPrintable(result.error));
    QVERIFY2(
        result.error.contains(u"stderr: boom: SSO session expired"_s), qPrintable(result.error));
}

void TestCredentials::credentialProcessPrintsBadJson()
{
    const QString script = writeScript(u"bad.sh"_s,
        "printf '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROC\", \"SecretAccessKey\": \""
            + ProcessSecret.toUtf8() + "\"'\n");
    writeFile(home() + u"/.aws/credentials"_s,
        "[default]\ncredential_process = " + script.toUtf8() + '\n');
    const CredentialResolution result = CredentialChain(makeEnv()).resolve();
    QVERIFY(!result.isValid());
    QVERIFY2(result.error.contains(u"invalid JSON"_s), qPrintable(result.error));
    QVERIFY2(!result.error.contains(ProcessSecret), "the error quotes the process output");
    for (const QString &attempt : result.attempts)
        QVERIFY(!attempt.contains(ProcessSecret));
}

void TestCredentials::credentialProcessWrongVersion()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    CredentialProcess::Result result = CredentialProcess::parseOutput(
        R"({"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "S"})", now);
    QCOMPARE(
        result.error, u"credential_process output has Version 2; only Version 1 is supported"_s);
    result = CredentialProcess::parseOutput(R"({"AccessKeyId": "A", "SecretAccessKey": "S"})", now);
    QCOMPARE(result.error, u"credential_process output has no Version (expected 1)"_s);
    result = CredentialProcess::parseOutput(R"({"Version": 1, "AccessKeyId": "A"})", now);
    QCOMPARE(result.error, u"credential_process output has no SecretAccessKey"_s);
    result = CredentialProcess::parseOutput(R"([1])", now);
    QCOMPARE(result.error, u"credential_process printed JSON that is not an object"_s);
    result = CredentialProcess::parseOutput(
        R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", "Expiration": "soon"})", now);
    QVERIFY(result.error.contains(u"not an ISO 8601 time"_s));
    result = CredentialProcess::parseOutput(
        R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", "Expiration": "2030-01-02T03:04:05.123Z"})",
        now);
    QVERIFY2(result.credentials, qPrintable(result.error));
    QCOMPARE(
        result.credentials->expiration, QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5, 123), Qt::UTC));
}

void TestCredentials::credentialProcessExpired()
{
    const QString script = writeScript(u"old.sh"_s,
        "echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\", "
        "\"Expiration\": \"2001-01-01T00:00:00Z\"}'\n");
    writeFile(home() + u"/.aws/credentials"_s,
        "[default]\ncredential_process = " + script.toUtf8() + '\n');
    const CredentialResolution result = CredentialChain(makeEnv()).resolve();
    QVERIFY2(result.error.contains(u"expired at 2001-01-01T00:00:00Z"_s), qPrintable(result.error));
}

void TestCredentials::credentialProcessHangs()
{
    const QString script = writeScript(u"hang.sh"_s, "echo 'waiting for MFA' >&2\nexec sleep 30\n");
    writeFile(home() + u"/.aws/credentials"_s,
        "[default]\ncredential_process = " + script.toUtf8() + '\n');
    CredentialChain chain(makeEnv());
    chain.setCredentialProcessTimeout(std::chrono::milliseconds(400));
    QElapsedTimer clock;
    clock.start();
    const CredentialResolution result = chain.resolve();
    QVERIFY(clock.elapsed() < 5000);
    QVERIFY(!result.isValid());
    QVERIFY2(result.error.contains(u"did not finish within 400 ms and was killed"_s),
        qPrintable(result.error));
    QVERIFY2(result.error.contains(u"waiting for MFA"_s), qPrintable(result.error));
}

void TestCredentials::credentialProcessCannotStart()
{
    writeFile(home() + u"/.aws/credentials"_s,
        "[default]\ncredential_process = /nonexistent/helper --x\n");
    const CredentialResolution result = CredentialChain(makeEnv()).resolve();
    QVERIFY2(
        result.error.contains(u"could not start /nonexistent/helper"_s), qPrintable(result.error));

    writeFile(home() + u"/.aws/credentials"_s, "[default]\ncredential_process = 'unbalanced\n");
    QVERIFY(CredentialChain(makeEnv()).resolve().error.contains(u"unbalanced quote"_s));
}

void TestCredentials::splitCommandLine_data()
{
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("plain") << u"aws-vault export --format=json dev"_s
                           << QStringList {
                                  u"aws-vault"_s, u"export"_s, u"--format=json"_s, u"dev"_s};
    QTest::newRow("quotes") << u"\"/opt/my tools/helper\" 'a b' \"c \\\"d\\\"\""_s
                            << QStringList {u"/opt/my tools/helper"_s, u"a b"_s, u"c \"d\""_s};
    QTest::newRow("backslash") << u"helper a\\ b ''"_s
                               << QStringList {u"helper"_s, u"a b"_s, QString()};
    QTest::newRow("extra spaces") << u"  helper \t x  "_s << QStringList {u"helper"_s, u"x"_s};
}

void TestCredentials::splitCommandLine()
{
    QFETCH(QString, commandLine);
    QFETCH(QStringList, words);
    QString error;
    const std::optional<QStringList> split
        = CredentialProcess::splitCommandLine(commandLine, &error);
    QVERIFY2(split, qPrintable(error));
    QCOMPARE(*split, words);
}

void TestCredentials::region()
{
    writeFile(home() + u"/.aws/config"_s, "[default]\nregion = eu-central-1\n");
    RegionResolution region
        = CredentialChain(makeEnv({u"AWS_REGION=us-west-2"_s, u"AWS_DEFAULT_REGION=ap-south-1"_s}))
              .resolveRegion();
    QCOMPARE(region.region, u"us-west-2"_s);
    QCOMPARE(region.source, u"environment variable AWS_REGION"_s);
    region = CredentialChain(makeEnv({u"AWS_DEFAULT_REGION=ap-south-1"_s})).resolveRegion();
    QCOMPARE(region.region, u"ap-south-1"_s);
    QCOMPARE(region.source, u"environment variable AWS_DEFAULT_REGION"_s);
    region = CredentialChain(makeEnv()).resolveRegion();
    QCOMPARE(region.region, u"eu-central-1"_s);
    QCOMPARE(region.source, u"profile default in ~/.aws/config"_s);
    region = CredentialChain(makeEnv({u"AWS_REGION=Not A Region"_s})).resolveRegion();
    QVERIFY(region.error.contains(u"not a region name"_s));
}

void TestCredentials::regionFromProfile()
{
    writeFile(home() + u"/.aws/config"_s,
        "[profile dev]\nregion = eu-west-1\n[profile gov]\nregion = us-gov-west-1\n");
    writeFile(home() + u"/.aws/credentials"_s, "[gov]\nregion = us-gov-east-1\n");
    const CredentialChain chain(makeEnv({u"AWS_PROFILE=dev"_s}));
    QCOMPARE(chain.resolveRegion().region, u"eu-west-1"_s);
    const RegionResolution gov = chain.resolveRegion(u"gov"_s);
    QCOMPARE(gov.region, u"us-gov-east-1"_s); // the credentials file wins
    QCOMPARE(gov.source, u"profile gov in ~/.aws/credentials"_s);
    QVERIFY(gov.error.isEmpty());
    QVERIFY(CredentialChain(makeEnv()).resolveRegion().region.isEmpty());
}

void TestCredentials::redactedForms()
{
    Credentials credentials;
    credentials.accessKeyId = u"AKIAIOSFODNN7EXAMPLE"_s;
    credentials.secretAccessKey = FileSecret;
    credentials.sessionToken = ProcessToken;
    credentials.source = u"environment"_s;
    const QString redacted = credentials.redacted();
    QVERIFY(!redacted.contains(FileSecret));
    QVERIFY(!redacted.contains(ProcessToken));
    QVERIFY(redacted.contains(u"AKIAIOSFODNN7EXAMPLE"_s));
    QVERIFY(redacted.contains(u"****(40 chars)"_s));
    QVERIFY(redacted.endsWith(u"from environment"_s));

    QString printed;
    QDebug(&printed) << credentials;
    QVERIFY(printed.startsWith(u"Credentials("_s));
    QVERIFY(!printed.contains(FileSecret));
    QVERIFY(!printed.contains(ProcessToken));
    QCOMPARE(Credentials::maskAccessKeyId(u"AKIAIOSFODNN7EXAMPLE"_s), u"AKIA************MPLE"_s);
}

void TestCredentials::keychainReportsCleanly()
{
    // A D-Bus secret service is usually absent here; whatever the machine has, the store
    // must answer once, quickly, with a status the UI can show.
    KeychainCredentialStore store(
        u"Warroom test %1"_s.arg(QCoreApplication::applicationPid()), nullptr);
    store.setTimeout(std::chrono::milliseconds(5000));
    int calls = 0;
    KeychainCredentialStore::Result loaded;
    store.load(u"no-such-entry"_s, [&](const KeychainCredentialStore::Result &result) {
        ++calls;
        loaded = result;
    });
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 10000);
    QVERIFY2(loaded.status == KeychainCredentialStore::Status::Unavailable
            || loaded.status == KeychainCredentialStore::Status::NotFound,
        qPrintable(loaded.message()));
    QVERIFY(!loaded.credentials);
    if (loaded.status == KeychainCredentialStore::Status::Unavailable)
        QVERIFY(loaded.message().startsWith(u"keychain unavailable"_s));
    qInfo("keychain on this machine: %s", qPrintable(loaded.message()));
    QTest::qWait(50);
    QCOMPARE(calls, 1);
}

void TestCredentials::keychainInTheChain()
{
    KeychainCredentialStore store(
        u"Warroom test %1"_s.arg(QCoreApplication::applicationPid()), nullptr);
    store.setTimeout(std::chrono::milliseconds(5000));
    const CredentialChain chain(makeEnv());
    std::optional<CredentialResolution> resolution;
    chain.resolveWithKeychain(store, u"no-such-entry"_s,
        [&](const CredentialResolution &result) { resolution = result; });
    QVERIFY(!resolution); // always asynchronous
    QTRY_VERIFY_WITH_TIMEOUT(resolution.has_value(), 10000);
    QVERIFY(!resolution->isValid());
    QVERIFY(resolution->attempts.last().startsWith(u"keychain: "_s));

    // Keys from the chain win; the keychain is not asked.
    const CredentialChain withEnv(
        makeEnv({u"AWS_ACCESS_KEY_ID=AKIAENV"_s, u"AWS_SECRET_ACCESS_KEY="_s + EnvSecret}));
    resolution.reset();
    withEnv.resolveWithKeychain(store, u"no-such-entry"_s,
        [&](const CredentialResolution &result) { resolution = result; });
    QTRY_VERIFY_WITH_TIMEOUT(resolution.has_value(), 10000);
    QCOMPARE(resolution->credentials->accessKeyId, u"AKIAENV"_s);
}

void TestCredentials::nothingWritesSecrets()
{
    // Resolve from every source, try to save to the keychain, print the credentials:
    // afterwards no file under the temporary HOME or the test-mode settings/data
    // locations holds a secret, except the files the test wrote itself.
    QTemporaryDir xdg;
    QVERIFY(xdg.isValid());
    const QByteArray savedXdg = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", xdg.path().toUtf8());

    const QString script = writeScript(u"ok.sh"_s,
        "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROC\", \"SecretAccessKey\": \""
            + ProcessSecret.toUtf8() + "\"}'\n");
    writeFile(home() + u"/.aws/config"_s,
        "[profile proc]\ncredential_process = " + script.toUtf8() + '\n');
    const CredentialChain chain(
        makeEnv({u"AWS_ACCESS_KEY_ID=AKIAENV"_s, u"AWS_SECRET_ACCESS_KEY="_s + EnvSecret}));
    const CredentialResolution fromEnv = chain.resolve();
    const CredentialResolution fromProcess = chain.resolve(u"proc"_s);
    QVERIFY(fromEnv.isValid() && fromProcess.isValid());
    qInfo() << "resolved" << *fromEnv.credentials << *fromProcess.credentials;

    KeychainCredentialStore store(
        u"Warroom test %1"_s.arg(QCoreApplication::applicationPid()), nullptr);
    store.setTimeout(std::chrono::milliseconds(5000));
    std::optional<KeychainCredentialStore::Result> saved;
    store.save(u"nothing-written-test"_s, *fromProcess.credentials,
        [&](const KeychainCredentialStore::Result &result) { saved = result; });
    QTRY_VERIFY_WITH_TIMEOUT(saved.has_value(), 10000);
    if (saved->isOk()) { // a real keychain took it: clean up
        std::optional<KeychainCredentialStore::Result> removed;
        store.remove(u"nothing-written-test"_s,
            [&](const KeychainCredentialStore::Result &result) { removed = result; });
        QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 10000);
    }

    for (const QString &dir : {home(), xdg.path(),
             QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)}) {
        for (const QString &secret : {EnvSecret, ProcessSecret}) {
            QStringList hits = filesContaining(dir, secret.toUtf8());
            hits.removeAll(script); // the script the test wrote prints the secret
            QVERIFY2(hits.isEmpty(), qPrintable(u"secret written to "_s + hits.join(u", "_s)));
        }
    }
    QSettings settings; // the application's settings hold no key either
    for (const QString &key : settings.allKeys())
        QVERIFY(!settings.value(key).toString().contains(ProcessSecret));
    qputenv("XDG_CONFIG_HOME", savedXdg);
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_aws_credentials.moc"
