#pragma once
// Whether a channel's two verdicts, the tenant's and the SIP probe's, have
// disagreed for long enough to be an alarm: one says up while the other says
// down (either way round). That is what a NOC most needs to see: a tenant
// that calls a dead trunk healthy, or a trunk the tenant gave up on that still
// answers. Unknown on either side is no disagreement. Pure; time is handed in.

#include "monitor/health_state.h"
#include "sip/probe_health_state.h"

#include <QDateTime>

namespace cc {

class ProbeDisagreement final
{
public:
    enum class Change { None, Raised, Cleared };

    // Feeds both verdicts as of `now`; a disagreement is raised once it has
    // lasted `afterMs`, and cleared when it ends (or turns the other way round).
    Change update(HealthState tenant, ProbeHealth probe, const QDateTime &now, qint64 afterMs);

    bool isRaised() const { return m_raised; }
    bool isDisagreeing() const { return m_since.isValid(); }
    // When the current disagreement began (invalid when there is none).
    QDateTime since() const { return m_since; }
    // True when the tenant is the one saying up (the probe says down).
    bool tenantSaysUp() const { return m_tenantUp; }

private:
    QDateTime m_since;
    bool m_tenantUp = false;
    bool m_raised = false;
};

} // namespace cc
