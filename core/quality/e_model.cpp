#include "quality/e_model.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace cc {

namespace {

// ITU-T G.107 (06/2015), Table 2: the default value of every parameter the
// connection's readings do not give us. A SIP trunk to a carrier is a four-wire
// connection, and nothing in the contract tells us its handsets or its rooms, so
// the defaults are what a planning tool assumes.
constexpr double kSendLoudnessRatingDb = 8.0;         // SLR
constexpr double kReceiveLoudnessRatingDb = 2.0;      // RLR
constexpr double kSidetoneMaskingRatingDb = 15.0;     // STMR
constexpr double kListenerSidetoneRatingDb = 18.0;    // LSTR
constexpr double kSendDValue = 3.0;                   // Ds
constexpr double kTalkerEchoLoudnessRatingDb = 65.0;  // TELR
constexpr double kWeightedEchoPathLossDb = 110.0;     // WEPL
constexpr double kQuantizingDistortionUnits = 1.0;    // qdu
constexpr double kCircuitNoiseDbm0p = -70.0;          // Nc
constexpr double kNoiseFloorDbmp = -64.0;             // Nfor
constexpr double kSendRoomNoiseDbA = 35.0;            // Ps
constexpr double kReceiveRoomNoiseDbA = 35.0;         // Pr
constexpr double kAdvantageFactor = 0.0;              // A (clause 7.6, Table 1: wirebound)
constexpr double kMinimumPerceivableDelayMs = 100.0;  // mT
constexpr double kDelaySensitivity = 1.0;             // sT
constexpr double kOverallLoudnessRatingDb = kSendLoudnessRatingDb + kReceiveLoudnessRatingDb; // OLR

// Clause 7.5 (eq. 7-29): impairment of a connection that loses every packet.
constexpr double kEquipmentImpairmentCeiling = 95.0;

// Jitter buffer depth in multiples of the measured jitter (see effectiveDelayMs).
constexpr double kJitterBufferFactor = 2.0;

double powerSumDb(std::initializer_list<double> levelsDb)
{
    double sum = 0.0;
    for (const double level : levelsDb)
        sum += std::pow(10.0, level / 10.0);
    return 10.0 * std::log10(sum);
}

// Clause 7.2: the noise sources added as powers, No (eq. 7-3 to 7-7).
double totalNoiseDbm0p()
{
    const double nos = kSendRoomNoiseDbA - kSendLoudnessRatingDb - kSendDValue - 100.0
        + 0.004 * std::pow(kSendRoomNoiseDbA - kOverallLoudnessRatingDb - kSendDValue - 14.0, 2.0);
    const double pre = kReceiveRoomNoiseDbA
        + 10.0 * std::log10(1.0 + std::pow(10.0, (10.0 - kListenerSidetoneRatingDb) / 10.0));
    const double nor = kReceiveLoudnessRatingDb - 121.0 + pre + 0.008 * std::pow(pre - 35.0, 2.0);
    const double nfo = kNoiseFloorDbmp + kReceiveLoudnessRatingDb;
    return powerSumDb({kCircuitNoiseDbm0p, nos, nor, nfo});
}

// Everything of the model that does not depend on the delay, computed once.
struct Transmission
{
    double noiseDbm0p = 0.0; // No
    double ro = 0.0;         // basic signal-to-noise ratio (eq. 7-2)
    double iolr = 0.0;       // loudness part of Is
    double iq = 0.0;         // quantizing part of Is
    double roe = 0.0;        // eq. 7-20
};

const Transmission &transmission()
{
    static const Transmission kTransmission = [] {
        Transmission t;
        t.noiseDbm0p = totalNoiseDbm0p();
        t.ro = 15.0 - 1.5 * (kSendLoudnessRatingDb + t.noiseDbm0p);
        // Clause 7.3: Iolr from Xolr, Iq from the quantizing distortion.
        const double xolr = kOverallLoudnessRatingDb + 0.2 * (64.0 + t.noiseDbm0p - kReceiveLoudnessRatingDb);
        t.iolr = 20.0 * (std::pow(1.0 + std::pow(xolr / 8.0, 8.0), 1.0 / 8.0) - xolr / 8.0);
        const double q = 37.0 - 15.0 * std::log10(kQuantizingDistortionUnits);
        const double g = 1.07 + 0.258 * q + 0.0602 * q * q;
        const double y = (t.ro - 100.0) / 15.0 + 46.0 / 8.4 - g / 9.0;
        const double z = 46.0 / 30.0 - g / 40.0;
        t.iq = 15.0 * std::log10(1.0 + std::pow(10.0, y) + std::pow(10.0, z));
        t.roe = -1.5 * (t.noiseDbm0p - kReceiveLoudnessRatingDb);
        return t;
    }();
    return kTransmission;
}

// Clause 7.3: the sidetone impairment Ist, whose masking rating STMRo includes the
// talker's echo arriving after T ms.
double sidetoneImpairmentExact(double echoDelayMs)
{
    const double stmro = -10.0 * std::log10(std::pow(10.0, -kSidetoneMaskingRatingDb / 10.0)
                                            + std::exp(-echoDelayMs / 4.0)
                                                * std::pow(10.0, -kTalkerEchoLoudnessRatingDb / 10.0));
    return 12.0 * std::pow(1.0 + std::pow((stmro - 13.0) / 6.0, 8.0), 1.0 / 8.0)
        - 28.0 * std::pow(1.0 + std::pow((stmro + 1.0) / 19.4, 35.0), 1.0 / 35.0)
        - 13.0 * std::pow(1.0 + std::pow((stmro - 3.0) / 33.0, 13.0), 1.0 / 13.0) + 29.0;
}

// The echo's share of STMRo is e^(-T/4) 10^(-TELR/10) against 10^(-STMR/10): past
// 60 ms it is below 1e-11 of it, so Ist no longer changes in any digit a double
// holds, and the value is taken once. This keeps an evaluation cheap (the monitor
// runs one per channel per cycle) without changing a result.
constexpr double kSidetoneSettledMs = 60.0;

double sidetoneImpairment(double echoDelayMs)
{
    if (echoDelayMs < kSidetoneSettledMs)
        return sidetoneImpairmentExact(echoDelayMs);
    static const double kSettled = sidetoneImpairmentExact(kSidetoneSettledMs);
    return kSettled;
}

// Clause 7.4: talker echo Idte (eq. 7-19 to 7-22). G.107 sets it to 0 below
// T = 1 ms (the factor 1 - e^-T makes it vanish there anyway), adds half of Ist to
// TERV for STMR below 9 dB and combines it with Ist above 20 dB; with the default
// STMR of 15 dB neither applies, but the branches keep the model whole.
double talkerEchoImpairment(double echoDelayMs, double ist)
{
    if (echoDelayMs < 1.0)
        return 0.0;
    const double t = echoDelayMs;
    double terv = kTalkerEchoLoudnessRatingDb - 40.0 * std::log10((1.0 + t / 10.0) / (1.0 + t / 150.0))
        + 6.0 * std::exp(-0.3 * t * t);
    if (kSidetoneMaskingRatingDb < 9.0)
        terv += ist / 2.0;
    const double re = 80.0 + 2.5 * (terv - 14.0);
    const double diff = transmission().roe - re;
    const double idte = (diff / 2.0 + std::sqrt(diff * diff / 4.0 + 100.0) - 1.0) * (1.0 - std::exp(-t));
    if (kSidetoneMaskingRatingDb > 20.0)
        return std::sqrt(idte * idte + ist * ist);
    return idte;
}

// Clause 7.4: listener echo Idle (eq. 7-25, 7-26) over the round trip Tr.
double listenerEchoImpairment(double roundTripMs)
{
    const double ro = transmission().ro;
    // (Tr + 1)^-0.25, as two square roots.
    const double rle = 10.5 * (kWeightedEchoPathLossDb + 7.0) / std::sqrt(std::sqrt(roundTripMs + 1.0));
    return (ro - rle) / 2.0 + std::sqrt((ro - rle) * (ro - rle) / 4.0 + 169.0);
}

struct DelayTerms
{
    double idte = 0.0;
    double idle = 0.0;
    double idd = 0.0;
    double ist = 0.0;
};

DelayTerms delayTerms(double effectiveDelayMs)
{
    const double ta = std::max(0.0, effectiveDelayMs);
    DelayTerms terms;
    terms.ist = sidetoneImpairment(ta);                 // T = Ta
    terms.idte = talkerEchoImpairment(ta, terms.ist);   // T = Ta
    terms.idle = listenerEchoImpairment(2.0 * ta);      // Tr = 2 Ta
    terms.idd = absoluteDelayImpairment(ta);
    return terms;
}

} // namespace

