#include "alarm_commands.h"

#include "cli_audit_trail.h"
#include "cli_context.h"
#include "command.h"
#include "command_registry.h"
#include "text_table.h"

#include "alarms/alarm_keeper.h"
#include "alarms/alarm_store.h"
#include "audit/audit_store.h"
#include "monitor/monitor_settings.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace cc::cli {

namespace {

// The recently cleared alarms `alarms list --all` shows.
constexpr int kClearedListed = 200;
// An open alarm not confirmed by a monitor for this long is said to be so.
constexpr qint64 kUnconfirmedAfterMs = 5 * 60 * 1000;

QString spanText(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(0, ms / 1000);
    if (seconds < 60)
        return QStringLiteral("%1s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1m").arg(seconds / 60);
    if (seconds < 86400)
        return QStringLiteral("%1h%2m").arg(seconds / 3600).arg(seconds % 3600 / 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1d%2h").arg(seconds / 86400).arg(seconds % 86400 / 3600);
}

QString shortTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss'Z'")) : QStringLiteral("-");
}

ExitCode exitCodeOf(const AlarmActionResult &result)
{
    switch (result.outcome) {
    case AlarmActionResult::Outcome::Done:
    case AlarmActionResult::Outcome::Already: return ExitCode::Success;
    case AlarmActionResult::Outcome::NotFound: return ExitCode::NotFound;
    case AlarmActionResult::Outcome::NotOpen: return ExitCode::Refused;
    case AlarmActionResult::Outcome::Invalid: return ExitCode::Usage;
    case AlarmActionResult::Outcome::Failed: return ExitCode::Failure;
    }
    return ExitCode::Failure;
}

class AlarmsCommand final : public Command
{
public:
    AlarmsCommand()
        : Command({QStringLiteral("alarms"),
                   QStringLiteral("The alarms the monitor keeps (down with no healthy backup, failed over, degraded, no "
                                  "data, API budget spent, monitor stale, tenant and SIP probe disagree): list them, "
                                  "acknowledge one with a comment, shelve it for a time, unshelve it. Recorded in the "
                                  "audit trail. Exit 5: no such alarm; 13: it has cleared."),
                   QStringLiteral("cxonectl alarms list [--all] [--tenant NAME]\n"
                                  "cxonectl alarms ack ID --comment TEXT\n"
                                  "cxonectl alarms shelve ID --for 15m|30m|1h|4h|DURATION [--comment TEXT]\n"
                                  "cxonectl alarms unshelve ID")})
    {
    }

    void run(CliContext &context, const QStringList &arguments) override
    {
        const auto action = [this](AlarmAction action) {
            return [this, action](CliContext &context, const QStringList &rest) { act(context, action, rest); };
        };
        runSubcommand(context, arguments,
                      {{{QStringLiteral("list")}, [this](CliContext &context, const QStringList &rest) { list(context, rest); }},
                       {{QStringLiteral("ack"), QStringLiteral("acknowledge")}, action(AlarmAction::Acknowledge)},
                       {{QStringLiteral("shelve")}, action(AlarmAction::Shelve)},
                       {{QStringLiteral("unshelve")}, action(AlarmAction::Unshelve)}});
    }

private:

