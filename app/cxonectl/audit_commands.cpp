#include "audit_commands.h"

#include "cli_audit_trail.h"
#include "cli_context.h"
#include "command.h"
#include "command_registry.h"
#include "option_values.h"
#include "text_table.h"

#include "audit/audit_copier.h"
#include "audit/audit_csv_writer.h"
#include "audit/audit_store.h"
#include "operations/action_record.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

#include <memory>
#include <optional>

namespace cc::cli {

namespace {

// cxonectl audit verify's exit code when the chain is broken (issue 5).
constexpr int kExitChainBroken = 8;

// An ISO 8601 date or date-time; UTC unless it names an offset.
std::optional<QDateTime> parseIsoTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        time = date.startOfDay(QTimeZone::utc());
    }
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc());
    return time.toUTC();
}

QJsonObject entryToJson(const AuditEntry &entry)
{
    return QJsonObject{
        {QStringLiteral("sequence"), entry.sequence},
        {QStringLiteral("id"), entry.id},
        {QStringLiteral("timestamp"), entry.timestampIso()},
        {QStringLiteral("event_type"), entry.eventType},
        {QStringLiteral("channel_id"), entry.channelId},
        {QStringLiteral("source"), eventSourceName(entry.source)},
        {QStringLiteral("actor"), entry.actor},
        {QStringLiteral("tenant"), entry.tenant},
        {QStringLiteral("details"), entry.details()},
        {QStringLiteral("compliance_tag"), entry.complianceTag},
        {QStringLiteral("prev_hash"), entry.prevHash},
        {QStringLiteral("hash"), entry.hash},
    };
}

class AuditCommand final : public Command
{
public:
    AuditCommand()
        : Command({QStringLiteral("audit"),
                   QStringLiteral("Export the audit trail as CSV (RFC 4180, safe in spreadsheets), verify its hash chain "
                                  "(exit 8 and the first bad entry when altered) or show the newest entries."),
                   QStringLiteral("cxonectl audit export --csv OUT [--from ISO] [--to ISO] [--channel ID] [--event TYPE] "
                                  "[--bom]\n"
                                  "cxonectl audit verify\n"
                                  "cxonectl audit tail [-n N]\n"
                                  "cxonectl audit copy --from FILE --to postgresql://user@host:port/db\n"
                                  "The store is --audit-db PATH or a postgresql:// URL (default: %1); the database's "
                                  "password comes from PGPASSWORD or PGPASSFILE.")
                       .arg(QDir::toNativeSeparators(AuditStore::defaultPath()))})
    {
    }

