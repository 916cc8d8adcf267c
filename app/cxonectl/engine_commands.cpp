#include "engine_commands.h"

#include "cli_audit_trail.h"
#include "cli_context.h"
#include "command.h"
#include "command_registry.h"
#include "monitor_probe_options.h"
#include "monitor_run.h"
#include "text_table.h"

#include "audit/audit_database_url.h"
#include "audit/leader_lease.h"
#include "audit/monitor_audit_bridge.h"
#include "client/rate_budget.h"
#include "metrics/metrics_server.h"
#include "metrics/monitor_metrics.h"
#include "model/json_reader.h"
#include "monitor/monitor.h"
#include "quality/media_path_optimizer.h"
#include "quality/quality_analysis.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>

#include <memory>

namespace cc::cli {

namespace {

QString codecsText(const QList<Codec> &codecs)
{
    QStringList parts;
    for (const Codec &codec : codecs)
        parts.append(QStringLiteral("%1(%2)").arg(codec.name).arg(codec.priority));
    return parts.isEmpty() ? QStringLiteral("(none)") : parts.join(QStringLiteral(", "));
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
                                                   QStringLiteral("Also count a reading as bad when the score is under 80 "
                                                                  "or the MOS under 3.6."));
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
        if (!parser.parse(QStringList{QStringLiteral("monitor")} + arguments)) {
            context.usageError(parser.errorText(), usage());
            return;
        }
        if (!parser.positionalArguments().isEmpty()) {
            context.usageError(QStringLiteral("'monitor' takes no channel: it watches them all."), usage());
            return;
        }
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

// ------------------------------------------------------------------ quality

std::optional<QDateTime> timeOption(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option,
                                    const QDateTime &fallback, const QString &usage)
{
    if (!parser.isSet(option))
        return fallback;
    const QDateTime time = parseIsoTimestamp(parser.value(option));
    if (!time.isValid()) {
        context.usageError(QStringLiteral("--%1 needs an ISO 8601 time such as 2026-11-23T10:15:00Z, not '%2'.")
                               .arg(option.names().constFirst(), parser.value(option)),
                           usage);
        return std::nullopt;
    }
    return time.toUTC();
}

QString figure(const QJsonValue &value, const QString &unit)
{
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("no data");
    if (value.isBool())
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    return QString::number(value.toDouble()) + unit;
}

class QualityCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("quality"); }
    QString summary() const override
    {
        return QStringLiteral("A channel's voice quality over a range: averages, 95th percentiles, the tutorial's score "
                              "and the E-model R and MOS (counting loss and codec).");
    }
    QString usage() const override
    {
        return QStringLiteral("cxonectl quality ID [--from ISO] [--to ISO] [--interval 10s|1m|5m|1h] [--min-mos MOS]");
    }

    void run(CliContext &context, const QStringList &arguments) override
    {
        QCommandLineParser parser;
        const QCommandLineOption fromOption(QStringLiteral("from"), QStringLiteral("Start (default: an hour before --to)."), QStringLiteral("ISO"));
        const QCommandLineOption toOption(QStringLiteral("to"), QStringLiteral("End (default: now)."), QStringLiteral("ISO"));
        const QCommandLineOption intervalOption(QStringLiteral("interval"), QStringLiteral("Readings: 10s, 1m, 5m or 1h (default: the finest the range allows in eight queries, "
                                                              "as the console reads it: 10s up to nine days)."),
                                                QStringLiteral("I"));
        const QCommandLineOption minMosOption(QStringLiteral("min-mos"),
                                              QStringLiteral("Optimisation is required under this MOS (default 3.6, R 70)."),
                                              QStringLiteral("MOS"));
        parser.addOptions({fromOption, toOption, intervalOption, minMosOption});
        if (!parser.parse(QStringList{QStringLiteral("quality")} + arguments)) {
            context.usageError(parser.errorText(), usage());
            return;
        }
        if (parser.positionalArguments().size() != 1) {
            context.usageError(QStringLiteral("'quality' needs exactly one channel ID."), usage());
            return;
        }
        const std::optional<QDateTime> to = timeOption(context, parser, toOption, QDateTime::currentDateTimeUtc(), usage());
        if (!to)
            return;
        const std::optional<QDateTime> from = timeOption(context, parser, fromOption, to->addSecs(-3600), usage());
        if (!from)
            return;
        if (*from >= *to) {
            context.usageError(QStringLiteral("--from must be before --to."), usage());
            return;
        }
        QualityRange range = planQualityRange(*from, *to);   // the same readings as the console's Quality page
        if (parser.isSet(intervalOption)) {
            const std::optional<TelemetryInterval> interval = telemetryIntervalFromName(parser.value(intervalOption));
            if (!interval) {
                context.usageError(QStringLiteral("--interval is 10s, 1m, 5m or 1h, not '%1'.").arg(parser.value(intervalOption)), usage());
                return;
            }
            range.interval = *interval;
        }
        QualitySettings quality;
        if (parser.isSet(minMosOption)) {
            bool ok = false;
            quality.minMos = parser.value(minMosOption).toDouble(&ok);
            if (!ok || quality.minMos < 1.0 || quality.minMos > 4.5) {
                context.usageError(QStringLiteral("--min-mos is a MOS from 1 to 4.5, not '%1'.").arg(parser.value(minMosOption)), usage());
                return;
            }
        }
        ApiClient *client = context.client();
        if (!client)
            return;
        const QString id = parser.positionalArguments().at(0);
        analyzeQuality(client, id, range, quality, &context,
                       [&context, range](const QualityReport &report, const std::optional<ApiError> &error) {
                           if (error) {
                               context.finishWithError(*error);
                               return;
                           }
                           const QJsonObject json = report.toJson();
                           if (context.options().json) {
                               context.printJson(json);
                           } else {
                               TextTable table({QStringLiteral("FIELD"), QStringLiteral("VALUE")}, 120);
                               const auto row = [&](const QString &label, const char *key, const QString &unit) {
                                   table.addRow({label, figure(json.value(QLatin1String(key)), unit)});
                               };
                               table.addRow({QStringLiteral("channel"), report.channelId});
                               table.addRow({QStringLiteral("range"), toIsoUtc(range.from) + QStringLiteral(" .. ") + toIsoUtc(range.to)});
                               table.addRow({QStringLiteral("rows"), QString::number(report.rows)});
                               table.addRow({QStringLiteral("codec (assumed for MOS)"), report.codec});
                               row(QStringLiteral("avg latency"), "avg_latency_ms", QStringLiteral(" ms"));
                               row(QStringLiteral("avg jitter"), "avg_jitter_ms", QStringLiteral(" ms"));
                               row(QStringLiteral("avg packet loss"), "avg_packet_loss_pct", QStringLiteral(" %"));
                               row(QStringLiteral("p95 latency"), "p95_latency_ms", QStringLiteral(" ms"));
                               row(QStringLiteral("p95 jitter"), "p95_jitter_ms", QStringLiteral(" ms"));
                               row(QStringLiteral("p95 packet loss"), "p95_packet_loss_pct", QStringLiteral(" %"));
                               row(QStringLiteral("quality score"), "quality_score", QString());
                               row(QStringLiteral("R factor"), "r_factor", QString());
                               row(QStringLiteral("MOS"), "mos", QString());
                               table.addRow({QStringLiteral("MOS model"), json.value(QLatin1String("mos_model")).toString()});
                               row(QStringLiteral("optimisation required"), "optimization_required", QString());
                               context.out() << table.render();
                           }
                           context.finish(ExitCode::Success);
                       });
    }
};

