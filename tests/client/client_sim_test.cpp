// The client against the simulated tenant over real HTTP on 127.0.0.1: sign-in
// and token reuse, 401 recovery, rate limits, retries, idempotent creates,
// pagination, validation, timeouts, cancellation and the access-key sign-in.

#include "client_wait.h"
#include "sim_fixture.h"
#include "sim_client.h"

#include "client/api_client.h"
#include "client/rate_budget.h"
#include "common/manual_clock.h"
#include "session/tenant_session.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QThread>

#include <gtest/gtest.h>

#include <memory>

using namespace cc;
using namespace cc::test;

namespace {

// How many times Qt's HTTP layer itself resends a request whose connection
// closed before any answer, measured with drop_after_commit against Qt 6.4:
// once, on the reused keep-alive connection (1 answer lost: 1 send by the
// client, 2 POSTs on the wire; 2 lost: 2 sends, 3 POSTs; n lost: n sends).
constexpr int kQtSilentResends = 1;

sim::SimOptions simOptions(int channels = 12)
{
    sim::SimOptions options;
    options.channels = channels;
    return options;
}

// Each logged request came at least the tenant's Retry-After (1 s, less timer
// slack) after the one before, whose answer was `answer`.
void expectSpacedByRetryAfter(const QList<QJsonObject> &requests, const char *answer)
{
    for (qsizetype i = 1; i < requests.size(); ++i) {
        const qint64 gap = requests.at(i).value(QStringLiteral("t_ms")).toInteger()
                           - requests.at(i - 1).value(QStringLiteral("t_ms")).toInteger();
        EXPECT_GE(gap, 950) << "request " << i << " came " << gap << " ms after " << answer;
    }
}

ChannelDraft validDraft(const QString &name)
{
    ChannelDraft draft;
    draft.name = name;
    draft.configuration.sipServer = QStringLiteral("sip.carrier.example.net");
    draft.configuration.sipPort = 5062;
    draft.configuration.username = QStringLiteral("trunk_user_9");
    draft.configuration.password = QStringLiteral("sip-pass-9f8e7d");
    draft.configuration.codecs = {{QStringLiteral("OPUS"), 1}, {QStringLiteral("G729"), 2}};
    draft.healthCheck = {60, 15};
    return draft;
}

// The in-process tenant with simOptions()'s twelve channels; a test that needs
// another tenant (more channels, a short token life, a low rate limit) is a
// ClientAgainstTunedSim test and starts its own.
class ClientAgainstSim : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString(); }

    SimFixture sim{simOptions()};
};

} // namespace

TEST(ClientAgainstTunedSim, ListWalksEveryPageOf1200Channels)
{
    SimFixture sim(simOptions(1200));
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    ApiClient client(simProfile(sim), fastClientOptions(4));

    const ApiResult<QList<Channel>> result = waitFor(client.listChannels());
    ASSERT_TRUE(result.ok()) << result.error->text().toStdString();
    EXPECT_EQ(result.value->size(), 1200);
    QSet<QString> ids;
    for (const Channel &channel : *result.value)
        ids.insert(channel.id);
    EXPECT_EQ(ids.size(), 1200);

    const QList<QJsonObject> pages = sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v2/channels"));
    ASSERT_EQ(pages.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const QString query = pages.at(i).value(QStringLiteral("query")).toString();
        EXPECT_TRUE(query.contains(QStringLiteral("page=%1").arg(i + 1))) << query.toStdString();
        EXPECT_TRUE(query.contains(QStringLiteral("page_size=500"))) << query.toStdString();
    }
}

