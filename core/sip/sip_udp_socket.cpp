#include "sip/sip_udp_socket.h"

#include "sip/sip_codec.h"
#include "sip/sip_logging.h"

#include <QSocketNotifier>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cc {

namespace {

// Datagrams read per wake-up before the event loop gets a turn.
constexpr int kReadBatch = 256;

QHostAddress fromSockaddr(const sockaddr_storage &storage, quint16 *port)
{
    if (storage.ss_family == AF_INET6) {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(&storage);
        *port = ntohs(in6->sin6_port);
        QHostAddress address(reinterpret_cast<const quint8 *>(&in6->sin6_addr));
        bool mapped = false;
        const quint32 v4 = address.toIPv4Address(&mapped);
        return mapped ? QHostAddress(v4) : address;
    }
    if (storage.ss_family == AF_INET) {
        const auto *in4 = reinterpret_cast<const sockaddr_in *>(&storage);
        *port = ntohs(in4->sin_port);
        return QHostAddress(ntohl(in4->sin_addr.s_addr));
    }
    *port = 0;
    return QHostAddress();
}

socklen_t toSockaddr(const QHostAddress &address, quint16 port, bool ipv6Socket, sockaddr_storage *storage)
{
    std::memset(storage, 0, sizeof(*storage));
    if (ipv6Socket) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.protocol() == QAbstractSocket::IPv4Protocol
            ? QHostAddress(QStringLiteral("::ffff:") + address.toString()).toIPv6Address()
            : address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof(bytes));
        return sizeof(sockaddr_in6);
    }
    auto *in4 = reinterpret_cast<sockaddr_in *>(storage);
    in4->sin_family = AF_INET;
    in4->sin_port = htons(port);
    in4->sin_addr.s_addr = htonl(address.toIPv4Address());
    return sizeof(sockaddr_in);
}

QString icmpReason(const sock_extended_err &error)
{
    if (error.ee_errno == ECONNREFUSED)
        return QStringLiteral("ICMP port unreachable");
    if (error.ee_errno == EHOSTUNREACH)
        return QStringLiteral("ICMP host unreachable");
    if (error.ee_errno == ENETUNREACH)
        return QStringLiteral("ICMP network unreachable");
    return QStringLiteral("ICMP error: %1").arg(QString::fromLocal8Bit(std::strerror(static_cast<int>(error.ee_errno))));
}

} // namespace

SipUdpSocket::SipUdpSocket(QObject *parent)
    : QObject(parent)
{
}

SipUdpSocket::~SipUdpSocket()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool SipUdpSocket::open(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_fd >= 0)
        return true;
    const auto fail = [this, error, &address, port](const QString &what) {
        if (error)
            *error = QStringLiteral("cannot open the SIP probe's UDP socket on %1: %2: %3")
                         .arg(sipHostPort(address.toString(), port), what, QString::fromLocal8Bit(std::strerror(errno)));
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        return false;
    };
    // Dual-stack unless told an IPv4 address, or the kernel has no IPv6.
    m_ipv6 = address.protocol() != QAbstractSocket::IPv4Protocol;
    m_fd = m_ipv6 ? ::socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0) : -1;
    if (m_fd < 0 && address == QHostAddress(QHostAddress::Any)) {
        m_ipv6 = false;
        m_fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    }
    if (m_fd < 0)
        return fail(QStringLiteral("socket()"));
    const int on = 1;
    const int off = 0;
    if (m_ipv6) {
        ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off));
        ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof(on));
    }
    // Also on a dual-stack socket: ICMPv4 errors for v4-mapped destinations.
    ::setsockopt(m_fd, SOL_IP, IP_RECVERR, &on, sizeof(on));
    QHostAddress bindAddress = address;
    if (m_ipv6 && address == QHostAddress(QHostAddress::Any))
        bindAddress = QHostAddress(QHostAddress::AnyIPv6);
    if (!m_ipv6 && address == QHostAddress(QHostAddress::Any))
        bindAddress = QHostAddress(QHostAddress::AnyIPv4);
    sockaddr_storage storage;
    const socklen_t length = toSockaddr(bindAddress, port, m_ipv6, &storage);
    if (::bind(m_fd, reinterpret_cast<sockaddr *>(&storage), length) != 0)
        return fail(QStringLiteral("bind()"));
    socklen_t boundLength = sizeof(storage);
    ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&storage), &boundLength);
    fromSockaddr(storage, &m_port);
    m_notifier = new QSocketNotifier(static_cast<qintptr>(m_fd), QSocketNotifier::Read, this);
    // POLLERR (a queued ICMP error) wakes a read notifier as POLLIN does.
    connect(m_notifier, &QSocketNotifier::activated, this, &SipUdpSocket::readAll);
    return true;
}

