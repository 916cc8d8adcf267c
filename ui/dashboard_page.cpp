#include "dashboard_page.h"

#include "audit_gate_prompt.h"
#include "burst_notifier.h"
#include "notification_bar.h"
#include "channel_tile_delegate.h"
#include "channel_tile_model.h"
#include "event_feed_model.h"
#include "grid_cell_painter.h"
#include "status_grid_view.h"
#include "status_presentation.h"
#include "ui_dashboard_page.h"

#include "monitor/monitor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QMap>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSystemTrayIcon>
#include <QTimer>


namespace cc::ui {

namespace {

const QString kNotifyKey = QStringLiteral("dashboard/notifications");
const QString kViewKey = QStringLiteral("dashboard/view");
const QString kGroupingKey = QStringLiteral("dashboard/grouping");
// Staleness needs the clock, not only new snapshots: re-judged every this many ticks.
constexpr int kStaleEveryTicks = 1000 / DashboardPage::kRepaintIntervalMs;

} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new ChannelTileModel(this))
    , m_feed(new EventFeedModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_ui(std::make_unique<Ui::DashboardPage>())
    , m_feedProxy(new QSortFilterProxyModel(this))
    , m_repaint(new QTimer(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(ChannelTileModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setDynamicSortFilter(true);
    m_ui->tileView->setItemDelegate(new ChannelTileDelegate(m_ui->tileView));
    m_ui->tileView->setModel(m_proxy);
    m_ui->statusGrid->setModel(m_model);

    m_ui->dashboardView->addItem(tr("Automatic view"), QVariant::fromValue(View::Automatic));
    m_ui->dashboardView->addItem(tr("Status grid"), QVariant::fromValue(View::Grid));
    m_ui->dashboardView->addItem(tr("Tiles"), QVariant::fromValue(View::Tiles));
    m_ui->dashboardView->setToolTip(tr("Automatic: the status grid when more than %1 channels are shown, tiles otherwise").arg(kTilesUpTo));
    m_ui->gridGrouping->addItem(tr("No groups"), QVariant::fromValue(GridGrouping::None));
    m_ui->gridGrouping->addItem(tr("Group by status"), QVariant::fromValue(GridGrouping::Status));
    m_ui->gridGrouping->addItem(tr("Group by carrier"), QVariant::fromValue(GridGrouping::Carrier));
    m_ui->gridGrouping->addItem(tr("Group by failover group"), QVariant::fromValue(GridGrouping::FailoverGroup));
    {
        QSettings settings;
        const int view = m_ui->dashboardView->findData(settings.value(kViewKey).toInt());
        m_ui->dashboardView->setCurrentIndex(std::max(0, view));
        const int grouping = m_ui->gridGrouping->findData(settings.value(kGroupingKey, int(GridGrouping::Status)).toInt());
        m_ui->gridGrouping->setCurrentIndex(std::max(0, grouping));
        m_ui->statusGrid->setGrouping(m_ui->gridGrouping->currentData().value<GridGrouping>());
    }

    m_feedProxy->setSourceModel(m_feed);
    m_feedProxy->setFilterRole(EventFeedModel::SearchTextRole);
    m_feedProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_ui->eventFeed->setModel(m_feedProxy);

    m_ui->tileOrder->addItem(tr("Worst status first"), QVariant::fromValue(Order::WorstFirst));
    m_ui->tileOrder->addItem(tr("By name"), QVariant::fromValue(Order::ByName));
    m_notify = QSettings().value(kNotifyKey, true).toBool();
    m_ui->notifyBox->setChecked(m_notify);
    m_ui->notifyBox->setToolTip(QSystemTrayIcon::isSystemTrayAvailable()
        ? tr("A desktop notification for each new alarm (a burst of them is one)")
        : tr("No system tray here: notifications show in a bar at the top of this page"));

    m_ui->dashboardSplitter->setStretchFactor(0, 3);
    m_ui->dashboardSplitter->setStretchFactor(1, 1);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('m'));
    m_ui->dashboardSplitter->setSizes({em * 70, em * 34});

    m_notifier = new BurstNotifier(this);
    connect(m_notifier, &BurstNotifier::ready, this, &DashboardPage::showNotification);

    connect(m_ui->tileFilter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        m_ui->statusGrid->setFilterText(text);
        updateSummary();
    });
    connect(m_ui->dashboardView, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kViewKey, int(m_ui->dashboardView->currentData().value<View>()));
        updateSummary();
    });
    connect(m_ui->gridGrouping, &QComboBox::currentIndexChanged, this, [this] {
        const auto grouping = m_ui->gridGrouping->currentData().value<GridGrouping>();
        QSettings().setValue(kGroupingKey, int(grouping));
        m_ui->statusGrid->setGrouping(grouping);
    });
    connect(m_ui->statusGrid, &StatusGridView::layoutUpdated, this, &DashboardPage::updateLegend);
    connect(m_ui->statusGrid, &StatusGridView::historyRequested, this, &DashboardPage::historyRequested);
    connect(m_ui->statusGrid->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        setCurrentChannel(current.data(ChannelTileModel::ChannelIdRole).toString());
    });
    connect(m_ui->eventFeedFilter, &QLineEdit::textChanged, m_feedProxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_ui->tileOrder, &QComboBox::currentIndexChanged, this, [this] {
        setOrder(m_ui->tileOrder->currentData().value<Order>());
    });
    connect(m_ui->tileView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        setCurrentChannel(current.data(ChannelTileModel::ChannelIdRole).toString());
    });
    // A failed-over tile offers its failback (confirmed); any other opens the channel's history.
    connect(m_ui->tileView, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        const auto *tile = index.data(ChannelTileModel::TileRole).value<const ChannelTile *>();
        if (tile != nullptr && !tile->health.routedVia.isEmpty())
            emit failbackRequested(tile->health.id);
        else if (tile != nullptr)
            emit historyRequested(tile->health.id);
    });
    connect(m_ui->eventFeed, &QListView::activated, this, [this](const QModelIndex &index) {
        const MonitorEvent &event = m_feed->eventAt(m_feedProxy->mapToSource(index).row());
        if (!event.channelId.isEmpty())
            emit historyRequested(event.channelId);
    });
    connect(m_ui->pauseAllButton, &QPushButton::clicked, this, [this](bool checked) {
        m_ui->pauseAllButton->setChecked(!checked);   // the snapshot says when it took effect
        requestPauseAll(checked);
    });
    connect(m_ui->pauseChannelButton, &QPushButton::clicked, this, [this](bool checked) {
        m_ui->pauseChannelButton->setChecked(!checked);
        requestPauseChannel(currentChannelId(), checked);
    });
    connect(m_ui->failoverButton, &QPushButton::clicked, this, [this] {
        if (!currentChannelId().isEmpty())
            emit failoverRequested(currentChannelId());
    });
    connect(m_ui->failbackButton, &QPushButton::clicked, this, [this] {
        if (!currentChannelId().isEmpty())
            emit failbackRequested(currentChannelId());
    });
    connect(m_ui->notifyBox, &QCheckBox::toggled, this, &DashboardPage::setNotificationsEnabled);

    m_repaint->setInterval(kRepaintIntervalMs);
    connect(m_repaint, &QTimer::timeout, this, &DashboardPage::onTick);
    m_repaint->start();

    setOrder(Order::WorstFirst);
    updateSummary();
    updateControls();
}

