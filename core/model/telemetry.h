#pragma once
// The telemetry query and its answer (contract section 3), both ways.

#include "model/channel.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace cc {

enum class TelemetryInterval { TenSeconds, OneMinute, FiveMinutes, OneHour };

QString telemetryIntervalName(TelemetryInterval interval);
std::optional<TelemetryInterval> telemetryIntervalFromName(const QString &name);
qint64 telemetryIntervalSeconds(TelemetryInterval interval);

struct TelemetryQuery
{
    TelemetryInterval interval = TelemetryInterval::FiveMinutes;
    QStringList metrics{QStringLiteral("latency_ms"), QStringLiteral("jitter_ms"), QStringLiteral("packet_loss_pct")};
    // One id is sent with the `eq` selector, several with `in`.
    QStringList channelIds;
    QString conversationType = QStringLiteral("voice");
    QDateTime from;
    QDateTime to;

    // Buckets per channel times channels: what the 10,000-row cap counts.
    qint64 expectedRows() const;
};

QJsonObject telemetryQueryToJson(const TelemetryQuery &query);
// Refuses unknown intervals and selectors, `eq` with more than one value, a
// missing channel filter and `from` not before `to`, each naming its field.
Parsed<TelemetryQuery> telemetryQueryFromJson(const QJsonObject &json);

// One row: a channel's averages over one interval. A metric the tenant did not
// report is absent, never zero.
struct TelemetryPoint
{
    QDateTime timestamp;
    QString channelId;
    std::optional<double> latencyMs;
    std::optional<double> jitterMs;
    std::optional<double> packetLossPct;
    std::optional<qint64> calls;

    bool operator==(const TelemetryPoint &other) const;
};

struct TelemetryResult
{
    TelemetryInterval interval = TelemetryInterval::FiveMinutes;
    QList<TelemetryPoint> points;
};

QJsonObject telemetryPointToJson(const TelemetryPoint &point);
QJsonObject telemetryResultToJson(const TelemetryResult &result);
Parsed<TelemetryResult> telemetryResultFromJson(const QJsonObject &json);

} // namespace cc
