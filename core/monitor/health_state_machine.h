#pragma once
// Hysteresis for one channel, as SIP proxies' dispatchers probe their gateways
// (Kamailio dispatcher's ds_probing_threshold / ds_inactive_threshold): Down
// only after N consecutive bad readings, Up only after M consecutive good ones,
// Unknown after as many readings without data. A reading of another kind breaks
// a streak, so a flapping channel never reaches Down.

#include "monitor/health_state.h"

namespace cc {

struct HysteresisSettings
{
    int downAfter = 3;     // N consecutive bad readings
    int upAfter = 3;       // M consecutive good readings
    int unknownAfter = 3;  // consecutive readings without data
};

class HealthStateMachine final
{
public:
    HealthStateMachine() = default;
    explicit HealthStateMachine(const HysteresisSettings &settings);

    // New thresholds apply from the next reading; state and streaks are kept.
    void setSettings(const HysteresisSettings &settings);

    // Feeds one reading; true when the state changed.
    bool observe(HealthReading reading);

    HealthState state() const { return m_state; }
    // Length of the current run of identical readings of each kind (0 or more).
    int goodStreak() const { return m_good; }
    int badStreak() const { return m_bad; }
    int noDataStreak() const { return m_noData; }

private:
    HysteresisSettings m_settings;
    HealthState m_state = HealthState::Unknown;
    int m_good = 0;
    int m_bad = 0;
    int m_noData = 0;
};

} // namespace cc
