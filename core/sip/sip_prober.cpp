#include "sip/sip_prober.h"

#include "sip/sip_codec.h"
#include "sip/sip_logging.h"
#include "sip/sip_udp_socket.h"

#include "cc_version.h"

#include <QRandomGenerator>
#include <QTimerEvent>

#include <algorithm>
#include <utility>
#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cc {

namespace {

// Unpredictable to an off-path sender, so a forged answer has to guess 64 bits.
QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(raw.toHex());
}

bool sameAddress(const QHostAddress &a, const QHostAddress &b)
{
    return a.isEqual(b, QHostAddress::TolerantConversion);
}

} // namespace

SipProber::SipProber(const SipProberOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_resolver(new SipResolver(this))
    , m_udp(new SipUdpSocket(this))
    , m_streams(new SipStreamPool(this))
{
    if (m_options.userAgent.isEmpty())
        m_options.userAgent = QStringLiteral("Channel Console " CC_VERSION_STRING);
    m_options.t1Ms = std::max(1, m_options.t1Ms);
    m_options.t2Ms = std::max(m_options.t1Ms, m_options.t2Ms);
    m_streams->setCaCertificates(m_options.caCertificates);
    m_clock.start();
    connect(m_udp, &SipUdpSocket::datagramReceived, this, &SipProber::onDatagram);
    connect(m_udp, &SipUdpSocket::destinationUnreachable, this, &SipProber::onUnreachable);
    connect(m_streams, &SipStreamPool::connected, this, &SipProber::onStreamConnected);
    connect(m_streams, &SipStreamPool::messageReceived, this, &SipProber::onStreamMessage);
    connect(m_streams, &SipStreamPool::failed, this, &SipProber::onStreamFailed);
}

SipProber::~SipProber() = default;

bool SipProber::open(QString *error)
{
    return m_udp->open(m_options.bindAddress, m_options.bindPort, error);
}

quint16 SipProber::udpPort() const
{
    return m_udp->localPort();
}

int SipProber::streamConnections() const
{
    return m_streams->connectionCount();
}

quint64 SipProber::probe(const SipUri &target, int timeoutMs)
{
    Transaction transaction;
    transaction.id = ++m_nextId;
    transaction.uri = target;
    transaction.targetText = target.toString();
    transaction.timeoutMs = std::clamp(timeoutMs, kMinTimeoutMs, kMaxTimeoutMs);
    // One draw for the Call-ID, tag and branch.
    const QString random = randomHex(26);
    transaction.callId = random.left(24) + QLatin1Char('-') + QString::number(transaction.id);
    transaction.fromTag = random.mid(24, 12);
    transaction.branchSeed = random.mid(36, 16);
    transaction.connectHost = target.host;
    transaction.connectPort = target.port;
    if (const std::optional<SipEndpoint> redirect = m_options.connectTo.redirect(target.host, target.port)) {
        transaction.connectHost = redirect->host;
        transaction.connectPort = redirect->port;
    }
    newBranch(transaction);
    transaction.timerF = startTimer(transaction.timeoutMs, Qt::PreciseTimer);
    const quint64 id = transaction.id;
    m_timerOwners.insert(transaction.timerF, id);
    m_transactions.insert(id, std::move(transaction));
    ++m_counters.probes;
    // The result must not come from inside probe(): a cached name resolves at
    // once, so the rest starts from the event loop, one turn for all the
    // probes started in this one.
    if (m_toStart.isEmpty())
        QMetaObject::invokeMethod(this, &SipProber::startQueued, Qt::QueuedConnection);
    m_toStart.append(id);
    return id;
}

void SipProber::startQueued()
{
    const QList<quint64> ids = std::exchange(m_toStart, {});
    for (const quint64 id : ids) {
        const auto it = m_transactions.constFind(id);
        if (it == m_transactions.cend())
            continue;
        m_resolver->resolve(it->connectHost, this, [this, id](const SipResolution &resolution) { onResolved(id, resolution); });
    }
}

void SipProber::cancel(quint64 probeId)
{
    if (m_transactions.contains(probeId))
        finish(probeId, SipProbeOutcome::Cancelled, QStringLiteral("cancelled"));
}

void SipProber::newBranch(Transaction &transaction)
{
    if (!transaction.branch.isEmpty())
        m_byBranch.remove(transaction.branch);
    // RFC 3261 section 8.1.1.7: the magic cookie, then unique per transaction.
    // A second branch of one probe (the next address) draws again.
    const QString seed = transaction.branchSeed.isEmpty() ? randomHex(8) : std::exchange(transaction.branchSeed, QString());
    transaction.branch = QStringLiteral("z9hG4bK") + seed + QLatin1Char('.') + QString::number(transaction.id);
    m_byBranch.insert(transaction.branch, transaction.id);
}

QString SipProber::endpointText(const Transaction &transaction) const
{
    return sipHostPort(transaction.address.isNull() ? transaction.connectHost : transaction.address.toString(),
                       transaction.connectPort);
}

void SipProber::onResolved(quint64 id, const SipResolution &resolution)
{
    const auto it = m_transactions.find(id);
    if (it == m_transactions.end() || it->phase != Phase::Resolving)
        return;
    if (!resolution.ok) {
        finish(id, SipProbeOutcome::DnsFailed, resolution.error);
        return;
    }
    it->addresses = resolution.addresses;
    it->addressIndex = 0;
    startOnAddress(*it);
}

void SipProber::startOnAddress(Transaction &transaction)
{
    transaction.address = transaction.addresses.value(transaction.addressIndex);
    if (transaction.uri.transport == SipTransport::Udp) {
        QString error;
        if (!m_udp->open(m_options.bindAddress, m_options.bindPort, &error)) {
            finish(transaction.id, SipProbeOutcome::NetworkError, error);
            return;
        }
        sendUdp(transaction);
        return;
    }
    transaction.phase = Phase::Connecting;
    // RFC 5922 section 7.2: the certificate must name the URI's host.
    transaction.streamKey = SipStreamPool::keyFor(transaction.uri.transport, transaction.address, transaction.connectPort,
                                                  transaction.uri.host);
    m_streamProbes[transaction.streamKey].append(transaction.id);
    if (m_streams->open(transaction.streamKey, transaction.uri.transport, transaction.address, transaction.connectPort,
                        transaction.uri.host))
        sendOnStream(transaction);
}

QHostAddress SipProber::localAddressToward(const QHostAddress &destination)
{
    const auto cached = m_localAddresses.constFind(destination);
    if (cached != m_localAddresses.cend())
        return *cached;
    QHostAddress local = destination.isLoopback() ? destination : QHostAddress();
    if (local.isNull()) {
        // The kernel's choice of source address for this destination: connect
        // a throw-away UDP socket (no packet is sent) and read its address.
        const bool v6 = destination.protocol() == QAbstractSocket::IPv6Protocol;
        const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd >= 0) {
            sockaddr_storage storage{};
            socklen_t length = 0;
            if (v6) {
                auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
                in6->sin6_family = AF_INET6;
                in6->sin6_port = htons(5060);
                const Q_IPV6ADDR bytes = destination.toIPv6Address();
                std::memcpy(&in6->sin6_addr, &bytes, sizeof(bytes));
                length = sizeof(sockaddr_in6);
            } else {
                auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
                in4->sin_family = AF_INET;
                in4->sin_port = htons(5060);
                in4->sin_addr.s_addr = htonl(destination.toIPv4Address());
                length = sizeof(sockaddr_in);
            }
            if (::connect(fd, reinterpret_cast<sockaddr *>(&storage), length) == 0) {
                sockaddr_storage mine{};
                socklen_t mineLength = sizeof(mine);
                if (::getsockname(fd, reinterpret_cast<sockaddr *>(&mine), &mineLength) == 0) {
                    QHostAddress address(reinterpret_cast<const sockaddr *>(&mine));
                    local = address;
                }
            }
            ::close(fd);
        }
    }
    if (local.isNull())
        local = QHostAddress(QHostAddress::LocalHost);
    if (m_localAddresses.size() > 10000)
        m_localAddresses.clear();
    m_localAddresses.insert(destination, local);
    return local;
}

