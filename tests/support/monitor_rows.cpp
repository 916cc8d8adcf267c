#include "monitor_rows.h"

#include <QDateTime>

#include <memory>

namespace cc::test {

TelemetryPoint telemetryPoint(const QString &id, const QDateTime &at, std::optional<double> latencyMs,
                              std::optional<double> jitterMs, std::optional<double> packetLossPct)
{
    TelemetryPoint point;
    point.channelId = id;
    point.timestamp = at;
    point.latencyMs = latencyMs;
    point.jitterMs = jitterMs;
    point.packetLossPct = packetLossPct;
    return point;
}

ChannelHealth channelRow(const QString &id, HealthState health)
{
    ChannelHealth row;
    row.id = id;
    row.name = QStringLiteral("trunk-") + id;
    row.health = health;
    row.tenantStatus = health == HealthState::Down ? ChannelStatus::Unhealthy : ChannelStatus::Healthy;
    row.latencyMs = 40.0;
    row.telemetryAt = QDateTime::currentDateTimeUtc();
    return row;
}

MonitorSnapshotPtr snapshotOf(const QList<ChannelHealth> &rows, qint64 intervalMs)
{
    auto snapshot = std::make_shared<MonitorSnapshot>();
    snapshot->takenAt = QDateTime::currentDateTimeUtc();
    snapshot->channels = rows;
    snapshot->intervalMs = intervalMs;
    return snapshot;
}

} // namespace cc::test
