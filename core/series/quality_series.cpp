#include "series/quality_series.h"

#include "quality/e_model.h"
#include "series/lttb.h"

#include <algorithm>

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