    void list(CliContext &context, const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption allOption(QStringLiteral("all"));
        const QCommandLineOption tenantOption(QStringLiteral("tenant"), QString(), QStringLiteral("NAME"));
        parser.addOptions({allOption, tenantOption});
        if (!parseArguments(context, parser, QStringLiteral("alarms list"), arguments, 0,
                            QStringLiteral("'alarms list' takes only --all and --tenant NAME.")))
            return;
        AuditStore store;
        if (!context.openAuditStore(&store))
            return;
        AlarmStore alarms(&store);
        QList<Alarm> found;
        QString error;
        if (!alarms.list(parser.isSet(allOption), kClearedListed, &found, &error)) {
            context.fail(error);
            return;
        }
        const QString tenant = parser.value(tenantOption);
        if (!tenant.isEmpty())
            found.removeIf([&tenant](const Alarm &alarm) { return alarm.tenant != tenant; });
        const QDateTime now = QDateTime::currentDateTimeUtc();
        // Open first (worst, then longest standing), then the cleared, newest first.
        std::stable_sort(found.begin(), found.end(), [](const Alarm &a, const Alarm &b) {
            if (a.isOpen() != b.isOpen())
                return a.isOpen();
            if (!a.isOpen())
                return a.clearedAt > b.clearedAt;
            if (a.severity() != b.severity())
                return a.severity() > b.severity();
            return a.firstSeen < b.firstSeen;
        });
        if (context.options().json) {
            QJsonArray array;
            for (const Alarm &alarm : std::as_const(found))
                array.append(alarm.toJson(now));
            context.printJson(array);
            context.finish(ExitCode::Success);
            return;
        }
        if (found.isEmpty()) {
            context.out() << (parser.isSet(allOption) ? "No alarms, open or recently cleared" : "No open alarms")
                          << (tenant.isEmpty() ? QString() : QStringLiteral(" for %1").arg(tenant)) << " in "
                          << store.path() << ".\n";
            context.finish(ExitCode::Success);
            return;
        }
        TextTable table({QStringLiteral("ID"), QStringLiteral("STATE"), QStringLiteral("SEVERITY"), QStringLiteral("KIND"),
                         QStringLiteral("CHANNEL"), QStringLiteral("FIRST SEEN"), QStringLiteral("FOR"),
                         QStringLiteral("BY"), QStringLiteral("COMMENT / WHAT STANDS")},
                        60);
        QHash<QString, QDateTime> confirmed;   // per tenant: the newest last-seen of its open alarms
        for (const Alarm &alarm : std::as_const(found)) {
            const AlarmState state = alarm.stateAt(now);
            QString stateText = alarmStateName(state);
            QString by;
            QString comment = alarm.summary;
            if (state == AlarmState::Shelved) {
                stateText += QStringLiteral(" until ") + alarm.shelvedUntil.toUTC().toString(QStringLiteral("HH:mm'Z'"));
                by = alarm.shelvedBy;
                if (!alarm.shelveReason.isEmpty())
                    comment = alarm.shelveReason;
            } else if (alarm.acknowledgedAt.isValid()) {
                by = alarm.acknowledgedBy;
                comment = alarm.ackComment;
            }
            const QString channel = alarm.channelId.isEmpty()
                ? QStringLiteral("(tenant %1)").arg(alarm.tenant)
                : QStringLiteral("%1 (%2)").arg(alarm.channelName, alarm.channelId);
            table.addRow({alarm.id(), stateText, alarmSeverityName(alarm.severity()), alarmKindName(alarm.kind), channel,
                          shortTime(alarm.firstSeen), spanText(alarm.durationMsAt(now)), by.isEmpty() ? QStringLiteral("-") : by,
                          comment});
            if (alarm.isOpen() && alarm.lastSeen > confirmed.value(alarm.tenant))
                confirmed.insert(alarm.tenant, alarm.lastSeen);
        }
        context.out() << table.render();
        // A table nobody keeps current is old news: say so rather than let it pass for now.
        for (auto it = confirmed.cbegin(); it != confirmed.cend(); ++it) {
            if (it.value().msecsTo(now) > kUnconfirmedAfterMs)
                context.out() << "Note: the open alarms of " << it.key() << " were last confirmed by a monitor "
                              << spanText(it.value().msecsTo(now)) << " ago: is its monitor (the console or cxonectl "
                              << "monitor) running?\n";
        }
        context.finish(ExitCode::Success);
    }

