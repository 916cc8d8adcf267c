#pragma once
// The customer's export receiver the simulated tenant also plays (contract
// section 5): POST /export takes one audit entry (deduplicated by id), POST
// /export/metrics:bulk a batch of metrics. It wants its own bearer token, never
// a CXone one, and can be down or behind a redirect on request.

#include "sim_request.h"
#include "sim_response.h"
#include "sim_state.h"

#include <QLatin1String>

namespace cc::sim {

inline constexpr QLatin1String kExportPath("/export");

class ExportReceiver final
{
public:
    explicit ExportReceiver(SimState &state);

    // True for /export and every path below it.
    static bool serves(const QString &path);
    SimResponse handle(const SimRequest &request, const QString &requestId);

private:
    SimState &m_state;
};

} // namespace cc::sim
