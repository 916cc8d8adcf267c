// The client against a tenant that misbehaves in ways the contract never lists
// (issue 12), each fault switched on through the simulated tenant's /_sim/
// control API: an answer drip-fed a byte at a time, an oversized answer, pages
// that never end, a Retry-After of days, tokens that expire at once or never,
// and redirects to another origin (a second listener counts what reaches it).

#include "client_wait.h"
#include "foreign_host.h"
#include "sim_fixture.h"
#include "sim_client.h"

#include "client/api_client.h"
#include "client/rate_budget.h"
#include "common/manual_clock.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <gtest/gtest.h>

#include <memory>

using namespace cc;
using namespace cc::test;

namespace {

QJsonObject action(const QString &name, QJsonObject fields = {})
{
    fields.insert(QStringLiteral("action"), name);
    return fields;
}

// The in-process tenant, which each test turns hostile.
class HostileTenant : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString(); }

    // The tenant answers every request under `pathPrefix` with a redirect to `foreign`.
    void redirectTo(const ForeignHost &foreign, const QString &pathPrefix)
    {
        sim.fault(action(QStringLiteral("redirect"), {{QStringLiteral("location"), foreign.baseUrl().toString()},
                                                      {QStringLiteral("path_prefix"), pathPrefix}}));
    }

    // Signs in with `profile` while the tenant redirects `pathPrefix` to a host of
    // another origin, which must never be asked (nor see the client secret).
    ApiResult<QDateTime> signInRedirectedElsewhere(const ConnectionProfile &profile, const QString &pathPrefix)
    {
        ForeignHost foreign;
        EXPECT_TRUE(foreign.isListening());
        redirectTo(foreign, pathPrefix);
        ApiClient client(profile, fastClientOptions());
        const ApiResult<QDateTime> result = waitFor(client.signIn(), 10000);
        EXPECT_EQ(foreign.requests(), 0);
        EXPECT_FALSE(foreign.received().contains(sim::kDemoClientSecret));
        return result;
    }

    SimFixture sim;
};

} // namespace

