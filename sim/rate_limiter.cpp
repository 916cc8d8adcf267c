#include "rate_limiter.h"

#include <algorithm>

namespace cc::sim {

RateLimiter::RateLimiter(int limitPerMinute)
    : m_limit(std::max(0, limitPerMinute))
{
}

void RateLimiter::roll(qint64 nowMs)
{
    if (m_windowStartMs < 0 || nowMs >= m_windowStartMs + kWindowMs) {
        // Windows are aligned to the first request, then follow each other.
        if (m_windowStartMs < 0)
            m_windowStartMs = nowMs;
        else
            m_windowStartMs += ((nowMs - m_windowStartMs) / kWindowMs) * kWindowMs;
        m_used = 0;
    }
}

RateLimiter::Decision RateLimiter::peek(qint64 nowMs) const
{
    Decision decision;
    decision.limit = m_limit;
    const bool inWindow = m_windowStartMs >= 0 && nowMs < m_windowStartMs + kWindowMs;
    const int used = inWindow ? m_used : 0;
    decision.remaining = std::max(0, m_limit - used);
    const qint64 windowEnd = inWindow ? m_windowStartMs + kWindowMs : nowMs + kWindowMs;
    decision.resetSeconds = static_cast<int>(std::max<qint64>(1, (windowEnd - nowMs + 999) / 1000));
    decision.allowed = m_limit == 0 || used < m_limit;
    return decision;
}

RateLimiter::Decision RateLimiter::take(qint64 nowMs)
{
    roll(nowMs);
    if (m_limit == 0)
        return peek(nowMs);
    Decision decision = peek(nowMs);
    if (decision.allowed) {
        ++m_used;
        decision.remaining = std::max(0, m_limit - m_used);
    }
    return decision;
}

} // namespace cc::sim
