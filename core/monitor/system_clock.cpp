#include "monitor/system_clock.h"

namespace cc {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace cc
