#pragma once
// The prober's TCP and TLS connections, one per remote address, port and (for
// TLS) certificate name, opened on first use and reused by every later probe of
// that endpoint; closed when idle for five minutes, or by the peer. TLS always
// verifies the peer's certificate against the system's and the configured CAs
// and the name from the URI (RFC 5922 section 7.2); a certificate error ends
// the connection, it is never ignored.

#include "common/system_clock.h"
#include "sip/sip_stream_framer.h"
#include "sip/sip_uri.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslCertificate>

QT_BEGIN_NAMESPACE
class QTcpSocket;
class QTimer;
QT_END_NAMESPACE

namespace cc {

enum class SipStreamFailure { Refused, TlsFailed, Closed, Timeout, Malformed, Network };

class SipStreamPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipStreamPool)

public:
    static constexpr qint64 kIdleCloseMs = 5 * 60 * 1000;
    static constexpr int kConnectDeadlineMs = 10 * 1000;

    explicit SipStreamPool(QObject *parent = nullptr);
    ~SipStreamPool() override;

    static QString keyFor(SipTransport transport, const QHostAddress &address, quint16 port, const QString &tlsName);

    void setCaCertificates(const QList<QSslCertificate> &certificates) { m_caCertificates = certificates; }

    // Opens the connection for `key` unless it is open or opening; true when it
    // is connected now (else connected() or failed() follows).
    bool open(const QString &key, SipTransport transport, const QHostAddress &address, quint16 port, const QString &tlsName);
    bool isConnected(const QString &key) const;
    // The connection's own address and port, for the Via header.
    QHostAddress localAddress(const QString &key) const;
    quint16 localPort(const QString &key) const;
    bool write(const QString &key, const QByteArray &bytes, QString *error = nullptr);
    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    // Counted here: bytes on a stream that could not be framed as SIP.
    qint64 malformedStreams() const { return m_malformedStreams; }

signals:
    void connected(const QString &key);
    void messageReceived(const QString &key, const QByteArray &message);
    // The connection is gone (it is removed before this is emitted).
    void failed(const QString &key, SipStreamFailure failure, const QString &reason);

private:
    struct Connection
    {
        QTcpSocket *socket = nullptr;
        SipStreamFramer framer;
        bool connected = false;
        qint64 lastUsedMs = 0;
        QString sslErrors;
        QString peer;
    };

    void onReadable(const QString &key);
    void drop(const QString &key, SipStreamFailure failure, const QString &reason);
    void closeIdle();

    QHash<QString, Connection> m_connections;
    QList<QSslCertificate> m_caCertificates;
    QTimer *m_idleTimer = nullptr;
    SystemClock m_clock;   // the monotonic time connections were last used at
    qint64 m_malformedStreams = 0;
};

} // namespace cc
