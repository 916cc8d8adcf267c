// The contract's telemetry query (section 3) over real HTTP: one query over many
// channels, eq and in, the intervals, aligned buckets, the 10,000-row cap, and
// values that are deterministic and worse while a channel is unhealthy.

#include "sim_http_test_util.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace cc::test;

namespace {

const QString kTelemetry = QStringLiteral("/api/v2/telemetry/metrics");
// The ManualClock's start: 2026-11-23T10:00:00Z.
const QDateTime kNow(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC);

} // namespace

TEST(SimTelemetry, OneQueryAnswersForManyChannelsWithAlignedBuckets)
{
    auto clock = std::make_shared<cc::ManualClock>(kNow);
    SimFixture sim(simOptions(clock, 60));
    const QString token = sim.fetchToken();
    const QStringList ids = sim.tenant().channels().orderedIds();
    const SimFixture::Reply reply = sim.api("POST", kTelemetry, token, telemetryQuery(QStringLiteral("5m"), ids, kNow.addSecs(-3600), kNow));
    ASSERT_EQ(reply.status, 200) << reply.body.constData();
    EXPECT_EQ(reply.json.value(QStringLiteral("interval")).toString(), QStringLiteral("5m"));
    const cc::Parsed<cc::TelemetryResult> parsed = cc::telemetryResultFromJson(reply.json);
    ASSERT_TRUE(parsed.ok()) << cc::formatFieldErrors(parsed.errors).toStdString();
    const QList<cc::TelemetryPoint> &points = parsed.value.points;
    ASSERT_EQ(points.size(), 60 * 12);

    QHash<QString, int> rowsPerChannel;
    for (const cc::TelemetryPoint &point : points) {
        ++rowsPerChannel[point.channelId];
        EXPECT_EQ(point.timestamp.toSecsSinceEpoch() % 300, 0);
        EXPECT_GE(point.timestamp, kNow.addSecs(-3600));
        EXPECT_LT(point.timestamp, kNow);
        ASSERT_TRUE(point.latencyMs && point.jitterMs && point.packetLossPct && point.calls);
        EXPECT_GT(*point.latencyMs, 5.0);
        EXPECT_LT(*point.latencyMs, 2000.0);
        EXPECT_GE(*point.packetLossPct, 0.0);
        EXPECT_LE(*point.packetLossPct, 100.0);
        EXPECT_GE(*point.calls, 0);
    }
    EXPECT_EQ(rowsPerChannel.size(), 60);

    const SimFixture::Reply again = sim.api("POST", kTelemetry, token, telemetryQuery(QStringLiteral("5m"), ids, kNow.addSecs(-3600), kNow));
    EXPECT_EQ(again.body, reply.body) << "rows are computed, not drawn: the same question gets the same answer";
}

TEST(SimTelemetry, SameSeedGivesTheSameRowsAcrossTenants)
{
    auto clockA = std::make_shared<cc::ManualClock>(kNow);
    auto clockB = std::make_shared<cc::ManualClock>(kNow);
    SimFixture a(simOptions(clockA));
    SimFixture b(simOptions(clockB));
    const QJsonObject query = telemetryQuery(QStringLiteral("1m"), {a.channelId(0), a.channelId(5)}, kNow.addSecs(-1800), kNow);
    const SimFixture::Reply first = a.api("POST", kTelemetry, a.fetchToken(), query);
    const SimFixture::Reply second = b.api("POST", kTelemetry, b.fetchToken(), query);
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(first.json.value(QStringLiteral("metrics")).toArray().size(), 60);
    EXPECT_EQ(first.body, second.body);
}

TEST(SimTelemetry, EveryIntervalIsAnsweredAndAnUnknownOneIs400)
{
    auto clock = std::make_shared<cc::ManualClock>(kNow);
    SimFixture sim(simOptions(clock));
    const QString token = sim.fetchToken();
    const QString id = sim.channelId(0);
    const struct { const char *interval; int rows; } cases[] = {{"10s", 360}, {"1m", 60}, {"5m", 12}, {"1h", 1}};
    for (const auto &c : cases) {
        const SimFixture::Reply reply = sim.api("POST", kTelemetry, token,
                                                telemetryQuery(QString::fromLatin1(c.interval), {id}, kNow.addSecs(-3600), kNow));
        ASSERT_EQ(reply.status, 200) << c.interval;
        EXPECT_EQ(reply.json.value(QStringLiteral("metrics")).toArray().size(), c.rows) << c.interval;
    }
    expectErrorBody(sim.api("POST", kTelemetry, token, telemetryQuery(QStringLiteral("2m"), {id}, kNow.addSecs(-3600), kNow)), 400,
                    QStringLiteral("validation_failed"));
}

