#pragma once
// What a console sees of the tenant's leader lease in the shared store (the
// row `cxonectl monitor --leader-lease` holds): who holds it, since when, and
// whether it is still live by the database's clock. The console does not take
// part in the lease: while a service holds it, the console's monitor watches
// and leaves automatic failover to the service; when the lease lapses the
// console says so and acts again only once the operator resumes it.

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace cc {

struct LeaseObservation
{
    enum class State {
        Unknown,   // the lease could not be read (error says why)
        None,      // no monitor has ever held this tenant's lease
        Held,      // held and live by the database's clock
        Lapsed,    // its holder stopped renewing it (stopped, killed, cut off)
    };

    State state = State::Unknown;
    QString holder;              // "host:pid:random", as the service names itself
    qint64 term = 0;
    QDateTime leaderSince;       // UTC, the database's clock
    QDateTime expiresAt;         // UTC, the database's clock
    QString error;

    // The holder's host name ("noc-1" of "noc-1:4242:a1b2c3d4").
    QString host() const;
    bool operator==(const LeaseObservation &other) const;
    bool operator!=(const LeaseObservation &other) const { return !(*this == other); }
};

// "Automatic failover by the service on noc-1 (leader since 10:42)", and the
// lapsed and unknown cases in words; the time in local time, as the window shows it.
QString describeLease(const LeaseObservation &observation);

} // namespace cc

Q_DECLARE_METATYPE(cc::LeaseObservation)
