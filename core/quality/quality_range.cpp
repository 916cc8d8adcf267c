#include "quality/quality_range.h"

#include "api/contract.h"

#include <algorithm>

namespace cc {

QList<QPair<QDateTime, QDateTime>> splitRangeForRowCap(const QDateTime &from, const QDateTime &to,
                                                       TelemetryInterval interval, int channels, qint64 maxRows)
{
    QList<QPair<QDateTime, QDateTime>> pieces;
    if (!from.isValid() || !to.isValid() || from >= to)
        return pieces;
    const qint64 step = telemetryIntervalSeconds(interval);
    const qint64 bucketsPerPiece = std::max<qint64>(1, maxRows / std::max(1, channels));
    // A piece boundary on a bucket edge, so that no bucket is asked twice. The
    // first piece may start mid-bucket: the tenant answers the bucket it falls in.
    const qint64 span = bucketsPerPiece * step;
    QDateTime start = from;
    while (start < to) {
        const qint64 startSecs = start.toSecsSinceEpoch();
        const qint64 aligned = startSecs - ((startSecs % step) + step) % step;
        QDateTime end = QDateTime::fromSecsSinceEpoch(aligned + span, Qt::UTC);
        if (end > to)
            end = to;
        pieces.append({start, end});
        start = end;
    }
    return pieces;
}

QualityRange planQualityRange(const QDateTime &from, const QDateTime &to, int maxQueries, qint64 maxBuckets)
{
    static constexpr TelemetryInterval kIntervals[] = {TelemetryInterval::TenSeconds, TelemetryInterval::OneMinute,
                                                       TelemetryInterval::FiveMinutes, TelemetryInterval::OneHour};
    QualityRange range;
    range.from = from;
    range.to = to;
    const qint64 span = (from.isValid() && to.isValid()) ? std::max<qint64>(0, from.secsTo(to)) : 0;
    const auto buckets = [span](TelemetryInterval interval) {
        const qint64 step = telemetryIntervalSeconds(interval);
        return (span + step - 1) / step;
    };
    range.interval = TelemetryInterval::OneHour;
    for (TelemetryInterval interval : kIntervals) {
        if (buckets(interval) <= qint64(maxQueries) * api::kTelemetryMaxRows) {
            range.interval = interval;
            break;
        }
    }
    if (buckets(range.interval) > maxBuckets) {
        for (TelemetryInterval interval : kIntervals) {
            if (telemetryIntervalSeconds(interval) > telemetryIntervalSeconds(range.interval)
                && buckets(interval) <= maxBuckets) {
                range.bucket = interval;
                break;
            }
        }
    }
    return range;
}

} // namespace cc
