// The monitor worker against the in-process simulated tenant: real HTTP on
// loopback, a short cadence, health forced with set_status, outcomes checked in
// the tenant's own request log and counters.

#include "sim_fixture.h"
#include "sim_client.h"

#include "client/rate_budget.h"
#include "monitor/monitor.h"
#include "monitor/monitor_worker.h"
#include "monitor/health_state.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

using namespace cc;

namespace {

constexpr int kWaitMs = 20000;   // generous: the machine is shared and loaded

// The client's per-request debug lines would bury a failure's story; the
// monitor's event lines (cc.monitor, info) stay.
class QuietClientLog final : public ::testing::Environment
{
public:
    void SetUp() override { QLoggingCategory::setFilterRules(QStringLiteral("cc.api.debug=false")); }
};
const auto *const kQuietClientLog = ::testing::AddGlobalTestEnvironment(new QuietClientLog);

// Everything a Monitor said, in the order it said it.
class Recorder final : public QObject
{
public:
    explicit Recorder(Monitor *monitor)
    {
        connect(monitor, &Monitor::eventRaised, this, [this](const MonitorEvent &event) {
            events.append(event);
            sequence.append(event.type);
        });
        connect(monitor, &Monitor::snapshotReady, this, [this](const MonitorSnapshotPtr &snapshot) {
            snapshots.append(snapshot);
            sequence.append(QStringLiteral("#snapshot"));
        });
    }

    int count(QLatin1String type, const QString &channelId = {}) const
    {
        int n = 0;
        for (const MonitorEvent &e : events)
            n += (e.type == type && (channelId.isEmpty() || e.channelId == channelId)) ? 1 : 0;
        return n;
    }
    const MonitorEvent *find(QLatin1String type, const QString &channelId = {}) const
    {
        for (const MonitorEvent &e : events) {
            if (e.type == type && (channelId.isEmpty() || e.channelId == channelId))
                return &e;
        }
        return nullptr;
    }
    std::optional<ChannelHealth> latest(const QString &id) const
    {
        if (snapshots.isEmpty())
            return std::nullopt;
        for (const ChannelHealth &row : snapshots.back()->channels) {
            if (row.id == id)
                return row;
        }
        return std::nullopt;
    }
    bool allUp(const QStringList &ids) const
    {
        for (const QString &id : ids) {
            const std::optional<ChannelHealth> row = latest(id);
            if (!row || row->health != HealthState::Up)
                return false;
        }
        return true;
    }

