// The limit for the server benchmark: a bare QHttpServer route with no signature check,
// no database and a fixed JSON answer, on the same loopback and the same Qt.
#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QHttpServer server;
    server.route(u"/v1/cases/<arg>/get-case"_s, [](const QString &caseId) {
        return QHttpServerResponse(QJsonObject {{u"title"_s, u"bare"_s}, {u"caseId"_s, caseId}});
    });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    if (port == 0)
        return 1;
    QTextStream(stdout) << "listening on http://127.0.0.1:" << port << Qt::endl;
    return app.exec();
}
