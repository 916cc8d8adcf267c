#include "monitor/failover_signal.h"

namespace cc {

QString failoverSignalName(FailoverSignal signal)
{
    switch (signal) {
    case FailoverSignal::Both: return QStringLiteral("both");
    case FailoverSignal::TenantOnly: return QStringLiteral("tenant");
    case FailoverSignal::ProbeOnly: return QStringLiteral("probe");
    case FailoverSignal::Either: return QStringLiteral("either");
    }
    return QStringLiteral("both");
}

std::optional<FailoverSignal> failoverSignalFromName(const QString &name)
{
    for (const FailoverSignal signal : {FailoverSignal::Both, FailoverSignal::TenantOnly, FailoverSignal::ProbeOnly,
                                        FailoverSignal::Either}) {
        if (name == failoverSignalName(signal))
            return signal;
    }
    return std::nullopt;
}

bool downForFailover(FailoverSignal signal, HealthState tenant, ProbeHealth probe)
{
    const bool tenantDown = tenant == HealthState::Down;
    const bool probeDown = probe == ProbeHealth::Down;
    switch (signal) {
    case FailoverSignal::Both: return tenantDown && probeDown;
    case FailoverSignal::TenantOnly: return tenantDown;
    case FailoverSignal::ProbeOnly: return probeDown;
    case FailoverSignal::Either: return tenantDown || probeDown;
    }
    return false;
}

bool upForFailback(FailoverSignal signal, HealthState tenant, ProbeHealth probe)
{
    const bool tenantUp = tenant == HealthState::Up;
    const bool probeUp = probe == ProbeHealth::Up;
    switch (signal) {
    case FailoverSignal::TenantOnly: return tenantUp;
    case FailoverSignal::ProbeOnly: return probeUp;
    case FailoverSignal::Both:
    case FailoverSignal::Either: return tenantUp && probeUp;
    }
    return false;
}

} // namespace cc
