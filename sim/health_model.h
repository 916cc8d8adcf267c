#pragma once
// How a simulated channel's health check comes out: a small Markov chain whose
// dice are the seed, the channel id and the check's index, so a channel is mostly
// healthy, now and then degraded for a few checks and rarely unhealthy, and the
// same seed replays the same story.

#include "model/channel.h"

namespace cc::sim {

class HealthModel final
{
public:
    // The status a seeded channel has when the tenant starts.
    static ChannelStatus initialStatus(quint32 seed, const QString &channelId);
    // The outcome of check number `checkIndex` (0 = the first after creation).
    static ChannelStatus nextStatus(quint32 seed, const QString &channelId, qint64 checkIndex, ChannelStatus current);
    // Before the tenant started there is no recorded history; telemetry of that
    // time uses this to place the occasional past degradation.
    static ChannelStatus historicalStatus(quint32 seed, const QString &channelId, qint64 utcSeconds);
};

} // namespace cc::sim
