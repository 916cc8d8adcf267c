#include "common/manual_clock.h"

namespace cc {

ManualClock::ManualClock(const QDateTime &startUtc)
    : m_start(startUtc.toUTC())
{
}

QDateTime ManualClock::nowUtc() const
{
    return m_start.addMSecs(m_elapsedMs);
}

qint64 ManualClock::monotonicMs() const
{
    return m_elapsedMs;
}

void ManualClock::advanceMs(qint64 ms)
{
    if (ms > 0)
        m_elapsedMs += ms;
}

} // namespace cc
