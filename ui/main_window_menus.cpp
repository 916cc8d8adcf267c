// MainWindow's actions, menus and toolbar, and what enables them: the File,
// Channel, View and Help menus, the switch-profile menu, the toolbar, and
// updateActions() that follows the selection, the connection and the trail.
#include "main_window.h"

#include "channel_actions.h"
#include "channel_table_model.h"
#include "channels_page.h"
#include "theme.h"

#include "audit/audit_job.h"
#include "audit/audit_log.h"
#include "monitor/monitor.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>

namespace cc::ui {

void MainWindow::createActions()
{
    auto make = [this](const QString &text, const char *name, QStyle::StandardPixmap icon, const QKeySequence &key) {
        auto *action = new QAction(style()->standardIcon(icon), text, this);
        action->setObjectName(QLatin1String(name));
        if (!key.isEmpty())
            action->setShortcut(key);
        return action;
    };

    m_connectAction = make(tr("&Connect…"), "actionConnect", QStyle::SP_DialogOpenButton, QKeySequence(tr("Ctrl+O")));
    m_connectAction->setStatusTip(tr("Choose, create, edit or test a connection profile"));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::openProfilesDialog);

    m_exportAuditAction = make(tr("&Export audit CSV…"), "actionExportAudit", QStyle::SP_DialogSaveButton, QKeySequence(tr("Ctrl+Shift+E")));
    connect(m_exportAuditAction, &QAction::triggered, this, &MainWindow::exportAuditCsv);

    // Ctrl+Q everywhere: QKeySequence::Quit is empty in some keyboard schemes
    // (Windows', which the offscreen platform uses).
    m_quitAction = make(tr("&Quit"), "actionQuit", QStyle::SP_DialogCloseButton, QKeySequence(tr("Ctrl+Q")));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_refreshAction = make(tr("&Refresh"), "actionRefresh", QStyle::SP_BrowserReload, QKeySequence::Refresh);
    m_refreshAction->setStatusTip(tr("Load every channel from the tenant again"));
    connect(m_refreshAction, &QAction::triggered, m_channelsPage, &ChannelsPage::refresh);

    m_newAction = make(tr("&New channel…"), "actionNew", QStyle::SP_FileIcon, QKeySequence::New);
    connect(m_newAction, &QAction::triggered, m_channelActions, &ChannelActions::newChannel);

    m_editAction = make(tr("&Edit…"), "actionEdit", QStyle::SP_FileDialogDetailedView, QKeySequence(Qt::Key_F2));
    connect(m_editAction, &QAction::triggered, this, [this] {
        if (const QString id = channelInView(); !id.isEmpty())
            m_channelActions->editChannel(id);
    });

    m_duplicateAction = make(tr("D&uplicate…"), "actionDuplicate", QStyle::SP_FileDialogNewFolder, QKeySequence(tr("Ctrl+D")));
    connect(m_duplicateAction, &QAction::triggered, this, [this] {
        if (const QString id = channelInView(); !id.isEmpty())
            m_channelActions->duplicateChannel(id);
    });

    m_deleteAction = make(tr("&Delete…"), "actionDelete", QStyle::SP_TrashIcon, QKeySequence::Delete);
    connect(m_deleteAction, &QAction::triggered, this, [this] {
        if (const QString id = channelInView(); !id.isEmpty())
            m_channelActions->deleteChannel(id);
    });

