// Quality: the tutorial's score, the E-model's known points, aggregation with
// no-data as null, and the codec order proposal.

#include "quality/codec_order_plan.h"
#include "codec_profile_for_test.h"
#include "monitor_rows.h"

#include "quality/codec_profile.h"
#include "quality/e_model.h"
#include "quality/quality_report.h"
#include "quality/quality_score.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace cc;
using cc::test::profile;

namespace {

TelemetryPoint point(const QString &id, std::optional<double> latency, std::optional<double> jitter,
                     std::optional<double> loss)
{
    return test::telemetryPoint(id, QDateTime::currentDateTimeUtc(), latency, jitter, loss);
}

} // namespace

TEST(QualityScore, MatchesTheTutorialBranchForBranch)
{
    EXPECT_EQ(tutorialQualityScore(149.9, 29.9), 100.0);
    EXPECT_EQ(tutorialQualityScore(150.0, 10.0), 85.0); // strict < as in the tutorial
    EXPECT_EQ(tutorialQualityScore(100.0, 30.0), 85.0);
    EXPECT_EQ(tutorialQualityScore(249.0, 49.0), 85.0);
    EXPECT_EQ(tutorialQualityScore(250.0, 10.0), 60.0);
    EXPECT_EQ(tutorialQualityScore(399.0, 79.0), 60.0);
    EXPECT_EQ(tutorialQualityScore(400.0, 10.0), 40.0);
    EXPECT_EQ(tutorialQualityScore(10.0, 80.0), 40.0);
}

TEST(EModel, MosMappingHitsG107AnnexBPoints)
{
    EXPECT_DOUBLE_EQ(mosFromR(0.0), 1.0);
    EXPECT_DOUBLE_EQ(mosFromR(-5.0), 1.0);
    EXPECT_DOUBLE_EQ(mosFromR(100.0), 4.5);
    EXPECT_DOUBLE_EQ(mosFromR(120.0), 4.5);
    EXPECT_NEAR(mosFromR(60.0), 3.10, 0.005);
    EXPECT_NEAR(mosFromR(70.0), 3.60, 0.005);
    EXPECT_NEAR(mosFromR(80.0), 4.02, 0.005);
    EXPECT_NEAR(mosFromR(93.2), 4.41, 0.005);
    EXPECT_NEAR(mosFromR(50.0), 2.58, 0.005);
}

TEST(EModel, G711WithoutLossAndLowDelayIsAboutR93Mos44)
{
    const EModelResult r = evaluateEModel(20.0, 2.0, 0.0, profile("PCMU"));
    EXPECT_NEAR(r.rFactor, 92.5, 0.7);
    EXPECT_NEAR(r.mos, 4.4, 0.05);
}

TEST(EModel, EffectiveDelayAddsTwiceTheJitterAndTheCodec)
{
    EXPECT_NEAR(effectiveDelayMs(100.0, 10.0, profile("PCMU")), 140.0, 1e-9);
    EXPECT_NEAR(effectiveDelayMs(100.0, 10.0, profile("G729")), 145.0, 1e-9);
}

TEST(EModel, PacketLossLowersTheScorePerCodecBpl)
{
    // G.113 Appendix I: G.711 with PLC Bpl 25.1, G.729A Ie 11 Bpl 19.
    EXPECT_NEAR(effectiveEquipmentImpairment(profile("PCMU"), 0.0), 0.0, 1e-9);
    EXPECT_NEAR(effectiveEquipmentImpairment(profile("PCMU"), 2.0), 95.0 * 2.0 / 27.1, 1e-9);
    EXPECT_NEAR(effectiveEquipmentImpairment(profile("G729"), 0.0), 11.0, 1e-9);
    EXPECT_NEAR(effectiveEquipmentImpairment(profile("G729"), 2.0), 11.0 + 84.0 * 2.0 / 21.0, 1e-9);
    const double clean = evaluateEModel(40.0, 5.0, 0.0, profile("PCMU")).mos;
    const double lossy = evaluateEModel(40.0, 5.0, 3.0, profile("PCMU")).mos;
    EXPECT_LT(lossy, clean - 0.25);
    // G.729A at 1 % loss, 20 ms latency, 2 ms jitter: Ta = 20 + 4 + 25 = 49 ms,
    // Ie,eff = 11 + 84 / 20 = 15.2; R 76.58 by Flent's G.107 (see e_model_test.cpp).
    EXPECT_NEAR(evaluateEModel(20.0, 2.0, 1.0, profile("G729")).equipmentImpairment, 15.2, 1e-9);
    EXPECT_NEAR(evaluateEModel(20.0, 2.0, 1.0, profile("G729")).rFactor, 76.58, 0.01);
}

