#include "channel_commands.h"

#include "cli_audit_trail.h"
#include "cli_context.h"
#include "command.h"
#include "command_registry.h"
#include "text_table.h"

#include "api/contract.h"
#include "audit/audit_gate.h"
#include "model/channel_validator.h"
#include "model/json_reader.h"
#include "model/merge_patch.h"
#include "operations/channel_operations.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <functional>
#include <memory>

namespace cc::cli {

namespace {

QString codecsText(const QList<Codec> &codecs)
{
    QStringList parts;
    for (const Codec &codec : codecs)
        parts.append(QStringLiteral("%1(%2)").arg(codec.name).arg(codec.priority));
    return parts.join(QLatin1Char(','));
}

QString routedViaText(const Channel &channel)
{
    return channel.isFailedOver() ? channel.routing.primaryChannelId : QStringLiteral("itself");
}

void printChannel(CliContext &context, const Channel &channel)
{
    if (context.options().json) {
        context.printJson(channelToJson(channel));
        return;
    }
    TextTable table({QStringLiteral("FIELD"), QStringLiteral("VALUE")}, 200);
    const auto row = [&table](const QString &field, const QString &value) { table.addRow({field, value}); };
    row(QStringLiteral("id"), channel.id);
    row(QStringLiteral("name"), channel.name);
    row(QStringLiteral("type"), channel.type);
    row(QStringLiteral("status"), channelStatusName(channel.status));
    row(QStringLiteral("routed via"), routedViaText(channel));
    row(QStringLiteral("sip server"), QStringLiteral("%1:%2").arg(channel.configuration.sipServer).arg(channel.configuration.sipPort));
    row(QStringLiteral("username"), channel.configuration.username);
    row(QStringLiteral("codecs"), codecsText(channel.configuration.codecs));
    if (channel.configuration.dtmfMode)
        row(QStringLiteral("dtmf mode"), *channel.configuration.dtmfMode);
    if (channel.configuration.rtpPayloadType)
        row(QStringLiteral("rtp payload"), *channel.configuration.rtpPayloadType);
    row(QStringLiteral("failover"), channel.routing.failoverChannels.join(QStringLiteral(", ")));
    row(QStringLiteral("health check"), QStringLiteral("every %1 s, timeout %2 s")
                                            .arg(channel.healthCheck.intervalSeconds)
                                            .arg(channel.healthCheck.timeoutSeconds));
    row(QStringLiteral("version"), QString::number(channel.version));
    if (channel.createdAt.isValid())
        row(QStringLiteral("created"), toIsoUtc(channel.createdAt));
    if (channel.updatedAt.isValid())
        row(QStringLiteral("updated"), toIsoUtc(channel.updatedAt));
    context.out() << table.render();
}

// A JSON object from FILE, or from stdin for "-"; nullopt after finishing with
// a validation error that names the file and the problem.
std::optional<QJsonObject> readJsonObject(CliContext &context, const QString &path)
{
    QFile file;
    bool opened = false;
    if (path == QLatin1String("-")) {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        context.err() << "cxonectl: cannot read '" << path << "': " << file.errorString() << '\n';
        context.finish(ExitCode::Usage);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QString name = path == QLatin1String("-") ? QStringLiteral("stdin") : path;
    if (parseError.error != QJsonParseError::NoError) {
        context.finishWithFieldErrors(QStringLiteral("%1 is not valid JSON; nothing was sent.").arg(name),
                                      {{QStringLiteral("(file)"), QStringLiteral("%1 at offset %2")
                                                                      .arg(parseError.errorString())
                                                                      .arg(parseError.offset)}});
        return std::nullopt;
    }
    if (!document.isObject()) {
        context.finishWithFieldErrors(QStringLiteral("%1 must hold one JSON object; nothing was sent.").arg(name),
                                      {{QStringLiteral("(file)"), QStringLiteral("must be a JSON object")}});
        return std::nullopt;
    }
    return document.object();
}

// The fields an update may change (the contract's writable fields); status and
// routing.primary_channel_id belong to failover and failback.
FieldErrors unwritableFields(const QJsonObject &patch)
{
    FieldErrors errors;
    const QStringList writable{QString(api::kKeyName), QString(api::kKeyType), QString(api::kKeyConfiguration),
                               QString(api::kKeyRouting), QString(api::kKeyHealthCheck)};
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (!writable.contains(it.key()))
            errors.append({it.key(), QStringLiteral("cannot be changed by an update%1")
                                         .arg(it.key() == api::kKeyStatus ? QStringLiteral(" (use failover or failback)")
                                                                          : QString())});
    }
    const QJsonObject routing = patch.value(api::kKeyRouting).toObject();
    for (auto it = routing.begin(); it != routing.end(); ++it) {
        if (it.key() != api::kKeyFailoverChannels)
            errors.append({QString(api::kKeyRouting) + QLatin1Char('.') + it.key(),
                           QStringLiteral("cannot be changed by an update (use failover or failback)")});
    }
    return errors;
}

// A create or an update the tenant answered: its error, or its entry's fate
// and the channel (JSON, or the line `describe` words), then the exit code.
void reportSaved(CliContext &context, QLatin1String eventType, const ApiResult<Recorded<Channel>> &result,
                 const std::function<QString(const Channel &)> &describe)
{
    if (!result.ok()) {
        context.finishWithError(*result.error);
        return;
    }
    const Channel &saved = result.value->value;
    if (!reportRecording(context, QString(eventType), saved.id, result.value->audit))
        return;
    if (context.options().json)
        context.printJson(channelToJson(saved));
    else
        context.out() << describe(saved);
    context.finish(ExitCode::Success);
}

// ---------------------------------------------------------------------------

class ChannelsCommand final : public Command
{
public:
    ChannelsCommand()
        : Command({QStringLiteral("channels"),
                   QStringLiteral("List (all pages), show, create, update or delete channels. A create or update FILE is "
                                  "validated before anything is sent; '-' reads stdin."),
                   QStringLiteral("cxonectl channels list\n"
                                  "cxonectl channels get ID\n"
                                  "cxonectl channels create FILE|-\n"
                                  "cxonectl channels update ID FILE|- [--if-match VERSION]\n"
                                  "cxonectl channels delete ID")})
    {
    }

