// cxonectl: the console's engine without a window, for automation engineers.
//
//     cxonectl [global options] COMMAND [arguments]
//
// Global options go before or after the command (`cxonectl quality ID --json`,
// as the README writes it): the ones after it are taken out of the command's
// words first, except where the command has an option of that name itself
// (probe's --timeout is the SIP timeout). Words after "--" are left alone. Credentials come from the environment or from files,
// never from an argument (see cli_credentials.h).
//
// Adding a command (monitor, quality, optimize, audit, ...):
//   1. write app/cxonectl/<area>_commands.h/.cpp with classes deriving from
//      cc::cli::Command (command.h) and a `void register<Area>Commands(CommandRegistry &)`;
//   2. list the two files in app/cxonectl/CMakeLists.txt;
//   3. add one line to registerAllCommands() below.
// A command gets a CliContext (options, stdout/stderr, the ApiClient on demand)
// and ends by calling context.finish(code) or context.finishWithError(error).

#include "alarm_commands.h"
#include "audit_commands.h"
#include "channel_commands.h"
#include "cli_audit_trail.h"
#include "cli_context.h"
#include "command_registry.h"
#include "config_file.h"
#include "engine_commands.h"
#include "probe_commands.h"
#include "quality_commands.h"

#include "cc_version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <algorithm>

#include <cstdio>

