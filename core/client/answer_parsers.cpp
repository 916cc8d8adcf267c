#include "client/answer_parsers.h"

#include "api/contract.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cc {

namespace {

template <typename T>
ApiResult<T> bad(const QString &operation, const QString &what)
{
    ApiResult<T> result;
    result.error = ApiError::make(ApiError::Kind::BadResponse, operation, what);
    return result;
}

std::optional<QJsonObject> objectOf(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

template <typename T>
ApiResult<T> good(T value)
{
    ApiResult<T> result;
    result.value = std::move(value);
    return result;
}

// A body that is one JSON object, read by the model's `fromJson`.
template <typename T>
ApiResult<T> parseObjectAnswer(const QByteArray &body, const QString &operation, Parsed<T> (*fromJson)(const QJsonObject &))
{
    const std::optional<QJsonObject> json = objectOf(body);
    if (!json)
        return bad<T>(operation, QStringLiteral("the body is not a JSON object"));
    Parsed<T> parsed = fromJson(*json);
    if (!parsed.ok())
        return bad<T>(operation, describeFieldErrors(parsed.errors));
    return good(std::move(parsed.value));
}

} // namespace

ApiResult<Channel> parseChannelAnswer(const QByteArray &body, const QString &operation)
{
    return parseObjectAnswer(body, operation, &channelFromJson);
}

ApiResult<ChannelPage> parseChannelPageAnswer(const QByteArray &body, const QString &operation, qsizetype firstIndex)
{
    const std::optional<QJsonObject> json = objectOf(body);
    if (!json)
        return bad<ChannelPage>(operation, QStringLiteral("the page is not a JSON object"));
    const QJsonValue channelsValue = json->value(api::kKeyChannels);
    if (!channelsValue.isArray())
        return bad<ChannelPage>(operation, QStringLiteral("%1: is required (an array)").arg(api::kKeyChannels));

    ChannelPage page;
    const QJsonArray channels = channelsValue.toArray();
    page.channels.reserve(channels.size());
    for (qsizetype i = 0; i < channels.size(); ++i) {
        const QString prefix = QStringLiteral("%1[%2]").arg(api::kKeyChannels).arg(firstIndex + i);
        const QJsonValue value = channels.at(i);
        if (!value.isObject())
            return bad<ChannelPage>(operation, prefix + QStringLiteral(": must be an object"));
        Parsed<Channel> parsed = channelFromJson(value.toObject());
        if (!parsed.ok())
            return bad<ChannelPage>(operation, describeFieldErrors(parsed.errors, prefix));
        page.channels.append(std::move(parsed.value));
    }
    const QJsonValue total = json->value(api::kKeyTotal);
    if (!total.isUndefined() && !total.isNull() && !total.isDouble())
        return bad<ChannelPage>(operation, QStringLiteral("%1: must be a number").arg(api::kKeyTotal));
    page.total = total.isDouble() ? total.toInteger(-1) : -1;
    page.page = json->value(api::kKeyPage).toInteger(0);
    page.pageSize = json->value(api::kKeyPageSize).toInteger(api::kMaxPageSize);
    return good(std::move(page));
}

ApiResult<TelemetryResult> parseTelemetryAnswer(const QByteArray &body, const QString &operation)
{
    return parseObjectAnswer(body, operation, &telemetryResultFromJson);
}

} // namespace cc
