#include "model/event_source.h"

namespace cc {

QString eventSourceName(EventSource source)
{
    switch (source) {
    case EventSource::Manual:
        return QStringLiteral("manual");
    case EventSource::Automatic:
        return QStringLiteral("automatic");
    case EventSource::System:
        break;
    }
    return QStringLiteral("system");
}

bool parseEventSource(const QString &name, EventSource *source)
{
    if (name == QLatin1String("manual"))
        *source = EventSource::Manual;
    else if (name == QLatin1String("automatic"))
        *source = EventSource::Automatic;
    else if (name == QLatin1String("system"))
        *source = EventSource::System;
    else
        return false;
    return true;
}

} // namespace cc