    QList<MonitorEvent> events;
    QList<MonitorSnapshotPtr> snapshots;
    QStringList sequence;
};

bool waitUntil(const std::function<bool()> &condition, int timeoutMs = kWaitMs)
{
    return QTest::qWaitFor(condition, timeoutMs);
}

sim::SimOptions simOptions(int channels)
{
    sim::SimOptions options;
    options.channels = channels;
    options.rateLimitPerMinute = 1000000;   // the cadence here is far faster than a real tenant's
    return options;
}

MonitorSettings fastSettings()
{
    MonitorSettings settings;
    settings.intervalMs = 200;
    settings.failover.hysteresis = {3, 3, 3};
    settings.failover.cooldownMs = 300 * 1000;
    return settings;
}

// A scenario: primary P failing over to B1 then B2, every channel held healthy.
class MonitorScenario : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
        p = sim.channelId(0);
        b1 = sim.channelId(1);
        b2 = sim.channelId(2);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto &store = sim.tenant().channels();
        for (const QString &id : store.orderedIds()) {
            // Nobody starts failed over; the seeded random health is replaced by a held "healthy".
            store.patch(id, QJsonObject{{QStringLiteral("routing"), QJsonObject{{QStringLiteral("primary_channel_id"), QJsonValue::Null}}}},
                        std::nullopt, now);
            setStatus(id, QStringLiteral("healthy"));
        }
        // The backups have no backups of their own: nothing else fails over.
        for (const QString &id : {b1, b2}) {
            store.patch(id, QJsonObject{{QStringLiteral("routing"), QJsonObject{{QStringLiteral("failover_channels"), QJsonArray{}}}}},
                        std::nullopt, now);
        }
        const auto result = store.patch(p, QJsonObject{{QStringLiteral("routing"), QJsonObject{{QStringLiteral("failover_channels"),
                                                                                                 QJsonArray{b1, b2}}}}},
                                        std::nullopt, now);
        ASSERT_EQ(result.outcome, sim::ChannelStore::PatchOutcome::Updated);
    }

    void setStatus(const QString &id, const QString &status)
    {
        ASSERT_TRUE(sim.holdStatus(id, status)) << "set_status " << status.toStdString() << " refused";
    }

    std::unique_ptr<Monitor> startMonitor(const MonitorSettings &settings, std::unique_ptr<Recorder> *recorder,
                                          const ClientOptions &client = test::fastClientOptions(5, 1000000))
    {
        auto monitor = std::make_unique<Monitor>(test::simProfile(sim, 10), client, settings);
        *recorder = std::make_unique<Recorder>(monitor.get());
        monitor->start();
        return monitor;
    }

    // A monitor that has seen P and both backups Up; the tenant's request log is
    // cleared after, so it holds what the scenario brings. Null when they never came up.
    std::unique_ptr<Monitor> startMonitorAllUp(const MonitorSettings &settings, std::unique_ptr<Recorder> *recorder,
                                               const ClientOptions &client = test::fastClientOptions(5, 1000000))
    {
        auto monitor = startMonitor(settings, recorder, client);
        if (!waitUntil([&] { return (*recorder)->allUp({p, b1, b2}); }))
            return nullptr;
        sim.clearRequests();
        return monitor;
    }

    // PATCH requests on the channel, as the tenant logged them.
    QList<QJsonObject> patchesOf(const QString &id, bool successfulOnly = true)
    {
        QList<QJsonObject> result;
        for (const QJsonValue &value : sim.requests()) {
            const QJsonObject entry = value.toObject();
            if (entry.value(QLatin1String("method")).toString() != QLatin1String("PATCH"))
                continue;
            if (!entry.value(QLatin1String("path")).toString().endsWith(QLatin1Char('/') + id))
                continue;
            const int status = entry.value(QLatin1String("status")).toInt();
            if (successfulOnly && (status < 200 || status >= 300))
                continue;
            result.append(entry);
        }
        return result;
    }
    int allPatches() { return static_cast<int>(sim.requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/")).size()); }
    bool waitForCycles(const Recorder &recorder, int cycles)
    {
        const qsizetype target = recorder.snapshots.size() + cycles;
        return waitUntil([&] { return recorder.snapshots.size() >= target; });
    }
    QString routedVia(const QString &id) { return sim.tenant().channels().find(id)->routing.primaryChannelId; }

    test::SimFixture sim{simOptions(12)};
    QString p, b1, b2;
};

} // namespace

TEST_F(MonitorScenario, UnhealthyChannelFailsOverAfterExactlyNCyclesSkippingAnUnhealthyFirstBackup)
{
    std::unique_ptr<Recorder> rec;
    auto monitor = startMonitorAllUp(fastSettings(), &rec);
    ASSERT_TRUE(monitor) << "P and its backups never all read Up";
    setStatus(p, QStringLiteral("unhealthy"));
    setStatus(b1, QStringLiteral("unhealthy"));
    const qsizetype mark = rec->sequence.size();
    ASSERT_TRUE(waitUntil([&] { return rec->count(events::kFailoverDone, p) == 1; }));

    // Snapshots that saw P unhealthy before the failover started: N - 1; it
    // starts within the N-th cycle (events come before their cycle's snapshot).
    int unhealthyCycles = 0;
    for (qsizetype i = mark; i < rec->sequence.size() && rec->sequence.at(i) != events::kFailoverStarted; ++i)
        unhealthyCycles += rec->sequence.at(i) == QLatin1String("#snapshot") ? 1 : 0;
    // The status change may land in the middle of a cycle that had already read the list.
    EXPECT_GE(unhealthyCycles, 2);
    EXPECT_LE(unhealthyCycles, 3);
    int downSnapshotsBefore = 0;
    for (const MonitorSnapshotPtr &s : rec->snapshots) {
        for (const ChannelHealth &row : s->channels)
            downSnapshotsBefore += (row.id == p && row.tenantStatus == ChannelStatus::Unhealthy && row.health != HealthState::Down) ? 1 : 0;
    }
    EXPECT_EQ(downSnapshotsBefore, 2) << "N - 1 unhealthy readings before Down";

    const MonitorEvent *started = rec->find(events::kFailoverStarted, p);
    ASSERT_TRUE(started);
    EXPECT_EQ(started->details.value(QLatin1String("target")).toString(), b2);
    EXPECT_EQ(started->source, EventSource::Automatic);
    const QList<QJsonObject> patches = patchesOf(p);
    ASSERT_EQ(patches.size(), 1);
    EXPECT_FALSE(patches.front().value(QLatin1String("if_match")).isNull()) << "the failover PATCH carries If-Match";
    EXPECT_EQ(patches.front().value(QLatin1String("body")).toObject().value(QLatin1String("routing")).toObject()
                  .value(QLatin1String("primary_channel_id")).toString(), b2);
    EXPECT_EQ(routedVia(p), b2);
    ASSERT_TRUE(waitForCycles(*rec, 3));
    EXPECT_EQ(patchesOf(p).size(), 1) << "nothing more once it is failed over";
    EXPECT_EQ(rec->latest(p)->routedVia, b2);
}