TEST(SimTelemetry, EqWithSeveralValuesAndUnknownMetricsAre400)
{
    auto clock = std::make_shared<cc::ManualClock>(kNow);
    SimFixture sim(simOptions(clock));
    const QString token = sim.fetchToken();
    QJsonObject query = telemetryQuery(QStringLiteral("5m"), {sim.channelId(0), sim.channelId(1)}, kNow.addSecs(-3600), kNow);
    QJsonObject filter = query.value(QStringLiteral("filter")).toObject();
    QJsonArray clauses = filter.value(QStringLiteral("clauses")).toArray();
    QJsonObject clause = clauses.at(0).toObject();
    clause.insert(QStringLiteral("selector"), QStringLiteral("eq"));
    clauses.replace(0, clause);
    filter.insert(QStringLiteral("clauses"), clauses);
    query.insert(QStringLiteral("filter"), filter);
    expectErrorBody(sim.api("POST", kTelemetry, token, query), 400, QStringLiteral("validation_failed"));

    QJsonObject metrics = telemetryQuery(QStringLiteral("5m"), {sim.channelId(0)}, kNow.addSecs(-3600), kNow);
    metrics.insert(QStringLiteral("metrics"), QJsonArray{QStringLiteral("latency_ms"), QStringLiteral("mos")});
    const SimFixture::Reply reply = sim.api("POST", kTelemetry, token, metrics);
    expectErrorBody(reply, 400, QStringLiteral("validation_failed"));
    EXPECT_EQ(reply.json.value(QStringLiteral("details")).toArray().at(0).toObject().value(QStringLiteral("field")).toString(),
              QStringLiteral("metrics[1]"));
}

TEST(SimTelemetry, TrunksHaveNoRowsForConversationsOtherThanVoice)
{
    auto clock = std::make_shared<cc::ManualClock>(kNow);
    SimFixture sim(simOptions(clock));
    QJsonObject query = telemetryQuery(QStringLiteral("5m"), {sim.channelId(0)}, kNow.addSecs(-600), kNow);
    QJsonObject filter = query.value(QStringLiteral("filter")).toObject();
    QJsonArray clauses = filter.value(QStringLiteral("clauses")).toArray();
    QJsonObject clause = clauses.at(1).toObject();
    clause.insert(QStringLiteral("values"), QJsonArray{QStringLiteral("chat")});
    clauses.replace(1, clause);
    filter.insert(QStringLiteral("clauses"), clauses);
    query.insert(QStringLiteral("filter"), filter);
    const SimFixture::Reply reply = sim.api("POST", kTelemetry, sim.fetchToken(), query);
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.json.value(QStringLiteral("metrics")).toArray().isEmpty());
}

TEST(SimTelemetry, OnlyTheAskedMetricsAreAnsweredWithCalls)
{
    auto clock = std::make_shared<cc::ManualClock>(kNow);
    SimFixture sim(simOptions(clock));
    QJsonObject query = telemetryQuery(QStringLiteral("5m"), {sim.channelId(0)}, kNow.addSecs(-600), kNow);
    query.insert(QStringLiteral("metrics"), QJsonArray{QStringLiteral("latency_ms")});
    const QJsonObject row = sim.api("POST", kTelemetry, sim.fetchToken(), query).json.value(QStringLiteral("metrics")).toArray().at(0).toObject();
    EXPECT_TRUE(row.contains(QStringLiteral("latency_ms")));
    EXPECT_TRUE(row.contains(QStringLiteral("calls")));
    EXPECT_FALSE(row.contains(QStringLiteral("jitter_ms")));
    EXPECT_FALSE(row.contains(QStringLiteral("packet_loss_pct")));
}

