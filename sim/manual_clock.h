#pragma once
// A clock that moves only when told to: tests step health checks, token expiry,
// the rate-limit window and scenario events deterministically.

#include "clock.h"

namespace cc::sim {

class ManualClock final : public Clock
{
public:
    explicit ManualClock(const QDateTime &startUtc = QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC));
    QDateTime nowUtc() const override;
    qint64 monotonicMs() const override;

    void advanceMs(qint64 ms);
    void advanceSeconds(qint64 seconds) { advanceMs(seconds * 1000); }

private:
    QDateTime m_start;
    qint64 m_elapsedMs = 0;
};

} // namespace cc::sim
