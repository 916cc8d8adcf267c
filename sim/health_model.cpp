#include "health_model.h"

#include "sim_hash.h"

namespace cc::sim {

namespace {
constexpr quint64 kSaltInitial = 0x1001;
constexpr quint64 kSaltCheck = 0x1002;
constexpr quint64 kSaltHistory = 0x1003;
} // namespace

ChannelStatus HealthModel::initialStatus(quint32 seed, const QString &channelId)
{
    const double dice = simUnit(seed, channelId, 0, kSaltInitial);
    if (dice < 0.02)
        return ChannelStatus::Unhealthy;
    if (dice < 0.10)
        return ChannelStatus::Degraded;
    return ChannelStatus::Healthy;
}

ChannelStatus HealthModel::nextStatus(quint32 seed, const QString &channelId, qint64 checkIndex, ChannelStatus current)
{
    const double dice = simUnit(seed, channelId, checkIndex, kSaltCheck);
    switch (current) {
    case ChannelStatus::Disabled:
        return ChannelStatus::Disabled; // nobody checks a disabled trunk
    case ChannelStatus::Provisioning:
        return ChannelStatus::Healthy; // the contract: provisioning, then healthy
    case ChannelStatus::Degraded:
        if (dice < 0.08)
            return ChannelStatus::Unhealthy;
        if (dice < 0.55)
            return ChannelStatus::Healthy;
        return ChannelStatus::Degraded;
    case ChannelStatus::Unhealthy:
        if (dice < 0.35)
            return ChannelStatus::Healthy;
        if (dice < 0.65)
            return ChannelStatus::Degraded;
        return ChannelStatus::Unhealthy;
    case ChannelStatus::Healthy:
    case ChannelStatus::Active:
        break;
    }
    if (dice < 0.005)
        return ChannelStatus::Unhealthy;
    if (dice < 0.035)
        return ChannelStatus::Degraded;
    return ChannelStatus::Healthy;
}

ChannelStatus HealthModel::historicalStatus(quint32 seed, const QString &channelId, qint64 utcSeconds)
{
    // One dice per quarter hour: about one bad quarter hour in 40, one in 400 unhealthy.
    const double dice = simUnit(seed, channelId, utcSeconds / 900, kSaltHistory);
    if (dice < 0.0025)
        return ChannelStatus::Unhealthy;
    if (dice < 0.025)
        return ChannelStatus::Degraded;
    return ChannelStatus::Healthy;
}

} // namespace cc::sim
