#include "client/retry_policy.h"

#include <algorithm>
#include <cmath>

namespace cc {

qint64 RetryPolicy::backoffMs(int attempt, double random01) const
{
    // Contract section 4: min(2^attempt + random(0,1), cap). The exponent is
    // bounded so that a large attempt count cannot overflow before the cap applies.
    const int exponent = std::clamp(attempt, 0, 30);
    const double jitter = std::clamp(random01, 0.0, 1.0);
    const double units = std::ldexp(1.0, exponent) + jitter;
    const double ms = units * static_cast<double>(unitMs);
    return std::min(static_cast<qint64>(ms), capMs);
}

} // namespace cc