TEST_F(MonitorScenario, FlappingChannelNeverFailsOver)
{
    MonitorSettings settings = fastSettings();
    settings.intervalMs = 300;
    std::unique_ptr<Recorder> rec;
    auto monitor = startMonitorAllUp(settings, &rec);
    ASSERT_TRUE(monitor) << "P and its backups never all read Up";
    // Bad and good on alternate cycles: even if a change lands a cycle late,
    // there are never three bad readings in a row.
    for (int i = 0; i < 10; ++i) {
        setStatus(p, i % 2 == 0 ? QStringLiteral("unhealthy") : QStringLiteral("healthy"));
        ASSERT_TRUE(waitForCycles(*rec, 1));
    }
    EXPECT_EQ(rec->count(events::kFailoverStarted), 0);
    for (const MonitorEvent &e : rec->events) {
        if (e.type == events::kHealthStateChanged && e.channelId == p) {
            EXPECT_NE(e.details.value(QLatin1String("to")).toString(), QStringLiteral("down"));
        }
    }
    EXPECT_EQ(allPatches(), 0);
    EXPECT_TRUE(routedVia(p).isEmpty());
}

TEST_F(MonitorScenario, AllBackupsDownRaisesAnAlarmAndSendsNoPatch)
{
    std::unique_ptr<Recorder> rec;
    auto monitor = startMonitorAllUp(fastSettings(), &rec);
    ASSERT_TRUE(monitor) << "P and its backups never all read Up";
    for (const QString &id : {p, b1, b2})
        setStatus(id, QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitUntil([&] { return rec->count(events::kAlarm, p) >= 1; }));
    ASSERT_TRUE(waitForCycles(*rec, 3));
    const MonitorEvent *alarm = rec->find(events::kAlarm, p);
    EXPECT_EQ(alarm->details.value(QLatin1String("reason")).toString(), QStringLiteral("no_healthy_target"));
    EXPECT_EQ(rec->count(events::kAlarm, p), 1) << "said once, not every cycle";
    EXPECT_EQ(allPatches(), 0);
    EXPECT_EQ(sim.stats().value(QLatin1String("by_route")).toObject().value(QLatin1String("PATCH /api/v2/channels/{id}")).toInt(), 0);
}

TEST_F(MonitorScenario, RecoveryThenAutomaticFailbackAfterTheCooldown)
{
    MonitorSettings settings = fastSettings();
    settings.failover.failback = FailbackPolicy::Automatic;
    settings.failover.cooldownMs = 1500;
    std::unique_ptr<Recorder> rec;
    auto monitor = startMonitorAllUp(settings, &rec);
    ASSERT_TRUE(monitor) << "P and its backups never all read Up";
    setStatus(p, QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitUntil([&] { return rec->count(events::kFailoverDone, p) == 1; }));
    EXPECT_EQ(routedVia(p), b1);
    setStatus(p, QStringLiteral("healthy"));
    ASSERT_TRUE(waitUntil([&] { return rec->count(events::kFailbackDone, p) == 1; }));
    EXPECT_TRUE(routedVia(p).isEmpty());
    const QList<QJsonObject> patches = patchesOf(p);
    ASSERT_EQ(patches.size(), 2);
    EXPECT_TRUE(patches.at(1).value(QLatin1String("body")).toObject().value(QLatin1String("routing")).toObject()
                    .value(QLatin1String("primary_channel_id")).isNull());
    // The failback waited for the cooldown after the failover.
    const qint64 failoverMs = patches.at(0).value(QLatin1String("t_ms")).toInteger();
    const qint64 failbackMs = patches.at(1).value(QLatin1String("t_ms")).toInteger();
    EXPECT_GE(failbackMs - failoverMs, 1500 - 50);
}