TEST(ClientAgainstTunedSim, TokenIsReusedThenFetchedAgainWhenLessThanAMinuteRemains)
{
    sim::SimOptions options = simOptions();
    options.tokenTtlSeconds = 120;
    SimFixture sim(options);
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();

    // The client's clock is a fake, so "near expiry" arrives without waiting.
    auto clock = std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc());
    ClientOptions clientOptions = fastClientOptions(4);
    clientOptions.clock = clock;
    ApiClient client(simProfile(sim), clientOptions);
    const QString id = sim.channelId(0);

    ASSERT_TRUE(waitFor(client.getChannel(id)).ok());
    const QDateTime firstExpiry = client.tokenExpiresAt();
    EXPECT_TRUE(firstExpiry.isValid());
    ASSERT_TRUE(waitFor(client.getChannel(id)).ok());
    EXPECT_EQ(tokenRequests(sim), 1);

    clock->advanceSeconds(59);   // 61 s remain: still used
    ASSERT_TRUE(waitFor(client.getChannel(id)).ok());
    EXPECT_EQ(tokenRequests(sim), 1);

    clock->advanceSeconds(2);   // 59 s remain: fetched again before the call
    ASSERT_TRUE(waitFor(client.getChannel(id)).ok());
    EXPECT_EQ(tokenRequests(sim), 2);
    EXPECT_GT(client.tokenExpiresAt(), firstExpiry);

    const QList<QJsonObject> gets = sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v2/channels/"));
    ASSERT_EQ(gets.size(), 4);
    const auto token = [&gets](int i) { return gets.at(i).value(QStringLiteral("token")).toString(); };
    EXPECT_EQ(token(0), token(1));
    EXPECT_EQ(token(1), token(2));
    EXPECT_NE(token(2), token(3));
}

TEST_F(ClientAgainstSim, RevokedTokenIsFetchedOnceAndTheCallRepeatedOnce)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    const QString id = sim.channelId(0);
    ASSERT_TRUE(waitFor(client.getChannel(id)).ok());

    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("expire_tokens")}});
    sim.clearRequests();
    // Three calls meet the revoked token at once: one fetch serves them all.
    const auto a = cc::test::capture(client.getChannel(id));
    const auto b = cc::test::capture(client.getChannel(sim.channelId(1)));
    const auto c = cc::test::capture(client.getChannel(sim.channelId(2)));
    EXPECT_TRUE(waitFor(a).ok());
    EXPECT_TRUE(waitFor(b).ok());
    EXPECT_TRUE(waitFor(c).ok());

    EXPECT_EQ(tokenRequests(sim), 1);
    const QList<QJsonObject> gets = sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v2/channels/"));
    int refused = 0;
    int answered = 0;
    for (const QJsonObject &entry : gets) {
        const int status = entry.value(QStringLiteral("status")).toInt();
        refused += status == 401 ? 1 : 0;
        answered += status == 200 ? 1 : 0;
    }
    EXPECT_EQ(refused, 3);
    EXPECT_EQ(answered, 3);
}

TEST_F(ClientAgainstSim, SecondRefusalAfterANewTokenIsAnAuthError)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    ASSERT_TRUE(waitFor(client.signIn()).ok());
    // Every token is revoked, and the new one is refused at the token endpoint.
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("expire_tokens")}});
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("reject_credentials")}, {QStringLiteral("value"), true}});
    const ApiResult<Channel> result = waitFor(client.getChannel(sim.channelId(0)));
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::Auth);
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v2/channels/")).size(), 1);
}

TEST_F(ClientAgainstSim, RateLimitStormMakesTheNextRequestWaitRetryAfter)
{
    ClientOptions options = fastClientOptions(4);
    options.retry.maxAttempts = 8;
    ApiClient client(simProfile(sim), options);
    ASSERT_TRUE(waitFor(client.signIn()).ok());

    sim.clearRequests();
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("rate_limit_storm")},
                          {QStringLiteral("seconds"), 2},
                          {QStringLiteral("retry_after"), 1}});
    const ApiResult<Channel> result = waitFor(client.getChannel(sim.channelId(0)));
    ASSERT_TRUE(result.ok()) << result.error->text().toStdString();

    const QList<QJsonObject> gets = sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v2/channels/"));
    ASSERT_GE(gets.size(), 2);
    EXPECT_EQ(gets.first().value(QStringLiteral("status")).toInt(), 429);
    EXPECT_EQ(gets.last().value(QStringLiteral("status")).toInt(), 200);
    // Retry-After: 1 s, although the backoff alone would be 20-40 ms.
    expectSpacedByRetryAfter(gets, "a 429");
}

TEST_F(ClientAgainstSim, StillRateLimitedAfterTheRetriesIsRateLimited)
{
    ClientOptions options = fastClientOptions(4);
    options.retry.maxAttempts = 2;
    ApiClient client(simProfile(sim), options);
    ASSERT_TRUE(waitFor(client.signIn()).ok());
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("rate_limit_storm")},
                          {QStringLiteral("seconds"), 60},
                          {QStringLiteral("retry_after"), 1}});
    const ApiResult<QList<Channel>> result = waitFor(client.listChannels());
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::RateLimited);
    EXPECT_EQ(result.error->attempts, 2);
    EXPECT_EQ(result.error->httpStatus, 429);
}

