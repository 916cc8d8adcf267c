#pragma once
// A failover or failback a person asks for where no monitor runs (cxonectl):
// the tenant's channels read once, one FailoverEngine judging them from that
// one reading, and the engine's own request, action and outcome, so the
// target is chosen and refused by the same rule as the console's monitor
// (FailoverEngine::chooseTarget and its target rules) and the trail gets the
// same entries (failover_started, failover_done, ...) as the console's.

#include "client/api_call.h"
#include "monitor/failover_engine.h"
#include "operations/action_record.h"

#include <QObject>

#include <optional>

namespace cc {

class ApiClient;

// What a failover or failback by hand came to.
struct RoutingOutcome
{
    QString eventType;               // the engine's last word: failover_done, failback_skipped, ...
    QString reason;                  // its reason ("patched", "target_down", "no_usable_target", ...)
    QString message;                 // its words
    QString targetId;                // failover: the backup asked for or chosen
    std::optional<Channel> channel;  // as the tenant has it now, when known
    std::optional<ApiError> error;   // the client's error, when the change failed
    QJsonArray rejected;             // the candidates not taken and why, when the engine chose
    AuditRecording audit;            // the first entry that could not be recorded, if any

    bool done() const;
};

class ManualRouting final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManualRouting)

public:
    // Starts at once; the reply (a child of `parent`) finishes when the engine
    // has said its last word, or fails when the tenant could not be read.
    // `targetId` empty: the engine chooses among the channel's failover targets.
    static Reply<RoutingOutcome> *start(ApiClient *client, const AuditRecorder &recorder, const QString &tenant,
                                        FailoverActionKind kind, const QString &channelId, const QString &targetId,
                                        QObject *parent);

private:
    ManualRouting(ApiClient *client, const AuditRecorder &recorder, const QString &tenant, FailoverActionKind kind,
                  const QString &channelId, const QString &targetId, Reply<RoutingOutcome> *reply);
    void observe(const QList<Channel> &channels);
    void apply(const EngineOutput &output, const std::optional<ApiError> &error);
    void finish();

    ApiClient *m_client;
    AuditRecorder m_recorder;
    QString m_tenant;
    FailoverActionKind m_kind;
    QString m_channelId;
    FailoverEngine m_engine;
    RoutingOutcome m_outcome;
    Reply<RoutingOutcome> *m_reply;
};

} // namespace cc
