#include "audit/leader_lease.h"

#include "audit/audit_database_url.h"
#include "audit/audit_logging.h"
#include "audit/audit_postgres.h"
#include "audit/postgres_call_deadline.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <optional>

namespace cc {

namespace {

// pg_advisory_xact_lock key while the lease table is made ("cclease" in ASCII).
constexpr qint64 kTableLockKey = 0x63636c65617365LL;

QString sqlProblem(const QString &what, const QSqlQuery &query)
{
    return what + QStringLiteral(": ") + query.lastError().text().trimmed();
}

// The deadline of one lease statement: a renewal that takes longer than a
// third of the lease is no use (the fence counts from its send time), and a
// database that stopped answering must not hold the monitor's thread.
qint64 statementDeadlineMs(qint64 leaseMs)
{
    return std::max<qint64>(1000, leaseMs / 3);
}

QString cutProblem(const QString &what, const QSqlQuery &query, const PostgresCallDeadline &deadline)
{
    if (!deadline.expired())
        return sqlProblem(what, query);
    return QStringLiteral("%1: the database did not answer within %2 ms, so the connection was cut")
        .arg(what)
        .arg(deadline.deadlineMs());
}

} // namespace

LeaderLease::LeaderLease(const QString &storeUrl, const QString &tenant, qint64 leaseMs, QObject *parent)
    : QObject(parent)
    , m_url(storeUrl)
    , m_tenant(tenant)
    , m_leaseMs(std::max<qint64>(3000, leaseMs))
    // The margin covers the two clocks' rates and the renewal's travel time.
    , m_marginMs(std::max<qint64>(1000, m_leaseMs / 5))
    , m_renewMs(std::max<qint64>(500, m_leaseMs / 5))
    , m_holderId(QStringLiteral("%1:%2:%3")
                     .arg(QHostInfo::localHostName())
                     .arg(QCoreApplication::applicationPid())
                     .arg(QUuid::createUuid().toString(QUuid::Id128).left(8)))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &LeaderLease::attempt);
    m_lossTimer.setSingleShot(true);
    connect(&m_lossTimer, &QTimer::timeout, this, [this] {
        if (m_leader && !m_fence->mayAct())
            becomeStandby(m_term, QString(), QDateTime());
    });
}

