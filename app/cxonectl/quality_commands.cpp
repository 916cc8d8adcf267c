#include "quality_commands.h"

#include "cli_audit_trail.h"
#include "cli_context.h"
#include "command.h"
#include "command_registry.h"
#include "text_table.h"

#include "audit/monitor_audit_bridge.h"
#include "model/json_reader.h"
#include "operations/channel_operations.h"
#include "operations/quality_fetch.h"
#include "quality/e_model.h"

#include <QCommandLineParser>
#include <QJsonObject>

#include <memory>

namespace cc::cli {

namespace {

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
    QualityCommand()
        : Command({QStringLiteral("quality"),
                   QStringLiteral("A channel's voice quality over a range: averages, 95th percentiles, the tutorial's score "
                                  "and the E-model R and MOS (counting loss and codec)."),
                   QStringLiteral("cxonectl quality ID [--from ISO] [--to ISO] [--interval 10s|1m|5m|1h] [--min-mos MOS]")})
    {
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
                                              QStringLiteral("Optimisation is required under this MOS (default %1, R 70).").arg(kFairMos),
                                              QStringLiteral("MOS"));
        parser.addOptions({fromOption, toOption, intervalOption, minMosOption});
        if (!parseArguments(context, parser, QStringLiteral("quality"), arguments, 1,
                            QStringLiteral("'quality' needs exactly one channel ID.")))
            return;
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
        // The same fetch as the console's Quality page: read the codec, split the range, query, aggregate.
        auto *fetch = new QualityFetch(client, &context);
        QObject::connect(fetch, &QualityFetch::finished, &context, [&context, range](const QualityFetchResult &fetched) {
            if (fetched.error) {
                context.finishWithError(*fetched.error);
                return;
            }
            const QualityReport &report = fetched.report;
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
        fetch->start(id, range, quality);
    }
};

// ------------------------------------------------------------------ optimize

class OptimizeCommand final : public Command
{
public:
    OptimizeCommand()
        : Command({QStringLiteral("optimize"),
                   QStringLiteral("Propose the loss-robust codec order for a channel (OPUS, then G.722/G.711, then G.729; "
                                  "priorities 1..n); --apply sends it, and nothing is sent when nothing changes."),
                   QStringLiteral("cxonectl optimize ID [--apply]")})
    {
    }

    void run(CliContext &context, const QStringList &arguments) override
    {
        QCommandLineParser parser;
        const QCommandLineOption applyOption(QStringLiteral("apply"), QStringLiteral("Send the new order (with If-Match)."));
        parser.addOption(applyOption);
        if (!parseArguments(context, parser, QStringLiteral("optimize"), arguments, 1,
                            QStringLiteral("'optimize' needs exactly one channel ID.")))
            return;
        ChannelOperations *operations = channelOperations(context);
        if (!operations)
            return;
        const bool apply = parser.isSet(applyOption);
        operations->optimizeMediaPath(parser.positionalArguments().at(0), apply)
            ->onFinished(&context, [&context, apply](const ApiResult<Recorded<MediaPathOutcome>> &result) {
                const MediaPathOutcome &outcome = result.value->value;
                if (!result.value->audit.recorded)
                    context.err() << "cxonectl: could not record this in the audit trail: "
                                  << result.value->audit.problem << '\n';
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
                    context.out() << "Channel " << outcome.channelId << "\n  current:  " << codecOrderText(outcome.plan.current)
                                  << "\n  proposed: " << codecOrderText(outcome.plan.proposed)
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

void registerQualityCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<QualityCommand>());
    registry.add(std::make_unique<OptimizeCommand>());
}

} // namespace cc::cli
