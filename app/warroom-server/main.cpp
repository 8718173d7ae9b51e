// warroom-server: the self-hosted security-ir case server, and its admin subcommands.
#include "AccessLog.h"
#include "KeyStore.h"
#include "WarroomServer.h"

#include "caseservice/CaseService.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRegularExpression>
#include <QtCore/QSocketNotifier>
#include <QtCore/QStandardPaths>
#include <QtCore/QUuid>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>
#include <QtNetwork/QTcpServer>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace warroom;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "warroom-server: %s\n", qUtf8Printable(message));
    return 2;
}

void printOut(const QString &text)
{
    std::fputs(qUtf8Printable(text), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QString defaultDatabase()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return u"sqlite:"_s % dir % u"/warroom-server.sqlite"_s;
}

// The organisation's accounts live beside a SQLite database: <file>.organization.json.
QString organizationFileFor(const QString &databaseUrl)
{
    QString path = databaseUrl;
    if (path.startsWith(u"sqlite:"_s))
        path = path.mid(7);
    if (path.contains(u"://"_s))
        return {};
    return path % u".organization.json"_s;
}

// The organisation the server stands for: its accounts with the OU each sits in, and
// which OU is nested in which.
struct OrganizationFile
{
    QList<caseservice::OrganizationAccount> accounts;
    QHash<QString, QString> unitParents; // OU -> the OU above it
};

// JSON: a list (or {"accounts": [...]}) of {accountId, organizationalUnitId} and, for a
// nested OU, {organizationalUnitId, parentId} without accountId. Text: one
// "123456789012 ou-abcd-12345678" per line, or "ou-abcd-child ou-abcd-parent".
std::optional<OrganizationFile> readAccounts(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path % u": "_s % file.errorString();
        return std::nullopt;
    }
    const QByteArray text = file.readAll();
    static const QRegularExpression accountPattern(u"^\\d{12}$"_s);
    static const QRegularExpression ouPattern(u"^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$"_s);
    OrganizationFile organization;
    auto add = [&](const QString &account, const QString &ou, const QString &where) {
        if (!ou.isEmpty() && !ouPattern.match(ou).hasMatch()) {
            *error = path % u": "_s % where % u": OU ID must look like ou-abcd-12345678"_s;
            return false;
        }
        if (account.startsWith(u"ou-"_s)) { // a nested OU: child, parent
            if (!ouPattern.match(account).hasMatch() || ou.isEmpty()) {
                *error = path % u": "_s % where
                    % u": a nested OU needs its ID and its parent OU's ID"_s;
                return false;
            }
            organization.unitParents.insert(account, ou);
            return true;
        }
        if (!accountPattern.match(account).hasMatch()) {
            *error = path % u": "_s % where % u": account ID must be 12 digits"_s;
            return false;
        }
        organization.accounts.append({account, ou});
        return true;
    };
    if (text.trimmed().startsWith('[') || text.trimmed().startsWith('{')) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *error = path % u": not valid JSON: "_s % parseError.errorString();
            return std::nullopt;
        }
        const QJsonArray array = document.isArray()
            ? document.array()
            : document.object().value(u"accounts"_s).toArray();
        int index = 0;
        for (const QJsonValue &value : array) {
            const QJsonObject o = value.toObject();
            const QString where = u"accounts["_s % QString::number(index++) % u']';
            const bool nested = !o.contains(u"accountId"_s) && o.contains(u"parentId"_s);
            if (!(nested ? add(o.value(u"organizationalUnitId"_s).toString(),
                      o.value(u"parentId"_s).toString(), where)
                         : add(o.value(u"accountId"_s).toString(),
                             o.value(u"organizationalUnitId"_s).toString(), where)))
                return std::nullopt;
        }
        return organization;
    }
    int lineNumber = 0;
    for (const QByteArray &raw : text.split('\n')) {
        ++lineNumber;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList parts = line.split(QRegularExpression(u"[\\s,]+"_s), Qt::SkipEmptyParts);
        if (!add(parts.value(0), parts.value(1), u"line "_s % QString::number(lineNumber)))
            return std::nullopt;
    }
    return organization;
}

