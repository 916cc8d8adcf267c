#pragma once
// The quality commands of cxonectl: `quality ID` (averages, 95th percentiles,
// score, R and MOS over a range, fetched as the console's Quality page fetches
// them) and `optimize ID [--apply]` (the loss-robust codec order).

namespace cc::cli {

class CommandRegistry;

void registerQualityCommands(CommandRegistry &registry);

} // namespace cc::cli
