// The rate limit (section 4) and the faults a test or the demo switches on,
// through the control API and through a scenario timeline.

#include "sim_http_test_util.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace cc::test;

namespace {

const QString kChannels = QStringLiteral("/api/v2/channels");

QJsonObject action(const QString &name, const QJsonObject &fields = {})
{
    QJsonObject object = fields;
    object.insert(QStringLiteral("action"), name);
    return object;
}

// Writes a scenario file `name` into `dir`: its path, or empty when it could not be written.
QString writeScenario(const QTemporaryDir &dir, const QString &name, const QByteArray &json)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(json) != json.size())
        return QString();
    return file.fileName();
}

} // namespace

TEST(SimRateLimit, FixedWindowPerTenantCountsTheTokenEndpointAndAnswers429WithRetryAfter)
{
    auto clock = std::make_shared<cc::ManualClock>();
    cc::sim::SimOptions options = simOptions(clock);
    options.rateLimitPerMinute = 5;
    SimFixture sim(options);
    const QString token = sim.fetchToken(); // 1 of 5
    for (int i = 2; i <= 5; ++i) {
        const SimFixture::Reply reply = sim.api("GET", kChannels, token);
        ASSERT_EQ(reply.status, 200) << "request " << i;
        EXPECT_EQ(reply.header("X-RateLimit-Limit"), QByteArrayLiteral("5"));
        EXPECT_EQ(reply.header("X-RateLimit-Remaining"), QByteArray::number(5 - i));
        EXPECT_EQ(reply.header("X-RateLimit-Reset"), QByteArrayLiteral("60"));
    }
    clock->advanceSeconds(20);
    const SimFixture::Reply limited = sim.api("GET", kChannels, token);
    expectErrorBody(limited, 429, QStringLiteral("rate_limited"));
    EXPECT_EQ(limited.header("Retry-After"), QByteArrayLiteral("40"));
    EXPECT_EQ(limited.header("X-RateLimit-Remaining"), QByteArrayLiteral("0"));
    EXPECT_EQ(limited.header("X-RateLimit-Reset"), QByteArrayLiteral("40"));
    expectErrorBody(sim.request("POST", QStringLiteral("/api/v2/oauth/token"), "grant_type=client_credentials"), 429,
                    QStringLiteral("rate_limited"));
    // The control API is never limited.
    EXPECT_EQ(sim.stats().value(QStringLiteral("by_status")).toObject().value(QStringLiteral("429")).toInt(), 2);

    clock->advanceSeconds(40);
    const SimFixture::Reply nextWindow = sim.api("GET", kChannels, token);
    EXPECT_EQ(nextWindow.status, 200);
    EXPECT_EQ(nextWindow.header("X-RateLimit-Remaining"), QByteArrayLiteral("4"));
}

TEST(SimRateLimit, StormAnswersEveryApiCall429UntilItEnds)
{
    auto clock = std::make_shared<cc::ManualClock>();
    SimFixture sim(simOptions(clock));
    const QString token = sim.fetchToken();
    sim.fault(action(QStringLiteral("rate_limit_storm"), {{QStringLiteral("seconds"), 5}, {QStringLiteral("retry_after"), 2}}));
    for (const QString &path : QStringList{kChannels, kChannels + QLatin1Char('/') + sim.channelId(0)}) {
        const SimFixture::Reply reply = sim.api("GET", path, token);
        expectErrorBody(reply, 429, QStringLiteral("rate_limited"));
        EXPECT_EQ(reply.header("Retry-After"), QByteArrayLiteral("2"));
    }
    clock->advanceSeconds(5);
    EXPECT_EQ(sim.api("GET", kChannels, token).status, 200);
}