int keysCreate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Adds a new access key to the key file and prints it."_s);
    parser.addOptions({{u"keys"_s, u"Key file (created with mode 0600)."_s, u"FILE"_s},
        {u"role"_s, u"full, case-full or read-only."_s, u"ROLE"_s},
        {u"principal"_s, u"Principal ARN (arn:aws:iam::123456789012:user/alice)."_s, u"ARN"_s}});
    parser.addHelpOption();
    parser.process(args);
    const auto role = server::KeyStore::roleFromString(parser.value(u"role"_s));
    if (parser.value(u"keys"_s).isEmpty())
        return fail(u"keys create needs --keys FILE"_s);
    if (!role)
        return fail(u"--role must be full, case-full or read-only"_s);
    if (!parser.value(u"principal"_s).startsWith(u"arn:"_s))
        return fail(u"--principal must be an ARN such as arn:aws:iam::123456789012:user/alice"_s);
    ::umask(077);
    const server::ServerKey key = server::KeyStore::generate(parser.value(u"principal"_s), *role);
    QString error;
    if (!server::KeyStore::append(parser.value(u"keys"_s), key, &error))
        return fail(error);
    printOut(QString::fromUtf8(QJsonDocument(
        QJsonObject {{u"accessKeyId"_s, key.accessKeyId},
            {u"secretAccessKey"_s, key.secretAccessKey}, {u"principal"_s, key.principalArn},
            {u"role"_s, server::KeyStore::roleToString(key.role)}})
                                   .toJson(QJsonDocument::Compact)));
    return 0;
}

std::unique_ptr<caseservice::CaseService> openService(const QString &databaseUrl,
    caseservice::ServiceConfig config, const QString &organizationFile, QString *error)
{
    if (!organizationFile.isEmpty() && QFileInfo::exists(organizationFile)) {
        const auto organization = readAccounts(organizationFile, error);
        if (!organization)
            return nullptr;
        config.organizationAccounts = organization->accounts;
        config.organizationalUnitParents = organization->unitParents;
    }
    return caseservice::CaseService::open(config, databaseUrl, error);
}

int investigationsAdd(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Stores an investigation result on a case."_s);
    parser.addOptions(
        {{u"database"_s, u"Database URL (sqlite:PATH)."_s, u"URL"_s, defaultDatabase()},
            {u"case"_s, u"Case ID."_s, u"ID"_s}, {u"title"_s, u"Title (1-200)."_s, u"TEXT"_s},
            {u"content"_s, u"Markdown content (1-5000)."_s, u"TEXT"_s},
            {u"id"_s, u"Investigation ID (default: a new inv-... ID)."_s, u"ID"_s},
            {u"action-type"_s, u"Evidence, Investigation or Summarization."_s, u"TYPE"_s,
                u"Investigation"_s},
            {u"status"_s, u"Pending, InProgress, Waiting, Completed, Failed or Cancelled."_s,
                u"STATUS"_s, u"Completed"_s}});
    parser.addHelpOption();
    parser.process(args);
    if (parser.value(u"case"_s).isEmpty() || parser.value(u"title"_s).isEmpty()
        || parser.value(u"content"_s).isEmpty())
        return fail(u"investigations add needs --case, --title and --content"_s);
    domain::Investigation investigation;
    investigation.caseId = parser.value(u"case"_s);
    investigation.investigationId = parser.value(u"id"_s);
    if (investigation.investigationId.isEmpty()) {
        const QString hex = QUuid::createUuid().toString(QUuid::Id128).toLower();
        investigation.investigationId = u"inv-"_s % hex.left(20);
    }
    investigation.title = parser.value(u"title"_s);
    investigation.content = parser.value(u"content"_s);
    investigation.actionType
        = domain::fromString<domain::ActionType>(parser.value(u"action-type"_s));
    investigation.status = domain::fromString<domain::ExecutionStatus>(parser.value(u"status"_s));
    if (!investigation.actionType)
        return fail(u"--action-type must be Evidence, Investigation or Summarization"_s);
    if (!investigation.status)
        return fail(
            u"--status must be Pending, InProgress, Waiting, Completed, Failed or Cancelled"_s);
    investigation.lastUpdated = QDateTime::currentDateTimeUtc();
    QString error;
    const QString database = parser.value(u"database"_s);
    auto service = openService(database, {}, organizationFileFor(database), &error);
    if (!service)
        return fail(error);
    if (!service->addInvestigation(investigation.caseId, investigation, &error))
        return fail(error);
    printOut(investigation.investigationId);
    return 0;
}

