#include "model/telemetry.h"

#include "api/contract.h"
#include "common/enum_names.h"
#include "model/json_reader.h"

#include <QJsonArray>

namespace cc {

namespace {

struct IntervalName
{
    TelemetryInterval value;
    QLatin1String name;
    qint64 seconds;
};

constexpr IntervalName kIntervals[] = {
    {TelemetryInterval::TenSeconds, QLatin1String("10s"), 10},
    {TelemetryInterval::OneMinute, QLatin1String("1m"), 60},
    {TelemetryInterval::FiveMinutes, QLatin1String("5m"), 300},
    {TelemetryInterval::OneHour, QLatin1String("1h"), 3600},
};

QJsonObject clause(QLatin1String dimension, const QStringList &values)
{
    return QJsonObject{{api::kKeyDimension, QString(dimension)},
                       {api::kKeySelector, QString(values.size() == 1 ? api::kSelectorEq : api::kSelectorIn)},
                       {api::kKeyValues, QJsonArray::fromStringList(values)}};
}

} // namespace

QString telemetryIntervalName(TelemetryInterval interval)
{
    return enumName(kIntervals, interval);
}

std::optional<TelemetryInterval> telemetryIntervalFromName(const QString &name)
{
    return enumFromName(kIntervals, name);
}

qint64 telemetryIntervalSeconds(TelemetryInterval interval)
{
    const IntervalName *entry = enumRow(kIntervals, interval);
    return entry ? entry->seconds : 300;
}

qint64 TelemetryQuery::expectedRows() const
{
    if (!from.isValid() || !to.isValid() || from >= to)
        return 0;
    const qint64 step = telemetryIntervalSeconds(interval);
    const qint64 span = from.secsTo(to);
    const qint64 buckets = (span + step - 1) / step;
    return buckets * channelIds.size();
}

bool TelemetryPoint::operator==(const TelemetryPoint &other) const
{
    return timestamp == other.timestamp && channelId == other.channelId && latencyMs == other.latencyMs
        && jitterMs == other.jitterMs && packetLossPct == other.packetLossPct && calls == other.calls;
}

QJsonObject telemetryQueryToJson(const TelemetryQuery &query)
{
    QJsonArray clauses{clause(api::kKeyChannelIdDimension, query.channelIds)};
    if (!query.conversationType.isEmpty())
        clauses.append(clause(api::kKeyConversationType, QStringList{query.conversationType}));
    return QJsonObject{
        {api::kKeyInterval, telemetryIntervalName(query.interval)},
        {api::kKeyMetrics, QJsonArray::fromStringList(query.metrics)},
        {api::kKeyDimension, QString(api::kKeyChannelIdDimension)},
        {api::kKeyFilter, QJsonObject{{api::kKeyType, QString(api::kFilterAnd)}, {api::kKeyClauses, clauses}}},
        {api::kKeyFrom, toIsoUtc(query.from)},
        {api::kKeyTo, toIsoUtc(query.to)},
    };
}

Parsed<TelemetryQuery> telemetryQueryFromJson(const QJsonObject &json)
{
    Parsed<TelemetryQuery> result;
    JsonReader reader(&result.errors);
    TelemetryQuery &query = result.value;

    if (const std::optional<QString> interval = reader.required<QString>(json, api::kKeyInterval, QString(api::kKeyInterval))) {
        if (const std::optional<TelemetryInterval> parsed = telemetryIntervalFromName(*interval))
            query.interval = *parsed;
        else
            reader.fail(QString(api::kKeyInterval), QStringLiteral("must be one of 10s, 1m, 5m, 1h"));
    }
    if (const std::optional<QStringList> metrics = reader.optionalStringList(json, api::kKeyMetrics, QString(api::kKeyMetrics)))
        query.metrics = *metrics;

    const QString filterPath = QString(api::kKeyFilter);
    const QString clausesPath = fieldPath(filterPath, api::kKeyClauses);
    bool sawChannels = false;
    query.conversationType.clear();
    if (const std::optional<QJsonObject> filter = reader.required<QJsonObject>(json, api::kKeyFilter, filterPath)) {
        const std::optional<QString> type = reader.optional<QString>(*filter, api::kKeyType, fieldPath(filterPath, api::kKeyType));
        if (type && *type != api::kFilterAnd)
            reader.fail(fieldPath(filterPath, api::kKeyType), QStringLiteral("must be and"));
        if (const std::optional<QJsonArray> clauses = reader.required<QJsonArray>(*filter, api::kKeyClauses, clausesPath)) {
            for (qsizetype i = 0; i < clauses->size(); ++i) {
                const QString path = indexPath(clausesPath, i);
                const std::optional<QJsonObject> item = reader.object(clauses->at(i), path);
                if (!item)
                    continue;
                const std::optional<QString> dimension = reader.required<QString>(*item, api::kKeyDimension, fieldPath(path, api::kKeyDimension));
                const std::optional<QString> selector = reader.required<QString>(*item, api::kKeySelector, fieldPath(path, api::kKeySelector));
                const std::optional<QStringList> values = reader.optionalStringList(*item, api::kKeyValues, fieldPath(path, api::kKeyValues));
                if (!dimension || !selector || !values)
                    continue;
                if (*selector != api::kSelectorEq && *selector != api::kSelectorIn) {
                    reader.fail(fieldPath(path, api::kKeySelector), QStringLiteral("must be eq or in"));
                    continue;
                }
                if (*selector == api::kSelectorEq && values->size() != 1) {
                    reader.fail(fieldPath(path, api::kKeyValues), QStringLiteral("eq takes exactly one value; use in for several"));
                    continue;
                }
                if (values->isEmpty()) {
                    reader.fail(fieldPath(path, api::kKeyValues), QStringLiteral("must name at least one value"));
                    continue;
                }
                if (*dimension == api::kKeyChannelIdDimension) {
                    query.channelIds = *values;
                    sawChannels = true;
                } else if (*dimension == api::kKeyConversationType) {
                    query.conversationType = values->constFirst();
                } else {
                    reader.fail(fieldPath(path, api::kKeyDimension), QStringLiteral("must be channelId or conversationType"));
                }
            }
            if (!sawChannels)
                reader.fail(clausesPath, QStringLiteral("needs a channelId clause"));
        }
    }

    const std::optional<QDateTime> from = reader.optionalTimestamp(json, api::kKeyFrom, QString(api::kKeyFrom));
    const std::optional<QDateTime> to = reader.optionalTimestamp(json, api::kKeyTo, QString(api::kKeyTo));
    if (!json.contains(api::kKeyFrom))
        reader.fail(QString(api::kKeyFrom), QStringLiteral("is required"));
    if (!json.contains(api::kKeyTo))
        reader.fail(QString(api::kKeyTo), QStringLiteral("is required"));
    if (from && to) {
        query.from = *from;
        query.to = *to;
        if (*from >= *to)
            reader.fail(QString(api::kKeyTo), QStringLiteral("must be later than from"));
    }
    return result;
}

QJsonObject telemetryPointToJson(const TelemetryPoint &point)
{
    QJsonObject json{{api::kKeyTimestamp, toIsoUtc(point.timestamp)},
                     {api::kKeyChannelIdDimension, point.channelId}};
    insertIfSet(&json, api::kKeyLatencyMs, point.latencyMs);
    insertIfSet(&json, api::kKeyJitterMs, point.jitterMs);
    insertIfSet(&json, api::kKeyPacketLossPct, point.packetLossPct);
    insertIfSet(&json, api::kKeyCalls, point.calls);
    return json;
}

QJsonObject telemetryResultToJson(const TelemetryResult &result)
{
    QJsonArray metrics;
    for (const TelemetryPoint &point : result.points)
        metrics.append(telemetryPointToJson(point));
    return QJsonObject{{api::kKeyInterval, telemetryIntervalName(result.interval)}, {api::kKeyMetrics, metrics}};
}

Parsed<TelemetryResult> telemetryResultFromJson(const QJsonObject &json)
{
    Parsed<TelemetryResult> result;
    JsonReader reader(&result.errors);
    if (const std::optional<QString> interval = reader.optional<QString>(json, api::kKeyInterval, QString(api::kKeyInterval))) {
        if (const std::optional<TelemetryInterval> parsed = telemetryIntervalFromName(*interval))
            result.value.interval = *parsed;
        else
            reader.fail(QString(api::kKeyInterval), QStringLiteral("must be one of 10s, 1m, 5m, 1h"));
    }
    const QString metricsPath = QString(api::kKeyMetrics);
    const std::optional<QJsonArray> metrics = reader.required<QJsonArray>(json, api::kKeyMetrics, metricsPath);
    if (!metrics)
        return result;
    result.value.points.reserve(metrics->size());
    for (qsizetype i = 0; i < metrics->size(); ++i) {
        const QString path = indexPath(metricsPath, i);
        const std::optional<QJsonObject> object = reader.object(metrics->at(i), path);
        if (!object)
            continue;
        const QJsonObject &item = *object;
        TelemetryPoint point;
        const std::optional<QDateTime> timestamp = reader.optionalTimestamp(item, api::kKeyTimestamp, fieldPath(path, api::kKeyTimestamp));
        if (!timestamp && !item.contains(api::kKeyTimestamp))
            reader.fail(fieldPath(path, api::kKeyTimestamp), QStringLiteral("is required"));
        point.timestamp = timestamp.value_or(QDateTime());
        point.channelId = reader.required<QString>(item, api::kKeyChannelIdDimension, fieldPath(path, api::kKeyChannelIdDimension)).value_or(QString());
        point.latencyMs = reader.optional<double>(item, api::kKeyLatencyMs, fieldPath(path, api::kKeyLatencyMs));
        point.jitterMs = reader.optional<double>(item, api::kKeyJitterMs, fieldPath(path, api::kKeyJitterMs));
        point.packetLossPct = reader.optional<double>(item, api::kKeyPacketLossPct, fieldPath(path, api::kKeyPacketLossPct));
        point.calls = reader.optional<qint64>(item, api::kKeyCalls, fieldPath(path, api::kKeyCalls));
        result.value.points.append(point);
    }
    return result;
}

} // namespace cc
