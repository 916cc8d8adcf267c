#pragma once
// The ITU-T G.107 E-model, in the simplified form used for VoIP monitoring
// (Cole & Rosenbluth, "Voice over IP performance monitoring", ACM CCR 2001):
// R = R0 - Id - Ie,eff + A, and the G.107 Annex B mapping from R to MOS. It turns
// a channel's latency, jitter, packet loss and codec into an R factor and a MOS.

#include "quality/codec_profile.h"

namespace cc {

// Ro - Is with every G.107 parameter at its default value: Ro = 94.77 (from
// SLR 8 and the default noise), Is = 1.43, and the default echo terms; G.107
// states that this default connection rates R = 93.2. The simplified model
// folds all of it into one base value.
inline constexpr double kEModelBaseR = 93.2;
// Advantage factor A (G.107 Table 1): 0 for conventional wirebound telephony,
// which is what a SIP trunk carries.
inline constexpr double kEModelAdvantage = 0.0;

struct EModelResult
{
    double effectiveDelayMs = 0.0; // Ta, one way
    double delayImpairment = 0.0;  // Id
    double equipmentImpairment = 0.0; // Ie,eff
    double rFactor = 0.0;          // clamped to 0..100
    double mos = 1.0;              // 1..4.5
};

// One-way mouth-to-ear delay Ta from the tenant's figures. Assumptions:
// `latency_ms` is the one-way network delay (the tutorial's 150 ms threshold is
// ITU-T G.114's one-way limit, so it reads the figure as one way); the receiver's
// jitter buffer holds twice the measured jitter (a common adaptive-buffer target
// that absorbs most of the delay variation); and the codec adds its
// packetisation and look-ahead (CodecProfile::codecDelayMs).
double effectiveDelayMs(double latencyMs, double jitterMs, const CodecProfile &codec);

// G.107 delay impairment in its simplified form (Cole & Rosenbluth, fitted to
// G.107 with default echo parameters): Id = 0.024 Ta + 0.11 (Ta - 177.3) H(Ta - 177.3).
double delayImpairment(double effectiveDelayMs);

// G.107 eq. 7-29: Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl), with
// random loss (BurstR = 1). `lossPct` is in percent (0..100); negative counts as 0.
double effectiveEquipmentImpairment(const CodecProfile &codec, double lossPct);

// G.107 Annex B: MOS = 1 + 0.035 R + 7e-6 R (R - 60)(100 - R) for 0 < R < 100,
// 1 at or below 0, 4.5 at or above 100.
double mosFromR(double r);

EModelResult evaluateEModel(double latencyMs, double jitterMs, double lossPct, const CodecProfile &codec);

} // namespace cc