    void run(CliContext &context, const QStringList &arguments) override
    {
        runSubcommand(context, arguments,
                      {{{QStringLiteral("list")}, [this](CliContext &context, const QStringList &) { list(context); }, 0},
                       {{QStringLiteral("get")}, [this](CliContext &context, const QStringList &rest) { get(context, rest.at(0)); }, 1},
                       {{QStringLiteral("create")},
                        [this](CliContext &context, const QStringList &rest) { create(context, rest.at(0)); },
                        1},
                       {{QStringLiteral("update")}, [this](CliContext &context, const QStringList &rest) { update(context, rest); }},
                       {{QStringLiteral("delete")},
                        [this](CliContext &context, const QStringList &rest) { remove(context, rest.at(0)); },
                        1}});
    }

private:
    void list(CliContext &context)
    {
        ApiClient *client = context.client();
        if (!client)
            return;
        client->listChannels()->onFinished(&context, [&context](const ApiResult<QList<Channel>> &result) {
            if (!result.ok()) {
                context.finishWithError(*result.error);
                return;
            }
            if (context.options().json) {
                QJsonArray array;
                for (const Channel &channel : *result.value)
                    array.append(channelToJson(channel));
                context.printJson(array);
            } else {
                TextTable table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("STATUS"),
                                 QStringLiteral("TRUNK"), QStringLiteral("CODECS"), QStringLiteral("FAILOVER"),
                                 QStringLiteral("ROUTED VIA"), QStringLiteral("VERSION")});
                for (const Channel &channel : *result.value) {
                    table.addRow({channel.id, channel.name, channelStatusName(channel.status),
                                  QStringLiteral("%1:%2").arg(channel.configuration.sipServer).arg(channel.configuration.sipPort),
                                  codecsText(channel.configuration.codecs),
                                  channel.routing.failoverChannels.join(QLatin1Char(',')), routedViaText(channel),
                                  QString::number(channel.version)});
                }
                context.out() << table.render() << result.value->size() << " channels\n";
            }
            context.finish(ExitCode::Success);
        });
    }

