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
    // A reading lengthens its own run and ends the other two; a run long enough
    // moves the state to the one it stands for.
    struct Run
    {
        int *length;
        int needed;
        HealthState reached;
    };
    const Run run = reading == HealthReading::Good ? Run{&m_good, m_settings.upAfter, HealthState::Up}
                  : reading == HealthReading::Bad  ? Run{&m_bad, m_settings.downAfter, HealthState::Down}
                                                   : Run{&m_noData, m_settings.unknownAfter, HealthState::Unknown};
    const int length = *run.length + 1;
    m_good = m_bad = m_noData = 0;
    *run.length = length;
    if (length >= run.needed)
        m_state = run.reached;
    return m_state != before;
}

} // namespace cc
