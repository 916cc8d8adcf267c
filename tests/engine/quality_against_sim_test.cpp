// Quality analysis and media path optimisation against the in-process
// simulated tenant: what is read, what is sent, and what is not.

#include "sim_fixture.h"
#include "sim_client.h"

#include "client/rate_budget.h"
#include "operations/media_path_optimizer.h"
#include "operations/quality_fetch.h"

#include <QJsonArray>
#include <QTest>

#include <gtest/gtest.h>

using namespace cc;

namespace {

class QualityAgainstSim : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
        client = std::make_unique<ApiClient>(test::simProfile(sim), test::fastClientOptions(5, 1000000));
    }

    QualityReport analyze(const QString &id, const QualityRange &range, std::optional<ApiError> *error = nullptr)
    {
        std::optional<QualityFetchResult> result;
        QualityFetch fetch(client.get());
        QObject::connect(&fetch, &QualityFetch::finished, &context, [&result](const QualityFetchResult &r) { result = r; });
        fetch.start(id, range, QualitySettings{});
        EXPECT_TRUE(QTest::qWaitFor([&] { return result.has_value(); }, 20000));
        if (!result)
            return {};
        if (error)
            *error = result->error;
        return result->report;
    }

    MediaPathOutcome optimize(const QString &id, bool apply)
    {
        bool done = false;
        MediaPathOutcome outcome;
        optimizeMediaPath(client.get(), id, apply, EventSource::Manual, &context, [&](const MediaPathOutcome &o) {
            outcome = o;
            done = true;
        });
        EXPECT_TRUE(QTest::qWaitFor([&] { return done; }, 20000));
        return outcome;
    }

    int patchCount() { return static_cast<int>(sim.requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/")).size()); }

    void setCodecs(const QString &id, const QJsonArray &codecs, bool mediaSettings)
    {
        QJsonObject configuration{{QStringLiteral("codecs"), codecs}};
        configuration.insert(QStringLiteral("dtmf_mode"), mediaSettings ? QJsonValue(QStringLiteral("RFC2833")) : QJsonValue(QStringLiteral("INBAND")));
        const auto result = sim.tenant().channels().patch(id, QJsonObject{{QStringLiteral("configuration"), configuration}},
                                                          std::nullopt, QDateTime::currentDateTimeUtc());
        ASSERT_EQ(result.outcome, sim::ChannelStore::PatchOutcome::Updated);
    }

    test::SimFixture sim;
    QObject context;
    std::unique_ptr<ApiClient> client;
};

QJsonObject codec(const char *name, int priority)
{
    return QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)}, {QStringLiteral("priority"), priority}};
}

} // namespace

