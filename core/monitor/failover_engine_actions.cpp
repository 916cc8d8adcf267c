// The FailoverEngine's actions and their outcomes, kept apart from
// failover_engine.cpp (observations and decisions) so that each file stays
// readable: a person's failover, failback and pause, and what the tenant
// answered to an action (done, 412 conflict re-read and retried, failed).

#include "monitor/failover_engine.h"

#include <QHash>

namespace cc {

namespace {

// An action that met 412 is re-read and retried at most this often, so two
// consoles fighting over a channel cannot loop.
constexpr int kMaxConflictRetries = 2;

QString actionKindName(FailoverActionKind kind)
{
    return kind == FailoverActionKind::Failover ? QStringLiteral("failover") : QStringLiteral("failback");
}

QString rejectionText(const QString &reason)
{
    static const QHash<QString, QString> texts{
        {QStringLiteral("self"), QStringLiteral("is the channel itself")},
        {QStringLiteral("not_found"), QStringLiteral("is not a channel of the tenant")},
        {QStringLiteral("action_in_flight"), QStringLiteral("is being failed over or back right now")},
        {QStringLiteral("failed_over_elsewhere"), QStringLiteral("is itself routed via another channel (no chains, no loops)")},
        {QStringLiteral("down"), QStringLiteral("is down")},
        {QStringLiteral("unknown"), QStringLiteral("has no established health yet (unknown)")},
        {QStringLiteral("reading_bad"), QStringLiteral("reported degraded or unhealthy in its latest reading")},
        {QStringLiteral("disabled"), QStringLiteral("is disabled")},
        {QStringLiteral("probe_down"), QStringLiteral("fails its SIP OPTIONS probe (down)")},
    };
    return texts.value(reason, reason);
}

} // namespace

FailoverEngine::ManualTrack FailoverEngine::manualActionTrack(const QString &channelId)
{
    const auto it = m_tracks.find(channelId);
    if (it == m_tracks.end())
        return {nullptr, QStringLiteral("not_found"), QStringLiteral("no such channel in the last cycle; refresh and try again")};
    if (it->inFlight)
        return {nullptr, QStringLiteral("action_in_flight"), QStringLiteral("a failover or failback of this channel is in progress")};
    return {&*it, QString(), QString()};
}

EngineOutput FailoverEngine::requestFailover(const QString &channelId, const QString &targetId)
{
    EngineOutput out;
    const auto skip = [&](const QString &reason, const QString &message) {
        out.events.append(event(events::kFailoverSkipped, channelId, EventSource::Manual, reason, message,
                                {{QStringLiteral("target"), targetId}}));
        return out;
    };
    const ManualTrack manual = manualActionTrack(channelId);
    if (manual.track == nullptr)
        return skip(manual.reason, manual.message);
    Track *track = manual.track;
    if (track->last.channel.routing.primaryChannelId == targetId)
        return skip(QStringLiteral("already_routed_via_target"), QStringLiteral("already routed via %1").arg(targetId));
    const QString rejection = targetRejection(channelId, targetId);
    if (!rejection.isEmpty())
        return skip(QStringLiteral("target_") + rejection,
                    QStringLiteral("target %1 %2: choose a healthy channel").arg(targetId, rejectionText(rejection)));
    const FailoverAction action = makeAction(FailoverActionKind::Failover, channelId, *track, targetId, EventSource::Manual);
    out.events.append(event(events::kFailoverStarted, channelId, EventSource::Manual, QStringLiteral("operator"),
                            QStringLiteral("operator fails over to %1").arg(targetId),
                            {{QStringLiteral("target"), targetId}, {QStringLiteral("version"), action.expectedVersion}}));
    out.actions.append(action);
    track->inFlight = true;
    return out;
}

EngineOutput FailoverEngine::requestFailback(const QString &channelId)
{
    EngineOutput out;
    const auto skip = [&](const QString &reason, const QString &message) {
        out.events.append(event(events::kFailbackSkipped, channelId, EventSource::Manual, reason, message));
        return out;
    };
    const ManualTrack manual = manualActionTrack(channelId);
    if (manual.track == nullptr)
        return skip(manual.reason, manual.message);
    Track *track = manual.track;
    if (!track->last.channel.isFailedOver())
        return skip(QStringLiteral("not_failed_over"), QStringLiteral("the channel already carries its own traffic"));
    const FailoverAction action = makeAction(FailoverActionKind::Failback, channelId, *track, QString(), EventSource::Manual);
    out.events.append(event(events::kFailbackStarted, channelId, EventSource::Manual, QStringLiteral("operator"),
                            QStringLiteral("operator fails back from %1").arg(track->last.channel.routing.primaryChannelId),
                            {{QStringLiteral("routed_via"), track->last.channel.routing.primaryChannelId},
                             {QStringLiteral("health"), healthStateName(track->machine.state())},
                             {QStringLiteral("version"), action.expectedVersion}}));
    out.actions.append(action);
    track->inFlight = true;
    return out;
}

EngineOutput FailoverEngine::setPaused(bool paused, EventSource source)
{
    EngineOutput out;
    if (m_pausedAll == paused)
        return out;
    m_pausedAll = paused;
    out.events.append(event(paused ? events::kFailoverPaused : events::kFailoverResumed, QString(), source,
                            QStringLiteral("operator"),
                            paused ? QStringLiteral("automatic failover paused for all channels")
                                   : QStringLiteral("automatic failover resumed for all channels")));
    return out;
}

EngineOutput FailoverEngine::setChannelPaused(const QString &channelId, bool paused, EventSource source)
{
    EngineOutput out;
    const auto it = m_tracks.find(channelId);
    if (it == m_tracks.end() || m_pausedChannels.contains(channelId) == paused)
        return out;
    if (paused)
        m_pausedChannels.insert(channelId);
    else
        m_pausedChannels.remove(channelId);
    it->notice.clear();
    out.events.append(event(paused ? events::kFailoverPaused : events::kFailoverResumed, channelId, source,
                            QStringLiteral("operator"),
                            paused ? QStringLiteral("automatic failover paused for this channel")
                                   : QStringLiteral("automatic failover resumed for this channel")));
    return out;
}

void FailoverEngine::forgetChannels()
{
    m_tracks.clear();
    m_order.clear();
}

FailoverEngine::Track *FailoverEngine::settleAction(const FailoverAction &action, const Channel &channel)
{
    const auto it = m_tracks.find(action.channelId);
    if (it == m_tracks.end())
        return nullptr;
    it->last.channel = channel;
    it->inFlight = false;
    it->notice.clear();
    return &*it;
}

EngineOutput FailoverEngine::actionSucceeded(const FailoverAction &action, const Channel &updated)
{
    EngineOutput out;
    const QDateTime now = m_clock->nowUtc();
    if (Track *track = settleAction(action, updated)) {
        track->lastActionAt = now;
        track->retryNotBefore = QDateTime();
        track->failedOverSince = updated.isFailedOver() ? now : QDateTime();
    }
    if (action.kind == FailoverActionKind::Failover) {
        out.events.append(event(events::kFailoverDone, action.channelId, action.source, QStringLiteral("patched"),
                                QStringLiteral("routed via %1").arg(action.targetId),
                                {{QStringLiteral("target"), action.targetId}, {QStringLiteral("version"), updated.version}}));
    } else {
        out.events.append(event(events::kFailbackDone, action.channelId, action.source, QStringLiteral("patched"),
                                QStringLiteral("carries its own traffic again"),
                                {{QStringLiteral("version"), updated.version}}));
    }
    return out;
}

EngineOutput FailoverEngine::actionConflicted(const FailoverAction &action, const Channel &current)
{
    EngineOutput out;
    const QDateTime now = m_clock->nowUtc();
    Track *track = settleAction(action, current);
    if (track != nullptr && current.isFailedOver() && !track->failedOverSince.isValid())
        track->failedOverSince = now;
    const QJsonObject seen{{QStringLiteral("routed_via"), current.routing.primaryChannelId.isEmpty()
                                                              ? QJsonValue(QJsonValue::Null)
                                                              : QJsonValue(current.routing.primaryChannelId)},
                           {QStringLiteral("version"), current.version},
                           {QStringLiteral("expected_version"), action.expectedVersion}};
    if (action.kind == FailoverActionKind::Failover) {
        if (current.isFailedOver()) {
            // Whether another console got there first or an earlier send of our own
            // PATCH landed (its answer lost), the channel is failed over: never twice.
            if (track != nullptr)
                track->lastActionAt = now;
            QJsonObject details = seen;
            details.insert(QStringLiteral("target"), action.targetId);
            details.insert(QStringLiteral("same_target"), current.routing.primaryChannelId == action.targetId);
            out.events.append(event(events::kFailoverSkipped, action.channelId, action.source,
                                    QStringLiteral("already_failed_over"),
                                    QStringLiteral("changed meanwhile: already routed via %1 (another console, an operator, "
                                                   "or an earlier send of this request); not acting twice")
                                        .arg(current.routing.primaryChannelId),
                                    details));
            return out;
        }
    } else if (!current.isFailedOver()) {
        out.events.append(event(events::kFailbackSkipped, action.channelId, action.source,
                                QStringLiteral("already_failed_back"),
                                QStringLiteral("changed meanwhile: already carries its own traffic; not acting twice"),
                                seen));
        return out;
    }

    // Changed for another reason (an edit): the decision may still hold.
    const QLatin1String failedType = action.kind == FailoverActionKind::Failover ? events::kFailoverFailed : events::kFailbackFailed;
    if (action.conflictRetries >= kMaxConflictRetries || track == nullptr) {
        out.events.append(event(failedType, action.channelId, action.source, QStringLiteral("conflict"),
                                QStringLiteral("the channel kept changing under the %1; re-read it and decide again")
                                    .arg(actionKindName(action.kind)),
                                seen));
        return out;
    }
    bool stillWanted = false;
    QString target = action.targetId;
    if (action.kind == FailoverActionKind::Failback) {
        stillWanted = true;
    } else if (action.source == EventSource::Manual) {
        stillWanted = targetRejection(action.channelId, target).isEmpty();
    } else {
        target = chooseTarget(action.channelId).targetId;
        stillWanted = isDownForFailover(*track) && !target.isEmpty();
    }
    if (!stillWanted) {
        out.events.append(event(action.kind == FailoverActionKind::Failover ? events::kFailoverSkipped : events::kFailbackSkipped,
                                action.channelId, action.source, QStringLiteral("no_longer_applicable"),
                                QStringLiteral("the channel changed meanwhile and the %1 no longer applies").arg(actionKindName(action.kind)),
                                seen));
        return out;
    }
    FailoverAction retry = makeAction(action.kind, action.channelId, *track, target, action.source);
    retry.conflictRetries = action.conflictRetries + 1;
    QJsonObject details = seen;
    if (!target.isEmpty())
        details.insert(QStringLiteral("target"), target);
    out.events.append(event(action.kind == FailoverActionKind::Failover ? events::kFailoverStarted : events::kFailbackStarted,
                            action.channelId, action.source, QStringLiteral("retry_after_conflict"),
                            QStringLiteral("the channel changed meanwhile (version %1); retrying on the new version")
                                .arg(current.version),
                            details));
    out.actions.append(retry);
    track->inFlight = true;
    return out;
}

EngineOutput FailoverEngine::actionFailed(const FailoverAction &action, const QString &reason, const QJsonObject &error)
{
    EngineOutput out;
    const auto it = m_tracks.find(action.channelId);
    if (it != m_tracks.end()) {
        it->inFlight = false;
        it->notice.clear();
        if (action.source == EventSource::Automatic)
            it->retryNotBefore = m_clock->nowUtc().addMSecs(m_settings.retryAfterFailureMs);
    }
    QJsonObject details{{QStringLiteral("error"), error}};
    if (!action.targetId.isEmpty())
        details.insert(QStringLiteral("target"), action.targetId);
    if (action.source == EventSource::Automatic)
        details.insert(QStringLiteral("retry_in_s"), m_settings.retryAfterFailureMs / 1000);
    out.events.append(event(action.kind == FailoverActionKind::Failover ? events::kFailoverFailed : events::kFailbackFailed,
                            action.channelId, action.source, QStringLiteral("request_failed"), reason, details));
    return out;
}

} // namespace cc
