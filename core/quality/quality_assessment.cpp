#include "quality/quality_assessment.h"

#include "quality/e_model.h"
#include "quality/quality_score.h"

namespace cc {

QualityAssessment assessQuality(std::optional<double> latencyMs, std::optional<double> jitterMs,
                                std::optional<double> packetLossPct, const CodecProfile &codec,
                                const QualitySettings &settings)
{
    QualityAssessment result;
    result.latencyMs = latencyMs;
    result.jitterMs = jitterMs;
    result.packetLossPct = packetLossPct;
    if (latencyMs && jitterMs) {
        result.score = tutorialQualityScore(*latencyMs, *jitterMs);
        // Loss is part of the MOS: without it the MOS would flatter the channel,
        // so there is none rather than one computed as if nothing were lost.
        if (packetLossPct) {
            const EModelResult model = evaluateEModel(*latencyMs, *jitterMs, *packetLossPct, codec);
            result.rFactor = model.rFactor;
            result.mos = model.mos;
        }
    }
    if (result.score || result.mos) {
        const bool lowScore = result.score && *result.score < settings.minScore;
        const bool lowMos = result.mos && *result.mos < settings.minMos;
        result.optimizationRequired = lowScore || lowMos;
    }
    return result;
}

} // namespace cc
