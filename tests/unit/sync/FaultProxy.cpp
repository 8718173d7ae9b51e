#include "FaultProxy.h"

#include <QtCore/QPointer>
#include <QtNetwork/QTcpSocket>

namespace warroom::test {

using namespace Qt::StringLiterals;

namespace {

// The end of the head and the Content-Length of an HTTP message in `data`, or -1.
qsizetype messageLength(const QByteArray &data)
{
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return -1;
    qsizetype length = 0;
    for (const QByteArray &line : data.left(headEnd).split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.toLower().startsWith("content-length:"))
            length = trimmed.mid(15).trimmed().toLongLong();
    }
    return headEnd + 4 + length;
}

// `message` with its Connection header replaced by "Connection: close".
QByteArray withConnectionClose(const QByteArray &message)
{
    const qsizetype headEnd = message.indexOf("\r\n\r\n");
    QList<QByteArray> lines = message.left(headEnd).split('\n');
    QByteArray head;
    for (const QByteArray &line : lines) {
        if (line.trimmed().toLower().startsWith("connection:"))
            continue;
        head += line.trimmed() + "\r\n";
    }
    head += "Connection: close\r\n\r\n";
    return head + message.mid(headEnd + 4);
}

QByteArray errorAnswer(
    int status, const QByteArray &reason, const QByteArray &type, const QByteArray &extraHeaders)
{
    const QByteArray body = "{\"message\":\"injected by the test proxy\"}";
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: application/json\r\nX-Amzn-ErrorType: " + type + "\r\n" + extraHeaders
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
        + body;
}

} // namespace

FaultProxy::FaultProxy(quint16 upstreamPort, quint64 seed, QObject *parent)
    : QObject(parent)
    , m_upstreamPort(upstreamPort)
    , m_random(quint32(seed ^ (seed >> 32)))
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::accept);
}

FaultProxy::~FaultProxy() = default;

bool FaultProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FaultProxy::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        m_buffers.insert(client, {});
        connect(client, &QTcpSocket::readyRead, this, [this, client] { readRequest(client); });
        connect(client, &QTcpSocket::disconnected, this, [this, client] {
            m_buffers.remove(client);
            client->deleteLater();
        });
    }
}

void FaultProxy::readRequest(QTcpSocket *client)
{
    auto it = m_buffers.find(client);
    if (it == m_buffers.end())
        return; // answered already: the rest is ignored
    it->append(client->readAll());
    const qsizetype length = messageLength(*it);
    if (length < 0 || it->size() < length)
        return;
    const QByteArray request = it->left(length);
    m_buffers.erase(it);
    const QByteArray firstLine = request.left(request.indexOf("\r\n"));
    handle(client, request, firstLine.split(' ').value(1));
}

FaultProxy::Fault FaultProxy::pick(const QByteArray &path)
{
    double roll = m_random.generateDouble();
    const auto take = [&roll](double rate) {
        roll -= rate;
        return roll < 0;
    };
    // The change feed's long poll is only dropped or refused, not stalled: a stalled poll
    // costs the whole client timeout plus the wait.
    const bool feed = path.contains("/x-warroom/changes");
    if (take(m_rates.throttle))
        return Fault::Throttle;
    if (take(m_rates.serverError))
        return Fault::ServerError;
    if (take(m_rates.dropBefore))
        return Fault::DropBefore;
    if (take(m_rates.dropAfter))
        return Fault::DropAfter;
    if (!feed && take(m_rates.stall))
        return Fault::Stall;
    return Fault::None;
}

void FaultProxy::handle(QTcpSocket *client, QByteArray request, const QByteArray &path)
{
    switch (pick(path)) {
    case Fault::Throttle:
        ++m_injected[u"429"_s];
        client->write(
            errorAnswer(429, "Too Many Requests", "ThrottlingException", "Retry-After: 1\r\n"));
        client->disconnectFromHost();
        return;
    case Fault::ServerError:
        ++m_injected[u"500"_s];
        client->write(
            errorAnswer(500, "Internal Server Error", "InternalServerException", QByteArray()));
        client->disconnectFromHost();
        return;
    case Fault::DropBefore:
        ++m_injected[u"drop before"_s];
        client->abort();
        return;
    case Fault::DropAfter:
        ++m_injected[u"drop after"_s];
        forward(client, request, true);
        return;
    case Fault::Stall:
        ++m_injected[u"stall"_s];
        return; // the client gives up after its timeout
    case Fault::None:
        forward(client, request, false);
        return;
    }
}

void FaultProxy::forward(QTcpSocket *client, const QByteArray &request, bool dropAnswer)
{
    ++m_forwarded;
    auto *upstream = new QTcpSocket(this);
    auto answer = std::make_shared<QByteArray>();
    QPointer<QTcpSocket> to(client);
    auto finish = [upstream, answer, to, dropAnswer] {
        if (upstream->property("done").toBool())
            return;
        upstream->setProperty("done", true);
        upstream->deleteLater();
        if (!to)
            return;
        const qsizetype length = messageLength(*answer);
        if (dropAnswer || length < 0) {
            to->abort(); // no answer: the server is down, or the answer is lost on purpose
            return;
        }
        to->write(withConnectionClose(answer->left(length)));
        to->disconnectFromHost();
    };
    connect(upstream, &QTcpSocket::connected, upstream,
        [upstream, request] { upstream->write(withConnectionClose(request)); });
    connect(upstream, &QTcpSocket::readyRead, upstream, [upstream, answer, finish] {
        answer->append(upstream->readAll());
        const qsizetype length = messageLength(*answer);
        if (length >= 0 && answer->size() >= length)
            finish();
    });
    connect(upstream, &QTcpSocket::disconnected, upstream, finish);
    connect(upstream, &QTcpSocket::errorOccurred, upstream, finish);
    // The client went away (its timeout): the upstream answer is not wanted.
    connect(client, &QTcpSocket::disconnected, upstream, [upstream] { upstream->abort(); });
    upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
}

} // namespace warroom::test
