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

#include "monitor/monitor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMap>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QVBoxLayout>


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
    , m_tiles(new QListView(this))
    , m_grid(new StatusGridView(this))
    , m_views(new QStackedWidget(this))
    , m_viewChoice(new QComboBox(this))
    , m_grouping(new QComboBox(this))
    , m_legend(new QLabel(this))
    , m_feedView(new QListView(this))
    , m_feedProxy(new QSortFilterProxyModel(this))
    , m_feedFilter(new QLineEdit(this))
    , m_filter(new QLineEdit(this))
    , m_order(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_pauseAll(new QPushButton(tr("Pause automatic failover"), this))
    , m_pauseOne(new QPushButton(tr("Pause for this channel"), this))
    , m_failover(new QPushButton(tr("Fail over…"), this))
    , m_failback(new QPushButton(tr("Fail back…"), this))
    , m_notifyBox(new QCheckBox(tr("Desktop notifications"), this))
    , m_repaint(new QTimer(this))
    , m_banner(new NotificationBar(this))
{
    setObjectName(QStringLiteral("dashboardPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(ChannelTileModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setDynamicSortFilter(true);

    m_tiles->setObjectName(QStringLiteral("tileView"));
    m_tiles->setViewMode(QListView::IconMode);
    m_tiles->setResizeMode(QListView::Adjust);
    m_tiles->setMovement(QListView::Static);
    m_tiles->setUniformItemSizes(true);
    m_tiles->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tiles->setSpacing(0);
    m_tiles->setWrapping(true);
    m_tiles->setItemDelegate(new ChannelTileDelegate(m_tiles));
    m_tiles->setModel(m_proxy);

    m_grid->setModel(m_model);
    m_views->addWidget(m_grid);
    m_views->addWidget(m_tiles);
    m_viewChoice->setObjectName(QStringLiteral("dashboardView"));
    m_viewChoice->setAccessibleName(tr("Show channels as"));
    m_viewChoice->addItem(tr("Automatic view"), QVariant::fromValue(View::Automatic));
    m_viewChoice->addItem(tr("Status grid"), QVariant::fromValue(View::Grid));
    m_viewChoice->addItem(tr("Tiles"), QVariant::fromValue(View::Tiles));
    m_viewChoice->setToolTip(tr("Automatic: the status grid when more than %1 channels are shown, tiles otherwise").arg(kTilesUpTo));
    m_grouping->setObjectName(QStringLiteral("gridGrouping"));
    m_grouping->setAccessibleName(tr("Group the grid"));
    m_grouping->addItem(tr("No groups"), QVariant::fromValue(GridGrouping::None));
    m_grouping->addItem(tr("Group by status"), QVariant::fromValue(GridGrouping::Status));
    m_grouping->addItem(tr("Group by carrier"), QVariant::fromValue(GridGrouping::Carrier));
    m_grouping->addItem(tr("Group by failover group"), QVariant::fromValue(GridGrouping::FailoverGroup));
    {
        QSettings settings;
        const int view = m_viewChoice->findData(settings.value(kViewKey).toInt());
        m_viewChoice->setCurrentIndex(std::max(0, view));
        const int grouping = m_grouping->findData(settings.value(kGroupingKey, int(GridGrouping::Status)).toInt());
        m_grouping->setCurrentIndex(std::max(0, grouping));
        m_grid->setGrouping(m_grouping->currentData().value<GridGrouping>());
    }
    m_legend->setObjectName(QStringLiteral("gridLegend"));
    m_legend->setTextFormat(Qt::RichText);

    m_feedView->setObjectName(QStringLiteral("eventFeed"));
    m_feedProxy->setSourceModel(m_feed);
    m_feedProxy->setFilterRole(EventFeedModel::SearchTextRole);
    m_feedProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_feedView->setModel(m_feedProxy);
    m_feedFilter->setObjectName(QStringLiteral("eventFeedFilter"));
    m_feedFilter->setAccessibleName(tr("Search events"));
    m_feedFilter->setPlaceholderText(tr("Search events by channel, type or text…"));
    m_feedFilter->setClearButtonEnabled(true);
    m_feedView->setWordWrap(true);
    m_feedView->setUniformItemSizes(false);
    m_feedView->setAlternatingRowColors(true);

    m_filter->setObjectName(QStringLiteral("tileFilter"));
    m_filter->setPlaceholderText(tr("Filter by name, id or status…"));
    m_filter->setClearButtonEnabled(true);
    m_order->setObjectName(QStringLiteral("tileOrder"));
    m_order->addItem(tr("Worst status first"), QVariant::fromValue(Order::WorstFirst));
    m_order->addItem(tr("By name"), QVariant::fromValue(Order::ByName));
    m_pauseAll->setObjectName(QStringLiteral("pauseAllButton"));
    m_pauseAll->setCheckable(true);
    m_pauseOne->setObjectName(QStringLiteral("pauseChannelButton"));
    m_pauseOne->setCheckable(true);
    m_failover->setObjectName(QStringLiteral("failoverButton"));
    m_failback->setObjectName(QStringLiteral("failbackButton"));
    m_notifyBox->setObjectName(QStringLiteral("notifyBox"));
    m_notify = QSettings().value(kNotifyKey, true).toBool();
    m_notifyBox->setChecked(m_notify);
    m_notifyBox->setToolTip(QSystemTrayIcon::isSystemTrayAvailable()
        ? tr("A desktop notification for each new alarm (a burst of them is one)")
        : tr("No system tray here: notifications show in a bar at the top of this page"));
    m_summary->setObjectName(QStringLiteral("dashboardSummary"));
    m_empty->setObjectName(QStringLiteral("dashboardEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setText(tr("Connect to a tenant (File > Connect…): its channels appear here after the monitor's first cycle."));

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_filter, 2);
    controls->addWidget(m_viewChoice);
    controls->addWidget(m_grouping);
    controls->addWidget(m_order);
    controls->addSpacing(12);
    controls->addWidget(m_pauseAll);
    controls->addWidget(m_pauseOne);
    controls->addWidget(m_failover);
    controls->addWidget(m_failback);
    controls->addStretch(1);
    controls->addWidget(m_notifyBox);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_summary);
    leftLayout->addWidget(m_empty);
    leftLayout->addWidget(m_legend);
    leftLayout->addWidget(m_views, 1);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *feedTitle = new QLabel(tr("<b>Recent events</b>"), right);
    // Without a tray, notifications show above the feed: never above the grid,
    // whose cells must not move under the mouse when one appears.
    rightLayout->addWidget(m_banner);
    rightLayout->addWidget(feedTitle);
    rightLayout->addWidget(m_feedFilter);
    rightLayout->addWidget(m_feedView, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('m'));
    splitter->setSizes({em * 70, em * 34});

    m_notifier = new BurstNotifier(this);
    connect(m_notifier, &BurstNotifier::ready, this, &DashboardPage::showNotification);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        m_grid->setFilterText(text);
        updateSummary();
    });
    connect(m_viewChoice, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kViewKey, int(m_viewChoice->currentData().value<View>()));
        updateSummary();
    });
    connect(m_grouping, &QComboBox::currentIndexChanged, this, [this] {
        const auto grouping = m_grouping->currentData().value<GridGrouping>();
        QSettings().setValue(kGroupingKey, int(grouping));
        m_grid->setGrouping(grouping);
    });
    connect(m_grid, &StatusGridView::layoutUpdated, this, &DashboardPage::updateLegend);
    connect(m_grid, &StatusGridView::historyRequested, this, &DashboardPage::historyRequested);
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        setCurrentChannel(current.data(ChannelTileModel::ChannelIdRole).toString());
    });
    connect(m_feedFilter, &QLineEdit::textChanged, m_feedProxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_order, &QComboBox::currentIndexChanged, this, [this] {
        setOrder(m_order->currentData().value<Order>());
    });
    connect(m_tiles->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        setCurrentChannel(current.data(ChannelTileModel::ChannelIdRole).toString());
    });
    // A failed-over tile offers its failback (confirmed); any other opens the channel's history.
    connect(m_tiles, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        const auto *tile = index.data(ChannelTileModel::TileRole).value<const ChannelTile *>();
        if (tile != nullptr && !tile->health.routedVia.isEmpty())
            emit failbackRequested(tile->health.id);
        else if (tile != nullptr)
            emit historyRequested(tile->health.id);
    });
    connect(m_feedView, &QListView::activated, this, [this](const QModelIndex &index) {
        const MonitorEvent &event = m_feed->eventAt(m_feedProxy->mapToSource(index).row());
        if (!event.channelId.isEmpty())
            emit historyRequested(event.channelId);
    });
    connect(m_pauseAll, &QPushButton::clicked, this, [this](bool checked) {
        m_pauseAll->setChecked(!checked);   // the snapshot says when it took effect
        requestPauseAll(checked);
    });
    connect(m_pauseOne, &QPushButton::clicked, this, [this](bool checked) {
        m_pauseOne->setChecked(!checked);
        requestPauseChannel(currentChannelId(), checked);
    });
    connect(m_failover, &QPushButton::clicked, this, [this] {
        if (!currentChannelId().isEmpty())
            emit failoverRequested(currentChannelId());
    });
    connect(m_failback, &QPushButton::clicked, this, [this] {
        if (!currentChannelId().isEmpty())
            emit failbackRequested(currentChannelId());
    });
    connect(m_notifyBox, &QCheckBox::toggled, this, &DashboardPage::setNotificationsEnabled);

    m_repaint->setInterval(kRepaintIntervalMs);
    connect(m_repaint, &QTimer::timeout, this, &DashboardPage::onTick);
    m_repaint->start();

    setOrder(Order::WorstFirst);
    updateSummary();
    updateControls();
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::addTopStrip(QWidget *strip)
{
    // Below the page's own notification bar, above the controls.
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, strip);
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
    const int index = m_order->findData(QVariant::fromValue(order));
    if (index >= 0 && index != m_order->currentIndex())
        m_order->setCurrentIndex(index);
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
        if (m_grid->currentIndex() != source)
            m_grid->setCurrentIndex(source);
        m_grid->scrollTo(source);
        const QModelIndex tile = m_proxy->mapFromSource(source);
        if (m_tiles->currentIndex() != tile)
            m_tiles->setCurrentIndex(tile);
        m_tiles->scrollTo(tile);
    }
    if (changed)
        updateControls();
}