DashboardPage::~DashboardPage() = default;

QListView *DashboardPage::tileView() const
{
    return m_ui->tileView;
}

StatusGridView *DashboardPage::gridView() const
{
    return m_ui->statusGrid;
}

void DashboardPage::addTopStrip(QWidget *strip)
{
    // Between the controls and the channels.
    m_ui->pageLayout->insertWidget(1, strip);
}

void DashboardPage::setMonitor(Monitor *monitor)
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    if (monitor != m_monitor.data()) {
        // Another connection: the old tenant's tiles and events are not this one's.
        m_model->clear();
        m_feed->clear();
        updateSummary();
    }
    m_monitor = monitor;
    if (monitor != nullptr) {
        connect(monitor, &Monitor::snapshotReady, this, &DashboardPage::applySnapshot);
        connect(monitor, &Monitor::eventsRaised, this, &DashboardPage::addEvents);
    }
    updateControls();
}

void DashboardPage::applySnapshot(const MonitorSnapshotPtr &snapshot)
{
    if (!snapshot)
        return;
    const int before = m_model->rowCount();
    m_model->applySnapshot(snapshot);
    m_namesDirty = true;
    // New rows show at once (they are inserted); changes to existing ones wait for the tick.
    if (m_model->rowCount() != before)
        updateSummary();
}

