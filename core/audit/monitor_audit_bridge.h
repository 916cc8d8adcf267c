#pragma once
// Puts what the monitor does on the audit trail: each MonitorEvent (health
// changes, failovers, failbacks, pauses, optimisations) becomes an audit entry,
// and each cycle's quality figures go to the export outbox's metrics queue.
// Lives on the owner's (UI) thread and never blocks: AuditLog and ExportOutbox
// do their work on their own threads.
//
//   connect(monitor, &Monitor::eventsRaised, bridge, &MonitorAuditBridge::recordEvents);
//   connect(monitor, &Monitor::snapshotReady, bridge, &MonitorAuditBridge::exportSnapshot);

#include "audit/audit_entry.h"
#include "monitor/monitor_event.h"
#include "monitor/monitor_snapshot.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>

namespace cc {

class AuditLog;
class ExportOutbox;

// The audit entry for a monitor event: same type, channel, source, time and details.
AuditEvent auditEventFromMonitorEvent(const MonitorEvent &event, const QString &tenant);
// One metric object per channel that had telemetry in the cycle:
// {"channel_id", "timestamp", "latency_ms", "jitter_ms", "packet_loss_pct", "score",
//  "r_factor", "mos", "codec", "health", "cycle"}; absent figures are left out, never zero.
QJsonArray qualityMetricsFromSnapshot(const MonitorSnapshot &snapshot);

class MonitorAuditBridge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MonitorAuditBridge)

public:
    // `outbox` may be null (no export configured).
    MonitorAuditBridge(AuditLog *log, ExportOutbox *outbox, const QString &tenant, QObject *parent = nullptr);

    void recordEvent(const cc::MonitorEvent &event);
    void recordEvents(const cc::MonitorEventList &events);
    void exportSnapshot(const cc::MonitorSnapshotPtr &snapshot);
    // While a monitor service leads the tenant on the shared trail, a console's
    // monitor only watches: what it sees is the service's to record (five
    // consoles would write every health change five times), so only the
    // operator's own actions (source manual) are recorded. On by default.
    void setRecordsObservations(bool records) { m_recordsObservations = records; }
    bool recordsObservations() const { return m_recordsObservations; }

private:
    QPointer<AuditLog> m_log;
    QPointer<ExportOutbox> m_outbox;
    QString m_tenant;
    bool m_recordsObservations = true;
};

} // namespace cc
