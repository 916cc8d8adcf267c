// Telemetry rows as chart series: gaps for missing metrics, MOS only where all
// three are known, order by time, the CSV an analyst opens.

#include "monitor_rows.h"

#include "series/quality_csv.h"
#include "series/quality_series.h"

#include "quality/e_model.h"

#include <gtest/gtest.h>
#include <algorithm>

using namespace cc;

namespace {

// Channel ch_a's reading at 10:`minute` on 25 November 2026.
TelemetryPoint row(int minute, std::optional<double> latency, std::optional<double> jitter, std::optional<double> loss)
{
    return test::telemetryPoint(QStringLiteral("ch_a"), QDateTime(QDate(2026, 11, 25), QTime(10, minute), Qt::UTC),
                                latency, jitter, loss);
}

} // namespace

TEST(QualitySeries, LeavesGapsForMissingMetricsAndSortsByTime)
{
    TelemetryPoint other = row(1, 999.0, 999.0, 9.0);
    other.channelId = QStringLiteral("ch_other");
    const QList<TelemetryPoint> rows{row(2, 80.0, 5.0, 0.5), row(0, 60.0, std::nullopt, 0.1), other,
                                     row(1, std::nullopt, std::nullopt, std::nullopt)};
    const QualitySeries series = buildQualitySeries(QStringLiteral("ch_a"), rows, defaultCodecProfile());
    ASSERT_EQ(series.latencyMs.size(), 2);
    EXPECT_LT(series.latencyMs.at(0).x(), series.latencyMs.at(1).x());
    EXPECT_EQ(series.latencyMs.at(0).y(), 60.0);
    EXPECT_EQ(series.jitterMs.size(), 1) << "no point, not a zero, where jitter is missing";
    EXPECT_EQ(series.packetLossPct.size(), 2);
    ASSERT_EQ(series.mos.size(), 1);
    EXPECT_DOUBLE_EQ(series.mos.at(0).y(), evaluateEModel(80.0, 5.0, 0.5, defaultCodecProfile()).mos);
    EXPECT_EQ(series.latencyMs.at(1).x(), double(row(2, {}, {}, {}).timestamp.toMSecsSinceEpoch()));
}

TEST(QualityCsv, WritesOneRowPerReadingWithEmptyCellsForMissingValues)
{
    const QByteArray csv = qualityCsv(QStringLiteral("ch_a"),
                                      {row(0, 60.0, std::nullopt, 0.125), row(1, 70.5, 4.0, 0.0)},
                                      defaultCodecProfile(), QStringLiteral("alpha trunk"));
    const QList<QByteArray> lines = csv.split('\n');
    ASSERT_GE(lines.size(), 3);
    EXPECT_EQ(lines.at(0), QByteArray("timestamp,channel_id,channel_name,latency_ms,jitter_ms,packet_loss_pct,mos\r"));
    EXPECT_EQ(lines.at(1), QByteArray("2026-11-25T10:00:00.000Z,ch_a,alpha trunk,60,,0.125,\r"));
    EXPECT_TRUE(lines.at(2).startsWith("2026-11-25T10:01:00.000Z,ch_a,alpha trunk,70.5,4,0,"));
    // The MOS with two decimals, not fourteen.
    const QByteArray mos = lines.at(2).trimmed().split(',').last();
    EXPECT_EQ(mos.size(), 4) << mos.toStdString();
    EXPECT_TRUE(csv.endsWith("\r\n"));
}

namespace {

// `count` ten-second readings from 10:00 UTC, latency 100 ms and loss 0.1 %,
// except one reading (at `spikeAt`) with `spikeLatency` and `spikeLoss`.
QualitySeries tenSecondSeries(int count, int spikeAt, double spikeLatency, double spikeLoss)
{
    QList<TelemetryPoint> rows;
    const QDateTime start(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC);
    for (int i = 0; i < count; ++i) {
        TelemetryPoint point;
        point.timestamp = start.addSecs(10 * i);
        point.channelId = QStringLiteral("ch_a");
        point.latencyMs = i == spikeAt ? spikeLatency : 100.0;
        point.jitterMs = 5.0;
        point.packetLossPct = i == spikeAt ? spikeLoss : 0.1;
        rows.append(point);
    }
    return buildQualitySeries(QStringLiteral("ch_a"), rows, defaultCodecProfile());
}

} // namespace

