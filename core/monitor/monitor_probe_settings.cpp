#include "monitor/monitor_probe_settings.h"

namespace cc {

std::optional<SipTransport> probeTransportFromName(const QString &name)
{
    const QString lower = name.toLower();
    if (lower == QLatin1String("udp"))
        return SipTransport::Udp;
    if (lower == QLatin1String("tcp"))
        return SipTransport::Tcp;
    if (lower == QLatin1String("tls"))
        return SipTransport::Tls;
    return std::nullopt;
}

QString probeUriFor(const Channel &channel, SipTransport transport)
{
    QString host = channel.configuration.sipServer;
    if (host.contains(QLatin1Char(':')) && !host.startsWith(QLatin1Char('[')))
        host = QLatin1Char('[') + host + QLatin1Char(']');   // an IPv6 literal (RFC 3261 section 25.1)
    const QString hostPort = host + QLatin1Char(':') + QString::number(channel.configuration.sipPort);
    switch (transport) {
    case SipTransport::Tls: return QStringLiteral("sips:") + hostPort;
    case SipTransport::Tcp: return QStringLiteral("sip:") + hostPort + QStringLiteral(";transport=tcp");
    case SipTransport::Udp: break;
    }
    return QStringLiteral("sip:") + hostPort;
}

QList<SipProbeTarget> probeTargetsFor(const QList<Channel> &channels, const MonitorProbeSettings &settings)
{
    QList<SipProbeTarget> targets;
    targets.reserve(channels.size());
    for (const Channel &channel : channels) {
        if (channel.id.isEmpty() || channel.configuration.sipServer.isEmpty())
            continue;
        SipProbeTarget target;
        target.id = channel.id;
        target.uri = probeUriFor(channel, settings.transport);
        target.intervalMs = settings.intervalMs > 0 ? settings.intervalMs : channel.healthCheck.intervalSeconds * 1000;
        target.timeoutMs = settings.timeoutMs;
        targets.append(target);
    }
    return targets;
}

} // namespace cc
