#pragma once
// The knobs of health judgement and failover, with the defaults the product
// promises (N = M = 3, cooldown 300 s, manual failback, automatic failover on).

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
};

} // namespace cc
