#include "metrics/monitor_metrics.h"

#include "metrics/api_route.h"

namespace cc {

namespace {

// Cycle durations: a cycle is a few requests on a 10 s cadence, seconds when the
// tenant is slow; the top bounds catch a stretched cycle.
const QList<double> kCycleBuckets{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0};

} // namespace

MonitorMetrics::MonitorMetrics()
    : m_cycleSeconds(kCycleBuckets)
{
}

void MonitorMetrics::observeSnapshot(const MonitorSnapshotPtr &snapshot)
{
    if (!snapshot)
        return;
    const QMutexLocker locker(&m_mutex);
    m_last = snapshot;
    ++m_cycles;
    m_cycleSeconds.observe(static_cast<double>(snapshot->cycleMs) / 1000.0);
    // A channel that is up again, or gone, has no alarm standing.
    QSet<QString> present;
    for (const ChannelHealth &channel : snapshot->channels) {
        present.insert(channel.id);
        if (channel.health == HealthState::Up && channel.routedVia.isEmpty())
            m_alarmed.remove(channel.id);
    }
    for (auto it = m_alarmed.begin(); it != m_alarmed.end();) {
        if (!present.contains(*it))
            it = m_alarmed.erase(it);
        else
            ++it;
    }
}

void MonitorMetrics::observeEvent(const MonitorEvent &event)
{
    const QMutexLocker locker(&m_mutex);
    if (event.type == events::kFailoverDone) {
        ++m_failovers;
        m_alarmed.remove(event.channelId);
    } else if (event.type == events::kFailbackDone) {
        ++m_failbacks;
        m_alarmed.remove(event.channelId);
    } else if (event.type == events::kAlarm && !event.channelId.isEmpty()) {
        m_alarmed.insert(event.channelId);
    }
}

void MonitorMetrics::observeApiRequest(const QByteArray &method, const QString &urlPath, int status)
{
    const QString route = QString::fromLatin1(method) + QLatin1Char(' ') + apiRouteTemplate(urlPath);
    const QString code = status > 0 ? QString::number(status) : QStringLiteral("none");
    const QMutexLocker locker(&m_mutex);
    ++m_requests[{route, code}];
}

void MonitorMetrics::setBudgetSource(std::function<int()> remaining)
{
    const QMutexLocker locker(&m_mutex);
    m_budgetRemaining = std::move(remaining);
}

void MonitorMetrics::setLeader(std::optional<bool> leader)
{
    const QMutexLocker locker(&m_mutex);
    m_leader = leader;
}

QByteArray MonitorMetrics::render() const
{
    const QMutexLocker locker(&m_mutex);
    PrometheusText out;
    const QList<ChannelHealth> channels = m_last ? m_last->channels : QList<ChannelHealth>();
    const auto labels = [](const ChannelHealth &channel) {
        return PrometheusText::Labels{{QStringLiteral("channel_id"), channel.id}, {QStringLiteral("name"), channel.name}};
    };
    // Absent figures ("no data") are left out, never written as zeros.
    const auto perChannel = [&](const QString &name, const QString &help,
                                const std::function<std::optional<double>(const ChannelHealth &)> &value) {
        out.family(name, QStringLiteral("gauge"), help);
        for (const ChannelHealth &channel : channels) {
            if (const std::optional<double> v = value(channel))
                out.sample(name, labels(channel), *v);
        }
    };
    perChannel(QStringLiteral("cxone_channel_up"),
               QStringLiteral("1 when the monitor judges the channel up (after hysteresis), 0 when down or not yet known."),
               [](const ChannelHealth &c) { return std::optional<double>(c.health == HealthState::Up ? 1.0 : 0.0); });
    perChannel(QStringLiteral("cxone_channel_latency_seconds"), QStringLiteral("Latest one-way latency of the channel."),
               [](const ChannelHealth &c) { return c.latencyMs ? std::optional<double>(*c.latencyMs / 1000.0) : std::nullopt; });
    perChannel(QStringLiteral("cxone_channel_jitter_seconds"), QStringLiteral("Latest jitter of the channel."),
               [](const ChannelHealth &c) { return c.jitterMs ? std::optional<double>(*c.jitterMs / 1000.0) : std::nullopt; });
    perChannel(QStringLiteral("cxone_channel_packet_loss_ratio"), QStringLiteral("Latest packet loss of the channel, 0 to 1."),
               [](const ChannelHealth &c) {
                   return c.packetLossPct ? std::optional<double>(*c.packetLossPct / 100.0) : std::nullopt;
               });
    perChannel(QStringLiteral("cxone_channel_mos"), QStringLiteral("Latest MOS of the channel (ITU-T G.107 E-model), 1 to 4.5."),
               [](const ChannelHealth &c) { return c.mos; });
    perChannel(QStringLiteral("cxone_channel_routed_via_backup"),
               QStringLiteral("1 when the channel's traffic is routed via one of its backups."),
               [](const ChannelHealth &c) { return std::optional<double>(c.routedVia.isEmpty() ? 0.0 : 1.0); });
    // The console's own SIP OPTIONS probes (cxonectl monitor --sip-probe): only
    // channels that are probed and whose probe has decided are written.
    perChannel(QStringLiteral("cxone_sip_probe_up"),
               QStringLiteral("1 when the SIP OPTIONS probe of the channel's SIP server counts it up, 0 when down."),
               [](const ChannelHealth &c) {
                   if (!c.probed || c.probe == ProbeHealth::Unknown)
                       return std::optional<double>();
                   return std::optional<double>(c.probe == ProbeHealth::Up ? 1.0 : 0.0);
               });
    perChannel(QStringLiteral("cxone_sip_probe_rtt_seconds"),
               QStringLiteral("Round trip of the latest answered SIP OPTIONS probe of the channel's SIP server."),
               [](const ChannelHealth &c) {
                   return c.probed && c.probeRttMs ? std::optional<double>(*c.probeRttMs / 1000.0) : std::nullopt;
               });

    if (m_leader) {
        out.family(QStringLiteral("cxone_monitor_leader"), QStringLiteral("gauge"),
                   QStringLiteral("1 while this monitor holds the tenant's leader lease and acts, 0 on standby."));
        out.sample(QStringLiteral("cxone_monitor_leader"), *m_leader ? 1.0 : 0.0);
    }
    out.family(QStringLiteral("cxone_monitor_cycles_total"), QStringLiteral("counter"), QStringLiteral("Monitor cycles completed."));
    out.sample(QStringLiteral("cxone_monitor_cycles_total"), static_cast<double>(m_cycles));
    out.family(QStringLiteral("cxone_monitor_cycle_duration_seconds"), QStringLiteral("histogram"),
               QStringLiteral("Time from a cycle's first request to its last answer."));
    m_cycleSeconds.write(out, QStringLiteral("cxone_monitor_cycle_duration_seconds"));
    out.family(QStringLiteral("cxone_monitor_failovers_total"), QStringLiteral("counter"),
               QStringLiteral("Failovers this monitor completed (automatic and requested)."));
    out.sample(QStringLiteral("cxone_monitor_failovers_total"), static_cast<double>(m_failovers));
    out.family(QStringLiteral("cxone_monitor_failbacks_total"), QStringLiteral("counter"),
               QStringLiteral("Failbacks this monitor completed (automatic and requested)."));
    out.sample(QStringLiteral("cxone_monitor_failbacks_total"), static_cast<double>(m_failbacks));
    out.family(QStringLiteral("cxone_monitor_alarms"), QStringLiteral("gauge"),
               QStringLiteral("Channels with an alarm standing (down with no healthy backup, or routed via a backup that is "
                              "down), until they are up on their own route again or failed over."));
    out.sample(QStringLiteral("cxone_monitor_alarms"), static_cast<double>(m_alarmed.size()));

    out.family(QStringLiteral("cxone_api_requests_total"), QStringLiteral("counter"),
               QStringLiteral("Requests sent to the tenant, by route and HTTP status (code \"none\": no answer)."));
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
        out.sample(QStringLiteral("cxone_api_requests_total"),
                   {{QStringLiteral("route"), it.key().first}, {QStringLiteral("code"), it.key().second}},
                   static_cast<double>(it.value()));
    if (m_budgetRemaining) {
        out.family(QStringLiteral("cxone_api_budget_remaining"), QStringLiteral("gauge"),
                   QStringLiteral("Requests left in the tenant's rate budget this minute (0 also when the tenant sets no limit)."));
        out.sample(QStringLiteral("cxone_api_budget_remaining"), static_cast<double>(m_budgetRemaining()));
    }
    return out.text();
}

} // namespace cc
