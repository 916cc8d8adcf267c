// The monitor against a hostile tenant (issue 12): a channel list whose pages
// never end is "no data" for the cycle, never "the channels are gone", and a
// tenant that drip-feeds its answers cannot stall the cadence past a cycle's
// deadline. The in-process simulated tenant, faults through its control API.

#include "sim_fixture.h"
#include "sim_client.h"

#include "client/rate_budget.h"
#include "monitor/monitor.h"

#include <QElapsedTimer>
#include <QTest>

#include <gtest/gtest.h>

using namespace cc;

namespace {

constexpr int kWaitMs = 20000;

sim::SimOptions simOptions()
{
    sim::SimOptions options;
    options.channels = 12;
    options.rateLimitPerMinute = 1000000;
    return options;
}

void apply(test::SimFixture &sim, const QJsonObject &action)
{
    QString error;
    ASSERT_TRUE(sim.tenant().applyAction(action, &error)) << error.toStdString();
}

// What a monitor said, gathered from its start.
struct Seen
{
    explicit Seen(Monitor &monitor)
    {
        QObject::connect(&monitor, &Monitor::eventRaised, &context, [this](const MonitorEvent &e) { events.append(e); });
        QObject::connect(&monitor, &Monitor::snapshotReady, &context,
                         [this](const MonitorSnapshotPtr &s) { snapshots.append(s); });
    }

    QObject context;
    QList<MonitorEvent> events;
    QList<MonitorSnapshotPtr> snapshots;

    const MonitorEvent *cycleFailed(const QString &code) const
    {
        for (const MonitorEvent &e : events) {
            if (e.type == events::kCycleFailed
                && e.details.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString() == code)
                return &e;
        }
        return nullptr;
    }
};

} // namespace

TEST(MonitorAgainstHostileTenant, PagesThatNeverEndAreNoDataNeverChannelsGone)
{
    test::SimFixture sim(simOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString first = sim.channelId(0);
    MonitorSettings settings;
    settings.intervalMs = 200;
    Monitor monitor(test::simProfile(sim, 10), test::fastClientOptions(1, 1000000), settings);
    Seen seen(monitor);
    monitor.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !seen.snapshots.isEmpty() && seen.snapshots.back()->channels.size() == 12; }, kWaitMs));

    apply(sim, QJsonObject{{QStringLiteral("action"), QStringLiteral("loop_pages")}, {QStringLiteral("total"), 1000000}});
    ASSERT_TRUE(QTest::qWaitFor([&] { return seen.cycleFailed(QStringLiteral("paging_broken")) != nullptr; }, kWaitMs));
    const qsizetype after = seen.snapshots.size();
    ASSERT_TRUE(QTest::qWaitFor([&] { return seen.snapshots.size() >= after + 2; }, kWaitMs));
    // Every channel is still known, none of them counted gone or down for it.
    const MonitorSnapshotPtr &last = seen.snapshots.back();
    ASSERT_EQ(last->channels.size(), 12);
    bool firstSeen = false;
    for (const ChannelHealth &row : last->channels) {
        EXPECT_NE(row.health, HealthState::Down) << row.id.toStdString();
        firstSeen = firstSeen || row.id == first;
    }
    EXPECT_TRUE(firstSeen);
    EXPECT_TRUE(sim.requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/api/v2/channels")).isEmpty());
    const QString text = seen.cycleFailed(QStringLiteral("paging_broken"))->details.value(QLatin1String("message")).toString();
    EXPECT_TRUE(text.contains(QStringLiteral("repeats channel"))) << text.toStdString();
}

TEST(MonitorAgainstHostileTenant, ADripFedAnswerCannotStallTheCadencePastTheCycleDeadline)
{
    test::SimFixture sim(simOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    MonitorSettings settings;
    settings.intervalMs = 200;
    settings.cycleDeadlineMs = 1000;
    Monitor monitor(test::simProfile(sim, 10), test::fastClientOptions(1, 1000000), settings);
    Seen seen(monitor);
    monitor.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !seen.snapshots.isEmpty(); }, kWaitMs));

    // Each channel list now takes about a minute, a byte every 50 ms; the
    // request's own deadline (10 s) is far beyond the cycle's.
    apply(sim, QJsonObject{{QStringLiteral("action"), QStringLiteral("drip")},
                           {QStringLiteral("count"), -1},
                           {QStringLiteral("interval_ms"), 50},
                           {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/channels")}});
    const qsizetype before = seen.snapshots.size();
    QElapsedTimer clock;
    clock.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return seen.snapshots.size() >= before + 3; }, kWaitMs));
    // Three cycles of at most a second each (plus the interval), not three of ten seconds.
    EXPECT_LT(clock.elapsed(), 6000);
    const MonitorEvent *cut = seen.cycleFailed(QStringLiteral("cycle_deadline"));
    ASSERT_NE(cut, nullptr);
    const QString text = cut->details.value(QLatin1String("message")).toString();
    EXPECT_TRUE(text.contains(QStringLiteral("within the cycle's deadline of 1000 ms"))) << text.toStdString();
    for (const ChannelHealth &row : seen.snapshots.back()->channels)
        EXPECT_NE(row.health, HealthState::Down) << row.id.toStdString();
}
