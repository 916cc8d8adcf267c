#pragma once
// The tutorial's quality score, exactly: 100 / 85 / 60 / 40 by average latency
// and jitter. Kept as it is because operators know it; packet loss, which it
// ignores, is counted by the E-model MOS beside it (quality_report.h).

namespace cc {

// Below it a channel needs optimisation (the tutorial's `quality_score < 80`).
inline constexpr double kTutorialOptimisationScore = 80.0;

// The thresholds of the top score, drawn on the latency chart: one-way latency
// under ITU-T G.114's 150 ms limit, and jitter under 30 ms.
inline constexpr double kLatencyThresholdMs = 150.0;
inline constexpr double kJitterThresholdMs = 30.0;

double tutorialQualityScore(double latencyMs, double jitterMs);

} // namespace cc
