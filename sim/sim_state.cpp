#include "sim_state.h"

#include "common/system_clock.h"

namespace cc::sim {

SimState::SimState(const SimOptions &tenantOptions)
    : options(tenantOptions)
    , clock(tenantOptions.clock ? tenantOptions.clock : std::make_shared<SystemClock>())
    , channels(tenantOptions.seed)
    , rateLimiter(tenantOptions.rateLimitPerMinute)
    , telemetry(tenantOptions.seed)
{
    if (options.clientSecret.isEmpty())
        options.clientSecret = QString::fromLatin1(kDemoClientSecret);
    if (options.accessKeyId.isEmpty())
        options.accessKeyId = QString::fromLatin1(kDemoAccessKeyId);
    if (options.accessKeySecret.isEmpty())
        options.accessKeySecret = QString::fromLatin1(kDemoAccessKeySecret);
}

} // namespace cc::sim