void DashboardPage::addEvent(const MonitorEvent &event)
{
    addEvents(MonitorEventList{event});
}

void DashboardPage::addEvents(const MonitorEventList &events)
{
    if (m_namesDirty) {
        QHash<QString, QString> names;
        if (const MonitorSnapshotPtr snapshot = m_model->snapshot()) {
            for (const ChannelHealth &health : snapshot->channels)
                names.insert(health.id, health.name);
        }
        m_feed->setChannelNames(names);
        m_namesDirty = false;
    }
    m_feed->addEvents(events);
    m_model->applyEvents(events);
}

void DashboardPage::flush()
{
    if (m_model->flush()) {
        updateSummary();
        updateControls();
    }
}

void DashboardPage::onTick()
{
    if (++m_ticks % kStaleEveryTicks == 0 && m_model->snapshot())
        m_model->updateStaleness(QDateTime::currentDateTimeUtc());
    flush();
}

void DashboardPage::setOrder(Order order)
{
    const int index = m_ui->tileOrder->findData(QVariant::fromValue(order));
    if (index >= 0 && index != m_ui->tileOrder->currentIndex())
        m_ui->tileOrder->setCurrentIndex(index);
    if (order == Order::WorstFirst) {
        m_proxy->setSortRole(ChannelTileModel::SeverityRole);
        m_proxy->sort(0, Qt::DescendingOrder);
    } else {
        m_proxy->setSortRole(Qt::DisplayRole);
        m_proxy->sort(0, Qt::AscendingOrder);
    }
}

QString DashboardPage::currentChannelId() const
{
    return m_model->rowOf(m_currentId) >= 0 ? m_currentId : QString();
}

void DashboardPage::selectChannel(const QString &id)
{
    if (m_model->rowOf(id) < 0)
        return;
    setCurrentChannel(id);
}

// One current channel for both views: choosing it in one selects it in the other.
void DashboardPage::setCurrentChannel(const QString &id)
{
    const bool changed = id != m_currentId;
    m_currentId = id;
    const int row = m_model->rowOf(id);
    if (row >= 0) {
        const QModelIndex source = m_model->index(row);
        if (m_ui->statusGrid->currentIndex() != source)
            m_ui->statusGrid->setCurrentIndex(source);
        m_ui->statusGrid->scrollTo(source);
        const QModelIndex tile = m_proxy->mapFromSource(source);
        if (m_ui->tileView->currentIndex() != tile)
            m_ui->tileView->setCurrentIndex(tile);
        m_ui->tileView->scrollTo(tile);
    }
    if (changed)
        updateControls();
}

DashboardPage::View DashboardPage::view() const
{
    return m_ui->dashboardView->currentData().value<View>();
}

void DashboardPage::setView(View view)
{
    const int index = m_ui->dashboardView->findData(QVariant::fromValue(view));
    if (index >= 0)
        m_ui->dashboardView->setCurrentIndex(index);
}

bool DashboardPage::showsGrid() const
{
    switch (view()) {
    case View::Grid: return true;
    case View::Tiles: return false;
    case View::Automatic: break;
    }
    return m_proxy->rowCount() > kTilesUpTo;
}

void DashboardPage::updateView()
{
    const bool grid = showsGrid();
    m_ui->channelViews->setCurrentWidget(grid ? static_cast<QWidget *>(m_ui->statusGrid) : m_ui->tileView);
    m_ui->gridGrouping->setVisible(grid);
    m_ui->tileOrder->setVisible(!grid);
    m_ui->gridLegend->setVisible(grid && m_model->rowCount() > 0);
    updateLegend();
}