TEST_F(ClientAgainstSim, ServerErrorIsRetriedIntoSuccess)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("fail_next")},
                          {QStringLiteral("count"), 1},
                          {QStringLiteral("status"), 500},
                          {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/channels")}});
    const ApiResult<QList<Channel>> result = waitFor(client.listChannels());
    ASSERT_TRUE(result.ok()) << result.error->text().toStdString();
    EXPECT_EQ(result.value->size(), 12);
    const QList<QJsonObject> gets = sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v2/channels"));
    ASSERT_EQ(gets.size(), 2);
    EXPECT_EQ(gets.at(0).value(QStringLiteral("status")).toInt(), 500);
    EXPECT_EQ(gets.at(1).value(QStringLiteral("status")).toInt(), 200);
}

TEST_F(ClientAgainstSim, PersistentServerErrorEndsAsServerErrorAfterBoundedTries)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    ASSERT_TRUE(waitFor(client.signIn()).ok());
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("fail_next")},
                          {QStringLiteral("count"), 50},
                          {QStringLiteral("status"), 503},
                          {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/channels")}});
    const ApiResult<Channel> result = waitFor(client.getChannel(sim.channelId(0)));
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::Server);
    EXPECT_EQ(result.error->httpStatus, 503);
    EXPECT_EQ(result.error->attempts, 4);
    const QList<QJsonObject> gets = sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v2/channels/"));
    ASSERT_EQ(gets.size(), 4);
    // The sim's 503 says Retry-After: 1, longer than the shortened backoff: honoured.
    expectSpacedByRetryAfter(gets, "a 503 with Retry-After");
}

TEST_F(ClientAgainstSim, CreateWhoseAnswerIsLostIsRetriedIntoExactlyOneChannel)
{
    ClientOptions options = fastClientOptions(4);
    options.retry.maxAttempts = 5;
    auto log = std::make_shared<QStringList>();
    options.logSink = [log](const QString &line) { log->append(line); };
    ApiClient client(simProfile(sim), options);
    ASSERT_TRUE(waitFor(client.signIn()).ok());
    // More lost answers than Qt's network layer resends on its own (it repeats a
    // request whose connection closed before any answer), so that the client's
    // own retry has to run: dropping one answer never reached it.
    constexpr int kLostAnswers = kQtSilentResends + 2;
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("drop_after_commit")},
                          {QStringLiteral("count"), kLostAnswers},
                          {QStringLiteral("method"), QStringLiteral("POST")}});

    const ApiResult<Channel> created = waitFor(client.createChannel(validDraft(QStringLiteral("lost-answer-trunk"))));
    ASSERT_TRUE(created.ok()) << created.error->text().toStdString();

    // The client itself sent again (its log has one line per send it made and
    // one per retry it scheduled).
    const qsizetype clientSends = log->filter(QRegularExpression(QStringLiteral("^POST .*/api/v2/channels -> "))).size();
    const qsizetype clientRetries = log->filter(QStringLiteral("create channel 'lost-answer-trunk': ")).filter(QStringLiteral("retrying in")).size();
    EXPECT_GE(clientSends, 2) << log->join(QLatin1Char('\n')).toStdString();
    EXPECT_GE(clientRetries, 1) << log->join(QLatin1Char('\n')).toStdString();

    const QList<QJsonObject> posts = sim.requestsMatching(QStringLiteral("POST"), QStringLiteral("/api/v2/channels"));
    ASSERT_EQ(posts.size(), kLostAnswers + 1);
    const QString key = posts.first().value(QStringLiteral("idempotency_key")).toString();
    EXPECT_FALSE(key.isEmpty());
    for (const QJsonObject &post : posts)
        EXPECT_EQ(post.value(QStringLiteral("idempotency_key")).toString(), key) << "every send carries the create's one key";

    const ApiResult<QList<Channel>> all = waitFor(client.listChannels());
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all.value->size(), 13);
    int named = 0;
    for (const Channel &channel : *all.value)
        named += channel.name == QLatin1String("lost-answer-trunk") ? 1 : 0;
    EXPECT_EQ(named, 1);
    EXPECT_EQ(created.value->id, all.value->last().id);
}

