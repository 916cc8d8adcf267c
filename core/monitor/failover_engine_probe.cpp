// The FailoverEngine's second signal, the SIP probe (failover_signal.h), kept
// apart from failover_engine.cpp so that each file stays readable: probe
// results in, the two-signal rule, and the tenant/probe disagreement alarm.

#include "monitor/failover_engine.h"

#include "model/json_reader.h"

#include <algorithm>

namespace cc {

EngineOutput FailoverEngine::observeProbe(const QString &channelId, const ProbeObservation &probe)
{
    EngineOutput out;
    const auto it = m_tracks.find(channelId);
    if (it == m_tracks.end())
        return out;   // not listed by the tenant (yet, or any more)
    Track &track = *it;
    const ProbeHealth before = probeOf(track);
    track.probed = true;
    track.probe = probe;
    if (probe.health != before) {
        track.notice.clear();
        const bool up = probe.health == ProbeHealth::Up;
        QJsonObject details{{QStringLiteral("from"), probeHealthName(before)},
                            {QStringLiteral("to"), probeHealthName(probe.health)},
                            {QStringLiteral("health"), healthStateName(track.machine.state())},
                            {QStringLiteral("last_probe"), probe.summary}};
        if (probe.code > 0)
            details.insert(QStringLiteral("code"), probe.code);
        if (probe.rttMs)
            details.insert(QStringLiteral("rtt_ms"), qRound(*probe.rttMs * 10.0) / 10.0);
        out.events.append(event(events::kSipProbeStateChanged, channelId, EventSource::System,
                                up ? QStringLiteral("probes_answered") : QStringLiteral("probes_failed"),
                                QStringLiteral("SIP probe %1: %2").arg(probeHealthName(probe.health), probe.summary),
                                details));
    }
    checkAgreement(channelId, track, out);
    // The probe may be the signal that tips the rule: decide now, not a cycle later.
    if (probe.health != before && m_settings.probing)
        decide(channelId, track, out);
    return out;
}

ProbeHealth FailoverEngine::probeOf(const Track &track) const
{
    return track.probed ? track.probe.health : ProbeHealth::Unknown;
}

bool FailoverEngine::isDownForFailover(const Track &track) const
{
    if (!m_settings.probing)
        return track.machine.state() == HealthState::Down;
    return downForFailover(m_settings.signal, track.machine.state(), probeOf(track));
}

bool FailoverEngine::isUpForFailback(const Track &track) const
{
    if (!m_settings.probing)
        return track.machine.state() == HealthState::Up;
    return upForFailback(m_settings.signal, track.machine.state(), probeOf(track));
}

void FailoverEngine::checkAgreement(const QString &id, Track &track, EngineOutput &out)
{
    if (!m_settings.probing || !track.probed)
        return;
    const qint64 afterMs = std::max(1, m_settings.disagreementIntervals) * std::max<qint64>(1, track.probe.intervalMs);
    const QDateTime now = m_clock->nowUtc();
    const HealthState tenant = track.machine.state();
    const ProbeHealth probe = probeOf(track);
    const bool wasTenantUp = track.disagreement.tenantSaysUp();
    const QDateTime since = track.disagreement.since();
    const ProbeDisagreement::Change change = track.disagreement.update(tenant, probe, now, afterMs);
    if (change == ProbeDisagreement::Change::Raised) {
        const bool tenantUp = track.disagreement.tenantSaysUp();
        out.events.append(event(
            events::kSipProbeDisagreement, id, EventSource::System,
            tenantUp ? QStringLiteral("tenant_up_probe_down") : QStringLiteral("tenant_down_probe_up"),
            tenantUp ? QStringLiteral("the tenant calls the trunk healthy but its SIP server fails the probe (%1) since %2")
                           .arg(track.probe.summary, toIsoUtc(track.disagreement.since()))
                     : QStringLiteral("the tenant calls the trunk down but its SIP server answers the probe (%1) since %2")
                           .arg(track.probe.summary, toIsoUtc(track.disagreement.since())),
            {{QStringLiteral("health"), healthStateName(tenant)},
             {QStringLiteral("tenant_status"), channelStatusName(track.last.channel.status)},
             {QStringLiteral("sip_probe"), probeHealthName(probe)},
             {QStringLiteral("since"), toIsoUtc(track.disagreement.since())},
             {QStringLiteral("after_s"), static_cast<double>(afterMs) / 1000.0},
             {QStringLiteral("rule"), failoverSignalName(m_settings.signal)}}));
    } else if (change == ProbeDisagreement::Change::Cleared) {
        out.events.append(event(events::kSipProbeDisagreementCleared, id, EventSource::System,
                                QStringLiteral("verdicts_agree"),
                                QStringLiteral("the tenant (%1) and the SIP probe (%2) no longer disagree")
                                    .arg(healthStateName(tenant), probeHealthName(probe)),
                                {{QStringLiteral("health"), healthStateName(tenant)},
                                 {QStringLiteral("sip_probe"), probeHealthName(probe)},
                                 {QStringLiteral("tenant_said_up"), wasTenantUp},
                                 {QStringLiteral("since"), toIsoUtc(since)}}));
    }
}

ProbeHealth FailoverEngine::probeHealth(const QString &channelId) const
{
    const auto it = m_tracks.constFind(channelId);
    return it == m_tracks.constEnd() ? ProbeHealth::Unknown : probeOf(*it);
}

} // namespace cc
