#pragma once
// The real time, for the monitor outside tests.

#include "monitor/clock.h"

namespace cc {

class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
};

} // namespace cc
