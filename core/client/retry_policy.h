#pragma once
// How often and how long the client retries a 429, a 5xx or a timeout: the
// contract's section 4 backoff `min(2^attempt + random(0,1), cap)` in units of
// `unitMs` (a second on a real tenant; tests shrink it).

#include <QtGlobal>

namespace cc {

struct RetryPolicy
{
    int maxAttempts = 5;        // sends of one request, the first included
    qint64 unitMs = 1000;       // 2^attempt is counted in this unit
    qint64 capMs = 30000;       // no single wait is longer
    qint64 maxRetryAfterMs = 120000;  // a Retry-After above this is not waited: the call fails at once

    // The wait before send number `attempt + 1`, after `attempt` failed sends
    // (attempt >= 1); `random01` in [0, 1) is the jitter.
    qint64 backoffMs(int attempt, double random01) const;
};

} // namespace cc