TEST_F(ClientAgainstSim, EachCreateCarriesItsOwnIdempotencyKey)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    ASSERT_TRUE(waitFor(client.createChannel(validDraft(QStringLiteral("first-trunk")))).ok());
    ASSERT_TRUE(waitFor(client.createChannel(validDraft(QStringLiteral("second-trunk")))).ok());
    const QList<QJsonObject> posts = sim.requestsMatching(QStringLiteral("POST"), QStringLiteral("/api/v2/channels"));
    ASSERT_EQ(posts.size(), 2);
    EXPECT_NE(posts.at(0).value(QStringLiteral("idempotency_key")), posts.at(1).value(QStringLiteral("idempotency_key")));
}

TEST_F(ClientAgainstSim, RevokedScopeIsForbiddenNamingTheScopeAndNotRetried)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("revoke_scope")},
                          {QStringLiteral("scope"), QStringLiteral("channel:write")}});
    const ApiResult<Channel> result = waitFor(client.failback(sim.channelId(0)));
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::Forbidden);
    EXPECT_EQ(result.error->requiredScope, QStringLiteral("channel:write"));
    EXPECT_TRUE(result.error->text().contains(QStringLiteral("channel:write")));
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/api/v2/channels/")).size(), 1);
}

TEST_F(ClientAgainstSim, InvalidDraftIsRefusedFieldByFieldBeforeAnythingIsSent)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    ChannelDraft draft = validDraft(QStringLiteral("x"));
    draft.configuration.sipPort = 9999;
    const ApiResult<Channel> result = waitFor(client.createChannel(draft));
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::Validation);
    EXPECT_TRUE(hasErrorAt(result.error->details, QStringLiteral("name")));
    EXPECT_TRUE(hasErrorAt(result.error->details, QStringLiteral("configuration.sip_port")));
    EXPECT_TRUE(sim.requests().isEmpty());
}

TEST_F(ClientAgainstSim, TenantValidationErrorMapsToFields)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    // A raw merge patch is sent as given: the tenant's 400 carries the details.
    const QJsonObject patch{{QStringLiteral("configuration"), QJsonObject{{QStringLiteral("sip_port"), 9999}}},
                            {QStringLiteral("health_check"), QJsonObject{{QStringLiteral("interval_seconds"), 5}}}};
    const ApiResult<Channel> result = waitFor(client.updateChannel(sim.channelId(0), patch));
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::Validation);
    EXPECT_EQ(result.error->httpStatus, 400);
    EXPECT_TRUE(hasErrorAt(result.error->details, QStringLiteral("configuration.sip_port")));
    EXPECT_TRUE(hasErrorAt(result.error->details, QStringLiteral("health_check.interval_seconds")));
    EXPECT_FALSE(result.error->requestId.isEmpty());
}

TEST_F(ClientAgainstSim, StaleVersionIsAConflictAndTheCurrentOneFailsOver)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    const QString id = sim.channelId(0);
    const QString backup = sim.channelId(1);
    const ApiResult<Channel> current = waitFor(client.getChannel(id));
    ASSERT_TRUE(current.ok());

    const ApiResult<Channel> stale = waitFor(client.failover(id, backup, current.value->version - 1));
    ASSERT_TRUE(stale.error);
    EXPECT_EQ(stale.error->kind, ApiError::Kind::Conflict);
    EXPECT_EQ(stale.error->httpStatus, 412);

    const ApiResult<Channel> moved = waitFor(client.failover(id, backup, current.value->version));
    ASSERT_TRUE(moved.ok()) << moved.error->text().toStdString();
    EXPECT_EQ(moved.value->routing.primaryChannelId, backup);
    EXPECT_GT(moved.value->version, current.value->version);

    const ApiResult<Channel> back = waitFor(client.failback(id));
    ASSERT_TRUE(back.ok());
    EXPECT_FALSE(back.value->isFailedOver());
}

TEST_F(ClientAgainstSim, MissingChannelIsNotFound)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    const ApiResult<Channel> result = waitFor(client.getChannel(QStringLiteral("ch_does_not_exist")));
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::NotFound);
    const ApiResult<NoContent> removed = waitFor(client.deleteChannel(QStringLiteral("ch_does_not_exist")));
    ASSERT_TRUE(removed.error);
    EXPECT_EQ(removed.error->kind, ApiError::Kind::NotFound);
}

