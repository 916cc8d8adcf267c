#include "audit/lease_observer.h"

#include "audit/audit_database_url.h"
#include "audit/audit_postgres.h"
#include "audit/postgres_call_deadline.h"
#include "audit/sqlite_file.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QVariant>

namespace cc {

LeaseObserver::LeaseObserver(const QString &storeUrl, const QString &tenant, QObject *parent)
    : QObject(parent)
    , m_url(storeUrl)
    , m_tenant(tenant)
{
    m_connectionName = nextSqlConnectionName(QStringLiteral("cc-lease-observer"));
    qRegisterMetaType<cc::LeaseObservation>();
}

LeaseObserver::~LeaseObserver()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        { QSqlDatabase::database(m_connectionName, false).close(); }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

void LeaseObserver::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(kPollMs);
        connect(m_timer, &QTimer::timeout, this, &LeaseObserver::poll);
    }
    m_timer->start();
    poll();
}

void LeaseObserver::stop()
{
    if (m_timer)
        m_timer->stop();
}

void LeaseObserver::poll()
{
    const LeaseObservation observation = read();
    if (m_reported && observation == m_last)
        return;
    m_reported = true;
    m_last = observation;
    emit observed(observation);
}

LeaseObservation LeaseObserver::read()
{
    LeaseObservation observation;
    if (!QSqlDatabase::contains(m_connectionName)) {
        const std::optional<PostgresLocation> location = parsePostgresUrl(m_url, &observation.error);
        if (!location)
            return observation;
        if (!openPostgresAuditConnection(m_connectionName, *location, &observation.error)) {
            QSqlDatabase::removeDatabase(m_connectionName);
            return observation;
        }
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen() && !db.open()) {
        observation.error = db.lastError().text().trimmed();
        return observation;
    }
    PostgresCallDeadline deadline(db, kCallDeadlineMs);
    QSqlQuery query(db);
    const bool ok = query.exec(QStringLiteral("SELECT to_regclass('monitor_lease') IS NOT NULL"));
    if (ok && query.next() && !query.value(0).toBool()) {
        observation.state = LeaseObservation::State::None;
        return observation;
    }
    query.finish();
    if (ok && query.prepare(QStringLiteral("SELECT holder, term, leader_since, expires_at, expires_at > clock_timestamp()"
                                           " FROM monitor_lease WHERE tenant = ?"))) {
        query.addBindValue(m_tenant);
        if (query.exec()) {
            if (!query.next()) {
                observation.state = LeaseObservation::State::None;
                return observation;
            }
            observation.holder = query.value(0).toString();
            observation.term = query.value(1).toLongLong();
            observation.leaderSince = query.value(2).toDateTime().toUTC();
            observation.expiresAt = query.value(3).toDateTime().toUTC();
            observation.state = query.value(4).toBool() ? LeaseObservation::State::Held : LeaseObservation::State::Lapsed;
            return observation;
        }
    }
    observation.error = deadline.expired()
        ? QStringLiteral("the shared store did not answer within %1 s").arg(kCallDeadlineMs / 1000)
        : query.lastError().text().trimmed();
    db.close();   // maybe cut: a new connection at the next poll
    return observation;
}

} // namespace cc