int organizationSet(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Sets the organisation's accounts (one '123456789012 ou-abcd-12345678' per line, and "
        "'ou-abcd-child ou-abcd-parent' for a nested OU; or a JSON list of {accountId, "
        "organizationalUnitId} and {organizationalUnitId, parentId}); the server reads them "
        "at start."_s);
    parser.addOptions(
        {{u"database"_s, u"Database URL (sqlite:PATH)."_s, u"URL"_s, defaultDatabase()},
            {u"accounts"_s, u"Accounts file."_s, u"FILE"_s}});
    parser.addHelpOption();
    parser.process(args);
    QString error;
    const auto organization = readAccounts(parser.value(u"accounts"_s), &error);
    if (!organization)
        return fail(error);
    const QString target = organizationFileFor(parser.value(u"database"_s));
    if (target.isEmpty())
        return fail(u"organization set supports sqlite: databases only"_s);
    QJsonArray array;
    for (const auto &account : organization->accounts)
        array.append(QJsonObject {{u"accountId"_s, account.accountId},
            {u"organizationalUnitId"_s, account.organizationalUnitId}});
    for (auto it = organization->unitParents.constBegin();
         it != organization->unitParents.constEnd(); ++it)
        array.append(
            QJsonObject {{u"organizationalUnitId"_s, it.key()}, {u"parentId"_s, it.value()}});
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(target % u": "_s % out.errorString());
    out.write(QJsonDocument(array).toJson());
    printOut(u"%1 accounts written to %2 (restart the server to use them)"_s
                 .arg(organization->accounts.size())
                 .arg(target));
    return 0;
}

