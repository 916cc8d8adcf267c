#include "monitor/probe_disagreement.h"

namespace cc {

ProbeDisagreement::Change ProbeDisagreement::update(HealthState tenant, ProbeHealth probe, const QDateTime &now,
                                                    qint64 afterMs)
{
    const bool tenantUpProbeDown = tenant == HealthState::Up && probe == ProbeHealth::Down;
    const bool tenantDownProbeUp = tenant == HealthState::Down && probe == ProbeHealth::Up;
    const bool disagreeing = tenantUpProbeDown || tenantDownProbeUp;
    Change change = Change::None;
    // Ended, or turned the other way round: the old one is over.
    if (m_since.isValid() && (!disagreeing || m_tenantUp != tenantUpProbeDown)) {
        if (m_raised)
            change = Change::Cleared;
        m_since = QDateTime();
        m_raised = false;
    }
    if (!disagreeing)
        return change;
    if (!m_since.isValid()) {
        m_since = now;
        m_tenantUp = tenantUpProbeDown;
    }
    if (!m_raised && change == Change::None && m_since.msecsTo(now) >= afterMs) {
        m_raised = true;
        return Change::Raised;
    }
    return change;
}

} // namespace cc