    void get(CliContext &context, const QString &id)
    {
        ApiClient *client = context.client();
        if (!client)
            return;
        client->getChannel(id)->onFinished(&context, [&context](const ApiResult<Channel> &result) {
            if (!result.ok()) {
                context.finishWithError(*result.error);
                return;
            }
            printChannel(context, *result.value);
            context.finish(ExitCode::Success);
        });
    }

    void create(CliContext &context, const QString &path)
    {
        const std::optional<QJsonObject> json = readJsonObject(context, path);
        if (!json)
            return;
        const Parsed<ChannelDraft> draft = draftFromJson(*json);
        FieldErrors errors = draft.errors;
        if (errors.isEmpty())
            errors = validateChannelDraft(draft.value, ValidationContext{});
        if (!errors.isEmpty()) {
            context.finishWithFieldErrors(QStringLiteral("the channel in '%1' is invalid; nothing was sent:").arg(path), errors);
            return;
        }
        ChannelOperations *operations = channelOperations(context);
        if (!operations)
            return;
        operations->create(draft.value)->onFinished(&context, [&context](const ApiResult<Recorded<Channel>> &result) {
            reportSaved(context, events::kChannelCreated, result, [](const Channel &created) {
                return QStringLiteral("Created channel %1 ('%2'), status %3, version %4.\n")
                    .arg(created.id, created.name, channelStatusName(created.status)).arg(created.version);
            });
        });
    }

    void update(CliContext &context, const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption ifMatchOption(QStringLiteral("if-match"),
                                               QStringLiteral("Refuse the change unless the channel is at VERSION."),
                                               QStringLiteral("VERSION"));
        parser.addOption(ifMatchOption);
        if (!parseArguments(context, parser, QStringLiteral("channels update"), arguments, 2,
                            QStringLiteral("'channels update' needs an ID and a FILE.")))
            return;
        const QStringList positional = parser.positionalArguments();
        std::optional<qint64> ifMatch;
        if (parser.isSet(ifMatchOption)) {
            bool ok = false;
            const qint64 version = parser.value(ifMatchOption).toLongLong(&ok);
            if (!ok || version < 0) {
                context.usageError(QStringLiteral("--if-match needs a version number, not '%1'.").arg(parser.value(ifMatchOption)),
                                   usage());
                return;
            }
            ifMatch = version;
        }
        const QString id = positional.at(0);
        const QString path = positional.at(1);
        const std::optional<QJsonObject> patch = readJsonObject(context, path);
        if (!patch)
            return;
        if (const FieldErrors errors = unwritableFields(*patch); !errors.isEmpty()) {
            context.finishWithFieldErrors(QStringLiteral("the update in '%1' is invalid; nothing was sent:").arg(path), errors);
            return;
        }
        ChannelOperations *operations = channelOperations(context);
        if (!operations)
            return;
        // The patch is checked against the channel it will change: the merged
        // result must pass the contract's rules, as the tenant will check it.
        operations->client()->getChannel(id)->onFinished(&context, [&context, operations, id, path, patch = *patch, ifMatch](
                                                                          const ApiResult<Channel> &current) {
            if (!current.ok()) {
                context.finishWithError(*current.error);
                return;
            }
            const QJsonObject merged = applyMergePatch(draftToCreateJson(current.value->toDraft()), patch);
            const Parsed<ChannelDraft> draft = draftFromJson(merged);
            FieldErrors errors = draft.errors;
            if (errors.isEmpty()) {
                ValidationContext validation;
                validation.mode = ValidationContext::Mode::Update;
                validation.selfId = id;
                errors = validateChannelDraft(draft.value, validation);
            }
            if (!errors.isEmpty()) {
                context.finishWithFieldErrors(QStringLiteral("the update in '%1' would make channel %2 invalid; nothing "
                                                             "was sent:").arg(path, id),
                                              errors);
                return;
            }
            // Without --if-match the version just read guards the change, so an
            // edit made by someone else in between is refused (412), not lost.
            const qint64 version = ifMatch.value_or(current.value->version);
            operations->edit(id, current.value->toDraft(), draft.value, version)
                ->onFinished(&context, [&context](const ApiResult<Recorded<Channel>> &result) {
                    reportSaved(context, events::kChannelEdited, result, [](const Channel &updated) {
                        return QStringLiteral("Updated channel %1, now version %2.\n").arg(updated.id).arg(updated.version);
                    });
                });
        });
    }

