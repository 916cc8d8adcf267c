#include "audit/service_lease_follower.h"

#include <QCoreApplication>

namespace cc {

ServiceLeaseFollower::Change ServiceLeaseFollower::observe(const LeaseObservation &observation)
{
    Change change;
    const LeaseObservation previous = m_last;
    m_last = observation;
    m_observed = true;
    switch (observation.state) {
    case LeaseObservation::State::Held: {
        // A new leader (or the same one after a lapse) is deferred to again,
        // even after the operator resumed: one engine acts, not two.
        const bool newLeadership = previous.state != LeaseObservation::State::Held || previous.holder != observation.holder
            || previous.term != observation.term;
        if (m_stance == Stance::Acting || newLeadership) {
            change.startedDeferring = m_stance == Stance::Acting;
            m_stance = Stance::Deferring;
        }
        // A service leading again after one had stopped (whether or not the operator resumed meanwhile).
        change.serviceReturned = m_seen && previous.state != LeaseObservation::State::Held;
        m_lapsed = false;
        m_seen = true;
        break;
    }
    case LeaseObservation::State::Lapsed:
    case LeaseObservation::State::None:
        if (m_seen && !m_lapsed && m_stance == Stance::Deferring) {
            m_lapsed = true;
            change.serviceLapsed = true;
        }
        break;
    case LeaseObservation::State::Unknown:
        // Not knowing is no reason to start acting, nor to stop.
        break;
    }
    return change;
}

void ServiceLeaseFollower::resume()
{
    m_observed = true;
    m_stance = Stance::Acting;
    m_lapsed = false;
}

QString ServiceLeaseFollower::statusText() const
{
    if (!m_seen)
        return QString();
    const auto tr = [](const char *text) { return QCoreApplication::translate("cc::ServiceLeaseFollower", text); };
    switch (m_last.state) {
    case LeaseObservation::State::Held:
        if (m_stance == Stance::Acting)
            return describeLease(m_last) + tr("; this console fails over too (resumed here)");
        return describeLease(m_last);
    case LeaseObservation::State::Lapsed:
    case LeaseObservation::State::None:
        if (m_stance == Stance::Acting)
            return tr("No service leads: this console fails over by itself (resumed here)");
        return describeLease(m_last) + tr(". Automatic failover is paused in this console until you resume it here");
    case LeaseObservation::State::Unknown:
        if (m_stance == Stance::Acting)
            return describeLease(m_last) + tr("; this console fails over by itself (resumed here)");
        return describeLease(m_last);
    }
    return QString();
}

} // namespace cc
