#include "audit/lease_observation.h"

#include <QCoreApplication>

namespace cc {

namespace {

QString timeText(const QDateTime &time)
{
    if (!time.isValid())
        return QCoreApplication::translate("cc::LeaseObservation", "an unknown time");
    const QDateTime local = time.toLocalTime();
    // Today: the time alone; otherwise the date too.
    return local.date() == QDate::currentDate() ? local.toString(QStringLiteral("HH:mm:ss"))
                                                : local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

QString LeaseObservation::host() const
{
    return holder.section(QLatin1Char(':'), 0, 0);
}

bool LeaseObservation::operator==(const LeaseObservation &other) const
{
    return state == other.state && holder == other.holder && term == other.term && leaderSince == other.leaderSince
        && error == other.error;
}

QString describeLease(const LeaseObservation &observation)
{
    switch (observation.state) {
    case LeaseObservation::State::Held:
        return QCoreApplication::translate("cc::LeaseObservation", "Automatic failover by the service on %1 (leader since %2)")
            .arg(observation.host(), timeText(observation.leaderSince));
    case LeaseObservation::State::Lapsed:
        return QCoreApplication::translate("cc::LeaseObservation",
                                           "The service on %1 stopped leading: its lease lapsed at %2 and no monitor holds it")
            .arg(observation.host(), timeText(observation.expiresAt));
    case LeaseObservation::State::None:
        return QCoreApplication::translate("cc::LeaseObservation", "No service leads this tenant");
    case LeaseObservation::State::Unknown:
        return QCoreApplication::translate("cc::LeaseObservation", "Whether a service leads is not known: %1")
            .arg(observation.error);
    }
    return QString();
}

} // namespace cc