TEST_F(MonitorScenario, RecoveryUnderManualPolicyOnlyAnnouncesTheFailback)
{
    std::unique_ptr<Recorder> rec;
    auto monitor = startMonitorAllUp(fastSettings(), &rec);
    ASSERT_TRUE(monitor) << "P and its backups never all read Up";
    setStatus(p, QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitUntil([&] { return rec->count(events::kFailoverDone, p) == 1; }));
    setStatus(p, QStringLiteral("healthy"));
    ASSERT_TRUE(waitUntil([&] { return rec->count(events::kFailbackPending, p) == 1; }));
    ASSERT_TRUE(waitForCycles(*rec, 3));
    EXPECT_EQ(patchesOf(p).size(), 1);
    EXPECT_EQ(routedVia(p), b1);
    // The operator fails back through the same engine.
    monitor->requestFailback(p);
    ASSERT_TRUE(waitUntil([&] { return rec->count(events::kFailbackDone, p) == 1; }));
    EXPECT_EQ(rec->find(events::kFailbackDone, p)->source, EventSource::Manual);
    EXPECT_TRUE(routedVia(p).isEmpty());
}

TEST_F(MonitorScenario, PausedFailoverSendsNothing)
{
    std::unique_ptr<Recorder> rec;
    auto monitor = startMonitor(fastSettings(), &rec);
    ASSERT_TRUE(waitUntil([&] { return rec->allUp({p, b1, b2}); }));
    monitor->setFailoverPaused(true);
    ASSERT_TRUE(waitUntil([&] { return rec->count(events::kFailoverPaused) == 1; }));
    sim.clearRequests();
    setStatus(p, QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitUntil([&] { return rec->count(events::kFailoverSkipped, p) == 1; }));
    EXPECT_EQ(rec->find(events::kFailoverSkipped, p)->details.value(QLatin1String("reason")).toString(), QStringLiteral("paused"));
    ASSERT_TRUE(waitForCycles(*rec, 3));
    EXPECT_EQ(allPatches(), 0);
    EXPECT_TRUE(routedVia(p).isEmpty());
    EXPECT_TRUE(rec->snapshots.back()->failoverPausedAll);
}

TEST_F(MonitorScenario, RateLimitStormDuringAFailoverStillEndsInExactlyOnePatch)
{
    std::unique_ptr<Recorder> rec;
    auto monitor = startMonitor(fastSettings(), &rec);
    ASSERT_TRUE(waitUntil([&] { return rec->allUp({p, b1, b2}); }));
    // The storm starts the moment the engine decides, before its PATCH reaches the tenant.
    QObject context;
    bool stormed = false;
    QObject::connect(monitor.get(), &Monitor::eventRaised, &context, [&](const MonitorEvent &event) {
        if (event.type == events::kFailoverStarted && !stormed) {
            stormed = sim.tenant().applyAction(QJsonObject{{QStringLiteral("action"), QStringLiteral("rate_limit_storm")},
                                                           {QStringLiteral("seconds"), 2},
                                                           {QStringLiteral("retry_after"), 1}});
        }
    });
    sim.clearRequests();
    setStatus(p, QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitUntil([&] { return rec->count(events::kFailoverDone, p) + rec->count(events::kFailoverFailed, p) >= 1; }));
    ASSERT_TRUE(stormed);
    EXPECT_EQ(rec->count(events::kFailoverDone, p), 1);
    ASSERT_TRUE(waitForCycles(*rec, 3));
    EXPECT_EQ(patchesOf(p).size(), 1);
    EXPECT_GE(patchesOf(p, false).size(), 2) << "the storm answered the first send 429";
    EXPECT_EQ(routedVia(p), b1);
    EXPECT_EQ(rec->count(events::kFailoverStarted, p), 1);
}

