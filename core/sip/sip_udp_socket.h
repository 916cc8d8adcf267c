#pragma once
// The prober's one UDP socket: dual-stack (IPv4 and IPv6 targets from one
// port), non-blocking, read on the event loop. It exists because QUdpSocket
// cannot say which destination an ICMP "port unreachable" was about: on an
// unconnected socket Linux reports ICMP errors only through IP_RECVERR's error
// queue (ip(7), ipv6(7)), which names the original destination; that is what
// lets a probe end as "nothing listens on HOST:5060" instead of silence.

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace cc {

class SipUdpSocket final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipUdpSocket)

public:
    explicit SipUdpSocket(QObject *parent = nullptr);
    ~SipUdpSocket() override;

    // Binds `address` (Any: every interface, both families) and `port` (0: any
    // free one). False with `error` set.
    bool open(const QHostAddress &address, quint16 port, QString *error = nullptr);
    bool isOpen() const { return m_fd >= 0; }
    quint16 localPort() const { return m_port; }

    // False with `error` set when the datagram could not be handed to the kernel.
    bool send(const QHostAddress &to, quint16 port, const QByteArray &datagram, QString *error = nullptr);

signals:
    void datagramReceived(const QHostAddress &from, quint16 port, const QByteArray &datagram);
    // An ICMP error about a datagram sent to `to`:`port` (port or host unreachable).
    void destinationUnreachable(const QHostAddress &to, quint16 port, const QString &reason);

private:
    void readAll();
    void drainErrorQueue();

    int m_fd = -1;
    bool m_ipv6 = false;
    quint16 m_port = 0;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace cc