void DashboardPage::updateLegend()
{
    if (!m_ui->gridLegend->isVisible())
        return;
    const QHash<GridState, int> counts = m_ui->statusGrid->stateCounts();
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_ui->gridLegend->setText(GridCellPainter::legendHtml(counts, dark, StatusGridView::kRecentMs / 60000));
}

void DashboardPage::updateSummary()
{
    const int total = m_model->rowCount();
    m_ui->dashboardEmpty->setVisible(total == 0);
    m_ui->channelViews->setVisible(total > 0);
    updateView();
    if (total == 0) {
        m_ui->dashboardSummary->setText(m_monitor ? tr("Waiting for the monitor's first cycle…") : tr("Not connected"));
        return;
    }
    // Counted over the tiles the filter shows, so the line describes what is on screen.
    const int shown = m_proxy->rowCount();
    int up = 0, down = 0, unchecked = 0, noData = 0, stale = 0, routed = 0;
    for (int row = 0; row < shown; ++row) {
        const ChannelTile *tile = m_model->tileAt(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
        if (tile == nullptr)
            continue;
        if (tile->health.health == HealthState::Up)
            ++up;
        else if (tile->health.health == HealthState::Down)
            ++down;
        else
            ++unchecked;
        if (!tile->hasData())
            ++noData;
        if (tile->stale)
            ++stale;
        if (!tile->health.routedVia.isEmpty())
            ++routed;
    }
    QString text;
    if (showsGrid()) {
        // The legend under this line counts the grid's states.
        const int inGrid = m_ui->statusGrid->shownCount();
        text = inGrid == total ? (total == 1 ? tr("1 channel") : tr("%1 channels").arg(total))
                               : tr("%1 of %2 channels shown").arg(inGrid).arg(total);
        text += tr(" · hover a cell for its readings, double-click for its history");
    } else {
        text = shown == total ? (total == 1 ? tr("1 channel: ") : tr("%1 channels: ").arg(total))
                              : tr("%1 of %2 channels shown: ").arg(shown).arg(total);
        text += tr("%1 up, %2 down, %3 not yet checked, %4 with no data, %5 stale, %6 routed via a backup")
                    .arg(up).arg(down).arg(unchecked).arg(noData).arg(stale).arg(routed);
    }
    const MonitorSnapshotPtr snapshot = m_model->snapshot();
    if (snapshot) {
        text += tr(" · cycle %1 at %2").arg(snapshot->cycle)
                    .arg(QLocale().toString(snapshot->takenAt.toLocalTime().time(), QLocale::LongFormat));
        if (snapshot->failoverPausedAll)
            text += tr(" · automatic failover PAUSED");
    }
    m_ui->dashboardSummary->setText(text);
}

void DashboardPage::updateControls()
{
    const bool monitoring = m_monitor != nullptr;
    const ChannelTile *tile = m_model->tileById(currentChannelId());
    const MonitorSnapshotPtr snapshot = m_model->snapshot();
    const bool pausedAll = snapshot && snapshot->failoverPausedAll;
    m_ui->pauseAllButton->setEnabled(monitoring);
    m_ui->pauseAllButton->setChecked(pausedAll);
    m_ui->pauseAllButton->setText(pausedAll ? tr("Resume automatic failover") : tr("Pause automatic failover"));
    m_ui->pauseChannelButton->setEnabled(monitoring && tile != nullptr);
    m_ui->pauseChannelButton->setChecked(tile != nullptr && tile->health.failoverPaused);
    m_ui->pauseChannelButton->setText(tile != nullptr && tile->health.failoverPaused ? tr("Resume for this channel")
                                                                      : tr("Pause for this channel"));
    const bool routed = tile != nullptr && !tile->health.routedVia.isEmpty();
    const bool hasBackups = tile != nullptr && !tile->health.failoverChannels.isEmpty();
    m_ui->failoverButton->setEnabled(monitoring && hasBackups && !routed);
    m_ui->failbackButton->setEnabled(monitoring && routed);
    const QString none = tr("Select a channel first");
    m_ui->pauseChannelButton->setToolTip(tile ? tr("Stop or restart automatic failover for %1 only").arg(tile->health.name) : none);
    if (tile == nullptr)
        m_ui->failoverButton->setToolTip(none);
    else if (!hasBackups)
        m_ui->failoverButton->setToolTip(tr("%1 has no failover channels: add some in its editor").arg(tile->health.name));
    else
        m_ui->failoverButton->setToolTip(tr("Route %1's traffic via one of its healthy backups").arg(tile->health.name));
    m_ui->failbackButton->setToolTip(routed ? tr("Route %1's traffic back to itself").arg(tile->health.name)
                                  : tr("The selected channel carries its own traffic"));
}

QMessageBox *DashboardPage::confirm(const QString &objectName, const QString &title, const QString &text,
                                    const QString &yes)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(yes);
    return box;
}