namespace {

const QString kSecretOption = QStringLiteral("client-secret");
const QString kKeySecretOption = QStringLiteral("access-key-secret");

void registerAllCommands(cc::cli::CommandRegistry &registry)
{
    cc::cli::registerChannelCommands(registry);
    // One line per command area, e.g.: cc::cli::registerAuditCommands(registry);
    cc::cli::registerAuditCommands(registry);
    cc::cli::registerEngineCommands(registry);
    cc::cli::registerQualityCommands(registry);
    cc::cli::registerProbeCommands(registry);
    cc::cli::registerAlarmCommands(registry);
}

QString globalHelp(const QCommandLineParser &parser, const cc::cli::CommandRegistry &registry)
{
    QString text = parser.helpText();
    text.replace(QStringLiteral("[options]"), QStringLiteral("[global options] COMMAND [arguments]"));
    text += QLatin1Char('\n') + registry.helpText();
    text += QStringLiteral(
        "\nCredentials: CXONE_BASE_URL, CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (or --base-url, --client-id and\n"
        "--client-secret-file FILE). For an access key: CXONE_ACCESS_KEY_ID (or --access-key-id) and\n"
        "CXONE_ACCESS_KEY_SECRET (or --access-key-secret-file FILE); CXONE_DISCOVERY_URL overrides the discovery host.\n"
        "A secret is never accepted as an argument.\n"
        "\nExit codes: 0 success, 1 network or tenant failure, 2 usage, 3 validation failed, 4 authentication or\n"
        "authorisation, 5 not found, 6 conflict (409/412), 7 still rate limited after the retries, 8 the audit trail\n"
        "was altered (audit verify); probe: 9 answered with a code not counted as up, 10 no answer within the\n"
        "timeout, 11 nothing listens, the name does not resolve or TLS failed; 12 the command did not finish\n"
        "within its --deadline; failover: 13 refused, nothing changed (no failover channels, or no healthy\n"
        "target: a --to backup that is not healthy); 14 a change not sent because the audit trail could not\n"
        "take its entry first (the shared store down or cut off);\n"
        "alarms: 5 no such alarm, 13 the alarm has cleared, 2 a missing comment or a bad --for duration.\n"
        "\nGlobal options go before or after the command: cxonectl quality ID --json.\n"
        "A failover or failback that is already so says \"already\" and exits 0.\n");
    return text;
}

// Options of a command that share a global option's name and mean something
// else there: they stay with the command.
QStringList commandsOwnOptions(const QString &command)
{
    if (command == QLatin1String("probe"))
        return {QStringLiteral("timeout")};
    return {};
}

// Moves the global options found among the command's words (`tail`) into
// `hoisted`, each with its value; the rest stays in order.
void hoistGlobalOptions(const QList<QCommandLineOption> &globals, const QString &command, QStringList *tail,
                        QStringList *hoisted)
{
    const QStringList own = commandsOwnOptions(command);
    QStringList kept;
    for (qsizetype i = 0; i < tail->size(); ++i) {
        const QString &word = tail->at(i);
        if (word == QLatin1String("--")) {
            kept += tail->mid(i);
            break;
        }
        if (!word.startsWith(QLatin1String("--"))) {
            kept.append(word);
            continue;
        }
        const QString name = word.mid(2).section(QLatin1Char('='), 0, 0);
        const auto global = std::find_if(globals.cbegin(), globals.cend(),
                                         [&name](const QCommandLineOption &option) { return option.names().contains(name); });
        if (global == globals.cend() || own.contains(name)) {
            kept.append(word);
            continue;
        }
        hoisted->append(word);
        if (!global->valueName().isEmpty() && !word.contains(QLatin1Char('=')) && i + 1 < tail->size())
            hoisted->append(tail->at(++i));
    }
    *tail = kept;
}

// The options every command takes, in --help's order. The two secrets are
// recognised only to refuse them with a reason: a secret on the command line
// is visible to every user of the machine.
QList<QCommandLineOption> globalOptions()
{
    QList<QCommandLineOption> options{
        {QStringLiteral("json"), QStringLiteral("Machine-readable JSON on stdout.")},
        {QStringLiteral("verbose"), QStringLiteral("Log every request on stderr (credentials redacted).")},
        {QStringLiteral("timeout"), QStringLiteral("Seconds to wait for each answer (default 15)."), QStringLiteral("S"),
         QStringLiteral("15")},
        {QStringLiteral("retries"), QStringLiteral("Repeats of a request after a 429, 5xx or timeout (default 4)."),
         QStringLiteral("N"), QStringLiteral("4")},
        {QStringLiteral("audit-db"),
         QStringLiteral("The audit store: a SQLite file, or postgresql://user@host:port/db (password from PGPASSWORD or "
                        "PGPASSFILE)."),
         QStringLiteral("PATH")},
        {QStringLiteral("export-url"),
         QStringLiteral("Export audit entries and metrics to this endpoint (its token from CXONE_EXPORT_TOKEN)."),
         QStringLiteral("URL")},
        {QStringLiteral("base-url"), QStringLiteral("The tenant's API base URL (else CXONE_BASE_URL)."), QStringLiteral("URL")},
        {QStringLiteral("client-id"), QStringLiteral("The OAuth client id (else CXONE_CLIENT_ID)."), QStringLiteral("ID")},
        {QStringLiteral("client-secret-file"),
         QStringLiteral("A file whose first line is the client secret (else CXONE_CLIENT_SECRET)."), QStringLiteral("FILE")},
        {QStringLiteral("access-key-id"), QStringLiteral("Sign in with this CXone access key (else CXONE_ACCESS_KEY_ID)."),
         QStringLiteral("ID")},
        {QStringLiteral("access-key-secret-file"),
         QStringLiteral("A file whose first line is the access key secret (else CXONE_ACCESS_KEY_SECRET)."),
         QStringLiteral("FILE")},
        {QStringLiteral("discovery-url"),
         QStringLiteral("Access-key discovery host (else CXONE_DISCOVERY_URL, default https://cxone.niceincontact.com)."),
         QStringLiteral("URL")},
        {QStringLiteral("deadline"),
         QStringLiteral("Seconds the whole command may take, retries and pages included (default 300; monitor: none "
                        "unless given)."),
         QStringLiteral("S")},
    };
    for (const QString &secret : {kSecretOption, kKeySecretOption}) {
        QCommandLineOption refused(secret, QString(), QStringLiteral("SECRET"));
        refused.setFlags(QCommandLineOption::HiddenFromHelp);
        options.append(refused);
    }
    return options;
}

// The whole-number option `name` within [min, max] into *value; false with
// *problem ("--retries needs a number from 0 to 20, ...") otherwise. `numbers`
// says what it counts.
bool readNumber(const QCommandLineParser &parser, const QString &name, int min, int max, const QString &numbers, int *value,
                QString *problem)
{
    bool ok = false;
    const int number = parser.value(name).toInt(&ok);
    if (!ok || number < min || number > max) {
        *problem = QStringLiteral("--%1 needs %2 from %3 to %4, not '%5'.").arg(name, numbers).arg(min).arg(max).arg(parser.value(name));
        return false;
    }
    *value = number;
    return true;
}

// The global options as parsed into `options` and the command's deadline;
// false with *problem on a value out of range.
bool readGlobalOptions(const QCommandLineParser &parser, cc::cli::GlobalOptions *options, int *deadlineSeconds,
                       QString *problem)
{
    options->json = parser.isSet(QStringLiteral("json"));
    options->verbose = parser.isSet(QStringLiteral("verbose"));
    options->auditDbPath = parser.value(QStringLiteral("audit-db"));
    options->exportUrl = parser.value(QStringLiteral("export-url"));
    cc::cli::CredentialOptions &credentials = options->credentials;
    credentials.baseUrl = parser.value(QStringLiteral("base-url"));
    credentials.clientId = parser.value(QStringLiteral("client-id"));
    credentials.clientSecretFile = parser.value(QStringLiteral("client-secret-file"));
    credentials.accessKeyId = parser.value(QStringLiteral("access-key-id"));
    credentials.accessKeySecretFile = parser.value(QStringLiteral("access-key-secret-file"));
    credentials.discoveryUrl = parser.value(QStringLiteral("discovery-url"));
    const QString seconds = QStringLiteral("a number of seconds");
    *deadlineSeconds = 300;
    return readNumber(parser, QStringLiteral("timeout"), 1, 3600, seconds, &credentials.timeoutSeconds, problem)
        && readNumber(parser, QStringLiteral("retries"), 0, 20, QStringLiteral("a number"), &options->retries, problem)
        && (!parser.isSet(QStringLiteral("deadline"))
            || readNumber(parser, QStringLiteral("deadline"), 1, 30 * 86400, seconds, deadlineSeconds, problem));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cxonectl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CC_VERSION_STRING));

    cc::cli::CommandRegistry registry;
    registerAllCommands(registry);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Manage the voice channels (SIP trunks) of a NICE CXone tenant."));
    // Everything after the command word is the command's own.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QList<QCommandLineOption> options = globalOptions();
    parser.addOptions(options);

    QTextStream err(stderr);
    // --config FILE: the file's settings become options (config_file.h).
    QStringList arguments = QCoreApplication::arguments();
    if (QString configError; !cc::cli::expandConfigFile(&arguments, &configError)) {
        err << "cxonectl: " << configError << ".\n";
        return static_cast<int>(cc::cli::ExitCode::Usage);
    }
    if (!parser.parse(arguments)) {
        err << "cxonectl: " << parser.errorText() << "\nRun 'cxonectl --help' for every command and option.\n";
        return static_cast<int>(cc::cli::ExitCode::Usage);
    }
    // Global options after the command: parsed again with them moved before it.
    if (!parser.positionalArguments().isEmpty()) {
        const QStringList raw = QCoreApplication::arguments();
        const qsizetype tailStart = raw.size() - (parser.positionalArguments().size() - 1);
        QStringList tail = raw.mid(tailStart);
        QStringList hoisted;
        hoistGlobalOptions(options, parser.positionalArguments().first(), &tail, &hoisted);
        if (!hoisted.isEmpty()
            && !parser.parse(raw.mid(0, 1) + hoisted + raw.mid(1, tailStart - 1) + tail)) {
            err << "cxonectl: " << parser.errorText() << "\nRun 'cxonectl --help' for every command and option.\n";
            return static_cast<int>(cc::cli::ExitCode::Usage);
        }
    }
    if (parser.isSet(kSecretOption) || parser.isSet(kKeySecretOption)) {
        err << "cxonectl: a secret is never accepted as an argument (other users can read it in the process list). "
               "Use CXONE_CLIENT_SECRET / CXONE_ACCESS_KEY_SECRET or --client-secret-file / --access-key-secret-file.\n";
        return static_cast<int>(cc::cli::ExitCode::Usage);
    }
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << globalHelp(parser, registry);
        return 0;
    }
    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << "cxonectl " << CC_VERSION_STRING << '\n';
        return 0;
    }

    cc::cli::GlobalOptions global;
    int deadlineSeconds = 0;
    if (QString problem; !readGlobalOptions(parser, &global, &deadlineSeconds, &problem)) {
        err << "cxonectl: " << problem << '\n';
        return static_cast<int>(cc::cli::ExitCode::Usage);
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        err << "cxonectl: no command given.\n\n" << globalHelp(parser, registry);
        return static_cast<int>(cc::cli::ExitCode::Usage);
    }
    cc::cli::Command *command = registry.find(positional.first());
    if (!command) {
        err << "cxonectl: unknown command '" << positional.first() << "'.\n\n" << registry.helpText();
        return static_cast<int>(cc::cli::ExitCode::Usage);
    }
    err.flush();

    cc::cli::CliContext context(global);
    QObject::connect(&context, &cc::cli::CliContext::finished, &app,
                     [](int code) { QCoreApplication::exit(code); }, Qt::QueuedConnection);
    if (!command->runsUntilStopped() || parser.isSet(QStringLiteral("deadline")))
        context.startDeadline(deadlineSeconds, positional.mid(0, 2).join(QLatin1Char(' ')));
    // Started from the event loop, so that an early finish() reaches a running loop.
    QTimer::singleShot(0, &context, [&context, command, arguments = positional.mid(1)] { command->run(context, arguments); });
    const int exitCode = QCoreApplication::exec();
    // What the outbox could not deliver in a few seconds stays queued for the next run.
    context.auditTrail()->drainBeforeExit(context.err());
    return exitCode;
}
