#include "metrics/metrics_server.h"

#include "metrics/prometheus_text.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace cc {

namespace {

const char *const kBufferProperty = "cc_metrics_request";

} // namespace

MetricsServer::MetricsServer(std::function<QByteArray()> render, QObject *parent)
    : QObject(parent)
    , m_render(std::move(render))
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &MetricsServer::onNewConnection);
}

MetricsServer::~MetricsServer() = default;

bool MetricsServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        m_error = QStringLiteral("cannot listen on %1:%2 (%3)").arg(address.toString()).arg(port).arg(m_server->errorString());
        return false;
    }
    return true;
}

QHostAddress MetricsServer::address() const
{
    return m_server->serverAddress();
}

quint16 MetricsServer::port() const
{
    return m_server->serverPort();
}

QString MetricsServer::url() const
{
    const QHostAddress host = address();
    const QString hostText = host.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(host.toString())
                                                                              : host.toString();
    return QStringLiteral("http://%1:%2/metrics").arg(hostText).arg(port());
}

bool MetricsServer::parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *error)
{
    QString host = QStringLiteral("127.0.0.1");
    QString portText = text;
    if (const qsizetype colon = text.lastIndexOf(QLatin1Char(':')); colon >= 0) {
        host = text.left(colon);
        portText = text.mid(colon + 1);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
        if (host.isEmpty())
            host = QStringLiteral("127.0.0.1");
        else if (host == QLatin1String("localhost"))
            host = QStringLiteral("127.0.0.1");
    }
    bool ok = false;
    const uint number = portText.toUInt(&ok);
    QHostAddress parsed;
    if (!ok || number > 65535 || !parsed.setAddress(host)) {
        *error = QStringLiteral("--metrics-listen takes HOST:PORT with a numeric address (127.0.0.1:9464, [::1]:9464, "
                                "0.0.0.0:9464) or a port alone for loopback, not '%1'.")
                     .arg(text);
        return false;
    }
    *address = parsed;
    *port = static_cast<quint16>(number);
    return true;
}

void MetricsServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        // The whole request head within the deadline, or the connection is dropped.
        QTimer::singleShot(kRequestDeadlineMs, socket, [socket] { socket->abort(); socket->deleteLater(); });
    }
}

void MetricsServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property(kBufferProperty).toByteArray() + socket->readAll();
    if (buffer.size() > kMaxRequestHeadBytes) {
        respond(socket, 431, "Request Header Fields Too Large", "text/plain; charset=utf-8", "request head too large\n");
        return;
    }
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        socket->setProperty(kBufferProperty, buffer);
        return;
    }
    socket->setProperty(kBufferProperty, QByteArray());
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        respond(socket, 400, "Bad Request", "text/plain; charset=utf-8", "not an HTTP/1.x request\n");
        return;
    }
    const QByteArray method = requestLine.at(0);
    QByteArray target = requestLine.at(1);
    if (const qsizetype query = target.indexOf('?'); query >= 0)
        target.truncate(query);
    if (method != "GET" && method != "HEAD") {
        respond(socket, 405, "Method Not Allowed", "text/plain; charset=utf-8", "only GET /metrics is served\n");
        return;
    }
    if (target != "/metrics") {
        respond(socket, 404, "Not Found", "text/plain; charset=utf-8", "only /metrics is served here\n", method == "HEAD");
        return;
    }
    respond(socket, 200, "OK", PrometheusText::kContentType, m_render(), method == "HEAD");
}

void MetricsServer::respond(QTcpSocket *socket, int status, const QByteArray &reason, const QByteArray &contentType,
                            const QByteArray &body, bool headOnly)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    head += "Content-Type: " + contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (status == 405)
        head += "Allow: GET, HEAD\r\n";
    head += "Connection: close\r\n\r\n";
    socket->write(head);
    if (!headOnly)
        socket->write(body);
    socket->disconnectFromHost();
}

} // namespace cc
