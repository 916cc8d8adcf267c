#pragma once
// The channel commands of cxonectl: `channels list|get|create|update|delete`,
// `failover ID [--to BACKUP]` and `failback ID`.

namespace cc::cli {

class CommandRegistry;

void registerChannelCommands(CommandRegistry &registry);

} // namespace cc::cli
