#pragma once
// The two signals a failover decision may rest on: the tenant's verdict (its
// health checks, after the monitor's hysteresis) and the console's own SIP
// OPTIONS probe (core/sip, after Kamailio-style thresholds). The rule says
// which of them must call a channel down before it is failed over, and which
// must call it up again before it is failed back.
//
// Both (the default): a failover needs the two to agree. The tenant re-reads a
// trunk only every interval_seconds and may be wrong or slow; a probe sees
// only the signalling path from this console's network. Either alone has
// failed over a trunk that carried calls; together they rarely do.
// Failback, for Both and Either, waits until both say up: going back to a
// primary that one signal still calls down is a failover to an unhealthy
// target. An Unknown probe is no evidence: with Both it blocks a failover.

#include "monitor/health_state.h"
#include "sip/probe_health_state.h"

#include <QString>

#include <optional>

namespace cc {

enum class FailoverSignal { Both, TenantOnly, ProbeOnly, Either };

// "both", "tenant", "probe", "either".
QString failoverSignalName(FailoverSignal signal);
std::optional<FailoverSignal> failoverSignalFromName(const QString &name);

// Whether the rule calls the channel down for failover / up for failback.
bool downForFailover(FailoverSignal signal, HealthState tenant, ProbeHealth probe);
bool upForFailback(FailoverSignal signal, HealthState tenant, ProbeHealth probe);

} // namespace cc