TEST_F(ClientAgainstSim, CreatedChannelCanBeDeleted)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    const ApiResult<Channel> created = waitFor(client.createChannel(validDraft(QStringLiteral("short-lived-trunk"))));
    ASSERT_TRUE(created.ok()) << created.error->text().toStdString();
    EXPECT_TRUE(waitFor(client.deleteChannel(created.value->id)).ok());
    const ApiResult<Channel> gone = waitFor(client.getChannel(created.value->id));
    ASSERT_TRUE(gone.error);
    EXPECT_EQ(gone.error->kind, ApiError::Kind::NotFound);
}

TEST_F(ClientAgainstSim, SlowAnswerPastTheTimeoutIsATimeout)
{
    ConnectionProfile profile = simProfile(sim);
    profile.timeoutSeconds = 1;
    ClientOptions options = fastClientOptions(4);
    options.retry.maxAttempts = 2;
    ApiClient client(profile, options);
    ASSERT_TRUE(waitFor(client.signIn()).ok());
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("slow")}, {QStringLiteral("delay_ms"), 4000}});
    const ApiResult<Channel> result = waitFor(client.getChannel(sim.channelId(0)));
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("slow")}, {QStringLiteral("delay_ms"), 0}});
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::Timeout);
    EXPECT_EQ(result.error->attempts, 2);   // a GET is repeated after a timeout
}

TEST_F(ClientAgainstSim, CancelFinishesAtOnceWithCancelled)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    ASSERT_TRUE(waitFor(client.signIn()).ok());
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("slow")}, {QStringLiteral("delay_ms"), 3000}});
    Reply<Channel> *reply = client.getChannel(sim.channelId(0));
    std::optional<ApiResult<Channel>> seen;
    reply->onFinished(&client, [&seen](const ApiResult<Channel> &result) { seen = result; });
    reply->cancel();
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("slow")}, {QStringLiteral("delay_ms"), 0}});
    ASSERT_TRUE(seen.has_value());
    ASSERT_TRUE(seen->error);
    EXPECT_EQ(seen->error->kind, ApiError::Kind::Cancelled);
}

TEST_F(ClientAgainstSim, RefusedCredentialsAreAnAuthErrorWithoutTheSecret)
{
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("reject_credentials")}, {QStringLiteral("value"), true}});
    QStringList logLines;
    ClientOptions options = fastClientOptions(4);
    options.logSink = [&logLines](const QString &line) { logLines.append(line); };
    ApiClient client(simProfile(sim), options);
    const ApiResult<QList<Channel>> result = waitFor(client.listChannels());
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::Auth);
    EXPECT_TRUE(result.error->duringSignIn);
    const QString text = result.error->text();
    EXPECT_TRUE(text.contains(QStringLiteral("invalid_client"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("profile 'sim'"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QString::fromLatin1(sim::kDemoClientSecret)));
    EXPECT_FALSE(logLines.join(QLatin1Char('\n')).contains(QString::fromLatin1(sim::kDemoClientSecret)));
    EXPECT_EQ(tokenRequests(sim), 1);   // a 401 at sign-in is not retried
    EXPECT_TRUE(sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v2/channels")).isEmpty());
}

TEST_F(ClientAgainstSim, PlainHttpToANonLoopbackHostIsRefusedBeforeSending)
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("remote");
    profile.baseUrl = QUrl(QStringLiteral("http://tenant.example.com"));
    profile.clientId = QStringLiteral("demo");
    profile.clientSecret = QStringLiteral("a-client-secret");
    ApiClient client(profile, fastClientOptions(4));
    const ApiResult<QList<Channel>> result = waitFor(client.listChannels());
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::Configuration);
    EXPECT_EQ(result.error->attempts, 0);
    const QString text = result.error->text();
    EXPECT_TRUE(text.contains(QStringLiteral("tenant.example.com"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("https"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("a-client-secret")));
}

TEST_F(ClientAgainstSim, VerboseLogRedactsAuthorizationAndNeverShowsSecrets)
{
    QStringList logLines;
    ClientOptions options = fastClientOptions(4);
    options.logSink = [&logLines](const QString &line) { logLines.append(line); };
    ApiClient client(simProfile(sim), options);
    const ChannelDraft draft = validDraft(QStringLiteral("logged-trunk"));
    ASSERT_TRUE(waitFor(client.createChannel(draft)).ok());
    const QString token = sim.fetchToken();   // a token of the same tenant, to be sure none is printed
    const QString log = logLines.join(QLatin1Char('\n'));
    EXPECT_TRUE(log.contains(QStringLiteral("POST"))) << log.toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("201"))) << log.toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("<redacted>"))) << log.toStdString();
    EXPECT_FALSE(log.contains(*draft.configuration.password));
    EXPECT_FALSE(log.contains(QString::fromLatin1(sim::kDemoClientSecret)));
    EXPECT_FALSE(log.contains(QStringLiteral("Bearer ey")));
    EXPECT_FALSE(!token.isEmpty() && log.contains(token));
}

