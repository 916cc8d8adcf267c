#pragma once
// The connected profile's own audit store (issue 16), for as long as the
// window is connected with it: the profile's file, or the shared PostgreSQL
// trail (its password from the keychain, handed to libpq in memory only). With
// the shared trail it also watches the tenant's leader lease on a thread of its
// own (LeaseObserver) and, while a monitor service leads, keeps the console's
// monitor to watching: automatic failover off for this process and its
// observations left to the service to record (ServiceLeaseFollower). When the
// service's lease lapses the console says so and only acts again once the
// operator resumes it here. Manual actions go on, recorded in the shared trail.

#include "profile_store.h"

#include "audit/service_lease_follower.h"
#include "monitor/monitor_settings.h"

#include "common/owned_thread.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>

namespace cc {
class AuditLog;
class LeaseObserver;
class Monitor;
class MonitorAuditBridge;
}

namespace cc::ui {

class SharedTrailSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SharedTrailSession)

public:
    explicit SharedTrailSession(const StoredProfile &profile, QObject *parent = nullptr);
    ~SharedTrailSession() override;

    // The profile's trail (open, or not open with openError() saying why).
    AuditLog *log() const { return m_log.get(); }
    QString openError() const { return m_openError; }
    bool isShared() const { return m_shared; }

    // The console's monitor and its audit bridge, kept to watching while a service leads.
    void attach(Monitor *monitor, MonitorAuditBridge *bridge, const MonitorSettings &settings);
    // The operator lets this console fail over by itself again (recorded).
    void resumeHere();

    const ServiceLeaseFollower &follower() const { return m_follower; }
    // True while the console defers automatic failover to a service.
    // (Only with the shared trail, whose lease is watched; until its first
    // reading the console defers too.)
    bool defersToService() const
    {
        return m_observer != nullptr && m_follower.stance() == ServiceLeaseFollower::Stance::Deferring;
    }
    // What the window shows: the service's lease and, while the shared trail
    // does not take entries, that too.
    QString statusText() const;

signals:
    void leaseChanged();
    // A one-off sentence for the status bar: the service stopped or started leading.
    void leaseNews(const QString &text);

private:
    void onObserved(const cc::LeaseObservation &observation);
    void applyStance();

    QString m_tenant;
    QString m_profileName;
    bool m_shared = false;
    std::unique_ptr<AuditLog> m_log;
    QString m_openError;
    cc::OwnedThread m_thread;
    LeaseObserver *m_observer = nullptr;   // lives in m_thread, deleted when it finishes
    ServiceLeaseFollower m_follower;
    QPointer<Monitor> m_monitor;
    QPointer<MonitorAuditBridge> m_bridge;
    MonitorSettings m_settings;
    QString m_trailProblem;
    qint64 m_waiting = 0;
};

} // namespace cc::ui
