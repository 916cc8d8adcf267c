#pragma once
// A clock that moves only when a test says so.

#include "monitor/clock.h"

namespace cc::test {

class FakeClock final : public Clock
{
public:
    QDateTime now() const override { return m_now; }
    void advanceSeconds(qint64 seconds) { m_now = m_now.addSecs(seconds); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now = QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC);
};

} // namespace cc::test