TEST(EModel, HeavyLossClampsToMos1)
{
    const EModelResult r = evaluateEModel(800.0, 100.0, 60.0, profile("G729"));
    EXPECT_EQ(r.rFactor, 0.0);
    EXPECT_EQ(r.mos, 1.0);
}

TEST(QualityAssessment, PacketLossAloneCanRequireOptimisation)
{
    // The tutorial's score is 100 here: only the loss (in the MOS) flags it.
    const QualityAssessment q = assessQuality(40.0, 5.0, 8.0, profile("PCMU"), QualitySettings{});
    ASSERT_TRUE(q.score && q.mos && q.optimizationRequired);
    EXPECT_EQ(*q.score, 100.0);
    EXPECT_LT(*q.mos, 3.6);
    EXPECT_TRUE(*q.optimizationRequired);
}

TEST(QualityAssessment, ScoreUnder80RequiresOptimisation)
{
    const QualityAssessment q = assessQuality(300.0, 10.0, 0.0, profile("PCMU"), QualitySettings{});
    EXPECT_EQ(q.score, 60.0);
    EXPECT_EQ(q.optimizationRequired, true);
    const QualityAssessment good = assessQuality(50.0, 5.0, 0.1, profile("PCMU"), QualitySettings{});
    EXPECT_EQ(good.optimizationRequired, false);
}

TEST(QualityAssessment, NoLossFigureMeansNoMosRatherThanAFlatteringOne)
{
    const QualityAssessment q = assessQuality(50.0, 5.0, std::nullopt, profile("PCMU"), QualitySettings{});
    EXPECT_EQ(q.score, 100.0);
    EXPECT_FALSE(q.rFactor.has_value());
    EXPECT_FALSE(q.mos.has_value());
    EXPECT_EQ(q.optimizationRequired, false);
    const QualityAssessment none = assessQuality(std::nullopt, std::nullopt, std::nullopt, profile("PCMU"), {});
    EXPECT_FALSE(none.score || none.mos || none.optimizationRequired);
}

TEST(QualityReport, AveragesSkipMissingValuesInsteadOfCountingZeros)
{
    const QString id = QStringLiteral("ch_a");
    const QList<TelemetryPoint> points{point(id, 100.0, 10.0, 1.0), point(id, std::nullopt, 20.0, std::nullopt),
                                       point(id, 200.0, std::nullopt, 3.0), point(QStringLiteral("ch_other"), 1.0, 1.0, 0.0)};
    const QualityReport report = aggregateQuality(id, points, profile("PCMU"), QualitySettings{});
    EXPECT_EQ(report.rows, 3);
    EXPECT_DOUBLE_EQ(report.average.latencyMs.value(), 150.0);
    EXPECT_DOUBLE_EQ(report.average.jitterMs.value(), 15.0);
    EXPECT_DOUBLE_EQ(report.average.packetLossPct.value(), 2.0);
    EXPECT_EQ(report.average.score, 85.0);
    EXPECT_TRUE(report.average.mos.has_value());
    EXPECT_DOUBLE_EQ(report.p95LatencyMs.value(), 200.0);
}

TEST(QualityReport, NoDataIsNullInJsonNeverZero)
{
    const QualityReport report = aggregateQuality(QStringLiteral("ch_silent"), {}, profile("PCMU"), QualitySettings{});
    const QJsonObject json = report.toJson();
    for (const char *key : {"avg_latency_ms", "avg_jitter_ms", "avg_packet_loss_pct", "quality_score", "r_factor",
                            "mos", "optimization_required", "p95_latency_ms"}) {
        EXPECT_TRUE(json.value(QLatin1String(key)).isNull()) << key;
    }
    EXPECT_EQ(json.value(QLatin1String("channel_id")).toString(), QStringLiteral("ch_silent"));
}