TEST(SimFaults, FailNextAnswersTheNextCallsWith5xxThenRecovers)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    sim.fault(action(QStringLiteral("fail_next"), {{QStringLiteral("count"), 2}, {QStringLiteral("status"), 503},
                                                   {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/channels")}}));
    const SimFixture::Reply first = sim.api("GET", kChannels, token);
    expectErrorBody(first, 503, QStringLiteral("service_unavailable"));
    EXPECT_FALSE(first.header("Retry-After").isEmpty());
    expectErrorBody(sim.api("GET", kChannels, token), 503, QStringLiteral("service_unavailable"));
    EXPECT_EQ(sim.api("GET", kChannels, token).status, 200);

    sim.fault(action(QStringLiteral("fail_next"), {{QStringLiteral("status"), 502}}));
    // Without a path prefix the token fetch is spared: the fault is meant for the call after it.
    EXPECT_FALSE(sim.fetchToken().isEmpty());
    expectErrorBody(sim.api("GET", kChannels, token), 502, QStringLiteral("bad_gateway"));
    sim.fault(action(QStringLiteral("fail_next"), {{QStringLiteral("status"), 500}, {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/oauth")}}));
    EXPECT_TRUE(sim.fetchToken().isEmpty());
    sim.fault(action(QStringLiteral("fail_next"), {{QStringLiteral("status"), 504}}));
    expectErrorBody(sim.api("GET", kChannels, token), 504, QStringLiteral("gateway_timeout"));
}

TEST(SimFaults, SlowAnswersArriveAfterTheDelayAndTheSimServesOthersMeanwhile)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    sim.fault(action(QStringLiteral("slow"), {{QStringLiteral("delay_ms"), 400}, {QStringLiteral("count"), 1}}));
    QElapsedTimer timer;
    timer.start();
    const SimFixture::Reply slow = sim.api("GET", kChannels, token);
    EXPECT_EQ(slow.status, 200);
    EXPECT_GE(timer.elapsed(), 350); // a lower bound only: a loaded machine can only be slower
    EXPECT_EQ(sim.api("GET", kChannels, token).status, 200);
    EXPECT_EQ(sim.fault(action(QStringLiteral("slow"), {{QStringLiteral("delay_ms"), 0}})).value(QStringLiteral("faults"))
                  .toObject().value(QStringLiteral("slow_delay_ms")).toInt(),
              0);
}

TEST(SimFaults, AClientThatGivesUpOnASlowAnswerDoesNotHurtTheSim)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    sim.fault(action(QStringLiteral("slow"), {{QStringLiteral("delay_ms"), 1500}, {QStringLiteral("count"), 1}}));
    const SimFixture::Reply abandoned = sim.request("GET", kChannels, {}, {{QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1()}}, 200);
    EXPECT_EQ(abandoned.status, 0);
    EXPECT_EQ(sim.server().pendingDelayedAnswers(), 1);
    // Run the event loop until the held-back answer meets the closed socket.
    QDeadlineTimer deadline(10000);
    while (sim.server().pendingDelayedAnswers() > 0 && !deadline.hasExpired())
        QTest::qWait(20);
    EXPECT_EQ(sim.server().pendingDelayedAnswers(), 0);
    EXPECT_EQ(sim.api("GET", kChannels, token).status, 200);
}

TEST(SimFaults, DropAfterCommitCreatesTheChannelButNeverAnswersAndTheKeyedRetryGetsIt)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    sim.fault(action(QStringLiteral("drop_after_commit"), {{QStringLiteral("count"), 1}, {QStringLiteral("method"), QStringLiteral("POST")}}));

    // A raw socket, because QNetworkAccessManager silently resends a request whose
    // keep-alive connection closed before the answer: the test must see the drop.
    const QByteArray body = QJsonDocument(createBody(QStringLiteral("dropped-trunk"))).toJson(QJsonDocument::Compact);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, sim.server().port());
    ASSERT_TRUE(socket.waitForConnected(5000));
    socket.write("POST /api/v2/channels HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 "Idempotency-Key: retry-me\r\nAuthorization: Bearer " + token.toLatin1()
                 + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    ASSERT_TRUE(socket.state() == QAbstractSocket::UnconnectedState || closed.wait(10000));
    EXPECT_TRUE(socket.readAll().isEmpty()) << "no answer at all";
    EXPECT_EQ(sim.tenant().channels().count(), 13) << "the create was carried out";

    const SimFixture::Headers key{{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("retry-me")}};
    const SimFixture::Reply retried = sim.api("POST", kChannels, token, createBody(QStringLiteral("dropped-trunk")), key);
    EXPECT_EQ(retried.status, 201);
    EXPECT_EQ(retried.json.value(QStringLiteral("name")).toString(), QStringLiteral("dropped-trunk"));
    EXPECT_EQ(sim.tenant().channels().count(), 13) << "the retry with the same key created nothing";
}

TEST(SimFaults, ResetClearsEveryFault)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const QString id = sim.channelId(0);
    const QJsonObject applied = sim.fault(QJsonObject{{QStringLiteral("actions"), QJsonArray{
        action(QStringLiteral("fail_next"), {{QStringLiteral("count"), 5}}),
        action(QStringLiteral("revoke_scope"), {{QStringLiteral("scope"), QStringLiteral("channel:read")}}),
        action(QStringLiteral("set_status"), {{QStringLiteral("channel_id"), id}, {QStringLiteral("status"), QStringLiteral("disabled")}}),
        action(QStringLiteral("reject_credentials"))}}});
    EXPECT_EQ(applied.value(QStringLiteral("applied")).toInt(), 4);
    EXPECT_TRUE(sim.fetchToken().isEmpty());
    sim.fault(action(QStringLiteral("reset")));
    EXPECT_EQ(sim.api("GET", kChannels + QLatin1Char('/') + id, token).status, 200);
    EXPECT_FALSE(sim.fetchToken().isEmpty());
    const QJsonObject faults = sim.control("GET", QStringLiteral("/_sim/faults"));
    EXPECT_TRUE(faults.value(QStringLiteral("fail_next")).toArray().isEmpty());
    EXPECT_TRUE(faults.value(QStringLiteral("revoked_scopes")).toArray().isEmpty());
}

TEST(SimFaults, SetStatusHoldsAStatusUntilAuto)
{
    auto clock = std::make_shared<cc::ManualClock>();
    SimFixture sim(simOptions(clock));
    const QString id = sim.channelId(4);
    const QString path = kChannels + QLatin1Char('/') + id;
    sim.fault(action(QStringLiteral("set_status"), {{QStringLiteral("channel_id"), id}, {QStringLiteral("status"), QStringLiteral("unhealthy")}}));
    clock->advanceSeconds(3600);
    EXPECT_EQ(sim.api("GET", path, sim.fetchToken()).json.value(QStringLiteral("status")).toString(), QStringLiteral("unhealthy"));
    sim.fault(action(QStringLiteral("set_status"), {{QStringLiteral("channel_id"), id}, {QStringLiteral("status"), QStringLiteral("auto")}}));
    clock->advanceSeconds(86400);
    EXPECT_NE(sim.api("GET", path, sim.fetchToken()).json.value(QStringLiteral("status")).toString(), QStringLiteral("unhealthy"));
}

TEST(SimFaults, AHeldStatusComesBackAtTheNextCheckAfterAFailoverPatch)
{
    auto clock = std::make_shared<cc::ManualClock>();
    SimFixture sim(simOptions(clock));
    const QString token = sim.fetchToken();
    const QString primary = sim.channelId(0); // checked every 60 s
    const QString path = kChannels + QLatin1Char('/') + primary;
    sim.fault(action(QStringLiteral("set_status"), {{QStringLiteral("channel_id"), primary}, {QStringLiteral("status"), QStringLiteral("unhealthy")}}));
    const SimFixture::Reply failover = sim.api("PATCH", path, token, cc::failoverPatch(sim.channelId(3)));
    EXPECT_EQ(failover.json.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    clock->advanceSeconds(61);
    const SimFixture::Reply later = sim.api("GET", path, token);
    EXPECT_EQ(later.json.value(QStringLiteral("status")).toString(), QStringLiteral("unhealthy")) << "the trunk is still down";
    EXPECT_EQ(later.json.value(QStringLiteral("routing")).toObject().value(QStringLiteral("primary_channel_id")).toString(), sim.channelId(3));
}

TEST(SimFaults, AnInvalidActionIs400AndAppliesNothing)
{
    SimFixture sim(simOptions());
    const SimFixture::Reply unknown = sim.apiRaw("POST", QStringLiteral("/_sim/faults"), QString(), R"({"action": "explode"})");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_TRUE(unknown.json.value(QStringLiteral("message")).toString().contains(QLatin1String("fail_next")));
    const SimFixture::Reply partly = sim.apiRaw("POST", QStringLiteral("/_sim/faults"), QString(),
                                                R"({"actions": [{"action": "fail_next"}, {"action": "fail_next", "status": 404}]})");
    EXPECT_EQ(partly.status, 400);
    EXPECT_TRUE(partly.json.value(QStringLiteral("message")).toString().startsWith(QLatin1String("action 1")));
    EXPECT_TRUE(sim.control("GET", QStringLiteral("/_sim/faults")).value(QStringLiteral("fail_next")).toArray().isEmpty());
    EXPECT_EQ(sim.apiRaw("POST", QStringLiteral("/_sim/faults"), QString(),
                         R"({"action": "set_status", "channel_id": "ch_nope", "status": "unhealthy"})").status,
              400);
    EXPECT_EQ(sim.apiRaw("POST", QStringLiteral("/_sim/faults"), QString(), "not json").status, 400);
}

TEST(SimScenario, TimelineEventsFireAtTheirTimeOnTheInjectedClock)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    auto clock = std::make_shared<cc::ManualClock>();
    cc::sim::SimOptions options = simOptions(clock);
    // The scenario names the first seeded channel, known for seed 1 from a first tenant.
    const QString id = SimFixture(simOptions(std::make_shared<cc::ManualClock>())).channelId(0);
    options.scenarioFile = writeScenario(dir, QStringLiteral("scenario.json"), QStringLiteral(R"({"events": [
        {"at": 5, "action": "set_status", "channel_id": "%1", "status": "unhealthy"},
        {"at": 10, "action": "rate_limit_storm", "seconds": 5, "retry_after": 3},
        {"at": 20, "action": "fail_next", "count": 1, "status": 500},
        {"at": 30, "action": "expire_tokens"}]})").arg(id).toUtf8());
    ASSERT_FALSE(options.scenarioFile.isEmpty());
    SimFixture sim(options);
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString token = sim.fetchToken();
    const QString path = kChannels + QLatin1Char('/') + id;

    EXPECT_EQ(sim.api("GET", path, token).json.value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
    clock->advanceSeconds(5);
    EXPECT_EQ(sim.api("GET", path, token).json.value(QStringLiteral("status")).toString(), QStringLiteral("unhealthy"));
    clock->advanceSeconds(5);
    EXPECT_EQ(sim.api("GET", path, token).header("Retry-After"), QByteArrayLiteral("3"));
    clock->advanceSeconds(10);
    EXPECT_EQ(sim.api("GET", path, token).status, 500);
    EXPECT_EQ(sim.api("GET", path, token).status, 200);
    clock->advanceSeconds(10);
    EXPECT_EQ(sim.api("GET", path, token).status, 401);
}

TEST(SimScenario, EventsFireOnTheirOwnOnTheRealClock)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    cc::sim::SimOptions options = simOptions();
    options.scenarioFile =
        writeScenario(dir, QStringLiteral("scenario.json"), R"({"events": [{"at": 0.2, "action": "export_receiver", "up": false}]})");
    ASSERT_FALSE(options.scenarioFile.isEmpty());
    SimFixture sim(options);
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    // No request reaches the tenant: only its timer can fire the event.
    QDeadlineTimer deadline(10000);
    while (sim.tenant().faults().exportReceiverUp() && !deadline.hasExpired())
        QTest::qWait(20);
    EXPECT_FALSE(sim.tenant().faults().exportReceiverUp());
}

TEST(SimScenario, ABadScenarioFileStopsTheStartWithAReadableError)
{
    QTemporaryDir dir;
    cc::sim::SimOptions options = simOptions();
    options.scenarioFile = writeScenario(dir, QStringLiteral("bad.json"), R"({"events": [{"at": 1, "action": "fail_next", "status": 418}]})");
    ASSERT_FALSE(options.scenarioFile.isEmpty());
    cc::sim::SimServer server(options);
    QString error;
    EXPECT_FALSE(server.listen(&error));
    EXPECT_TRUE(error.contains(options.scenarioFile)) << error.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String("status"))) << error.toStdString();
}

