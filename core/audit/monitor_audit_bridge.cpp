#include "audit/monitor_audit_bridge.h"

#include "api/contract.h"
#include "audit/audit_log.h"
#include "audit/export_outbox.h"

namespace cc {

namespace {

void insertIf(QJsonObject *object, QLatin1String key, const std::optional<double> &value)
{
    if (value)
        object->insert(key, *value);
}

} // namespace

AuditEvent auditEventFromMonitorEvent(const MonitorEvent &event, const QString &tenant)
{
    AuditEvent audit;
    audit.eventType = event.type;
    audit.channelId = event.channelId;
    audit.source = event.source;
    audit.tenant = tenant;
    audit.details = event.details;
    audit.timestampMs = event.time.isValid() ? event.time.toMSecsSinceEpoch() : 0;
    return audit;
}

QJsonArray qualityMetricsFromSnapshot(const MonitorSnapshot &snapshot)
{
    QJsonArray metrics;
    for (const ChannelHealth &channel : snapshot.channels) {
        if (!channel.telemetryAt.isValid())
            continue;
        QJsonObject metric{
            {api::kKeyChannelId, channel.id},
            {api::kKeyTimestamp, channel.telemetryAt.toUTC().toString(Qt::ISODate)},
            {QStringLiteral("health"), healthStateName(channel.health)},
            {QStringLiteral("cycle"), static_cast<qint64>(snapshot.cycle)},
        };
        insertIf(&metric, api::kKeyLatencyMs, channel.latencyMs);
        insertIf(&metric, api::kKeyJitterMs, channel.jitterMs);
        insertIf(&metric, api::kKeyPacketLossPct, channel.packetLossPct);
        insertIf(&metric, QLatin1String("score"), channel.score);
        insertIf(&metric, QLatin1String("r_factor"), channel.rFactor);
        insertIf(&metric, QLatin1String("mos"), channel.mos);
        if (!channel.codec.isEmpty())
            metric.insert(QStringLiteral("codec"), channel.codec);
        metrics.append(metric);
    }
    return metrics;
}

MonitorAuditBridge::MonitorAuditBridge(AuditLog *log, ExportOutbox *outbox, const QString &tenant, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_outbox(outbox)
    , m_tenant(tenant)
{
}

void MonitorAuditBridge::recordEvent(const MonitorEvent &event)
{
    if (!m_recordsObservations && event.source != EventSource::Manual)
        return;
    if (m_log)
        m_log->append(auditEventFromMonitorEvent(event, m_tenant));
}

void MonitorAuditBridge::recordEvents(const MonitorEventList &events)
{
    for (const MonitorEvent &event : events)
        recordEvent(event);
}

void MonitorAuditBridge::exportSnapshot(const MonitorSnapshotPtr &snapshot)
{
    if (!m_outbox || !snapshot)
        return;
    const QJsonArray metrics = qualityMetricsFromSnapshot(*snapshot);
    if (!metrics.isEmpty())
        m_outbox->enqueueMetrics(metrics);
}

} // namespace cc