TEST_F(MonitorScenario, TwoEnginesOnOneTenantFailAChannelOverOnce)
{
    std::unique_ptr<Recorder> recA;
    std::unique_ptr<Recorder> recB;
    auto a = startMonitor(fastSettings(), &recA);
    auto b = startMonitor(fastSettings(), &recB);
    ASSERT_TRUE(waitUntil([&] { return recA->allUp({p, b1, b2}) && recB->allUp({p, b1, b2}); }));
    sim.clearRequests();
    setStatus(p, QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitUntil([&] { return recA->count(events::kFailoverDone, p) + recB->count(events::kFailoverDone, p) >= 1; }));
    ASSERT_TRUE(waitForCycles(*recA, 4));
    ASSERT_TRUE(waitForCycles(*recB, 4));
    EXPECT_EQ(patchesOf(p).size(), 1);
    EXPECT_EQ(recA->count(events::kFailoverDone, p) + recB->count(events::kFailoverDone, p), 1);
    // The loser either met 412 and re-read, or saw it already failed over in its list.
    for (const QJsonObject &entry : patchesOf(p, false)) {
        const int status = entry.value(QLatin1String("status")).toInt();
        EXPECT_TRUE(status == 200 || status == 412) << status;
    }
    if (patchesOf(p, false).size() == 2) {
        EXPECT_EQ(recA->count(events::kFailoverSkipped, p) + recB->count(events::kFailoverSkipped, p), 1);
    }
    EXPECT_EQ(routedVia(p), b1);
}

