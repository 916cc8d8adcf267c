#include "engine_commands.h"

#include "alarm_commands.h"
#include "cli_audit_trail.h"
#include "cli_context.h"
#include "command.h"
#include "command_registry.h"
#include "monitor_probe_options.h"

#include "alarms/alarm_keeper.h"
#include "audit/audit_database_url.h"
#include "audit/leader_lease.h"
#include "audit/monitor_audit_bridge.h"
#include "client/rate_budget.h"
#include "metrics/metrics_server.h"
#include "metrics/monitor_metrics.h"
#include "model/json_reader.h"
#include "monitor/monitor.h"
#include "quality/e_model.h"
#include "quality/quality_score.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMap>
#include <QTimer>

#include <csignal>
#include <memory>

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

// A positive whole number option; finishes with a usage error and returns nullopt otherwise.
std::optional<qint64> numberOption(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option,
                                   qint64 min, qint64 max, qint64 fallback, const QString &usage)
{
    if (!parser.isSet(option))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(option).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        context.usageError(QStringLiteral("--%1 needs a whole number from %2 to %3, not '%4'.")
                               .arg(option.names().constFirst())
                               .arg(min)
                               .arg(max)
                               .arg(parser.value(option)),
                           usage);
        return std::nullopt;
    }
    return value;
}

// ------------------------------------------------------------------ monitor

// Runs a Monitor until the duration ends or Ctrl-C, printing its events.
class MonitorRun final : public QObject
{
public:
    MonitorRun(CliContext &context, const ConnectionProfile &profile, const ClientOptions &clientOptions,
               const MonitorSettings &settings, qint64 durationMs)
        : QObject(&context)
        , m_context(context)
        , m_tenant(profile.name.isEmpty() ? profile.baseUrl.host() : profile.name)
        , m_monitor(new Monitor(profile, clientOptions, settings, this))
        , m_durationMs(durationMs)
        , m_probing(settings.probe.enabled)
    {
        connect(m_monitor, &Monitor::eventRaised, this, [this](const MonitorEvent &event) { onEvent(event); });
        connect(m_monitor, &Monitor::snapshotReady, this, [this](const MonitorSnapshotPtr &snapshot) {
            if (m_metrics)
                m_metrics->observeSnapshot(snapshot);
            m_last = snapshot;
            ++m_cycles;
            // Each cycle's quality figures go to the export endpoint in bulk (with --export-url).
            m_context.auditTrail()->exportMetrics(qualityMetricsFromSnapshot(*snapshot));
        });
        connect(m_monitor, &Monitor::stopped, this, [this] { finish(); });
        // Whoever runs the monitor keeps the tenant's alarms current in the store.
        AlarmKeeper *alarms = startAlarmKeeper(context, profile.budgetKey(), m_tenant, settings, this);
        connect(m_monitor, &Monitor::snapshotReady, alarms, &AlarmKeeper::observeSnapshot);
        auto *poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [this] {
            if (g_stopRequested || (m_durationMs > 0 && m_clock.elapsed() >= m_durationMs))
                stop();
        });
        poll->start(100);
    }

    // Snapshots and events also feed these figures (--metrics-listen).
    void setMetrics(std::shared_ptr<MonitorMetrics> metrics) { m_metrics = std::move(metrics); }

    // --leader-lease: acts only while it holds the lease; says "leader" or "standby" on each change.
    void setLease(LeaderLease *lease)
    {
        m_lease = lease;
        connect(lease, &LeaderLease::leadershipChanged, this,
                [this](bool leader, qint64 term, const QString &holder, const QDateTime &since) {
                    m_monitor->setFailoverPaused(!leader);
                    if (m_metrics)
                        m_metrics->setLeader(leader);
                    const QString sinceText = since.isValid() ? since.toString(Qt::ISODate) : QStringLiteral("unknown");
                    if (m_context.options().json)
                        m_context.out() << compactJson({{QStringLiteral("type"), leader ? QStringLiteral("leader") : QStringLiteral("standby")},
                                                        {QStringLiteral("term"), term},
                                                        {QStringLiteral("holder"), holder},
                                                        {QStringLiteral("since"), sinceText}})
                                        << '\n';
                    else if (leader)
                        m_context.out() << "leader: this monitor holds the lease (term " << term << ", since " << sinceText
                                        << ") and acts\n";
                    else
                        m_context.out() << "standby: " << (holder.isEmpty() ? QStringLiteral("the lease is not confirmed") : holder)
                                        << " leads (term " << term << ", since " << sinceText << "); this monitor watches\n";
                    m_context.out().flush();
                });
        connect(lease, &LeaderLease::attemptFailed, this, [this](const QString &error) {
            m_context.err() << "cxonectl: " << error << ". Routing changes wait for a confirmed lease.\n" << Qt::flush;
        });
    }

    void start()
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
            m_lease->start();
        }
    }