LeaderLease::~LeaderLease()
{
    if (!m_connectionName.isEmpty()) {
        { QSqlDatabase::database(m_connectionName, false).close(); }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool LeaderLease::open(QString *error)
{
    std::optional<PostgresLocation> location = parsePostgresUrl(m_url, error);
    if (!location)
        return false;
    // Reconnecting after a failure happens on the monitor's thread at every
    // attempt: it gets the statements' deadline (libpq counts whole seconds,
    // at least 2), not the 10 s an audit writer may wait.
    QStringList options = location->connectOptions.split(QLatin1Char(';'));
    int connectSeconds = static_cast<int>(std::max<qint64>(2, statementDeadlineMs(m_leaseMs) / 1000));
    for (auto it = options.begin(); it != options.end();) {
        if (it->startsWith(QLatin1String("connect_timeout="))) {
            connectSeconds = std::min(connectSeconds, std::max(2, it->mid(16).toInt()));
            it = options.erase(it);
        } else {
            ++it;
        }
    }
    options.append(QStringLiteral("connect_timeout=%1").arg(connectSeconds));
    location->connectOptions = options.join(QLatin1Char(';'));
    m_connectionName = QStringLiteral("cc-lease-%1").arg(m_holderId);
    if (!openPostgresAuditConnection(m_connectionName, *location, error))
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    PostgresCallDeadline deadline(db, 30000);
    const QStringList steps{
        QStringLiteral("BEGIN"),
        QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kTableLockKey),
        QStringLiteral("CREATE TABLE IF NOT EXISTS monitor_lease ("
                       " tenant TEXT PRIMARY KEY,"
                       " holder TEXT NOT NULL,"
                       " term BIGINT NOT NULL,"
                       " expires_at TIMESTAMPTZ NOT NULL,"
                       " leader_since TIMESTAMPTZ NOT NULL)"),
        QStringLiteral("COMMIT")};
    for (const QString &sql : steps) {
        if (!query.exec(sql)) {
            if (error)
                *error = sqlProblem(QStringLiteral("cannot make the lease table in %1").arg(location->displayUrl()), query);
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return false;
        }
    }
    return true;
}

void LeaderLease::start()
{
    attempt();
}

void LeaderLease::scheduleNext(qint64 delayMs)
{
    m_timer.start(static_cast<int>(std::clamp<qint64>(delayMs, 50, m_renewMs)));
}

void LeaderLease::attempt()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // After a failure the connection was closed: open it again (10 s at most).
    if (!db.isOpen() && !db.open()) {
        if (!m_failing) {
            m_failing = true;
            emit attemptFailed(QStringLiteral("the leader lease could not be renewed: ") + db.lastError().text().trimmed());
        }
        if (m_leader && !m_fence->mayAct())
            becomeStandby(m_term, QString(), QDateTime());
        scheduleNext(m_renewMs);
        return;
    }
    // Sent before the database sets the expiry: the fence's moment counts from here.
    const qint64 sentMs = LeaseFence::nowMs();
    bool taken = false;
    QString problem;
    std::optional<PostgresCallDeadline> deadline(std::in_place, db, statementDeadlineMs(m_leaseMs));
    QSqlQuery take(db);
    // One statement: take the row when it is ours or the database's clock says
    // it expired; the term goes up whenever the holder changes or had lapsed.
    take.prepare(QStringLiteral(
        "INSERT INTO monitor_lease AS l (tenant, holder, term, expires_at, leader_since)"
        " VALUES (:tenant, :holder, 1, clock_timestamp() + CAST(:lease AS DOUBLE PRECISION) * interval '1 millisecond', clock_timestamp())"
        " ON CONFLICT (tenant) DO UPDATE SET"
        "  term = CASE WHEN l.holder = EXCLUDED.holder AND l.expires_at > clock_timestamp() THEN l.term ELSE l.term + 1 END,"
        "  leader_since = CASE WHEN l.holder = EXCLUDED.holder AND l.expires_at > clock_timestamp() THEN l.leader_since"
        "                 ELSE clock_timestamp() END,"
        "  holder = EXCLUDED.holder,"
        "  expires_at = EXCLUDED.expires_at"
        " WHERE l.holder = EXCLUDED.holder OR l.expires_at <= clock_timestamp()"
        " RETURNING term, leader_since"));
    take.bindValue(QStringLiteral(":tenant"), m_tenant);
    take.bindValue(QStringLiteral(":holder"), m_holderId);
    take.bindValue(QStringLiteral(":lease"), m_leaseMs);
    taken = take.exec();
    if (!taken)
        problem = cutProblem(QStringLiteral("the leader lease could not be renewed"), take, *deadline);
    deadline.reset();
    if (!taken) {
        if (!m_failing) {
            m_failing = true;
            emit attemptFailed(problem);
        }
        // The fence stops the acting by itself; the loss timer says so.
        if (m_leader && !m_fence->mayAct())
            becomeStandby(m_term, QString(), QDateTime());
        db.close();   // reconnects at the next attempt
        scheduleNext(m_renewMs);
        return;
    }
    m_failing = false;
    if (take.next()) {
        const qint64 term = take.value(0).toLongLong();
        const QDateTime since = take.value(1).toDateTime().toUTC();
        m_fence->grant(term, sentMs + m_leaseMs - m_marginMs);
        m_lossTimer.start(static_cast<int>(m_leaseMs - m_marginMs));
        const bool changed = !m_leader || term != m_term || !m_reported;
        m_leader = true;
        m_term = term;
        m_leaderHolder = m_holderId;
        m_leaderSince = since;
        m_reported = true;
        if (changed)
            emit leadershipChanged(true, term, m_holderId, since);
        scheduleNext(m_renewMs);
        return;
    }
    take.finish();
    // Someone else holds it: watch, and try again just after its expiry.
    deadline.emplace(db, statementDeadlineMs(m_leaseMs));
    QSqlQuery holder(db);
    holder.prepare(QStringLiteral("SELECT holder, term, leader_since,"
                                  " CAST(EXTRACT(EPOCH FROM (expires_at - clock_timestamp())) * 1000 AS BIGINT)"
                                  " FROM monitor_lease WHERE tenant = :tenant"));
    holder.bindValue(QStringLiteral(":tenant"), m_tenant);
    qint64 untilExpiryMs = m_renewMs;
    const bool read = holder.exec();
    deadline.reset();
    if (!read)
        db.close();   // maybe cut: a new connection at the next attempt
    if (read && holder.next()) {
        becomeStandby(holder.value(1).toLongLong(), holder.value(0).toString(), holder.value(2).toDateTime().toUTC());
        untilExpiryMs = holder.value(3).toLongLong() + 20;
    }
    scheduleNext(untilExpiryMs);
}

void LeaderLease::becomeStandby(qint64 term, const QString &holder, const QDateTime &since)
{
    m_fence->revoke();
    m_lossTimer.stop();
    const bool changed = m_leader || !m_reported || (!holder.isEmpty() && (holder != m_leaderHolder || term != m_term));
    m_leader = false;
    m_term = term;
    if (!holder.isEmpty()) {
        m_leaderHolder = holder;
        m_leaderSince = since;
    }
    m_reported = true;
    if (changed)
        emit leadershipChanged(false, term, m_leaderHolder, m_leaderSince);
}

void LeaderLease::release()
{
    m_timer.stop();
    m_lossTimer.stop();
    m_fence->revoke();
    if (!m_leader)
        return;
    m_leader = false;
    QSqlQuery give(QSqlDatabase::database(m_connectionName, false));
    give.prepare(QStringLiteral("UPDATE monitor_lease SET expires_at = clock_timestamp()"
                                " WHERE tenant = :tenant AND holder = :holder"));
    give.bindValue(QStringLiteral(":tenant"), m_tenant);
    give.bindValue(QStringLiteral(":holder"), m_holderId);
    PostgresCallDeadline deadline(QSqlDatabase::database(m_connectionName, false), statementDeadlineMs(m_leaseMs));
    if (!give.exec())
        qCWarning(lcAudit) << "the leader lease could not be released; it expires on its own:" << give.lastError().text();
}

} // namespace cc
