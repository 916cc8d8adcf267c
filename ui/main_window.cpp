#include "main_window.h"

#include "cc_version.h"
#include "alarms_controller.h"
#include "alarms_page.h"
#include "audit_page.h"
#include "channel_actions.h"
#include "channel_history_dialog.h"
#include "channel_table_model.h"
#include "channels_page.h"
#include "connection_status.h"
#include "connection_profiles_dialog.h"
#include "dashboard_page.h"
#include "quality_page.h"
#include "service_lease_banner.h"
#include "shared_trail_session.h"
#include "theme.h"
#include "status_presentation.h"
#include "wall_screen.h"

#include "audit/audit_gate.h"
#include "audit/audit_job.h"
#include "audit/audit_log.h"
#include "client/api_client.h"
#include "monitor/monitor.h"
#include "operations/action_record.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QHBoxLayout>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QVBoxLayout>

namespace cc::ui {

MainWindow::MainWindow(ProfileStore *profiles, AuditLog *audit, QWidget *parent)
    : QMainWindow(parent)
    , m_profiles(profiles)
    , m_defaultAudit(audit)
    , m_audit(audit)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Channel Console"));
    setWindowIcon(applicationIcon());

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("QLabel#banner { background: #fff4c2; color: #3d3000; border-bottom: 1px solid #d9b500; padding: 8px; font-weight: bold; }"));
    m_banner->hide();
    layout->addWidget(m_banner);

    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    m_pageList = new QListWidget(central);
    m_pageList->setObjectName(QStringLiteral("pageList"));
    m_pageList->setFixedWidth(fontMetrics().horizontalAdvance(QLatin1Char('m')) * 11);
    m_pageList->setStyleSheet(QStringLiteral("QListWidget#pageList { border: none; border-right: 1px solid palette(mid); }"
                                             "QListWidget#pageList::item { padding: 8px 10px; }"));
    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(QStringLiteral("pages"));
    body->addWidget(m_pageList);
    body->addWidget(m_pages, 1);
    layout->addLayout(body, 1);
    setCentralWidget(central);

    m_channelsPage = new ChannelsPage(m_pages);
    m_pages->addWidget(m_channelsPage);
    m_channelActions = new ChannelActions(this, m_channelsPage, this);
    m_dashboardPage = new DashboardPage(m_pages);
    m_pages->addWidget(m_dashboardPage);
    m_leaseBanner = new ServiceLeaseBanner(m_dashboardPage);
    m_dashboardPage->addTopStrip(m_leaseBanner);
    connect(m_dashboardPage, &DashboardPage::failoverRequested, m_channelActions, &ChannelActions::failOver);
    connect(m_dashboardPage, &DashboardPage::failbackRequested, m_channelActions, &ChannelActions::failBack);
    connect(m_dashboardPage, &DashboardPage::historyRequested, this, [this](const QString &id) { openHistory(id); });
    m_qualityPage = new QualityPage(m_pages);
    m_pages->addWidget(m_qualityPage);
    m_auditPage = new AuditPage(m_pages);
    m_auditPage->setAuditLog(m_audit);
    m_pages->addWidget(m_auditPage);
    m_alarmsPage = new AlarmsPage(m_pages);
    m_pages->addWidget(m_alarmsPage);
    connect(m_alarmsPage, &AlarmsPage::historyRequested, this, [this](const QString &id) { openHistory(id); });
    connect(m_alarmsPage, &AlarmsPage::currentChannelChanged, this, &MainWindow::updateActions);
    const QStringList names{tr("Channels"), tr("Dashboard"), tr("Quality"), tr("Audit"), tr("Alarms")};
    for (const QString &name : names)
        new QListWidgetItem(name, m_pageList);
    // The list never holds the focus: its type-ahead would turn the next
    // letters typed into a jump to another page. The keyboard switches pages
    // with Ctrl+1…4 (View menu); a page shown takes the focus into itself.
    m_pageList->setFocusPolicy(Qt::NoFocus);
    m_pageList->setAccessibleName(tr("Pages"));
    connect(m_pageList, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_pageList->setCurrentRow(0);

    createActions();
    createMenusAndToolbar();
    createStatusBar();
    m_alarms = new AlarmsController(this, m_alarmsPage, m_dashboardPage, this);
    connect(m_alarms, &AlarmsController::showAlarmsRequested, this, [this] { showPage(Page::Alarms); });

    connect(m_channelsPage, &ChannelsPage::editRequested, m_channelActions, &ChannelActions::editChannel);
    connect(m_channelsPage, &ChannelsPage::currentChannelChanged, this, &MainWindow::updateActions);
    // The toolbar and the Channel menu act on the channel selected in the page in view.
    connect(m_pageList, &QListWidget::currentRowChanged, this, &MainWindow::updateActions);
    connect(m_pageList, &QListWidget::currentRowChanged, this, [this] {
        QWidget *focus = QApplication::focusWidget();
        if (focus == nullptr || !focus->isVisible() || !m_pages->currentWidget()->isAncestorOf(focus))
            focusFilter();
    });
    if (auto *tiles = m_dashboardPage->findChild<QListView *>(QStringLiteral("tileView")); tiles && tiles->selectionModel())
        connect(tiles->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::updateActions);
    connect(m_channelsPage, &ChannelsPage::loaded, this, [this](int count) {
        statusBar()->showMessage(count == 1 ? tr("Loaded 1 channel") : tr("Loaded %1 channels").arg(count), 4000);
        updateActions();
    });

    readSettings();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createStatusBar()
{
    m_connectionStatus = new ConnectionStatus(statusBar(), m_leaseBanner->statusLabel(), this);
}

void MainWindow::setBanner(const QString &text)
{
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

QWidget *MainWindow::page(Page page) const
{
    return m_pages->widget(static_cast<int>(page));
}

void MainWindow::showPage(Page which)
{
    m_pageList->setCurrentRow(static_cast<int>(which));
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(qBound(0, m_pageList->currentRow(), kPageCount - 1));
}

void MainWindow::connectWith(const StoredProfile &profile)
{
    m_alarms->disconnectFromMonitor();
    m_channelsPage->setClient(nullptr);
    m_qualityPage->setSession(nullptr);
    m_dashboardPage->setMonitor(nullptr);
    m_auditPage->setOutbox(nullptr);
    m_snapshot.reset();
    m_connectionStatus->setSession(nullptr);
    m_channelActions->setSession(nullptr);
    // The previous connection's monitor thread is waited for (a cycle in flight
    // is abandoned); its client's pending replies go with it, unfinished and ignored.
    m_session.reset();
    m_leaseBanner->setSession(nullptr);
    m_shared.reset();
    m_audit = m_defaultAudit;
    m_profile = profile;
    // The profile's own store, maybe the shared trail (a service may lead there).
    if (!profile.audit.location.isEmpty()) {
        m_shared = std::make_unique<SharedTrailSession>(profile);
        m_audit = m_shared->log();
        if (!m_shared->openError().isEmpty())
            setBanner(tr("The audit trail of %1 could not be opened, so every action is refused until it can: %2")
                          .arg(profile.connection.name, m_shared->openError()));
        connect(m_shared.get(), &SharedTrailSession::leaseNews, this, [this](const QString &text) {
            statusBar()->showMessage(text, 15000);
        });
    }
    m_leaseBanner->setSession(m_shared.get());
    m_auditPage->setAuditLog(m_audit, profile.connection.name);
    m_dashboardPage->setAuditGate(m_audit ? m_audit->gate() : nullptr);
    // One session per connection: one sign-in and one rate budget for the
    // window's client, the monitor's and the charts'. A change is sent only when
    // the trail can take its entry first.
    ClientOptions clientOptions;
    if (m_audit)
        clientOptions.writeGuard = [gate = m_audit->gate()] { return gate->refusalForChange(); };
    m_session = std::make_unique<TenantSession>(profile.connection, m_audit, clientOptions);

    QString outboxError;
    if (!m_session->startOutbox(&outboxError))
        statusBar()->showMessage(tr("Audit entries are not exported: %1").arg(outboxError), 10000);

    // The monitor polls on its own thread with its own client; the table and
    // the status bar follow its snapshots, the audit trail its events.
    MonitorSettings monitorSettings;
    monitorSettings.failover = profile.monitor.failover;
    monitorSettings.intervalMs = qint64(profile.monitor.cadenceSeconds) * 1000;
    monitorSettings.probe.enabled = profile.monitor.sipProbe;
    monitorSettings.probe.intervalMs = profile.monitor.sipProbeIntervalSeconds * 1000;
    monitorSettings.probe.prober.connectTo = profile.monitor.sipConnectTo;
    Monitor *monitor = m_session->startMonitor(monitorSettings);
    if (m_shared)
        m_shared->attach(monitor, m_session->auditBridge(), monitorSettings);
    connect(monitor, &Monitor::snapshotReady, this, &MainWindow::onSnapshot);
    connect(monitor, &Monitor::eventsRaised, this, [this](const MonitorEventList &events) {
        for (const MonitorEvent &event : events)
            onMonitorEvent(event);
    });
    m_dashboardPage->setMonitor(monitor);
    m_auditPage->setTenant(profile.connection.name);
    m_auditPage->setOutbox(m_session->outbox());
    m_qualityPage->setSession(m_session.get());
    m_connectionStatus->setSession(m_session.get());
    m_channelActions->setSession(m_session.get());
    monitor->start();

    setWindowTitle(tr("%1 — Channel Console").arg(profile.connection.name));
    // While a service leads, it keeps the tenant's alarms; this console follows them.
    m_alarms->setJudging(!(m_shared && m_shared->defersToService()));
    if (m_shared)
        connect(m_shared.get(), &SharedTrailSession::leaseChanged, m_alarms, [this] {
            m_alarms->setJudging(!(m_shared && m_shared->defersToService()));
        });
    m_alarms->connectTo(monitor, profile.connection.budgetKey(), profile.connection.name, monitorSettings, m_audit);
    m_channelsPage->setClient(client());
    m_channelsPage->refresh();
    record(QString(events::kConnected), QString(),
           QJsonObject{{QStringLiteral("profile"), profile.connection.name},
                       {QStringLiteral("base_url"), profile.connection.signInUrl().toString()}});
    updateActions();
    emit connected(profile.connection.name);
}

void MainWindow::connectToSavedProfile(const QString &name)
{
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(m_profiles, &ProfileStore::secretsLoaded, this, [this, name, conn](const QString &loaded) {
        if (loaded != name)
            return;
        disconnect(*conn);
        askForSecretsThenConnect(name, m_profiles->missingSecrets(name));
    });
    statusBar()->showMessage(tr("Reading the secrets of %1 from the keychain…").arg(name));
    m_profiles->loadSecrets(name);
}

void MainWindow::askForSecretsThenConnect(const QString &name, QList<ProfileStore::Secret> missing)
{
    if (missing.isEmpty()) {
        const std::optional<StoredProfile> profile = m_profiles->profile(name);
        if (!profile) {
            statusBar()->showMessage(tr("The profile %1 no longer exists").arg(name), 8000);
            return;
        }
        m_profiles->setLastUsedProfile(name);
        connectWith(*profile);
        return;
    }
    const ProfileStore::Secret secret = missing.takeFirst();
    const bool noKeychain = m_profiles->keychainState() == ProfileStore::KeychainState::Unavailable;
    auto *input = new QInputDialog(this);
    input->setObjectName(QStringLiteral("secretPrompt"));
    input->setAttribute(Qt::WA_DeleteOnClose);
    input->setWindowTitle(tr("Connect to %1").arg(name));
    input->setTextEchoMode(QLineEdit::Password);
    input->setLabelText(noKeychain
        ? tr("The %1 of profile %2:\n\nNo keychain is usable here (%3), so it is asked once per run and kept "
             "in memory only. It is never written to disk.")
              .arg(ProfileStore::secretLabel(secret), name, m_profiles->keychainProblem())
        : tr("The %1 of profile %2 (not found in the keychain):").arg(ProfileStore::secretLabel(secret), name));
    connect(input, &QInputDialog::textValueSelected, this, [this, name, secret, missing](const QString &value) {
        m_profiles->setSessionSecret(name, secret, value);
        askForSecretsThenConnect(name, missing);
    });
    input->open();
}

void MainWindow::openProfilesDialog()
{
    auto *dialog = new ConnectionProfilesDialog(m_profiles, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_profile)
        dialog->selectProfile(m_profile->connection.name);
    connect(dialog, &ConnectionProfilesDialog::connectRequested, this, &MainWindow::connectToSavedProfile);
    dialog->open();
}

QString MainWindow::channelLabel(const QString &id) const
{
    return m_channelActions->label(id);
}

WallScreen *MainWindow::openWallScreen()
{
    if (m_wall) {
        m_wall->raise();
        m_wall->activateWindow();
        return m_wall;
    }
    m_wall = new WallScreen(m_dashboardPage->model(), this);
    m_alarms->setWallScreen(m_wall);
    connect(m_wall, &WallScreen::historyRequested, this, [this](const QString &id) {
        if (m_wall)
            m_wall->close();
        openHistory(id);
    });
    m_wall->showFullScreen();
    return m_wall;
}

ChannelHistoryDialog *MainWindow::openHistory(const QString &id)
{
    if (!m_profile || !client())
        return nullptr;
    const Channel *channel = m_channelsPage->model()->channelById(id);
    auto *dialog = new ChannelHistoryDialog(id, channel ? channel->name : id, m_session.get(), this);
    if (m_snapshot) {
        for (const ChannelHealth &health : m_snapshot->channels) {
            if (health.id == id)
                dialog->showReadings(health, m_snapshot->takenAt, channelLabel(health.routedVia));
        }
    }
    dialog->setProbeHistory(m_probeHistory);
    dialog->show();
    return dialog;
}

QString MainWindow::channelInView() const
{
    switch (currentPage()) {
    case Page::Channels:
        if (const auto channel = m_channelsPage->currentChannel())
            return channel->id;
        return {};
    case Page::Dashboard: return m_dashboardPage->currentChannelId();
    case Page::Alarms: return m_alarmsPage->currentChannelId();
    case Page::Quality:
    case Page::Audit: break;
    }
    return {};
}

void MainWindow::focusFilter()
{
    // Each page's filter by its object name: the field a person types into to narrow the page.
    static const char *const kFilters[kPageCount] = {"channelFilter", "tileFilter", "qualityChannel", "auditChannel", "alarmFilter"};
    QWidget *page = m_pages->currentWidget();
    auto *field = page ? page->findChild<QWidget *>(QLatin1String(kFilters[int(currentPage())])) : nullptr;
    if (field == nullptr || !field->isVisible())
        field = page ? page->findChild<QLineEdit *>() : nullptr;
    if (field == nullptr)
        return;
    field->setFocus(Qt::ShortcutFocusReason);
    if (auto *edit = qobject_cast<QLineEdit *>(field))
        edit->selectAll();
}

bool MainWindow::automaticFailoverRuns() const
{
    return monitor() && m_profile && m_profile->monitor.failover.autoFailover && !(m_snapshot && m_snapshot->failoverPausedAll)
        && !(m_shared && m_shared->defersToService());
}

void MainWindow::askBeforeQuit()
{
    if (findChild<QMessageBox *>(QStringLiteral("confirmQuitBox")) != nullptr)
        return;
    int routed = 0;
    if (m_snapshot) {
        for (const ChannelHealth &health : m_snapshot->channels)
            routed += health.routedVia.isEmpty() ? 0 : 1;
    }
    const QString tenant = m_profile ? m_profile->connection.name : QString();
    QString text = tr("Automatic failover for %1 stops when Channel Console closes: until it runs again, no trunk of "
                      "this tenant is watched, failed over or failed back by it, and no alarm is raised.").arg(tenant);
    if (routed > 0)
        text += QLatin1Char(' ') + (routed == 1 ? tr("1 channel now routed via a backup stays so, with no automatic failback.")
                                                : tr("%1 channels now routed via a backup stay so, with no automatic failback.").arg(routed));
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Quit Channel Console?"), text, QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmQuitBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->button(QMessageBox::Yes)->setText(tr("Quit and stop automatic failover"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        m_quitConfirmed = true;
        close();
    });
    box->open();
}

