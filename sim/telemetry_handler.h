#pragma once
// The telemetry query of the simulated tenant: validates the query, refuses
// one over the row cap, and answers each bucket as the mean of the 10-second
// rows inside it (as a real analytics store rolls up), from the status the
// tenant recorded or, before it watched, the channel's hashed history.

#include "sign_in_handler.h"
#include "sim_call.h"
#include "sim_response.h"
#include "sim_state.h"

#include <optional>

namespace cc::sim {

class TelemetryHandler final
{
public:
    TelemetryHandler(const SimState &state, const SignInHandler &signIn);

    SimResponse query(const SimCall &call) const;

private:
    // The finest interval the tenant stores; coarser rows are rolled up from it.
    static constexpr qint64 kFinestStepSeconds = 10;
    TelemetryPoint finestRow(const QString &id, const QDateTime &bucket, const QDateTime &now) const;
    std::optional<TelemetryPoint> aggregateRow(const Channel &channel, const QDateTime &bucket, qint64 step,
                                               const QDateTime &now) const;

    const SimState &m_state;
    const SignInHandler &m_signIn;
};

} // namespace cc::sim
