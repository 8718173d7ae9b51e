#pragma once

#include <QtCore/QHash>
#include <QtCore/QMap>
#include <QtCore/QObject>
#include <QtCore/QRandomGenerator>
#include <QtNetwork/QTcpServer>

class QTcpSocket;

namespace warroom::test {

// An HTTP/1.1 proxy on 127.0.0.1 in front of one upstream port that injects faults into
// the requests it is given, chosen with a seeded generator: 429 with Retry-After, 500,
// a connection dropped before the request reaches the server, one dropped after the
// server applied it (the answer is lost), and a stall that never answers. Every
// connection carries one request (the answer says Connection: close).
class FaultProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultProxy)

public:
    struct Rates
    {
        double throttle = 0; // 429 with Retry-After: 1
        double serverError = 0; // 500 InternalServerException
        double dropBefore = 0;
        double dropAfter = 0;
        double stall = 0;
    };

    FaultProxy(quint16 upstreamPort, quint64 seed, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    void setRates(const Rates &rates) { m_rates = rates; }

    // How many of each fault were injected, and how many requests went through.
    const QMap<QString, int> &injected() const { return m_injected; }
    int forwarded() const { return m_forwarded; }

private:
    enum class Fault { None, Throttle, ServerError, DropBefore, DropAfter, Stall };

    void accept();
    void readRequest(QTcpSocket *client);
    void handle(QTcpSocket *client, QByteArray request, const QByteArray &path);
    void forward(QTcpSocket *client, const QByteArray &request, bool dropAnswer);
    Fault pick(const QByteArray &path);

    QTcpServer m_server;
    quint16 m_upstreamPort;
    QRandomGenerator m_random;
    Rates m_rates;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QMap<QString, int> m_injected;
    int m_forwarded = 0;
};

} // namespace warroom::test
