#include "monitor/failover_settings.h"

namespace cc {

QString failbackPolicyName(FailbackPolicy policy)
{
    return policy == FailbackPolicy::Automatic ? QStringLiteral("auto") : QStringLiteral("manual");
}

std::optional<FailbackPolicy> failbackPolicyFromName(const QString &name)
{
    if (name == QLatin1String("manual"))
        return FailbackPolicy::Manual;
    if (name == QLatin1String("auto") || name == QLatin1String("automatic"))
        return FailbackPolicy::Automatic;
    return std::nullopt;
}

} // namespace cc