    void act(CliContext &context, AlarmAction action, const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption commentOption(QStringLiteral("comment"), QString(), QStringLiteral("TEXT"));
        const QCommandLineOption forOption(QStringLiteral("for"), QString(), QStringLiteral("DURATION"));
        if (action != AlarmAction::Unshelve)
            parser.addOption(commentOption);
        if (action == AlarmAction::Shelve)
            parser.addOption(forOption);
        const QString verb = action == AlarmAction::Acknowledge ? QStringLiteral("ack")
            : action == AlarmAction::Shelve                     ? QStringLiteral("shelve")
                                                                : QStringLiteral("unshelve");
        if (!parseArguments(context, parser, QStringLiteral("alarms ") + verb, arguments, 1,
                            QStringLiteral("'alarms %1' needs exactly one alarm id, such as A17 ('cxonectl alarms list' "
                                           "shows them).")
                                .arg(verb)))
            return;
        const QString idText = parser.positionalArguments().first();
        const std::optional<qint64> number = parseAlarmId(idText);
        if (!number) {
            context.usageError(QStringLiteral("'%1' is not an alarm id: an id is an A and a number, such as A17.").arg(idText),
                               usage());
            return;
        }
        const QString comment = parser.isSet(commentOption) ? parser.value(commentOption) : QString();
        if (action == AlarmAction::Acknowledge && comment.trimmed().isEmpty()) {
            context.usageError(QStringLiteral("'alarms ack' needs --comment TEXT: say what is being done about it, for the "
                                              "next shift."),
                               usage());
            return;
        }
        qint64 forMs = 0;
        if (action == AlarmAction::Shelve) {
            if (!parser.isSet(forOption)) {
                context.usageError(QStringLiteral("'alarms shelve' needs --for DURATION, such as 30m, 1h or 4h."), usage());
                return;
            }
            QString error;
            forMs = parseShelveDuration(parser.value(forOption), &error);
            if (forMs < 0) {
                context.usageError(QStringLiteral("--for: ") + error + QLatin1Char('.'), usage());
                return;
            }
        }
        AuditStore store;
        if (!context.openAuditStore(&store))
            return;
        AlarmStore alarms(&store);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString who = defaultAuditActor();
        AlarmActionResult result;
        switch (action) {
        case AlarmAction::Acknowledge: result = alarms.acknowledge(*number, who, comment, now); break;
        case AlarmAction::Shelve: result = alarms.shelve(*number, who, now.addMSecs(forMs), comment, now); break;
        case AlarmAction::Unshelve: result = alarms.unshelve(*number, who, now); break;
        }
        const ExitCode code = exitCodeOf(result);
        if (code != ExitCode::Success) {
            context.err() << "cxonectl: " << result.message << ".\n";
            context.finish(code);
            return;
        }
        if (context.options().json) {
            QJsonObject json = result.alarm.toJson(now);
            json.insert(QStringLiteral("changed"), result.changed());
            json.insert(QStringLiteral("message"), result.message);
            context.printJson(json);
        } else {
            context.out() << result.message;
            if (result.changed() && action == AlarmAction::Shelve)
                context.out() << " (for " << durationText(forMs) << ')';
            context.out() << ": " << alarmKindLabel(result.alarm.kind).toLower()
                          << (result.alarm.channelName.isEmpty() ? QString() : QStringLiteral(" on ") + result.alarm.channelName)
                          << ".\n";
        }
        context.finish(ExitCode::Success);
    }
};

} // namespace

void registerAlarmCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<AlarmsCommand>());
}

AlarmKeeper *startAlarmKeeper(CliContext &context, const QString &tenantKey, const QString &tenant,
                              const MonitorSettings &settings, QObject *parent)
{
    AlarmKeeperOptions options;
    options.storePath = context.auditTrail()->dbPath();
    options.tenantKey = tenantKey;
    options.tenant = tenant;
    options.rules = AlarmRuleSettings::fromMonitor(settings);
    auto *keeper = new AlarmKeeper(options, parent);
    QObject::connect(keeper, &AlarmKeeper::storeProblemChanged, &context, [&context](const QString &error) {
        if (!error.isEmpty())
            context.err() << "cxonectl: alarms: " << error << ".\n" << Qt::flush;
    });
    keeper->start();
    return keeper;
}

} // namespace cc::cli
