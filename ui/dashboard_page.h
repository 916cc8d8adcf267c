#pragma once
// The Dashboard page: a tile per channel (ChannelTileModel painted by
// ChannelTileDelegate in an icon-mode list, filtered and sorted by a proxy), the
// feed of recent monitor events beside it, and the failover controls. Fed by
// the connected monitor's snapshots and events; one timer repaints what changed
// since the last tick. A new alarm raises a desktop notification where a
// system tray exists (else a bar on the page), unless turned off (remembered).
//
// Pausing and resuming automatic failover ask for confirmation and go through
// the monitor, whose events the audit bridge records. Fail over and fail back
// are the window's actions (with their own confirmation): the page asks for them
// with failoverRequested / failbackRequested.

#include "alarms/alarm.h"
#include "monitor/monitor_event.h"
#include "monitor/monitor_snapshot.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QListView;
class QMessageBox;
class QSortFilterProxyModel;
class QTimer;

namespace cc {
class AuditGate;
class Monitor;
}

namespace cc::ui {

class BurstNotifier;
class ChannelTileModel;
class StatusGridView;
class EventFeedModel;

namespace Ui {
class DashboardPage;
}

class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    enum class Order { WorstFirst, ByName };
    Q_ENUM(Order)
    // Automatic: the status grid when more channels are shown than tiles fit
    // well (kTilesUpTo), the tiles otherwise.
    enum class View { Automatic, Grid, Tiles };
    Q_ENUM(View)
    static constexpr int kTilesUpTo = 48;

    // How often dirty tiles are repainted; staleness is judged every second.
    static constexpr int kRepaintIntervalMs = 200;

    explicit DashboardPage(QWidget *parent = nullptr);
    ~DashboardPage() override;

    // The connected tenant's monitor (not owned; null when not connected). Its
    // snapshots and events feed the page from then on.
    void setMonitor(Monitor *monitor);
    // Pausing and resuming are refused while the audit trail cannot take their entry.
    void setAuditGate(std::shared_ptr<AuditGate> gate) { m_auditGate = std::move(gate); }
    // A strip of the window's above the controls (a monitor service's lease).
    void addTopStrip(QWidget *strip);
    void applySnapshot(const MonitorSnapshotPtr &snapshot);
    void addEvent(const MonitorEvent &event);
    void addEvents(const MonitorEventList &events);
    // Sends the pending repaint now instead of at the next tick.
    void flush();

    ChannelTileModel *model() const { return m_model; }
    EventFeedModel *feed() const { return m_feed; }
    QListView *tileView() const;
    StatusGridView *gridView() const;
    // The view the user chose, and whether the grid is what shows now.
    View view() const;
    void setView(View view);
    bool showsGrid() const;
    QString currentChannelId() const;
    void selectChannel(const QString &id);
    void setOrder(Order order);

    // Each asks for confirmation first (an open QMessageBox), then tells the monitor.
    void requestPauseAll(bool paused);
    void requestPauseChannel(const QString &channelId, bool paused);

    bool notificationsEnabled() const { return m_notify; }
    // Alarms that newly ask for a person (raised, or back from a shelf): one
    // notification per burst. Acknowledged and shelved ones are never passed.
    void notifyNewAlarms(const QList<cc::Alarm> &alarms);
    void setNotificationsEnabled(bool enabled);

signals:
    // A double-click on a grid cell (or Enter on it), on a tile not failed over,
    // or on a line of the feed (or Enter on it).
    void historyRequested(const QString &channelId);
    void failoverRequested(const QString &channelId);
    void failbackRequested(const QString &channelId);
    // Every notification (one per burst), in the tray or, without one, the window's banner.
    void notified(const QString &title, const QString &message);

private:
    void onTick();
    void updateControls();
    void updateView();
    void updateLegend();
    void setCurrentChannel(const QString &id);
    void updateSummary();
    // One notification for a burst: in the tray, or without one in the banner.
    void showNotification(const QString &title, const QString &message);
    QMessageBox *confirm(const QString &objectName, const QString &title, const QString &text, const QString &yes);

    QPointer<Monitor> m_monitor;
    std::shared_ptr<AuditGate> m_auditGate;
    ChannelTileModel *m_model;
    EventFeedModel *m_feed;
    QSortFilterProxyModel *m_proxy;
    // The form; where no system tray exists, notifications show in its bar.
    std::unique_ptr<Ui::DashboardPage> m_ui;
    QString m_currentId;
    QSortFilterProxyModel *m_feedProxy;
    QTimer *m_repaint;
    BurstNotifier *m_notifier = nullptr;
    bool m_notify = true;
    bool m_namesDirty = false;
    int m_ticks = 0;
};

} // namespace cc::ui