void MainWindow::setFailoverPaused(bool paused)
{
    if (!m_channelActions->setFailoverPaused(paused))
        m_pauseAction->setChecked(!paused);
}

void MainWindow::onSnapshot(const MonitorSnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    m_probeHistory.record(*snapshot);
    // The worker's state, whoever paused it (this menu or the dashboard).
    m_pauseAction->setChecked(snapshot->failoverPausedAll);
    m_channelsPage->applyHealth(snapshot->channels);
    updateActions();
}

void MainWindow::onMonitorEvent(const MonitorEvent &event)
{
    // The dashboard's feed shows every event; the status bar names the decisions
    // (ConnectionStatus shows a failed cycle).
    if (event.type == events::kFailoverDone || event.type == events::kFailbackDone || event.type == events::kFailoverSkipped
        || event.type == events::kFailoverFailed || event.type == events::kFailbackFailed || event.type == events::kAlarm) {
        const QString reason = event.details.value(QStringLiteral("reason")).toString();
        statusBar()->showMessage(tr("%1: %2%3").arg(event.type, channelLabel(event.channelId),
                                                     reason.isEmpty() ? QString() : tr(" (%1)").arg(reason)), 15000);
    }
}

void MainWindow::exportAuditCsv()
{
    if (!m_audit || !m_audit->isOpen() || m_auditJob)
        return;
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
        + QStringLiteral("/audit-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export audit CSV"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    auto *job = new AuditJob(this);
    m_auditJob = job;
    connect(job, &AuditJob::progress, this, [this](qint64 done, qint64 total) {
        statusBar()->showMessage(tr("Exporting the audit trail: %1 of %2 entries…").arg(done).arg(total));
    });
    connect(job, &AuditJob::exported, this, [this, path](const AuditCsvResult &result) {
        if (result.ok) {
            statusBar()->showMessage(tr("Exported %1 audit entries to %2").arg(result.rows).arg(path), 10000);
            record(QString(events::kAuditExported), QString(), auditExportDetails(path, result.rows, AuditFilter{}));
        } else {
            statusBar()->showMessage(result.cancelled ? tr("Audit export cancelled")
                                                      : tr("Audit export to %1 failed: %2").arg(path, result.error), 15000);
        }
    });
    connect(job, &AuditJob::finished, this, [this, job] {
        job->deleteLater();
        updateActions();
    });
    if (!job->startCsvExport(m_audit->path(), path, AuditFilter{}))
        job->deleteLater();
    updateActions();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("About Channel Console"),
        tr("<h3>Channel Console %1</h3><p>%2</p>"
           "<p>Qt %3 (built with Qt %4)</p>"
           "<p>This console, cxonectl and cxone-sim share one engine; their manual pages "
           "(man cxone-console, man cxonectl, man cxone-sim) and README.md in "
           "/usr/share/doc/channel-console say how to use them.</p>")
            .arg(QStringLiteral(CC_VERSION_STRING), QStringLiteral(CC_PROJECT_DESCRIPTION),
                 QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
        QMessageBox::Ok, this);
    box->setIconPixmap(applicationIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->open();
}

void MainWindow::record(const QString &eventType, const QString &channelId, const QJsonObject &details)
{
    if (!m_audit || !m_audit->isOpen())
        return;
    // The one shape of a person's action's entry (core/operations), before the
    // connection's operations exist (the connection itself) or without them.
    m_audit->append(manualActionEvent(eventType, m_profile ? m_profile->connection.name : QString(), channelId, details));
}

void MainWindow::readSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("mainWindow/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1200, 720);
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    const int page = settings.value(QStringLiteral("mainWindow/page"), 0).toInt();
    m_pageList->setCurrentRow(qBound(0, page, kPageCount - 1));
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/page"), m_pageList->currentRow());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitConfirmed && automaticFailoverRuns()) {
        event->ignore();
        askBeforeQuit();
        return;
    }
    writeSettings();
    if (m_auditJob)
        m_auditJob->cancel();
    event->accept();
}

} // namespace cc::ui
