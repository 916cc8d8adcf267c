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

struct QualityRange
{
    QDateTime from;
    QDateTime to;
    TelemetryInterval interval = TelemetryInterval::FiveMinutes;
};

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
