#pragma once
// The console's window: pages (Channels, Dashboard, Quality, Audit, Alarms) in a side
// list, the File / Channel / Help menus and a toolbar over the same actions, and
// a status bar with the tenant, the token's remaining life, the API budget left
// this minute, the monitor's state and the pending exports. It owns the client
// of the connected profile and hands it to the pages; nothing here waits on the
// network.

#include "profile_store.h"

#include "model/channel.h"
#include "monitor/monitor_event.h"
#include "monitor/monitor_snapshot.h"
#include "monitor/probe_rtt_history.h"
#include "session/tenant_session.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QMessageBox;
class QStackedWidget;
class QTimer;

namespace cc {
class ApiClient;
class AuditLog;
class AuditJob;
class Monitor;
}

namespace cc::ui {

class AlarmsController;
class AlarmsPage;
class ChannelActions;
class AuditPage;
class ChannelsPage;
class ConnectionStatus;
class DashboardPage;
class QualityPage;
class ServiceLeaseBanner;
class SharedTrailSession;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Page { Channels, Dashboard, Quality, Audit, Alarms };
    static constexpr int kPageCount = 5;
    Q_ENUM(Page)

    // `profiles` and `audit` are not owned; `audit` may be null (then nothing is
    // recorded and the audit actions say why).
    MainWindow(ProfileStore *profiles, AuditLog *audit, QWidget *parent = nullptr);
    ~MainWindow() override;

    // A plain, always visible line above the pages (demo mode says the data is
    // simulated here).
    void setBanner(const QString &text);
    // Connects with a complete profile (secrets included): a new client, the
    // channels loaded, the status bar filled. Not saved anywhere.
    void connectWith(const StoredProfile &profile);
    // Connects with a saved profile, reading its secrets from the keychain and
    // asking for any that are missing (kept in memory for this run only).
    void connectToSavedProfile(const QString &name);

    ApiClient *client() const { return m_session ? m_session->client() : nullptr; }
    std::optional<StoredProfile> connectedProfile() const { return m_profile; }
    ChannelsPage *channelsPage() const { return m_channelsPage; }
    DashboardPage *dashboardPage() const { return m_dashboardPage; }
    QualityPage *qualityPage() const { return m_qualityPage; }
    AuditPage *auditPage() const { return m_auditPage; }
    AlarmsPage *alarmsPage() const { return m_alarmsPage; }
    AlarmsController *alarms() const { return m_alarms; }
    QWidget *page(Page page) const;
    void showPage(Page page);
    Page currentPage() const;
    // New, Edit, Duplicate, Delete, Fail over, Fail back: what the Channel menu,
    // the toolbar and the pages' requests run.
    ChannelActions *channelActions() const { return m_channelActions; }

    // The channel's history window (events over its quality chart, its last readings).
    class ChannelHistoryDialog *openHistory(const QString &id);
    void setFailoverPaused(bool paused);
    // View > Wall screen (F11): the dashboard's channels full screen, problems first.
    class WallScreen *openWallScreen();
    // The monitor of the connected tenant (null when not connected).
    Monitor *monitor() const { return m_session ? m_session->monitor() : nullptr; }
    MonitorSnapshotPtr lastSnapshot() const { return m_snapshot; }

signals:
    void connected(const QString &profileName);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenusAndToolbar();
    void createStatusBar();
    void updateActions();
    void openProfilesDialog();
    void populateSwitchMenu();
    void askForSecretsThenConnect(const QString &name, QList<ProfileStore::Secret> missing);
    void exportAuditCsv();
    void showAbout();
    void onSnapshot(const MonitorSnapshotPtr &snapshot);
    void onMonitorEvent(const MonitorEvent &event);
    // The channel selected in the page in view (Channels: the table; Dashboard: the tile).
    QString channelInView() const;
    void focusFilter();
    bool automaticFailoverRuns() const;
    void askBeforeQuit();
    void record(const QString &eventType, const QString &channelId, const QJsonObject &details);
    QString channelLabel(const QString &id) const;
    void readSettings();
    void writeSettings() const;

    ProfileStore *m_profiles;
    QPointer<AuditLog> m_defaultAudit;   // this computer's file, given at start
    // The connected profile's own store (issue 16); declared before what refers to its log.
    std::unique_ptr<SharedTrailSession> m_shared;
    QPointer<AuditLog> m_audit;          // where entries go now: the profile's store, else the default
    ServiceLeaseBanner *m_leaseBanner = nullptr;
    std::unique_ptr<TenantSession> m_session;   // the connection: client, monitor, outbox
    MonitorSnapshotPtr m_snapshot;
    ProbeRttHistory m_probeHistory;   // the SIP probe's answers per channel, for the history
    QPointer<AuditJob> m_auditJob;
    std::optional<StoredProfile> m_profile;

    QLabel *m_banner = nullptr;
    QListWidget *m_pageList = nullptr;
    QStackedWidget *m_pages = nullptr;
    ChannelsPage *m_channelsPage = nullptr;
    DashboardPage *m_dashboardPage = nullptr;
    QualityPage *m_qualityPage = nullptr;
    AuditPage *m_auditPage = nullptr;
    AlarmsPage *m_alarmsPage = nullptr;
    AlarmsController *m_alarms = nullptr;
    ChannelActions *m_channelActions = nullptr;   // New, Edit, Duplicate, Delete, Fail over, Fail back   // the tenant's alarms: title, status bar, notifications
    QMenu *m_switchMenu = nullptr;
    QMenu *m_channelMenu = nullptr;

    ConnectionStatus *m_connectionStatus = nullptr;   // the status bar's connection fields

    QAction *m_connectAction = nullptr;
    QAction *m_exportAuditAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_historyAction = nullptr;
    QAction *m_failoverAction = nullptr;
    QAction *m_failbackAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QList<QAction *> m_pageActions;
    QAction *m_findAction = nullptr;
    QAction *m_wallAction = nullptr;
    QPointer<class WallScreen> m_wall;
    bool m_quitConfirmed = false;
};

} // namespace cc::ui
