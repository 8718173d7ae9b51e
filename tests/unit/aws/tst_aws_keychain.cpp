// KeychainCredentialStore against a real Secret Service: the test starts its own D-Bus
// session bus (dbus-daemon) and gnome-keyring-daemon with a login keyring unlocked by a
// test password, all under a temporary HOME, and stops both at the end. Keys saved go to
// the keyring and nowhere else: no file under HOME holds the secret in clear.

#include "aws/CredentialChain.h"
#include "aws/KeychainCredentialStore.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom::aws;

namespace {

const QString Secret = u"kEyChAiNsEcReT/0123456789abcdefghijklmnopq"_s;

QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits << file.fileName();
    }
    return hits;
}

} // namespace

class TestKeychain final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QProcess m_bus;
    QProcess m_keyring;
    QString m_serviceName = u"Warroom keychain test %1"_s.arg(QCoreApplication::applicationPid());

    KeychainCredentialStore::Result run(
        const std::function<void(KeychainCredentialStore &, KeychainCredentialStore::Callback)>
            &call)
    {
        KeychainCredentialStore store(m_serviceName, nullptr);
        store.setTimeout(std::chrono::milliseconds(10000));
        std::optional<KeychainCredentialStore::Result> result;
        call(store, [&](const KeychainCredentialStore::Result &r) { result = r; });
        QElapsedTimer timer;
        timer.start();
        while (!result && timer.elapsed() < 15000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        return result.value_or(KeychainCredentialStore::Result {});
    }

    static void stop(QProcess &process)
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.terminate();
        if (!process.waitForFinished(5000)) {
            process.kill();
            process.waitForFinished();
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        const QString dbus = QStandardPaths::findExecutable(u"dbus-daemon"_s);
        const QString keyring = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
        QVERIFY2(!dbus.isEmpty() && !keyring.isEmpty(),
            "needs dbus-daemon and gnome-keyring-daemon (Debian: dbus gnome-keyring)");

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_home.path());
        env.insert(u"XDG_RUNTIME_DIR"_s, m_home.path());
        env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"share"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));

        // A session bus of our own; this process talks to it once the address is set
        // (QtDBus connects to the session bus on first use, which comes later).
        m_bus.setProcessEnvironment(env);
        m_bus.start(dbus, {u"--session"_s, u"--nofork"_s, u"--print-address=1"_s});
        QVERIFY(m_bus.waitForStarted(10000));
        QByteArray address;
        QElapsedTimer timer;
        timer.start();
        while (!address.contains('\n') && timer.elapsed() < 10000) {
            m_bus.waitForReadyRead(200);
            address += m_bus.readAllStandardOutput();
        }
        address = address.trimmed();
        QVERIFY2(address.startsWith("unix:"), address.constData());
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, QString::fromLatin1(address));

        // The Secret Service with a login keyring created and unlocked by this password.
        m_keyring.setProcessEnvironment(env);
        m_keyring.start(keyring, {u"--foreground"_s, u"--unlock"_s, u"--components=secrets"_s});
        QVERIFY(m_keyring.waitForStarted(10000));
        m_keyring.write("warroom-test-keyring-password");
        m_keyring.closeWriteChannel();

        // Ready once a lookup gets an answer from the service ("not found").
        KeychainCredentialStore::Result probe;
        timer.restart();
        do {
            probe = run([](auto &store, auto done) { store.load(u"probe"_s, done); });
        } while (probe.status == KeychainCredentialStore::Status::Unavailable
            && timer.elapsed() < 20000 && m_keyring.state() == QProcess::Running);
        QVERIFY2(probe.status == KeychainCredentialStore::Status::NotFound,
            qPrintable(probe.message() + u" / "_s
                + QString::fromLocal8Bit(m_keyring.readAllStandardError())));
    }

    void cleanupTestCase()
    {
        stop(m_keyring);
        stop(m_bus);
    }

    void saveLoadRemove()
    {
        Credentials keys;
        keys.accessKeyId = u"AKIAKEYCHAINTEST0001"_s;
        keys.secretAccessKey = Secret;
        keys.sessionToken = u"session-token-from-the-keychain"_s;
        const auto saved = run([&](auto &store, auto done) { store.save(u"work"_s, keys, done); });
        QVERIFY2(saved.isOk(), qPrintable(saved.message()));

        const auto loaded = run([](auto &store, auto done) { store.load(u"work"_s, done); });
        QVERIFY2(loaded.isOk(), qPrintable(loaded.message()));
        QVERIFY(loaded.credentials);
        QCOMPARE(loaded.credentials->accessKeyId, keys.accessKeyId);
        QCOMPARE(loaded.credentials->secretAccessKey, Secret);
        QCOMPARE(loaded.credentials->sessionToken, keys.sessionToken);

        // The keyring file is encrypted: the secret is in no file under HOME.
        const QStringList hits = filesContaining(m_home.path(), Secret.toUtf8());
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", "_s)));

        const auto other = run([](auto &store, auto done) { store.load(u"other"_s, done); });
        QVERIFY(other.status == KeychainCredentialStore::Status::NotFound);

        const auto removed = run([](auto &store, auto done) { store.remove(u"work"_s, done); });
        QVERIFY2(removed.isOk(), qPrintable(removed.message()));
        const auto gone = run([](auto &store, auto done) { store.load(u"work"_s, done); });
        QVERIFY(gone.status == KeychainCredentialStore::Status::NotFound);
    }

    void chainFallsBackToTheKeychain()
    {
        Credentials keys;
        keys.accessKeyId = u"AKIAKEYCHAINTEST0002"_s;
        keys.secretAccessKey = Secret;
        QVERIFY(run([&](auto &store, auto done) { store.save(u"console"_s, keys, done); }).isOk());

        // No environment keys, no AWS files: the chain finds the keychain entry.
        QProcessEnvironment empty;
        empty.insert(u"HOME"_s, m_home.path());
        empty.insert(u"AWS_CONFIG_FILE"_s, m_home.filePath(u"no-config"_s));
        empty.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_home.filePath(u"no-credentials"_s));
        const CredentialChain chain(empty);
        KeychainCredentialStore store(m_serviceName, nullptr);
        std::optional<CredentialResolution> resolution;
        chain.resolveWithKeychain(
            store, u"console"_s, [&](const CredentialResolution &result) { resolution = result; });
        QTRY_VERIFY_WITH_TIMEOUT(resolution.has_value(), 15000);
        QVERIFY2(resolution->isValid(), qPrintable(resolution->attempts.join(u"; "_s)));
        QCOMPARE(resolution->credentials->accessKeyId, keys.accessKeyId);
        QCOMPARE(resolution->credentials->secretAccessKey, Secret);
        // What the chain says about where the keys came from never shows the secret.
        QVERIFY(!resolution->attempts.join(u"\n"_s).contains(Secret));
        QString printed;
        QDebug(&printed) << *resolution->credentials;
        QVERIFY2(!printed.contains(Secret), qPrintable(printed));

        QVERIFY(run([](auto &store, auto done) { store.remove(u"console"_s, done); }).isOk());
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_aws_keychain.moc"
