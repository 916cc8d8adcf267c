#include "screenshot_tour.h"

#include "alarm_table_model.h"
#include "alarms_controller.h"
#include "alarms_page.h"
#include "audit_page.h"
#include "channel_editor_dialog.h"
#include "channel_table_model.h"
#include "channel_history_dialog.h"
#include "channels_page.h"
#include "dashboard_page.h"
#include "channel_actions.h"
#include "main_window.h"
#include "quality_page.h"
#include "wall_screen.h"

#include "alarms/alarm_keeper.h"
#include "monitor/monitor.h"
#include "overview/grid_state.h"

#include <QDir>
#include <QHeaderView>
#include <QPixmap>
#include <QTableView>
#include <QTimer>

namespace cc::ui {

namespace {

// Long enough for layouts, fonts and the first paint to settle offscreen.
constexpr int kSettleMs = 400;
constexpr quint64 kMinCycles = 4;
// A large demo is drawn this long after its first verdicts: a few failovers done.
constexpr int kLargeSettleMs = 8000;

} // namespace

ScreenshotTour::ScreenshotTour(MainWindow *window, const QString &directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(directory)
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        fail(tr("the channels did not load in time: nothing to show"));
    });
}

void ScreenshotTour::start(int timeoutMs)
{
    if (!QDir().mkpath(m_directory)) {
        fail(tr("cannot create the folder %1").arg(m_directory));
        return;
    }
    ChannelsPage *page = m_window->channelsPage();
    connect(page, &ChannelsPage::loadFailed, this, [this](const QString &message) { fail(message); });
    connect(page, &ChannelsPage::loaded, this, &ScreenshotTour::renderWhenReady);
    if (Monitor *monitor = m_window->monitor())
        connect(monitor, &Monitor::snapshotReady, this, &ScreenshotTour::renderWhenReady);
    m_timeout->start(timeoutMs);
    renderWhenReady();
}

void ScreenshotTour::renderWhenReady()
{
    if (m_started || m_done || m_window.isNull() || m_window->channelsPage()->model()->rowCount() == 0)
        return;
    // With a monitor, a few cycles first: every channel has a verdict by then
    // (N = M = 3) and the pages show states, not "unknown".
    const MonitorSnapshotPtr snapshot = m_window->lastSnapshot();
    if (m_window->monitor() != nullptr && (!snapshot || snapshot->cycle < kMinCycles))
        return;
    m_started = true;
    if (m_window->channelsPage()->model()->rowCount() > DashboardPage::kTilesUpTo) {
        // A large tenant: its status grid and the wall screen, once the monitor's
        // verdicts have settled into a few incidents.
        QTimer::singleShot(kLargeSettleMs, this, &ScreenshotTour::renderLarge);
        return;
    }
    // The Dashboard and Quality pages on the channel with failover targets (the
    // demo's degrading trunk): rendered once its last 6 hours are drawn.
    const QList<Channel> &all = m_window->channelsPage()->model()->channels();
    auto it = std::find_if(all.cbegin(), all.cend(), [](const Channel &c) { return !c.routing.failoverChannels.isEmpty(); });
    const QString id = it != all.cend() ? it->id : all.first().id;
    m_storyChannel = id;
    m_window->dashboardPage()->selectChannel(id);
    connect(m_window->qualityPage(), &QualityPage::loaded, this, [this] {
        QTimer::singleShot(kSettleMs, this, &ScreenshotTour::renderPages);
    }, Qt::SingleShotConnection);
    m_window->qualityPage()->setRange(QualityPage::Range::Last6Hours);
    m_window->qualityPage()->showChannel(id);
}

void ScreenshotTour::renderPages()
{
    if (m_done || m_window.isNull())
        return;
    ChannelsPage *channels = m_window->channelsPage();
    // A selected row, as a person would have one.
    const QModelIndex first = channels->view()->model()->index(0, 0);
    if (first.isValid())
        channels->selectChannel(first.data(ChannelTableModel::ChannelIdRole).toString());

    const QList<QPair<MainWindow::Page, QString>> pages{{MainWindow::Page::Channels, QStringLiteral("channels.png")},
                                                        {MainWindow::Page::Dashboard, QStringLiteral("dashboard.png")},
                                                        {MainWindow::Page::Quality, QStringLiteral("quality.png")},
                                                        {MainWindow::Page::Audit, QStringLiteral("audit.png")}};
    // The newest audit entry selected: its details show in full below the table.
    m_window->auditPage()->view()->selectRow(0);
    for (const auto &[which, name] : pages) {
        m_window->showPage(which);
        if (!save(m_window, name))
            return;
    }
    m_window->showPage(MainWindow::Page::Channels);

    // The editor on a channel that shows every section filled: codecs and
    // failover targets.
    const QList<Channel> &all = channels->model()->channels();
    auto it = std::find_if(all.cbegin(), all.cend(), [](const Channel &c) {
        return c.configuration.codecs.size() >= 2 && !c.routing.failoverChannels.isEmpty();
    });
    connect(m_window->channelActions(), &ChannelActions::editorOpened, this, [this] {
        QTimer::singleShot(kSettleMs, this, &ScreenshotTour::renderEditor);
    }, Qt::SingleShotConnection);
    m_window->channelActions()->editChannel(it != all.cend() ? it->id : all.first().id);
}

