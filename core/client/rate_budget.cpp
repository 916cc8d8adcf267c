#include "client/rate_budget.h"

#include <QMutexLocker>

#include <algorithm>

namespace cc {

RateBudget::RateBudget(int limitPerMinute)
    : m_limit(std::max(1, limitPerMinute))
    , m_remaining(m_limit)
{
}

void RateBudget::rollWindow(qint64 nowMs)
{
    if (m_windowEndsMs == 0 || nowMs >= m_windowEndsMs) {
        m_windowEndsMs = nowMs + kWindowMs;
        m_remaining = m_limit;
    }
}

qint64 RateBudget::tryAcquire(qint64 nowMs)
{
    const QMutexLocker locker(&m_mutex);
    if (nowMs < m_pausedUntilMs)
        return m_pausedUntilMs - nowMs;
    if (m_unlimited)
        return 0;
    rollWindow(nowMs);
    if (m_remaining > 0) {
        --m_remaining;
        return 0;
    }
    return std::max<qint64>(1, m_windowEndsMs - nowMs);
}

void RateBudget::updateFromHeaders(qint64 nowMs, std::optional<int> limit, std::optional<int> remaining,
                                   std::optional<qint64> resetSeconds)
{
    const QMutexLocker locker(&m_mutex);
    rollWindow(nowMs);
    if (limit && *limit == 0) {
        m_unlimited = true;
        return;
    }
    if (limit && *limit > 0) {
        m_limit = *limit;
        m_unlimited = false;
    }
    if (!remaining)
        return;
    // The contract's window is one minute: a reset of days (or one that would
    // overflow) is not waited for.
    const qint64 tenantWindowEnds =
        resetSeconds ? nowMs + std::clamp<qint64>(*resetSeconds, 0, kWindowMs / 1000) * 1000 : m_windowEndsMs;
    // A later reset than ours means the tenant opened a new window: take its
    // count. Within the same window keep the lower count, because requests sent
    // after this answer's request are already spent locally but not yet counted
    // in the header.
    if (tenantWindowEnds > m_windowEndsMs + 1000) {
        m_remaining = std::max(0, *remaining);
        m_windowEndsMs = tenantWindowEnds;
    } else {
        m_remaining = std::clamp(*remaining, 0, m_remaining);
        if (resetSeconds)
            m_windowEndsMs = std::max(nowMs + 1, tenantWindowEnds);
    }
}

void RateBudget::pauseFor(qint64 nowMs, qint64 retryAfterMs)
{
    const QMutexLocker locker(&m_mutex);
    m_pausedUntilMs = std::max(m_pausedUntilMs, nowMs + std::max<qint64>(0, retryAfterMs));
}

int RateBudget::remaining(qint64 nowMs) const
{
    const QMutexLocker locker(&m_mutex);
    if (m_unlimited)
        return 0;
    if (m_windowEndsMs == 0 || nowMs >= m_windowEndsMs)
        return m_limit;
    return m_remaining;
}

int RateBudget::limit() const
{
    const QMutexLocker locker(&m_mutex);
    return m_unlimited ? 0 : m_limit;
}

} // namespace cc
