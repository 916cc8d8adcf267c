#pragma once
// The audit commands of cxonectl, on the store named by --audit-db:
//   audit export --csv OUT [--from ISO] [--to ISO] [--channel ID] [--event TYPE] [--bom]
//   audit verify   (exit 0 intact; 8 naming the first bad entry otherwise)
//   audit tail [-n N]

namespace cc::cli {

class CommandRegistry;

void registerAuditCommands(CommandRegistry &registry);

} // namespace cc::cli
