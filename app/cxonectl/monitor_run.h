#pragma once
// `cxonectl monitor` while it runs: a Monitor until --duration ends, Ctrl-C or
// SIGTERM, one line per event on stdout (--json: one object a line), each
// decision about a channel put on the audit trail without ever waiting for it
// (the shared store's entries go through the local spool), the leader lease's
// changes said as "leader"/"standby", then a summary.

#include "monitor/monitor.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>

#include <memory>

namespace cc {
class AlarmKeeper;
class LeaderLease;
class MonitorMetrics;
}

namespace cc::cli {

class CliContext;

class MonitorRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MonitorRun)

public:
    MonitorRun(CliContext &context, const ConnectionProfile &profile, const ClientOptions &clientOptions,
               const MonitorSettings &settings, qint64 durationMs);

    // Snapshots and events also feed these figures (--metrics-listen).
    void setMetrics(std::shared_ptr<MonitorMetrics> metrics) { m_metrics = std::move(metrics); }
    // --leader-lease: acts only while it holds the lease; says "leader" or "standby" on each change.
    void setLease(LeaderLease *lease);
    void start();

private:
    void stop();
    void onEvent(const MonitorEvent &event);
    void onLeadership(bool leader, qint64 term, const QString &holder, const QDateTime &since);
    void finish();

    CliContext &m_context;
    QString m_tenant;
    Monitor *m_monitor;
    qint64 m_durationMs;
    bool m_probing;
    QElapsedTimer m_clock;
    MonitorSnapshotPtr m_last;
    int m_cycles = 0;
    QMap<QString, int> m_counts;
    bool m_stopping = false;
    std::shared_ptr<MonitorMetrics> m_metrics;
    LeaderLease *m_lease = nullptr;
    AlarmKeeper *m_alarms = nullptr;   // the tenant's alarms, kept while this monitor judges them
};

} // namespace cc::cli