TEST(QualityReport, Percentile95IsNearestRank)
{
    QList<double> values;
    for (int i = 1; i <= 100; ++i)
        values.append(i);
    EXPECT_DOUBLE_EQ(percentile95(values).value(), 95.0);
    EXPECT_DOUBLE_EQ(percentile95({7.0}).value(), 7.0);
    EXPECT_FALSE(percentile95({}).has_value());
}

TEST(CodecOrderPlan, PutsLossRobustCodecsFirstWithPriorities1ToN)
{
    TrunkConfiguration config;
    config.codecs = {{QStringLiteral("G729"), 9}, {QStringLiteral("PCMU"), 10}, {QStringLiteral("OPUS"), 3}};
    const CodecOrderPlan plan = planCodecOrder(config);
    ASSERT_EQ(plan.proposed.size(), 3);
    EXPECT_EQ(plan.proposed.at(0), (Codec{QStringLiteral("OPUS"), 1}));
    EXPECT_EQ(plan.proposed.at(1), (Codec{QStringLiteral("PCMU"), 2}));
    EXPECT_EQ(plan.proposed.at(2), (Codec{QStringLiteral("G729"), 3}));
    EXPECT_TRUE(plan.orderChanges);
    EXPECT_TRUE(plan.changeNeeded());
    const QJsonObject configuration = plan.patch().value(QLatin1String("configuration")).toObject();
    EXPECT_EQ(configuration.value(QLatin1String("dtmf_mode")).toString(), QStringLiteral("RFC2833"));
    EXPECT_EQ(configuration.value(QLatin1String("rtp_payload_type")).toString(), QStringLiteral("dynamic"));
    EXPECT_EQ(configuration.value(QLatin1String("codecs")).toArray().size(), 3);
}

TEST(CodecOrderPlan, EquallyRobustCodecsKeepTheirOrder)
{
    TrunkConfiguration config;
    config.codecs = {{QStringLiteral("PCMA"), 1}, {QStringLiteral("G722"), 2}, {QStringLiteral("PCMU"), 3}};
    config.dtmfMode = QStringLiteral("RFC2833");
    config.rtpPayloadType = QStringLiteral("dynamic");
    const CodecOrderPlan plan = planCodecOrder(config);
    EXPECT_FALSE(plan.changeNeeded());
    EXPECT_EQ(plan.proposed, plan.current);
}

TEST(CodecOrderPlan, SameOrderWithMediaSettingsSetIsNothingToChange)
{
    TrunkConfiguration config;
    config.codecs = {{QStringLiteral("OPUS"), 2}, {QStringLiteral("PCMU"), 5}, {QStringLiteral("G729"), 10}};
    config.dtmfMode = QStringLiteral("RFC2833");
    config.rtpPayloadType = QStringLiteral("dynamic");
    EXPECT_FALSE(planCodecOrder(config).changeNeeded());
    config.dtmfMode.reset();
    const CodecOrderPlan plan = planCodecOrder(config);
    EXPECT_FALSE(plan.orderChanges);
    EXPECT_TRUE(plan.mediaSettingsChange);
    EXPECT_EQ(plan.proposed.at(2).priority, 3);
}

TEST(CodecOrderPlan, NeverLeavesTheValidRangeUnlikeTheTutorial)
{
    TrunkConfiguration config;
    config.codecs = {{QStringLiteral("PCMU"), 10}, {QStringLiteral("PCMA"), 9}, {QStringLiteral("G722"), 8},
                     {QStringLiteral("G729"), 7}, {QStringLiteral("OPUS"), 6}};
    const CodecOrderPlan plan = planCodecOrder(config);
    for (qsizetype i = 0; i < plan.proposed.size(); ++i)
        EXPECT_EQ(plan.proposed.at(i).priority, i + 1);
    EXPECT_EQ(plan.proposed.front().name, QStringLiteral("OPUS"));
    EXPECT_EQ(plan.proposed.back().name, QStringLiteral("G729"));
}

TEST(CodecProfile, PreferredIsTheLowestPriorityNumber)
{
    EXPECT_EQ(preferredCodecProfile({{QStringLiteral("PCMU"), 4}, {QStringLiteral("G729"), 2}}).name, QStringLiteral("G729"));
    EXPECT_EQ(preferredCodecProfile({}).name, QStringLiteral("PCMU"));
}