double effectiveDelayMs(double latencyMs, double jitterMs, const CodecProfile &codec)
{
    return std::max(0.0, latencyMs) + kJitterBufferFactor * std::max(0.0, jitterMs) + codec.codecDelayMs;
}

double absoluteDelayImpairment(double effectiveDelayMs)
{
    if (!(effectiveDelayMs > kMinimumPerceivableDelayMs))
        return 0.0;
    const double x = std::log2(effectiveDelayMs / kMinimumPerceivableDelayMs);
    if (kDelaySensitivity == 1.0) {
        // sT = 1: the sixth power and root, without the general pow().
        const auto root6 = [](double v) { return std::cbrt(std::sqrt(v)); };
        const double x2 = x * x;
        const double y2 = x2 / 9.0;
        return 25.0 * (root6(1.0 + x2 * x2 * x2) - 3.0 * root6(1.0 + y2 * y2 * y2) + 2.0);
    }
    const double p = 6.0 * kDelaySensitivity;
    return 25.0 * (std::pow(1.0 + std::pow(x, p), 1.0 / p) - 3.0 * std::pow(1.0 + std::pow(x / 3.0, p), 1.0 / p) + 2.0);
}

double delayImpairment(double effectiveDelayMs)
{
    const DelayTerms terms = delayTerms(effectiveDelayMs);
    return terms.idte + terms.idle + terms.idd;
}