TEST(QualitySeriesBuckets, TheWorstOfEachBucketKeepsAnOutageTheMeanAveragesAway)
{
    // An hour of 10 s readings, one of them 14 % loss at 400 ms: in five-minute buckets.
    const QualitySeries series = tenSecondSeries(360, 95, 400.0, 14.0);
    const qint64 fiveMinutesMs = 300 * 1000;
    const QualitySeries worst = bucketQualitySeries(series, fiveMinutesMs, BucketStatistic::Worst);
    const QualitySeries mean = bucketQualitySeries(series, fiveMinutesMs, BucketStatistic::Mean);
    ASSERT_EQ(worst.packetLossPct.size(), 12);
    ASSERT_EQ(mean.packetLossPct.size(), 12);
    // Reading 95 is at 10:15:50, in the bucket starting 10:15 (the fourth).
    EXPECT_DOUBLE_EQ(worst.packetLossPct.at(3).y(), 14.0);
    EXPECT_DOUBLE_EQ(worst.latencyMs.at(3).y(), 400.0);
    EXPECT_NEAR(mean.packetLossPct.at(3).y(), (14.0 + 29 * 0.1) / 30.0, 1e-9);
    EXPECT_DOUBLE_EQ(worst.packetLossPct.at(2).y(), 0.1);
    EXPECT_EQ(qint64(worst.latencyMs.at(3).x()),
              QDateTime(QDate(2026, 11, 25), QTime(10, 15), Qt::UTC).toMSecsSinceEpoch());
    // For MOS the worst is the lowest.
    double lowest = 5.0;
    for (const QPointF &point : series.mos)
        lowest = std::min(lowest, point.y());
    EXPECT_DOUBLE_EQ(worst.mos.at(3).y(), lowest);
    EXPECT_GT(mean.mos.at(3).y(), lowest);
}

TEST(QualitySeriesBuckets, ThePercentileIsTheNearestRankOfEachBucket)
{
    // Thirty readings per five minutes: the 95th percentile is the 29th smallest,
    // so one spike is not it and two are.
    QualitySeries series = tenSecondSeries(30, 3, 300.0, 9.0);
    QualitySeries p95 = bucketQualitySeries(series, 300 * 1000, BucketStatistic::P95);
    ASSERT_EQ(p95.latencyMs.size(), 1);
    EXPECT_DOUBLE_EQ(p95.latencyMs.at(0).y(), 100.0);
    series.latencyMs[7].setY(300.0);
    p95 = bucketQualitySeries(series, 300 * 1000, BucketStatistic::P95);
    EXPECT_DOUBLE_EQ(p95.latencyMs.at(0).y(), 300.0);
    // No readings, no buckets; a gap stays a gap.
    EXPECT_TRUE(bucketQualitySeries(QualitySeries{}, 300 * 1000, BucketStatistic::Worst).latencyMs.isEmpty());
}

TEST(QualityRangePlan, AWeekIsReadAtTenSecondsAndDrawnInFiveMinuteBuckets)
{
    const QDateTime to(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC);
    const QualityRange hour = planQualityRange(to.addSecs(-3600), to);
    EXPECT_EQ(hour.interval, TelemetryInterval::TenSeconds);
    EXPECT_FALSE(hour.bucket.has_value()) << "360 readings: every one drawn";
    const QualityRange day = planQualityRange(to.addDays(-1), to);
    EXPECT_EQ(day.interval, TelemetryInterval::TenSeconds);
    EXPECT_EQ(day.bucket, TelemetryInterval::OneMinute);
    const QualityRange week = planQualityRange(to.addDays(-7), to);
    EXPECT_EQ(week.interval, TelemetryInterval::TenSeconds) << "60,480 rows: seven queries, not the tenant's 5-minute means";
    EXPECT_EQ(week.bucket, TelemetryInterval::FiveMinutes);
    const QualityRange month = planQualityRange(to.addDays(-31), to);
    EXPECT_EQ(month.interval, TelemetryInterval::OneMinute);
    EXPECT_EQ(month.bucket, TelemetryInterval::OneHour);
    const QualityRange year = planQualityRange(to.addDays(-365), to);
    EXPECT_EQ(year.interval, TelemetryInterval::OneHour);
    EXPECT_FALSE(year.bucket.has_value()) << "nothing coarser than an hour to bucket in";
}
