#include "monitor/monitor_snapshot.h"

#include "model/json_reader.h"

#include <QJsonArray>

namespace cc {

namespace {

QJsonValue optionalNumber(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(toIsoUtc(time)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject ChannelHealth::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("tenant_status"), channelStatusName(tenantStatus)},
                       {QStringLiteral("health"), healthStateName(health)},
                       {QStringLiteral("latency_ms"), optionalNumber(latencyMs)},
                       {QStringLiteral("jitter_ms"), optionalNumber(jitterMs)},
                       {QStringLiteral("packet_loss_pct"), optionalNumber(packetLossPct)},
                       {QStringLiteral("quality_score"), optionalNumber(score)},
                       {QStringLiteral("r_factor"), optionalNumber(rFactor)},
                       {QStringLiteral("mos"), optionalNumber(mos)},
                       {QStringLiteral("codec"), codec},
                       {QStringLiteral("routed_via"), routedVia.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(routedVia)},
                       {QStringLiteral("failover_channels"), QJsonArray::fromStringList(failoverChannels)},
                       {QStringLiteral("last_seen"), optionalTime(lastSeen)},
                       {QStringLiteral("telemetry_at"), optionalTime(telemetryAt)},
                       {QStringLiteral("failover_paused"), failoverPaused},
                       {QStringLiteral("sip_probe"), probed ? QJsonValue(QJsonObject{
                                                                  {QStringLiteral("health"), probeHealthName(probe)},
                                                                  {QStringLiteral("code"), probeCode > 0 ? QJsonValue(probeCode) : QJsonValue(QJsonValue::Null)},
                                                                  {QStringLiteral("rtt_ms"), optionalNumber(probeRttMs)},
                                                                  {QStringLiteral("last"), probeSummary},
                                                                  {QStringLiteral("disagreement"), probeDisagreement}})
                                                            : QJsonValue(QJsonValue::Null)}};
}

QJsonObject MonitorSnapshot::toJson() const
{
    QJsonArray rows;
    for (const ChannelHealth &channel : channels)
        rows.append(channel.toJson());
    return QJsonObject{{QStringLiteral("cycle"), static_cast<qint64>(cycle)},
                       {QStringLiteral("taken_at"), optionalTime(takenAt)},
                       {QStringLiteral("api_calls"), apiCalls},
                       {QStringLiteral("telemetry_queries"), telemetryQueries},
                       {QStringLiteral("cycle_ms"), cycleMs},
                       {QStringLiteral("cpu_ms"), cpuMs},
                       {QStringLiteral("interval_ms"), intervalMs},
                       {QStringLiteral("failover_paused_all"), failoverPausedAll},
                       {QStringLiteral("tenant_read"), tenantRead},
                       {QStringLiteral("problem"), problem.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(problem)},
                       {QStringLiteral("budget_limit"), budgetLimit},
                       {QStringLiteral("budget_remaining"), budgetRemaining},
                       {QStringLiteral("channels"), rows}};
}

} // namespace cc