void SipProber::sendUdp(Transaction &transaction)
{
    const QHostAddress local = localAddressToward(transaction.address);
    SipOptionsRequest request;
    request.requestUri = transaction.targetText;
    request.transport = SipTransport::Udp;
    request.viaHost = local.toString();
    request.viaPort = m_udp->localPort();
    request.branch = transaction.branch;
    request.fromTag = transaction.fromTag;
    request.callId = transaction.callId;
    request.fromUri = QStringLiteral("sip:") + m_options.fromUser + QLatin1Char('@') + sipHostPort(local.toString(), request.viaPort);
    request.userAgent = m_options.userAgent;
    transaction.request = SipCodec::buildOptions(request);
    transaction.phase = Phase::Sent;
    QString error;
    // A failed hand-over to the kernel is retried by Timer E like a loss.
    if (!m_udp->send(transaction.address, transaction.connectPort, transaction.request, &error))
        qCDebug(lcSip) << "first send failed:" << error;
    ++m_counters.requestsSent;
    transaction.firstSentNs = m_clock.nsecsElapsed();
    transaction.retransmitMs = m_options.t1Ms;
    if (transaction.timerE)
        m_timerOwners.remove(transaction.timerE), killTimer(transaction.timerE);
    transaction.timerE = startTimer(transaction.retransmitMs, Qt::PreciseTimer);
    m_timerOwners.insert(transaction.timerE, transaction.id);
}

