#pragma once
// Everything a simulated tenant keeps, in one place: the handlers of each area
// (sign-in, channels, telemetry, export receiver, control API) read and change
// it; SimTenant owns it. Plain data, no behaviour of its own.

#include "channel_store.h"
#include "export_inbox.h"
#include "fault_state.h"
#include "idempotency_cache.h"
#include "rate_limiter.h"
#include "request_log.h"
#include "sim_options.h"
#include "telemetry_generator.h"
#include "token_store.h"

#include <QUrl>

#include <memory>

namespace cc::sim {

struct SimState
{
    explicit SimState(const SimOptions &tenantOptions);

    SimOptions options;              // the demo credentials filled in where empty
    std::shared_ptr<Clock> clock;    // never null
    QUrl baseUrl;                    // what clients reach the tenant at (Location, discovery)
    ChannelStore channels;
    TokenStore tokens;
    RateLimiter rateLimiter;
    IdempotencyCache idempotency;
    TelemetryGenerator telemetry;
    FaultState faults;
    RequestLog log;
    ExportInbox exports;
};

} // namespace cc::sim