    void remove(CliContext &context, const QString &id)
    {
        ChannelOperations *operations = channelOperations(context);
        if (!operations)
            return;
        operations->remove(id)->onFinished(&context, [&context, id](const ApiResult<Recorded<Channel>> &result) {
            if (!result.ok()) {
                context.finishWithError(*result.error);
                return;
            }
            if (!reportRecording(context, QString(events::kChannelDeleted), id, result.value->audit))
                return;
            if (context.options().json)
                context.printJson(QJsonObject{{QStringLiteral("deleted"), id}});
            else
                context.out() << "Deleted channel " << id << ".\n";
            context.finish(ExitCode::Success);
        });
    }
};

// ---------------------------------------------------------------------------

// What a failover or failback by hand came to, said on stdout (done) or stderr.
void reportRouting(CliContext &context, const QString &id, const RoutingOutcome &outcome)
{
    if (!reportRecording(context, outcome.eventType, id, outcome.audit))
        return;
    if (outcome.done() && outcome.channel) {
        const Channel &channel = *outcome.channel;
        if (context.options().json)
            context.printJson(channelToJson(channel));
        else if (channel.isFailedOver())
            context.out() << "Channel " << channel.id << " is now routed via " << channel.routing.primaryChannelId
                          << ", version " << channel.version << ".\n";
        else
            context.out() << "Channel " << channel.id << " routes its own traffic again (status "
                          << channelStatusName(channel.status) << ", version " << channel.version << ").\n";
        context.finish(ExitCode::Success);
        return;
    }
    if (outcome.error) {
        context.finishWithError(*outcome.error);
        return;
    }
    QStringList skipped;
    for (const QJsonValue &rejected : outcome.rejected) {
        const QJsonObject candidate = rejected.toObject();
        skipped.append(QStringLiteral("%1 is %2").arg(candidate.value(QStringLiteral("channel_id")).toString(),
                                                      candidate.value(QStringLiteral("reason")).toString()));
    }
    if (outcome.reason == QLatin1String("no_usable_target"))
        context.err() << "cxonectl: no healthy failover target for channel " << id << ": " << skipped.join(QStringLiteral("; "));
    else
        context.err() << "cxonectl: " << outcome.eventType << " for channel " << id << " (" << outcome.reason
                      << "): " << outcome.message;
    context.err() << ". Nothing was changed; fix a backup or name another with --to.\n";
    context.finish(ExitCode::Refused);
}

// A routing change by hand is judged and sent by the engine, which records
// failover_started before it sends: the trail must be able to take the entries
// first, or nothing is recorded, nothing sent, and cxonectl exits 14 (as the
// client's write guard makes every other change do).
bool refusedWithoutAuditTrail(CliContext &context, const QString &action)
{
    const QString refusal = context.auditTrail()->refusalForAction();
    if (refusal.isEmpty())
        return false;
    context.err() << "cxonectl: " << action << " " << AuditGate::changeNotSent(refusal) << ".\n";
    context.finish(ExitCode::AuditUnavailable);
    return true;
}

class FailoverCommand final : public Command
{
public:
    FailoverCommand()
        : Command({QStringLiteral("failover"),
                   QStringLiteral("Route a channel's traffic to a backup by hand: the first of its failover channels that "
                                  "the monitor's rule finds usable (up, not routed elsewhere, not disabled), or --to "
                                  "BACKUP_ID if usable. Never an unhealthy target."),
                   QStringLiteral("cxonectl failover ID [--to BACKUP_ID]")})
    {
    }

