#pragma once
// Every action a person takes on a tenant's channels, written once for the
// console and cxonectl: create, duplicate, edit, delete, fail over, fail back,
// pause automatic failover, and the entries of other manual actions (the
// connection, an audit export). Each call answers later through a Reply;
// each change the tenant accepts is recorded in one shape (action_record.h):
// the front ends only gather the input and show the answer.
//
// Failover and failback go to the monitor when one runs (the console): its
// engine acts and its events are the trail's entries. Without one (cxonectl),
// ManualRouting judges with the same engine on one reading of the tenant.

#include "client/api_call.h"
#include "model/channel.h"
#include "operations/action_record.h"
#include "operations/manual_routing.h"
#include "operations/media_path_optimizer.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace cc {

class ApiClient;
class Monitor;

class ChannelOperations final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelOperations)

public:
    // `client` is not owned and must outlive this object (make it a child of
    // the client: replies pending when the client goes are then dropped with
    // it, unfinished, as the client's own are). `monitor` may be null.
    ChannelOperations(ApiClient *client, Monitor *monitor, AuditRecorder recorder, const QString &tenant,
                      QObject *parent = nullptr);
    ~ChannelOperations() override;

    ApiClient *client() const { return m_client; }
    QString tenant() const { return m_tenant; }

    // channel_created {name, version, request}.
    Reply<Recorded<Channel>> *create(const ChannelDraft &draft);
    // A new channel made from `sourceId`'s: channel_created with duplicate_of.
    Reply<Recorded<Channel>> *duplicate(const QString &sourceId, const ChannelDraft &draft);
    // `wanted` over `before` (the channel as the person last saw it), refused
    // (412) unless the tenant still has `ifMatchVersion`. channel_edited {name,
    // version, if_match, changes}: `changes` is the merge patch from before to
    // wanted, so a typed password shows as changed and never as itself.
    Reply<Recorded<Channel>> *edit(const QString &id, const ChannelDraft &before, const ChannelDraft &wanted,
                                   qint64 ifMatchVersion);
    // Reads the channel (its name and version for the entry), then deletes it:
    // channel_deleted {name, version}. The value is the channel as it was.
    Reply<Recorded<Channel>> *remove(const QString &id);

    // `targetId` empty: the engine chooses (without a monitor only).
    Reply<RoutingOutcome> *failOver(const QString &id, const QString &targetId);
    Reply<RoutingOutcome> *failBack(const QString &id);
    // The codec order the quality plan proposes (core/quality's plan), sent
    // when `apply`: media_path_optimized (or _failed) as the optimiser words it.
    Reply<Recorded<MediaPathOutcome>> *optimizeMediaPath(const QString &id, bool apply);
    // The monitor's automatic failover for every channel; its engine records it.
    void setFailoverPaused(bool paused);

    // Records another manual action (connected, audit_exported) in the same shape.
    AuditRecording record(QLatin1String eventType, const QString &channelId, const QJsonObject &details);

private:
    Reply<Recorded<Channel>> *createRecorded(const ChannelDraft &draft, const QJsonObject &extraDetails);
    Reply<RoutingOutcome> *throughMonitor(FailoverActionKind kind, const QString &id, const QString &targetId);

    QPointer<ApiClient> m_client;
    QPointer<Monitor> m_monitor;
    AuditRecorder m_recorder;
    QString m_tenant;
};

} // namespace cc
