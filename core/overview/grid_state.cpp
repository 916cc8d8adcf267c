#include "overview/grid_state.h"

namespace cc {

const QList<GridState> &gridStatesWorstFirst()
{
    static const QList<GridState> states{GridState::Down, GridState::FailedOver, GridState::Degraded,
                                         GridState::NoData, GridState::Paused, GridState::Up};
    return states;
}

GridState gridStateOf(const ChannelHealth &health)
{
    if (!health.routedVia.isEmpty())
        return GridState::FailedOver;
    if (health.health == HealthState::Down || health.tenantStatus == ChannelStatus::Unhealthy)
        return GridState::Down;
    if (health.tenantStatus == ChannelStatus::Degraded)
        return GridState::Degraded;
    if (health.tenantStatus == ChannelStatus::Disabled || health.failoverPaused)
        return GridState::Paused;
    // Readings the monitor has not yet judged (or none at all) vouch for nothing: not "up".
    if (health.health == HealthState::Unknown || (!health.latencyMs && !health.jitterMs && !health.packetLossPct))
        return GridState::NoData;
    return GridState::Up;
}

QString gridStateName(GridState state)
{
    switch (state) {
    case GridState::Up: return QStringLiteral("up");
    case GridState::Degraded: return QStringLiteral("degraded");
    case GridState::Down: return QStringLiteral("down");
    case GridState::FailedOver: return QStringLiteral("failed_over");
    case GridState::NoData: return QStringLiteral("no_data");
    case GridState::Paused: return QStringLiteral("paused");
    }
    return {};
}

int gridStateRank(GridState state)
{
    const QList<GridState> &order = gridStatesWorstFirst();
    return static_cast<int>(order.size()) - 1 - static_cast<int>(order.indexOf(state));
}

} // namespace cc