    void run(CliContext &context, const QStringList &arguments) override
    {
        runSubcommand(context, arguments,
                      {{{QStringLiteral("export")}, [this](CliContext &context, const QStringList &rest) { exportCsv(context, rest); }},
                       {{QStringLiteral("verify")}, [this](CliContext &context, const QStringList &) { verify(context); }, 0},
                       {{QStringLiteral("tail")}, [this](CliContext &context, const QStringList &rest) { tail(context, rest); }},
                       {{QStringLiteral("copy")}, [this](CliContext &context, const QStringList &rest) { copy(context, rest); }}});
    }

private:
    // cxonectl audit copy --from FILE --to URL: a desktop's trail into the shared store.
    void copy(CliContext &context, const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption fromOption(QStringLiteral("from"), QString(), QStringLiteral("FILE"));
        const QCommandLineOption toOption(QStringLiteral("to"), QString(), QStringLiteral("URL"));
        parser.addOptions({fromOption, toOption});
        if (!parser.parse(QStringList{QStringLiteral("audit copy")} + arguments) || !parser.positionalArguments().isEmpty()
            || parser.value(fromOption).isEmpty() || parser.value(toOption).isEmpty()) {
            context.usageError(parser.errorText().isEmpty() ? QStringLiteral("'audit copy' needs --from FILE and --to URL.")
                                                            : parser.errorText(),
                               usage());
            return;
        }
        AuditStore from;
        AuditStore to;
        QString error;
        if (!from.open(parser.value(fromOption), &error, AuditStore::OpenMode::ExistingOnly)
            || !to.open(parser.value(toOption), &error)) {
            context.fail(error);
            return;
        }
        if (from.path() == to.path()) {
            context.err() << "cxonectl: --from and --to name the same store.\n";
            context.finish(ExitCode::Usage);
            return;
        }
        const AuditCopyResult result = copyAuditTrail(from, to, QString());
        if (!result.ok) {
            context.err() << "cxonectl: " << result.message << '\n';
            context.finish(result.message.contains(QLatin1String("does not verify")) ? static_cast<ExitCode>(kExitChainBroken)
                                                                                      : ExitCode::Failure);
            return;
        }
        if (context.options().json)
            context.out() << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("copied"), result.copied},
                                                                         {QStringLiteral("skipped"), result.skipped},
                                                                         {QStringLiteral("to"), to.path()}})
                                                   .toJson(QJsonDocument::Compact))
                          << '\n';
        else
            context.out() << result.message << ".\n";
        context.finish(ExitCode::Success);
    }

    void exportCsv(CliContext &context, const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption csvOption(QStringLiteral("csv"), QString(), QStringLiteral("OUT"));
        const QCommandLineOption fromOption(QStringLiteral("from"), QString(), QStringLiteral("ISO"));
        const QCommandLineOption toOption(QStringLiteral("to"), QString(), QStringLiteral("ISO"));
        const QCommandLineOption channelOption(QStringLiteral("channel"), QString(), QStringLiteral("ID"));
        const QCommandLineOption eventOption(QStringLiteral("event"), QString(), QStringLiteral("TYPE"));
        const QCommandLineOption bomOption(QStringLiteral("bom"));
        parser.addOptions({csvOption, fromOption, toOption, channelOption, eventOption, bomOption});
        if (!parseArguments(context, parser, QStringLiteral("audit export"), arguments))
            return;
        if (!parser.positionalArguments().isEmpty()) {
            context.usageError(QStringLiteral("unexpected argument '%1'.").arg(parser.positionalArguments().first()),
                               usage());
            return;
        }
        if (parser.value(csvOption).isEmpty()) {
            context.usageError(QStringLiteral("'audit export' needs --csv OUT."), usage());
            return;
        }
        AuditFilter filter;
        for (const auto &[option, target] : {std::pair{&fromOption, &filter.from}, std::pair{&toOption, &filter.to}}) {
            if (!parser.isSet(*option))
                continue;
            const std::optional<QDateTime> time = parseIsoTime(parser.value(*option));
            if (!time) {
                context.usageError(QStringLiteral("--%1 needs an ISO 8601 time such as 2026-11-23T10:15:00Z or "
                                                  "2026-11-23, not '%2'.")
                                       .arg(option->names().first(), parser.value(*option)),
                                   usage());
                return;
            }
            *target = *time;
        }
        if (filter.from.isValid() && filter.to.isValid() && filter.from >= filter.to) {
            context.usageError(QStringLiteral("--from must be before --to."), usage());
            return;
        }
        filter.channelId = parser.value(channelOption);
        filter.eventType = parser.value(eventOption);

        AuditStore store;
        if (!context.openAuditStore(&store))
            return;
        AuditCsvOptions options;
        options.byteOrderMark = parser.isSet(bomOption);
        const QString out = parser.value(csvOption);
        const AuditCsvResult result = AuditCsvWriter::writeFile(store, out, filter, options);
        store.close();
        if (!result.ok) {
            context.err() << "cxonectl: audit export failed: " << result.error << '\n';
            context.finish(ExitCode::Failure);
            return;
        }

        // The export itself is an audited action, in the console's shape.
        const AuditEvent event = manualActionEvent(QString(events::kAuditExported), QString(), QString(),
                                                   auditExportDetails(out, result.rows, filter));
        QString error;
        if (!context.auditTrail()->record(event, &error)) {
            context.err() << "cxonectl: the CSV was written but the export could not be recorded: " << error << '\n';
            context.finish(ExitCode::Failure);
            return;
        }
        if (context.options().json)
            context.printJson(QJsonObject{{QStringLiteral("file"), out}, {QStringLiteral("rows"), result.rows}});
        else
            context.out() << "exported " << result.rows << " audit entries to " << out << '\n';
        context.finish(ExitCode::Success);
    }

    void verify(CliContext &context)
    {
        AuditStore store;
        if (!context.openAuditStore(&store))
            return;
        const AuditVerifyResult result = store.verify();
        if (context.options().json) {
            QJsonObject json{{QStringLiteral("intact"), result.intact()},
                             {QStringLiteral("checked"), result.checked},
                             {QStringLiteral("message"), result.message}};
            if (!result.intact()) {
                json.insert(QStringLiteral("first_bad_sequence"), result.sequence);
                json.insert(QStringLiteral("first_bad_id"), result.id);
            }
            context.printJson(json);
        } else if (result.intact()) {
            context.out() << result.message << '\n';
        }
        if (result.intact()) {
            context.finish(ExitCode::Success);
            return;
        }
        if (result.problem == AuditVerifyResult::Problem::StoreError) {
            context.fail(result.message);
            return;
        }
        context.err() << "cxonectl: the audit trail in " << store.path() << " is NOT intact: " << result.message
                      << " (" << result.checked << " entries before it verified). Keep this file as evidence and "
                      << "compare it with the copies delivered to the export endpoint.\n";
        context.finish(static_cast<ExitCode>(kExitChainBroken));
    }

    void tail(CliContext &context, const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption countOption(QStringList{QStringLiteral("n"), QStringLiteral("lines")}, QString(),
                                             QStringLiteral("N"), QStringLiteral("10"));
        parser.addOption(countOption);
        if (!parseArguments(context, parser, QStringLiteral("audit tail"), arguments, 0,
                            QStringLiteral("'audit tail' takes only -n N.")))
            return;
        const std::optional<qint64> count = wholeNumberOption(context, parser, countOption, 1, 100000, 10, usage());
        if (!count)
            return;
        AuditStore store;
        if (!context.openAuditStore(&store))
            return;
        QString error;
        const QList<AuditEntry> entries = store.tail(static_cast<int>(*count), &error);
        if (!error.isEmpty()) {
            context.fail(error);
            return;
        }
        if (context.options().json) {
            QJsonArray array;
            for (const AuditEntry &entry : entries)
                array.append(entryToJson(entry));
            context.printJson(array);
        } else {
            TextTable table({QStringLiteral("SEQ"), QStringLiteral("TIMESTAMP"), QStringLiteral("EVENT"),
                             QStringLiteral("CHANNEL"), QStringLiteral("SOURCE"), QStringLiteral("ACTOR"),
                             QStringLiteral("DETAILS")},
                            60);
            for (const AuditEntry &entry : entries) {
                table.addRow({QString::number(entry.sequence), entry.timestampIso(), entry.eventType, entry.channelId,
                              eventSourceName(entry.source), entry.actor, entry.detailsJson});
            }
            context.out() << table.render();
        }
        context.finish(ExitCode::Success);
    }
};

} // namespace

void registerAuditCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<AuditCommand>());
}

} // namespace cc::cli
