// One connection, one sign-in: every client of a TenantSession (its own, the
// monitor worker's in the monitor's thread, the quality loader's in the
// loader's thread) uses one token, fetched once, refreshed once; each session
// owns its rate budget. Against the simulated tenant over loopback HTTP.

#include "client_wait.h"
#include "sim_client.h"
#include "sim_fixture.h"

#include "client/api_client.h"
#include "client/rate_budget.h"
#include "client/token_source.h"
#include "monitor/monitor.h"
#include "operations/quality_loader.h"
#include "session/tenant_session.h"

#include <QDateTime>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

using namespace cc;
using namespace cc::test;

namespace {

// The bearer tokens the tenant saw on its channel and telemetry calls.
QSet<QString> tokensSeen(SimFixture &sim)
{
    QSet<QString> tokens;
    for (const QJsonValue &value : sim.requests()) {
        const QString token = value.toObject().value(QStringLiteral("token")).toString();
        if (!token.isEmpty())
            tokens.insert(token);
    }
    return tokens;
}

sim::SimOptions unlimited()
{
    sim::SimOptions options;
    options.channels = 6;
    options.rateLimitPerMinute = 0;
    return options;
}

} // namespace

TEST(TenantSession, TheWindowsTheMonitorsAndTheChartsClientsSignInOnce)
{
    SimFixture sim(unlimited());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    TenantSession session(simProfile(sim), nullptr, fastClientOptions(4));

    ASSERT_TRUE(waitFor(session.client()->listChannels()).ok());

    // The monitor's client lives in the monitor's thread.
    MonitorSettings settings;
    settings.intervalMs = 1000;
    Monitor *monitor = session.startMonitor(settings);
    QSignalSpy snapshots(monitor, &Monitor::snapshotReady);
    monitor->start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return snapshots.count() >= 2; }, 30000));

    // The charts' loader in its own thread.
    QualityLoader loader(session.profile(), session.clientOptions());
    QSignalSpy loaded(&loader, &QualityLoader::loaded);
    QualityRange range;
    range.to = QDateTime::currentDateTimeUtc().addSecs(-120);
    range.from = range.to.addSecs(-3600);
    loader.load(sim.channelId(0), range, QualitySettings{}, 500);
    ASSERT_TRUE(QTest::qWaitFor([&] { return loaded.count() == 1; }, 30000));
    const auto result = loaded.at(0).at(0).value<QualityLoadResultPtr>();
    ASSERT_FALSE(result->error.has_value()) << result->error->text().toStdString();
    monitor->stop();

    EXPECT_EQ(tokenRequests(sim), 1) << "one sign-in for the connection, not one per client";
    EXPECT_EQ(tokensSeen(sim).size(), 1);
    EXPECT_EQ(session.tokens()->fetchesStarted(), 1);
}

TEST(TenantSession, ClientsThatNeedATokenAtOnceWaitForOneSignIn)
{
    SimFixture sim(unlimited());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    TenantSession session(simProfile(sim), nullptr, fastClientOptions(4));
    ApiClient other(session.profile(), session.clientOptions());
    // The sign-in's answer comes late: both clients ask while it is on its way.
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("slow")},
                          {QStringLiteral("delay_ms"), 600},
                          {QStringLiteral("count"), 1}});
    const auto first = capture(session.client()->getChannel(sim.channelId(0)));
    const auto second = capture(other.getChannel(sim.channelId(1)));
    EXPECT_TRUE(waitFor(first).ok());
    EXPECT_TRUE(waitFor(second).ok());
    EXPECT_EQ(tokenRequests(sim), 1);
    EXPECT_EQ(other.tokenExpiresAt(), session.client()->tokenExpiresAt());
}

TEST(TenantSession, ARevokedTokenIsFetchedAgainOnceForEveryClient)
{
    SimFixture sim(unlimited());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    TenantSession session(simProfile(sim), nullptr, fastClientOptions(4));
    ApiClient other(session.profile(), session.clientOptions());
    ASSERT_TRUE(waitFor(session.client()->getChannel(sim.channelId(0))).ok());
    ASSERT_TRUE(waitFor(other.getChannel(sim.channelId(0))).ok());
    ASSERT_EQ(tokenRequests(sim), 1);

    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("expire_tokens")}});
    const auto first = capture(session.client()->getChannel(sim.channelId(1)));
    const auto second = capture(other.getChannel(sim.channelId(2)));
    EXPECT_TRUE(waitFor(first).ok());
    EXPECT_TRUE(waitFor(second).ok());
    EXPECT_EQ(tokenRequests(sim), 2) << "both met the 401; one new token serves both";
}

TEST(TenantSession, WhenTheClientSigningInGoesAwayTheNextOneSignsIn)
{
    SimFixture sim(unlimited());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    TenantSession session(simProfile(sim), nullptr, fastClientOptions(4));
    auto leaving = std::make_unique<ApiClient>(session.profile(), session.clientOptions());
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("slow")},
                          {QStringLiteral("delay_ms"), 800},
                          {QStringLiteral("count"), 1}});
    const auto abandoned = capture(leaving->getChannel(sim.channelId(0)));
    ASSERT_TRUE(QTest::qWaitFor([&] { return tokenRequests(sim) == 1; }, 10000)) << "the first sign-in is on its way";
    const auto waiting = capture(session.client()->getChannel(sim.channelId(1)));
    QTest::qWait(50);
    leaving.reset();   // a page closed, a thread stopped: its sign-in goes with it

    const ApiResult<Channel> result = waitFor(waiting, 20000);
    EXPECT_TRUE(result.ok()) << (result.error ? result.error->text().toStdString() : std::string());
    EXPECT_EQ(tokenRequests(sim), 2);
}

TEST(TenantSession, EachSessionOwnsItsRateBudget)
{
    SimFixture sim;   // the contract's 100 requests a minute
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    TenantSession one(simProfile(sim), nullptr, fastClientOptions(4));
    TenantSession two(simProfile(sim), nullptr, fastClientOptions(4));
    ApiClient monitorLike(one.profile(), one.clientOptions());
    ASSERT_TRUE(waitFor(one.client()->getChannel(sim.channelId(0))).ok());
    ASSERT_TRUE(waitFor(monitorLike.getChannel(sim.channelId(0))).ok());

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    EXPECT_EQ(one.client()->budgetRemaining(), monitorLike.budgetRemaining()) << "one connection, one budget";
    EXPECT_LT(one.budget()->remaining(now), one.budget()->limit());
    EXPECT_EQ(two.budget()->remaining(now), two.budget()->limit()) << "another connection's budget is its own";
    EXPECT_NE(one.budget(), two.budget());
}
