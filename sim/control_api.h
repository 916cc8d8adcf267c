#pragma once
// The simulated tenant's control API under /_sim/ (loopback clients only, never
// rate limited): the stats, the request log, the faults (read, or applied all
// or nothing through ControlActions) and what the export receiver got.

#include "control_actions.h"
#include "sim_request.h"
#include "sim_response.h"
#include "sim_state.h"

#include <functional>

namespace cc::sim {

class ControlApi final
{
public:
    ControlApi(SimState &state, ControlActions &actions);

    // True for /_sim and every path below it.
    static bool serves(const QString &path);
    SimResponse handle(const SimRequest &request, const QString &requestId);

private:
    SimResponse faults(const SimRequest &request, const QString &requestId);
    // GET answers what `read` gives, DELETE empties it with `clear` (204).
    SimResponse collection(const SimRequest &request, const QString &requestId, const std::function<QJsonObject()> &read,
                           const std::function<void()> &clear);
    QJsonObject faultState() const;

    SimState &m_state;
    ControlActions &m_actions;
};

} // namespace cc::sim