TEST(SimTelemetry, MoreThan10000RowsIs400QueryTooLargeSayingHowManyAndHowToNarrow)
{
    auto clock = std::make_shared<cc::ManualClock>(kNow);
    SimFixture sim(simOptions(clock));
    const QString token = sim.fetchToken();
    // One day of 10 s buckets is 8,640 rows per channel: one channel fits, two do not.
    const SimFixture::Reply fits = sim.api("POST", kTelemetry, token,
                                           telemetryQuery(QStringLiteral("10s"), {sim.channelId(0)}, kNow.addSecs(-86400), kNow));
    ASSERT_EQ(fits.status, 200);
    EXPECT_EQ(fits.json.value(QStringLiteral("metrics")).toArray().size(), 8640);

    const SimFixture::Reply tooLarge = sim.api("POST", kTelemetry, token,
                                               telemetryQuery(QStringLiteral("10s"), {sim.channelId(0), sim.channelId(1)}, kNow.addSecs(-86400), kNow));
    expectErrorBody(tooLarge, 400, QStringLiteral("query_too_large"));
    const QString message = tooLarge.json.value(QStringLiteral("message")).toString();
    EXPECT_TRUE(message.contains(QLatin1String("17280"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QLatin1String("10000"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QLatin1String("narrow"))) << message.toStdString();
    EXPECT_EQ(tooLarge.json.value(QStringLiteral("rows_requested")).toInt(), 17280);

    // Exactly at the cap: 10,000 rows are answered.
    const SimFixture::Reply atCap = sim.api("POST", kTelemetry, token,
                                            telemetryQuery(QStringLiteral("1m"), {sim.channelId(0), sim.channelId(1)}, kNow.addSecs(-300000), kNow));
    EXPECT_EQ(atCap.status, 200);
    EXPECT_EQ(atCap.json.value(QStringLiteral("metrics")).toArray().size(), 10000);
}

TEST(SimTelemetry, AChannelHasNoRowsBeforeItExistedNorInTheFuture)
{
    auto clock = std::make_shared<cc::ManualClock>(kNow);
    SimFixture sim(simOptions(clock));
    const QString token = sim.fetchToken();
    const QString id = sim.api("POST", QStringLiteral("/api/v2/channels"), token, createBody(QStringLiteral("brand-new")))
                           .json.value(QStringLiteral("id")).toString();
    clock->advanceSeconds(600);
    const SimFixture::Reply reply = sim.api("POST", kTelemetry, token,
                                            telemetryQuery(QStringLiteral("1m"), {id}, kNow.addSecs(-3600), kNow.addSecs(3600)));
    ASSERT_EQ(reply.status, 200);
    const QJsonArray rows = reply.json.value(QStringLiteral("metrics")).toArray();
    EXPECT_EQ(rows.size(), 11); // 10:00 .. 10:10 inclusive: created at 10:00, now 10:10
    EXPECT_EQ(rows.first().toObject().value(QStringLiteral("timestamp")).toString(), QStringLiteral("2026-11-23T10:00:00Z"));
    EXPECT_EQ(sim.api("POST", kTelemetry, token, telemetryQuery(QStringLiteral("5m"), {QStringLiteral("ch_unknown")}, kNow.addSecs(-3600), kNow))
                  .json.value(QStringLiteral("metrics")).toArray().size(),
              0);
}

TEST(SimTelemetry, AnUnhealthyChannelsRecentRowsAreClearlyWorse)
{
    auto clock = std::make_shared<cc::ManualClock>(kNow);
    SimFixture sim(simOptions(clock));
    const QString id = sim.channelId(0);
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("set_status")}, {QStringLiteral("channel_id"), id},
                          {QStringLiteral("status"), QStringLiteral("healthy")}});
    clock->advanceSeconds(1800);
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("set_status")}, {QStringLiteral("channel_id"), id},
                          {QStringLiteral("status"), QStringLiteral("unhealthy")}});
    clock->advanceSeconds(1800);
    const QString token = sim.fetchToken(); // the first one expired meanwhile
    EXPECT_EQ(sim.api("GET", QStringLiteral("/api/v2/channels/") + id, token).json.value(QStringLiteral("status")).toString(),
              QStringLiteral("unhealthy"));

    const QJsonArray rows = sim.api("POST", kTelemetry, token, telemetryQuery(QStringLiteral("1m"), {id}, kNow, kNow.addSecs(3600)))
                                .json.value(QStringLiteral("metrics")).toArray();
    ASSERT_EQ(rows.size(), 60);
    double healthyLatency = 0, unhealthyLatency = 0, healthyLoss = 0, unhealthyLoss = 0;
    for (int i = 0; i < 30; ++i) {
        healthyLatency += rows.at(i).toObject().value(QStringLiteral("latency_ms")).toDouble();
        healthyLoss += rows.at(i).toObject().value(QStringLiteral("packet_loss_pct")).toDouble();
        unhealthyLatency += rows.at(30 + i).toObject().value(QStringLiteral("latency_ms")).toDouble();
        unhealthyLoss += rows.at(30 + i).toObject().value(QStringLiteral("packet_loss_pct")).toDouble();
    }
    EXPECT_GT(unhealthyLatency, healthyLatency * 2);
    EXPECT_GT(unhealthyLoss, healthyLoss * 5);
}

