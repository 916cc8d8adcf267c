#pragma once
// cxonectl's exit codes (issue 3), so that scripts can branch on what failed.

#include "client/api_error.h"

namespace cc::cli {

enum class ExitCode : int {
    Success = 0,
    Failure = 1,       // network or tenant failure
    Usage = 2,         // bad command line, missing credentials, unusable profile
    Validation = 3,    // the client's check or a 400
    Auth = 4,          // 401 after the retry, or 403 (naming the missing scope)
    NotFound = 5,
    Conflict = 6,      // 409 or 412
    RateLimited = 7,   // still 429 after the retries
    // 8: the audit trail was altered (audit verify)
    ProbeAnsweredNotUp = 9,   // probe: answered with a code not counted as up
    ProbeNoAnswer = 10,       // probe: no answer within the timeout
    ProbeUnreachable = 11,    // probe: nothing listens, the name does not resolve, or TLS failed
    DeadlinePassed = 12,      // the command did not finish within its --deadline (issue 12)
    // 13: failover refused, nothing changed: no failover channels, or no healthy
    // target (the named --to is not healthy, the channel itself, or missing)
    Refused = 13,
    // 14: a change was not sent because the audit trail could not take its
    // entry first (the shared store down, too slow or cut off; issue 16)
    AuditUnavailable = 14,
};

ExitCode exitCodeFor(const ApiError &error);

} // namespace cc::cli
