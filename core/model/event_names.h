#pragma once
// The one vocabulary of events: what the monitor decides and observes and what
// a person does, by the stable names the audit store, the CSV and JSON exports,
// the event feed and scripts key on (never rename one: stored trails hold them).
// A failover is failover_done whether the window, cxonectl or the engine made
// it; the entry's source tells them apart.

#include <QLatin1String>
#include <QStringList>

namespace cc::events {

// Actions of a person (the window, cxonectl).
inline constexpr QLatin1String kChannelCreated("channel_created");
inline constexpr QLatin1String kChannelEdited("channel_edited");
inline constexpr QLatin1String kChannelDeleted("channel_deleted");
inline constexpr QLatin1String kConnected("connected");
inline constexpr QLatin1String kAuditExported("audit_exported");
// A desktop's trail copied into the shared store (cxonectl audit copy).
inline constexpr QLatin1String kAuditCopied("audit_copied");

// Health and routing, by the engine or by hand.
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

// Alarms (core/alarms): raised and cleared by the monitor that keeps them;
// acknowledged (with a comment), shelved (until a time, with a reason) and
// unshelved by a person, who is the entry's actor.
inline constexpr QLatin1String kAlarmRaised("alarm_raised");
inline constexpr QLatin1String kAlarmCleared("alarm_cleared");
inline constexpr QLatin1String kAlarmAcknowledged("alarm_acknowledged");
inline constexpr QLatin1String kAlarmShelved("alarm_shelved");
inline constexpr QLatin1String kAlarmUnshelved("alarm_unshelved");

// The monitor itself.
inline constexpr QLatin1String kMonitorStarted("monitor_started");
inline constexpr QLatin1String kMonitorStopped("monitor_stopped");
inline constexpr QLatin1String kCycleFailed("monitor_cycle_failed");
// The cadence could not be held (rate budget or slow answers): cycles are spaced further apart.
inline constexpr QLatin1String kCadenceStretched("monitor_cadence_stretched");
inline constexpr QLatin1String kCadenceRestored("monitor_cadence_restored");
// More channels than one telemetry query may cover: the cycle asks in several.
inline constexpr QLatin1String kTelemetrySplit("monitor_telemetry_split");

// SIP probes of the trunks.
// The SIP probe's verdict on a channel's trunk changed (up, down, unknown).
inline constexpr QLatin1String kSipProbeStateChanged("sip_probe_state_changed");
// The tenant and the probe have disagreed (one up, one down) for the set time.
inline constexpr QLatin1String kSipProbeDisagreement("sip_probe_disagreement");
inline constexpr QLatin1String kSipProbeDisagreementCleared("sip_probe_disagreement_cleared");
// The probes could not start (no socket): the monitor goes on with the tenant's verdict.
inline constexpr QLatin1String kSipProbeUnavailable("sip_probe_unavailable");

// Media path optimisation (a codec order applied).
inline constexpr QLatin1String kMediaPathOptimized("media_path_optimized");
inline constexpr QLatin1String kMediaPathOptimizationFailed("media_path_optimization_failed");

// Every name above, sorted: what a person can filter the trail by before any
// such entry exists.
QStringList knownTypes();

} // namespace cc::events
