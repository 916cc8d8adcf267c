#pragma once
// The real time: the system's UTC clock and a monotonic timer started when
// this object was made.

#include "common/clock.h"

#include <QElapsedTimer>

namespace cc {

class SystemClock final : public Clock
{
public:
    SystemClock();
    QDateTime nowUtc() const override;
    qint64 monotonicMs() const override;

private:
    QElapsedTimer m_timer;
};

} // namespace cc
