#pragma once
// One channel's telemetry as chart series: latency, jitter, packet loss and the
// E-model MOS of each row, x in milliseconds since the epoch (UTC). A row that
// lacks a metric leaves a gap in that series (no point), never a zero.

#include "model/telemetry.h"
#include "quality/codec_profile.h"
#include "quality/quality_range.h"

#include <QList>
#include <QPointF>

namespace cc {

struct QualitySeries
{
    QList<QPointF> latencyMs;
    QList<QPointF> jitterMs;
    QList<QPointF> packetLossPct;
    QList<QPointF> mos;          // rows with all three metrics only

    qsizetype totalPoints() const;
};

// Rows of other channels are skipped; rows are sorted by time first.
QualitySeries buildQualitySeries(const QString &channelId, QList<TelemetryPoint> points, const CodecProfile &codec);

// Each series in buckets of `bucketMs` (aligned to the epoch, x the bucket's
// start), each bucket the chosen statistic of its points: mean, worst (highest
// latency, jitter and loss; lowest MOS) or 95th percentile (5th for MOS).
QualitySeries bucketQualitySeries(const QualitySeries &series, qint64 bucketMs, BucketStatistic statistic);

// Each series downsampled with LTTB to at most `pointsPerSeries` points.
QualitySeries downsampleQualitySeries(const QualitySeries &series, int pointsPerSeries);

} // namespace cc