    m_failoverAction = make(tr("&Fail over…"), "actionFailover", QStyle::SP_ArrowForward, QKeySequence(tr("Ctrl+Shift+F")));
    m_failbackAction = make(tr("Fail &back…"), "actionFailback", QStyle::SP_ArrowBack, QKeySequence(tr("Ctrl+Shift+B")));
    m_pauseAction = make(tr("&Pause automatic failover"), "actionPause", QStyle::SP_MediaPause, QKeySequence(tr("Ctrl+Shift+P")));
    m_pauseAction->setCheckable(true);
    m_failoverAction->setStatusTip(tr("Route the selected channel's traffic to one of its healthy failover targets"));
    m_failbackAction->setStatusTip(tr("Route the selected channel's traffic back to the channel itself"));
    m_pauseAction->setStatusTip(tr("Stop the monitor from failing channels over by itself; manual failover still works"));
    connect(m_failoverAction, &QAction::triggered, this, [this] {
        if (const QString id = channelInView(); !id.isEmpty())
            m_channelActions->failOver(id);
    });
    connect(m_failbackAction, &QAction::triggered, this, [this] {
        if (const QString id = channelInView(); !id.isEmpty())
            m_channelActions->failBack(id);
    });
    connect(m_pauseAction, &QAction::triggered, this, &MainWindow::setFailoverPaused);
    m_historyAction = make(tr("&History…"), "actionHistory", QStyle::SP_FileDialogDetailedView, QKeySequence(tr("Ctrl+H")));
    m_historyAction->setStatusTip(tr("The selected channel's events over its quality chart, and its last readings"));
    connect(m_historyAction, &QAction::triggered, this, [this] {
        if (const QString id = channelInView(); !id.isEmpty())
            openHistory(id);
    });

