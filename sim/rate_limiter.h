#pragma once
// The tenant's request budget (contract section 4): a fixed one-minute window per
// tenant, the token endpoint included. A limit of 0 means unlimited.

#include <QtGlobal>

namespace cc::sim {

class RateLimiter final
{
public:
    struct Decision
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        int resetSeconds = 0; // until the window resets, at least 1
    };

    explicit RateLimiter(int limitPerMinute = 100);

    // Counts one request at `nowMs` (monotonic) and says whether it may proceed.
    Decision take(qint64 nowMs);
    // The headers' figures without counting a request.
    Decision peek(qint64 nowMs) const;

    int limit() const { return m_limit; }
    void setLimit(int limitPerMinute) { m_limit = limitPerMinute; }

    static constexpr qint64 kWindowMs = 60 * 1000;

private:
    void roll(qint64 nowMs);

    int m_limit;
    qint64 m_windowStartMs = -1;
    int m_used = 0;
};

} // namespace cc::sim
