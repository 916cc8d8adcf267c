#pragma once
// A channel's health as the monitor judges it, and one reading of it. The
// tenant's own status is an input; the health state is the monitor's verdict
// after hysteresis (health_state_machine.h).

#include <QString>

namespace cc {

enum class HealthState { Unknown, Up, Down };

// One observation: Good (healthy), Bad (degraded, unhealthy, or quality below
// its thresholds when that rule is on) or NoData (nothing to judge by).
enum class HealthReading { Good, Bad, NoData };

// "unknown", "up", "down": stable names for events, JSON and the UI.
QString healthStateName(HealthState state);
QString healthReadingName(HealthReading reading);

} // namespace cc
