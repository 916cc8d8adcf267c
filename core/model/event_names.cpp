#include "model/event_names.h"

namespace cc::events {

QStringList knownTypes()
{
    QStringList types{kChannelCreated, kChannelEdited, kChannelDeleted, kConnected, kAuditExported, kAuditCopied,
                      kHealthStateChanged, kFailoverStarted, kFailoverDone, kFailoverFailed, kFailoverSkipped,
                      kFailbackStarted, kFailbackDone, kFailbackFailed, kFailbackSkipped, kFailbackPending,
                      kAlarm, kAlarmRaised, kAlarmCleared, kAlarmAcknowledged, kAlarmShelved, kAlarmUnshelved,
                      kFailoverPaused, kFailoverResumed, kMonitorStarted, kMonitorStopped, kCycleFailed,
                      kCadenceStretched, kCadenceRestored, kTelemetrySplit, kSipProbeStateChanged,
                      kSipProbeDisagreement, kSipProbeDisagreementCleared, kSipProbeUnavailable,
                      kMediaPathOptimized, kMediaPathOptimizationFailed};
    types.sort();
    return types;
}

} // namespace cc::events