private:
    void stop()
    {
        if (m_stopping)
            return;
        m_stopping = true;
        m_monitor->stop();
    }

    void onEvent(const MonitorEvent &event)
    {
        ++m_counts[event.type];
        if (m_metrics)
            m_metrics->observeEvent(event);
        if (m_context.options().json)
            m_context.out() << compactJson(event.toJson()) << '\n';
        else
            m_context.out() << event.toLine() << '\n';
        m_context.out().flush();
        // Decisions about channels go to the audit trail; a failing store is said once.
        if (event.channelId.isEmpty() || m_auditBroken)
            return;
        QString error;
        AuditEvent entry = auditEventFromMonitorEvent(event, m_tenant);
        // The fencing token: which term of the lease this entry was made under.
        if (m_lease) {
            entry.details.insert(QStringLiteral("lease_term"), m_lease->fence()->term());
            entry.details.insert(QStringLiteral("lease_holder"), m_lease->holderId());
        }
        if (!m_context.auditTrail()->record(entry, &error)) {
            m_auditBroken = true;
            m_context.err() << "cxonectl: events are not being recorded in the audit trail: " << error
                            << ". The monitor goes on; fix --audit-db to keep a record.\n";
            m_context.err().flush();
        }
    }

    void finish()
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
    bool m_auditBroken = false;
    std::shared_ptr<MonitorMetrics> m_metrics;
    LeaderLease *m_lease = nullptr;
};

class MonitorCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("monitor"); }
    bool runsUntilStopped() const override { return true; }
    QString summary() const override
    {
        return QStringLiteral("Watch every channel and fail a down trunk over to a healthy backup, headless: one line "
                              "per event, then a summary (--json: one JSON object per line).");
    }
    QString usage() const override
    {
        return QStringLiteral("cxonectl monitor [--duration S] [--interval S] [--down-after N] [--up-after M]\n"
                              "                 [--cooldown S] [--failback manual|auto] [--no-auto-failover] [--quality-rule]\n"
                              "                 [--metrics-listen HOST:PORT] [--leader-lease [--lease-seconds S]]\n")
            + MonitorProbeOptions::usage();
    }

    void run(CliContext &context, const QStringList &arguments) override
    {
        QCommandLineParser parser;
        const QCommandLineOption durationOption(QStringLiteral("duration"), QStringLiteral("Stop after S seconds (default: Ctrl-C)."), QStringLiteral("S"));
        const QCommandLineOption intervalOption(QStringLiteral("interval"), QStringLiteral("Seconds between cycles (default 10)."), QStringLiteral("S"));
        const QCommandLineOption downOption(QStringLiteral("down-after"), QStringLiteral("Bad readings before Down (default 3)."), QStringLiteral("N"));
        const QCommandLineOption upOption(QStringLiteral("up-after"), QStringLiteral("Good readings before Up (default 3)."), QStringLiteral("M"));
        const QCommandLineOption cooldownOption(QStringLiteral("cooldown"), QStringLiteral("Seconds between automatic actions on a channel (default 300)."), QStringLiteral("S"));
        const QCommandLineOption failbackOption(QStringLiteral("failback"), QStringLiteral("manual (default) or auto."), QStringLiteral("POLICY"));
        const QCommandLineOption noAutoOption(QStringLiteral("no-auto-failover"), QStringLiteral("Watch and report only."));
        const QCommandLineOption qualityRuleOption(QStringLiteral("quality-rule"),
                                                   QStringLiteral("Also count a reading as bad when the score is under %1 "
                                                                  "or the MOS under %2.").arg(kTutorialOptimisationScore).arg(kFairMos));
        parser.addOptions({durationOption, intervalOption, downOption, upOption, cooldownOption, failbackOption, noAutoOption,
                           qualityRuleOption});
        const MonitorProbeOptions probeOptions;
        probeOptions.addTo(parser);
        const QCommandLineOption metricsOption(QStringLiteral("metrics-listen"),
                                               QStringLiteral("Serve /metrics (Prometheus text format) on HOST:PORT, or on "
                                                              "127.0.0.1:PORT given a port alone; port 0 picks a free one."),
                                               QStringLiteral("HOST:PORT"));
        parser.addOption(metricsOption);
        const QCommandLineOption leaseOption(QStringLiteral("leader-lease"),
                                             QStringLiteral("Act only while holding the tenant's leader lease in the shared "
                                                            "store (--audit-db postgresql://...); stand by otherwise."));
        const QCommandLineOption leaseSecondsOption(QStringLiteral("lease-seconds"),
                                                    QStringLiteral("The lease's length (default 15)."), QStringLiteral("S"));
        parser.addOptions({leaseOption, leaseSecondsOption});
        if (!parseArguments(context, parser, QStringLiteral("monitor"), arguments, 0,
                            QStringLiteral("'monitor' takes no channel: it watches them all.")))
            return;
        MonitorSettings settings;
        const auto duration = numberOption(context, parser, durationOption, 1, 365LL * 24 * 3600, 0, usage());
        if (!duration)
            return;
        const auto interval = numberOption(context, parser, intervalOption, 1, 3600, 10, usage());
        if (!interval)
            return;
        const auto down = numberOption(context, parser, downOption, 1, 100, 3, usage());
        if (!down)
            return;
        const auto up = numberOption(context, parser, upOption, 1, 100, 3, usage());
        if (!up)
            return;
        const auto cooldown = numberOption(context, parser, cooldownOption, 0, 24 * 3600, 300, usage());
        if (!cooldown)
            return;
        settings.intervalMs = *interval * 1000;
        settings.failover.hysteresis = {static_cast<int>(*down), static_cast<int>(*up), static_cast<int>(*down)};
        settings.failover.cooldownMs = *cooldown * 1000;
        settings.failover.autoFailover = !parser.isSet(noAutoOption);
        settings.failover.qualityRule = parser.isSet(qualityRuleOption);
        if (parser.isSet(failbackOption)) {
            const std::optional<FailbackPolicy> policy = failbackPolicyFromName(parser.value(failbackOption));
            if (!policy) {
                context.usageError(QStringLiteral("--failback is manual or auto, not '%1'.").arg(parser.value(failbackOption)), usage());
                return;
            }
            settings.failover.failback = *policy;
        }
        if (!probeOptions.apply(context, parser, usage(), settings))
            return;
        const auto leaseSeconds = numberOption(context, parser, leaseSecondsOption, 3, 3600, 15, usage());
        if (!leaseSeconds)
            return;
        if (parser.isSet(leaseOption) && !isPostgresUrl(context.options().auditDbPath)) {
            context.usageError(QStringLiteral("--leader-lease needs the shared store: --audit-db postgresql://user@host:port/db."),
                               usage());
            return;
        }
        ApiClient *client = context.client();
        if (!client)
            return;
        // stdout already carries every event; the monitor's own log lines would repeat them on stderr.
        if (!context.options().verbose)
            QLoggingCategory::setFilterRules(QStringLiteral("cc.monitor.info=false"));
        ClientOptions clientOptions;
        clientOptions.retry.maxAttempts = 1 + std::max(0, context.options().retries);
        std::shared_ptr<MonitorMetrics> metrics;
        QHostAddress metricsAddress;
        quint16 metricsPort = 0;
        if (parser.isSet(metricsOption)) {
            QString error;
            if (!MetricsServer::parseListen(parser.value(metricsOption), &metricsAddress, &metricsPort, &error)) {
                context.usageError(error, usage());
                return;
            }
            metrics = std::make_shared<MonitorMetrics>();
            const std::shared_ptr<RateBudget> budget = RateBudget::forTenant(client->profile().budgetKey());
            metrics->setBudgetSource([budget] { return budget->remaining(QDateTime::currentMSecsSinceEpoch()); });
            clientOptions.requestObserver = [metrics](const QByteArray &method, const QString &path, int status) {
                metrics->observeApiRequest(method, path, status);
            };
        }
        LeaderLease *lease = nullptr;
        if (parser.isSet(leaseOption)) {
            lease = new LeaderLease(context.options().auditDbPath, client->profile().budgetKey(), *leaseSeconds * 1000, &context);
            QString error;
            if (!lease->open(&error)) {
                context.err() << "cxonectl: " << error << ". Check --audit-db and PGPASSWORD or PGPASSFILE.\n";
                context.finish(ExitCode::Failure);
                return;
            }
            // Checked right before every request that changes the tenant, in the monitor's thread.
            clientOptions.writeGuard = [fence = lease->fence()] { return fence->refusal(); };
        }
        auto *run = new MonitorRun(context, client->profile(), clientOptions, settings, *duration * 1000);
        if (lease)
            run->setLease(lease);
        if (metrics) {
            run->setMetrics(metrics);
            auto *server = new MetricsServer([metrics] { return metrics->render(); }, run);
            if (!server->listen(metricsAddress, metricsPort)) {
                context.err() << "cxonectl: the metrics endpoint " << server->errorString()
                              << ". Choose another --metrics-listen address or port.\n";
                context.err().flush();
                context.finish(ExitCode::Usage);
                return;
            }
            context.err() << "metrics: listening on " << server->url() << '\n';
            context.err().flush();
        }
        run->start();
    }
};

} // namespace

void registerEngineCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<MonitorCommand>());
}

} // namespace cc::cli
