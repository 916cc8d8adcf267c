#include "quality/e_model.h"

#include <algorithm>

namespace cc {

namespace {

// Jitter buffer depth in multiples of the measured jitter (see effectiveDelayMs).
constexpr double kJitterBufferFactor = 2.0;
// The knee of the simplified delay impairment: above it echo-free delay starts to
// hurt conversation fast (Cole & Rosenbluth's fit of G.107).
constexpr double kDelayKneeMs = 177.3;

} // namespace

double effectiveDelayMs(double latencyMs, double jitterMs, const CodecProfile &codec)
{
    return std::max(0.0, latencyMs) + kJitterBufferFactor * std::max(0.0, jitterMs) + codec.codecDelayMs;
}

double delayImpairment(double effectiveDelayMs)
{
    const double ta = std::max(0.0, effectiveDelayMs);
    double id = 0.024 * ta;
    if (ta > kDelayKneeMs)
        id += 0.11 * (ta - kDelayKneeMs);
    return id;
}

double effectiveEquipmentImpairment(const CodecProfile &codec, double lossPct)
{
    const double ppl = std::clamp(lossPct, 0.0, 100.0);
    return codec.ie + (95.0 - codec.ie) * ppl / (ppl + codec.bpl);
}

double mosFromR(double r)
{
    if (r <= 0.0)
        return 1.0;
    if (r >= 100.0)
        return 4.5;
    return 1.0 + 0.035 * r + 7e-6 * r * (r - 60.0) * (100.0 - r);
}

EModelResult evaluateEModel(double latencyMs, double jitterMs, double lossPct, const CodecProfile &codec)
{
    EModelResult result;
    result.effectiveDelayMs = effectiveDelayMs(latencyMs, jitterMs, codec);
    result.delayImpairment = delayImpairment(result.effectiveDelayMs);
    result.equipmentImpairment = effectiveEquipmentImpairment(codec, lossPct);
    const double r = kEModelBaseR - result.delayImpairment - result.equipmentImpairment + kEModelAdvantage;
    result.rFactor = std::clamp(r, 0.0, 100.0);
    result.mos = mosFromR(r);
    return result;
}

} // namespace cc
