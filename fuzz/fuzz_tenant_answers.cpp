// Fuzz targets for the tenant's answers as the client reads them: a channel, a
// page of the channel list, a telemetry result, a token answer, a non-2xx
// answer (status, Retry-After, the error body) and the id token's claims.
// Every result is also turned into its text or JSON, as the callers do.

#include "fuzz_input.h"
#include "fuzz_targets.h"

#include "client/access_key_sign_in.h"
#include "client/answer_parsers.h"
#include "client/request_spec.h"
#include "client/sign_in_strategy.h"

#include <QString>

namespace cc::fuzz {

namespace {

template <typename T>
void consume(const ApiResult<T> &result)
{
    if (result.error)
        (void)result.error->text();
}

} // namespace

int channelAnswer(const uint8_t *data, size_t size)
{
    const QByteArray body = inputBytes(data, size);
    const ApiResult<Channel> channel = parseChannelAnswer(body, QStringLiteral("get channel"));
    consume(channel);
    if (channel.ok())
        (void)channelToJson(*channel.value);
    const ApiResult<ChannelPage> page = parseChannelPageAnswer(body, QStringLiteral("list channels"), 500);
    consume(page);
    if (page.ok()) {
        for (const Channel &each : page.value->channels)
            (void)channelToJson(each).size();
    }
    return 0;
}

int telemetryAnswer(const uint8_t *data, size_t size)
{
    const ApiResult<TelemetryResult> result = parseTelemetryAnswer(inputBytes(data, size), QStringLiteral("read telemetry"));
    consume(result);
    if (result.ok())
        (void)telemetryResultToJson(*result.value);
    return 0;
}

int tokenAnswer(const uint8_t *data, size_t size)
{
    HttpAnswer answer;
    answer.status = 200;
    answer.body = inputBytes(data, size);
    TokenGrant grant;
    if (const std::optional<ApiError> error = readTokenAnswer(answer, QStringLiteral("sign in"), &grant))
        (void)error->text();
    return 0;
}

int errorAnswer(const uint8_t *data, size_t size)
{
    // status, Retry-After, X-Request-Id, body
    const QList<QByteArray> parts = inputParts(inputBytes(data, size), 4);
    HttpAnswer answer;
    answer.status = 100 + static_cast<int>(parts.at(0).toUInt() % 500);
    answer.headers.insert(QByteArrayLiteral("retry-after"), parts.at(1));
    answer.headers.insert(QByteArrayLiteral("x-request-id"), parts.at(2));
    answer.body = parts.at(3);
    (void)answer.retryAfterMs(1'800'000'000'000);
    (void)answer.integerHeader("retry-after");
    for (const bool signIn : {false, true}) {
        RequestSpec spec;
        spec.signIn = signIn;
        spec.operation = QStringLiteral("update channel");
        (void)apiErrorFromAnswer(answer, spec).text();
    }
    return 0;
}

int idTokenClaims(const uint8_t *data, size_t size)
{
    const QByteArray bytes = inputBytes(data, size);
    // The bytes as the token itself, and as the payload of a well-formed one.
    const QByteArray wrapped = QByteArrayLiteral("eyJhbGciOiJub25lIn0.")
                               + bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                               + QByteArrayLiteral(".");
    for (const QByteArray &jwt : {bytes, wrapped}) {
        (void)AccessKeySignIn::jwtClaim(jwt, QStringLiteral("tenantId"));
        (void)AccessKeySignIn::jwtClaim(jwt, QStringLiteral("exp"));
    }
    return 0;
}

} // namespace cc::fuzz
