#pragma once
// What a console does about a monitor service on its tenant, from what it sees
// of the leader lease (LeaseObservation): while a service holds the lease the
// console's own monitor watches and defers automatic failover to it; when the
// service's lease lapses the console says so and keeps deferring, because
// silently taking over would make two engines the moment the service returns:
// it acts again only once the operator resumes it here. A service that leads
// again makes the console defer again. Manual actions are never affected.
// Plain logic, no threads or widgets: the console feeds it each observation.

#include "audit/lease_observation.h"

namespace cc {

class ServiceLeaseFollower final
{
public:
    enum class Stance {
        Acting,      // no service leads (or the operator resumed): the console's own automatic failover runs
        Deferring,   // a service leads, or led and the operator has not resumed
    };

    // What observe() found changed, for the console to act on and say.
    struct Change
    {
        bool startedDeferring = false;   // pause the console's automatic failover now
        bool serviceLapsed = false;      // say that the service stopped leading
        bool serviceReturned = false;    // a service leads again after a lapse
    };

    Change observe(const LeaseObservation &observation);
    // The operator lets this console fail over by itself again.
    void resume();

    // Deferring until the first observation: a console does not act in the
    // moment before it knows whether a service leads.
    Stance stance() const { return m_observed ? m_stance : Stance::Deferring; }
    bool serviceLeads() const { return m_last.state == LeaseObservation::State::Held; }
    // Whether a service has led during this session (the banner stays until the operator resumes).
    bool serviceSeen() const { return m_seen; }
    const LeaseObservation &last() const { return m_last; }
    // The sentence for the status bar and the dashboard; empty when no service is concerned.
    QString statusText() const;

private:
    LeaseObservation m_last;
    Stance m_stance = Stance::Acting;
    bool m_seen = false;
    bool m_lapsed = false;
    bool m_observed = false;
};

} // namespace cc
