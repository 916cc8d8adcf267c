#pragma once
// Sign-in as the simulated tenant answers it: the client-credentials token
// endpoint, section 6's access-key token endpoint with its unsigned id token,
// the two discovery documents, and the bearer and scope check every other API
// call passes first.

#include "sim_call.h"
#include "sim_response.h"
#include "sim_state.h"

#include <QLatin1String>

#include <optional>

namespace cc::sim {

// Section 6's token endpoint, named by the OpenID configuration this tenant serves.
inline constexpr QLatin1String kSignInTokenPath("/auth/token");

class SignInHandler final
{
public:
    explicit SignInHandler(SimState &state);

    SimResponse token(const SimCall &call);
    SimResponse signInToken(const SimCall &call);
    SimResponse openIdConfiguration() const;
    SimResponse cxoneConfiguration(const SimCall &call) const;

    // A response when the call may not proceed: no, unknown or expired bearer
    // token (401), or a token without `scope` (403).
    std::optional<SimResponse> authorize(const SimCall &call, const QString &scope) const;

private:
    int tokenTtlSeconds() const;
    bool clientCredentialsMatch(const QString &clientId, const QString &clientSecret) const;

    SimState &m_state;
};

} // namespace cc::sim
