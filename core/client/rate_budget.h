#pragma once
// The request budget of one tenant (contract section 4: 100 a minute, token
// endpoint included, unless the X-RateLimit-* headers say otherwise), shared by
// every call and every ApiClient of one connection (its TenantSession owns it)
// so that a well-behaved client rarely meets a 429. Thread-safe: a monitor thread and the UI thread spend from
// the same budget. Times are milliseconds on the caller's clock.

#include <QMutex>
#include <QString>

#include <memory>
#include <optional>

namespace cc {

class RateBudget final
{
public:
    static constexpr int kDefaultLimitPerMinute = 100;
    static constexpr qint64 kWindowMs = 60000;

    explicit RateBudget(int limitPerMinute = kDefaultLimitPerMinute);
    Q_DISABLE_COPY_MOVE(RateBudget)

    // Takes one request from the budget and returns 0, or returns how many ms to
    // wait before asking again (nothing is taken then).
    qint64 tryAcquire(qint64 nowMs);
    // What the tenant's answer said: X-RateLimit-Limit, -Remaining, -Reset (s).
    void updateFromHeaders(qint64 nowMs, std::optional<int> limit, std::optional<int> remaining,
                           std::optional<qint64> resetSeconds);
    // A 429 or 503 with Retry-After: nobody sends before nowMs + retryAfterMs.
    void pauseFor(qint64 nowMs, qint64 retryAfterMs);

    // limit() == 0: the tenant declared no limit (X-RateLimit-Limit: 0, as the
    // simulated tenant does when unlimited); nothing waits then.
    int remaining(qint64 nowMs) const;
    int limit() const;

private:
    void rollWindow(qint64 nowMs);

    mutable QMutex m_mutex;
    int m_limit;
    bool m_unlimited = false;
    int m_remaining;
    qint64 m_windowEndsMs = 0;   // 0: no window opened yet
    qint64 m_pausedUntilMs = 0;
};

} // namespace cc
