#include "probe_commands.h"

#include "cli_context.h"
#include "command.h"
#include "command_registry.h"
#include "option_values.h"

#include "sip/probe_health_settings.h"
#include "sip/probe_rtt_stats.h"
#include "sip/sip_prober.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QTimer>

#include <algorithm>

namespace cc::cli {

namespace {

// Probes one URI `count` times, one second apart, then finishes with the exit
// code of the last probe.
class ProbeRun final : public QObject
{
public:
    ProbeRun(CliContext &context, const SipUri &uri, const SipProberOptions &options, const ProbeHealthSettings &settings,
             int timeoutMs, int count, bool json)
        : QObject(&context)
        , m_context(context)
        , m_uri(uri)
        , m_prober(new SipProber(options, this))
        , m_settings(settings)
        , m_timeoutMs(timeoutMs)
        , m_count(count)
        , m_json(json)
    {
        connect(m_prober, &SipProber::finished, this, [this](const SipProbeResult &result) { onResult(result); });
    }

    void start()
    {
        QString error;
        if (!m_prober->open(&error)) {
            m_context.fail(error);
            return;
        }
        next();
    }

private:
    void next()
    {
        m_started.start();
        m_prober->probe(m_uri, m_timeoutMs);
    }

    void onResult(const SipProbeResult &result)
    {
        m_results.append(result);
        if (result.answered())
            m_rtt.addAnswer(result.rttMs);
        else if (result.outcome == SipProbeOutcome::Timeout)
            m_rtt.addTimeout();
        if (!m_json) {
            m_context.out() << m_uri.toString() << " probe " << m_results.size() << ": " << result.summary();
            if (result.answered() && !m_settings.countsAsUp(result))
                m_context.out() << " (not counted as up)";
            m_context.out() << '\n';
            m_context.out().flush();
        }
        if (m_results.size() < m_count) {
            // One probe a second, as ping does; at once after a slow one.
            QTimer::singleShot(std::max<qint64>(0, 1000 - m_started.elapsed()), this, [this] { next(); });
            return;
        }
        finish();
    }

    void finish()
    {
        const SipProbeResult &last = m_results.last();
        ExitCode code = ExitCode::Success;
        QString verdict;
        if (m_settings.countsAsUp(last)) {
            verdict = QStringLiteral("up: %1 %2").arg(last.statusCode).arg(last.reason);
        } else if (last.answered()) {
            code = ExitCode::ProbeAnsweredNotUp;
            verdict = QStringLiteral("down: answered %1 %2, which does not count as up (accepted: 2xx%3)")
                          .arg(last.statusCode)
                          .arg(last.reason,
                               m_settings.replyCodesText().isEmpty() ? QString() : QStringLiteral(", ") + m_settings.replyCodesText());
        } else if (last.outcome == SipProbeOutcome::Timeout) {
            code = ExitCode::ProbeNoAnswer;
            verdict = QStringLiteral("down: no answer within %1 s").arg(m_timeoutMs / 1000.0, 0, 'g', 3);
        } else {
            code = ExitCode::ProbeUnreachable;
            verdict = QStringLiteral("down: ") + (last.outcome == SipProbeOutcome::DnsFailed ? last.summary().mid(6) : last.summary());
        }
        if (m_json) {
            QJsonArray probes;
            for (const SipProbeResult &result : std::as_const(m_results)) {
                QJsonObject object = result.toJson();
                object.insert(QStringLiteral("counts_as_up"), m_settings.countsAsUp(result));
                probes.append(object);
            }
            m_context.printJson(QJsonObject{{QStringLiteral("target"), m_uri.toString()},
                                            {QStringLiteral("up"), code == ExitCode::Success},
                                            {QStringLiteral("verdict"), verdict},
                                            {QStringLiteral("exit_code"), static_cast<int>(code)},
                                            {QStringLiteral("probes"), probes},
                                            {QStringLiteral("rtt"), m_rtt.toJson()}});
        } else {
            if (m_results.size() > 1) {
                const auto answered = std::count_if(m_results.cbegin(), m_results.cend(),
                                                    [](const SipProbeResult &result) { return result.answered(); });
                m_context.out() << m_results.size() << " probes, " << answered << " answered";
                if (m_rtt.answers() > 0)
                    m_context.out() << QStringLiteral(", rtt min/avg/max %1/%2/%3 ms")
                                           .arg(m_rtt.minMs(), 0, 'f', 1)
                                           .arg(m_rtt.meanMs(), 0, 'f', 1)
                                           .arg(m_rtt.maxMs(), 0, 'f', 1);
                m_context.out() << '\n';
            }
            m_context.out() << verdict << '\n';
        }
        m_context.finish(code);
    }

