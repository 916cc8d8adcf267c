#pragma once
// The quality of one channel over a telemetry range (the tutorial's
// analyze_call_quality, corrected): averages and 95th percentiles of latency,
// jitter and loss over the rows that carry each metric, and the score, R and
// MOS of the averages. A metric with no row is null, never zero.

#include "model/telemetry.h"
#include "quality/quality_assessment.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace cc {

struct QualityReport
{
    QString channelId;
    QString codec;      // the codec the E-model assumed
    int rows = 0;       // telemetry rows of this channel in the range
    QualityAssessment average;
    std::optional<double> p95LatencyMs;
    std::optional<double> p95JitterMs;
    std::optional<double> p95PacketLossPct;

    // channel_id, codec, rows, avg_latency_ms, avg_jitter_ms, avg_packet_loss_pct,
    // p95_*, quality_score, r_factor, mos, optimization_required (null when unknown).
    QJsonObject toJson() const;
};

// Nearest-rank 95th percentile; none for no values.
std::optional<double> percentile95(QList<double> values);

// Rows of other channels are ignored, so one multi-channel answer can be split.
QualityReport aggregateQuality(const QString &channelId, const QList<TelemetryPoint> &points,
                               const CodecProfile &codec, const QualitySettings &settings);

} // namespace cc
