#pragma once
// Telemetry rows that look like a real trunk's: each channel has its own base
// latency, jitter and loss, its call count follows the time of day, and a bucket
// in which the channel was degraded or unhealthy is clearly worse. Every row is
// computed from a hash of (seed, channel, bucket start): nothing is stored, and
// the same question always gets the same answer.

#include "model/channel.h"
#include "model/telemetry.h"

#include <QDateTime>

namespace cc::sim {

class TelemetryGenerator final
{
public:
    struct Profile
    {
        double baseLatencyMs = 0;
        double baseJitterMs = 0;
        double baseLossPct = 0;
        double peakCalls = 0;
        int utcOffsetHours = 0; // where the trunk's callers live
    };

    explicit TelemetryGenerator(quint32 seed);

    Profile profile(const QString &channelId) const;
    // The row of the bucket starting at `bucketStart` (aligned to `stepSeconds`),
    // for a channel whose status during the bucket was `status`.
    TelemetryPoint row(const QString &channelId, const QDateTime &bucketStart, qint64 stepSeconds,
                       ChannelStatus status) const;

    // The first bucket start at or before `time`, aligned to the interval in UTC.
    static QDateTime alignDown(const QDateTime &time, qint64 stepSeconds);
    // How many buckets [from, to) spans once aligned: what the row cap counts.
    static qint64 bucketCount(const QDateTime &from, const QDateTime &to, qint64 stepSeconds);

private:
    quint32 m_seed;
};

} // namespace cc::sim