TEST_F(HostileTenant, DripFedAnswerEndsAtTheTotalDeadlineNamingTheCall)
{
    ConnectionProfile profile = simProfile(sim);
    profile.timeoutSeconds = 2;
    ApiClient client(profile, fastClientOptions());
    ASSERT_TRUE(waitFor(client.signIn()).ok());
    // A byte every 50 ms: the inactivity timer never fires, the answer would take a minute.
    sim.fault(action(QStringLiteral("drip"), {{QStringLiteral("count"), -1}, {QStringLiteral("interval_ms"), 50},
                                              {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/channels")}}));
    QElapsedTimer clock;
    clock.start();
    const ApiResult<Channel> result = waitFor(client.getChannel(sim.channelId(0)), 15000);
    const qint64 elapsedMs = clock.elapsed();
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::Timeout);
    EXPECT_GE(elapsedMs, 1900);
    EXPECT_LT(elapsedMs, 4000);
    const QString text = result.error->text();
    EXPECT_TRUE(text.contains(QStringLiteral("Get channel"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("no complete answer in 2 s"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("still sending"))) << text.toStdString();
}

TEST_F(HostileTenant, OversizedAnswerIsRefusedNamingTheCap)
{
    ClientOptions options = fastClientOptions();
    options.maxAnswerBytes = 1024 * 1024;
    ApiClient client(simProfile(sim), options);
    sim.fault(action(QStringLiteral("oversize"), {{QStringLiteral("bytes"), 3 * 1024 * 1024},
                                                  {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/channels")}}));
    const ApiResult<QList<Channel>> result = waitFor(client.listChannels(), 20000);
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::BadResponse);
    EXPECT_TRUE(result.error->text().contains(QStringLiteral("larger than the 1 MiB"))) << result.error->text().toStdString();
    // The next answer is of a normal size again, and goes through.
    const ApiResult<QList<Channel>> again = waitFor(client.listChannels(), 20000);
    ASSERT_TRUE(again.ok()) << again.error->text().toStdString();
    EXPECT_EQ(again.value->size(), 12);
}

TEST_F(HostileTenant, PagesThatRepeatTheSameChannelsStopTheWalkAndSaySo)
{
    ApiClient client(simProfile(sim), fastClientOptions());
    sim.fault(action(QStringLiteral("loop_pages"), {{QStringLiteral("total"), 1000000}}));
    const ApiResult<QList<Channel>> result = waitFor(client.listChannels(), 20000);
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::BadResponse);
    EXPECT_EQ(result.error->code, QStringLiteral("paging_broken"));
    EXPECT_TRUE(result.error->text().contains(QStringLiteral("page 2 repeats channel"))) << result.error->text().toStdString();
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v2/channels")).size(), 2);
}

TEST_F(HostileTenant, RetryAfterOfDaysIsNotSleptOnButFailsAsRateLimitedNamingTheWait)
{
    ClientOptions options = fastClientOptions();
    options.retry.maxAttempts = 5;
    ApiClient client(simProfile(sim), options);
    ASSERT_TRUE(waitFor(client.signIn()).ok());
    sim.fault(action(QStringLiteral("rate_limit_storm"), {{QStringLiteral("seconds"), 600}, {QStringLiteral("retry_after"), 259200}}));
    QElapsedTimer clock;
    clock.start();
    const ApiResult<Channel> result = waitFor(client.getChannel(sim.channelId(0)), 10000);
    ASSERT_TRUE(result.error);
    EXPECT_LT(clock.elapsed(), 3000);
    EXPECT_EQ(result.error->kind, ApiError::Kind::RateLimited);
    EXPECT_EQ(result.error->retryAfterRefusedSeconds, 259200);
    const QString text = result.error->text();
    EXPECT_TRUE(text.contains(QStringLiteral("259200 s (3 days)"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("120 s"))) << text.toStdString();
}

TEST_F(HostileTenant, TokensThatExpireAtOnceAreFetchedAtMostSixTimesAMinute)
{
    auto clock = std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc());
    ClientOptions options = fastClientOptions();
    options.clock = clock;
    ApiClient client(simProfile(sim), options);
    sim.fault(action(QStringLiteral("token_expires_in"), {{QStringLiteral("seconds"), 1}}));
    int succeeded = 0;
    std::optional<ApiError> refused;
    for (int i = 0; i < 10 && !refused; ++i) {
        const ApiResult<Channel> result = waitFor(client.getChannel(sim.channelId(0)), 10000);
        if (result.ok())
            ++succeeded;
        else
            refused = result.error;
        clock->advanceMs(2000);   // each token has expired by the next call
    }
    EXPECT_EQ(succeeded, 6);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->code, QStringLiteral("token_fetch_limit"));
    EXPECT_TRUE(refused->text().contains(QStringLiteral("6 tokens fetched in the last minute"))) << refused->text().toStdString();
    EXPECT_EQ(tokenRequests(sim), 6);
    // A minute later the client signs in again.
    clock->advanceMs(60000);
    EXPECT_TRUE(waitFor(client.getChannel(sim.channelId(0)), 10000).ok());
}

TEST_F(HostileTenant, TokenLifetimeOfDecadesIsTrustedForADayAtMost)
{
    ApiClient client(simProfile(sim), fastClientOptions());
    sim.fault(action(QStringLiteral("token_expires_in"), {{QStringLiteral("seconds"), 2000000000}}));
    const ApiResult<QDateTime> signedIn = waitFor(client.signIn());
    ASSERT_TRUE(signedIn.ok()) << signedIn.error->text().toStdString();
    EXPECT_LE(client.tokenExpiresAt(), QDateTime::currentDateTimeUtc().addSecs(86400 + 60));
}

TEST_F(HostileTenant, RedirectToAnotherOriginIsRefusedAndNoTokenReachesIt)
{
    ForeignHost foreign;
    ASSERT_TRUE(foreign.isListening());
    ApiClient client(simProfile(sim), fastClientOptions());
    ASSERT_TRUE(waitFor(client.signIn()).ok());
    redirectTo(foreign, QStringLiteral("/api/v2/channels"));
    const ApiResult<Channel> result = waitFor(client.getChannel(sim.channelId(0)), 10000);
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->code, QStringLiteral("redirect_refused"));
    EXPECT_EQ(result.error->httpStatus, 307);
    const QString text = result.error->text();
    EXPECT_TRUE(text.contains(foreign.baseUrl().toString())) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("no credential left"))) << text.toStdString();
    EXPECT_EQ(foreign.authorizationHeaders(), 0);
    EXPECT_EQ(foreign.requests(), 0);
}

TEST_F(HostileTenant, TokenRequestRedirectedElsewhereNeverCarriesTheClientSecretThere)
{
    const ApiResult<QDateTime> result = signInRedirectedElsewhere(simProfile(sim), QStringLiteral("/api/v2/oauth/token"));
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->code, QStringLiteral("redirect_refused"));
    EXPECT_TRUE(result.error->duringSignIn);
}

TEST_F(HostileTenant, AccessKeyDiscoveryHopRedirectedElsewhereIsRefused)
{
    // The second hop, after the token: where the tenant's API lives.
    const ApiResult<QDateTime> result =
        signInRedirectedElsewhere(simAccessKeyProfile(sim), QStringLiteral("/.well-known/cxone-configuration"));
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->code, QStringLiteral("redirect_refused"));
}

TEST_F(HostileTenant, RedirectWithinTheSameOriginIsFollowedWithTheToken)
{
    ApiClient client(simProfile(sim), fastClientOptions());
    ASSERT_TRUE(waitFor(client.signIn()).ok());
    sim.fault(action(QStringLiteral("redirect"), {{QStringLiteral("location"), sim.baseUrl().toString()},
                                                  {QStringLiteral("count"), 1},
                                                  {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/channels")}}));
    const ApiResult<Channel> result = waitFor(client.getChannel(sim.channelId(0)), 10000);
    ASSERT_TRUE(result.ok()) << result.error->text().toStdString();
    EXPECT_EQ(result.value->id, sim.channelId(0));
}
