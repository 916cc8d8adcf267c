#include "telemetry_generator.h"

#include "sim_hash.h"

#include <QtMath>

#include <cmath>

namespace cc::sim {

namespace {

constexpr int kUtcOffsets[] = {-5, -8, 0, 1, -6, 10};

double roundTo(double value, int decimals)
{
    const double factor = std::pow(10.0, decimals);
    return std::round(value * factor) / factor;
}

// Share of the peak call volume at a local hour: a day curve peaking early
// afternoon, a floor for the night shift.
double dayLoad(double localHour)
{
    const double distance = localHour - 13.5;
    return 0.08 + 0.92 * std::exp(-(distance * distance) / (2 * 3.2 * 3.2));
}

// How a channel's status bends its row: latency and jitter scaled and raised,
// loss raised by a base and a share of the row's loss noise, calls scaled.
struct StatusEffect
{
    double latencyFactor, latencyAddMs;
    double jitterFactor, jitterAddMs;
    double lossAddPct, lossNoisePct;
    double callsFactor;
};

StatusEffect effectOf(ChannelStatus status)
{
    switch (status) {
    case ChannelStatus::Degraded: return {1.8, 35, 2.5, 8, 1.5, 2, 0.85};
    case ChannelStatus::Unhealthy: return {2.6, 140, 4, 25, 6, 10, 0.25};
    case ChannelStatus::Provisioning:
    case ChannelStatus::Disabled: return {1, 0, 1, 0, 0, 0, 0}; // no calls on a trunk not in service
    case ChannelStatus::Healthy:
    case ChannelStatus::Active: break;
    }
    return {1, 0, 1, 0, 0, 0, 1};
}

} // namespace

TelemetryGenerator::TelemetryGenerator(quint32 seed)
    : m_seed(seed)
{
}

TelemetryGenerator::Profile TelemetryGenerator::profile(const QString &channelId) const
{
    Profile profile;
    profile.baseLatencyMs = 25 + 95 * simUnit(m_seed, channelId, 0, SimSalt::BaseLatency);
    profile.baseJitterMs = 1.5 + 6 * simUnit(m_seed, channelId, 0, SimSalt::BaseJitter);
    profile.baseLossPct = 0.05 + 0.35 * simUnit(m_seed, channelId, 0, SimSalt::BaseLoss);
    profile.peakCalls = 8 + 60 * simUnit(m_seed, channelId, 0, SimSalt::PeakCalls);
    profile.utcOffsetHours = kUtcOffsets[simHash(m_seed, channelId, 0, SimSalt::Timezone) % std::size(kUtcOffsets)];
    return profile;
}

TelemetryPoint TelemetryGenerator::row(const QString &channelId, const QDateTime &bucketStart, qint64 stepSeconds,
                                       ChannelStatus status) const
{
    const Profile p = profile(channelId);
    const qint64 t = bucketStart.toSecsSinceEpoch();
    // The noise of a row depends on its bucket and its size, so a 1h row is not
    // simply the first 10s row of that hour.
    const qint64 key = t * 7919 + stepSeconds;
    const double nLatency = simUnit(m_seed, channelId, key, SimSalt::RowLatency);
    const double nJitter = simUnit(m_seed, channelId, key, SimSalt::RowJitter);
    const double nLoss = simUnit(m_seed, channelId, key, SimSalt::RowLoss);
    const double nCalls = simUnit(m_seed, channelId, key, SimSalt::RowCalls);

    const double midSeconds = static_cast<double>(t) + static_cast<double>(stepSeconds) / 2;
    const double utcHour = std::fmod(midSeconds / 3600.0, 24.0);
    const double localHour = std::fmod(utcHour + p.utcOffsetHours + 24.0, 24.0);
    const double load = dayLoad(localHour);

    double latency = p.baseLatencyMs * (1 + 0.12 * load) * (0.92 + 0.16 * nLatency);
    double jitter = p.baseJitterMs * (0.7 + 0.6 * nJitter) * (1 + 0.3 * load);
    double loss = p.baseLossPct * (0.5 + nLoss);
    double calls = p.peakCalls * load * (0.85 + 0.3 * nCalls);

    const StatusEffect effect = effectOf(status);
    latency = latency * effect.latencyFactor + effect.latencyAddMs;
    jitter = jitter * effect.jitterFactor + effect.jitterAddMs;
    loss += effect.lossAddPct + effect.lossNoisePct * nLoss;
    calls *= effect.callsFactor;

    TelemetryPoint point;
    point.timestamp = bucketStart;
    point.channelId = channelId;
    point.latencyMs = roundTo(latency, 1);
    point.jitterMs = roundTo(jitter, 1);
    point.packetLossPct = roundTo(qMin(loss, 100.0), 2);
    point.calls = static_cast<qint64>(std::llround(calls));
    return point;
}

QDateTime TelemetryGenerator::alignDown(const QDateTime &time, qint64 stepSeconds)
{
    const qint64 secs = time.toSecsSinceEpoch();
    qint64 aligned = secs - secs % stepSeconds;
    if (secs % stepSeconds < 0)
        aligned -= stepSeconds;
    return QDateTime::fromSecsSinceEpoch(aligned, Qt::UTC);
}

qint64 TelemetryGenerator::bucketCount(const QDateTime &from, const QDateTime &to, qint64 stepSeconds)
{
    if (!from.isValid() || !to.isValid() || from >= to)
        return 0;
    const qint64 first = alignDown(from, stepSeconds).toSecsSinceEpoch();
    const qint64 end = to.toSecsSinceEpoch() + (to.time().msec() > 0 ? 1 : 0);
    return (end - first + stepSeconds - 1) / stepSeconds;
}

} // namespace cc::sim
