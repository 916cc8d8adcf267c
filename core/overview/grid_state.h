#pragma once
// The one state a status-grid cell shows for a channel, judged from the
// monitor's row: what a NOC operator must act on first wins (a failover in
// force over the reason for it, down over degraded, and so on).

#include "monitor/monitor_snapshot.h"

#include <QString>

namespace cc {

enum class GridState { Up, Degraded, Down, FailedOver, NoData, Paused };

// Every state, worst first: the order of the status groups and of the headline.
const QList<GridState> &gridStatesWorstFirst();

// FailedOver when its traffic goes via a backup; Down when the monitor or the
// tenant says so; Degraded on the tenant's word; NoData without any reading;
// Paused when automatic failover is paused for it or it is disabled; else Up.
GridState gridStateOf(const ChannelHealth &health);

// Stable machine names ("up", "failed_over", ...), for settings and tests.
QString gridStateName(GridState state);

// 0 for Up, higher is worse.
int gridStateRank(GridState state);

} // namespace cc
