// cxone-sim: the simulated CXone tenant as a program, for the demo and for
// trying a client by hand. Secrets come from files or the environment, never
// from the command line (where `ps` and shell history would show them).

#include "cc_version.h"
#include "client/secret_file.h"
#include "sim_server.h"
#include "sim_sip_responder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe work here: wake the event loop through the pipe.
    [[maybe_unused]] const ssize_t written = ::write(g_signalFds[0], &byte, 1);
}

void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

// Reads a secret from the file that `fileOption` names, else from the
// environment variable `variable`; when either holds one, sets *secret and says
// where it came from in *source, prefixed by `what`. False, with *problem, when
// the file cannot be used.
bool readSecret(const QCommandLineParser &parser, const QString &fileOption, const char *variable,
                const QString &what, QString *secret, QString *source, QString *problem, QStringList *warnings)
{
    if (parser.isSet(fileOption)) {
        const QString path = parser.value(fileOption);
        const std::optional<QString> read =
            cc::readSecretFile(path, QStringLiteral("--") + fileOption, problem, warnings);
        if (!read)
            return false;
        *secret = *read;
        *source = what + QStringLiteral("read from ") + path;
    } else if (!qEnvironmentVariableIsEmpty(variable)) {
        *secret = qEnvironmentVariable(variable);
        *source = what + QStringLiteral("from the environment variable ") + QLatin1String(variable);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cxone-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CC_VERSION_STRING));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A simulated NICE CXone tenant serving the Channel API contract over HTTP.\n"
        "Secrets are never taken as arguments: the client secret comes from --client-secret-file or the\n"
        "environment variable CXONE_SIM_CLIENT_SECRET (default: the documented demo secret \"demo-secret\"),\n"
        "the export receiver's token from --export-token-file or CXONE_SIM_EXPORT_TOKEN (default: none).\n"
        "The control API for faults and counters is under /_sim/ (loopback clients only)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("host"), QStringLiteral("Address to bind (default 127.0.0.1)."), QStringLiteral("address"),
         QStringLiteral("127.0.0.1")},
        {QStringLiteral("port"), QStringLiteral("Port, 0 for any free one (default 0)."), QStringLiteral("port"), QStringLiteral("0")},
        {QStringLiteral("channels"), QStringLiteral("Seeded channels (default 12)."), QStringLiteral("count"), QStringLiteral("12")},
        {QStringLiteral("seed"), QStringLiteral("Seed of everything simulated (default 1)."), QStringLiteral("seed"), QStringLiteral("1")},
        {QStringLiteral("scenario"), QStringLiteral("JSON fault timeline {\"events\": [...]}."), QStringLiteral("file")},
        {QStringLiteral("token-ttl"), QStringLiteral("Access token lifetime in seconds (default 1800)."), QStringLiteral("seconds"),
         QStringLiteral("1800")},
        {QStringLiteral("rate-limit"), QStringLiteral("Requests a minute per tenant, 0 = unlimited (default 100)."),
         QStringLiteral("count"), QStringLiteral("100")},
        {QStringLiteral("client-id"), QStringLiteral("OAuth client id (default demo)."), QStringLiteral("id"), QStringLiteral("demo")},
        {QStringLiteral("client-secret-file"),
         QStringLiteral("File whose first line is the client secret (instead of --client-secret, which is not accepted)."),
         QStringLiteral("file")},
        {QStringLiteral("export-token-file"),
         QStringLiteral("File whose first line is the bearer token the export receiver requires."), QStringLiteral("file")},
        {QStringLiteral("sip-responder"),
         QStringLiteral("Answer SIP OPTIONS for every trunk on 127.0.0.1 (200, 503 or silence by its state).")},
        {QStringLiteral("sip-map"),
         QStringLiteral("With the SIP responder: write its connect-to rules to FILE, for cxonectl probe --connect-to-file "
                        "(implies --sip-responder)."),
         QStringLiteral("file")},
    });
    // A secret on the command line shows in `ps` and shell history: refuse it
    // before anything else, without echoing it.
    for (const QString &argument : QCoreApplication::arguments()) {
        if (argument == QLatin1String("--client-secret") || argument.startsWith(QLatin1String("--client-secret="))) {
            QTextStream(stderr) << "cxone-sim: --client-secret is not accepted (a secret on the command line is visible "
                                   "to every user through ps): put it in a file and pass --client-secret-file FILE, or set "
                                   "CXONE_SIM_CLIENT_SECRET\n";
            return 2;
        }
    }
    parser.process(app);

    QTextStream err(stderr);
    const auto fail = [&err](const QString &message) {
        err << "cxone-sim: " << message << '\n';
        err.flush();
        return 2;
    };
    const auto number = [&parser](const QString &option, qint64 min, qint64 max, qint64 *value) {
        bool ok = false;
        *value = parser.value(option).toLongLong(&ok);
        return ok && *value >= min && *value <= max;
    };

    cc::sim::SimOptions options;
    qint64 value = 0;
    const QString host = parser.value(QStringLiteral("host"));
    if (!options.host.setAddress(host))
        return fail(QStringLiteral("--host must be an IP address such as 127.0.0.1 (got %1)").arg(host));
    if (!number(QStringLiteral("port"), 0, 65535, &value))
        return fail(QStringLiteral("--port must be 0 to 65535"));
    options.port = static_cast<quint16>(value);
    if (!number(QStringLiteral("channels"), 0, 100000, &value))
        return fail(QStringLiteral("--channels must be 0 to 100000"));
    options.channels = static_cast<int>(value);
    if (!number(QStringLiteral("seed"), 0, 0xffffffffLL, &value))
        return fail(QStringLiteral("--seed must be 0 to 4294967295"));
    options.seed = static_cast<quint32>(value);
    if (!number(QStringLiteral("token-ttl"), 1, 86400 * 365, &value))
        return fail(QStringLiteral("--token-ttl must be 1 second or more"));
    options.tokenTtlSeconds = static_cast<int>(value);
    if (!number(QStringLiteral("rate-limit"), 0, 100000000, &value))
        return fail(QStringLiteral("--rate-limit must be 0 (unlimited) or more"));
    options.rateLimitPerMinute = static_cast<int>(value);
    options.clientId = parser.value(QStringLiteral("client-id"));
    options.scenarioFile = parser.value(QStringLiteral("scenario"));
    const bool writesSipMap = parser.isSet(QStringLiteral("sip-map"));
    const QString sipMap = parser.value(QStringLiteral("sip-map"));
    options.sipResponder = parser.isSet(QStringLiteral("sip-responder")) || writesSipMap;

    QString secretSource = QStringLiteral("the documented demo secret \"demo-secret\"");
    QString problem;
    QStringList warnings;
    if (!readSecret(parser, QStringLiteral("client-secret-file"), "CXONE_SIM_CLIENT_SECRET", QString(), &options.clientSecret, &secretSource,
                    &problem, &warnings))
        return fail(problem);
    QString exportSource = QStringLiteral("none required");
    if (!readSecret(parser, QStringLiteral("export-token-file"), "CXONE_SIM_EXPORT_TOKEN", QStringLiteral("bearer token "),
                    &options.exportToken, &exportSource, &problem, &warnings))
        return fail(problem);

    // Warnings go to stderr: stdout's first line is the address scripts read.
    for (const QString &warning : std::as_const(warnings))
        std::fprintf(stderr, "cxone-sim: warning: %s\n", qPrintable(warning));

    cc::sim::SimServer server(options);
    if (!server.listen(&problem))
        return fail(problem);
    quitOnSignals(app);

    QTextStream out(stdout);
    const QString base = server.baseUrl().toString();
    out << "listening on " << base << Qt::endl; // the first line: scripts and tests read the port from it
    out << "client id: " << options.clientId << " (client credentials at " << base << "/api/v2/oauth/token)\n";
    out << "client secret: " << secretSource << '\n';
    out << "access key: " << cc::sim::kDemoAccessKeyId << " with the documented demo secret \""
        << cc::sim::kDemoAccessKeySecret << "\" (discovery at " << base << "/.well-known/openid-configuration)\n";
    out << "tenant: " << options.tenantId << ", " << options.channels << " channels, seed " << options.seed
        << ", rate limit " << (options.rateLimitPerMinute == 0 ? QStringLiteral("off") : QString::number(options.rateLimitPerMinute) + QStringLiteral("/min"))
        << ", token lifetime " << options.tokenTtlSeconds << " s\n";
    out << "export receiver: " << server.exportUrl().toString() << " (" << exportSource << ")\n";
    if (cc::sim::SimSipResponder *sip = server.sipResponder()) {
        if (writesSipMap && !sip->writeMap(sipMap, &problem))
            return fail(problem);
        out << "sip responder: " << sip->connectToRules().size() << " trunks answer OPTIONS on 127.0.0.1 (UDP and TCP)"
            << (writesSipMap ? QStringLiteral(", connect-to rules in ") + sipMap : QString())
            << '\n';
    }
    out << "control API: " << base << "/_sim/stats, /_sim/requests, /_sim/faults, /_sim/exports\n";
    if (!options.host.isLoopback())
        out << "note: bound to " << options.host.toString() << "; the control API still answers loopback clients only\n";
    out << "press Ctrl-C to stop" << Qt::endl;

    const int code = QCoreApplication::exec();
    out << "stopped" << Qt::endl;
    return code;
}
