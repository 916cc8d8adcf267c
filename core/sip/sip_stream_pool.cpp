#include "sip/sip_stream_pool.h"

#include "sip/sip_logging.h"

#include <QDateTime>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace cc {

SipStreamPool::SipStreamPool(QObject *parent)
    : QObject(parent)
    , m_idleTimer(new QTimer(this))
{
    m_idleTimer->setInterval(30 * 1000);
    connect(m_idleTimer, &QTimer::timeout, this, &SipStreamPool::closeIdle);
}

SipStreamPool::~SipStreamPool()
{
    for (Connection &connection : m_connections) {
        connection.socket->disconnect(this);
        connection.socket->abort();
        delete connection.socket;
    }
}

QString SipStreamPool::keyFor(SipTransport transport, const QHostAddress &address, quint16 port, const QString &tlsName)
{
    QString key = sipTransportName(transport) + QLatin1Char(' ') + sipHostPort(address.toString(), port);
    if (transport == SipTransport::Tls)
        key += QLatin1Char(' ') + tlsName.toLower();
    return key;
}

bool SipStreamPool::open(const QString &key, SipTransport transport, const QHostAddress &address, quint16 port,
                         const QString &tlsName)
{
    const auto existing = m_connections.find(key);
    if (existing != m_connections.end()) {
        existing->lastUsedMs = m_clock.monotonicMs();
        return existing->connected;
    }
    Connection connection;
    connection.lastUsedMs = m_clock.monotonicMs();
    connection.peer = sipHostPort(address.toString(), port);
    QSslSocket *ssl = nullptr;
    if (transport == SipTransport::Tls) {
        ssl = new QSslSocket(this);
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificates(m_caCertificates);
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
        ssl->setSslConfiguration(configuration);
        connection.socket = ssl;
    } else {
        connection.socket = new QTcpSocket(this);
    }
    QTcpSocket *socket = connection.socket;
    m_connections.insert(key, std::move(connection));
    if (!m_idleTimer->isActive())
        m_idleTimer->start();

    const auto onConnected = [this, key] {
        const auto it = m_connections.find(key);
        if (it == m_connections.end())
            return;
        it->connected = true;
        emit connected(key);
    };
    if (ssl) {
        connect(ssl, &QSslSocket::encrypted, this, onConnected);
        connect(ssl, &QSslSocket::sslErrors, this, [this, key](const QList<QSslError> &errors) {
            // Not ignored: noted for the failure that follows.
            QStringList texts;
            for (const QSslError &error : errors)
                texts.append(error.errorString());
            const auto it = m_connections.find(key);
            if (it != m_connections.end())
                it->sslErrors = texts.join(QStringLiteral("; "));
        });
    } else {
        connect(socket, &QTcpSocket::connected, this, onConnected);
    }
    connect(socket, &QTcpSocket::readyRead, this, [this, key] { onReadable(key); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, key, socket](QAbstractSocket::SocketError error) {
        const auto it = m_connections.find(key);
        if (it == m_connections.end())
            return;
        const QString peer = it->peer;
        if (!it->sslErrors.isEmpty() || error == QAbstractSocket::SslHandshakeFailedError)
            drop(key, SipStreamFailure::TlsFailed,
                 QStringLiteral("TLS with %1 failed: %2").arg(peer, it->sslErrors.isEmpty() ? socket->errorString() : it->sslErrors));
        else if (error == QAbstractSocket::ConnectionRefusedError)
            drop(key, SipStreamFailure::Refused, QStringLiteral("nothing listens on %1 (connection refused)").arg(peer));
        else if (error == QAbstractSocket::RemoteHostClosedError)
            drop(key, SipStreamFailure::Closed, QStringLiteral("%1 closed the connection").arg(peer));
        else
            drop(key, SipStreamFailure::Network, QStringLiteral("connection to %1 failed: %2").arg(peer, socket->errorString()));
    });
    connect(socket, &QTcpSocket::disconnected, this, [this, key] {
        const auto it = m_connections.find(key);
        if (it != m_connections.end())
            drop(key, SipStreamFailure::Closed, QStringLiteral("%1 closed the connection").arg(it->peer));
    });
    QTimer::singleShot(kConnectDeadlineMs, socket, [this, key, socket] {
        const auto it = m_connections.find(key);
        if (it != m_connections.end() && it->socket == socket && !it->connected)
            drop(key, SipStreamFailure::Timeout,
                 QStringLiteral("no connection to %1 within %2 s").arg(it->peer).arg(kConnectDeadlineMs / 1000));
    });
    if (ssl) {
        if (!QSslSocket::supportsSsl()) {
            QTimer::singleShot(0, this, [this, key] {
                drop(key, SipStreamFailure::TlsFailed, QStringLiteral("TLS is not available (no TLS backend for Qt)"));
            });
            return false;
        }
        ssl->connectToHostEncrypted(address.toString(), port, tlsName);
    } else {
        socket->connectToHost(address, port);
    }
    return false;
}

bool SipStreamPool::isConnected(const QString &key) const
{
    const auto it = m_connections.constFind(key);
    return it != m_connections.cend() && it->connected;
}

QHostAddress SipStreamPool::localAddress(const QString &key) const
{
    const auto it = m_connections.constFind(key);
    return it == m_connections.cend() ? QHostAddress() : it->socket->localAddress();
}

quint16 SipStreamPool::localPort(const QString &key) const
{
    const auto it = m_connections.constFind(key);
    return it == m_connections.cend() ? 0 : it->socket->localPort();
}

bool SipStreamPool::write(const QString &key, const QByteArray &bytes, QString *error)
{
    const auto it = m_connections.find(key);
    if (it == m_connections.end() || !it->connected) {
        if (error)
            *error = QStringLiteral("no connection");
        return false;
    }
    it->lastUsedMs = m_clock.monotonicMs();
    if (it->socket->write(bytes) != bytes.size()) {
        if (error)
            *error = it->socket->errorString();
        return false;
    }
    return true;
}

void SipStreamPool::onReadable(const QString &key)
{
    const auto it = m_connections.find(key);
    if (it == m_connections.end())
        return;
    QList<QByteArray> messages;
    QString problem;
    const bool ok = it->framer.append(it->socket->readAll(), &messages, &problem);
    it->lastUsedMs = m_clock.monotonicMs();
    const QString peer = it->peer;
    for (const QByteArray &message : std::as_const(messages)) {
        emit messageReceived(key, message);
        if (!m_connections.contains(key))
            return;
    }
    if (!ok) {
        ++m_malformedStreams;
        qCInfo(lcSip) << "dropping the connection to" << peer << "after" << problem;
        drop(key, SipStreamFailure::Malformed, QStringLiteral("%1 sent %2").arg(peer, problem));
    }
}

void SipStreamPool::drop(const QString &key, SipStreamFailure failure, const QString &reason)
{
    const auto it = m_connections.find(key);
    if (it == m_connections.end())
        return;
    QTcpSocket *socket = it->socket;
    m_connections.erase(it);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
    if (m_connections.isEmpty())
        m_idleTimer->stop();
    emit failed(key, failure, reason);
}

void SipStreamPool::closeIdle()
{
    const qint64 now = m_clock.monotonicMs();
    QStringList idle;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (it->connected && now - it->lastUsedMs > kIdleCloseMs)
            idle.append(it.key());
    }
    for (const QString &key : std::as_const(idle))
        drop(key, SipStreamFailure::Closed, QStringLiteral("closed after %1 s unused").arg(kIdleCloseMs / 1000));
}

} // namespace cc
