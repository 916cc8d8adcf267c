#pragma once
// The quality of one channel over a time range, fetched and computed (the
// tutorial's analyze_call_quality, corrected): the channel is read for its
// codec, telemetry is asked in as few queries as the 10,000-row cap allows, and
// the rows become a QualityReport (null where there was no data).

#include "client/api_client.h"
#include "quality/quality_report.h"

#include <QDateTime>
#include <QObject>
#include <QPair>

#include <functional>
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

using QualityAnalysisDone = std::function<void(const QualityReport &report, const std::optional<ApiError> &error)>;

// Calls `done` once, on `context`'s thread (the client's), unless `context` is
// destroyed first.
void analyzeQuality(ApiClient *client, const QString &channelId, const QualityRange &range,
                    const QualitySettings &settings, QObject *context, QualityAnalysisDone done);

} // namespace cc
