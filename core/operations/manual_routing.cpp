#include "operations/manual_routing.h"

#include "audit/monitor_audit_bridge.h"
#include "client/api_client.h"
#include "monitor/failover_action_runner.h"

namespace cc {

namespace {

// One reading is all a single command has: it judges on it, as the monitor
// judges on its last N. Nothing automatic: only what the person asked for.
FailoverSettings oneReadingSettings()
{
    FailoverSettings settings;
    settings.hysteresis = HysteresisSettings{1, 1, 1};
    settings.autoFailover = false;
    settings.failback = FailbackPolicy::Manual;
    return settings;
}

} // namespace

bool RoutingOutcome::done() const
{
    return eventType == events::kFailoverDone || eventType == events::kFailbackDone;
}

Reply<RoutingOutcome> *ManualRouting::start(ApiClient *client, const AuditRecorder &recorder, const QString &tenant,
                                            FailoverActionKind kind, const QString &channelId, const QString &targetId,
                                            QObject *parent)
{
    const QString operation = kind == FailoverActionKind::Failover ? QStringLiteral("fail channel %1 over").arg(channelId)
                                                                   : QStringLiteral("fail channel %1 back").arg(channelId);
    auto *reply = new Reply<RoutingOutcome>(operation, parent);
    // A child of its reply: it goes when the reply has been answered.
    auto *routing = new ManualRouting(client, recorder, tenant, kind, channelId, targetId, reply);
    client->listChannels()->onFinished(routing, [routing](const ApiResult<QList<Channel>> &result) {
        if (!result.ok()) {
            routing->m_reply->fail(*result.error);
            return;
        }
        routing->observe(*result.value);
    });
    return reply;
}

ManualRouting::ManualRouting(ApiClient *client, const AuditRecorder &recorder, const QString &tenant,
                             FailoverActionKind kind, const QString &channelId, const QString &targetId,
                             Reply<RoutingOutcome> *reply)
    : QObject(reply)
    , m_client(client)
    , m_recorder(recorder)
    , m_tenant(tenant)
    , m_kind(kind)
    , m_channelId(channelId)
    , m_engine(oneReadingSettings(), &client->clock())
    , m_reply(reply)
{
    m_outcome.targetId = targetId;
}

void ManualRouting::observe(const QList<Channel> &channels)
{
    QList<ChannelObservation> observations;
    observations.reserve(channels.size());
    for (const Channel &channel : channels)
        observations.append(ChannelObservation{channel, std::nullopt, std::nullopt, std::nullopt, QDateTime()});
    // What the reading itself says (health changes) is a monitor's to record, not a person's.
    m_engine.observeCycle(observations);
    if (m_kind == FailoverActionKind::Failback) {
        apply(m_engine.requestFailback(m_channelId), std::nullopt);
        return;
    }
    if (m_outcome.targetId.isEmpty() && m_engine.channel(m_channelId)) {
        const TargetChoice choice = m_engine.chooseTarget(m_channelId);
        m_outcome.rejected = choice.rejected;
        if (choice.targetId.isEmpty()) {
            m_outcome.eventType = QString(events::kFailoverSkipped);
            m_outcome.reason = QStringLiteral("no_usable_target");
            m_outcome.message = QStringLiteral("none of its failover channels is usable");
            m_outcome.channel = m_engine.channel(m_channelId);
            finish();
            return;
        }
        m_outcome.targetId = choice.targetId;
    }
    apply(m_engine.requestFailover(m_channelId, m_outcome.targetId), std::nullopt);
}

void ManualRouting::apply(const EngineOutput &output, const std::optional<ApiError> &error)
{
    if (error)
        m_outcome.error = error;
    for (const MonitorEvent &event : output.events) {
        const AuditRecording recording = m_recorder(auditEventFromMonitorEvent(event, m_tenant));
        if (!recording.recorded && m_outcome.audit.recorded)
            m_outcome.audit = recording;
        if (event.channelId != m_channelId)
            continue;
        m_outcome.eventType = event.type;
        m_outcome.reason = event.details.value(QStringLiteral("reason")).toString();
        m_outcome.message = event.details.value(QStringLiteral("message")).toString();
    }
    if (output.actions.isEmpty()) {
        m_outcome.channel = m_engine.channel(m_channelId);
        finish();
        return;
    }
    // The engine hands out one action per request (and one retry after a conflict).
    for (const FailoverAction &action : output.actions) {
        runFailoverAction(m_client, &m_engine, action, this,
                          [this](const EngineOutput &next, const std::optional<ApiError> &nextError) { apply(next, nextError); });
    }
}

void ManualRouting::finish()
{
    m_reply->succeed(m_outcome);
}

} // namespace cc
