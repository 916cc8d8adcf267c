#include "monitor_probe_options.h"

#include "cli_context.h"
#include "option_values.h"

#include <QCommandLineParser>
#include <QSslCertificate>

namespace cc::cli {

MonitorProbeOptions::MonitorProbeOptions()
    : m_probe(QStringLiteral("sip-probe"),
              QStringLiteral("Also probe each channel's sip_server:sip_port with SIP OPTIONS, as a second signal for failover."))
    , m_signal(QStringLiteral("failover-signal"),
               QStringLiteral("With --sip-probe: fail over when both (default) say down, or on the tenant, the probe, "
                              "or either alone."),
               QStringLiteral("both|tenant|probe|either"))
    , m_interval(QStringLiteral("probe-interval"),
                 QStringLiteral("Seconds between probes of a trunk (default: its health_check.interval_seconds)."),
                 QStringLiteral("S"))
    , m_timeout(QStringLiteral("probe-timeout"), QStringLiteral("Seconds a probe waits for its answer (default 5)."),
                QStringLiteral("S"))
    , m_downAfter(QStringLiteral("probe-down-after"), QStringLiteral("Failed probes in a row before down (default 3)."),
                  QStringLiteral("N"))
    , m_upAfter(QStringLiteral("probe-up-after"), QStringLiteral("Answered probes in a row before up (default 3)."),
                QStringLiteral("M"))
    , m_acceptCodes(QStringLiteral("probe-accept-codes"),
                    QStringLiteral("Answers besides 2xx that count as up, as Kamailio's ds_ping_reply_codes (code=404;class=4)."),
                    QStringLiteral("SPEC"))
    , m_transport(QStringLiteral("probe-transport"), QStringLiteral("udp (default), tcp or tls (sips:)."),
                  QStringLiteral("T"))
    , m_connectTo(QStringLiteral("probe-connect-to"),
                  QStringLiteral("Send the probes of HOST:PORT to ADDR:PORT (curl's --connect-to; repeatable; wins over the file)."),
                  QStringLiteral("HOST:PORT:ADDR:PORT"))
    , m_connectToFile(QStringLiteral("probe-connect-to-file"),
                      QStringLiteral("Connect-to rules, one a line (cxone-sim --sip-map writes one)."), QStringLiteral("FILE"))
    , m_caFile(QStringLiteral("probe-ca-file"), QStringLiteral("Also trust the CA certificates in FILE (PEM) for tls."),
               QStringLiteral("FILE"))
{
}

QString MonitorProbeOptions::usage()
{
    return QStringLiteral("                 [--sip-probe [--failover-signal both|tenant|probe|either] [--probe-interval S]\n"
                          "                  [--probe-timeout S] [--probe-down-after N] [--probe-up-after M]\n"
                          "                  [--probe-accept-codes SPEC] [--probe-transport udp|tcp|tls]\n"
                          "                  [--probe-connect-to HOST:PORT:ADDR:PORT]... [--probe-connect-to-file FILE]\n"
                          "                  [--probe-ca-file FILE]]");
}

void MonitorProbeOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_probe, m_signal, m_interval, m_timeout, m_downAfter, m_upAfter, m_acceptCodes, m_transport,
                       m_connectTo, m_connectToFile, m_caFile});
}

bool MonitorProbeOptions::apply(CliContext &context, const QCommandLineParser &parser, const QString &usage,
                                MonitorSettings &settings) const
{
    const auto fail = [&](const QString &message) {
        context.usageError(message, usage);
        return false;
    };
    MonitorProbeSettings &probe = settings.probe;
    probe.enabled = parser.isSet(m_probe);
    if (!probe.enabled) {
        for (const QCommandLineOption *option : {&m_signal, &m_interval, &m_timeout, &m_downAfter, &m_upAfter, &m_acceptCodes,
                                                 &m_transport, &m_connectTo, &m_connectToFile, &m_caFile}) {
            if (parser.isSet(*option))
                return fail(QStringLiteral("--%1 needs --sip-probe.").arg(option->names().constFirst()));
        }
        return true;
    }
    if (parser.isSet(m_signal)) {
        const std::optional<FailoverSignal> signal = failoverSignalFromName(parser.value(m_signal));
        if (!signal)
            return fail(QStringLiteral("--failover-signal is both, tenant, probe or either, not '%1'.").arg(parser.value(m_signal)));
        settings.failover.signal = *signal;
    }
    const std::optional<int> intervalMs = secondsOptionMs(context, parser, m_interval, 0.2, 3600, probe.intervalMs, usage);
    if (!intervalMs)
        return false;
    const std::optional<int> timeoutMs = secondsOptionMs(context, parser, m_timeout, 0.1, 32, probe.timeoutMs, usage);
    if (!timeoutMs)
        return false;
    const std::optional<qint64> downAfter =
        wholeNumberOption(context, parser, m_downAfter, 1, 100, probe.health.failuresBeforeDown, usage);
    if (!downAfter)
        return false;
    const std::optional<qint64> upAfter = wholeNumberOption(context, parser, m_upAfter, 1, 100, probe.health.successesBeforeUp, usage);
    if (!upAfter)
        return false;
    probe.intervalMs = *intervalMs;
    probe.timeoutMs = *timeoutMs;
    probe.health.failuresBeforeDown = static_cast<int>(*downAfter);
    probe.health.successesBeforeUp = static_cast<int>(*upAfter);
    if (parser.isSet(m_acceptCodes)) {
        QString error;
        const std::optional<ProbeHealthSettings> health =
            ProbeHealthSettings::withReplyCodes(probe.health, parser.value(m_acceptCodes), &error);
        if (!health)
            return fail(QStringLiteral("--probe-accept-codes: ") + error);
        probe.health = *health;
    }
    if (parser.isSet(m_transport)) {
        const std::optional<SipTransport> transport = probeTransportFromName(parser.value(m_transport));
        if (!transport)
            return fail(QStringLiteral("--probe-transport is udp, tcp or tls, not '%1'.").arg(parser.value(m_transport)));
        probe.transport = *transport;
    }
    // The file first: a rule given on the command line wins over the file's for the same HOST:PORT.
    QString error;
    if (parser.isSet(m_connectToFile) && !probe.prober.connectTo.addFile(parser.value(m_connectToFile), &error))
        return fail(QStringLiteral("--probe-connect-to-file: ") + error);
    for (const QString &rule : parser.values(m_connectTo)) {
        if (!probe.prober.connectTo.addRule(rule, &error))
            return fail(QStringLiteral("--probe-connect-to: ") + error);
    }
    if (parser.isSet(m_caFile)) {
        probe.prober.caCertificates = QSslCertificate::fromPath(parser.value(m_caFile), QSsl::Pem);
        if (probe.prober.caCertificates.isEmpty())
            return fail(QStringLiteral("--probe-ca-file %1 holds no PEM certificate.").arg(parser.value(m_caFile)));
    }
    return true;
}

} // namespace cc::cli
