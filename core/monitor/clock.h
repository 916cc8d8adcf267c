#pragma once
// Where the failover engine reads the time from (cooldowns, event times), handed
// in so that tests step time with a fake clock instead of sleeping.

#include <QDateTime>

namespace cc {

class Clock
{
public:
    virtual ~Clock() = default;
    // UTC wall-clock time, to the millisecond.
    virtual QDateTime now() const = 0;
};

} // namespace cc