// ------------------------------------------------------------------ optimize

class OptimizeCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("optimize"); }
    QString summary() const override
    {
        return QStringLiteral("Propose the loss-robust codec order for a channel (OPUS, then G.722/G.711, then G.729; "
                              "priorities 1..n); --apply sends it, and nothing is sent when nothing changes.");
    }
    QString usage() const override { return QStringLiteral("cxonectl optimize ID [--apply]"); }

    void run(CliContext &context, const QStringList &arguments) override
    {
        QCommandLineParser parser;
        const QCommandLineOption applyOption(QStringLiteral("apply"), QStringLiteral("Send the new order (with If-Match)."));
        parser.addOption(applyOption);
        if (!parser.parse(QStringList{QStringLiteral("optimize")} + arguments)) {
            context.usageError(parser.errorText(), usage());
            return;
        }
        if (parser.positionalArguments().size() != 1) {
            context.usageError(QStringLiteral("'optimize' needs exactly one channel ID."), usage());
            return;
        }
        ApiClient *client = context.client();
        if (!client)
            return;
        const bool apply = parser.isSet(applyOption);
        const QString tenant = client->profile().name.isEmpty() ? client->profile().baseUrl.host() : client->profile().name;
        optimizeMediaPath(client, parser.positionalArguments().at(0), apply, EventSource::Manual, &context,
                          [&context, apply, tenant](const MediaPathOutcome &outcome) {
                              if (outcome.event) {
                                  QString error;
                                  if (!context.auditTrail()->record(auditEventFromMonitorEvent(*outcome.event, tenant), &error))
                                      context.err() << "cxonectl: could not record this in the audit trail: " << error << '\n';
                              }
                              if (outcome.error && !outcome.plan.proposed.isEmpty() && !outcome.applied && apply) {
                                  context.err() << "cxonectl: the new codec order was not applied.\n";
                              }
                              if (outcome.error) {
                                  context.finishWithError(*outcome.error);
                                  return;
                              }
                              if (context.options().json) {
                                  QJsonObject json = outcome.plan.toJson();
                                  json.insert(QStringLiteral("channel_id"), outcome.channelId);
                                  json.insert(QStringLiteral("applied"), outcome.applied);
                                  json.insert(QStringLiteral("version"), outcome.version);
                                  context.printJson(json);
                              } else {
                                  context.out() << "Channel " << outcome.channelId << "\n  current:  " << codecsText(outcome.plan.current)
                                                << "\n  proposed: " << codecsText(outcome.plan.proposed)
                                                << " (DTMF RFC2833, RTP payload dynamic)\n";
                                  if (!outcome.plan.changeNeeded())
                                      context.out() << "Nothing to change: the order and media settings are already so. Nothing was sent.\n";
                                  else if (outcome.applied)
                                      context.out() << "Applied: the channel is now at version " << outcome.version << ".\n";
                                  else
                                      context.out() << "Not applied: run again with --apply to send it.\n";
                              }
                              context.finish(ExitCode::Success);
                          });
    }
};

} // namespace

void registerEngineCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<MonitorCommand>());
    registry.add(std::make_unique<QualityCommand>());
    registry.add(std::make_unique<OptimizeCommand>());
}

} // namespace cc::cli
