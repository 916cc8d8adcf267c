#pragma once

// What the monitor reads and hands its listeners, built for a test: a telemetry
// point, a channel's row and a snapshot of rows.

#include "model/telemetry.h"
#include "monitor/monitor_snapshot.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace cc::test {

// A telemetry reading of channel `id` at `at`; a figure left empty is one the tenant did not report.
TelemetryPoint telemetryPoint(const QString &id, const QDateTime &at, std::optional<double> latencyMs,
                              std::optional<double> jitterMs, std::optional<double> packetLossPct);

// Channel `id` ("trunk-<id>") at `health`, the tenant's status to match (Down
// reads Unhealthy), 40 ms of latency read now.
ChannelHealth channelRow(const QString &id, HealthState health);

// One monitor cycle's snapshot of `rows` at a `intervalMs` cadence, taken now.
MonitorSnapshotPtr snapshotOf(const QList<ChannelHealth> &rows, qint64 intervalMs = 1000);

} // namespace cc::test
