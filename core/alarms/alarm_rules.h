#pragma once
// What one monitor snapshot says about each alarm a channel can have: standing
// (with the problem in words), clear, or undetermined. Undetermined matters: a
// monitor that has just started knows no channel's health yet (hysteresis needs
// N readings), and a cycle that could not read the tenant knows nothing new;
// neither may clear an alarm someone acknowledged, nor raise one. Pure: the
// per-channel memory (when data was last seen) is handed in.

#include "alarms/alarm.h"
#include "monitor/monitor_settings.h"
#include "monitor/monitor_snapshot.h"
#include "quality/quality_assessment.h"

#include <QDateTime>
#include <QHash>
#include <QList>

namespace cc {

enum class ConditionVerdict { Standing, Clear, Undetermined };

struct AlarmCondition
{
    AlarmKind kind = AlarmKind::Down;
    QString channelId;
    QString channelName;
    ConditionVerdict verdict = ConditionVerdict::Undetermined;
    QString summary;   // what stands, in words (when standing)
};

struct AlarmRuleSettings
{
    // "Degraded quality" is under these (the monitor's own quality thresholds:
    // the tutorial's score of 80, MOS 3.6, core/quality).
    QualitySettings quality;
    // Quality readings waver: degraded only after N bad readings in a row and
    // clear after M good ones (the monitor's own hysteresis, N = M = 3).
    int degradedAfter = 3;
    int recoveredAfter = 3;
    // A channel that had telemetry and has had none for this long has no data
    // (three cycles, at least a minute: a late bucket is not an outage).
    qint64 noDataAfterMs = 60 * 1000;
    // Channels that never had telemetry since the monitor started are one
    // tenant-wide alarm after this long, never one alarm each: at connect every
    // channel is unjudged, and 988 alarms saying so would bury the real ones.
    qint64 neverDataAfterMs = 10 * 60 * 1000;
    // The monitor is stale after this long without a cycle (three cycles, at
    // least 30 s), or after this many cycles in a row that could not read the tenant.
    qint64 staleAfterMs = 30 * 1000;
    int unreadCyclesForStale = 3;
    // With SIP probing off, a probe disagreement cannot stand.
    bool probing = false;

    // The rules a monitor with these settings implies (cadence, hysteresis, quality, probing).
    static AlarmRuleSettings fromMonitor(const MonitorSettings &settings);
};

// True when the row's score or MOS is under the thresholds (false when neither is known).
bool qualityUnder(const ChannelHealth &row, const QualitySettings &quality);

// Every per-channel alarm kind for `row`, each with its verdict. `rows` finds
// its backups; `lastDataAt` is when telemetry was last seen for it (invalid:
// never since the monitor started); `now` the snapshot's time.
QList<AlarmCondition> channelConditions(const ChannelHealth &row, const QHash<QString, const ChannelHealth *> &rows,
                                        const AlarmRuleSettings &settings, const QDateTime &lastDataAt,
                                        const QDateTime &now);

} // namespace cc
