#include "telemetry_handler.h"

#include "api/contract.h"
#include "health_model.h"
#include "model/json_reader.h"
#include "sim_reply.h"

#include <QJsonArray>

#include <cmath>

namespace cc::sim {

namespace {

const QStringList &knownMetricNames()
{
    static const QStringList names{QString(api::kKeyLatencyMs), QString(api::kKeyJitterMs),
                                   QString(api::kKeyPacketLossPct), QString(api::kKeyCalls)};
    return names;
}

QString decimal(qint64 value)
{
    return QString::number(value);
}

} // namespace

TelemetryHandler::TelemetryHandler(const SimState &state, const SignInHandler &signIn)
    : m_state(state)
    , m_signIn(signIn)
{
}

SimResponse TelemetryHandler::query(const SimCall &call) const
{
    if (auto denied = m_signIn.authorize(call, QString(api::kScopeTelemetryRead)))
        return *denied;
    SimResponse response;
    const std::optional<QJsonObject> body = parseJsonBody(call.request, call.requestId, &response);
    if (!body)
        return response;
    Parsed<TelemetryQuery> parsed = telemetryQueryFromJson(*body);
    for (qsizetype i = 0; i < parsed.value.metrics.size(); ++i) {
        if (!knownMetricNames().contains(parsed.value.metrics.at(i)))
            parsed.errors.append({indexPath(QString(api::kKeyMetrics), i),
                                  QStringLiteral("must be one of ") + knownMetricNames().join(QStringLiteral(", "))});
    }
    if (!parsed.ok())
        return validationFailedReply(call.requestId, parsed.errors);

    const TelemetryQuery &query = parsed.value;
    const qint64 step = telemetryIntervalSeconds(query.interval);
    QStringList ids = query.channelIds;
    ids.removeDuplicates();
    const qint64 buckets = TelemetryGenerator::bucketCount(query.from, query.to, step);
    const qint64 rows = buckets * ids.size();
    if (rows > api::kTelemetryMaxRows) {
        const QString message = QStringLiteral(
            "the query asks for %1 rows (%2 buckets of %3 x %4 channels); at most %5 rows are answered: "
            "narrow from/to, use a coarser interval or ask for fewer channels per query")
            .arg(decimal(rows), decimal(buckets), telemetryIntervalName(query.interval), decimal(ids.size()),
                 decimal(api::kTelemetryMaxRows));
        return errorReply(400, call.requestId, api::kErrorQueryTooLarge, message,
                          QJsonObject{{QStringLiteral("rows_requested"), rows}, {QStringLiteral("max_rows"), api::kTelemetryMaxRows}});
    }

    const QDateTime now = m_state.clock->nowUtc();
    // Trunks carry voice: a filter on any other conversation type matches nothing.
    if (!query.conversationType.isEmpty() && query.conversationType != api::kConversationVoice)
        ids.clear();
    const bool wantLatency = query.metrics.contains(api::kKeyLatencyMs);
    const bool wantJitter = query.metrics.contains(api::kKeyJitterMs);
    const bool wantLoss = query.metrics.contains(api::kKeyPacketLossPct);
    QJsonArray metrics;
    const QDateTime first = TelemetryGenerator::alignDown(query.from, step);
    for (const QString &id : std::as_const(ids)) {
        const Channel *channel = m_state.channels.find(id);
        if (!channel)
            continue; // an unknown channel has no rows, as with any analytics filter
        for (QDateTime bucket = first; bucket < query.to && bucket <= now; bucket = bucket.addSecs(step)) {
            if (bucket.addSecs(step) <= channel->createdAt)
                continue; // the channel did not exist yet
            std::optional<TelemetryPoint> aggregate = aggregateRow(*channel, bucket, step, now);
            if (!aggregate)
                continue;
            TelemetryPoint point = *aggregate;
            if (!wantLatency)
                point.latencyMs.reset();
            if (!wantJitter)
                point.jitterMs.reset();
            if (!wantLoss)
                point.packetLossPct.reset();
            metrics.append(telemetryPointToJson(point));
        }
    }
    return jsonReply(200, QJsonObject{{api::kKeyInterval, telemetryIntervalName(query.interval)}, {api::kKeyMetrics, metrics}});
}

TelemetryPoint TelemetryHandler::finestRow(const QString &id, const QDateTime &bucket, const QDateTime &now) const
{
    // Status during the bucket: the recorded one while the tenant watched,
    // before that the channel's hashed history.
    const QDateTime sampleAt = qMin(bucket.addSecs(kFinestStepSeconds / 2), now);
    const ChannelStatus status = m_state.channels.recordedStatusAt(id, sampleAt)
                                     .value_or(HealthModel::historicalStatus(m_state.options.seed, id, sampleAt.toSecsSinceEpoch()));
    return m_state.telemetry.row(id, bucket, kFinestStepSeconds, status);
}

std::optional<TelemetryPoint> TelemetryHandler::aggregateRow(const Channel &channel, const QDateTime &bucket, qint64 step,
                                                             const QDateTime &now) const
{
    // A coarser row is the mean of the 10-second rows inside it, as a real
    // analytics store rolls up: what the 10 s rows show, the 5 m row averages.
    double latency = 0.0;
    double jitter = 0.0;
    double loss = 0.0;
    double calls = 0.0;
    int count = 0;
    const QDateTime end = bucket.addSecs(step);
    for (QDateTime sub = bucket; sub < end && sub <= now; sub = sub.addSecs(kFinestStepSeconds)) {
        if (sub.addSecs(kFinestStepSeconds) <= channel.createdAt)
            continue;
        const TelemetryPoint row = finestRow(channel.id, sub, now);
        latency += row.latencyMs.value_or(0.0);
        jitter += row.jitterMs.value_or(0.0);
        loss += row.packetLossPct.value_or(0.0);
        calls += double(row.calls.value_or(0));
        ++count;
    }
    if (count == 0)
        return std::nullopt;
    TelemetryPoint point;
    point.timestamp = bucket;
    point.channelId = channel.id;
    point.latencyMs = std::round(latency / count * 10.0) / 10.0;
    point.jitterMs = std::round(jitter / count * 10.0) / 10.0;
    point.packetLossPct = std::round(loss / count * 100.0) / 100.0;
    point.calls = std::llround(calls / count);
    return point;
}

} // namespace cc::sim
