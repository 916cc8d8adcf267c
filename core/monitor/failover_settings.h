#pragma once
// The knobs of health judgement and failover, with the defaults the product
// promises (N = M = 3, cooldown 300 s, manual failback, automatic failover on).

#include "monitor/failover_signal.h"
#include "monitor/health_state_machine.h"
#include "quality/quality_assessment.h"

#include <QString>

#include <optional>

namespace cc {

enum class FailbackPolicy { Manual, Automatic };

// "manual" | "auto"
QString failbackPolicyName(FailbackPolicy policy);
std::optional<FailbackPolicy> failbackPolicyFromName(const QString &name);

struct FailoverSettings
{
    HysteresisSettings hysteresis;
    bool autoFailover = true;
    qint64 cooldownMs = 300 * 1000;
    FailbackPolicy failback = FailbackPolicy::Manual;
    // Optional rule: a reading is also bad when the score or MOS is under the
    // quality thresholds (off by default: the tenant's status decides).
    bool qualityRule = false;
    QualitySettings quality;
    // After a failover or failback that failed (not a conflict), the engine
    // tries again no sooner than this, so that a broken tenant is not hammered.
    qint64 retryAfterFailureMs = 30 * 1000;
    // The SIP probe's say (failover_signal.h). `probing` is set by the monitor
    // when it probes the trunks; without it only the tenant's verdict counts,
    // whatever `signal` says.
    bool probing = false;
    FailoverSignal signal = FailoverSignal::Both;
    // Tenant and probe disagreeing for this many of the channel's probe
    // intervals is an alarm of its own (two: one probe may be lost in flight
    // without a word, two in a row while the verdicts differ is a state).
    int disagreementIntervals = 2;
};

} // namespace cc