int serve(QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Self-hosted AWS Security Incident Response (security-ir) API server.\n"
        "Admin: warroom-server keys create | investigations add | organization set (--help)."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"listen"_s, u"Address and port (port 0: any free port)."_s, u"HOST:PORT"_s,
            u"127.0.0.1:8443"_s},
        {u"database"_s, u"Database URL, sqlite:PATH."_s, u"URL"_s, defaultDatabase()},
        {u"keys"_s, u"Key file (mode 0600)."_s, u"FILE"_s},
        {u"account-id"_s, u"Account ID in ARNs."_s, u"ID"_s, u"123456789012"_s},
        {u"region"_s, u"Region of the service (SigV4 scope and ARNs)."_s, u"REGION"_s,
            u"us-east-1"_s},
        {u"tls-cert"_s, u"PEM certificate (enables HTTPS)."_s, u"FILE"_s},
        {u"tls-key"_s, u"PEM private key."_s, u"FILE"_s},
        {u"public-url"_s, u"Base URL clients reach this server at (attachment URLs)."_s, u"URL"_s},
        {u"rate"_s, u"Requests per second per key (0: unlimited)."_s, u"R"_s, u"100"_s},
        {u"burst"_s, u"Burst size per key."_s, u"B"_s, u"200"_s},
        {u"threads"_s,
            u"Worker threads for signature checks and API calls (0: all on the server thread)."_s,
            u"N"_s, u"2"_s},
        {u"access-log"_s, u"Access log file (default: standard error)."_s, u"FILE"_s},
        {u"organization"_s, u"Organisation accounts file (see organization set)."_s, u"FILE"_s},
    });
    parser.process(app);

    if (parser.value(u"keys"_s).isEmpty())
        return fail(u"--keys FILE is required (create one with: warroom-server keys create)"_s);
    QString error;
    const auto keys = server::KeyStore::load(parser.value(u"keys"_s), &error);
    if (!keys)
        return fail(error);

    const QString listen = parser.value(u"listen"_s);
    const qsizetype colon = listen.lastIndexOf(u':');
    bool portOk = false;
    const uint port = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
    QHostAddress address;
    if (!portOk || port > 65535
        || !address.setAddress(listen.left(colon).remove(u'[').remove(u']')))
        return fail(u"--listen must be HOST:PORT, for example 127.0.0.1:8443"_s);

    server::ServerSettings settings;
    settings.region = parser.value(u"region"_s);
    bool rateOk = false;
    bool burstOk = false;
    settings.rate = parser.value(u"rate"_s).toDouble(&rateOk);
    settings.burst = parser.value(u"burst"_s).toDouble(&burstOk);
    if (!rateOk || !burstOk || settings.rate < 0 || settings.burst < 1)
        return fail(u"--rate must be >= 0 and --burst >= 1"_s);
    bool threadsOk = false;
    settings.workerThreads = parser.value(u"threads"_s).toInt(&threadsOk);
    if (!threadsOk || settings.workerThreads < 0 || settings.workerThreads > 64)
        return fail(u"--threads must be a number from 0 to 64"_s);

    server::AccessLog accessLog;
    if (!accessLog.open(parser.value(u"access-log"_s), &error))
        return fail(error);

    const bool tls = parser.isSet(u"tls-cert"_s) || parser.isSet(u"tls-key"_s);
    QSslCertificate certificate;
    QSslKey privateKey;
    if (tls) {
        QFile certFile(parser.value(u"tls-cert"_s));
        QFile keyFile(parser.value(u"tls-key"_s));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return fail(u"--tls-cert and --tls-key must both name readable PEM files"_s);
        certificate = QSslCertificate(&certFile, QSsl::Pem);
        privateKey = QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem);
        if (privateKey.isNull() && keyFile.seek(0))
            privateKey = QSslKey(&keyFile, QSsl::Ec, QSsl::Pem);
        if (certificate.isNull() || privateKey.isNull())
            return fail(u"cannot read the TLS certificate or key (PEM, RSA or EC)"_s);
    }

    // The service is opened after listening so that the public URL knows the port.
    caseservice::ServiceConfig config;
    config.accountId = parser.value(u"account-id"_s);
    config.region = settings.region;
    std::unique_ptr<caseservice::CaseService> service;
    server::WarroomServer httpServer(settings, &*keys, nullptr, &accessLog);
    if (tls)
        httpServer.sslSetup(certificate, privateKey);
    const quint16 boundPort = httpServer.listen(address, quint16(port));
    if (boundPort == 0)
        return fail(u"cannot listen on "_s % listen);
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u'[' % address.toString() % u']'
        : address.toString();
    const QString baseUrl
        = QString((tls ? u"https://"_s : u"http://"_s) % host % u':' % QString::number(boundPort));
    config.publicBaseUrl = parser.isSet(u"public-url"_s) ? parser.value(u"public-url"_s) : baseUrl;
    while (config.publicBaseUrl.endsWith(u'/'))
        config.publicBaseUrl.chop(1);
    const QString database = parser.value(u"database"_s);
    const QString organizationFile = parser.isSet(u"organization"_s)
        ? parser.value(u"organization"_s)
        : organizationFileFor(database);
    service = openService(database, config, organizationFile, &error);
    if (!service)
        return fail(error);
    httpServer.setService(service.get());

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return fail(u"cannot create the signal pipe"_s);
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char byte = 0;
        [[maybe_unused]] const auto bytes = ::read(g_signalPipe[0], &byte, 1);
        notifier.setEnabled(false);
        std::fprintf(stderr, "warroom-server: stopping (finishing requests in flight)\n");
        httpServer.shutdown();
    });
    QObject::connect(
        &httpServer, &server::WarroomServer::drained, &app, [] { QCoreApplication::exit(0); });
    struct sigaction action
    {
    };
    action.sa_handler = onSignal;
    ::sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);

    printOut(u"listening on "_s % baseUrl);
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"warroom-server"_s);
    QCoreApplication::setOrganizationName(u"warroom"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(WARROOM_VERSION));
    const QStringList args = QCoreApplication::arguments();
    const QString command = args.value(1);
    const QString subcommand = args.value(2);
    QStringList rest = args.mid(3);
    rest.prepend(args.value(0) % u' ' % command % u' ' % subcommand);
    if (command == u"keys"_s)
        return subcommand == u"create"_s ? keysCreate(rest) : fail(u"usage: keys create ..."_s);
    if (command == u"investigations"_s)
        return subcommand == u"add"_s ? investigationsAdd(rest)
                                      : fail(u"usage: investigations add ..."_s);
    if (command == u"organization"_s)
        return subcommand == u"set"_s ? organizationSet(rest)
                                      : fail(u"usage: organization set ..."_s);
    return serve(app);
}
