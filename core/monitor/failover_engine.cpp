#include "monitor/failover_engine.h"

#include "quality/codec_profile.h"

#include <QSet>

namespace cc {

void EngineOutput::append(const EngineOutput &other)
{
    events += other.events;
    actions += other.actions;
}

FailoverEngine::FailoverEngine(const FailoverSettings &settings, const Clock *clock)
    : m_settings(settings)
    , m_clock(clock)
{
    Q_ASSERT(m_clock);
}

void FailoverEngine::setSettings(const FailoverSettings &settings)
{
    m_settings = settings;
    for (Track &track : m_tracks)
        track.machine.setSettings(settings.hysteresis);
}

std::optional<HealthReading> FailoverEngine::readingOf(const ChannelObservation &observation,
                                                       const QualityAssessment &quality) const
{
    HealthReading reading = HealthReading::NoData;
    switch (observation.channel.status) {
    case ChannelStatus::Healthy:
        reading = HealthReading::Good;
        break;
    case ChannelStatus::Active:
        // The failover PATCH itself writes `active` on the primary: while it is
        // routed elsewhere that status is the echo of our own write, not a health
        // check. It neither counts nor breaks a streak: the last real verdict stands
        // until the tenant checks the trunk again.
        if (observation.channel.isFailedOver())
            return std::nullopt;
        reading = HealthReading::Good;
        break;
    case ChannelStatus::Degraded:
    case ChannelStatus::Unhealthy:
        reading = HealthReading::Bad;
        break;
    case ChannelStatus::Provisioning:
    case ChannelStatus::Disabled:
        reading = HealthReading::NoData;
        break;
    }
    if (reading == HealthReading::Good && m_settings.qualityRule && quality.optimizationRequired.value_or(false))
        reading = HealthReading::Bad;
    return reading;
}

EngineOutput FailoverEngine::observeCycle(const QList<ChannelObservation> &observations)
{
    EngineOutput out;
    const QDateTime now = m_clock->nowUtc();
    QStringList order;
    order.reserve(observations.size());
    QSet<QString> seen;
    seen.reserve(observations.size());
    for (const ChannelObservation &observation : observations) {
        const QString &id = observation.channel.id;
        // A tenant listing an id twice gets one row: the first.
        if (id.isEmpty() || seen.contains(id))
            continue;
        seen.insert(id);
        order.append(id);
        auto it = m_tracks.find(id);
        if (it == m_tracks.end()) {
            it = m_tracks.insert(id, Track{});
            it->machine.setSettings(m_settings.hysteresis);
        }
        Track &track = *it;
        track.last = observation;
        track.lastSeen = now;
        const CodecProfile codec = preferredCodecProfile(observation.channel.configuration.codecs);
        track.codec = codec.name;
        track.quality = assessQuality(observation.latencyMs, observation.jitterMs, observation.packetLossPct, codec,
                                      m_settings.quality);
        if (observation.channel.isFailedOver()) {
            if (!track.failedOverSince.isValid())
                track.failedOverSince = now;
        } else {
            track.failedOverSince = QDateTime();
        }
        const std::optional<HealthReading> reading = readingOf(observation, track.quality);
        track.lastReading = reading.value_or(HealthReading::NoData);
        if (reading)
            observe(id, track, *reading, out);
    }
    // Deleted on the tenant: forget them (an action in flight still reports back).
    for (auto it = m_tracks.begin(); it != m_tracks.end();) {
        if (!seen.contains(it.key()))
            it = m_tracks.erase(it);
        else
            ++it;
    }
    m_order = order;
    for (const QString &id : std::as_const(m_order))
        checkAgreement(id, m_tracks[id], out);
    // Decide only once every state is current: a backup's state must be this cycle's.
    for (const QString &id : std::as_const(m_order))
        decide(id, m_tracks[id], out);
    return out;
}

EngineOutput FailoverEngine::observeNoData()
{
    EngineOutput out;
    for (const QString &id : std::as_const(m_order)) {
        Track &track = m_tracks[id];
        track.lastReading = HealthReading::NoData;
        observe(id, track, HealthReading::NoData, out);
        checkAgreement(id, track, out);
    }
    return out;
}

void FailoverEngine::observe(const QString &id, Track &track, HealthReading reading, EngineOutput &out)
{
    const HealthState before = track.machine.state();
    if (!track.machine.observe(reading))
        return;
    const HealthState after = track.machine.state();
    track.notice.clear();
    QString reason;
    QString message;
    int streak = 0;
    switch (after) {
    case HealthState::Down:
        streak = track.machine.badStreak();
        reason = QStringLiteral("consecutive_bad_readings");
        message = QStringLiteral("down after %1 consecutive bad readings (tenant status %2)")
                      .arg(streak)
                      .arg(channelStatusName(track.last.channel.status));
        break;
    case HealthState::Up:
        streak = track.machine.goodStreak();
        reason = QStringLiteral("consecutive_good_readings");
        message = QStringLiteral("up after %1 consecutive good readings").arg(streak);
        break;
    case HealthState::Unknown:
        streak = track.machine.noDataStreak();
        reason = QStringLiteral("no_data");
        message = QStringLiteral("unknown after %1 readings without data").arg(streak);
        break;
    }
    out.events.append(event(events::kHealthStateChanged, id, EventSource::System, reason, message,
                            QJsonObject{{QStringLiteral("from"), healthStateName(before)},
                                        {QStringLiteral("to"), healthStateName(after)},
                                        {QStringLiteral("streak"), streak},
                                        {QStringLiteral("tenant_status"), channelStatusName(track.last.channel.status)}}));
    if (m_settings.probing)
        out.events.last().details.insert(QStringLiteral("sip_probe"), probeHealthName(probeOf(track)));
}

void FailoverEngine::decide(const QString &id, Track &track, EngineOutput &out)
{
    if (track.inFlight)
        return;
    const bool failedOver = track.last.channel.isFailedOver();
    if (!failedOver) {
        if (isDownForFailover(track))
            decideFailover(id, track, out);
        return;
    }
    if (isUpForFailback(track)) {
        decideFailback(id, track, out);
        return;
    }
    const QString via = track.last.channel.routing.primaryChannelId;
    const auto target = m_tracks.constFind(via);
    if (target != m_tracks.constEnd()
        && (target->machine.state() == HealthState::Down
            || (m_settings.probing && probeOf(*target) == ProbeHealth::Down))) {
        notice(track, QStringLiteral("alarm:backup_down:") + via,
               event(events::kAlarm, id, EventSource::System, QStringLiteral("backup_down"),
                     QStringLiteral("traffic is routed via %1, which is down too").arg(via),
                     {{QStringLiteral("routed_via"), via}}),
               out);
    }
}

void FailoverEngine::decideFailover(const QString &id, Track &track, EngineOutput &out)
{
    if (!m_settings.autoFailover) {
        notice(track, QStringLiteral("failover:disabled"),
               event(events::kFailoverSkipped, id, EventSource::Automatic, QStringLiteral("auto_failover_disabled"),
                     QStringLiteral("down, but automatic failover is off")),
               out);
        return;
    }
    if (m_pausedAll || m_pausedChannels.contains(id)) {
        notice(track, QStringLiteral("failover:paused"),
               event(events::kFailoverSkipped, id, EventSource::Automatic, QStringLiteral("paused"),
                     m_pausedAll ? QStringLiteral("down, but automatic failover is paused for all channels")
                                 : QStringLiteral("down, but automatic failover is paused for this channel"),
                     {{QStringLiteral("paused_all"), m_pausedAll}}),
               out);
        return;
    }
    if (const std::optional<qint64> remaining = cooldownRemainingMs(track)) {
        notice(track, QStringLiteral("failover:cooldown"),
               event(events::kFailoverSkipped, id, EventSource::Automatic, QStringLiteral("cooldown"),
                     QStringLiteral("down, but the channel was failed over or back less than the cooldown ago; "
                                    "retrying in %1 s").arg((*remaining + 999) / 1000),
                     {{QStringLiteral("cooldown_remaining_s"), (*remaining + 999) / 1000}}),
               out);
        return;
    }
    if (track.retryNotBefore.isValid() && m_clock->nowUtc() < track.retryNotBefore)
        return;   // the failure was reported; wait before trying again

    const TargetChoice choice = chooseTarget(id);
    if (choice.targetId.isEmpty()) {
        const bool none = track.last.channel.routing.failoverChannels.isEmpty();
        notice(track, QStringLiteral("failover:no_target"),
               event(events::kAlarm, id, EventSource::Automatic,
                     none ? QStringLiteral("no_failover_channels") : QStringLiteral("no_healthy_target"),
                     none ? QStringLiteral("down and no failover channel is configured: nothing was changed")
                          : QStringLiteral("down and none of its failover channels is healthy: nothing was changed"),
                     {{QStringLiteral("candidates"), choice.rejected}}),
               out);
        return;
    }
    const FailoverAction action = makeAction(FailoverActionKind::Failover, id, track, choice.targetId, EventSource::Automatic);
    QJsonObject details{{QStringLiteral("target"), choice.targetId},
                        {QStringLiteral("version"), action.expectedVersion}};
    if (!choice.rejected.isEmpty())
        details.insert(QStringLiteral("skipped_candidates"), choice.rejected);
    if (m_settings.probing) {
        details.insert(QStringLiteral("signals"),
                       QJsonObject{{QStringLiteral("rule"), failoverSignalName(m_settings.signal)},
                                   {QStringLiteral("health"), healthStateName(track.machine.state())},
                                   {QStringLiteral("sip_probe"), probeHealthName(probeOf(track))}});
    }
    out.events.append(event(events::kFailoverStarted, id, EventSource::Automatic, QStringLiteral("down"),
                            QStringLiteral("down: failing over to %1").arg(choice.targetId), details));
    out.actions.append(action);
    track.inFlight = true;
}

void FailoverEngine::decideFailback(const QString &id, Track &track, EngineOutput &out)
{
    const QString via = track.last.channel.routing.primaryChannelId;
    const QJsonObject routed{{QStringLiteral("routed_via"), via}};
    if (m_settings.failback == FailbackPolicy::Manual) {
        notice(track, QStringLiteral("failback:pending"),
               event(events::kFailbackPending, id, EventSource::Automatic, QStringLiteral("manual_policy"),
                     QStringLiteral("up again and routed via %1; the failback policy leaves failback to an operator").arg(via),
                     routed),
               out);
        return;
    }
    if (m_pausedAll || m_pausedChannels.contains(id)) {
        notice(track, QStringLiteral("failback:paused"),
               event(events::kFailbackSkipped, id, EventSource::Automatic, QStringLiteral("paused"),
                     QStringLiteral("up again, but automatic actions are paused"), routed),
               out);
        return;
    }
    if (const std::optional<qint64> remaining = cooldownRemainingMs(track)) {
        QJsonObject details = routed;
        details.insert(QStringLiteral("cooldown_remaining_s"), (*remaining + 999) / 1000);
        notice(track, QStringLiteral("failback:cooldown"),
               event(events::kFailbackSkipped, id, EventSource::Automatic, QStringLiteral("cooldown"),
                     QStringLiteral("up again; failback waits for the cooldown (%1 s left)").arg((*remaining + 999) / 1000),
                     details),
               out);
        return;
    }
    if (track.retryNotBefore.isValid() && m_clock->nowUtc() < track.retryNotBefore)
        return;
    const FailoverAction action = makeAction(FailoverActionKind::Failback, id, track, QString(), EventSource::Automatic);
    QJsonObject details = routed;
    details.insert(QStringLiteral("version"), action.expectedVersion);
    out.events.append(event(events::kFailbackStarted, id, EventSource::Automatic, QStringLiteral("primary_up"),
                            QStringLiteral("up for %1 readings and past the cooldown: failing back").arg(track.machine.goodStreak()),
                            details));
    out.actions.append(action);
    track.inFlight = true;
}

std::optional<qint64> FailoverEngine::cooldownRemainingMs(const Track &track) const
{
    QDateTime start = track.lastActionAt;
    if (track.failedOverSince.isValid() && (!start.isValid() || track.failedOverSince > start))
        start = track.failedOverSince;
    if (!start.isValid())
        return std::nullopt;
    const qint64 remaining = m_settings.cooldownMs - start.msecsTo(m_clock->nowUtc());
    if (remaining <= 0)
        return std::nullopt;
    return remaining;
}

QString FailoverEngine::targetRejection(const QString &channelId, const QString &candidate) const
{
    if (candidate == channelId)
        return QStringLiteral("self");
    const auto it = m_tracks.constFind(candidate);
    if (it == m_tracks.constEnd())
        return QStringLiteral("not_found");
    if (it->inFlight)
        return QStringLiteral("action_in_flight");
    if (it->last.channel.isFailedOver())
        return QStringLiteral("failed_over_elsewhere");
    if (it->last.channel.status == ChannelStatus::Disabled)
        return QStringLiteral("disabled");
    // Down or not yet known: the reason is the health state's own name.
    if (it->machine.state() != HealthState::Up)
        return healthStateName(it->machine.state());
    // Up by hysteresis but bad right now: it may be on its way down; not a safe harbour.
    if (it->lastReading == HealthReading::Bad)
        return QStringLiteral("reading_bad");
    // The tenant may call it healthy; its SIP server does not answer as it should.
    if (m_settings.probing && probeOf(*it) == ProbeHealth::Down)
        return QStringLiteral("probe_down");
    return QString();
}

TargetChoice FailoverEngine::chooseTarget(const QString &channelId) const
{
    TargetChoice choice;
    const auto it = m_tracks.constFind(channelId);
    if (it == m_tracks.constEnd())
        return choice;
    for (const QString &candidate : it->last.channel.routing.failoverChannels) {
        const QString rejection = targetRejection(channelId, candidate);
        if (rejection.isEmpty()) {
            choice.targetId = candidate;
            return choice;
        }
        choice.rejected.append(QJsonObject{{QStringLiteral("channel_id"), candidate},
                                           {QStringLiteral("reason"), rejection}});
    }
    return choice;
}

FailoverAction FailoverEngine::makeAction(FailoverActionKind kind, const QString &id, const Track &track,
                                          const QString &target, EventSource source)
{
    FailoverAction action;
    action.id = m_nextActionId++;
    action.kind = kind;
    action.channelId = id;
    action.targetId = target;
    action.expectedVersion = track.last.channel.version;
    action.source = source;
    return action;
}

MonitorEvent FailoverEngine::event(QLatin1String type, const QString &channelId, EventSource source,
                                   const QString &reason, const QString &message, QJsonObject details) const
{
    details.insert(QStringLiteral("reason"), reason);
    details.insert(QStringLiteral("message"), message);
    return MonitorEvent{QString(type), channelId, source, m_clock->nowUtc(), details};
}

void FailoverEngine::notice(Track &track, const QString &key, const MonitorEvent &e, EngineOutput &out)
{
    if (track.notice == key)
        return;
    track.notice = key;
    out.events.append(e);
}

HealthState FailoverEngine::state(const QString &channelId) const
{
    const auto it = m_tracks.constFind(channelId);
    return it == m_tracks.constEnd() ? HealthState::Unknown : it->machine.state();
}

bool FailoverEngine::isChannelPaused(const QString &channelId) const
{
    return m_pausedChannels.contains(channelId);
}

bool FailoverEngine::hasActionInFlight(const QString &channelId) const
{
    const auto it = m_tracks.constFind(channelId);
    return it != m_tracks.constEnd() && it->inFlight;
}

std::optional<Channel> FailoverEngine::channel(const QString &channelId) const
{
    const auto it = m_tracks.constFind(channelId);
    if (it == m_tracks.constEnd())
        return std::nullopt;
    return it->last.channel;
}

QList<ChannelHealth> FailoverEngine::channelHealth() const
{
    QList<ChannelHealth> rows;
    rows.reserve(m_order.size());
    for (const QString &id : m_order) {
        const Track &track = m_tracks[id];
        ChannelHealth row;
        row.id = id;
        row.name = track.last.channel.name;
        row.tenantStatus = track.last.channel.status;
        row.health = track.machine.state();
        row.latencyMs = track.quality.latencyMs;
        row.jitterMs = track.quality.jitterMs;
        row.packetLossPct = track.quality.packetLossPct;
        row.score = track.quality.score;
        row.rFactor = track.quality.rFactor;
        row.mos = track.quality.mos;
        row.codec = track.codec;
        row.routedVia = track.last.channel.routing.primaryChannelId;
        row.sipServer = track.last.channel.configuration.sipServer;
        row.failoverChannels = track.last.channel.routing.failoverChannels;
        row.lastSeen = track.lastSeen;
        row.telemetryAt = track.last.telemetryAt;
        row.failoverPaused = m_pausedAll || m_pausedChannels.contains(id);
        row.actionInFlight = track.inFlight;
        if (m_settings.probing && track.probed) {
            row.probed = true;
            row.probe = track.probe.health;
            row.probeCode = track.probe.code;
            row.probeRttMs = track.probe.rttMs;
            row.probeSummary = track.probe.summary;
            row.probeDisagreement = track.disagreement.isRaised();
        }
        rows.append(row);
    }
    return rows;
}

} // namespace cc
