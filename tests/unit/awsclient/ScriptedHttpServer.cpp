#include "ScriptedHttpServer.h"

#include <QtCore/QJsonDocument>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

using namespace Qt::StringLiterals;

namespace warroom::test {

ScriptedResponse ScriptedResponse::json(
    int status, const QJsonObject &body, QList<warroom::aws::HttpHeader> headers)
{
    ScriptedResponse response;
    response.status = status;
    response.reason = status < 300 ? "OK" : "Error";
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    headers.append(warroom::aws::HttpHeader("Content-Type", "application/json"));
    response.headers = headers;
    return response;
}

ScriptedResponse ScriptedResponse::raw(int status, const QByteArray &reason, const QByteArray &body,
    QList<warroom::aws::HttpHeader> headers)
{
    ScriptedResponse response;
    response.status = status;
    response.reason = reason;
    response.body = body;
    response.headers = headers;
    return response;
}

ScriptedResponse ScriptedResponse::drop()
{
    ScriptedResponse response;
    response.action = Action::Drop;
    return response;
}

ScriptedResponse ScriptedResponse::truncate()
{
    ScriptedResponse response;
    response.action = Action::Truncate;
    return response;
}

ScriptedResponse ScriptedResponse::stall()
{
    ScriptedResponse response;
    response.action = Action::Stall;
    return response;
}

QJsonObject ReceivedRequest::json() const
{
    return QJsonDocument::fromJson(request.body).object();
}

ScriptedHttpServer::ScriptedHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &ScriptedHttpServer::onNewConnection);
}

ScriptedHttpServer::~ScriptedHttpServer()
{
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_stalled)) {
        if (socket)
            socket->abort();
    }
}

bool ScriptedHttpServer::listen()
{
    m_clock.start();
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 ScriptedHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl ScriptedHttpServer::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(port()));
}

void ScriptedHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void ScriptedHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    socket->setProperty("buffer", buffer);
    if (buffer.startsWith('\x16')) {
        // A TLS ClientHello on this plain-HTTP port: answer in plain text, as a
        // misconfigured proxy would, so the client's handshake fails.
        socket->write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        return;
    }
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    QList<warroom::aws::HttpHeader> headers;
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        headers.append({name, value});
        if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            contentLength = value.toLongLong();
    }
    if (buffer.size() < headerEnd + 4 + contentLength)
        return;
    socket->setProperty("buffer", QByteArray());

    ReceivedRequest received;
    received.target = requestLine.value(1);
    const qsizetype question = received.target.indexOf('?');
    received.request.method = requestLine.value(0);
    received.request.path = question < 0 ? received.target : received.target.left(question);
    if (question >= 0)
        received.request.query
            = warroom::aws::SigV4Request::parseQuery(received.target.mid(question + 1));
    received.request.headers = headers;
    received.request.body = buffer.mid(headerEnd + 4, contentLength);
    received.elapsedMs = m_clock.elapsed();
    m_requests.append(received);

    ScriptedResponse response;
    if (!m_script.isEmpty())
        response = m_script.takeFirst();
    else if (m_handler)
        response = m_handler(received);
    else
        response = ScriptedResponse::json(200, {});

    switch (response.action) {
    case ScriptedResponse::Action::Drop:
        socket->abort();
        return;
    case ScriptedResponse::Action::Stall:
        m_stalled.append(socket);
        return;
    case ScriptedResponse::Action::Truncate:
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Content-Length: 100\r\n\r\n{\"title\":");
        socket->flush();
        socket->disconnectFromHost();
        return;
    case ScriptedResponse::Action::Respond:
        break;
    }
    QByteArray out
        = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + response.reason + "\r\n";
    for (const auto &[name, value] : std::as_const(response.headers))
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    out += response.body;
    socket->write(out);
    socket->disconnectFromHost();
}

} // namespace warroom::test