bool SipUdpSocket::send(const QHostAddress &to, quint16 port, const QByteArray &datagram, QString *error)
{
    if (m_fd < 0) {
        if (error)
            *error = QStringLiteral("the UDP socket is not open");
        return false;
    }
    if (!m_ipv6 && to.protocol() == QAbstractSocket::IPv6Protocol) {
        if (error)
            *error = QStringLiteral("no IPv6 on this machine");
        return false;
    }
    sockaddr_storage storage;
    const socklen_t length = toSockaddr(to, port, m_ipv6, &storage);
    // An ICMP error about an earlier datagram is reported once by the next
    // send (sk_err): collect the queue and send again, at most twice.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const ssize_t sent = ::sendto(m_fd, datagram.constData(), static_cast<size_t>(datagram.size()), MSG_NOSIGNAL,
                                      reinterpret_cast<const sockaddr *>(&storage), length);
        if (sent == datagram.size())
            return true;
        if (sent < 0 && (errno == ECONNREFUSED || errno == EHOSTUNREACH || errno == ENETUNREACH)) {
            drainErrorQueue();
            continue;
        }
        if (sent < 0 && errno == EINTR)
            continue;
        break;
    }
    if (error)
        *error = QStringLiteral("cannot send to %1: %2").arg(sipHostPort(to.toString(), port), QString::fromLocal8Bit(std::strerror(errno)));
    return false;
}

void SipUdpSocket::drainErrorQueue()
{
    for (int i = 0; i < kReadBatch; ++i) {
        char data[64];
        char control[512];
        sockaddr_storage offender;
        iovec io{data, sizeof(data)};
        msghdr message{};
        message.msg_name = &offender;
        message.msg_namelen = sizeof(offender);
        message.msg_iov = &io;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof(control);
        if (::recvmsg(m_fd, &message, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
            return;
        for (cmsghdr *header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
            const bool ip = header->cmsg_level == SOL_IP && header->cmsg_type == IP_RECVERR;
            const bool ip6 = header->cmsg_level == IPPROTO_IPV6 && header->cmsg_type == IPV6_RECVERR;
            if (!ip && !ip6)
                continue;
            sock_extended_err error;
            std::memcpy(&error, CMSG_DATA(header), sizeof(error));
            if (error.ee_origin != SO_EE_ORIGIN_ICMP && error.ee_origin != SO_EE_ORIGIN_ICMP6)
                continue;
            quint16 port = 0;
            // msg_name is the destination of the datagram the error is about.
            const QHostAddress to = fromSockaddr(offender, &port);
            emit destinationUnreachable(to, port, icmpReason(error));
        }
    }
}

void SipUdpSocket::readAll()
{
    if (m_fd < 0)
        return;
    drainErrorQueue();
    static thread_local QByteArray buffer(SipCodec::kMaxMessageBytes + 1, Qt::Uninitialized);
    for (int i = 0; i < kReadBatch; ++i) {
        sockaddr_storage from;
        socklen_t fromLength = sizeof(from);
        const ssize_t received = ::recvfrom(m_fd, buffer.data(), static_cast<size_t>(buffer.size()), MSG_DONTWAIT,
                                            reinterpret_cast<sockaddr *>(&from), &fromLength);
        if (received < 0) {
            if (errno == ECONNREFUSED || errno == EHOSTUNREACH || errno == ENETUNREACH) {
                drainErrorQueue();
                continue;
            }
            if (errno == EINTR)
                continue;
            return; // EAGAIN: nothing more to read
        }
        quint16 port = 0;
        const QHostAddress address = fromSockaddr(from, &port);
        emit datagramReceived(address, port, QByteArray(buffer.constData(), static_cast<qsizetype>(received)));
        if (m_fd < 0)
            return;
    }
}

} // namespace cc
