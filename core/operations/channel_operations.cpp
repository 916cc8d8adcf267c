#include "operations/channel_operations.h"

#include "audit/monitor_audit_bridge.h"
#include "client/api_client.h"
#include "model/merge_patch.h"
#include "monitor/monitor.h"

#include <QTimer>

namespace cc {

namespace {

// The event that ends a failover (or failback) a person asked the monitor for.
bool endsRouting(FailoverActionKind kind, const QString &type)
{
    if (kind == FailoverActionKind::Failover)
        return type == events::kFailoverDone || type == events::kFailoverSkipped || type == events::kFailoverFailed;
    return type == events::kFailbackDone || type == events::kFailbackSkipped || type == events::kFailbackFailed;
}

template <typename T>
void failLater(Reply<T> *reply, const ApiError &error)
{
    // A reply never finishes inside the call that made it.
    QTimer::singleShot(0, reply, [reply, error] { reply->fail(error); });
}

ApiError notConnected(const QString &operation)
{
    ApiError error;
    error.kind = ApiError::Kind::Cancelled;
    error.operation = operation;
    error.message = QStringLiteral("not connected to a tenant");
    return error;
}

} // namespace

ChannelOperations::ChannelOperations(ApiClient *client, Monitor *monitor, AuditRecorder recorder, const QString &tenant,
                                     QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_monitor(monitor)
    , m_recorder(std::move(recorder))
    , m_tenant(tenant)
{
}

ChannelOperations::~ChannelOperations() = default;

AuditRecording ChannelOperations::record(QLatin1String eventType, const QString &channelId, const QJsonObject &details)
{
    if (!m_recorder)
        return AuditRecording{false, false, QStringLiteral("no audit trail")};
    return m_recorder(manualActionEvent(eventType, m_tenant, channelId, details));
}

Reply<Recorded<Channel>> *ChannelOperations::create(const ChannelDraft &draft)
{
    return createRecorded(draft, {});
}

Reply<Recorded<Channel>> *ChannelOperations::duplicate(const QString &sourceId, const ChannelDraft &draft)
{
    return createRecorded(draft, {{QStringLiteral("duplicate_of"), sourceId}});
}

Reply<Recorded<Channel>> *ChannelOperations::createRecorded(const ChannelDraft &draft, const QJsonObject &extraDetails)
{
    auto *reply = new Reply<Recorded<Channel>>(QStringLiteral("create channel '%1'").arg(draft.name), this);
    if (!m_client) {
        failLater(reply, notConnected(reply->operation()));
        return reply;
    }
    m_client->createChannel(draft)->onFinished(reply, [this, reply, draft, extraDetails](const ApiResult<Channel> &result) {
        if (!result.ok()) {
            reply->fail(*result.error);
            return;
        }
        QJsonObject details = extraDetails;
        details.insert(QStringLiteral("name"), result.value->name);
        details.insert(QStringLiteral("version"), result.value->version);
        details.insert(QStringLiteral("request"), draftToCreateJson(draft));
        reply->succeed({*result.value, record(events::kChannelCreated, result.value->id, details)});
    });
    return reply;
}

Reply<Recorded<Channel>> *ChannelOperations::edit(const QString &id, const ChannelDraft &before, const ChannelDraft &wanted,
                                                  qint64 ifMatchVersion)
{
    auto *reply = new Reply<Recorded<Channel>>(QStringLiteral("update channel %1").arg(id), this);
    if (!m_client) {
        failLater(reply, notConnected(reply->operation()));
        return reply;
    }
    const QJsonObject changes = mergePatchBetween(draftToCreateJson(before), draftToCreateJson(wanted));
    m_client->updateChannel(id, wanted, ifMatchVersion)
        ->onFinished(reply, [this, reply, changes, ifMatchVersion](const ApiResult<Channel> &result) {
            if (!result.ok()) {
                reply->fail(*result.error);
                return;
            }
            const QJsonObject details{{QStringLiteral("name"), result.value->name},
                                      {QStringLiteral("version"), result.value->version},
                                      {QStringLiteral("if_match"), ifMatchVersion},
                                      {QStringLiteral("changes"), changes}};
            reply->succeed({*result.value, record(events::kChannelEdited, result.value->id, details)});
        });
    return reply;
}

Reply<Recorded<Channel>> *ChannelOperations::remove(const QString &id)
{
    auto *reply = new Reply<Recorded<Channel>>(QStringLiteral("delete channel %1").arg(id), this);
    if (!m_client) {
        failLater(reply, notConnected(reply->operation()));
        return reply;
    }
    m_client->getChannel(id)->onFinished(reply, [this, reply, id](const ApiResult<Channel> &current) {
        if (!current.ok() || !m_client) {
            reply->fail(current.error.value_or(notConnected(reply->operation())));
            return;
        }
        const Channel channel = *current.value;
        m_client->deleteChannel(id)->onFinished(reply, [this, reply, channel](const ApiResult<NoContent> &result) {
            if (!result.ok()) {
                reply->fail(*result.error);
                return;
            }
            const QJsonObject details{{QStringLiteral("name"), channel.name},
                                      {QStringLiteral("version"), channel.version}};
            reply->succeed({channel, record(events::kChannelDeleted, channel.id, details)});
        });
    });
    return reply;
}

Reply<RoutingOutcome> *ChannelOperations::failOver(const QString &id, const QString &targetId)
{
    if (m_monitor)
        return throughMonitor(FailoverActionKind::Failover, id, targetId);
    if (!m_client) {
        auto *reply = new Reply<RoutingOutcome>(QStringLiteral("fail channel %1 over").arg(id), this);
        failLater(reply, notConnected(reply->operation()));
        return reply;
    }
    return ManualRouting::start(m_client, m_recorder, m_tenant, FailoverActionKind::Failover, id, targetId, this);
}

Reply<RoutingOutcome> *ChannelOperations::failBack(const QString &id)
{
    if (m_monitor)
        return throughMonitor(FailoverActionKind::Failback, id, QString());
    if (!m_client) {
        auto *reply = new Reply<RoutingOutcome>(QStringLiteral("fail channel %1 back").arg(id), this);
        failLater(reply, notConnected(reply->operation()));
        return reply;
    }
    return ManualRouting::start(m_client, m_recorder, m_tenant, FailoverActionKind::Failback, id, QString(), this);
}

Reply<RoutingOutcome> *ChannelOperations::throughMonitor(FailoverActionKind kind, const QString &id, const QString &targetId)
{
    const bool failover = kind == FailoverActionKind::Failover;
    auto *reply = new Reply<RoutingOutcome>(failover ? QStringLiteral("fail channel %1 over").arg(id)
                                                     : QStringLiteral("fail channel %1 back").arg(id),
                                            this);
    // The monitor's engine acts and its events are the entries (its audit
    // bridge records them); the reply ends with the engine's last word.
    connect(m_monitor.data(), &Monitor::eventsRaised, reply, [reply, kind, id](const MonitorEventList &events) {
        for (const MonitorEvent &event : events) {
            if (event.channelId != id || event.source != EventSource::Manual || !endsRouting(kind, event.type))
                continue;
            RoutingOutcome outcome;
            outcome.eventType = event.type;
            outcome.reason = event.details.value(QStringLiteral("reason")).toString();
            outcome.message = event.details.value(QStringLiteral("message")).toString();
            outcome.targetId = event.details.value(QStringLiteral("target")).toString();
            reply->succeed(outcome);
            return;
        }
    });
    if (failover)
        m_monitor->requestFailover(id, targetId);
    else
        m_monitor->requestFailback(id);
    return reply;
}

Reply<Recorded<MediaPathOutcome>> *ChannelOperations::optimizeMediaPath(const QString &id, bool apply)
{
    auto *reply = new Reply<Recorded<MediaPathOutcome>>(QStringLiteral("optimise the media path of %1").arg(id), this);
    if (!m_client) {
        failLater(reply, notConnected(reply->operation()));
        return reply;
    }
    cc::optimizeMediaPath(m_client, id, apply, EventSource::Manual, reply, [this, reply](const MediaPathOutcome &outcome) {
        Recorded<MediaPathOutcome> done{outcome, AuditRecording{}};
        if (outcome.event) {
            done.audit = m_recorder ? m_recorder(auditEventFromMonitorEvent(*outcome.event, m_tenant))
                                    : AuditRecording{false, false, QStringLiteral("no audit trail")};
        }
        reply->succeed(done);
    });
    return reply;
}

void ChannelOperations::setFailoverPaused(bool paused)
{
    if (m_monitor)
        m_monitor->setFailoverPaused(paused);
}

} // namespace cc
