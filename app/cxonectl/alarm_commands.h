#pragma once
// The alarms of cxonectl, on the audit store named by --audit-db (the same
// table the console and `cxonectl monitor` keep; core/alarms):
//   alarms list [--all] [--tenant NAME]   open alarms (--all: and the recently cleared)
//   alarms ack ID --comment TEXT          acknowledge: listed, quiet, recorded with who and why
//   alarms shelve ID --for 30m [--comment TEXT]   hidden until then, back if still standing
//   alarms unshelve ID
// Exit codes: 0 done (or already so), 2 usage (no comment, a bad duration or
// id), 5 no such alarm, 13 the alarm has cleared, 1 the store failed.
// And for `cxonectl monitor`: the keeper that keeps the table current.

#include <QString>

class QObject;

namespace cc {
class AlarmKeeper;
struct MonitorSettings;
}

namespace cc::cli {

class CliContext;
class CommandRegistry;

void registerAlarmCommands(CommandRegistry &registry);

// The alarms of the monitored tenant, kept in the store of --audit-db while
// `cxonectl monitor` runs (started here; the caller feeds it snapshots).
AlarmKeeper *startAlarmKeeper(CliContext &context, const QString &tenantKey, const QString &tenant,
                              const MonitorSettings &settings, QObject *parent);

} // namespace cc::cli
