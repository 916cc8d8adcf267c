#pragma once
// How the monitor runs: its cadence, how much of the tenant's request budget it
// may spend, and the failover settings it hands to its engine.

#include "model/telemetry.h"
#include "monitor/failover_settings.h"
#include "monitor/monitor_probe_settings.h"

namespace cc {

struct MonitorSettings
{
    FailoverSettings failover;
    // Time from the start of one cycle to the start of the next (10 s by default).
    qint64 intervalMs = 10 * 1000;
    // The share of the tenant's per-minute request budget the monitor may use.
    // The rest is for the operator's own calls and other consoles on the tenant
    // (the budget is per tenant, not per client).
    double budgetShare = 0.5;
    // Telemetry asked for each cycle: the last complete bucket of this interval.
    TelemetryInterval telemetryInterval = TelemetryInterval::TenSeconds;
    // The longest one cycle may take, from its list to its last telemetry query
    // (0: three intervals, at least 30 s, so that a large tenant's slow but
    // honest walk is not cut). A cycle past it is cut: its calls are cancelled
    // and it counts as "no data", so a hanging tenant never stalls the cadence.
    qint64 cycleDeadlineMs = 0;
    // The console's own SIP OPTIONS probes of the trunks (off by default); when
    // on, the worker sets failover.probing so the two-signal rule applies.
    MonitorProbeSettings probe;
};

} // namespace cc
