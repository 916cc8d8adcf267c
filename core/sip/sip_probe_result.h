#pragma once
// What one SIP OPTIONS probe found: a final answer (its code, reason and round
// trip), or why there was none. Each way a probe can fail is its own outcome,
// because each asks the NOC for something different: silence (a firewall, a
// dead host), "nothing listens" (the SIP service is down on a live host), a
// name that does not resolve, a certificate that does not verify.

#include "sip/sip_uri.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace cc {

enum class SipProbeOutcome {
    Answered,      // a final response (any code: whether it counts as up is ProbeHealthSettings' call)
    Timeout,       // no final response within the timeout ("no answer")
    Refused,       // ICMP port unreachable (UDP) or connection refused (TCP, TLS): nothing listens
    Unreachable,   // ICMP host or network unreachable
    DnsFailed,     // the name did not resolve ("down: DNS")
    TlsFailed,     // the TLS handshake or the certificate check failed
    NetworkError,  // the connection broke, or the request could not be sent
    Cancelled,
};

// "answered", "timeout", "refused", "unreachable", "dns", "tls", "network",
// "cancelled": stable names for JSON, events and metrics labels.
QString sipProbeOutcomeName(SipProbeOutcome outcome);

struct SipProbeResult
{
    quint64 probeId = 0;
    QString target;                 // the URI probed, as given
    SipTransport transport = SipTransport::Udp;
    SipProbeOutcome outcome = SipProbeOutcome::Timeout;
    int statusCode = 0;             // when Answered (and the last 1xx otherwise, 0 if none)
    QString reason;                 // the reason phrase when Answered, else the failure in words
    double rttMs = -1;              // first transmission to the final response; -1 without one
    QString address;                // the address:port the probe went to, when known
    int retransmissions = 0;        // Timer E retransmissions sent (UDP)
    int timeoutMs = 0;
    QDateTime finishedAt;           // UTC

    bool answered() const { return outcome == SipProbeOutcome::Answered; }
    // One line for people: "200 OK in 12.4 ms from 192.0.2.7:5060",
    // "no answer within 5 s (3 retransmissions)", "nothing listens on ...".
    QString summary() const;
    QJsonObject toJson() const;
};

} // namespace cc