TEST(QualityRange, SplitsOnlyPastTheRowCapOnBucketEdges)
{
    const QDateTime from(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
    EXPECT_EQ(splitRangeForRowCap(from, from.addSecs(3600), TelemetryInterval::FiveMinutes).size(), 1);
    // 40 days of 10 s buckets = 345,600 rows: 35 queries of at most 10,000.
    const auto pieces = splitRangeForRowCap(from, from.addDays(40), TelemetryInterval::TenSeconds);
    ASSERT_EQ(pieces.size(), 35);
    EXPECT_EQ(pieces.front().first, from);
    EXPECT_EQ(pieces.back().second, from.addDays(40));
    for (qsizetype i = 1; i < pieces.size(); ++i) {
        EXPECT_EQ(pieces.at(i).first, pieces.at(i - 1).second);
        EXPECT_LE(pieces.at(i - 1).first.secsTo(pieces.at(i - 1).second), 100000);
    }
}

TEST_F(QualityAgainstSim, ReportsAveragesScoreAndMosOfTheLastHour)
{
    const QDateTime to = QDateTime::currentDateTimeUtc();
    std::optional<ApiError> error;
    const QualityReport report = analyze(sim.channelId(0), {to.addSecs(-3600), to, TelemetryInterval::FiveMinutes, std::nullopt, BucketStatistic::Worst}, &error);
    ASSERT_FALSE(error.has_value()) << error->text().toStdString();
    EXPECT_GE(report.rows, 12);
    ASSERT_TRUE(report.average.latencyMs && report.average.packetLossPct && report.average.mos);
    EXPECT_GT(*report.average.latencyMs, 0.0);
    EXPECT_GE(*report.average.mos, 1.0);
    EXPECT_LE(*report.average.mos, 4.5);
    EXPECT_TRUE(report.average.optimizationRequired.has_value());
    const QJsonObject json = report.toJson();
    for (const char *key : {"channel_id", "avg_latency_ms", "avg_jitter_ms", "avg_packet_loss_pct", "quality_score",
                            "r_factor", "mos", "optimization_required"})
        EXPECT_TRUE(json.contains(QLatin1String(key))) << key;
}

TEST_F(QualityAgainstSim, ARangeWithoutTelemetryIsNullNotZero)
{
    // Long before the seeded channels existed.
    const QDateTime from(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC);
    std::optional<ApiError> error;
    const QualityReport report = analyze(sim.channelId(0), {from, from.addSecs(3600), TelemetryInterval::FiveMinutes, std::nullopt, BucketStatistic::Worst}, &error);
    ASSERT_FALSE(error.has_value()) << error->text().toStdString();
    EXPECT_EQ(report.rows, 0);
    const QJsonObject json = report.toJson();
    EXPECT_TRUE(json.value(QLatin1String("avg_latency_ms")).isNull());
    EXPECT_TRUE(json.value(QLatin1String("mos")).isNull());
    EXPECT_TRUE(json.value(QLatin1String("optimization_required")).isNull());
}

TEST_F(QualityAgainstSim, UnknownChannelIsAnErrorNamingIt)
{
    std::optional<ApiError> error;
    const QDateTime to = QDateTime::currentDateTimeUtc();
    analyze(QStringLiteral("ch_does_not_exist"), {to.addSecs(-3600), to, TelemetryInterval::FiveMinutes, std::nullopt, BucketStatistic::Worst}, &error);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind, ApiError::Kind::NotFound);
}

TEST_F(QualityAgainstSim, OptimiseAppliesTheRobustOrderOnceWithIfMatch)
{
    const QString id = sim.channelId(0);
    setCodecs(id, QJsonArray{codec("G729", 1), codec("PCMU", 2), codec("OPUS", 3)}, false);
    sim.clearRequests();

    const MediaPathOutcome preview = optimize(id, false);
    ASSERT_FALSE(preview.error.has_value());
    EXPECT_TRUE(preview.plan.changeNeeded());
    EXPECT_FALSE(preview.applied);
    EXPECT_FALSE(preview.event.has_value());
    EXPECT_EQ(patchCount(), 0) << "a preview sends nothing";

    const MediaPathOutcome applied = optimize(id, true);
    ASSERT_FALSE(applied.error.has_value()) << applied.error->text().toStdString();
    EXPECT_TRUE(applied.applied);
    ASSERT_TRUE(applied.event.has_value());
    EXPECT_EQ(applied.event->type, events::kMediaPathOptimized);
    const Channel *after = sim.tenant().channels().find(id);
    ASSERT_EQ(after->configuration.codecs.size(), 3);
    // PCMU and OPUS are equally robust by our figures, so they keep their order.
    EXPECT_EQ(after->configuration.codecs.at(0), (Codec{QStringLiteral("PCMU"), 1}));
    EXPECT_EQ(after->configuration.codecs.at(1), (Codec{QStringLiteral("OPUS"), 2}));
    EXPECT_EQ(after->configuration.codecs.at(2), (Codec{QStringLiteral("G729"), 3}));
    EXPECT_EQ(after->configuration.dtmfMode.value_or(QString()), QStringLiteral("RFC2833"));
    EXPECT_EQ(after->configuration.rtpPayloadType.value_or(QString()), QStringLiteral("dynamic"));
    ASSERT_EQ(patchCount(), 1);
    for (const QJsonValue &value : sim.requests()) {
        if (value.toObject().value(QLatin1String("method")).toString() == QLatin1String("PATCH")) {
            EXPECT_FALSE(value.toObject().value(QLatin1String("if_match")).isNull());
        }
    }

    // Again: already in that order with the media settings: nothing sent, nothing "optimised".
    const MediaPathOutcome again = optimize(id, true);
    ASSERT_FALSE(again.error.has_value());
    EXPECT_FALSE(again.plan.changeNeeded());
    EXPECT_FALSE(again.applied);
    EXPECT_FALSE(again.event.has_value());
    EXPECT_EQ(patchCount(), 1);
}
