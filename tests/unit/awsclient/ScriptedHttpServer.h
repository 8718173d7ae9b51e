#pragma once

#include "aws/SigV4Signer.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QUrl>
#include <functional>

class QTcpServer;
class QTcpSocket;

namespace warroom::test {

// One scripted answer of the loopback test server.
struct ScriptedResponse
{
    enum class Action {
        Respond, // status line, headers, body, then close
        Drop, // read the request, close without answering
        Stall, // read the request, never answer (until the client gives up)
        Truncate, // send the status line and half of the promised body, then close
    };
    Action action = Action::Respond;
    int status = 200;
    QByteArray reason = "OK";
    QList<warroom::aws::HttpHeader> headers;
    QByteArray body;

    static ScriptedResponse json(
        int status, const QJsonObject &body, QList<warroom::aws::HttpHeader> headers = {});
    static ScriptedResponse raw(int status, const QByteArray &reason, const QByteArray &body,
        QList<warroom::aws::HttpHeader> headers = {});
    static ScriptedResponse drop();
    static ScriptedResponse stall();
    static ScriptedResponse truncate();
};

// A request as the server received it, ready for SigV4Signer::verify.
struct ReceivedRequest
{
    warroom::aws::SigV4Request request;
    QByteArray target; // request-target as sent: "/v1/tags/arn%3A...?a=b"
    qint64 elapsedMs = 0; // since the server started
    QJsonObject json() const; // body as JSON ({} if none)
};

// A tiny HTTP/1.1 server on 127.0.0.1 (port 0) answering scripted responses in order;
// when the script is empty it asks the handler, else answers 200 {}.
class ScriptedHttpServer final : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<ScriptedResponse(const ReceivedRequest &)>;

    explicit ScriptedHttpServer(QObject *parent = nullptr);
    ~ScriptedHttpServer() override;

    bool listen();
    quint16 port() const;
    QUrl url() const; // http://127.0.0.1:PORT

    void enqueue(const ScriptedResponse &response) { m_script.append(response); }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    const QList<ReceivedRequest> &requests() const { return m_requests; }
    void clear()
    {
        m_requests.clear();
        m_script.clear();
    }

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);

    QTcpServer *m_server;
    QElapsedTimer m_clock;
    QList<ScriptedResponse> m_script;
    Handler m_handler;
    QList<ReceivedRequest> m_requests;
    QList<QPointer<QTcpSocket>> m_stalled;
};

} // namespace warroom::test