    CliContext &m_context;
    SipUri m_uri;
    SipProber *m_prober;
    ProbeHealthSettings m_settings;
    int m_timeoutMs;
    int m_count;
    bool m_json;
    QElapsedTimer m_started;
    QList<SipProbeResult> m_results;
    ProbeRttStats m_rtt;
};

class ProbeCommand final : public Command
{
public:
    ProbeCommand()
        : Command({QStringLiteral("probe"),
                   QStringLiteral("Send SIP OPTIONS to a trunk's SIP server (UDP, ;transport=tcp, or sips: for TLS) and "
                                  "print the code, reason and round trip of each probe. Exit 0 when up, 9 when answered "
                                  "with a code not counted as up, 10 when no answer came within the timeout, 11 when "
                                  "nothing listens, the name does not resolve or TLS fails, 2 for a malformed URI."),
                   QStringLiteral("cxonectl probe SIP-URI [--timeout S] [--count N] [--json] [--accept-codes SPEC]\n"
                                  "               [--connect-to HOST:PORT:ADDR:PORT]... [--connect-to-file FILE] "
                                  "[--ca-file FILE]")})
    {
    }

    void run(CliContext &context, const QStringList &arguments) override
    {
        QCommandLineParser parser;
        const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                               QStringLiteral("Seconds to wait for each answer, 0.1 to 32 (RFC 3261's Timer F; default 5)."),
                                               QStringLiteral("S"));
        const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Probes to send, one a second (default 1)."),
                                             QStringLiteral("N"));
        const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("One JSON object on stdout."));
        const QCommandLineOption acceptOption(QStringLiteral("accept-codes"),
                                              QStringLiteral("Codes counted as up besides 2xx, as Kamailio's ds_ping_reply_codes "
                                                             "(e.g. code=404;class=4)."),
                                              QStringLiteral("SPEC"));
        const QCommandLineOption connectToOption(QStringLiteral("connect-to"),
                                                 QStringLiteral("Send probes of HOST:PORT to ADDR:PORT instead (as curl's)."),
                                                 QStringLiteral("RULE"));
        const QCommandLineOption connectToFileOption(QStringLiteral("connect-to-file"),
                                                     QStringLiteral("Connect-to rules, one a line (cxone-sim --sip-map writes one)."),
                                                     QStringLiteral("FILE"));
        const QCommandLineOption caOption(QStringLiteral("ca-file"), QStringLiteral("Also trust the CA certificates in FILE (PEM) for sips:."),
                                          QStringLiteral("FILE"));
        parser.addOptions({timeoutOption, countOption, jsonOption, acceptOption, connectToOption, connectToFileOption, caOption});
        if (!parseArguments(context, parser, QStringLiteral("probe"), arguments, 1,
                            QStringLiteral("'probe' takes one SIP URI, e.g. sip:sip.carrier-provider.net:5060.")))
            return;
        QString error;
        const std::optional<SipUri> uri = SipUri::parse(parser.positionalArguments().constFirst(), &error);
        if (!uri) {
            context.usageError(error + QLatin1Char('.'), usage());
            return;
        }
        // RFC 3261's Timer F bounds a non-INVITE transaction at 32 s.
        const std::optional<int> timeoutMs =
            secondsOptionMs(context, parser, timeoutOption, 0.1, 32, SipProber::kDefaultTimeoutMs, usage());
        if (!timeoutMs)
            return;
        const std::optional<qint64> count = wholeNumberOption(context, parser, countOption, 1, 10000, 1, usage());
        if (!count)
            return;
        ProbeHealthSettings settings;
        if (parser.isSet(acceptOption)) {
            const std::optional<ProbeHealthSettings> parsed = ProbeHealthSettings::withReplyCodes(settings, parser.value(acceptOption), &error);
            if (!parsed) {
                context.usageError(error + QLatin1Char('.'), usage());
                return;
            }
            settings = *parsed;
        }
        SipProberOptions options;
        for (const QString &rule : parser.values(connectToOption)) {
            if (!options.connectTo.addRule(rule, &error)) {
                context.usageError(error + QLatin1Char('.'), usage());
                return;
            }
        }
        if (parser.isSet(connectToFileOption) && !options.connectTo.addFile(parser.value(connectToFileOption), &error)) {
            context.usageError(error + QLatin1Char('.'), usage());
            return;
        }
        if (parser.isSet(caOption)) {
            options.caCertificates = QSslCertificate::fromPath(parser.value(caOption), QSsl::Pem);
            if (options.caCertificates.isEmpty()) {
                context.usageError(QStringLiteral("--ca-file %1 holds no PEM certificate.").arg(parser.value(caOption)), usage());
                return;
            }
        }
        auto *run = new ProbeRun(context, *uri, options, settings, *timeoutMs, static_cast<int>(*count),
                                 parser.isSet(jsonOption) || context.options().json);
        run->start();
    }
};

} // namespace

void registerProbeCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<ProbeCommand>());
}

} // namespace cc::cli
