#include "health_model.h"

#include "sim_hash.h"

#include <initializer_list>

namespace cc::sim {

namespace {

// One outcome of a dice in [0, 1): `status` when the dice is below `below`.
struct Chance
{
    double below;
    ChannelStatus status;
};

// The first of `chances` (in rising order) the dice falls under, else `otherwise`.
ChannelStatus roll(double dice, std::initializer_list<Chance> chances, ChannelStatus otherwise)
{
    for (const Chance &chance : chances) {
        if (dice < chance.below)
            return chance.status;
    }
    return otherwise;
}

} // namespace

ChannelStatus HealthModel::initialStatus(quint32 seed, const QString &channelId)
{
    const double dice = simUnit(seed, channelId, 0, SimSalt::InitialStatus);
    return roll(dice, {{0.02, ChannelStatus::Unhealthy}, {0.10, ChannelStatus::Degraded}}, ChannelStatus::Healthy);
}

ChannelStatus HealthModel::nextStatus(quint32 seed, const QString &channelId, qint64 checkIndex, ChannelStatus current)
{
    const double dice = simUnit(seed, channelId, checkIndex, SimSalt::CheckOutcome);
    switch (current) {
    case ChannelStatus::Disabled:
        return ChannelStatus::Disabled; // nobody checks a disabled trunk
    case ChannelStatus::Provisioning:
        return ChannelStatus::Healthy; // the contract: provisioning, then healthy
    case ChannelStatus::Degraded:
        return roll(dice, {{0.08, ChannelStatus::Unhealthy}, {0.55, ChannelStatus::Healthy}}, ChannelStatus::Degraded);
    case ChannelStatus::Unhealthy:
        return roll(dice, {{0.35, ChannelStatus::Healthy}, {0.65, ChannelStatus::Degraded}}, ChannelStatus::Unhealthy);
    case ChannelStatus::Healthy:
    case ChannelStatus::Active:
        break;
    }
    return roll(dice, {{0.005, ChannelStatus::Unhealthy}, {0.035, ChannelStatus::Degraded}}, ChannelStatus::Healthy);
}

ChannelStatus HealthModel::historicalStatus(quint32 seed, const QString &channelId, qint64 utcSeconds)
{
    // One dice per quarter hour: about one bad quarter hour in 40, one in 400 unhealthy.
    const double dice = simUnit(seed, channelId, utcSeconds / 900, SimSalt::HistoryStatus);
    return roll(dice, {{0.0025, ChannelStatus::Unhealthy}, {0.025, ChannelStatus::Degraded}}, ChannelStatus::Healthy);
}

} // namespace cc::sim
