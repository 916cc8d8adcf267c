#pragma once
// The window's part of the alarms, out of MainWindow: it runs the connected
// tenant's AlarmKeeper (fed by the monitor's snapshots, stored beside the audit
// trail), hands it to the Alarms page, and shows the count of unacknowledged
// alarms where a NOC engineer looks: the window title ("3 alarms — NOC tenant
// — Channel Console"), a button in the status bar (which opens the page) and
// the wall screen's headline. It notifies (through the dashboard's desktop or
// in-window path) only for alarms that newly ask for a person: raised, or back
// from a shelf; never again for one acknowledged or shelved.

#include "alarms/alarm.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <memory>

class QMainWindow;
class QTimer;
class QToolButton;

namespace cc {
class AlarmKeeper;
class AuditLog;
class Monitor;
struct MonitorSettings;
}

namespace cc::ui {

class AlarmsPage;
class DashboardPage;
class WallScreen;

class AlarmsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmsController)

public:
    AlarmsController(QMainWindow *window, AlarmsPage *page, DashboardPage *dashboard, QObject *parent = nullptr);
    ~AlarmsController() override;

    // The connected tenant: its monitor, its key and name, and the audit trail
    // (null or not open: none usable; the alarms are then kept in memory only).
    // The alarms are stored beside the trail, and its listeners (the Audit
    // page, the export outbox) hear of the entries the alarms write.
    void connectTo(Monitor *monitor, const QString &tenantKey, const QString &tenant, const MonitorSettings &settings,
                   AuditLog *audit);
    // Stops the keeper (before the monitor it listens to goes).
    void disconnectFromMonitor();
    // False while a monitor service keeps the tenant's alarms in the shared
    // trail: this console then shows and acts on them but does not judge its
    // own monitor's snapshots (AlarmKeeper::setJudging).
    void setJudging(bool judging);
    void setWallScreen(WallScreen *wall);

    AlarmKeeper *keeper() const { return m_keeper.get(); }
    int unacknowledged() const { return m_unacknowledged; }

signals:
    // The status bar's alarm button was clicked: show the Alarms page.
    void showAlarmsRequested();

private:
    void onAlarms(const cc::AlarmSetPtr &set);
    void refresh();
    void updateTitleAndStatus();

    // The window's widgets may go before this (its children are deleted in order).
    QPointer<QMainWindow> m_window;
    QPointer<AlarmsPage> m_page;
    QPointer<DashboardPage> m_dashboard;
    QPointer<QToolButton> m_statusButton;
    QTimer *m_tick;
    QPointer<WallScreen> m_wall;
    std::unique_ptr<AlarmKeeper> m_keeper;
    bool m_judging = true;
    AlarmSetPtr m_set;
    QString m_tenant;
    int m_unacknowledged = 0;
    // Alarms already announced, and those last seen shelved (announced again when they come back).
    QSet<qint64> m_announced;
    QSet<qint64> m_shelved;
};

} // namespace cc::ui