void SipProber::sendOnStream(Transaction &transaction)
{
    SipOptionsRequest request;
    const QHostAddress local = m_streams->localAddress(transaction.streamKey);
    request.requestUri = transaction.targetText;
    request.transport = transaction.uri.transport;
    request.viaHost = local.isNull() ? QStringLiteral("127.0.0.1") : local.toString();
    request.viaPort = m_streams->localPort(transaction.streamKey);
    request.branch = transaction.branch;
    request.fromTag = transaction.fromTag;
    request.callId = transaction.callId;
    request.fromUri = (transaction.uri.secure ? QStringLiteral("sips:") : QStringLiteral("sip:")) + m_options.fromUser
        + QLatin1Char('@') + sipHostPort(request.viaHost, request.viaPort);
    request.userAgent = m_options.userAgent;
    transaction.request = SipCodec::buildOptions(request);
    transaction.phase = Phase::Sent;
    QString error;
    if (!m_streams->write(transaction.streamKey, transaction.request, &error)) {
        finish(transaction.id, SipProbeOutcome::NetworkError,
               QStringLiteral("cannot send to %1: %2").arg(endpointText(transaction), error));
        return;
    }
    ++m_counters.requestsSent;
    transaction.firstSentNs = m_clock.nsecsElapsed();
}

void SipProber::onStreamConnected(const QString &key)
{
    const QList<quint64> ids = m_streamProbes.value(key);
    for (const quint64 id : ids) {
        const auto it = m_transactions.find(id);
        if (it != m_transactions.end() && it->phase == Phase::Connecting && it->streamKey == key)
            sendOnStream(*it);
    }
}

void SipProber::onStreamMessage(const QString &key, const QByteArray &message)
{
    handleResponse(message, QHostAddress(), 0, key);
}

void SipProber::onStreamFailed(const QString &key, SipStreamFailure failure, const QString &reason)
{
    if (failure == SipStreamFailure::Malformed)
        ++m_counters.malformed;
    const QList<quint64> ids = m_streamProbes.take(key);
    for (const quint64 id : ids) {
        const auto it = m_transactions.find(id);
        if (it == m_transactions.end() || it->streamKey != key)
            continue;
        switch (failure) {
        case SipStreamFailure::Refused:
            if (!tryNextAddress(*it))
                finish(id, SipProbeOutcome::Refused, reason);
            break;
        case SipStreamFailure::TlsFailed:
            finish(id, SipProbeOutcome::TlsFailed, reason);
            break;
        case SipStreamFailure::Timeout:
            finish(id, SipProbeOutcome::Timeout, reason);
            break;
        case SipStreamFailure::Closed:
        case SipStreamFailure::Malformed:
        case SipStreamFailure::Network:
            finish(id, SipProbeOutcome::NetworkError, reason + QStringLiteral(" before answering"));
            break;
        }
    }
}

