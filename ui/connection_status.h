#pragma once
// The window's permanent status-bar fields for the connection: tenant, token
// life, API budget, monitor cadence and last cycle, export backlog. It follows
// the session it is given (its client's token and budget signals, its monitor's
// snapshots and failed cycles, its outbox) and a one-second timer for the
// token's remaining life; the window only hands it the session.

#include "monitor/monitor_snapshot.h"

#include <QObject>
#include <QPointer>

class QLabel;
class QStatusBar;
class QTimer;

namespace cc {
class TenantSession;
struct MonitorEvent;
}

namespace cc::ui {

class ConnectionStatus final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStatus)

public:
    // Adds its fields to `bar` as permanent widgets; `between` (may be null) is
    // put after the monitor's field (the service lease's).
    ConnectionStatus(QStatusBar *bar, QLabel *between, QObject *parent = nullptr);

    // Null: not connected. The session must outlive it or be replaced first.
    void setSession(TenantSession *session);
    void refresh();

private:
    void onSnapshot(const cc::MonitorSnapshotPtr &snapshot);
    void onEvent(const cc::MonitorEvent &event);
    void showTenant();
    void showToken();
    void showBudget();
    void showMonitor();
    void showExports();

    QPointer<TenantSession> m_session;
    MonitorSnapshotPtr m_snapshot;
    QString m_monitorProblem;   // the last failed cycle's reason, until a cycle succeeds
    QLabel *m_tenant;
    QLabel *m_token;
    QLabel *m_budget;
    QLabel *m_monitor;
    QLabel *m_exports;
    QTimer *m_tick;
};

} // namespace cc::ui
