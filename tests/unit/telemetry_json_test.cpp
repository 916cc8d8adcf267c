// The contract's telemetry query and answer, both ways, and the query's rules.

#include "model/telemetry.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace cc;

namespace {

QJsonObject parseObject(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

constexpr char kContractQuery[] = R"({
  "interval": "5m",
  "metrics": ["latency_ms", "jitter_ms", "packet_loss_pct"],
  "dimension": "channelId",
  "filter": {"type": "and", "clauses": [
    {"dimension": "channelId", "selector": "in", "values": ["ch_7f3a2c", "ch_backup_001"]},
    {"dimension": "conversationType", "selector": "eq", "values": ["voice"]}
  ]},
  "from": "2026-11-23T09:15:00Z",
  "to": "2026-11-23T10:15:00Z"
})";

constexpr char kContractAnswer[] = R"({"interval": "5m", "metrics": [
  {"timestamp": "2026-11-23T09:15:00Z", "channelId": "ch_7f3a2c",
   "latency_ms": 92.4, "jitter_ms": 11.8, "packet_loss_pct": 0.4, "calls": 37}
]})";

} // namespace

TEST(TelemetryJson, ContractQueryRoundTripsToTheSameJson)
{
    const QJsonObject json = parseObject(kContractQuery);
    const Parsed<TelemetryQuery> parsed = telemetryQueryFromJson(json);
    ASSERT_TRUE(parsed.ok()) << formatFieldErrors(parsed.errors).toStdString();
    EXPECT_EQ(parsed.value.channelIds.size(), 2);
    EXPECT_EQ(parsed.value.interval, TelemetryInterval::FiveMinutes);
    EXPECT_EQ(parsed.value.expectedRows(), 2 * 12);
    EXPECT_EQ(telemetryQueryToJson(parsed.value), json);
}

TEST(TelemetryJson, ContractAnswerRoundTripsToTheSameJson)
{
    const QJsonObject json = parseObject(kContractAnswer);
    const Parsed<TelemetryResult> parsed = telemetryResultFromJson(json);
    ASSERT_TRUE(parsed.ok()) << formatFieldErrors(parsed.errors).toStdString();
    ASSERT_EQ(parsed.value.points.size(), 1);
    EXPECT_DOUBLE_EQ(*parsed.value.points.at(0).latencyMs, 92.4);
    EXPECT_EQ(*parsed.value.points.at(0).calls, 37);
    EXPECT_EQ(telemetryResultToJson(parsed.value), json);
}

TEST(TelemetryJson, MissingMetricIsAbsentNotZero)
{
    const Parsed<TelemetryResult> parsed = telemetryResultFromJson(parseObject(
        R"({"interval":"10s","metrics":[{"timestamp":"2026-11-23T09:15:00Z","channelId":"a","calls":0}]})"));
    ASSERT_TRUE(parsed.ok());
    EXPECT_FALSE(parsed.value.points.at(0).latencyMs.has_value());
    EXPECT_FALSE(parsed.value.points.at(0).packetLossPct.has_value());
}

TEST(TelemetryJson, SingleChannelUsesEq)
{
    TelemetryQuery query;
    query.channelIds = {QStringLiteral("a")};
    query.from = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    query.to = query.from.addSecs(3600);
    const QJsonObject json = telemetryQueryToJson(query);
    const QJsonObject clause = json.value(QStringLiteral("filter")).toObject().value(QStringLiteral("clauses")).toArray().at(0).toObject();
    EXPECT_EQ(clause.value(QStringLiteral("selector")).toString(), QStringLiteral("eq"));
    EXPECT_TRUE(telemetryQueryFromJson(json).ok());
}

TEST(TelemetryJson, BadQueriesNameTheField)
{
    QJsonObject json = parseObject(kContractQuery);
    json.insert(QStringLiteral("interval"), QStringLiteral("2m"));
    json.insert(QStringLiteral("to"), QStringLiteral("2026-11-23T09:00:00Z"));
    const Parsed<TelemetryQuery> parsed = telemetryQueryFromJson(json);
    EXPECT_TRUE(hasErrorAt(parsed.errors, QStringLiteral("interval")));
    EXPECT_TRUE(hasErrorAt(parsed.errors, QStringLiteral("to")));

    const Parsed<TelemetryQuery> eqMany = telemetryQueryFromJson(parseObject(R"({"interval":"5m","filter":{"type":"and","clauses":[
        {"dimension":"channelId","selector":"eq","values":["a","b"]}]},"from":"2026-11-23T09:00:00Z","to":"2026-11-23T10:00:00Z"})"));
    ASSERT_EQ(eqMany.errors.size(), 2) << formatFieldErrors(eqMany.errors).toStdString();
    EXPECT_EQ(eqMany.errors.at(0).field, QStringLiteral("filter.clauses[0].values"));
    EXPECT_EQ(eqMany.errors.at(1).field, QStringLiteral("filter.clauses"));

    const Parsed<TelemetryQuery> noZone = telemetryQueryFromJson(parseObject(R"({"interval":"5m","filter":{"clauses":[
        {"dimension":"channelId","selector":"eq","values":["a"]}]},"from":"2026-11-23T09:00:00","to":"2026-11-23T10:00:00Z"})"));
    EXPECT_TRUE(hasErrorAt(noZone.errors, QStringLiteral("from")));
}
