#pragma once
// The E-model of ITU-T G.107 (06/2015), as transmission planning tools compute it:
// R = Ro - Is - Id - Ie,eff + A (eq. 7-1), every parameter at its default value
// (the defaults table, Table 2) except the delays, which come from the channel's readings, and the codec's
// Ie and Bpl; then the Annex B mapping from R to MOS. It turns a channel's latency,
// jitter, packet loss and codec into an R factor and a MOS.
//
// With every default, Ro = 94.77 (from SLR 8 dB and the default noise, No = -61.18
// dBm0p) and Is = 1.414 (loudness, sidetone and quantizing impairments); at zero
// delay the listener echo of the default WEPL still costs Idle = 0.15, which is why
// the default connection rates R = 93.2 (= Ro - Is - Idle at Tr = 0), the figure
// G.107 quotes.
//
// Pure: the C++ standard library and the codec profile only, so that it is tested and
// benchmarked without any Qt event loop.

#include "quality/codec_profile.h"

namespace cc {

// ITU-T G.109 / G.107 Annex B: R 80 (MOS 4.03) users satisfied; R 70 (MOS 3.6),
// the lower edge of G.109's "medium" band, some users dissatisfied. The quality
// page draws them as the Good / Fair / Poor bands, and a trunk below kFairMos
// deserves attention (QualitySettings::minMos).
inline constexpr double kGoodMos = 4.03;
inline constexpr double kFairMos = 3.6;

// What the quality page and `cxonectl quality` name as the model behind each MOS.
inline constexpr char kEModelDescription[] = "ITU-T G.107 E-model, default parameters, random loss";

// G.107 eq. 7-29: BurstR = 1 for random packet loss. The contract's telemetry gives a
// loss percentage and nothing about how losses cluster, so random loss is the only
// value we can know; a later source of burst data passes its own ratio.
inline constexpr double kRandomLossBurstRatio = 1.0;

struct EModelResult
{
    double effectiveDelayMs = 0.0;        // Ta, one way mouth to ear (also T; Tr = 2 Ta)
    double basicRating = 0.0;             // Ro - Is (+ A), the part no delay or codec touches
    double talkerEchoImpairment = 0.0;    // Idte (eq. 7-19)
    double listenerEchoImpairment = 0.0;  // Idle (eq. 7-25)
    double absoluteDelayImpairment = 0.0; // Idd (eq. 7-27)
    double delayImpairment = 0.0;         // Id = Idte + Idle + Idd
    double equipmentImpairment = 0.0;     // Ie,eff
    double rFactor = 0.0;                 // clamped to 0..100
    double mos = 1.0;                     // 1..4.5
};

// One-way mouth-to-ear delay Ta from the tenant's figures. Assumptions:
// `latency_ms` is the one-way network delay (the tutorial's 150 ms threshold is
// ITU-T G.114's one-way limit, so it reads the figure as one way); the receiver's
// jitter buffer holds twice the measured jitter (a common adaptive-buffer target
// that absorbs most of the delay variation); and the codec adds its
// packetisation and look-ahead (CodecProfile::codecDelayMs).
double effectiveDelayMs(double latencyMs, double jitterMs, const CodecProfile &codec);

// G.107 Id = Idte + Idle + Idd (eq. 7-18) at one-way delay Ta, with the echo path
// delay T = Ta and the round trip Tr = 2 Ta (a four-wire connection whose only
// delay is the transmission's), the other parameters at their defaults.
double delayImpairment(double effectiveDelayMs);

// G.107 eq. 7-27/7-28: the impairment of absolute delay alone, 0 up to mT = 100 ms,
// then 25 {(1 + X^6)^(1/6) - 3 (1 + (X/3)^6)^(1/6) + 2} with X = log2(Ta / 100).
double absoluteDelayImpairment(double effectiveDelayMs);

// G.107 eq. 7-29: Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl). `lossPct`
// is in percent (0..100); negative counts as 0.
double effectiveEquipmentImpairment(const CodecProfile &codec, double lossPct,
                                    double burstRatio = kRandomLossBurstRatio);

// G.107 Annex B (eq. B-4): MOS = 1 + 0.035 R + 7e-6 R (R - 60)(100 - R) for
// 0 < R < 100, 1 at or below 0, 4.5 at or above 100.
double mosFromR(double r);

// The whole model at a given effective delay (ms), loss (percent) and codec.
EModelResult evaluateEModelAtDelay(double effectiveDelayMs, double lossPct, const CodecProfile &codec,
                                   double burstRatio = kRandomLossBurstRatio);

// The whole model from a channel's readings (effectiveDelayMs() first).
EModelResult evaluateEModel(double latencyMs, double jitterMs, double lossPct, const CodecProfile &codec,
                            double burstRatio = kRandomLossBurstRatio);

} // namespace cc
