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

QString describe(const FieldErrors &errors, const QString &prefix = QString())
{
    QStringList parts;
    for (const FieldError &error : errors)
        parts.append((prefix.isEmpty() ? error.field : prefix + QLatin1Char('.') + error.field) + QLatin1String(": ")
                     + error.message);
    return parts.join(QLatin1String("; "));
}

} // namespace

ApiResult<Channel> parseChannelAnswer(const QByteArray &body, const QString &operation)
{
    const std::optional<QJsonObject> json = objectOf(body);
    if (!json)
        return bad<Channel>(operation, QStringLiteral("the body is not a JSON object"));
    Parsed<Channel> parsed = channelFromJson(*json);
    if (!parsed.ok())
        return bad<Channel>(operation, describe(parsed.errors));
    ApiResult<Channel> result;
    result.value = std::move(parsed.value);
    return result;
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
            return bad<ChannelPage>(operation, describe(parsed.errors, prefix));
        page.channels.append(std::move(parsed.value));
    }
    const QJsonValue total = json->value(api::kKeyTotal);
    if (!total.isUndefined() && !total.isNull() && !total.isDouble())
        return bad<ChannelPage>(operation, QStringLiteral("%1: must be a number").arg(api::kKeyTotal));
    page.total = total.isDouble() ? total.toInteger(-1) : -1;
    page.page = json->value(api::kKeyPage).toInteger(0);
    page.pageSize = json->value(api::kKeyPageSize).toInteger(api::kMaxPageSize);
    ApiResult<ChannelPage> result;
    result.value = std::move(page);
    return result;
}

ApiResult<TelemetryResult> parseTelemetryAnswer(const QByteArray &body, const QString &operation)
{
    const std::optional<QJsonObject> json = objectOf(body);
    if (!json)
        return bad<TelemetryResult>(operation, QStringLiteral("the body is not a JSON object"));
    Parsed<TelemetryResult> parsed = telemetryResultFromJson(*json);
    if (!parsed.ok())
        return bad<TelemetryResult>(operation, describe(parsed.errors));
    ApiResult<TelemetryResult> result;
    result.value = std::move(parsed.value);
    return result;
}

} // namespace cc
