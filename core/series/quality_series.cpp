#include "series/quality_series.h"

#include "quality/e_model.h"
#include "series/lttb.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cc {

qsizetype QualitySeries::totalPoints() const
{
    return latencyMs.size() + jitterMs.size() + packetLossPct.size() + mos.size();
}

QualitySeries buildQualitySeries(const QString &channelId, QList<TelemetryPoint> points, const CodecProfile &codec)
{
    std::stable_sort(points.begin(), points.end(), [](const TelemetryPoint &a, const TelemetryPoint &b) {
        return a.timestamp < b.timestamp;
    });
    QualitySeries series;
    series.latencyMs.reserve(points.size());
    series.jitterMs.reserve(points.size());
    series.packetLossPct.reserve(points.size());
    series.mos.reserve(points.size());
    for (const TelemetryPoint &point : std::as_const(points)) {
        if (!channelId.isEmpty() && point.channelId != channelId)
            continue;
        const double x = double(point.timestamp.toMSecsSinceEpoch());
        if (point.latencyMs)
            series.latencyMs.append({x, *point.latencyMs});
        if (point.jitterMs)
            series.jitterMs.append({x, *point.jitterMs});
        if (point.packetLossPct)
            series.packetLossPct.append({x, *point.packetLossPct});
        if (point.latencyMs && point.jitterMs && point.packetLossPct)
            series.mos.append({x, evaluateEModel(*point.latencyMs, *point.jitterMs, *point.packetLossPct, codec).mos});
    }
    return series;
}

namespace {

// Nearest rank, as percentile95 in quality_report: the value at rank ceil(p·n).
double nearestRank(QList<double> values, double fraction)
{
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(fraction * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

// `higherIsWorse`: latency, jitter and loss; MOS is worse when lower.
QList<QPointF> bucketPoints(const QList<QPointF> &points, qint64 bucketMs, BucketStatistic statistic, bool higherIsWorse)
{
    QList<QPointF> out;
    QList<double> values;
    qint64 current = 0;
    const auto flush = [&] {
        if (values.isEmpty())
            return;
        double value = 0.0;
        switch (statistic) {
        case BucketStatistic::Mean:
            value = std::accumulate(values.cbegin(), values.cend(), 0.0) / double(values.size());
            break;
        case BucketStatistic::Worst:
            value = higherIsWorse ? *std::max_element(values.cbegin(), values.cend())
                                  : *std::min_element(values.cbegin(), values.cend());
            break;
        case BucketStatistic::P95:
            value = nearestRank(values, higherIsWorse ? 0.95 : 0.05);
            break;
        }
        out.append({double(current), value});
        values.clear();
    };
    for (const QPointF &point : points) {
        const auto x = qint64(point.x());
        const qint64 start = x - ((x % bucketMs) + bucketMs) % bucketMs;
        if (start != current)
            flush();
        current = start;
        values.append(point.y());
    }
    flush();
    return out;
}

} // namespace

QualitySeries bucketQualitySeries(const QualitySeries &series, qint64 bucketMs, BucketStatistic statistic)
{
    if (bucketMs <= 0)
        return series;
    QualitySeries bucketed;
    bucketed.latencyMs = bucketPoints(series.latencyMs, bucketMs, statistic, true);
    bucketed.jitterMs = bucketPoints(series.jitterMs, bucketMs, statistic, true);
    bucketed.packetLossPct = bucketPoints(series.packetLossPct, bucketMs, statistic, true);
    bucketed.mos = bucketPoints(series.mos, bucketMs, statistic, false);
    return bucketed;
}

QualitySeries downsampleQualitySeries(const QualitySeries &series, int pointsPerSeries)
{
    QualitySeries drawn;
    drawn.latencyMs = downsampleLttb(series.latencyMs, pointsPerSeries);
    drawn.jitterMs = downsampleLttb(series.jitterMs, pointsPerSeries);
    drawn.packetLossPct = downsampleLttb(series.packetLossPct, pointsPerSeries);
    drawn.mos = downsampleLttb(series.mos, pointsPerSeries);
    return drawn;
}

} // namespace cc
