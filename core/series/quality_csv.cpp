#include "series/quality_csv.h"

#include "common/csv_cell.h"
#include "quality/e_model.h"

#include <algorithm>

namespace cc {

namespace {

QString number(const std::optional<double> &value)
{
    // Shortest round-trip form, C locale: a spreadsheet reads it as a number.
    return value ? QString::number(*value, 'g', 15) : QString();
}

} // namespace

QByteArray qualityCsv(const QString &channelId, QList<TelemetryPoint> points, const CodecProfile &codec,
                      const QString &channelName)
{
    std::stable_sort(points.begin(), points.end(), [](const TelemetryPoint &a, const TelemetryPoint &b) {
        return a.timestamp < b.timestamp;
    });
    QByteArray csv = "timestamp,channel_id,channel_name,latency_ms,jitter_ms,packet_loss_pct,mos\r\n";
    csv.reserve(csv.size() + points.size() * 80);
    for (const TelemetryPoint &point : std::as_const(points)) {
        if (!channelId.isEmpty() && point.channelId != channelId)
            continue;
        std::optional<double> mos;
        if (point.latencyMs && point.jitterMs && point.packetLossPct)
            mos = evaluateEModel(*point.latencyMs, *point.jitterMs, *point.packetLossPct, codec).mos;
        csv += CsvCell::timestamp(point.timestamp.toMSecsSinceEpoch());
        const QString mosCell = mos ? QString::number(*mos, 'f', 2) : QString();
        for (const QString &cell : {point.channelId, channelName, number(point.latencyMs), number(point.jitterMs),
                                    number(point.packetLossPct), mosCell}) {
            csv += ',';
            csv += CsvCell::encode(cell);
        }
        csv += "\r\n";
    }
    return csv;
}

} // namespace cc
