#pragma once
// Sends SIP OPTIONS probes (RFC 3261 section 11) and matches each answer to its
// probe, for any number of targets from the one thread it lives in:
//
// - one UDP socket for every UDP target (sip_udp_socket.h), TCP and TLS
//   connections kept per endpoint and reused (sip_stream_pool.h);
// - each probe is a client non-INVITE transaction (section 17.1.2): a new
//   branch and Call-ID, CSeq 1; over UDP the request is retransmitted on
//   Timer E (T1 = 500 ms, doubling to T2 = 4 s, and every T2 once a 1xx came);
//   Timer F, 64*T1 in the RFC, is the probe's own short timeout here, which
//   also covers name resolution and connecting;
// - an answer is matched by the top Via's branch, then checked against the
//   probe's Call-ID, CSeq, transport and the address it was sent to; anything
//   else (unparsable, unmatched, from elsewhere, a request) is dropped and
//   counted, never trusted;
// - the name is resolved first (sip_resolver.h), after the connect-to rules
//   (sip_connect_to.h); a refused address is followed by the next one the name
//   resolved to (RFC 3263 section 4.3).
//
// Timers are the object's own (QObject::startTimer), not a QTimer per probe.

#include "sip/sip_connect_to.h"
#include "sip/sip_probe_result.h"
#include "sip/sip_resolver.h"
#include "sip/sip_stream_pool.h"
#include "sip/sip_uri.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslCertificate>

namespace cc {

class SipUdpSocket;

struct SipProberOptions
{
    QHostAddress bindAddress = QHostAddress(QHostAddress::Any);
    quint16 bindPort = 0;                      // 0: any free port
    QString fromUser = QStringLiteral("channel-console");
    QString userAgent;                         // empty: "Channel Console VERSION"
    QList<QSslCertificate> caCertificates;     // trusted for TLS besides the system's
    SipConnectTo connectTo;
    int t1Ms = 500;                            // RFC 3261 section 17.1.1.1
    int t2Ms = 4000;
};

struct SipProberCounters
{
    qint64 probes = 0;
    qint64 requestsSent = 0;       // first transmissions
    qint64 retransmissions = 0;
    qint64 answers = 0;            // final answers matched to a probe
    qint64 provisionals = 0;
    qint64 malformed = 0;          // unparsable datagrams and stream messages, streams dropped for garbage
    qint64 unmatched = 0;          // well-formed answers to no probe in flight (late, duplicate, forged)
    qint64 wrongSource = 0;        // an answer to a probe, from another address or connection
    qint64 requestsIgnored = 0;    // requests sent to the prober (it answers none)
};

class SipProber final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipProber)

public:
    static constexpr int kDefaultTimeoutMs = 5000;
    static constexpr int kMinTimeoutMs = 100;
    static constexpr int kMaxTimeoutMs = 32000;   // 64*T1: never longer than RFC 3261's Timer F

    explicit SipProber(const SipProberOptions &options = {}, QObject *parent = nullptr);
    ~SipProber() override;

    // Opens the UDP socket now (probe() does it on first use); false with `error`.
    bool open(QString *error = nullptr);
    quint16 udpPort() const;

    // Starts a probe; its result comes once through finished(), never from
    // inside this call. The timeout is clamped to kMinTimeoutMs..kMaxTimeoutMs.
    quint64 probe(const SipUri &target, int timeoutMs = kDefaultTimeoutMs);
    // Ends a probe in flight with outcome Cancelled.
    void cancel(quint64 probeId);

    int inFlight() const { return static_cast<int>(m_transactions.size()); }
    const SipProberCounters &counters() const { return m_counters; }
    int streamConnections() const;
    SipResolver *resolver() const { return m_resolver; }
    void setConnectTo(const SipConnectTo &rules) { m_options.connectTo = rules; }

signals:
    void finished(const SipProbeResult &result);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    enum class Phase { Resolving, Connecting, Sent };
    struct Transaction
    {
        quint64 id = 0;
        SipUri uri;
        QString targetText;
        int timeoutMs = 0;
        Phase phase = Phase::Resolving;
        QString branch;
        QString callId;
        QString fromTag;
        QString branchSeed;
        QString connectHost;              // after connect-to rules
        quint16 connectPort = 0;
        QList<QHostAddress> addresses;
        int addressIndex = 0;
        QHostAddress address;
        QString streamKey;
        QByteArray request;
        qint64 firstSentNs = -1;
        int retransmitMs = 0;
        int timerE = 0;
        int timerF = 0;
        int retransmissions = 0;
        int provisionalCode = 0;
    };

    void startQueued();
    void onResolved(quint64 id, const SipResolution &resolution);
    void startOnAddress(Transaction &transaction);
    void sendUdp(Transaction &transaction);
    void sendOnStream(Transaction &transaction);
    void onDatagram(const QHostAddress &from, quint16 port, const QByteArray &datagram);
    void onUnreachable(const QHostAddress &to, quint16 port, const QString &reason);
    void onStreamConnected(const QString &key);
    void onStreamMessage(const QString &key, const QByteArray &message);
    void onStreamFailed(const QString &key, SipStreamFailure failure, const QString &reason);
    void handleResponse(const QByteArray &bytes, const QHostAddress &from, quint16 port, const QString &streamKey);
    void retransmit(Transaction &transaction);
    bool tryNextAddress(Transaction &transaction);
    void finish(quint64 id, SipProbeOutcome outcome, const QString &reason, int statusCode = 0);
    void newBranch(Transaction &transaction);
    QHostAddress localAddressToward(const QHostAddress &destination);
    QString endpointText(const Transaction &transaction) const;

    SipProberOptions m_options;
    SipResolver *m_resolver;
    SipUdpSocket *m_udp;
    SipStreamPool *m_streams;
    QElapsedTimer m_clock;
    quint64 m_nextId = 0;
    QHash<quint64, Transaction> m_transactions;
    QHash<QString, quint64> m_byBranch;
    QHash<int, quint64> m_timerOwners;
    QHash<QString, QList<quint64>> m_streamProbes;   // stream key -> probes using it
    QHash<QHostAddress, QHostAddress> m_localAddresses;
    QList<quint64> m_toStart;   // probes whose resolution starts on the next event-loop turn
    SipProberCounters m_counters;
};

} // namespace cc
