#pragma once
// How a quality range is read and drawn: the interval the tenant is asked at
// (the finest whose rows fit a few queries of the row cap), the coarser bucket
// the charts draw when that gives too many readings, and how a bucket shows
// the readings inside it. Pure arithmetic on the contract's intervals.

#include "model/telemetry.h"

#include <QDateTime>
#include <QList>
#include <QPair>

#include <optional>

namespace cc {

// How a drawn bucket that holds several readings shows them: their mean, the
// worst of them, or their 95th percentile. A mean hides a short outage (14 %
// loss for a minute is 0.5 % over five); the worst never does. For MOS the worst
// is the lowest and the percentile is the 5th (the low end).
enum class BucketStatistic { Mean, Worst, P95 };

struct QualityRange
{
    QDateTime from;
    QDateTime to;
    TelemetryInterval interval = TelemetryInterval::FiveMinutes;   // the readings asked of the tenant
    // Drawn buckets, when coarser than `interval`: each shows `statistic` of
    // the readings inside it. None: every reading is drawn (LTTB-downsampled).
    std::optional<TelemetryInterval> bucket;
    BucketStatistic statistic = BucketStatistic::Worst;
};

// The range planned for reading and drawing: the finest interval whose rows
// fit in `maxQueries` queries of the row cap (so a week is read at 10 s, not
// as the tenant's 5-minute means), and, when that gives more than `maxBuckets`
// readings, the finest coarser interval that does not, as the drawn bucket.
QualityRange planQualityRange(const QDateTime &from, const QDateTime &to, int maxQueries = 8,
                              qint64 maxBuckets = 2500);

// [from, to) cut into consecutive pieces of at most `maxRows` buckets for
// `channels` channels; one piece when it fits.
QList<QPair<QDateTime, QDateTime>> splitRangeForRowCap(const QDateTime &from, const QDateTime &to,
                                                       TelemetryInterval interval, int channels = 1,
                                                       qint64 maxRows = 10000);

} // namespace cc
