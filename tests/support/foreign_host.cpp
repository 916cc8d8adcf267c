#include "foreign_host.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace cc::test {

ForeignHost::ForeignHost(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    m_server->listen(QHostAddress::LocalHost, 0);
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                const QByteArray bytes = socket->readAll();
                m_received += bytes;
                *buffer += bytes;
                // One answer per request head; bodies are not needed to count.
                while (true) {
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        break;
                    const QByteArray head = buffer->left(end).toLower();
                    buffer->remove(0, end + 4);
                    ++m_requests;
                    if (head.contains("\r\nauthorization:"))
                        ++m_authorizationHeaders;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                                  "Connection: close\r\n\r\n{}");
                    socket->disconnectFromHost();
                }
            });
        }
    });
}

bool ForeignHost::isListening() const
{
    return m_server->isListening();
}

QUrl ForeignHost::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server->serverPort());
    return url;
}

} // namespace cc::test
