#pragma once
// How a test's client reaches the in-process simulated tenant: a connection
// profile with the demo credentials, and client options that retry fast and
// keep a rate budget of their own.

#include "sim_fixture.h"

#include "client/api_client.h"
#include "client/connection_profile.h"
#include "client/rate_budget.h"

namespace cc::test {

// A profile named "sim" for `sim`, with its demo client credentials; each call
// ends within `timeoutSeconds` (0: the profile's default).
cc::ConnectionProfile simProfile(const SimFixture &sim, int timeoutSeconds = 0);

// A profile that signs in to `sim` with its demo access key: the tenant and its
// API found by discovery from the sim's address, not given.
cc::ConnectionProfile simAccessKeyProfile(const SimFixture &sim);

// Sign-ins the tenant has answered so far (POSTs to its token endpoint).
int tokenRequests(SimFixture &sim);

// Retries 20 ms apart at first, never more than 500 ms, `maxAttempts` sends in
// all; a rate budget of the test's own, so tests neither wait whole seconds of
// backoff nor share the process-wide budget through a reused port.
cc::ClientOptions fastClientOptions(int maxAttempts = 1,
                                    int budgetPerMinute = cc::RateBudget::kDefaultLimitPerMinute);

} // namespace cc::test
