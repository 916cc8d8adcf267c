#pragma once
// Who made an event or an action happen: a person (manual), a policy of the
// engine (automatic), or the product itself (system). One enum for the monitor's
// events and the audit trail's entries; its names are stored and exported.

#include <QString>

namespace cc {

enum class EventSource { Manual, Automatic, System };

// "manual", "automatic", "system".
QString eventSourceName(EventSource source);
// False, leaving *source alone, for any other name.
bool parseEventSource(const QString &name, EventSource *source);

} // namespace cc
