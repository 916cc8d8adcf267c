#pragma once
// A clock that moves only when told to, for tests (and the fuzzer): wall and
// monotonic time advance together, so cooldowns, token expiry, rate-limit
// windows, health checks and scenario events step deterministically.

#include "common/clock.h"

namespace cc {

class ManualClock final : public Clock
{
public:
    explicit ManualClock(const QDateTime &startUtc = QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC));
    QDateTime nowUtc() const override;
    qint64 monotonicMs() const override;

    // Negative steps are ignored: a monotonic clock never goes back.
    void advanceMs(qint64 ms);
    void advanceSeconds(qint64 seconds) { advanceMs(seconds * 1000); }

private:
    QDateTime m_start;
    qint64 m_elapsedMs = 0;
};

} // namespace cc