double effectiveEquipmentImpairment(const CodecProfile &codec, double lossPct, double burstRatio)
{
    const double ppl = std::clamp(lossPct, 0.0, 100.0);
    const double burstR = burstRatio > 0.0 ? burstRatio : kRandomLossBurstRatio;
    return codec.ie + (kEquipmentImpairmentCeiling - codec.ie) * ppl / (ppl / burstR + codec.bpl);
}

double mosFromR(double r)
{
    if (r <= 0.0)
        return 1.0;
    if (r >= 100.0)
        return 4.5;
    return 1.0 + 0.035 * r + 7e-6 * r * (r - 60.0) * (100.0 - r);
}

EModelResult evaluateEModelAtDelay(double effectiveDelayMs, double lossPct, const CodecProfile &codec,
                                   double burstRatio)
{
    const Transmission &t = transmission();
    const DelayTerms terms = delayTerms(effectiveDelayMs);
    EModelResult result;
    result.effectiveDelayMs = std::max(0.0, effectiveDelayMs);
    result.basicRating = t.ro - (t.iolr + terms.ist + t.iq) + kAdvantageFactor;
    result.talkerEchoImpairment = terms.idte;
    result.listenerEchoImpairment = terms.idle;
    result.absoluteDelayImpairment = terms.idd;
    result.delayImpairment = terms.idte + terms.idle + terms.idd;
    result.equipmentImpairment = effectiveEquipmentImpairment(codec, lossPct, burstRatio);
    const double r = result.basicRating - result.delayImpairment - result.equipmentImpairment;
    result.rFactor = std::clamp(r, 0.0, 100.0);
    result.mos = mosFromR(r);
    return result;
}

EModelResult evaluateEModel(double latencyMs, double jitterMs, double lossPct, const CodecProfile &codec,
                            double burstRatio)
{
    return evaluateEModelAtDelay(effectiveDelayMs(latencyMs, jitterMs, codec), lossPct, codec, burstRatio);
}

} // namespace cc
