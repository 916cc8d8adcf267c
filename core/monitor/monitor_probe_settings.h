#pragma once
// How the monitor probes the trunks itself (`cxonectl monitor --sip-probe`, the
// console's profile setting): off by default; each channel's
// sip_server:sip_port gets SIP OPTIONS at the channel's own
// health_check.interval_seconds (the tenant's cadence, so both signals see the
// trunk equally often) unless `intervalMs` says otherwise; verdicts by
// ProbeHealthSettings (Kamailio's semantics; defaults and why in
// probe_health_settings.h). Probes never touch the tenant's API budget.

#include "model/channel.h"
#include "sip/probe_health_settings.h"
#include "sip/sip_probe_target.h"
#include "sip/sip_prober.h"
#include "sip/sip_uri.h"

#include <QList>
#include <QString>

#include <optional>

namespace cc {

struct MonitorProbeSettings
{
    bool enabled = false;
    ProbeHealthSettings health;
    int intervalMs = 0;          // 0: each channel's health_check.interval_seconds
    // 5 s: a carrier's SBC answers OPTIONS in tens of milliseconds; one that
    // needs seconds is in trouble, and Timer E has retransmitted 3 times by then.
    int timeoutMs = 5 * 1000;
    SipTransport transport = SipTransport::Udp;
    SipProberOptions prober;     // connect-to rules, CA certificates
};

// "udp", "tcp", "tls".
std::optional<SipTransport> probeTransportFromName(const QString &name);

// sip:SERVER:PORT (;transport=tcp), or sips:SERVER:PORT for TLS.
QString probeUriFor(const Channel &channel, SipTransport transport);

// One target per channel with a SIP server, keyed by the channel id.
QList<SipProbeTarget> probeTargetsFor(const QList<Channel> &channels, const MonitorProbeSettings &settings);

} // namespace cc
