#include "sip/probe_health_state.h"

#include <algorithm>

namespace cc {

QString probeHealthName(ProbeHealth health)
{
    switch (health) {
    case ProbeHealth::Unknown: return QStringLiteral("unknown");
    case ProbeHealth::Up: return QStringLiteral("up");
    case ProbeHealth::Down: return QStringLiteral("down");
    }
    return QStringLiteral("unknown");
}

ProbeHealthState::ProbeHealthState(const ProbeHealthSettings &settings, const Clock &clock)
    : m_clock(clock)
{
    setSettings(settings);
}

void ProbeHealthState::setSettings(const ProbeHealthSettings &settings)
{
    m_settings = settings;
    // Under 1 a single result would need none: a threshold is at least one.
    m_settings.failuresBeforeDown = std::max(1, settings.failuresBeforeDown);
    m_settings.successesBeforeUp = std::max(1, settings.successesBeforeUp);
}

bool ProbeHealthState::observe(const SipProbeResult &result)
{
    if (result.outcome == SipProbeOutcome::Cancelled)
        return false;
    const ProbeHealth before = m_health;
    if (m_settings.countsAsUp(result)) {
        ++m_successes;
        m_failures = 0;
        if (m_successes >= m_settings.successesBeforeUp)
            m_health = ProbeHealth::Up;
    } else {
        ++m_failures;
        m_successes = 0;
        if (m_failures >= m_settings.failuresBeforeDown)
            m_health = ProbeHealth::Down;
    }
    m_lastSummary = result.summary();
    if (m_health == before)
        return false;
    m_since = m_clock.nowUtc();
    return true;
}

} // namespace cc