    // Pages by number, the filter of the page in view.
    const QStringList pageNames{tr("&Channels"), tr("&Dashboard"), tr("&Quality"), tr("&Audit"), tr("A&larms")};
    for (int i = 0; i < kPageCount; ++i) {
        auto *action = new QAction(pageNames.at(i), this);
        action->setObjectName(QStringLiteral("actionPage%1").arg(i + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { showPage(static_cast<Page>(i)); });
        m_pageActions.append(action);
    }
    m_findAction = make(tr("&Filter…"), "actionFilter", QStyle::SP_FileDialogContentsView, QKeySequence(tr("Ctrl+F")));
    m_findAction->setStatusTip(tr("Type into the filter of the page in view"));
    connect(m_findAction, &QAction::triggered, this, &MainWindow::focusFilter);
    m_wallAction = make(tr("&Wall screen"), "actionWallScreen", QStyle::SP_TitleBarMaxButton, QKeySequence(Qt::Key_F11));
    m_wallAction->setStatusTip(tr("Every channel full screen, problems first, in type readable across a room (Esc leaves)"));
    connect(m_wallAction, &QAction::triggered, this, [this] { openWallScreen(); });

    m_aboutAction = make(tr("&About Channel Console"), "actionAbout", QStyle::SP_MessageBoxInformation, QKeySequence());
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenusAndToolbar()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_connectAction);
    m_switchMenu = file->addMenu(tr("&Switch profile"));
    m_switchMenu->setObjectName(QStringLiteral("switchProfileMenu"));
    connect(m_switchMenu, &QMenu::aboutToShow, this, &MainWindow::populateSwitchMenu);
    file->addSeparator();
    file->addAction(m_exportAuditAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    m_channelMenu = menuBar()->addMenu(tr("&Channel"));
    m_channelMenu->addAction(m_refreshAction);
    m_channelMenu->addSeparator();
    m_channelMenu->addAction(m_newAction);
    m_channelMenu->addAction(m_editAction);
    m_channelMenu->addAction(m_duplicateAction);
    m_channelMenu->addAction(m_deleteAction);
    m_channelMenu->addAction(m_historyAction);
    m_channelMenu->addSeparator();
    m_channelMenu->addAction(m_failoverAction);
    m_channelMenu->addAction(m_failbackAction);
    m_channelMenu->addAction(m_pauseAction);
    // Menus show tooltips only when asked: disabled actions explain themselves.
    m_channelMenu->setToolTipsVisible(true);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_pageActions);
    view->addSeparator();
    view->addAction(m_findAction);
    view->addSeparator();
    view->addAction(m_wallAction);
    QMenu *theme = view->addMenu(tr("&Colours"));
    theme->setObjectName(QStringLiteral("themeMenu"));
    auto *themes = new QActionGroup(this);
    const QList<QPair<Theme, QString>> choices{{Theme::System, tr("Follow the &desktop")},
                                               {Theme::Light, tr("&Light")},
                                               {Theme::Dark, tr("&Dark")}};
    for (const auto &[choice, label] : choices) {
        QAction *action = theme->addAction(label);
        action->setObjectName(QStringLiteral("actionTheme_%1").arg(themeName(choice)));
        action->setCheckable(true);
        action->setChecked(choice == savedTheme());
        themes->addAction(action);
        const Theme picked = choice;
        connect(action, &QAction::triggered, this, [picked] { applyTheme(picked); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->addAction(m_connectAction);
    toolbar->addAction(m_refreshAction);
    toolbar->addSeparator();
    toolbar->addAction(m_newAction);
    toolbar->addAction(m_editAction);
    toolbar->addAction(m_deleteAction);
    toolbar->addSeparator();
    toolbar->addAction(m_failoverAction);
    toolbar->addAction(m_failbackAction);

    auto *context = new QMenu(this);
    context->addAction(m_editAction);
    context->addAction(m_duplicateAction);
    context->addAction(m_deleteAction);
    context->addAction(m_historyAction);
    context->addSeparator();
    context->addAction(m_failoverAction);
    context->addAction(m_failbackAction);
    context->addSeparator();
    context->addAction(m_refreshAction);
    context->setToolTipsVisible(true);
    m_channelsPage->setContextMenu(context);
}

void MainWindow::populateSwitchMenu()
{
    m_switchMenu->clear();
    const QStringList names = m_profiles->profileNames();
    if (names.isEmpty()) {
        QAction *none = m_switchMenu->addAction(tr("No saved profiles: use File > Connect…"));
        none->setEnabled(false);
        return;
    }
    for (const QString &name : names) {
        QAction *action = m_switchMenu->addAction(name);
        action->setCheckable(true);
        action->setChecked(m_profile && m_profile->connection.name == name);
        connect(action, &QAction::triggered, this, [this, name] { connectToSavedProfile(name); });
    }
}

void MainWindow::updateActions()
{
    const bool connected = client() != nullptr;
    const QString inView = channelInView();
    const Channel *viewed = inView.isEmpty() ? nullptr : m_channelsPage->model()->channelById(inView);
    const std::optional<Channel> channel = viewed ? std::optional<Channel>(*viewed) : std::nullopt;
    const bool selected = channel.has_value();
    m_refreshAction->setEnabled(connected);
    m_newAction->setEnabled(connected);
    m_editAction->setEnabled(connected && selected);
    m_duplicateAction->setEnabled(connected && selected);
    m_deleteAction->setEnabled(connected && selected);
    m_historyAction->setEnabled(connected && selected);
    const bool monitoring = monitor() != nullptr;
    const bool failedOver = channel && channel->isFailedOver();
    m_failoverAction->setEnabled(monitoring && channel && !failedOver && !channel->routing.failoverChannels.isEmpty());
    m_failbackAction->setEnabled(monitoring && failedOver);
    m_pauseAction->setEnabled(monitoring);
    if (!monitoring) {
        for (QAction *action : {m_failoverAction, m_failbackAction, m_pauseAction})
            action->setToolTip(tr("Connect to a tenant first: failover goes through its monitor"));
    } else {
        m_failoverAction->setToolTip(channel && channel->routing.failoverChannels.isEmpty()
                                         ? tr("%1 has no failover targets: add some in Edit").arg(channel->name)
                                         : failedOver ? tr("Already routed via a backup: fail back first")
                                                      : tr("Fail over to a healthy failover target"));
        m_failbackAction->setToolTip(failedOver ? tr("Route the traffic back to the channel itself")
                                                : tr("The channel carries its own traffic: nothing to fail back"));
        m_pauseAction->setToolTip(tr("Pause or resume automatic failover for every channel"));
        if (!channel) {
            const QString none = currentPage() == Page::Channels || currentPage() == Page::Dashboard
                ? tr("Select a channel on this page first")
                : tr("Go to the Channels page or the Dashboard and select a channel");
            m_failoverAction->setToolTip(none);
            m_failbackAction->setToolTip(none);
        }
    }
    const bool auditOpen = m_audit && m_audit->isOpen();
    m_exportAuditAction->setEnabled(auditOpen && !m_auditJob);
    m_exportAuditAction->setToolTip(auditOpen ? tr("Export every audit entry as CSV (RFC 4180)")
                                              : tr("The audit store could not be opened: see the message at start-up"));
}

} // namespace cc::ui