bool SipProber::tryNextAddress(Transaction &transaction)
{
    if (transaction.addressIndex + 1 >= transaction.addresses.size())
        return false;
    ++transaction.addressIndex;
    if (transaction.timerE) {
        m_timerOwners.remove(transaction.timerE);
        killTimer(transaction.timerE);
        transaction.timerE = 0;
    }
    // Another destination is another transaction (RFC 3263 section 4.3).
    newBranch(transaction);
    transaction.streamKey.clear();
    startOnAddress(transaction);
    return true;
}

void SipProber::onDatagram(const QHostAddress &from, quint16 port, const QByteArray &datagram)
{
    handleResponse(datagram, from, port, QString());
}

void SipProber::handleResponse(const QByteArray &bytes, const QHostAddress &from, quint16 port, const QString &streamKey)
{
    if (!bytes.startsWith("SIP/2.0 ")) {
        // A request line ends in SIP/2.0; anything else is garbage.
        const qsizetype lineEnd = bytes.indexOf('\n');
        if (lineEnd > 0 && bytes.left(lineEnd).trimmed().endsWith("SIP/2.0"))
            ++m_counters.requestsIgnored;
        else
            ++m_counters.malformed;
        return;
    }
    QString problem;
    const std::optional<SipResponseInfo> response = SipCodec::parseResponse(bytes, &problem);
    if (!response) {
        ++m_counters.malformed;
        qCDebug(lcSip) << "dropped a malformed answer from" << from << port << problem;
        return;
    }
    const auto owner = m_byBranch.constFind(response->branch);
    if (owner == m_byBranch.cend()) {
        ++m_counters.unmatched;
        return;
    }
    const auto it = m_transactions.find(*owner);
    if (it == m_transactions.end() || it->phase != Phase::Sent) {
        ++m_counters.unmatched;
        return;
    }
    Transaction &transaction = *it;
    const bool sourceOk = transaction.uri.transport == SipTransport::Udp
        ? streamKey.isEmpty() && sameAddress(from, transaction.address) && port == transaction.connectPort
        : streamKey == transaction.streamKey;
    if (!sourceOk) {
        ++m_counters.wrongSource;
        return;
    }
    // RFC 3261 section 17.1.3: the branch and the CSeq method; the Call-ID and
    // number as well, since a forger who guessed a branch must guess those too.
    if (response->callId != transaction.callId || response->cseq != 1
        || response->cseqMethod.compare(QLatin1String("OPTIONS"), Qt::CaseInsensitive) != 0) {
        ++m_counters.unmatched;
        return;
    }
    if (response->statusCode < 200) {
        ++m_counters.provisionals;
        transaction.provisionalCode = response->statusCode;
        // Section 17.1.2.2: in Proceeding, retransmissions go every T2.
        if (transaction.timerE && transaction.retransmitMs < m_options.t2Ms) {
            m_timerOwners.remove(transaction.timerE);
            killTimer(transaction.timerE);
            transaction.retransmitMs = m_options.t2Ms;
            transaction.timerE = startTimer(transaction.retransmitMs, Qt::PreciseTimer);
            m_timerOwners.insert(transaction.timerE, transaction.id);
        }
        return;
    }
    ++m_counters.answers;
    finish(transaction.id, SipProbeOutcome::Answered, response->reason, response->statusCode);
}

