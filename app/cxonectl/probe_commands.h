#pragma once
// `cxonectl probe SIP-URI`: the console's own SIP OPTIONS probe of one trunk
// (core/sip), with the code, reason and round trip of each probe, and an exit
// code a script can branch on. Needs no tenant and no credentials.

namespace cc::cli {

class CommandRegistry;

void registerProbeCommands(CommandRegistry &registry);

} // namespace cc::cli
