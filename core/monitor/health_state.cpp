#include "monitor/health_state.h"

namespace cc {

QString healthStateName(HealthState state)
{
    switch (state) {
    case HealthState::Up:
        return QStringLiteral("up");
    case HealthState::Down:
        return QStringLiteral("down");
    case HealthState::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString healthReadingName(HealthReading reading)
{
    switch (reading) {
    case HealthReading::Good:
        return QStringLiteral("good");
    case HealthReading::Bad:
        return QStringLiteral("bad");
    case HealthReading::NoData:
        break;
    }
    return QStringLiteral("no_data");
}

} // namespace cc
