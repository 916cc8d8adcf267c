// Telemetry rows as chart series: gaps for missing metrics, MOS only where all
// three are known, order by time, the CSV an analyst opens.

#include "series/quality_csv.h"
#include "series/quality_series.h"

#include "quality/e_model.h"

#include <gtest/gtest.h>

using namespace cc;

namespace {

TelemetryPoint row(int minute, std::optional<double> latency, std::optional<double> jitter, std::optional<double> loss)
{
    TelemetryPoint point;
    point.timestamp = QDateTime(QDate(2026, 11, 25), QTime(10, minute), Qt::UTC);
    point.channelId = QStringLiteral("ch_a");
    point.latencyMs = latency;
    point.jitterMs = jitter;
    point.packetLossPct = loss;
    return point;
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