DashboardPage::View DashboardPage::view() const
{
    return m_viewChoice->currentData().value<View>();
}

void DashboardPage::setView(View view)
{
    const int index = m_viewChoice->findData(QVariant::fromValue(view));
    if (index >= 0)
        m_viewChoice->setCurrentIndex(index);
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
    m_views->setCurrentWidget(grid ? static_cast<QWidget *>(m_grid) : m_tiles);
    m_grouping->setVisible(grid);
    m_order->setVisible(!grid);
    m_legend->setVisible(grid && m_model->rowCount() > 0);
    updateLegend();
}

void DashboardPage::updateLegend()
{
    if (!m_legend->isVisible())
        return;
    const QHash<GridState, int> counts = m_grid->stateCounts();
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_legend->setText(GridCellPainter::legendHtml(counts, dark, StatusGridView::kRecentMs / 60000));
}

void DashboardPage::updateSummary()
{
    const int total = m_model->rowCount();
    m_empty->setVisible(total == 0);
    m_views->setVisible(total > 0);
    updateView();
    if (total == 0) {
        m_summary->setText(m_monitor ? tr("Waiting for the monitor's first cycle…") : tr("Not connected"));
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
        const int inGrid = m_grid->shownCount();
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
    m_summary->setText(text);
}

void DashboardPage::updateControls()
{
    const bool monitoring = m_monitor != nullptr;
    const ChannelTile *tile = m_model->tileById(currentChannelId());
    const MonitorSnapshotPtr snapshot = m_model->snapshot();
    const bool pausedAll = snapshot && snapshot->failoverPausedAll;
    m_pauseAll->setEnabled(monitoring);
    m_pauseAll->setChecked(pausedAll);
    m_pauseAll->setText(pausedAll ? tr("Resume automatic failover") : tr("Pause automatic failover"));
    m_pauseOne->setEnabled(monitoring && tile != nullptr);
    m_pauseOne->setChecked(tile != nullptr && tile->health.failoverPaused);
    m_pauseOne->setText(tile != nullptr && tile->health.failoverPaused ? tr("Resume for this channel")
                                                                      : tr("Pause for this channel"));
    const bool routed = tile != nullptr && !tile->health.routedVia.isEmpty();
    const bool hasBackups = tile != nullptr && !tile->health.failoverChannels.isEmpty();
    m_failover->setEnabled(monitoring && hasBackups && !routed);
    m_failback->setEnabled(monitoring && routed);
    const QString none = tr("Select a channel first");
    m_pauseOne->setToolTip(tile ? tr("Stop or restart automatic failover for %1 only").arg(tile->health.name) : none);
    if (tile == nullptr)
        m_failover->setToolTip(none);
    else if (!hasBackups)
        m_failover->setToolTip(tr("%1 has no failover channels: add some in its editor").arg(tile->health.name));
    else
        m_failover->setToolTip(tr("Route %1's traffic via one of its healthy backups").arg(tile->health.name));
    m_failback->setToolTip(routed ? tr("Route %1's traffic back to itself").arg(tile->health.name)
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
    if (m_notifyBox->isChecked() != enabled)
        m_notifyBox->setChecked(enabled);
    QSettings().setValue(kNotifyKey, enabled);
    if (!enabled) {
        m_notifier->clear();
        m_banner->hideTray();
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
    m_banner->notify(title, message);
}

} // namespace cc::ui