void DashboardPage::requestPauseAll(bool paused)
{
    if (!m_monitor)
        return;
    QMessageBox *box = paused
        ? confirm(QStringLiteral("confirmPauseAllBox"), tr("Pause automatic failover"),
                  tr("Stop the monitor from failing any channel over by itself? It keeps watching, and manual "
                     "failover still works. The pause is recorded in the audit trail."),
                  tr("Pause"))
        : confirm(QStringLiteral("confirmPauseAllBox"), tr("Resume automatic failover"),
                  tr("Let the monitor fail channels over by itself again? This is recorded in the audit trail."),
                  tr("Resume"));
    connect(box, &QMessageBox::finished, this, [this, box, paused] {
        if (box->clickedButton() == box->button(QMessageBox::Yes) && m_monitor
            && !refuseWithoutAuditTrail(this, m_auditGate, paused ? tr("Pausing automatic failover") : tr("Resuming automatic failover")))
            m_monitor->setFailoverPaused(paused);
    });
    box->open();
}

void DashboardPage::requestPauseChannel(const QString &channelId, bool paused)
{
    const ChannelTile *tile = m_model->tileById(channelId);
    if (!m_monitor || tile == nullptr)
        return;
    const QString name = tile->health.name;
    QMessageBox *box = paused
        ? confirm(QStringLiteral("confirmPauseChannelBox"), tr("Pause automatic failover"),
                  tr("Stop the monitor from failing %1 over by itself? The pause is recorded in the audit trail.").arg(name),
                  tr("Pause"))
        : confirm(QStringLiteral("confirmPauseChannelBox"), tr("Resume automatic failover"),
                  tr("Let the monitor fail %1 over by itself again? This is recorded in the audit trail.").arg(name),
                  tr("Resume"));
    connect(box, &QMessageBox::finished, this, [this, box, channelId, name, paused] {
        if (box->clickedButton() == box->button(QMessageBox::Yes) && m_monitor
            && !refuseWithoutAuditTrail(this, m_auditGate,
                                        paused ? tr("Pausing automatic failover for %1").arg(name)
                                               : tr("Resuming automatic failover for %1").arg(name)))
            m_monitor->setChannelFailoverPaused(channelId, paused);
    });
    box->open();
}

void DashboardPage::setNotificationsEnabled(bool enabled)
{
    m_notify = enabled;
    if (m_ui->notifyBox->isChecked() != enabled)
        m_ui->notifyBox->setChecked(enabled);
    QSettings().setValue(kNotifyKey, enabled);
    if (!enabled) {
        m_notifier->clear();
        m_ui->notificationBanner->hideTray();
    }
}

void DashboardPage::notifyNewAlarms(const QList<Alarm> &alarms)
{
    if (m_notify)
        m_notifier->add(alarms);
}

void DashboardPage::showNotification(const QString &title, const QString &message)
{
    if (!m_notify)
        return;
    emit notified(title, message);
    m_ui->notificationBanner->notify(title, message);
}

} // namespace cc::ui
