#include "quality/quality_score.h"

namespace cc {

double tutorialQualityScore(double latencyMs, double jitterMs)
{
    // The tutorial's calculate_quality_score, branch for branch (strict `<`).
    if (latencyMs < kLatencyThresholdMs && jitterMs < kJitterThresholdMs)
        return 100.0;
    if (latencyMs < 250.0 && jitterMs < 50.0)
        return 85.0;
    if (latencyMs < 400.0 && jitterMs < 80.0)
        return 60.0;
    return 40.0;
}

} // namespace cc
