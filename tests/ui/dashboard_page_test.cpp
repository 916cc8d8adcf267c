// The Dashboard page: tiles from monitor snapshots (built by hand, then from a
// real monitor against the simulated tenant in-process), the event feed, and
// the pause control stopping the failover PATCH.

#include "channel_table_model.h"
#include "channel_tile_delegate.h"
#include "channel_tile_model.h"
#include "dashboard_page.h"
#include "event_feed_model.h"
#include "channels_page.h"
#include "main_window.h"
#include "profile_store.h"

#include "console_window.h"

#include "audit/audit_log.h"
#include "client/rate_budget.h"
#include "monitor/monitor.h"

#include <QAbstractItemModelTester>
#include <QInputDialog>
#include <QTemporaryDir>
#include <QUuid>
#include <QJsonArray>
#include <QCheckBox>
#include <QLabel>
#include <QSystemTrayIcon>
#include <QLineEdit>
#include <QListView>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTextDocument>
#include <QComboBox>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::ui;
using namespace cc::ui::test;

namespace {

// What the tile view shows (its filtered, sorted model), reached as a user
// would find the view: by its object name.
QAbstractItemModel *tilesShown(const DashboardPage &page)
{
    auto *view = page.findChild<QListView *>(QStringLiteral("tileView"));
    EXPECT_NE(view, nullptr) << "no tile view named tileView";
    return view ? view->model() : nullptr;
}

constexpr int kWaitMs = 30000;   // generous: the machine is shared and loaded

ChannelHealth health(const QString &id, const QString &name, ChannelStatus status, HealthState state,
                     std::optional<double> latency, const QDateTime &at)
{
    ChannelHealth h;
    h.id = id;
    h.name = name;
    h.tenantStatus = status;
    h.health = state;
    h.latencyMs = latency;
    if (latency) {
        h.jitterMs = 4.0;
        h.packetLossPct = 0.2;
        h.mos = 4.2;
        h.telemetryAt = at.addSecs(-10);
    }
    h.lastSeen = at;
    return h;
}

// `count` channels "ch_0", "ch_1", … on trunks "trunk-0", "trunk-1", …, all alike.
QList<ChannelHealth> numberedChannels(int count, ChannelStatus status, HealthState state, double latencyMs,
                                      const QDateTime &at)
{
    QList<ChannelHealth> channels;
    for (int i = 0; i < count; ++i) {
        channels.append(
            health(QStringLiteral("ch_%1").arg(i), QStringLiteral("trunk-%1").arg(i), status, state, latencyMs, at));
    }
    return channels;
}

MonitorSnapshotPtr snapshot(quint64 cycle, const QDateTime &at, const QList<ChannelHealth> &channels)
{
    auto s = std::make_shared<MonitorSnapshot>();
    s->cycle = cycle;
    s->takenAt = at;
    s->intervalMs = 10000;
    s->channels = channels;
    return s;
}

const ChannelTile *tileOf(const DashboardPage &page, const QString &id)
{
    return page.model()->tileById(id);
}

// A tenant with P failing over to B; every channel held healthy, nobody routed.
class LiveDashboard : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QLoggingCategory::setFilterRules(QStringLiteral("cc.api.debug=false"));
        ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
        p = sim.channelId(0);
        b = sim.channelId(1);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto &store = sim.tenant().channels();
        for (const QString &id : store.orderedIds()) {
            store.patch(id, QJsonObject{{QStringLiteral("routing"), QJsonObject{{QStringLiteral("primary_channel_id"), QJsonValue::Null},
                                                                                 {QStringLiteral("failover_channels"), QJsonArray{}}}}},
                        std::nullopt, now);
            setStatus(id, QStringLiteral("healthy"));
        }
        store.patch(p, QJsonObject{{QStringLiteral("routing"), QJsonObject{{QStringLiteral("failover_channels"), QJsonArray{b}}}}},
                    std::nullopt, now);
        sim.clearRequests();
    }

    // Until the dashboard shows channel `id` in `state`.
    bool waitForHealth(const QString &id, HealthState state)
    {
        return waitUntil([&] {
            const ChannelTile *tile = tileOf(page, id);
            return tile != nullptr && tile->health.health == state;
        }, kWaitMs);
    }

    void setStatus(const QString &id, const QString &status)
    {
        ASSERT_TRUE(sim.holdStatus(id, status)) << "set_status " << status.toStdString() << " refused";
    }

    std::unique_ptr<Monitor> startMonitor()
    {
        ClientOptions client;
        client.retry.unitMs = 20;
        client.retry.capMs = 500;
        client.budget = std::make_shared<RateBudget>(1000000);
        MonitorSettings settings;
        settings.intervalMs = 200;
        settings.failover.hysteresis = {3, 3, 3};
        ConnectionProfile profile = simProfile(sim);
        profile.timeoutSeconds = 10;
        auto monitor = std::make_unique<Monitor>(profile, client, settings);
        page.setMonitor(monitor.get());
        monitor->start();
        return monitor;
    }

    int patchesOf(const QString &id)
    {
        int n = 0;
        for (const QJsonValue &value : sim.requests()) {
            const QJsonObject entry = value.toObject();
            n += entry.value(QLatin1String("method")).toString() == QLatin1String("PATCH")
                 && entry.value(QLatin1String("path")).toString().endsWith(QLatin1Char('/') + id);
        }
        return n;
    }

    bool feedHas(QLatin1String type, const QString &channelId)
    {
        for (int row = 0; row < page.feed()->rowCount(); ++row) {
            const MonitorEvent &event = page.feed()->eventAt(row);
            if (event.type == type && event.channelId == channelId)
                return true;
        }
        return false;
    }

    cc::test::SimFixture sim{simOptions(4)};
    DashboardPage page;
    QString p;
    QString b;
};

} // namespace

