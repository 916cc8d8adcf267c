#include "monitor_run.h"

#include "alarm_commands.h"
#include "cli_audit_trail.h"
#include "cli_context.h"

#include "alarms/alarm_keeper.h"
#include "audit/leader_lease.h"
#include "audit/monitor_audit_bridge.h"
#include "metrics/monitor_metrics.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <csignal>

namespace cc::cli {

namespace {

// Set by SIGINT/SIGTERM, polled on the event loop (nothing else is safe in a handler).
volatile std::sig_atomic_t g_stopRequested = 0;

void requestStop(int)
{
    g_stopRequested = 1;
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

MonitorRun::MonitorRun(CliContext &context, const ConnectionProfile &profile, const ClientOptions &clientOptions,
                       const MonitorSettings &settings, qint64 durationMs)
    : QObject(&context)
    , m_context(context)
    , m_tenant(profile.name.isEmpty() ? profile.baseUrl.host() : profile.name)
    , m_monitor(new Monitor(profile, clientOptions, settings, this))
    , m_durationMs(durationMs)
    , m_probing(settings.probe.enabled)
{
    connect(m_monitor, &Monitor::eventRaised, this, &MonitorRun::onEvent);
    connect(m_monitor, &Monitor::snapshotReady, this, [this](const MonitorSnapshotPtr &snapshot) {
        if (m_metrics)
            m_metrics->observeSnapshot(snapshot);
        m_last = snapshot;
        ++m_cycles;
        // Each cycle's quality figures go to the export endpoint in bulk (with --export-url).
        m_context.auditTrail()->exportMetrics(qualityMetricsFromSnapshot(*snapshot));
    });
    connect(m_monitor, &Monitor::stopped, this, &MonitorRun::finish);
    // Whoever runs the monitor keeps the tenant's alarms current in the store.
    m_alarms = startAlarmKeeper(context, profile.budgetKey(), m_tenant, settings, this);
    connect(m_monitor, &Monitor::snapshotReady, m_alarms, &AlarmKeeper::observeSnapshot);
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this] {
        if (g_stopRequested || (m_durationMs > 0 && m_clock.elapsed() >= m_durationMs))
            stop();
    });
    poll->start(100);
}

void MonitorRun::setLease(LeaderLease *lease)
{
    m_lease = lease;
    connect(lease, &LeaderLease::leadershipChanged, this, &MonitorRun::onLeadership);
    connect(lease, &LeaderLease::attemptFailed, this, [this](const QString &error) {
        m_context.err() << "cxonectl: " << error << ". Routing changes wait for a confirmed lease.\n" << Qt::flush;
    });
}

void MonitorRun::onLeadership(bool leader, qint64 term, const QString &holder, const QDateTime &since)
{
    m_monitor->setFailoverPaused(!leader);
    // The leader keeps the tenant's alarms, its entries under its term; a standby follows them.
    m_alarms->setJudging(leader);
    if (leader && m_lease)
        m_alarms->setWriterDetails({{QStringLiteral("lease_term"), term}, {QStringLiteral("lease_holder"), m_lease->holderId()}});
    if (m_metrics)
        m_metrics->setLeader(leader);
    const QString sinceText = since.isValid() ? since.toString(Qt::ISODateWithMs) : QStringLiteral("unknown");
    if (m_context.options().json) {
        QJsonObject line{{QStringLiteral("type"), leader ? QStringLiteral("leader") : QStringLiteral("standby")},
                         {QStringLiteral("term"), term},
                         {QStringLiteral("holder"), holder},
                         {QStringLiteral("since"), sinceText}};
        if (m_lease)
            line.insert(QStringLiteral("self"), m_lease->holderId());
        // A leader that stood down: the last moment it could have acted, by
        // this host's clock (the fence's, converted), to set beside the next
        // leader's start by the database's.
        if (!leader && m_lease && m_lease->fence()->lastSafeUntilMs() > 0) {
            const qint64 untilMs = m_lease->fence()->lastSafeUntilMs();
            const QDateTime until = QDateTime::currentDateTimeUtc().addMSecs(untilMs - LeaseFence::nowMs());
            line.insert(QStringLiteral("acted_until"), until.toString(Qt::ISODateWithMs));
        }
        m_context.out() << compactJson(line) << '\n';
    } else if (leader) {
        m_context.out() << "leader: this monitor holds the lease (term " << term << ", since " << sinceText << ") and acts\n";
    } else {
        m_context.out() << "standby: " << (holder.isEmpty() ? QStringLiteral("the lease is not confirmed") : holder)
                        << " leads (term " << term << ", since " << sinceText << "); this monitor watches\n";
    }
    m_context.out().flush();
}

void MonitorRun::start()
{
    g_stopRequested = 0;
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    m_clock.start();
    m_monitor->start();
    if (m_lease) {
        // A standby watches: nothing acts before the lease is confirmed (the
        // client's fence refuses anyway).
        m_monitor->setFailoverPaused(true);
        m_alarms->setJudging(false);
        m_lease->start();
    }
}

void MonitorRun::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_monitor->stop();
}

