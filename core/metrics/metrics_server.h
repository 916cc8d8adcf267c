#pragma once
// The /metrics endpoint: a small HTTP/1.1 server on a QTcpServer that answers
// GET /metrics with what its source renders (the Prometheus text format), 404
// for any other path and 405 for any other method. One request per connection
// (Connection: close), a request head of at most 8 KiB and 5 s to send it, so a
// slow or hostile client cannot hold a socket. Loopback unless told otherwise
// (the figures name the tenant's channels).

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace cc {

class MetricsServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsServer)

public:
    static constexpr qsizetype kMaxRequestHeadBytes = 8 * 1024;
    static constexpr int kRequestDeadlineMs = 5000;

    explicit MetricsServer(std::function<QByteArray()> render, QObject *parent = nullptr);
    ~MetricsServer() override;

    // False with errorString() when the address cannot be bound.
    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const { return m_error; }
    QHostAddress address() const;
    quint16 port() const;
    // http://HOST:PORT/metrics, IPv6 hosts in brackets.
    QString url() const;

    // "HOST:PORT", "[V6]:PORT" or "PORT" (loopback); false with a message otherwise.
    static bool parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *error);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, int status, const QByteArray &reason, const QByteArray &contentType,
                 const QByteArray &body, bool headOnly = false);

    std::function<QByteArray()> m_render;
    QTcpServer *m_server;
    QString m_error;
};

} // namespace cc
