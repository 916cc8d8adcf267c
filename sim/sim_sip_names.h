#pragma once
// The seeded trunks' SIP server names: carrier-like, and one per trunk
// ("sip-07.carrier-provider.net"), because each simulated trunk has its own SIP
// responder (sim_sip_responder.h) and a probe finds it by sip_server:sip_port.

#include <QString>

namespace cc::sim {

// `carrierHost` with the trunk's 1-based number joined to its first label:
// ("sip.carrier-provider.net", 6) -> "sip-07.carrier-provider.net".
QString seededSipServer(const QString &carrierHost, int index);

} // namespace cc::sim
