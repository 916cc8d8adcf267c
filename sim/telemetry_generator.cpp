#include "telemetry_generator.h"

#include "sim_hash.h"

#include <QtMath>

#include <cmath>

namespace cc::sim {

namespace {

constexpr quint64 kSaltLatency = 0x3001;
constexpr quint64 kSaltJitter = 0x3002;
constexpr quint64 kSaltLoss = 0x3003;
constexpr quint64 kSaltCalls = 0x3004;
constexpr quint64 kSaltTimezone = 0x3005;
constexpr quint64 kSaltRowLatency = 0x3101;
constexpr quint64 kSaltRowJitter = 0x3102;
constexpr quint64 kSaltRowLoss = 0x3103;
constexpr quint64 kSaltRowCalls = 0x3104;

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

} // namespace

TelemetryGenerator::TelemetryGenerator(quint32 seed)
    : m_seed(seed)
{
}

TelemetryGenerator::Profile TelemetryGenerator::profile(const QString &channelId) const
{
    Profile profile;
    profile.baseLatencyMs = 25 + 95 * simUnit(m_seed, channelId, 0, kSaltLatency);
    profile.baseJitterMs = 1.5 + 6 * simUnit(m_seed, channelId, 0, kSaltJitter);
    profile.baseLossPct = 0.05 + 0.35 * simUnit(m_seed, channelId, 0, kSaltLoss);
    profile.peakCalls = 8 + 60 * simUnit(m_seed, channelId, 0, kSaltCalls);
    profile.utcOffsetHours = kUtcOffsets[simHash(m_seed, channelId, 0, kSaltTimezone) % std::size(kUtcOffsets)];
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
    const double nLatency = simUnit(m_seed, channelId, key, kSaltRowLatency);
    const double nJitter = simUnit(m_seed, channelId, key, kSaltRowJitter);
    const double nLoss = simUnit(m_seed, channelId, key, kSaltRowLoss);
    const double nCalls = simUnit(m_seed, channelId, key, kSaltRowCalls);

    const double midSeconds = static_cast<double>(t) + static_cast<double>(stepSeconds) / 2;
    const double utcHour = std::fmod(midSeconds / 3600.0, 24.0);
    const double localHour = std::fmod(utcHour + p.utcOffsetHours + 24.0, 24.0);
    const double load = dayLoad(localHour);

    double latency = p.baseLatencyMs * (1 + 0.12 * load) * (0.92 + 0.16 * nLatency);
    double jitter = p.baseJitterMs * (0.7 + 0.6 * nJitter) * (1 + 0.3 * load);
    double loss = p.baseLossPct * (0.5 + nLoss);
    double calls = p.peakCalls * load * (0.85 + 0.3 * nCalls);

    switch (status) {
    case ChannelStatus::Degraded:
        latency = latency * 1.8 + 35;
        jitter = jitter * 2.5 + 8;
        loss += 1.5 + 2 * nLoss;
        calls *= 0.85;
        break;
    case ChannelStatus::Unhealthy:
        latency = latency * 2.6 + 140;
        jitter = jitter * 4 + 25;
        loss += 6 + 10 * nLoss;
        calls *= 0.25;
        break;
    case ChannelStatus::Provisioning:
    case ChannelStatus::Disabled:
        calls = 0;
        break;
    case ChannelStatus::Healthy:
    case ChannelStatus::Active:
        break;
    }

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