TEST(SimTelemetry, AThousandChannelsInOneQueryUpToTheCap)
{
    auto clock = std::make_shared<cc::ManualClock>(kNow);
    SimFixture sim(simOptions(clock, 1200));
    const QString token = sim.fetchToken();
    const QStringList ids = sim.tenant().channels().orderedIds().mid(0, 1000);
    // 1,000 channels x 10 buckets of 1m = 10,000 rows: the cap exactly.
    const SimFixture::Reply reply = sim.api("POST", kTelemetry, token, telemetryQuery(QStringLiteral("1m"), ids, kNow.addSecs(-600), kNow));
    ASSERT_EQ(reply.status, 200);
    const QJsonArray rows = reply.json.value(QStringLiteral("metrics")).toArray();
    ASSERT_EQ(rows.size(), 10000);
    QSet<QString> seen;
    for (const QJsonValue &row : rows)
        seen.insert(row.toObject().value(QStringLiteral("channelId")).toString());
    EXPECT_EQ(seen.size(), 1000);

    // One more bucket is over it.
    expectErrorBody(sim.api("POST", kTelemetry, token, telemetryQuery(QStringLiteral("1m"), ids, kNow.addSecs(-660), kNow)), 400,
                    QStringLiteral("query_too_large"));
}

TEST(SimTelemetry, ACoarserRowIsTheMeanOfTheTenSecondRowsInside)
{
    auto clock = std::make_shared<cc::ManualClock>(kNow);
    SimFixture sim(simOptions(clock, 4));
    const QString token = sim.fetchToken();
    const QStringList ids{sim.channelId(0), sim.channelId(2)};
    const QDateTime from = kNow.addSecs(-3600);
    const auto rows = [&](const QString &interval) {
        const SimFixture::Reply reply = sim.api("POST", kTelemetry, token, telemetryQuery(interval, ids, from, kNow));
        EXPECT_EQ(reply.status, 200) << reply.body.constData();
        return cc::telemetryResultFromJson(reply.json).value.points;
    };
    const QList<cc::TelemetryPoint> fine = rows(QStringLiteral("10s"));
    ASSERT_EQ(fine.size(), 2 * 360);
    for (const QString &interval : {QStringLiteral("1m"), QStringLiteral("5m"), QStringLiteral("1h")}) {
        const QList<cc::TelemetryPoint> coarse = rows(interval);
        ASSERT_FALSE(coarse.isEmpty()) << interval.toStdString();
        for (const cc::TelemetryPoint &row : coarse) {
            const qint64 step = interval == QLatin1String("1m") ? 60 : interval == QLatin1String("5m") ? 300 : 3600;
            double latency = 0.0, loss = 0.0;
            int n = 0;
            for (const cc::TelemetryPoint &f : fine) {
                if (f.channelId == row.channelId && f.timestamp >= row.timestamp && f.timestamp < row.timestamp.addSecs(step)) {
                    latency += *f.latencyMs;
                    loss += *f.packetLossPct;
                    ++n;
                }
            }
            ASSERT_GT(n, 0);
            EXPECT_NEAR(*row.latencyMs, latency / n, 0.051) << interval.toStdString() << " row at " << row.timestamp.toString(Qt::ISODate).toStdString();
            EXPECT_NEAR(*row.packetLossPct, loss / n, 0.0051) << interval.toStdString();
        }
    }
}
