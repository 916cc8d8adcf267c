#pragma once
// Where the simulated tenant reads the time from. Health checks, token expiry,
// the rate-limit window, the request log and the scenario timeline all ask this
// one object, so a test can hand in a ManualClock and step time without sleeping.

#include <QDateTime>

namespace cc::sim {

class Clock
{
public:
    virtual ~Clock() = default;
    // Wall-clock time in UTC: timestamps on channels and telemetry buckets.
    virtual QDateTime nowUtc() const = 0;
    // Monotonic milliseconds from an arbitrary origin: expiries and windows.
    virtual qint64 monotonicMs() const = 0;
};

} // namespace cc::sim
