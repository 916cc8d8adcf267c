#pragma once
// The tenant's leader lease in the shared PostgreSQL store, so that of several
// monitors on one tenant exactly one acts: a row per tenant with its holder, an
// expiry set by the database's clock and a term that increases at every change
// of holder. The holder renews it every lease/5 (3 s for the default 15 s);
// the others try as often, and again right after the expiry the row shows, so
// a standby takes over within the lease once the leader stops renewing (killed,
// paused, cut off).
//
// Safety: the row is only taken when the database's own clock says it expired;
// the holder counts on it only until the renewal's send time plus the lease
// minus a margin on its own monotonic clock (LeaseFence), which is before any
// expiry the database can have set. Blocking database calls: the owner's thread
// (cxonectl's), never a UI thread.

#include "audit/lease_fence.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace cc {

class LeaderLease final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeaderLease)

public:
    static constexpr qint64 kDefaultLeaseMs = 15000;

    LeaderLease(const QString &storeUrl, const QString &tenant, qint64 leaseMs, QObject *parent = nullptr);
    ~LeaderLease() override;

    // Connects and makes the lease table; false with a message.
    bool open(QString *error);
    // The first attempt now, then on the timer.
    void start();
    // Gives the lease up (a clean stop): the standby takes over at once.
    void release();

    std::shared_ptr<LeaseFence> fence() const { return m_fence; }
    QString holderId() const { return m_holderId; }
    bool isLeader() const { return m_leader; }
    qint64 term() const { return m_term; }
    QString leaderHolder() const { return m_leaderHolder; }
    QDateTime leaderSince() const { return m_leaderSince; }
    qint64 leaseMs() const { return m_leaseMs; }
    qint64 marginMs() const { return m_marginMs; }

signals:
    // On every change: this monitor leads (term), or stands by (holder, term of the leader).
    void leadershipChanged(bool leader, qint64 term, const QString &holder, const QDateTime &since);
    // A renewal or an attempt failed (the database unreachable...): said once until one succeeds.
    void attemptFailed(const QString &error);

private:
    void attempt();
    void becomeStandby(qint64 term, const QString &holder, const QDateTime &since);
    void scheduleNext(qint64 delayMs);

    QString m_url;
    QString m_tenant;
    qint64 m_leaseMs;
    qint64 m_marginMs;
    qint64 m_renewMs;
    QString m_connectionName;
    QString m_holderId;
    std::shared_ptr<LeaseFence> m_fence = std::make_shared<LeaseFence>();
    QTimer m_timer;
    QTimer m_lossTimer;        // fires when the fence's moment passes without a renewal
    bool m_leader = false;
    bool m_failing = false;
    bool m_reported = false;
    qint64 m_term = 0;
    QString m_leaderHolder;
    QDateTime m_leaderSince;
};

} // namespace cc
