#pragma once
// The monitor's brain, free of I/O and threads: it takes each cycle's view of
// the tenant (channels and their latest telemetry), runs every channel's
// hysteresis, and decides failovers and failbacks, returning the decisions as
// actions for the worker to send and events that say why. The worker reports
// each action's outcome back (done, conflict after a re-read, failed) and the
// engine turns it into events. Time comes from an injected Clock.
//
// The tutorial failed over on the first `degraded` reading to the first
// failover id without looking at it. Here: Down only after N bad readings; the
// target is the first failover channel that is Up, reading well now and not
// itself routed elsewhere (no chains, no loops); no target is an alarm and no
// PATCH; Unknown never triggers anything; a cooldown stops flapping.

#include "model/channel.h"
#include "common/clock.h"
#include "monitor/failover_settings.h"
#include "monitor/health_state_machine.h"
#include "monitor/monitor_event.h"
#include "monitor/monitor_snapshot.h"
#include "monitor/probe_disagreement.h"
#include "quality/quality_assessment.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QSet>
#include <QStringList>

#include <optional>

namespace cc {

// One channel as a cycle saw it.
struct ChannelObservation
{
    Channel channel;
    std::optional<double> latencyMs;
    std::optional<double> jitterMs;
    std::optional<double> packetLossPct;
    QDateTime telemetryAt;   // invalid: no telemetry this cycle
};

// The SIP probe's latest word on a channel's trunk (core/sip's SipProbeService).
struct ProbeObservation
{
    ProbeHealth health = ProbeHealth::Unknown;
    qint64 intervalMs = 0;       // the probe's cadence for this trunk
    int code = 0;                // the last final answer's code (0: none)
    std::optional<double> rttMs; // the last answer's round trip
    QString summary;             // the last result in words
};

enum class FailoverActionKind { Failover, Failback };

// A PATCH the worker must send: failover (routed via targetId) or failback,
// with If-Match on expectedVersion.
struct FailoverAction
{
    quint64 id = 0;
    FailoverActionKind kind = FailoverActionKind::Failover;
    QString channelId;
    QString targetId;        // failover only
    qint64 expectedVersion = 0;
    EventSource source = EventSource::Automatic;
    int conflictRetries = 0;
};

struct EngineOutput
{
    QList<MonitorEvent> events;
    QList<FailoverAction> actions;

    void append(const EngineOutput &other);
};

// Why each failover candidate was or was not taken.
struct TargetChoice
{
    QString targetId;        // empty: none usable
    QJsonArray rejected;     // [{"channel_id", "reason"}] in failover order
};

class FailoverEngine final
{
public:
    FailoverEngine(const FailoverSettings &settings, const Clock *clock);

    const FailoverSettings &settings() const { return m_settings; }
    // Takes effect from the next reading; states and streaks are kept.
    void setSettings(const FailoverSettings &settings);

    // A cycle's view of every channel, in the tenant's order. Channels absent
    // from it are forgotten (deleted on the tenant).
    EngineOutput observeCycle(const QList<ChannelObservation> &observations);
    // A cycle that produced no view (the tenant could not be read): every
    // channel gets a no-data reading, so that after enough of them its state is
    // Unknown rather than a stale Up.
    EngineOutput observeNoData();
    // A finished probe of a channel's trunk (settings().probing on): its
    // verdict becomes the rule's second signal, a change is an event, and a
    // lasting disagreement with the tenant's verdict an alarm of its own.
    EngineOutput observeProbe(const QString &channelId, const ProbeObservation &probe);

    // Operator commands: they bypass the pause and the cooldown (a person decided)
    // but never the health of the target.
    EngineOutput requestFailover(const QString &channelId, const QString &targetId);
    EngineOutput requestFailback(const QString &channelId);
    EngineOutput setPaused(bool paused, EventSource source = EventSource::Manual);
    EngineOutput setChannelPaused(const QString &channelId, bool paused, EventSource source = EventSource::Manual);