TEST_F(ClientAgainstSim, TelemetryIsOneQueryForManyChannels)
{
    ApiClient client(simProfile(sim), fastClientOptions(4));
    TelemetryQuery query;
    query.interval = TelemetryInterval::FiveMinutes;
    query.channelIds = {sim.channelId(0), sim.channelId(1)};
    query.to = QDateTime::currentDateTimeUtc();
    query.from = query.to.addSecs(-3600);
    const ApiResult<TelemetryResult> result = waitFor(client.queryTelemetry(query));
    ASSERT_TRUE(result.ok()) << result.error->text().toStdString();
    EXPECT_FALSE(result.value->points.isEmpty());
    QSet<QString> channels;
    for (const TelemetryPoint &point : result.value->points)
        channels.insert(point.channelId);
    EXPECT_EQ(channels, (QSet<QString>{sim.channelId(0), sim.channelId(1)}));
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("POST"), QStringLiteral("/api/v2/telemetry")).size(), 1);

    // More than 10,000 rows is refused before sending.
    query.interval = TelemetryInterval::TenSeconds;
    query.from = query.to.addDays(-2);
    const ApiResult<TelemetryResult> tooLarge = waitFor(client.queryTelemetry(query));
    ASSERT_TRUE(tooLarge.error);
    EXPECT_EQ(tooLarge.error->kind, ApiError::Kind::Validation);
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("POST"), QStringLiteral("/api/v2/telemetry")).size(), 1);
}

TEST_F(ClientAgainstSim, AccessKeySignInDiscoversTheTenantAndItsApiEndpoint)
{
    ApiClient client(simAccessKeyProfile(sim), fastClientOptions(4));
    const ApiResult<QList<Channel>> result = waitFor(client.listChannels());
    ASSERT_TRUE(result.ok()) << result.error->text().toStdString();
    EXPECT_EQ(result.value->size(), 12);
    EXPECT_EQ(client.tenantId(), QStringLiteral("tenant-demo"));
    EXPECT_EQ(client.apiBaseUrl().port(), sim.baseUrl().port());
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/.well-known/openid-configuration")).size(), 1);
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("POST"), QStringLiteral("/auth/token")).size(), 1);
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/.well-known/cxone-configuration")).size(), 1);
}

TEST_F(ClientAgainstSim, ClientsOfOneConnectionShareOneBudget)
{
    // The connection's budget, owned by its session (there is no process-wide one).
    TenantSession session(simProfile(sim), nullptr, fastClientOptions(4));
    const ClientOptions options = session.clientOptions();
    ApiClient first(simProfile(sim), options);
    ApiClient second(simProfile(sim), options);
    QList<int> announced;
    QObject::connect(&second, &ApiClient::budgetChanged, &second,
                     [&announced](int remaining, int) { announced.append(remaining); });
    ASSERT_TRUE(waitFor(first.listChannels()).ok());
    EXPECT_LT(first.budgetRemaining(), 100);
    EXPECT_EQ(second.budgetRemaining(), first.budgetRemaining());
    const int before = second.budgetRemaining();
    ASSERT_TRUE(waitFor(second.getChannel(sim.channelId(0))).ok());
    EXPECT_LT(first.budgetRemaining(), before);
    EXPECT_FALSE(announced.isEmpty());
}