TEST_F(MonitorScenario, AnUnreadableTenantIsNoDataAndNeverAFailover)
{
    std::unique_ptr<Recorder> rec;
    // No retries: the sim's 503 asks for a Retry-After, and each cycle should fail fast here.
    ClientOptions client = test::fastClientOptions(5, 1000000);
    client.retry.maxAttempts = 1;
    auto monitor = startMonitorAllUp(fastSettings(), &rec, client);
    ASSERT_TRUE(monitor) << "P and its backups never all read Up";
    // The channel list fails (every retry of it) for a good many cycles, while P turns bad.
    ASSERT_TRUE(sim.tenant().applyAction(QJsonObject{{QStringLiteral("action"), QStringLiteral("fail_next")},
                                                     {QStringLiteral("count"), 40},
                                                     {QStringLiteral("status"), 503},
                                                     {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/channels")}}));
    setStatus(p, QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitUntil([&] { return rec->latest(p) && rec->latest(p)->health == HealthState::Unknown; }));
    EXPECT_EQ(rec->count(events::kCycleFailed), 1) << "said once while it lasts";
    EXPECT_EQ(rec->find(events::kCycleFailed)->details.value(QLatin1String("reason")).toString(), QStringLiteral("tenant_unreadable"));
    EXPECT_EQ(allPatches(), 0);
    EXPECT_EQ(rec->count(events::kFailoverStarted), 0);
}

TEST_F(MonitorScenario, StopsCleanlyAndSaysSo)
{
    std::unique_ptr<Recorder> rec;
    auto monitor = startMonitor(fastSettings(), &rec);
    ASSERT_TRUE(waitForCycles(*rec, 2));
    EXPECT_EQ(rec->count(events::kMonitorStarted), 1);
    monitor->stop();
    ASSERT_TRUE(waitUntil([&] { return rec->count(events::kMonitorStopped) == 1; }));
    const qsizetype after = rec->snapshots.size();
    // Absence can only be shown by letting time pass: three intervals, events processed.
    QTest::qWait(600);
    EXPECT_EQ(rec->snapshots.size(), after);
    monitor.reset();     // joins the thread; must not hang or crash
}

TEST(MonitorCadence, StretchesToTheRateBudgetInsteadOfMeeting429s)
{
    // The contract's 100 requests a minute: 2 calls every 200 ms would need 600.
    sim::SimOptions options = simOptions(12);
    options.rateLimitPerMinute = 100;
    test::SimFixture sim(options);
    ASSERT_TRUE(sim.isListening());
    ClientOptions client = test::fastClientOptions(5, 1000000);
    client.budget = std::make_shared<RateBudget>(100);
    MonitorSettings settings = fastSettings();
    settings.budgetShare = 0.5;
    Monitor monitor(test::simProfile(sim, 10), client, settings);
    Recorder rec(&monitor);
    monitor.start();
    ASSERT_TRUE(waitUntil([&] { return rec.count(events::kCadenceStretched) == 1; }));
    const MonitorEvent *stretched = rec.find(events::kCadenceStretched);
    EXPECT_EQ(stretched->details.value(QLatin1String("reason")).toString(), QStringLiteral("rate_budget"));
    // 2 calls a cycle within half of 100 a minute: one cycle every 2.4 s.
    EXPECT_EQ(stretched->details.value(QLatin1String("effective_ms")).toInteger(), 2400);
    const qsizetype first = rec.snapshots.size();
    ASSERT_TRUE(waitUntil([&] { return rec.snapshots.size() >= first + 2; }));
    const MonitorSnapshotPtr &a = rec.snapshots.at(first);
    const MonitorSnapshotPtr &b = rec.snapshots.at(first + 1);
    EXPECT_GE(a->takenAt.msecsTo(b->takenAt), 2400 - 300);
    EXPECT_EQ(b->intervalMs, 2400);
    EXPECT_EQ(sim.stats().value(QLatin1String("by_status")).toObject().value(QLatin1String("429")).toInt(), 0);
    EXPECT_EQ(rec.count(events::kCadenceStretched), 1) << "said once";
}

TEST(MonitorCadence, AnUnlimitedTenantHoldsTheConfiguredCadence)
{
    sim::SimOptions options = simOptions(12);
    options.rateLimitPerMinute = 0;   // answers X-RateLimit-Limit: 0
    test::SimFixture sim(options);
    ASSERT_TRUE(sim.isListening());
    ClientOptions client = test::fastClientOptions(5, 1000000);
    client.budget = std::make_shared<RateBudget>(100);
    Monitor monitor(test::simProfile(sim, 10), client, fastSettings());
    Recorder rec(&monitor);
    monitor.start();
    ASSERT_TRUE(waitUntil([&] { return rec.snapshots.size() >= 6; }));
    // (A loaded machine may make a cycle slower than 200 ms: that stretch is not the budget's.)
    for (const MonitorEvent &e : rec.events) {
        if (e.type == events::kCadenceStretched) {
            EXPECT_NE(e.details.value(QLatin1String("reason")).toString(), QStringLiteral("rate_budget"));
        }
    }
}

TEST(MonitorTelemetry, BatchesStayUnderTheRowCapInAsFewQueriesAsPossible)
{
    QStringList ids;
    for (int i = 0; i < 25000; ++i)
        ids.append(QStringLiteral("ch_%1").arg(i));
    const QList<QStringList> batches = MonitorWorker::telemetryBatches(ids, 1);
    ASSERT_EQ(batches.size(), 3);
    EXPECT_EQ(batches.at(0).size(), 10000);
    EXPECT_EQ(batches.at(2).size(), 5000);
    EXPECT_EQ(MonitorWorker::telemetryBatches(ids.mid(0, 5000), 1).size(), 1);
    EXPECT_EQ(MonitorWorker::telemetryBatches(ids.mid(0, 5000), 2).size(), 1);
    EXPECT_EQ(MonitorWorker::telemetryBatches(ids.mid(0, 5001), 2).size(), 2);
}

namespace {

// Requests of the monitor, per route, over whole cycles.
struct CallPattern
{
    int listCalls = 0;
    int telemetryCalls = 0;
    int otherCalls = 0;
};

CallPattern callsOf(const QJsonArray &requests)
{
    CallPattern pattern;
    for (const QJsonValue &value : requests) {
        const QJsonObject entry = value.toObject();
        const QString method = entry.value(QLatin1String("method")).toString();
        const QString path = entry.value(QLatin1String("path")).toString();
        if (method == QLatin1String("GET") && path == QLatin1String("/api/v2/channels"))
            ++pattern.listCalls;
        else if (method == QLatin1String("POST") && path == QLatin1String("/api/v2/telemetry/metrics"))
            ++pattern.telemetryCalls;
        else if (path != QLatin1String("/api/v2/oauth/token"))
            ++pattern.otherCalls;
    }
    return pattern;
}

} // namespace

TEST(MonitorScale, CallsPerCycleStayConstantFrom10To5000Channels)
{
    for (const int channels : {10, 5000}) {
        test::SimFixture sim(simOptions(channels));
        ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
        MonitorSettings settings = fastSettings();
        settings.intervalMs = 300;
        // The seeded health is random: failovers would add PATCHes that are not polling.
        settings.failover.autoFailover = false;
        Monitor monitor(test::simProfile(sim, 10), test::fastClientOptions(5, 1000000), settings);
        Recorder rec(&monitor);
        monitor.start();
        ASSERT_TRUE(waitUntil([&] { return rec.snapshots.size() >= 1; }, 60000));
        sim.clearRequests();
        const qsizetype first = rec.snapshots.size();
        ASSERT_TRUE(waitUntil([&] { return rec.snapshots.size() >= first + 3; }, 60000));
        monitor.stop();
        ASSERT_TRUE(waitUntil([&] { return rec.count(events::kMonitorStopped) == 1; }));
        const int cycles = static_cast<int>(rec.snapshots.size() - first);
        const CallPattern pattern = callsOf(sim.requests());
        const int pages = (channels + 499) / 500;
        // A cycle that had begun when the log was cleared may be partly counted.
        EXPECT_GE(pattern.telemetryCalls, cycles) << channels;
        EXPECT_LE(pattern.telemetryCalls, cycles + 1) << channels;
        EXPECT_LE(pattern.listCalls, (cycles + 1) * pages) << channels;
        EXPECT_GE(pattern.listCalls, (cycles - 1) * pages) << channels;
        EXPECT_EQ(pattern.otherCalls, 0) << "never a call per channel";
        EXPECT_EQ(rec.snapshots.back()->apiCalls, pages + 1) << channels;
        // One row per distinct channel id the tenant lists.
        EXPECT_EQ(rec.snapshots.back()->channels.size(), sim.tenant().channels().ids().size());
        EXPECT_EQ(rec.snapshots.back()->telemetryQueries, 1);
    }
}

// A cycle's events cross to the owner's thread as one batch, before the
// snapshot of that cycle: the twelve first verdicts are one eventsRaised, and
// the snapshot that follows already shows those channels judged.
TEST_F(MonitorScenario, ACyclesEventsArriveAsOneBatchBeforeItsSnapshot)
{
    auto monitor = std::make_unique<Monitor>(test::simProfile(sim, 10), test::fastClientOptions(5, 1000000), fastSettings());
    QList<MonitorEventList> batches;
    QList<int> batchesBeforeSnapshot;   // how many batches had come when each snapshot came
    QList<MonitorSnapshotPtr> snapshots;
    int single = 0;
    QObject::connect(monitor.get(), &Monitor::eventsRaised, monitor.get(), [&](const MonitorEventList &events) { batches.append(events); });
    QObject::connect(monitor.get(), &Monitor::eventRaised, monitor.get(), [&](const MonitorEvent &) { ++single; });
    QObject::connect(monitor.get(), &Monitor::snapshotReady, monitor.get(), [&](const MonitorSnapshotPtr &snapshot) {
        snapshots.append(snapshot);
        batchesBeforeSnapshot.append(int(batches.size()));
    });
    monitor->start();
    const auto isFirstVerdict = [](const MonitorEvent &event) {
        return event.type == events::kHealthStateChanged
            && event.details.value(QStringLiteral("from")).toString() == healthStateName(HealthState::Unknown);
    };
    qsizetype verdictBatch = -1;
    ASSERT_TRUE(waitUntil([&] {
        for (qsizetype i = 0; i < batches.size() && verdictBatch < 0; ++i)
            verdictBatch = std::any_of(batches.at(i).cbegin(), batches.at(i).cend(), isFirstVerdict) ? i : -1;
        return verdictBatch >= 0 && batchesBeforeSnapshot.size() > 0 && batchesBeforeSnapshot.last() > verdictBatch;
    }));
    const MonitorEventList &batch = batches.at(verdictBatch);
    EXPECT_EQ(std::count_if(batch.cbegin(), batch.cend(), isFirstVerdict), 12) << "all twelve in one batch";
    // The first snapshot after that batch judges every channel.
    qsizetype after = 0;
    while (batchesBeforeSnapshot.at(after) <= verdictBatch)
        ++after;
    for (const ChannelHealth &row : snapshots.at(after)->channels)
        EXPECT_NE(row.health, HealthState::Unknown) << row.id.toStdString();
    int total = 0;
    for (const MonitorEventList &each : batches)
        total += int(each.size());
    EXPECT_EQ(single, total) << "eventRaised carries the same events one by one";
}
