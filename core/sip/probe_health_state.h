#pragma once
// The probe's verdict on one trunk (pure: no I/O; the time comes from the
// injected clock): Unknown until a run of results reaches a threshold, then Up
// or Down by ProbeHealthSettings. A result of the other kind breaks a run, so a
// trunk that fails every other probe is never taken down, and a down trunk that
// answers once is not up yet. Cancelled probes say nothing and are skipped.

#include "sip/probe_health_settings.h"
#include "sip/sip_probe_result.h"

#include "common/clock.h"

#include <QDateTime>

namespace cc {

enum class ProbeHealth { Unknown, Up, Down };

// "unknown", "up", "down".
QString probeHealthName(ProbeHealth health);

class ProbeHealthState final
{
public:
    ProbeHealthState(const ProbeHealthSettings &settings, const Clock &clock);

    // New thresholds apply from the next result; state and runs are kept.
    void setSettings(const ProbeHealthSettings &settings);
    const ProbeHealthSettings &settings() const { return m_settings; }

    // Feeds one result; true when the verdict changed.
    bool observe(const SipProbeResult &result);

    ProbeHealth health() const { return m_health; }
    // When the current verdict began (invalid before the first change).
    QDateTime since() const { return m_since; }
    int successRun() const { return m_successes; }
    int failureRun() const { return m_failures; }
    // Why the verdict is what it is: the result that decided it or the last one.
    QString lastSummary() const { return m_lastSummary; }

private:
    ProbeHealthSettings m_settings;
    const Clock &m_clock;
    ProbeHealth m_health = ProbeHealth::Unknown;
    QDateTime m_since;
    int m_successes = 0;
    int m_failures = 0;
    QString m_lastSummary;
};

} // namespace cc