TEST(DashboardTiles, ASnapshotChangesATilesState)
{
    DashboardPage page;
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester proxyTester(tilesShown(page), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester feedTester(page.feed(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.resize(1000, 600);
    page.show();
    const QDateTime t0 = QDateTime::currentDateTimeUtc();

    page.applySnapshot(snapshot(1, t0, {health(QStringLiteral("ch_a"), QStringLiteral("alpha"), ChannelStatus::Healthy, HealthState::Up, 40.0, t0),
                                        health(QStringLiteral("ch_b"), QStringLiteral("bravo"), ChannelStatus::Healthy, HealthState::Up, std::nullopt, t0)}));
    page.flush();
    ASSERT_EQ(page.model()->rowCount(), 2);
    const ChannelTile *alpha = tileOf(page, QStringLiteral("ch_a"));
    ASSERT_NE(alpha, nullptr);
    EXPECT_EQ(alpha->health.health, HealthState::Up);
    EXPECT_TRUE(ChannelTileDelegate::metricsLine(*alpha).contains(QStringLiteral("40 ms")));
    const ChannelTile *bravo = tileOf(page, QStringLiteral("ch_b"));
    EXPECT_TRUE(ChannelTileDelegate::metricsLine(*bravo).startsWith(QStringLiteral("No data")))
        << "no telemetry shows as no data, never as zeros";
    EXPECT_FALSE(ChannelTileDelegate::metricsLine(*bravo).contains(QLatin1Char('0')));
    EXPECT_EQ(ChannelTileDelegate::mosLine(*bravo), QStringLiteral("MOS: no data"));

    // The next cycle: alpha is down and unhealthy, routed via bravo.
    QSignalSpy changed(page.model(), &QAbstractItemModel::dataChanged);
    ChannelHealth down = health(QStringLiteral("ch_a"), QStringLiteral("alpha"), ChannelStatus::Active, HealthState::Down, 400.0, t0.addSecs(10));
    down.routedVia = QStringLiteral("ch_b");
    const QDateTime t1 = t0.addSecs(10);
    page.applySnapshot(snapshot(2, t1, {down, health(QStringLiteral("ch_b"), QStringLiteral("bravo"), ChannelStatus::Healthy, HealthState::Up, 30.0, t1)}));
    EXPECT_EQ(changed.count(), 0) << "applying only marks dirty; the repaint timer sends the change";
    EXPECT_TRUE(waitUntil([&] { return changed.count() > 0; }, 5000)) << "the timer repaints";
    alpha = tileOf(page, QStringLiteral("ch_a"));
    EXPECT_EQ(alpha->health.health, HealthState::Down);
    EXPECT_EQ(ChannelTileDelegate::routingLine(*alpha).left(9), QStringLiteral("via bravo"));
    EXPECT_TRUE(ChannelTileDelegate::routingLine(*alpha).contains(QStringLiteral(" since ")));
    EXPECT_EQ(alpha->latencyHistory.size(), 2);
    EXPECT_TRUE(ChannelTileDelegate::statusLine(*alpha).contains(QStringLiteral("down")));
    // Worst first: the down tile leads.
    EXPECT_EQ(tilesShown(page)->index(0, 0).data(ChannelTileModel::ChannelIdRole).toString(), QStringLiteral("ch_a"));
    EXPECT_EQ(page.feed()->rowCount(), 0);

    // The monitor goes quiet: after three cycles' time the tiles are stale, not zero.
    page.model()->updateStaleness(t1.addSecs(60));
    EXPECT_TRUE(tileOf(page, QStringLiteral("ch_b"))->stale);
    EXPECT_TRUE(ChannelTileDelegate::tileLines(*tileOf(page, QStringLiteral("ch_b"))).join(QLatin1Char('\n')).contains(QStringLiteral("Stale")));

    // The filter narrows the tiles.
    cc::ui::test::retype(page.findChild<QLineEdit *>(QStringLiteral("tileFilter")), QStringLiteral("alpha"));
    EXPECT_EQ(tilesShown(page)->rowCount(), 1);
}

TEST(DashboardTiles, AVanishedChannelLeavesAndANewOneArrives)
{
    ChannelTileModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    model.applySnapshot(snapshot(1, t0, {health(QStringLiteral("a"), QStringLiteral("a"), ChannelStatus::Healthy, HealthState::Up, 1.0, t0),
                                         health(QStringLiteral("b"), QStringLiteral("b"), ChannelStatus::Healthy, HealthState::Up, 1.0, t0),
                                         health(QStringLiteral("c"), QStringLiteral("c"), ChannelStatus::Healthy, HealthState::Up, 1.0, t0)}));
    model.applySnapshot(snapshot(2, t0, {health(QStringLiteral("c"), QStringLiteral("c"), ChannelStatus::Healthy, HealthState::Up, 1.0, t0),
                                         health(QStringLiteral("d"), QStringLiteral("d"), ChannelStatus::Healthy, HealthState::Up, 1.0, t0)}));
    model.flush();
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.rowOf(QStringLiteral("c")), 0);
    EXPECT_EQ(model.rowOf(QStringLiteral("d")), 1);
    EXPECT_EQ(model.rowOf(QStringLiteral("a")), -1);
}

TEST_F(LiveDashboard, AFailoverShowsOnTheTileAndInTheFeed)
{
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester feedTester(page.feed(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy notified(&page, &DashboardPage::notified);
    page.setNotificationsEnabled(true);
    page.show();
    auto monitor = startMonitor();
    ASSERT_TRUE(waitForHealth(p, HealthState::Up));

    setStatus(p, QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitUntil([&] {
        const ChannelTile *tile = tileOf(page, p);
        return tile != nullptr && tile->health.routedVia == b;
    }, kWaitMs)) << "the tile shows the routing after the failover";
    const ChannelTile *tile = tileOf(page, p);
    EXPECT_EQ(tile->health.health, HealthState::Down);
    EXPECT_TRUE(ChannelTileDelegate::routingLine(*tile).startsWith(QStringLiteral("via ")));
    EXPECT_TRUE(ChannelTileDelegate::routingLine(*tile).contains(QStringLiteral(" since "))) << "we saw it happen";
    EXPECT_TRUE(waitUntil([&] { return feedHas(events::kFailoverDone, p); }, kWaitMs));
    EXPECT_TRUE(feedHas(events::kHealthStateChanged, p));
    // Notifications come from the alarms only (new, unacknowledged: AlarmsControllerTest), never from a feed line.
    EXPECT_EQ(notified.count(), 0);
}

TEST_F(LiveDashboard, FailOverIsOfferedOnlyForAChannelWithBackups)
{
    page.show();
    auto monitor = startMonitor();
    ASSERT_TRUE(waitUntil([&] {
        const ChannelTile *primary = tileOf(page, p);
        const ChannelTile *backup = tileOf(page, b);
        return primary != nullptr && backup != nullptr && primary->health.health == HealthState::Up;
    }, kWaitMs));
    auto *failover = page.findChild<QPushButton *>(QStringLiteral("failoverButton"));
    ASSERT_NE(failover, nullptr);

    page.selectChannel(b);
    EXPECT_FALSE(failover->isEnabled()) << "the backup has no failover channels of its own";
    EXPECT_TRUE(failover->toolTip().contains(QStringLiteral("no failover channels")));

    page.selectChannel(p);
    EXPECT_TRUE(failover->isEnabled());
}

TEST_F(LiveDashboard, PausingFailoverStopsThePatch)
{
    page.show();
    auto monitor = startMonitor();
    ASSERT_TRUE(waitForHealth(p, HealthState::Up));

    auto *pause = page.findChild<QPushButton *>(QStringLiteral("pauseAllButton"));
    ASSERT_NE(pause, nullptr);
    ASSERT_TRUE(pause->isEnabled());
    pause->click();
    QMessageBox *box = waitForShown<QMessageBox>(page, "confirmPauseAllBox");
    ASSERT_NE(box, nullptr) << "pausing asks first";
    box->button(QMessageBox::Yes)->click();
    ASSERT_TRUE(waitUntil([&] {
        const MonitorSnapshotPtr s = page.model()->snapshot();
        return s && s->failoverPausedAll;
    }, kWaitMs));
    EXPECT_TRUE(waitUntil([&] { return feedHas(events::kFailoverPaused, QString()); }, kWaitMs));
    EXPECT_TRUE(waitUntil([&] { return pause->isChecked(); }, 5000));

    setStatus(p, QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitForHealth(p, HealthState::Down));
    // A few more cycles in which an unpaused monitor would have failed over.
    const quint64 downCycle = page.model()->snapshot()->cycle;
    ASSERT_TRUE(waitUntil([&] { return page.model()->snapshot()->cycle >= downCycle + 5; }, kWaitMs));
    EXPECT_EQ(patchesOf(p), 0) << "paused: the monitor watches but sends no failover PATCH";
    EXPECT_TRUE(tileOf(page, p)->health.routedVia.isEmpty());
}

TEST_F(LiveDashboard, InTheWindowPausingOneChannelIsConfirmedAndAudited)
{
    ConsoleWindow console;
    ASSERT_TRUE(console.auditOpen);
    MainWindow &window = console.window;
    console.show();
    window.connectWith(everySecond(sim));
    DashboardPage *dashboard = window.dashboardPage();
    ASSERT_NE(dashboard, nullptr);
    window.showPage(MainWindow::Page::Dashboard);
    ASSERT_TRUE(waitUntil([&] {
        const ChannelTile *tile = dashboard->model()->tileById(p);
        return tile != nullptr && tile->health.health == HealthState::Up;
    }, kWaitMs)) << "the window's monitor feeds the dashboard";
    ASSERT_TRUE(waitUntil([&] { return window.channelsPage()->model()->rowCount() > 0; }, kWaitMs));

    dashboard->selectChannel(p);
    auto *pauseOne = dashboard->findChild<QPushButton *>(QStringLiteral("pauseChannelButton"));
    ASSERT_TRUE(pauseOne->isEnabled());
    pauseOne->click();
    QMessageBox *box = waitForShown<QMessageBox>(*dashboard, "confirmPauseChannelBox");
    ASSERT_NE(box, nullptr);
    box->button(QMessageBox::Yes)->click();
    ASSERT_TRUE(waitUntil([&] {
        const ChannelTile *tile = dashboard->model()->tileById(p);
        return tile != nullptr && tile->health.failoverPaused;
    }, kWaitMs));
    EXPECT_TRUE(ChannelTileDelegate::statusLine(*dashboard->model()->tileById(p)).contains(QStringLiteral("failover paused")));
    EXPECT_TRUE(waitUntil([&] {
        return std::any_of(console.entries.cbegin(), console.entries.cend(), [&](const AuditEntry &e) {
            return e.eventType == QLatin1String("failover_paused") && e.channelId == p && e.source == EventSource::Manual;
        });
    }, kWaitMs)) << "the pause is in the audit trail";
    EXPECT_TRUE(waitUntil([&] { return dashboard->feed()->rowCount() > 0; }));

    // Fail over from the dashboard: the window's confirmation names the backup.
    auto *failover = dashboard->findChild<QPushButton *>(QStringLiteral("failoverButton"));
    ASSERT_TRUE(failover->isEnabled());
    failover->click();
    auto *prompt = waitForShown<QDialog>(window, "failoverTargetPrompt");
    ASSERT_NE(prompt, nullptr);
    prompt->reject();
}

namespace {

MonitorEvent failoverDone(const QString &id, const QString &target, const QDateTime &at)
{
    return MonitorEvent{QString(events::kFailoverDone), id, EventSource::Automatic, at,
                        QJsonObject{{QStringLiteral("target"), target}, {QStringLiteral("reason"), QStringLiteral("patched")},
                                    {QStringLiteral("message"), QStringLiteral("routed via %1").arg(target)}}};
}

QString tileText(const DashboardPage &page, const QString &id)
{
    return ChannelTileDelegate::tileLines(*tileOf(page, id)).join(QLatin1Char('\n'));
}

} // namespace

TEST(DashboardTiles, ABackupCarryingAnotherChannelsTrafficSaysSo)
{
    DashboardPage page;
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    ChannelHealth alpha = health(QStringLiteral("ch_a"), QStringLiteral("alpha"), ChannelStatus::Unhealthy, HealthState::Down, 400.0, t0);
    alpha.routedVia = QStringLiteral("ch_b");
    page.applySnapshot(snapshot(1, t0, {alpha, health(QStringLiteral("ch_b"), QStringLiteral("bravo"), ChannelStatus::Healthy, HealthState::Up, 30.0, t0)}));
    page.flush();
    const QString bravo = ChannelTileDelegate::routingLine(*tileOf(page, QStringLiteral("ch_b")));
    EXPECT_FALSE(bravo.contains(QStringLiteral("its own traffic"))) << bravo.toStdString();
    EXPECT_TRUE(bravo.contains(QStringLiteral("alpha"))) << bravo.toStdString();
}

TEST(DashboardTiles, AChannelDownWithNoHealthyBackupShowsAnAlarm)
{
    DashboardPage page;
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    ChannelHealth alpha = health(QStringLiteral("ch_a"), QStringLiteral("alpha"), ChannelStatus::Unhealthy, HealthState::Down, 400.0, t0);
    alpha.failoverChannels = {QStringLiteral("ch_b")};
    ChannelHealth lonely = health(QStringLiteral("ch_c"), QStringLiteral("charlie"), ChannelStatus::Unhealthy, HealthState::Down, 400.0, t0);
    ChannelHealth covered = health(QStringLiteral("ch_d"), QStringLiteral("delta"), ChannelStatus::Unhealthy, HealthState::Down, 400.0, t0);
    covered.failoverChannels = {QStringLiteral("ch_e")};
    page.applySnapshot(snapshot(1, t0, {alpha, health(QStringLiteral("ch_b"), QStringLiteral("bravo"), ChannelStatus::Unhealthy, HealthState::Down, 500.0, t0),
                                        lonely, covered, health(QStringLiteral("ch_e"), QStringLiteral("echo"), ChannelStatus::Healthy, HealthState::Up, 30.0, t0)}));
    page.flush();
    EXPECT_TRUE(tileText(page, QStringLiteral("ch_a")).contains(QStringLiteral("ALARM: down, no healthy backup"))) << tileText(page, QStringLiteral("ch_a")).toStdString();
    EXPECT_TRUE(tileText(page, QStringLiteral("ch_c")).contains(QStringLiteral("ALARM: down, no failover channel")));
    EXPECT_FALSE(tileText(page, QStringLiteral("ch_d")).contains(QStringLiteral("ALARM"))) << "a healthy backup is there to take it";
    const QString first = tilesShown(page)->index(0, 0).data(ChannelTileModel::ChannelIdRole).toString();
    EXPECT_TRUE(first == QStringLiteral("ch_a") || first == QStringLiteral("ch_c")) << "alarms lead the worst-first order";
}

TEST(DashboardTiles, AFailoverShowsOnTheTileWithTheFeedsTimeWithoutWaitingForTheNextCycle)
{
    DashboardPage page;
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    ChannelHealth alpha = health(QStringLiteral("ch_a"), QStringLiteral("alpha"), ChannelStatus::Unhealthy, HealthState::Down, 400.0, t0);
    alpha.failoverChannels = {QStringLiteral("ch_b")};
    page.applySnapshot(snapshot(1, t0, {alpha, health(QStringLiteral("ch_b"), QStringLiteral("bravo"), ChannelStatus::Healthy, HealthState::Up, 30.0, t0)}));
    page.flush();
    // The PATCH answers 3.4 s after the cycle's snapshot; the next snapshot is a cycle away.
    page.addEvent(failoverDone(QStringLiteral("ch_a"), QStringLiteral("ch_b"), t0.addMSecs(3400)));
    page.flush();
    const QString feedLine = page.findChild<QListView *>(QStringLiteral("eventFeed"))->model()->index(0, 0).data().toString();
    const QString feedTime = feedLine.section(QLatin1Char(' '), 0, 0);
    const QString routing = ChannelTileDelegate::routingLine(*tileOf(page, QStringLiteral("ch_a")));
    EXPECT_EQ(routing, QStringLiteral("via bravo since ") + feedTime) << "feed: " << feedLine.toStdString();
    EXPECT_TRUE(ChannelTileDelegate::routingLine(*tileOf(page, QStringLiteral("ch_b"))).contains(QStringLiteral("alpha")));

    // The next cycle confirms it and keeps the time.
    alpha.routedVia = QStringLiteral("ch_b");
    page.applySnapshot(snapshot(2, t0.addSecs(10), {alpha, health(QStringLiteral("ch_b"), QStringLiteral("bravo"), ChannelStatus::Healthy, HealthState::Up, 30.0, t0)}));
    page.flush();
    EXPECT_EQ(ChannelTileDelegate::routingLine(*tileOf(page, QStringLiteral("ch_a"))), QStringLiteral("via bravo since ") + feedTime);
}

namespace {

MonitorEvent verdict(const QString &id, HealthState from, HealthState to, const QDateTime &at)
{
    const bool up = to == HealthState::Up;
    return MonitorEvent{QString(events::kHealthStateChanged), id, EventSource::System, at,
                        QJsonObject{{QStringLiteral("from"), healthStateName(from)},
                                    {QStringLiteral("to"), healthStateName(to)},
                                    {QStringLiteral("reason"), up ? QStringLiteral("consecutive_good_readings")
                                                                  : QStringLiteral("consecutive_bad_readings")},
                                    {QStringLiteral("message"), up ? QStringLiteral("up after 3 consecutive good readings")
                                                                   : QStringLiteral("down after 3 consecutive bad readings (tenant status unhealthy)")}}};
}

QStringList feedLines(const DashboardPage &page)
{
    QAbstractItemModel *model = page.findChild<QListView *>(QStringLiteral("eventFeed"))->model();
    QStringList lines;
    for (int row = 0; row < model->rowCount(); ++row)
        lines.append(model->index(row, 0).data().toString());
    return lines;
}

} // namespace

TEST(DashboardFeed, ShowsReadableMessagesNotReasonCodes)
{
    DashboardPage page;
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    page.applySnapshot(snapshot(1, t0, {health(QStringLiteral("ch_a"), QStringLiteral("alpha"), ChannelStatus::Healthy, HealthState::Up, 40.0, t0),
                                        health(QStringLiteral("ch_b"), QStringLiteral("bravo"), ChannelStatus::Healthy, HealthState::Up, 40.0, t0)}));
    page.addEvent(verdict(QStringLiteral("ch_a"), HealthState::Unknown, HealthState::Up, t0));
    page.addEvent(verdict(QStringLiteral("ch_a"), HealthState::Down, HealthState::Up, t0.addSecs(60)));
    page.addEvent(MonitorEvent{QString(events::kFailbackPending), QStringLiteral("ch_a"), EventSource::Automatic, t0.addSecs(61),
                               QJsonObject{{QStringLiteral("reason"), QStringLiteral("manual_policy")},
                                           {QStringLiteral("routed_via"), QStringLiteral("ch_b")},
                                           {QStringLiteral("message"), QStringLiteral("up again and routed via ch_b; the failback policy leaves failback to an operator")}}});
    page.addEvent(MonitorEvent{QString(events::kAlarm), QStringLiteral("ch_b"), EventSource::Automatic, t0.addSecs(62),
                               QJsonObject{{QStringLiteral("reason"), QStringLiteral("no_failover_channels")},
                                           {QStringLiteral("message"), QStringLiteral("down and no failover channel is configured: nothing was changed")}}});
    const QString all = feedLines(page).join(QLatin1Char('\n'));
    for (const char *code : {"consecutive_good_readings", "no_failover_channels", "manual_policy", "ch_b"})
        EXPECT_FALSE(all.contains(QLatin1String(code))) << code << " in\n" << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("up after 3 consecutive good readings"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("routed via bravo"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("no failover channel is configured")));
}

TEST(DashboardFeed, TheFirstVerdictsAtMonitorStartAreOneLine)
{
    DashboardPage page;
    QAbstractItemModelTester feedTester(page.feed(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    page.applySnapshot(snapshot(1, t0, numberedChannels(1000, ChannelStatus::Healthy, HealthState::Up, 40.0, t0)));
    for (int i = 0; i < 1000; ++i)
        page.addEvent(verdict(QStringLiteral("ch_%1").arg(i), HealthState::Unknown, i == 7 ? HealthState::Down : HealthState::Up, t0));
    QStringList lines = feedLines(page);
    ASSERT_EQ(lines.size(), 1) << lines.mid(0, 3).join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(lines.first().contains(QStringLiteral("First verdicts: 999 up, 1 down (trunk-7)"))) << lines.first().toStdString();

    // Later changes are lines of their own.
    page.addEvent(verdict(QStringLiteral("ch_3"), HealthState::Up, HealthState::Down, t0.addSecs(30)));
    lines = feedLines(page);
    ASSERT_EQ(lines.size(), 2);
    EXPECT_TRUE(lines.first().contains(QStringLiteral("trunk-3")));
}

// A cycle's events come as one batch (Monitor::eventsRaised): 5,000 first
// verdicts and a failover are one insertion of two lines, and the line already
// there changes once, not 5,000 times (each change re-laid the feed out).
TEST(DashboardFeed, ACyclesBatchOfEventsIsOneInsertionAndOneChange)
{
    DashboardPage page;
    QAbstractItemModelTester feedTester(page.feed(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    page.applySnapshot(snapshot(1, t0, numberedChannels(5000, ChannelStatus::Healthy, HealthState::Up, 40.0, t0)));
    page.addEvent(verdict(QStringLiteral("ch_0"), HealthState::Unknown, HealthState::Up, t0));
    ASSERT_EQ(feedLines(page).size(), 1);

    MonitorEventList batch;
    for (int i = 1; i < 5000; ++i)
        batch.append(verdict(QStringLiteral("ch_%1").arg(i), HealthState::Unknown, i % 1000 == 7 ? HealthState::Down : HealthState::Up, t0));
    batch.append(failoverDone(QStringLiteral("ch_7"), QStringLiteral("ch_8"), t0.addSecs(1)));
    batch.append(verdict(QStringLiteral("ch_9"), HealthState::Up, HealthState::Down, t0.addSecs(2)));
    QSignalSpy inserted(page.feed(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(page.feed(), &QAbstractItemModel::dataChanged);
    page.addEvents(batch);
    EXPECT_EQ(inserted.size(), 1);
    EXPECT_LE(changed.size(), 1);
    const QStringList lines = feedLines(page);
    ASSERT_EQ(lines.size(), 3) << lines.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(lines.at(0).contains(QStringLiteral("trunk-9"))) << "newest first: " << lines.at(0).toStdString();
    EXPECT_TRUE(lines.at(1).contains(QStringLiteral("Failover done"))) << lines.at(1).toStdString();
    EXPECT_TRUE(lines.at(2).contains(QStringLiteral("First verdicts: 4995 up, 5 down (trunk-7, trunk-1007, trunk-2007 and 2 more)")))
        << lines.at(2).toStdString();
}

TEST(DashboardFeed, TheSearchFieldNarrowsTheFeed)
{
    DashboardPage page;
    page.show();
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    page.applySnapshot(snapshot(1, t0, {health(QStringLiteral("ch_a"), QStringLiteral("alpha"), ChannelStatus::Healthy, HealthState::Up, 40.0, t0),
                                        health(QStringLiteral("ch_b"), QStringLiteral("bravo"), ChannelStatus::Healthy, HealthState::Up, 40.0, t0)}));
    page.addEvent(verdict(QStringLiteral("ch_a"), HealthState::Up, HealthState::Down, t0));
    page.addEvent(verdict(QStringLiteral("ch_b"), HealthState::Up, HealthState::Down, t0));
    page.addEvent(failoverDone(QStringLiteral("ch_a"), QStringLiteral("ch_b"), t0.addSecs(3)));
    ASSERT_EQ(feedLines(page).size(), 3);
    QLineEdit *search = nullptr;
    for (QLineEdit *edit : page.findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == QStringLiteral("Search events"))
            search = edit;
    }
    ASSERT_NE(search, nullptr) << "a field named \"Search events\"";
    QTest::mouseClick(search, Qt::LeftButton);
    QTest::keyClicks(search, QStringLiteral("failover"));
    EXPECT_EQ(feedLines(page).size(), 1);
    retype(search, QStringLiteral("BRAVO"));
    EXPECT_EQ(feedLines(page).size(), 2) << "bravo's own event and the failover via bravo";
}

TEST(DashboardSummary, CountsChannelsNotYetCheckedAndFollowsTheFilter)
{
    DashboardPage page;
    page.show();
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    QList<ChannelHealth> channels;
    for (int i = 0; i < 1000; ++i) {
        const HealthState state = i < 10 ? HealthState::Up : (i < 12 ? HealthState::Down : HealthState::Unknown);
        channels.append(health(QStringLiteral("ch_%1").arg(i), QStringLiteral("trunk-%1").arg(i), ChannelStatus::Healthy, state, 40.0, t0));
    }
    page.applySnapshot(snapshot(1, t0, channels));
    page.flush();
    auto *summary = page.findChild<QLabel *>(QStringLiteral("dashboardSummary"));
    auto *legend = page.findChild<QLabel *>(QStringLiteral("gridLegend"));
    ASSERT_NE(summary, nullptr);
    ASSERT_NE(legend, nullptr);
    const auto plain = [](const QLabel *label) {
        QTextDocument document;
        document.setHtml(label->text());
        return document.toPlainText().simplified();
    };

    // 1,000 channels: the status grid, whose legend counts the states drawn.
    EXPECT_TRUE(summary->text().startsWith(QStringLiteral("1000 channels · "))) << summary->text().toStdString();
    ASSERT_TRUE(legend->isVisible());
    EXPECT_TRUE(plain(legend).contains(QStringLiteral("Down 2"))) << plain(legend).toStdString();
    EXPECT_TRUE(plain(legend).contains(QStringLiteral("No data 988"))) << plain(legend).toStdString();
    EXPECT_TRUE(plain(legend).contains(QStringLiteral("Up 10"))) << plain(legend).toStdString();

    QLineEdit *filter = page.findChild<QLineEdit *>(QStringLiteral("tileFilter"));
    QTest::mouseClick(filter, Qt::LeftButton);
    QTest::keyClicks(filter, QStringLiteral("trunk-1"));   // trunk-1, 10..19, 100..199: 111
    EXPECT_TRUE(summary->text().startsWith(QStringLiteral("111 of 1000 channels shown · "))) << summary->text().toStdString();
    EXPECT_TRUE(plain(legend).contains(QStringLiteral("No data 108"))) << plain(legend).toStdString();

    // The tiles, chosen by the operator, count them in the summary line.
    auto *viewChoice = page.findChild<QComboBox *>(QStringLiteral("dashboardView"));
    ASSERT_NE(viewChoice, nullptr);
    viewChoice->setCurrentIndex(viewChoice->findText(QStringLiteral("Tiles")));
    EXPECT_FALSE(legend->isVisible());
    EXPECT_TRUE(summary->text().startsWith(QStringLiteral("111 of 1000 channels shown: 1 up, 2 down, 108 not yet checked")))
        << summary->text().toStdString();
    viewChoice->setCurrentIndex(viewChoice->findText(QStringLiteral("Automatic view")));
}

TEST(DashboardNotifications, ABurstIsOneReadableNotificationShownInTheWindowWithoutATray)
{
    ASSERT_FALSE(QSystemTrayIcon::isSystemTrayAvailable()) << "offscreen has no tray";
    DashboardPage page;
    page.setNotificationsEnabled(true);
    page.resize(1400, 900);
    page.show();
    QSignalSpy notified(&page, &DashboardPage::notified);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    page.applySnapshot(snapshot(1, t0, numberedChannels(50, ChannelStatus::Unhealthy, HealthState::Down, 400.0, t0)));
    page.flush();
    // Fifty channels are a status grid: where its cells are drawn, before any notification.
    auto *grid = page.findChild<QAbstractItemView *>(QStringLiteral("statusGrid"));
    ASSERT_NE(grid, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([grid] { return grid->isVisible(); }, 5000));
    const auto gridPlace = [&page, grid] { return QRect(grid->viewport()->mapTo(&page, QPoint()), grid->viewport()->size()); };
    QCoreApplication::processEvents();
    const QRect gridBefore = gridPlace();
    // 50 channels down at once: 50 new alarms, handed over as they come (a few per set).
    for (int batch = 0; batch < 5; ++batch) {
        QList<Alarm> alarms;
        for (int i = batch * 10; i < batch * 10 + 10; ++i) {
            Alarm alarm;
            alarm.number = i + 1;
            alarm.kind = i < 40 ? AlarmKind::Down : AlarmKind::FailedOver;
            alarm.channelId = QStringLiteral("ch_%1").arg(i);
            alarm.channelName = QStringLiteral("trunk-%1").arg(i);
            alarm.summary = QStringLiteral("down, and no failover channel is configured");
            alarm.firstSeen = t0;
            alarms.append(alarm);
        }
        page.notifyNewAlarms(alarms);
    }
    ASSERT_TRUE(notified.wait(10000));
    QTest::qWait(2000);   // nothing more follows for the same burst
    ASSERT_EQ(notified.count(), 1);
    const QString title = notified.at(0).at(0).toString();
    const QString message = notified.at(0).at(1).toString();
    EXPECT_EQ(title, QStringLiteral("50 new alarms"));
    EXPECT_TRUE(message.startsWith(QStringLiteral("40 down, calls not carried, 10 failed over: trunk-0"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("and 47 more"))) << message.toStdString();
    EXPECT_FALSE(message.contains(QStringLiteral("_"))) << "no codes or ids: " << message.toStdString();

    QWidget *banner = nullptr;
    for (QWidget *widget : page.findChildren<QWidget *>()) {
        if (widget->accessibleName() == QStringLiteral("Notification"))
            banner = widget;
    }
    ASSERT_NE(banner, nullptr);
    EXPECT_TRUE(banner->isVisible()) << "without a tray the window shows it";
    QLabel *text = banner->findChild<QLabel *>();
    EXPECT_TRUE(text->text().contains(QStringLiteral("50 new alarms")));
    QCoreApplication::processEvents();
    EXPECT_EQ(gridPlace(), gridBefore) << "the notification moved the grid's cells under the mouse";
    EXPECT_TRUE(page.findChild<QCheckBox *>(QStringLiteral("notifyBox"))->isChecked());
    QPushButton *dismiss = banner->findChild<QPushButton *>();
    ASSERT_NE(dismiss, nullptr);
    EXPECT_EQ(dismiss->text(), QStringLiteral("Dismiss"));
    QTest::mouseClick(dismiss, Qt::LeftButton);
    EXPECT_FALSE(banner->isVisible());
}

// Issue 15: the history opens from the grid (a double-click on a cell, tested
// with the grid), from a tile, and from a line of the feed; it was missing for
// the last two (a tile's double-click only offered a failback).
TEST(DashboardHistory, ATileOrAFeedLineOpensItsChannelsHistoryAndAFailedOverTileStillOffersItsFailback)
{
    DashboardPage page;
    page.resize(1280, 760);
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
    page.setView(DashboardPage::View::Tiles);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    ChannelHealth routed = health(QStringLiteral("ch_c"), QStringLiteral("trunk-c"), ChannelStatus::Unhealthy, HealthState::Down, 300.0, t0);
    routed.routedVia = QStringLiteral("ch_a");
    page.applySnapshot(snapshot(1, t0, {health(QStringLiteral("ch_a"), QStringLiteral("trunk-a"), ChannelStatus::Healthy, HealthState::Up, 40.0, t0),
                                        health(QStringLiteral("ch_b"), QStringLiteral("trunk-b"), ChannelStatus::Healthy, HealthState::Up, 40.0, t0),
                                        routed}));
    page.flush();
    page.addEvent(verdict(QStringLiteral("ch_b"), HealthState::Down, HealthState::Up, t0));
    QSignalSpy history(&page, &DashboardPage::historyRequested);
    QSignalSpy failback(&page, &DashboardPage::failbackRequested);

    QListView *tiles = page.tileView();
    const auto tileCentre = [tiles](const QString &id) {
        for (int row = 0; row < tiles->model()->rowCount(); ++row) {
            const QModelIndex index = tiles->model()->index(row, 0);
            if (index.data(ChannelTileModel::ChannelIdRole).toString() == id)
                return tiles->visualRect(index).center();
        }
        return QPoint(-1, -1);
    };
    ASSERT_TRUE(waitUntil([&] { return tileCentre(QStringLiteral("ch_a")).x() >= 0; }));
    QTest::mouseClick(tiles->viewport(), Qt::LeftButton, {}, tileCentre(QStringLiteral("ch_a")));
    QTest::mouseDClick(tiles->viewport(), Qt::LeftButton, {}, tileCentre(QStringLiteral("ch_a")));
    ASSERT_EQ(history.count(), 1) << tileCentre(QStringLiteral("ch_a")).x() << "," << tileCentre(QStringLiteral("ch_a")).y();
    EXPECT_EQ(history.last().first().toString(), QStringLiteral("ch_a"));
    QTest::mouseClick(tiles->viewport(), Qt::LeftButton, {}, tileCentre(QStringLiteral("ch_c")));
    QTest::mouseDClick(tiles->viewport(), Qt::LeftButton, {}, tileCentre(QStringLiteral("ch_c")));
    EXPECT_EQ(history.count(), 1);
    ASSERT_EQ(failback.count(), 1) << "a failed-over tile's double-click is still its failback";

    auto *feed = page.findChild<QListView *>(QStringLiteral("eventFeed"));
    ASSERT_NE(feed, nullptr);
    ASSERT_GT(feed->model()->rowCount(), 0);
    const QPoint line = feed->visualRect(feed->model()->index(0, 0)).center();
    QTest::mouseClick(feed->viewport(), Qt::LeftButton, {}, line);
    QTest::mouseDClick(feed->viewport(), Qt::LeftButton, {}, line);
    ASSERT_EQ(history.count(), 2);
    EXPECT_EQ(history.last().first().toString(), QStringLiteral("ch_b"));
}
