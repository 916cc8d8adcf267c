#pragma once
// The channel endpoints of the simulated tenant: list (paged, and the
// loop_pages fault), create (with Idempotency-Key replays), get, patch (JSON
// merge patch with If-Match) and delete (refused while a channel is another's
// failover target).

#include "sign_in_handler.h"
#include "sim_call.h"
#include "sim_response.h"
#include "sim_state.h"

namespace cc::sim {

class ChannelHandler final
{
public:
    ChannelHandler(SimState &state, const SignInHandler &signIn);

    SimResponse list(const SimCall &call) const;
    SimResponse create(const SimCall &call);
    SimResponse get(const SimCall &call) const;
    SimResponse patch(const SimCall &call);
    SimResponse remove(const SimCall &call);

private:
    SimState &m_state;
    const SignInHandler &m_signIn;
};

} // namespace cc::sim
