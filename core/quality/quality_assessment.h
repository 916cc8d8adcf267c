#pragma once
// Quality of one channel from one set of figures (one monitor reading, or a
// range's averages): the tutorial's score and the E-model R and MOS, each
// absent when the figures it needs are absent, never a made-up zero.

#include "quality/codec_profile.h"
#include "quality/e_model.h"
#include "quality/quality_score.h"

#include <optional>

namespace cc {

struct QualitySettings
{
    // The tutorial's rule: optimisation below a score of 80.
    double minScore = kTutorialOptimisationScore;
    // MOS 3.6 (R = 70, e_model.h): the point where a trunk deserves attention.
    double minMos = kFairMos;
};

struct QualityAssessment
{
    std::optional<double> latencyMs;
    std::optional<double> jitterMs;
    std::optional<double> packetLossPct;
    std::optional<double> score;   // needs latency and jitter
    std::optional<double> rFactor; // needs latency, jitter and loss
    std::optional<double> mos;     // with rFactor
    // True when the score or the MOS is under its setting; absent when neither is known.
    std::optional<bool> optimizationRequired;
};

QualityAssessment assessQuality(std::optional<double> latencyMs, std::optional<double> jitterMs,
                                std::optional<double> packetLossPct, const CodecProfile &codec,
                                const QualitySettings &settings);

} // namespace cc
