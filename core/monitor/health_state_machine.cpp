#include "monitor/health_state_machine.h"

#include <algorithm>

namespace cc {

HealthStateMachine::HealthStateMachine(const HysteresisSettings &settings)
{
    setSettings(settings);
}

void HealthStateMachine::setSettings(const HysteresisSettings &settings)
{
    // A threshold under 1 would make a single reading decide: hysteresis needs at least one.
    m_settings = {std::max(1, settings.downAfter), std::max(1, settings.upAfter), std::max(1, settings.unknownAfter)};
}

bool HealthStateMachine::observe(HealthReading reading)
{
    const HealthState before = m_state;
    switch (reading) {
    case HealthReading::Good:
        ++m_good;
        m_bad = m_noData = 0;
        if (m_good >= m_settings.upAfter)
            m_state = HealthState::Up;
        break;
    case HealthReading::Bad:
        ++m_bad;
        m_good = m_noData = 0;
        if (m_bad >= m_settings.downAfter)
            m_state = HealthState::Down;
        break;
    case HealthReading::NoData:
        ++m_noData;
        m_good = m_bad = 0;
        if (m_noData >= m_settings.unknownAfter)
            m_state = HealthState::Unknown;
        break;
    }
    return m_state != before;
}

} // namespace cc