    void run(CliContext &context, const QStringList &arguments) override
    {
        QCommandLineParser parser;
        const QCommandLineOption toOption(QStringLiteral("to"), QStringLiteral("The backup channel to route to."),
                                          QStringLiteral("BACKUP_ID"));
        parser.addOption(toOption);
        if (!parseArguments(context, parser, QStringLiteral("failover"), arguments, 1,
                            QStringLiteral("'failover' needs exactly one channel ID.")))
            return;
        const QString id = parser.positionalArguments().at(0);
        const QString to = parser.value(toOption);
        ChannelOperations *operations = channelOperations(context);
        if (!operations)
            return;
        operations->client()->getChannel(id)->onFinished(&context, [&context, operations, to](const ApiResult<Channel> &result) {
            if (!result.ok()) {
                context.finishWithError(*result.error);
                return;
            }
            const QStringList candidates = to.isEmpty() ? result.value->routing.failoverChannels : QStringList{to};
            if (candidates.isEmpty()) {
                context.err() << "cxonectl: channel " << result.value->id << " has no failover channels. Nothing was "
                              << "changed; add one (channels update) or name a backup with --to.\n";
                context.finish(ExitCode::Refused);
                return;
            }
            // Asked again for what is already so: said, and nothing sent or recorded.
            const Channel &channel = *result.value;
            if (channel.isFailedOver() && (to.isEmpty() || to == channel.routing.primaryChannelId)) {
                if (context.options().json)
                    context.printJson(channelToJson(channel));
                else
                    context.out() << "Channel " << channel.id << " is already routed via "
                                  << channel.routing.primaryChannelId << "; nothing was changed (fail back first to "
                                  << "choose another backup, or name one with --to).\n";
                context.finish(ExitCode::Success);
                return;
            }
            if (refusedWithoutAuditTrail(context, QStringLiteral("the failover of %1 was").arg(channel.id)))
                return;
            // The engine's rule chooses (or judges --to): the monitor's, on this one reading.
            operations->failOver(channel.id, to)->onFinished(&context, [&context, id = channel.id](const ApiResult<RoutingOutcome> &outcome) {
                if (!outcome.ok()) {
                    context.finishWithError(*outcome.error);
                    return;
                }
                reportRouting(context, id, *outcome.value);
            });
        });
    }
};

class FailbackCommand final : public Command
{
public:
    FailbackCommand()
        : Command({QStringLiteral("failback"), QStringLiteral("Route a failed-over channel's traffic back to itself."),
                   QStringLiteral("cxonectl failback ID")})
    {
    }

    void run(CliContext &context, const QStringList &arguments) override
    {
        if (arguments.size() != 1 || arguments.at(0).startsWith(QLatin1Char('-'))) {
            context.usageError(QStringLiteral("'failback' needs exactly one channel ID."), usage());
            return;
        }
        ChannelOperations *operations = channelOperations(context);
        if (!operations)
            return;
        const QString id = arguments.at(0);
        operations->client()->getChannel(id)->onFinished(&context, [&context, operations, id](const ApiResult<Channel> &current) {
            if (!current.ok()) {
                context.finishWithError(*current.error);
                return;
            }
            if (!current.value->isFailedOver()) {
                if (context.options().json)
                    context.printJson(channelToJson(*current.value));
                else
                    context.out() << "Channel " << id << " already routes its own traffic; nothing was changed.\n";
                context.finish(ExitCode::Success);
                return;
            }
            if (refusedWithoutAuditTrail(context, QStringLiteral("the failback of %1 was").arg(id)))
                return;
            operations->failBack(id)->onFinished(&context, [&context, id](const ApiResult<RoutingOutcome> &outcome) {
                if (!outcome.ok()) {
                    context.finishWithError(*outcome.error);
                    return;
                }
                reportRouting(context, id, *outcome.value);
            });
        });
    }
};

} // namespace

void registerChannelCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<ChannelsCommand>());
    registry.add(std::make_unique<FailoverCommand>());
    registry.add(std::make_unique<FailbackCommand>());
}

} // namespace cc::cli