TEST(SimScenario, AChannelIdUnknownAtStartIsAcceptedButAMissingOneIsNot)
{
    QTemporaryDir dir;
    const auto start = [&dir](const QByteArray &json, QString *error) {
        cc::sim::SimOptions options = simOptions();
        options.scenarioFile = writeScenario(dir, QStringLiteral("s.json"), json);
        if (options.scenarioFile.isEmpty())
            return false;
        cc::sim::SimServer server(options);
        return server.listen(error);
    };
    QString error;
    // The scenario may name a channel a client creates later.
    EXPECT_TRUE(start(R"({"events": [{"at": 60, "action": "set_status", "channel_id": "ch_later", "status": "degraded"}]})", &error))
        << error.toStdString();
    EXPECT_FALSE(start(R"({"events": [{"at": 60, "action": "set_status", "status": "degraded"}]})", &error));
    EXPECT_TRUE(error.contains(QLatin1String("channel_id is required"))) << error.toStdString();
}

TEST(SimHostileFaults, ScenarioFileSwitchesOnLoopingPagesRedirectsAndAbsurdTokenLifetimes)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    auto clock = std::make_shared<cc::ManualClock>();
    cc::sim::SimOptions options = simOptions(clock);
    options.scenarioFile = writeScenario(dir, QStringLiteral("hostile.json"), R"({"events": [
        {"at": 1, "action": "loop_pages", "total": 1000000},
        {"at": 2, "action": "token_expires_in", "seconds": 1},
        {"at": 3, "action": "redirect", "location": "http://127.0.0.1:9", "count": 1, "path_prefix": "/api/v2/channels"},
        {"at": 4, "action": "oversize", "bytes": 4096, "path_prefix": "/api/v2/channels"}]})");
    ASSERT_FALSE(options.scenarioFile.isEmpty());
    SimFixture sim(options);
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString token = sim.fetchToken();

    clock->advanceSeconds(1);
    const SimFixture::Reply page2 = sim.api("GET", kChannels + QStringLiteral("?page=2&page_size=5"), token);
    EXPECT_EQ(page2.json.value(QStringLiteral("total")).toInteger(), 1000000);
    EXPECT_EQ(page2.json.value(QStringLiteral("page_size")).toInt(), 5);
    const SimFixture::Reply page1 = sim.api("GET", kChannels + QStringLiteral("?page=1&page_size=5"), token);
    EXPECT_EQ(page2.json.value(QStringLiteral("channels")), page1.json.value(QStringLiteral("channels")));

    clock->advanceSeconds(1);
    const SimFixture::Reply issued = sim.request("POST", QStringLiteral("/api/v2/oauth/token"),
                                                 "grant_type=client_credentials&client_id=demo&client_secret=demo-secret",
                                                 {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(issued.json.value(QStringLiteral("expires_in")).toInt(), 1);

    clock->advanceSeconds(1);
    // (The fixture's own network access follows the redirect, and fails there;
    // the client tests read the Location the client refuses.)
    sim.clearRequests();
    sim.api("GET", kChannels + QStringLiteral("?page=1"), token);
    const QJsonArray logged = sim.requests();
    ASSERT_FALSE(logged.isEmpty());
    EXPECT_EQ(logged.first().toObject().value(QStringLiteral("status")).toInt(), 307);
    EXPECT_EQ(sim.api("GET", kChannels + QStringLiteral("?page=1"), token).status, 200) << "count 1: once";

    clock->advanceSeconds(1);
    const SimFixture::Reply padded = sim.api("GET", kChannels + QStringLiteral("?page=1&page_size=1"), token);
    EXPECT_GE(padded.body.size(), 4096);
    EXPECT_FALSE(padded.json.isEmpty()) << "still valid JSON";
}

TEST(SimHostileFaults, DripWritesTheAnswerAFewBytesAtATime)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    sim.fault(action(QStringLiteral("drip"), {{QStringLiteral("interval_ms"), 5}, {QStringLiteral("chunk_bytes"), 64},
                                              {QStringLiteral("path_prefix"), kChannels}}));
    QElapsedTimer clock;
    clock.start();
    const SimFixture::Reply reply = sim.api("GET", kChannels + QStringLiteral("?page=1&page_size=2"), token);
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.json.value(QStringLiteral("channels")).toArray().size(), 2);
    // About 2 KB in 64-byte chunks every 5 ms: tens of milliseconds, not one write.
    EXPECT_GE(clock.elapsed(), (reply.body.size() / 64) * 5 / 2);
}

TEST(SimHostileFaults, ABadHostileActionIs400)
{
    SimFixture sim(simOptions());
    EXPECT_EQ(sim.apiRaw("POST", QStringLiteral("/_sim/faults"), QString(), R"({"action": "redirect"})").status, 400);
    EXPECT_EQ(sim.apiRaw("POST", QStringLiteral("/_sim/faults"), QString(),
                         R"({"action": "redirect", "location": "not a url"})").status,
              400);
    EXPECT_EQ(sim.apiRaw("POST", QStringLiteral("/_sim/faults"), QString(), R"({"action": "oversize"})").status, 400);
    EXPECT_EQ(sim.apiRaw("POST", QStringLiteral("/_sim/faults"), QString(),
                         R"({"action": "rate_limit_storm", "seconds": 5, "retry_after": 259200})").status,
              200);
}
