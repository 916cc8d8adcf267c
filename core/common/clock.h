#pragma once
// Where time is read from: the wall clock (timestamps, events, cooldowns that
// a person reads) and a monotonic clock (expiries, windows, durations). The
// client, the monitor and failover engine, the SIP probes, the media path
// optimiser and the simulated tenant are handed one, so a test hands in a
// ManualClock and steps time instead of sleeping.

#include <QDateTime>

namespace cc {

class Clock
{
public:
    virtual ~Clock() = default;
    // UTC wall-clock time, to the millisecond.
    virtual QDateTime nowUtc() const = 0;
    // Milliseconds from an arbitrary origin; never steps back.
    virtual qint64 monotonicMs() const = 0;
};

} // namespace cc