void MonitorRun::onEvent(const MonitorEvent &event)
{
    ++m_counts[event.type];
    if (m_metrics)
        m_metrics->observeEvent(event);
    if (m_context.options().json)
        m_context.out() << compactJson(event.toJson()) << '\n';
    else
        m_context.out() << event.toLine() << '\n';
    m_context.out().flush();
    // Every event goes to the audit trail, as the console's MonitorAuditBridge
    // records it (the same entry from the same event), queued: the shared
    // store's entries wait in the local spool while it does not answer.
    AuditEvent entry = auditEventFromMonitorEvent(event, m_tenant);
    // The fencing token: which term of the lease this entry was made under.
    if (m_lease) {
        entry.details.insert(QStringLiteral("lease_term"), m_lease->fence()->term());
        entry.details.insert(QStringLiteral("lease_holder"), m_lease->holderId());
    }
    m_context.auditTrail()->recordInBackground(entry, m_context.err());
}

void MonitorRun::finish()
{
    if (m_lease)
        m_lease->release();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    QJsonObject health{{QStringLiteral("up"), 0}, {QStringLiteral("down"), 0}, {QStringLiteral("unknown"), 0}};
    QJsonObject probes{{QStringLiteral("up"), 0}, {QStringLiteral("down"), 0}, {QStringLiteral("unknown"), 0}};
    int failedOver = 0;
    if (m_last) {
        for (const ChannelHealth &row : m_last->channels) {
            const QString state = healthStateName(row.health);
            health.insert(state, health.value(state).toInt() + 1);
            failedOver += row.routedVia.isEmpty() ? 0 : 1;
            const QString probe = probeHealthName(row.probe);
            probes.insert(probe, probes.value(probe).toInt() + 1);
        }
    }
    QJsonObject counts;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
        counts.insert(it.key(), it.value());
    QJsonObject summary{
        {QStringLiteral("type"), QStringLiteral("summary")},
        {QStringLiteral("duration_s"), static_cast<double>(m_clock.elapsed()) / 1000.0},
        {QStringLiteral("cycles"), m_cycles},
        {QStringLiteral("channels"), m_last ? m_last->channels.size() : 0},
        {QStringLiteral("health"), health},
        {QStringLiteral("failed_over_now"), failedOver},
        {QStringLiteral("failovers"), m_counts.value(QString(events::kFailoverDone))},
        {QStringLiteral("failbacks"), m_counts.value(QString(events::kFailbackDone))},
        {QStringLiteral("alarms"), m_counts.value(QString(events::kAlarm))},
        {QStringLiteral("api_calls_per_cycle"), m_last ? m_last->apiCalls : 0},
        {QStringLiteral("interval_ms"), m_last ? m_last->intervalMs : 0},
        {QStringLiteral("events"), counts}};
    if (m_probing) {
        summary.insert(QStringLiteral("sip_probe"), probes);
        summary.insert(QStringLiteral("disagreements"), m_counts.value(QString(events::kSipProbeDisagreement)));
    }
    if (m_context.options().json) {
        m_context.out() << compactJson(summary) << '\n';
    } else {
        m_context.out() << "Summary: " << m_cycles << " cycles in " << summary.value(QLatin1String("duration_s")).toDouble()
                        << " s, " << summary.value(QLatin1String("channels")).toInt() << " channels (up "
                        << health.value(QLatin1String("up")).toInt() << ", down " << health.value(QLatin1String("down")).toInt()
                        << ", unknown " << health.value(QLatin1String("unknown")).toInt() << "), " << failedOver
                        << " routed via a backup now; " << summary.value(QLatin1String("failovers")).toInt()
                        << " failovers, " << summary.value(QLatin1String("failbacks")).toInt() << " failbacks, "
                        << summary.value(QLatin1String("alarms")).toInt() << " alarms; "
                        << summary.value(QLatin1String("api_calls_per_cycle")).toInt() << " API calls per cycle";
        if (m_probing) {
            m_context.out() << "; SIP probes up " << probes.value(QLatin1String("up")).toInt() << ", down "
                            << probes.value(QLatin1String("down")).toInt() << ", unknown "
                            << probes.value(QLatin1String("unknown")).toInt() << ", "
                            << summary.value(QLatin1String("disagreements")).toInt() << " disagreements";
        }
        m_context.out() << ".\n";
    }
    // The monitor reports what happened; it exits 0 even when the tenant misbehaved.
    m_context.finish(ExitCode::Success);
}

} // namespace cc::cli