void ScreenshotTour::renderLarge()
{
    if (m_done || m_window.isNull())
        return;
    const int channels = m_window->channelsPage()->model()->rowCount();
    m_window->showPage(MainWindow::Page::Dashboard);
    DashboardPage *dashboard = m_window->dashboardPage();
    // The first channel in trouble selected, as an operator would have it.
    if (const MonitorSnapshotPtr snapshot = m_window->lastSnapshot()) {
        for (const ChannelHealth &health : snapshot->channels) {
            if (gridStateOf(health) == GridState::Down || gridStateOf(health) == GridState::FailedOver) {
                dashboard->selectChannel(health.id);
                break;
            }
        }
    }
    dashboard->flush();
    if (!save(m_window, QStringLiteral("dashboard-%1.png").arg(channels)))
        return;
    WallScreen *wall = m_window->openWallScreen();
    wall->showNormal();
    wall->resize(1920, 1080);
    QTimer::singleShot(kSettleMs, this, [this, wall] {
        if (m_done || !save(wall, QStringLiteral("wall.png")))
            return;
        wall->close();
        renderAlarms();
    });
}

void ScreenshotTour::renderAlarms()
{
    if (m_done || m_window.isNull())
        return;
    AlarmKeeper *keeper = m_window->alarms()->keeper();
    AlarmsPage *page = m_window->alarmsPage();
    m_window->showPage(MainWindow::Page::Alarms);
    // In the channels' order, so that new, acknowledged and shelved ones show together.
    page->view()->sortByColumn(int(AlarmTableModel::Column::Channel), Qt::AscendingOrder);
    QList<qint64> rows;
    for (int row = 0; row < page->view()->model()->rowCount() && rows.size() < 4; ++row) {
        const QModelIndex index = page->view()->model()->index(row, 0);
        if (!index.data(AlarmTableModel::ChannelIdRole).toString().isEmpty())
            rows.append(index.data(AlarmTableModel::AlarmNumberRole).toLongLong());
    }
    if (keeper == nullptr || rows.size() < 4) {
        finish();   // too few alarms to show their states: the page is left out
        return;
    }
    // As an engineer mid-shift: one taken in hand, one put aside for the carrier's window.
    keeper->acknowledge(rows.at(1), tr("Carrier ticket 4411 opened, Ana on it"));
    keeper->shelve(rows.at(3), QDateTime::currentDateTimeUtc().addSecs(3600), tr("Carrier maintenance until 11:00"));
    const qint64 shown = rows.at(1);
    auto pending = std::make_shared<int>(2);
    connect(keeper, &AlarmKeeper::actionFinished, this, [this, page, pending, shown] {
        if (--*pending != 0)
            return;
        page->selectAlarm(shown);
        QTimer::singleShot(kSettleMs, this, [this] {
            if (!m_done && save(m_window, QStringLiteral("alarms.png")))
                finish();
        });
    });
}

void ScreenshotTour::finish()
{
    m_done = true;
    m_timeout->stop();
    emit finished(true, tr("wrote %1 to %2").arg(m_written.join(QStringLiteral(", ")), m_directory));
}

void ScreenshotTour::renderEditor()
{
    if (m_done || m_window.isNull())
        return;
    ChannelEditorDialog *editor = m_window->channelActions()->editor();
    if (editor == nullptr) {
        fail(tr("the channel editor did not open"));
        return;
    }
    if (!save(editor, QStringLiteral("editor.png")))
        return;
    editor->reject();
    Monitor *monitor = m_window->monitor();
    if (monitor == nullptr) {
        m_done = true;
        m_timeout->stop();
        emit finished(true, tr("wrote %1 to %2").arg(m_written.join(QStringLiteral(", ")), m_directory));
        return;
    }
    // The history of the demo's incident once it is over: the trunk failed over
    // and back (about 95 s into the demo, so the tour waits for it).
    m_timeout->start(180000);
    connect(monitor, &Monitor::eventRaised, this, [this](const MonitorEvent &event) {
        if (event.type == events::kFailbackDone && event.channelId == m_storyChannel && !m_done)
            QTimer::singleShot(6000, this, &ScreenshotTour::renderHistory);   // committed, and a cycle after it read
    });
}

void ScreenshotTour::renderHistory()
{
    if (m_done || m_window.isNull())
        return;
    ChannelHistoryDialog *history = m_window->openHistory(m_storyChannel);
    if (history == nullptr) {
        fail(tr("the channel's history did not open"));
        return;
    }
    connect(history, &ChannelHistoryDialog::loaded, this, [this, history] {
        QTimer::singleShot(kSettleMs, this, [this, history] {
            if (m_done || !save(history, QStringLiteral("history.png")))
                return;
            history->close();
            m_done = true;
            m_timeout->stop();
            emit finished(true, tr("wrote %1 to %2").arg(m_written.join(QStringLiteral(", ")), m_directory));
        });
    }, Qt::SingleShotConnection);
}

bool ScreenshotTour::save(QWidget *widget, const QString &name)
{
    const QString path = QDir(m_directory).filePath(name);
    if (!widget->grab().save(path, "PNG")) {
        fail(tr("cannot write %1").arg(path));
        return false;
    }
    m_written.append(name);
    return true;
}

void ScreenshotTour::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout->stop();
    emit finished(false, message);
}

} // namespace cc::ui
