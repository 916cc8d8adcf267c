#pragma once
// The engine's cxonectl commands: `monitor` (the health monitor and automatic
// failover, headless), `quality ID` (score, R and MOS over a range) and
// `optimize ID [--apply]` (the loss-robust codec order).

namespace cc::cli {

class CommandRegistry;

void registerEngineCommands(CommandRegistry &registry);

} // namespace cc::cli
