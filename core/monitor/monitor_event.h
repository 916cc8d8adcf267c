#pragma once
// One decision or observation of the monitor, with its reason: what the audit
// trail stores and the UI's feed shows. `type` is a stable name (below) that
// the audit store, the export and scripts key on; `details` is JSON with the
// reason and the figures behind it, and never holds a secret (it is built only
// from ids, states, statuses, versions and numbers).

#include <QDateTime>
#include <QJsonObject>
#include <QLatin1String>
#include <QMetaType>
#include <QString>

namespace cc {

enum class EventSource { Manual, Automatic, System };

// "manual", "automatic", "system".
QString eventSourceName(EventSource source);

namespace events {
inline constexpr QLatin1String kHealthStateChanged("health_state_changed");
inline constexpr QLatin1String kFailoverStarted("failover_started");
inline constexpr QLatin1String kFailoverDone("failover_done");
inline constexpr QLatin1String kFailoverFailed("failover_failed");
inline constexpr QLatin1String kFailoverSkipped("failover_skipped");
inline constexpr QLatin1String kFailbackStarted("failback_started");
inline constexpr QLatin1String kFailbackDone("failback_done");
inline constexpr QLatin1String kFailbackFailed("failback_failed");
inline constexpr QLatin1String kFailbackSkipped("failback_skipped");
// The primary is healthy again but the policy leaves the failback to a person.
inline constexpr QLatin1String kFailbackPending("failback_pending");
inline constexpr QLatin1String kAlarm("alarm");
inline constexpr QLatin1String kFailoverPaused("failover_paused");
inline constexpr QLatin1String kFailoverResumed("failover_resumed");
inline constexpr QLatin1String kMonitorStarted("monitor_started");
inline constexpr QLatin1String kMonitorStopped("monitor_stopped");
inline constexpr QLatin1String kCycleFailed("monitor_cycle_failed");
// The cadence could not be held (rate budget or slow answers): cycles are spaced further apart.
inline constexpr QLatin1String kCadenceStretched("monitor_cadence_stretched");
inline constexpr QLatin1String kCadenceRestored("monitor_cadence_restored");
// More channels than one telemetry query may cover: the cycle asks in several.
inline constexpr QLatin1String kTelemetrySplit("monitor_telemetry_split");
// The SIP probe's verdict on a channel's trunk changed (up, down, unknown).
inline constexpr QLatin1String kSipProbeStateChanged("sip_probe_state_changed");
// The tenant and the probe have disagreed (one up, one down) for the set time.
inline constexpr QLatin1String kSipProbeDisagreement("sip_probe_disagreement");
inline constexpr QLatin1String kSipProbeDisagreementCleared("sip_probe_disagreement_cleared");
// The probes could not start (no socket): the monitor goes on with the tenant's verdict.
inline constexpr QLatin1String kSipProbeUnavailable("sip_probe_unavailable");
inline constexpr QLatin1String kMediaPathOptimized("media_path_optimized");
inline constexpr QLatin1String kMediaPathOptimizationFailed("media_path_optimization_failed");
} // namespace events

struct MonitorEvent
{
    QString type;
    QString channelId;       // empty for monitor-wide events
    EventSource source = EventSource::System;
    QDateTime time;          // UTC
    QJsonObject details;     // always has "reason" for a decision

    // {"type", "channel_id" (null when none), "source", "time", "details"}
    QJsonObject toJson() const;
    // One human line: "2026-11-25T10:42:00Z failover_done ch_1 (automatic): ..."
    QString toLine() const;
};

} // namespace cc

Q_DECLARE_METATYPE(cc::MonitorEvent)