TEST(ClientAgainstTunedSim, SpentBudgetMakesACallWaitInsteadOfMeetingA429)
{
    sim::SimOptions options = simOptions();
    options.rateLimitPerMinute = 4;
    SimFixture sim(options);
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    QStringList logLines;
    ClientOptions clientOptions = fastClientOptions(4);
    clientOptions.logSink = [&logLines](const QString &line) { logLines.append(line); };
    ApiClient client(simProfile(sim), clientOptions);
    // The token and three calls spend the tenant's four requests of this minute.
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(waitFor(client.getChannel(sim.channelId(i))).ok());
    EXPECT_EQ(client.budgetRemaining(), 0);
    EXPECT_EQ(client.budgetLimit(), 4);

    logLines.clear();
    Reply<Channel> *waiting = client.getChannel(sim.channelId(3));
    const auto result = cc::test::capture(waiting);
    // The decision is made at once: nothing is sent, the call waits for the window.
    ASSERT_FALSE(logLines.isEmpty());
    EXPECT_TRUE(logLines.first().contains(QStringLiteral("waiting"))) << logLines.first().toStdString();
    waiting->cancel();
    ASSERT_TRUE(result->has_value());
    EXPECT_EQ((*result)->error->kind, ApiError::Kind::Cancelled);
    EXPECT_EQ(sim.stats().value(QStringLiteral("by_status")).toObject().value(QStringLiteral("429")).toInt(), 0);
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v2/channels/")).size(), 3);
}

namespace {

// Runs a client in a worker thread, as the monitor does, and reports its list.
class ThreadedLister final : public QObject
{
public:
    explicit ThreadedLister(const ConnectionProfile &profile, const ClientOptions &options)
        : m_client(new ApiClient(profile, options, this))
    {
    }
    void list()
    {
        m_client->listChannels()->onFinished(this, [this](const ApiResult<QList<Channel>> &result) {
            m_count = result.ok() ? static_cast<int>(result.value->size()) : -1;
        });
    }
    std::atomic<int> m_count{0};

private:
    ApiClient *m_client;
};

} // namespace

TEST_F(ClientAgainstSim, AClientInAWorkerThreadSharesTheTenantsBudget)
{
    ClientOptions options = fastClientOptions(4);   // one budget object, handed to both clients
    ApiClient mainClient(simProfile(sim), options);

    QThread worker;
    auto *lister = new ThreadedLister(simProfile(sim), options);
    lister->moveToThread(&worker);
    QObject::connect(&worker, &QThread::finished, lister, &QObject::deleteLater);
    worker.start();
    QMetaObject::invokeMethod(lister, &ThreadedLister::list, Qt::QueuedConnection);
    const ApiResult<QList<Channel>> mine = waitFor(mainClient.listChannels());
    // The sim answers from this thread's event loop, so wait on it.
    EXPECT_TRUE(cc::test::waitUntil([lister] { return lister->m_count.load() != 0; }));
    EXPECT_EQ(lister->m_count.load(), 12);
    worker.quit();
    worker.wait();
    ASSERT_TRUE(mine.ok());
    // Two tokens and two lists, all spent from the one budget.
    EXPECT_EQ(options.budget->remaining(QDateTime::currentMSecsSinceEpoch()), 96);
}

// The write guard (a leader lease's fence, the audit trail's gate) refuses a
// change with a token already in hand: the refusal reaches the caller's
// handler like any result, and nothing is sent. (It was reported before the
// caller could attach a handler, so a refused change never finished.)
TEST_F(ClientAgainstSim, AChangeTheWriteGuardRefusesIsReportedAndNotSent)
{
    ClientOptions options = fastClientOptions(4);
    bool refuse = false;
    options.writeGuard = [&refuse] { return refuse ? QStringLiteral("the audit trail is away") : QString(); };
    ApiClient client(simProfile(sim), options);
    const QString id = sim.channelId(0);
    const ApiResult<Channel> current = waitFor(client.getChannel(id));   // a token in hand: the next call is sent at once
    ASSERT_TRUE(current.ok());

    refuse = true;
    const ApiResult<Channel> refused = waitFor(client.failover(id, sim.channelId(1), current.value->version));
    ASSERT_TRUE(refused.error) << "the caller hears of the refusal";
    EXPECT_EQ(refused.error->kind, ApiError::Kind::Configuration);
    EXPECT_TRUE(refused.error->text().contains(QLatin1String("the audit trail is away"))) << refused.error->text().toStdString();
    EXPECT_TRUE(sim.requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/api/v2/channels/") + id).isEmpty());

    refuse = false;
    EXPECT_TRUE(waitFor(client.failover(id, sim.channelId(1), current.value->version)).ok());
}
