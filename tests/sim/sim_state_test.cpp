// Unit tests of the simulated tenant's state classes, without HTTP: the rate
// limiter, tokens, idempotency, health evolution under a fake clock, the
// telemetry generator's determinism and shape, the scenario and the log.

#include "channel_store.h"
#include "common/manual_clock.h"
#include "health_model.h"
#include "idempotency_cache.h"
#include "rate_limiter.h"
#include "request_log.h"
#include "scenario_timeline.h"
#include "sim_tenant.h"
#include "telemetry_generator.h"
#include "token_store.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::sim;

namespace {

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::UTC);
}

ChannelDraft draft(const QString &name)
{
    ChannelDraft d;
    d.name = name;
    d.configuration.sipServer = QStringLiteral("sip.example.net");
    d.configuration.username = QStringLiteral("user");
    d.configuration.password = QStringLiteral("pw-123");
    d.configuration.codecs = {{QStringLiteral("OPUS"), 1}};
    return d;
}

} // namespace

TEST(RateLimiter, AllowsTheLimitThenRefusesUntilTheWindowResets)
{
    RateLimiter limiter(3);
    EXPECT_EQ(limiter.take(0).remaining, 2);
    EXPECT_EQ(limiter.take(100).remaining, 1);
    EXPECT_TRUE(limiter.take(200).allowed);
    const RateLimiter::Decision refused = limiter.take(10'000);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.remaining, 0);
    EXPECT_EQ(refused.resetSeconds, 50);
    EXPECT_TRUE(limiter.take(60'000).allowed);
    EXPECT_EQ(limiter.peek(60'000).remaining, 2);
}

TEST(RateLimiter, ZeroMeansUnlimited)
{
    RateLimiter limiter(0);
    for (int i = 0; i < 1000; ++i)
        ASSERT_TRUE(limiter.take(i).allowed);
}

TEST(TokenStore, TokenExpiresAfterItsLifetimeAndOnExpireAll)
{
    TokenStore tokens;
    const TokenStore::Issued a = tokens.issue(TokenStore::knownScopes(), 60, 0);
    EXPECT_EQ(tokens.check(a.token, 59'999), TokenStore::Check::Valid);
    EXPECT_EQ(tokens.check(a.token, 60'000), TokenStore::Check::Expired);
    const TokenStore::Issued b = tokens.issue(TokenStore::knownScopes(), 60, 0);
    tokens.expireAll();
    EXPECT_EQ(tokens.check(b.token, 1), TokenStore::Check::Expired);
    EXPECT_EQ(tokens.check(QStringLiteral("sim_forged"), 1), TokenStore::Check::Unknown);
    EXPECT_EQ(tokens.issuedCount(), 2);
}

TEST(TokenStore, RevokedScopeIsMissingUntilGrantedAgain)
{
    TokenStore tokens;
    const TokenStore::Issued issued = tokens.issue({QStringLiteral("channel:read"), QStringLiteral("channel:write")}, 600, 0);
    EXPECT_TRUE(tokens.hasScope(issued.token, QStringLiteral("channel:write")));
    EXPECT_FALSE(tokens.hasScope(issued.token, QStringLiteral("telemetry:read")));
    tokens.revokeScope(QStringLiteral("channel:write"));
    EXPECT_FALSE(tokens.hasScope(issued.token, QStringLiteral("channel:write")));
    tokens.grantScope(QStringLiteral("channel:write"));
    EXPECT_TRUE(tokens.hasScope(issued.token, QStringLiteral("channel:write")));
}

TEST(IdempotencyCache, ReplaysWithin24HoursAndForgetsAfter)
{
    IdempotencyCache cache;
    cache.store(QStringLiteral("k"), {201, QByteArrayLiteral("{}"), {}}, 0);
    ASSERT_TRUE(cache.find(QStringLiteral("k"), IdempotencyCache::kLifetimeMs - 1).has_value());
    EXPECT_EQ(cache.find(QStringLiteral("k"), 1)->status, 201);
    EXPECT_FALSE(cache.find(QStringLiteral("k"), IdempotencyCache::kLifetimeMs).has_value());
    EXPECT_FALSE(cache.find(QStringLiteral("other"), 1).has_value());
}

TEST(ChannelStore, NewChannelIsProvisioningUntilItsFirstCheckThenHealthy)
{
    ChannelStore store(1);
    const QDateTime start = utc(23, 10);
    const ChannelStore::CreateResult created = store.create(draft(QStringLiteral("new-trunk")), start);
    ASSERT_TRUE(created.errors.isEmpty());
    EXPECT_EQ(created.channel.status, ChannelStatus::Provisioning);
    store.advanceHealth(start.addSecs(59));
    EXPECT_EQ(store.find(created.channel.id)->status, ChannelStatus::Provisioning);
    store.advanceHealth(start.addSecs(60));
    EXPECT_EQ(store.find(created.channel.id)->status, ChannelStatus::Healthy);
}

TEST(ChannelStore, SeedingFiveThousandChannelsGivesFiveThousandDistinctIds)
{
    // Ids are 24-bit hashes: drawn 5,000 times, one repeats more often than not,
    // and a repeat used to overwrite a channel while the others pointed at it.
    for (quint32 seed : {1u, 2u, 3u}) {
        ChannelStore store(seed);
        store.seed(5000, utc(23, 10));
        EXPECT_EQ(store.ids().size(), 5000) << "seed " << seed;
    }
}

TEST(ChannelStore, HealthEvolvesTheSameWayForTheSameSeed)
{
    const QDateTime start = utc(23, 10);
    ChannelStore a(7), b(7), c(8);
    a.seed(40, start);
    b.seed(40, start);
    c.seed(40, start);
    EXPECT_EQ(a.orderedIds(), b.orderedIds());
    EXPECT_NE(a.orderedIds(), c.orderedIds());
    int changes = 0;
    QList<ChannelStatus> previous;
    for (int step = 1; step <= 120; ++step) {
        const QDateTime now = start.addSecs(step * 60);
        a.advanceHealth(now);
        b.advanceHealth(now);
        QList<ChannelStatus> statuses;
        for (const QString &id : a.orderedIds()) {
            ASSERT_EQ(a.find(id)->status, b.find(id)->status) << id.toStdString() << " at step " << step;
            statuses.append(a.find(id)->status);
        }
        if (!previous.isEmpty() && statuses != previous)
            ++changes;
        previous = statuses;
    }
    EXPECT_GT(changes, 0) << "two hours of checks on 40 trunks should change something";
}

TEST(HealthModel, MostlyHealthyOccasionallyDegradedRarelyUnhealthy)
{
    int counts[6] = {};
    ChannelStatus status = ChannelStatus::Healthy;
    const int checks = 20000;
    for (int i = 0; i < checks; ++i) {
        status = HealthModel::nextStatus(3, QStringLiteral("ch_abc123"), i, status);
        ++counts[static_cast<int>(status)];
    }
    const double healthy = counts[static_cast<int>(ChannelStatus::Healthy)] / double(checks);
    const double degraded = counts[static_cast<int>(ChannelStatus::Degraded)] / double(checks);
    const double unhealthy = counts[static_cast<int>(ChannelStatus::Unhealthy)] / double(checks);
    EXPECT_GT(healthy, 0.85);
    EXPECT_GT(degraded, 0.01);
    EXPECT_LT(degraded, 0.12);
    EXPECT_GT(unhealthy, 0.0);
    EXPECT_LT(unhealthy, degraded);
}

TEST(ChannelStore, HeldStatusSurvivesChecksUntilReleased)
{
    ChannelStore store(1);
    const QDateTime start = utc(23, 10);
    store.seed(4, start);
    const QString id = store.orderedIds().first();
    store.holdStatus(id, ChannelStatus::Unhealthy, start);
    store.advanceHealth(start.addSecs(3600));
    EXPECT_EQ(store.find(id)->status, ChannelStatus::Unhealthy);
    store.holdStatus(id, std::nullopt, start.addSecs(3600));
    // Released: the chain resumes from unhealthy and recovers within a day of checks.
    store.advanceHealth(start.addSecs(86400));
    EXPECT_NE(store.find(id)->status, ChannelStatus::Unhealthy);
    EXPECT_EQ(store.recordedStatusAt(id, start.addSecs(1800)), ChannelStatus::Unhealthy);
}

TEST(ChannelStore, PasswordIsKeptOnlyAsAFlagAndNeverReturned)
{
    ChannelStore store(1);
    const ChannelStore::CreateResult created = store.create(draft(QStringLiteral("pw-trunk")), utc(23, 10));
    ASSERT_TRUE(created.errors.isEmpty());
    EXPECT_TRUE(store.hasPassword(created.channel.id));
    EXPECT_FALSE(created.channel.configuration.password.has_value());
    const QByteArray json = QJsonDocument(channelToJson(*store.find(created.channel.id))).toJson();
    EXPECT_FALSE(json.contains("pw-123"));
    EXPECT_FALSE(json.contains("password"));
}

TEST(ChannelStore, PatchValidatesWithTheContractRulesAndBumpsTheVersion)
{
    ChannelStore store(1);
    const QDateTime now = utc(23, 10);
    store.seed(4, now);
    const QString id = store.orderedIds().first();
    const qint64 version = store.find(id)->version;

    ChannelStore::PatchResult bad = store.patch(id, QJsonObject{{QStringLiteral("configuration"), QJsonObject{{QStringLiteral("sip_port"), 99}}}},
                                                std::nullopt, now);
    EXPECT_EQ(bad.outcome, ChannelStore::PatchOutcome::Invalid);
    ASSERT_FALSE(bad.errors.isEmpty());
    EXPECT_EQ(bad.errors.first().field, QStringLiteral("configuration.sip_port"));

    ChannelStore::PatchResult self = store.patch(id, QJsonObject{{QStringLiteral("routing"), QJsonObject{{QStringLiteral("failover_channels"), QJsonArray{id}}}}},
                                                 std::nullopt, now);
    EXPECT_EQ(self.outcome, ChannelStore::PatchOutcome::Invalid);

    ChannelStore::PatchResult stale = store.patch(id, QJsonObject{{QStringLiteral("name"), QStringLiteral("renamed")}}, version - 1, now);
    EXPECT_EQ(stale.outcome, ChannelStore::PatchOutcome::VersionMismatch);

    ChannelStore::PatchResult good = store.patch(id, QJsonObject{{QStringLiteral("name"), QStringLiteral("renamed")}}, version, now);
    ASSERT_EQ(good.outcome, ChannelStore::PatchOutcome::Updated);
    EXPECT_EQ(good.channel.version, version + 1);
    EXPECT_EQ(good.channel.name, QStringLiteral("renamed"));
}

TEST(TelemetryGenerator, SameSeedChannelAndTimeGiveTheSameRow)
{
    const TelemetryGenerator a(5), b(5), c(6);
    const QString id = QStringLiteral("ch_7f3a2c");
    const QDateTime bucket = utc(23, 9, 15);
    EXPECT_EQ(a.row(id, bucket, 300, ChannelStatus::Healthy), b.row(id, bucket, 300, ChannelStatus::Healthy));
    EXPECT_FALSE(a.row(id, bucket, 300, ChannelStatus::Healthy) == c.row(id, bucket, 300, ChannelStatus::Healthy));
    EXPECT_FALSE(a.row(id, bucket, 300, ChannelStatus::Healthy) == a.row(id, bucket.addSecs(300), 300, ChannelStatus::Healthy));
}

TEST(TelemetryGenerator, DegradedAndUnhealthyBucketsAreClearlyWorse)
{
    const TelemetryGenerator generator(1);
    const QString id = QStringLiteral("ch_000001");
    double latency[3] = {}, loss[3] = {}, jitter[3] = {};
    const ChannelStatus statuses[3] = {ChannelStatus::Healthy, ChannelStatus::Degraded, ChannelStatus::Unhealthy};
    for (int s = 0; s < 3; ++s) {
        for (int i = 0; i < 288; ++i) {
            const TelemetryPoint point = generator.row(id, utc(23, 0).addSecs(i * 300), 300, statuses[s]);
            latency[s] += *point.latencyMs;
            loss[s] += *point.packetLossPct;
            jitter[s] += *point.jitterMs;
        }
    }
    EXPECT_GT(latency[1], latency[0] * 1.5);
    EXPECT_GT(latency[2], latency[1] * 1.3);
    EXPECT_GT(loss[1], loss[0] * 3);
    EXPECT_GT(loss[2], loss[1] * 2);
    EXPECT_GT(jitter[1], jitter[0] * 2);
}

TEST(TelemetryGenerator, CallsFollowTheTimeOfDayAndEachTrunkHasItsOwnBaseLatency)
{
    const TelemetryGenerator generator(1);
    const QString id = QStringLiteral("ch_000002");
    const int offset = generator.profile(id).utcOffsetHours;
    qint64 peak = 0, night = 0;
    for (int day = 1; day <= 10; ++day) {
        // 14:00 and 03:00 local time of the trunk's callers.
        peak += *generator.row(id, utc(day, (14 - offset + 24) % 24), 3600, ChannelStatus::Healthy).calls;
        night += *generator.row(id, utc(day, (3 - offset + 24) % 24), 3600, ChannelStatus::Healthy).calls;
    }
    EXPECT_GT(peak, night * 3);

    QSet<int> baseLatencies;
    for (int i = 0; i < 10; ++i)
        baseLatencies.insert(static_cast<int>(generator.profile(QStringLiteral("ch_%1").arg(i)).baseLatencyMs));
    EXPECT_GT(baseLatencies.size(), 5);
}

TEST(TelemetryGenerator, BucketsAreAlignedToTheInterval)
{
    EXPECT_EQ(TelemetryGenerator::alignDown(utc(23, 9, 17), 300), utc(23, 9, 15));
    EXPECT_EQ(TelemetryGenerator::alignDown(utc(23, 9, 17), 3600), utc(23, 9));
    EXPECT_EQ(TelemetryGenerator::bucketCount(utc(23, 9, 15), utc(23, 10, 15), 300), 12);
    EXPECT_EQ(TelemetryGenerator::bucketCount(utc(23, 9, 17), utc(23, 10, 15), 300), 12);
    EXPECT_EQ(TelemetryGenerator::bucketCount(utc(23, 9, 17), utc(23, 10, 16), 300), 13);
    EXPECT_EQ(TelemetryGenerator::bucketCount(utc(23, 0), utc(24, 0), 10), 8640);
}

TEST(ScenarioTimeline, HandsOutDueEventsInTimeOrder)
{
    ScenarioTimeline timeline;
    QString error;
    ASSERT_TRUE(timeline.loadJson(R"({"events": [
        {"at": 5, "action": "expire_tokens"},
        {"at": 0.5, "action": "fail_next", "count": 1},
        {"at": 5, "action": "reset"}]})", &error)) << error.toStdString();
    EXPECT_EQ(timeline.nextDueMs(), 500);
    EXPECT_TRUE(timeline.takeDue(499).isEmpty());
    const QList<QJsonObject> first = timeline.takeDue(500);
    ASSERT_EQ(first.size(), 1);
    EXPECT_EQ(first.first().value(QStringLiteral("action")).toString(), QStringLiteral("fail_next"));
    EXPECT_FALSE(first.first().contains(QStringLiteral("at")));
    const QList<QJsonObject> later = timeline.takeDue(10'000);
    ASSERT_EQ(later.size(), 2);
    EXPECT_EQ(later.at(0).value(QStringLiteral("action")).toString(), QStringLiteral("expire_tokens"));
    EXPECT_EQ(later.at(1).value(QStringLiteral("action")).toString(), QStringLiteral("reset"));
    EXPECT_FALSE(timeline.nextDueMs().has_value());
}

TEST(ScenarioTimeline, RefusesAMalformedFileWithAReadableError)
{
    ScenarioTimeline timeline;
    QString error;
    EXPECT_FALSE(timeline.loadJson("{\"events\": [{\"action\": \"reset\"}]}", &error));
    EXPECT_TRUE(error.contains(QLatin1String("at"))) << error.toStdString();
    EXPECT_FALSE(timeline.loadJson("not json", &error));
    EXPECT_FALSE(timeline.loadFile(QStringLiteral("/nonexistent/scenario.json"), &error));
    EXPECT_TRUE(error.contains(QLatin1String("/nonexistent/scenario.json")));
}

TEST(RequestLog, RedactsPasswordsSecretsAndTokensAtAnyDepth)
{
    const QJsonObject body{
        {QStringLiteral("name"), QStringLiteral("x")},
        {QStringLiteral("configuration"), QJsonObject{{QStringLiteral("authentication"),
                                                       QJsonObject{{QStringLiteral("username"), QStringLiteral("u")},
                                                                   {QStringLiteral("password"), QStringLiteral("hunter2")}}}}},
        {QStringLiteral("list"), QJsonArray{QJsonObject{{QStringLiteral("client_secret"), QStringLiteral("s3")}}}},
        {QStringLiteral("access_token"), QStringLiteral("tok")},
    };
    const QByteArray text = QJsonDocument(RequestLog::redact(body).toObject()).toJson();
    EXPECT_FALSE(text.contains("hunter2"));
    EXPECT_FALSE(text.contains("s3\""));
    EXPECT_FALSE(text.contains("\"tok\""));
    EXPECT_TRUE(text.contains("\"u\""));
    EXPECT_EQ(text.count("[redacted]"), 3);
}

TEST(RequestLog, HoldsBoundedMemoryWhateverTheBodiesWeigh)
{
    // A monitor at 1,000 channels: a telemetry query naming every channel, each cycle.
    QJsonArray ids;
    for (int i = 0; i < 1000; ++i)
        ids.append(QStringLiteral("ch_%1").arg(i, 6, 16, QLatin1Char('0')));
    const QJsonObject body{{QStringLiteral("filter"), QJsonObject{{QStringLiteral("values"), ids}}}};
    RequestLog log;
    const int sends = 1000;   // a quarter of an hour at 1 s
    for (int i = 0; i < sends; ++i) {
        RequestLog::Entry entry;
        entry.tMs = i;
        entry.method = QStringLiteral("POST");
        entry.path = QStringLiteral("/api/v2/telemetry/metrics");
        entry.route = QStringLiteral("POST /api/v2/telemetry/metrics");
        entry.status = 200;
        entry.body = body;
        log.append(entry);
    }
    EXPECT_LE(log.bytes(), RequestLog::kMaxBytes);
    EXPECT_LT(log.size(), sends) << "every 13 KB body kept";
    EXPECT_GT(log.size(), 100) << "recent requests stay for the tests that read them";
    EXPECT_EQ(log.total(), sends) << "the counters keep counting";
    const QJsonArray kept = log.requestsJson().value(QStringLiteral("requests")).toArray();
    ASSERT_EQ(kept.size(), log.size());
    EXPECT_EQ(kept.last().toObject().value(QStringLiteral("t_ms")).toInteger(), sends - 1) << "the newest is kept";
    EXPECT_EQ(kept.last().toObject().value(QStringLiteral("seq")).toInteger(), sends);
}

TEST(SimTenant, ControlApiRefusesClientsThatAreNotLoopback)
{
    SimOptions options;
    options.clock = std::make_shared<ManualClock>();
    SimTenant tenant(options);
    QString error;
    ASSERT_TRUE(tenant.start(&error));
    SimRequest request;
    request.method = QStringLiteral("GET");
    request.path = QStringLiteral("/_sim/stats");
    request.fromLoopback = false;
    const SimResponse refused = tenant.handle(request);
    EXPECT_EQ(refused.status, 403);
    request.fromLoopback = true;
    EXPECT_EQ(tenant.handle(request).status, 200);
}
