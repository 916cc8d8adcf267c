#include "quality/quality_report.h"

#include "quality/e_model.h"

#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace cc {

namespace {

QJsonValue rounded(const std::optional<double> &value, int decimals)
{
    if (!value)
        return QJsonValue(QJsonValue::Null);
    const double scale = std::pow(10.0, decimals);
    return std::round(*value * scale) / scale;
}

std::optional<double> mean(const QList<double> &values)
{
    if (values.isEmpty())
        return std::nullopt;
    double sum = 0.0;
    for (double value : values)
        sum += value;
    return sum / static_cast<double>(values.size());
}

} // namespace

std::optional<double> percentile95(QList<double> values)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    // Nearest rank: the smallest value with at least 95 % of the values at or below it.
    const auto rank = static_cast<qsizetype>(std::ceil(0.95 * static_cast<double>(values.size())));
    return values.at(std::max<qsizetype>(rank, 1) - 1);
}

QualityReport aggregateQuality(const QString &channelId, const QList<TelemetryPoint> &points,
                               const CodecProfile &codec, const QualitySettings &settings)
{
    QList<double> latencies;
    QList<double> jitters;
    QList<double> losses;
    int rows = 0;
    for (const TelemetryPoint &point : points) {
        if (point.channelId != channelId)
            continue;
        ++rows;
        // The tutorial averaged a missing value as 0 (`item.get("latency_ms", 0)`),
        // which makes a silent channel look perfect: absent values are left out.
        if (point.latencyMs)
            latencies.append(*point.latencyMs);
        if (point.jitterMs)
            jitters.append(*point.jitterMs);
        if (point.packetLossPct)
            losses.append(*point.packetLossPct);
    }

    QualityReport report;
    report.channelId = channelId;
    report.codec = codec.name;
    report.rows = rows;
    report.average = assessQuality(mean(latencies), mean(jitters), mean(losses), codec, settings);
    report.p95LatencyMs = percentile95(latencies);
    report.p95JitterMs = percentile95(jitters);
    report.p95PacketLossPct = percentile95(losses);
    return report;
}

QJsonObject QualityReport::toJson() const
{
    QJsonObject json;
    json.insert(QStringLiteral("channel_id"), channelId);
    json.insert(QStringLiteral("codec"), codec);
    json.insert(QStringLiteral("rows"), rows);
    json.insert(QStringLiteral("avg_latency_ms"), rounded(average.latencyMs, 2));
    json.insert(QStringLiteral("avg_jitter_ms"), rounded(average.jitterMs, 2));
    json.insert(QStringLiteral("avg_packet_loss_pct"), rounded(average.packetLossPct, 3));
    json.insert(QStringLiteral("p95_latency_ms"), rounded(p95LatencyMs, 2));
    json.insert(QStringLiteral("p95_jitter_ms"), rounded(p95JitterMs, 2));
    json.insert(QStringLiteral("p95_packet_loss_pct"), rounded(p95PacketLossPct, 3));
    json.insert(QStringLiteral("quality_score"), rounded(average.score, 0));
    json.insert(QStringLiteral("r_factor"), rounded(average.rFactor, 1));
    json.insert(QStringLiteral("mos"), rounded(average.mos, 2));
    json.insert(QStringLiteral("mos_model"), QString::fromLatin1(kEModelDescription));
    json.insert(QStringLiteral("optimization_required"),
                average.optimizationRequired ? QJsonValue(*average.optimizationRequired) : QJsonValue(QJsonValue::Null));
    return json;
}

} // namespace cc