void SipProber::onUnreachable(const QHostAddress &to, quint16 port, const QString &reason)
{
    QList<quint64> hit;
    for (auto it = m_transactions.cbegin(); it != m_transactions.cend(); ++it) {
        if (it->uri.transport == SipTransport::Udp && it->phase == Phase::Sent && it->connectPort == port
            && sameAddress(it->address, to))
            hit.append(it.key());
    }
    const bool portUnreachable = reason.contains(QLatin1String("port"));
    for (const quint64 id : std::as_const(hit)) {
        const auto it = m_transactions.find(id);
        if (it == m_transactions.end())
            continue;
        if (tryNextAddress(*it))
            continue;
        const QString where = sipHostPort(to.toString(), port);
        if (portUnreachable)
            finish(id, SipProbeOutcome::Refused, QStringLiteral("nothing listens on %1 (%2)").arg(where, reason));
        else
            finish(id, SipProbeOutcome::Unreachable, QStringLiteral("%1 cannot be reached (%2)").arg(where, reason));
    }
}

void SipProber::retransmit(Transaction &transaction)
{
    m_udp->send(transaction.address, transaction.connectPort, transaction.request);
    ++transaction.retransmissions;
    ++m_counters.retransmissions;
    // Section 17.1.2.2: double the interval up to T2 (stays T2 in Proceeding).
    transaction.retransmitMs = std::min(transaction.retransmitMs * 2, m_options.t2Ms);
    transaction.timerE = startTimer(transaction.retransmitMs, Qt::PreciseTimer);
    m_timerOwners.insert(transaction.timerE, transaction.id);
}

void SipProber::timerEvent(QTimerEvent *event)
{
    const int timerId = event->timerId();
    killTimer(timerId);
    const quint64 id = m_timerOwners.take(timerId);
    const auto it = m_transactions.find(id);
    if (it == m_transactions.end())
        return;
    if (timerId == it->timerE) {
        it->timerE = 0;
        retransmit(*it);
        return;
    }
    if (timerId != it->timerF)
        return;
    it->timerF = 0;
    QString reason;
    switch (it->phase) {
    case Phase::Resolving:
        finish(id, SipProbeOutcome::DnsFailed,
               QStringLiteral("%1 was not resolved within the %2 s timeout").arg(it->connectHost).arg(it->timeoutMs / 1000.0));
        return;
    case Phase::Connecting:
        reason = QStringLiteral("no %1 connection to %2").arg(sipTransportName(it->uri.transport), endpointText(*it));
        break;
    case Phase::Sent:
        break;
    }
    finish(id, SipProbeOutcome::Timeout, reason, it->provisionalCode);
}

void SipProber::finish(quint64 id, SipProbeOutcome outcome, const QString &reason, int statusCode)
{
    const auto it = m_transactions.find(id);
    if (it == m_transactions.end())
        return;
    const Transaction transaction = std::move(*it);
    m_transactions.erase(it);
    m_byBranch.remove(transaction.branch);
    for (const int timer : {transaction.timerE, transaction.timerF}) {
        if (timer) {
            m_timerOwners.remove(timer);
            killTimer(timer);
        }
    }
    if (!transaction.streamKey.isEmpty()) {
        const auto probes = m_streamProbes.find(transaction.streamKey);
        if (probes != m_streamProbes.end()) {
            probes->removeOne(id);
            if (probes->isEmpty())
                m_streamProbes.erase(probes);
        }
    }
    SipProbeResult result;
    result.probeId = id;
    result.target = transaction.targetText;
    result.transport = transaction.uri.transport;
    result.outcome = outcome;
    result.statusCode = statusCode;
    result.reason = reason;
    result.timeoutMs = transaction.timeoutMs;
    result.retransmissions = transaction.retransmissions;
    if (!transaction.address.isNull())
        result.address = sipHostPort(transaction.address.toString(), transaction.connectPort);
    if (outcome == SipProbeOutcome::Answered && transaction.firstSentNs >= 0)
        result.rttMs = static_cast<double>(m_clock.nsecsElapsed() - transaction.firstSentNs) / 1e6;
    result.finishedAt = QDateTime::currentDateTimeUtc();
    emit finished(result);
}

} // namespace cc