    // Drops every channel's history and any action in flight (the monitor
    // stopped; its client and pending requests are gone). Settings and pauses stay.
    void forgetChannels();

    // Outcomes of actions handed out earlier.
    EngineOutput actionSucceeded(const FailoverAction &action, const Channel &updated);
    // The tenant answered 412 and the worker re-read the channel: `current`.
    EngineOutput actionConflicted(const FailoverAction &action, const Channel &current);
    // `reason` is the client's error text (it never holds a secret).
    EngineOutput actionFailed(const FailoverAction &action, const QString &reason, const QJsonObject &error);

    TargetChoice chooseTarget(const QString &channelId) const;
    HealthState state(const QString &channelId) const;
    ProbeHealth probeHealth(const QString &channelId) const;
    bool isPaused() const { return m_pausedAll; }
    bool isChannelPaused(const QString &channelId) const;
    bool hasActionInFlight(const QString &channelId) const;
    // The channels in the tenant's order, as of the last cycle.
    QList<ChannelHealth> channelHealth() const;
    std::optional<Channel> channel(const QString &channelId) const;

private:
    struct Track
    {
        HealthStateMachine machine;
        ChannelObservation last;
        HealthReading lastReading = HealthReading::NoData;
        QualityAssessment quality;
        QString codec;
        QDateTime lastSeen;
        QDateTime lastActionAt;      // last failover or failback done (cooldown start)
        QDateTime failedOverSince;   // when first seen routed elsewhere
        QDateTime retryNotBefore;    // after a failed action
        bool inFlight = false;
        QString notice;              // the last repeatable notice given, to say it once
        bool probed = false;         // a probe result has come in
        ProbeObservation probe;
        ProbeDisagreement disagreement;
    };

    // None: the status says nothing new about health (our own failover's echo); the state stays.
    std::optional<HealthReading> readingOf(const ChannelObservation &observation, const QualityAssessment &quality) const;
    void observe(const QString &id, Track &track, HealthReading reading, EngineOutput &out);
    void decide(const QString &id, Track &track, EngineOutput &out);
    // The failover rule over both signals (failover_signal.h).
    bool isDownForFailover(const Track &track) const;
    bool isUpForFailback(const Track &track) const;
    ProbeHealth probeOf(const Track &track) const;
    void checkAgreement(const QString &id, Track &track, EngineOutput &out);
    void decideFailover(const QString &id, Track &track, EngineOutput &out);
    void decideFailback(const QString &id, Track &track, EngineOutput &out);
    std::optional<qint64> cooldownRemainingMs(const Track &track) const;
    FailoverAction makeAction(FailoverActionKind kind, const QString &id, const Track &track,
                              const QString &target, EventSource source);
    MonitorEvent event(QLatin1String type, const QString &channelId, EventSource source, const QString &reason,
                       const QString &message, QJsonObject details = {}) const;
    // Appends `e` unless the same notice was the last one given for this channel.
    void notice(Track &track, const QString &key, const MonitorEvent &e, EngineOutput &out);
    // The answer to an action is in: the channel as the tenant now has it, no
    // action in flight. Null when the channel is no longer listed.
    Track *settleAction(const FailoverAction &action, const Channel &channel);
    // The track of a channel a person asks to fail over or back; null, with the
    // reason and its words, when the channel was not in the last cycle or an
    // action on it is in flight.
    struct ManualTrack
    {
        Track *track = nullptr;
        QString reason;
        QString message;
    };
    ManualTrack manualActionTrack(const QString &channelId);
    QString targetRejection(const QString &channelId, const QString &candidate) const;

    FailoverSettings m_settings;
    const Clock *m_clock;
    QHash<QString, Track> m_tracks;
    QStringList m_order;
    bool m_pausedAll = false;
    // Kept apart from the tracks so that a pause survives forgetChannels().
    QSet<QString> m_pausedChannels;
    quint64 m_nextActionId = 1;
};

} // namespace cc
