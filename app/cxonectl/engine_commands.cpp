#include "engine_commands.h"

#include "cli_audit_trail.h"
#include "cli_context.h"
#include "command.h"
#include "command_registry.h"
#include "monitor_probe_options.h"
#include "monitor_run.h"
#include "option_values.h"

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
#include "session/tenant_session.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>

#include <memory>

namespace cc::cli {

namespace {

// ------------------------------------------------------------------ monitor

class MonitorCommand final : public Command
{
public:
    MonitorCommand()
        : Command({QStringLiteral("monitor"),
                   QStringLiteral("Watch every channel and fail a down trunk over to a healthy backup, headless: one line "
                                  "per event, then a summary (--json: one JSON object per line)."),
                   QStringLiteral("cxonectl monitor [--duration S] [--interval S] [--down-after N] [--up-after M]\n"
                                  "                 [--cooldown S] [--failback manual|auto] [--no-auto-failover] [--quality-rule]\n"
                                  "                 [--metrics-listen HOST:PORT] [--leader-lease [--lease-seconds S]]\n")
                       + MonitorProbeOptions::usage()})
    {
    }

    bool runsUntilStopped() const override { return true; }

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
        const auto duration = wholeNumberOption(context, parser, durationOption, 1, 365LL * 24 * 3600, 0, usage());
        if (!duration)
            return;
        const auto interval = wholeNumberOption(context, parser, intervalOption, 1, 3600, 10, usage());
        if (!interval)
            return;
        const auto down = wholeNumberOption(context, parser, downOption, 1, 100, 3, usage());
        if (!down)
            return;
        const auto up = wholeNumberOption(context, parser, upOption, 1, 100, 3, usage());
        if (!up)
            return;
        const auto cooldown = wholeNumberOption(context, parser, cooldownOption, 0, 24 * 3600, 300, usage());
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
        const auto leaseSeconds = wholeNumberOption(context, parser, leaseSecondsOption, 3, 3600, 15, usage());
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
        // The monitor's client shares the connection's token and rate budget.
        ClientOptions clientOptions = context.session()->clientOptions();
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
            const std::shared_ptr<RateBudget> budget = context.session()->budget();
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
