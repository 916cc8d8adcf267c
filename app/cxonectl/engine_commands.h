#pragma once
// The engine's cxonectl command: `monitor` (the health monitor and automatic
// failover, headless, with its leader lease, metrics and SIP probes).

namespace cc::cli {

class CommandRegistry;

void registerEngineCommands(CommandRegistry &registry);

} // namespace cc::cli
