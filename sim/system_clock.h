#pragma once
// The real time, for cxone-sim and for tests that do not need to step time.

#include "clock.h"

#include <QElapsedTimer>

namespace cc::sim {

class SystemClock final : public Clock
{
public:
    SystemClock();
    QDateTime nowUtc() const override;
    qint64 monotonicMs() const override;

private:
    QElapsedTimer m_timer;
};

} // namespace cc::sim
