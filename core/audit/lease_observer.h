#pragma once
// Reads the tenant's leader lease from the shared store every kPollMs, for a
// console that wants to know whether a service leads (LeaseObservation). It
// never takes or renews the lease. Lives in a worker thread of its owner's
// (its database calls block, each for at most kCallDeadlineMs); start() and
// stop() are called there (queued), observed() is emitted on every change.

#include "audit/lease_observation.h"

#include <QObject>
#include <QString>

class QTimer;

namespace cc {

class LeaseObserver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeaseObserver)

public:
    static constexpr int kPollMs = 2000;
    static constexpr qint64 kCallDeadlineMs = 5000;

    // `tenant`: the profile's budget key, as `cxonectl monitor --leader-lease` names the lease.
    LeaseObserver(const QString &storeUrl, const QString &tenant, QObject *parent = nullptr);
    ~LeaseObserver() override;

    void start();
    void stop();

signals:
    void observed(const cc::LeaseObservation &observation);

private:
    void poll();
    LeaseObservation read();

    QString m_url;
    QString m_tenant;
    QString m_connectionName;
    QTimer *m_timer = nullptr;
    LeaseObservation m_last;
    bool m_reported = false;
};

} // namespace cc
