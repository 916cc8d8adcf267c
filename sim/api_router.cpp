#include "api_router.h"

#include "api/contract.h"
#include "sim_reply.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace cc::sim {

namespace {

// Sim-side error codes the contract leaves open (the 5xx faults).
constexpr QLatin1String kErrorBadGateway("bad_gateway");
constexpr QLatin1String kErrorGatewayTimeout("gateway_timeout");

// A query string with the value of every secret-looking parameter redacted.
QString redactedQuery(const QString &query)
{
    if (query.isEmpty())
        return query;
    QStringList parts = query.split(QLatin1Char('&'));
    for (QString &part : parts) {
        const qsizetype equals = part.indexOf(QLatin1Char('='));
        if (equals > 0 && RequestLog::isSecretKey(QUrl::fromPercentEncoding(part.left(equals).toUtf8())))
            part = part.left(equals) + QStringLiteral("=%5Bredacted%5D");
    }
    return parts.join(QLatin1Char('&'));
}

SimResponse rateLimited(const QString &requestId, const QString &message, int retryAfterSeconds)
{
    SimResponse response = errorReply(429, requestId, api::kErrorRateLimited, message);
    response.headers.append({QByteArray(api::kHeaderRetryAfter), QByteArray::number(retryAfterSeconds)});
    return response;
}

SimResponse transientFailure(const QString &requestId, int status)
{
    QLatin1String code = api::kErrorInternal;
    if (status == 502)
        code = kErrorBadGateway;
    else if (status == 503)
        code = api::kErrorServiceUnavailable;
    else if (status == 504)
        code = kErrorGatewayTimeout;
    SimResponse response = errorReply(status, requestId, code,
                                      QStringLiteral("simulated transient failure (fail_next fault): retry with backoff"));
    if (status == 503)
        response.headers.append({QByteArray(api::kHeaderRetryAfter), QByteArrayLiteral("1")});
    return response;
}

} // namespace

ApiRouter::ApiRouter(SimState &state)
    : m_state(state)
    , m_signIn(state)
    , m_channels(state, m_signIn)
    , m_telemetry(state, m_signIn)
{
}

bool ApiRouter::isDiscovery(Route route)
{
    // Discovery documents belong to NICE's global host, not the tenant's budget.
    return route == Route::OpenIdConfiguration || route == Route::CxoneConfiguration;
}

bool ApiRouter::isSignIn(Route route)
{
    return route == Route::Token || route == Route::SignInToken || isDiscovery(route);
}

ApiRouter::Match ApiRouter::matchRoute(const QString &path)
{
    Match match;
    const QString channelsPrefix = QString(api::kChannelsPath) + QLatin1Char('/');
    if (path == api::kTokenPath) {
        match = {Route::Token, {}, QString(api::kTokenPath), {QStringLiteral("POST")}};
    } else if (path == kSignInTokenPath) {
        match = {Route::SignInToken, {}, QString(kSignInTokenPath), {QStringLiteral("POST")}};
    } else if (path == api::kOpenIdConfigurationPath) {
        match = {Route::OpenIdConfiguration, {}, QString(api::kOpenIdConfigurationPath), {QStringLiteral("GET")}};
    } else if (path == api::kCxoneConfigurationPath) {
        match = {Route::CxoneConfiguration, {}, QString(api::kCxoneConfigurationPath), {QStringLiteral("GET")}};
    } else if (path == api::kChannelsPath || path == channelsPrefix) {
        match = {Route::Channels, {}, QString(api::kChannelsPath), {QStringLiteral("GET"), QStringLiteral("POST")}};
    } else if (path.startsWith(channelsPrefix) && !path.mid(channelsPrefix.size()).contains(QLatin1Char('/'))) {
        match = {Route::Channel, path.mid(channelsPrefix.size()), channelsPrefix + QStringLiteral("{id}"),
                 {QStringLiteral("GET"), QStringLiteral("PATCH"), QStringLiteral("DELETE")}};
    } else if (path == api::kTelemetryPath) {
        match = {Route::Telemetry, {}, QString(api::kTelemetryPath), {QStringLiteral("POST")}};
    }
    return match;
}

SimResponse ApiRouter::handle(const SimRequest &request, const QString &requestId, qint64 elapsedMs)
{
    const Match match = matchRoute(request.path);
    const Route route = match.route;
    const bool discovery = isDiscovery(route);
    const bool signIn = isSignIn(route);
    const qint64 nowMs = m_state.clock->monotonicMs();

    SimResponse response;
    if (std::optional<SimResponse> refused = refusal(request, requestId, match, nowMs)) {
        response = std::move(*refused);
    } else {
        response = dispatch(SimCall{request, requestId, match.channelId}, route);
        if (!signIn && m_state.faults.takeDrop(request.method, request.path))
            response.dropConnection = true;
    }

    response.delayMs = m_state.faults.takeDelayMs();
    if (const qint64 padding = m_state.faults.takeOversizeBytes(request.path, signIn); padding > 0)
        response.body.append(QByteArray(padding, ' '));   // still valid JSON, only far too large
    if (const std::optional<FaultState::Drip> drip = m_state.faults.takeDrip(request.path, signIn)) {
        response.dripIntervalMs = drip->intervalMs;
        response.dripChunkBytes = drip->chunkBytes;
    }
    if (!discovery) {
        const RateLimiter::Decision figures = m_state.rateLimiter.peek(nowMs);
        response.headers.append({QByteArray(api::kHeaderRateLimitLimit), QByteArray::number(figures.limit)});
        response.headers.append({QByteArray(api::kHeaderRateLimitRemaining), QByteArray::number(figures.remaining)});
        response.headers.append({QByteArray(api::kHeaderRateLimitReset), QByteArray::number(figures.resetSeconds)});
    }
    log(request, match, response, elapsedMs);
    return response;
}

std::optional<SimResponse> ApiRouter::refusal(const SimRequest &request, const QString &requestId, const Match &match,
                                              qint64 nowMs)
{
    const Route route = match.route;
    const bool signIn = isSignIn(route);
    if (!isDiscovery(route)) {
        if (const std::optional<int> retryAfter = m_state.faults.stormRetryAfter(nowMs)) {
            return rateLimited(requestId,
                               QStringLiteral("too many requests (a rate-limit storm): wait %1 s, then retry with backoff").arg(*retryAfter),
                               *retryAfter);
        }
        const RateLimiter::Decision decision = m_state.rateLimiter.take(nowMs);
        if (!decision.allowed) {
            return rateLimited(requestId,
                               QStringLiteral("rate limit of %1 requests a minute reached: wait %2 s, then retry")
                                   .arg(decision.limit).arg(decision.resetSeconds),
                               decision.resetSeconds);
        }
    }
    if (request.body.size() > m_state.options.maxBodyBytes) {
        return errorReply(413, requestId, api::kErrorPayloadTooLarge,
                          QStringLiteral("the body has %1 bytes; at most %2 are accepted")
                              .arg(QString::number(request.body.size()), QString::number(m_state.options.maxBodyBytes)));
    }
    if (route == Route::None) {
        return errorReply(404, requestId, api::kErrorNotFound,
                          QStringLiteral("no such path: %1 (the channel API lives under %2)").arg(request.path, QString(api::kChannelsPath)));
    }
    if (!match.methods.contains(request.method))
        return methodNotAllowedReply(requestId, request.method, match.templatePath, match.methods.join(QStringLiteral(", ")));
    if (const std::optional<int> status = m_state.faults.takeFailure(request.path, signIn))
        return transientFailure(requestId, *status);
    if (const std::optional<FaultState::Redirect> redirect = m_state.faults.takeRedirect(request.path, signIn)) {
        // Another origin, or a proxy pretending: where a bearer token must not follow.
        SimResponse response;
        response.status = redirect->status;
        response.contentType.clear();
        QString location = redirect->location + request.path;
        if (!request.query.isEmpty())
            location += QLatin1Char('?') + request.query;
        response.headers.append({QByteArrayLiteral("Location"), location.toUtf8()});
        return response;
    }
    return std::nullopt;
}

SimResponse ApiRouter::dispatch(const SimCall &call, Route route)
{
    const QString &method = call.request.method;
    switch (route) {
    case Route::Token:
        return m_signIn.token(call);
    case Route::SignInToken:
        return m_signIn.signInToken(call);
    case Route::OpenIdConfiguration:
        return m_signIn.openIdConfiguration();
    case Route::CxoneConfiguration:
        return m_signIn.cxoneConfiguration(call);
    case Route::Channels:
        return method == QLatin1String("GET") ? m_channels.list(call) : m_channels.create(call);
    case Route::Channel:
        if (method == QLatin1String("GET"))
            return m_channels.get(call);
        if (method == QLatin1String("PATCH"))
            return m_channels.patch(call);
        return m_channels.remove(call);
    case Route::Telemetry:
        return m_telemetry.query(call);
    case Route::None:
        break;
    }
    return SimResponse{};
}

void ApiRouter::log(const SimRequest &request, const Match &match, const SimResponse &response, qint64 elapsedMs)
{
    RequestLog::Entry entry;
    entry.tMs = elapsedMs;
    entry.method = request.method;
    entry.path = request.path;
    entry.query = redactedQuery(request.query);
    entry.route = request.method + QLatin1Char(' ')
        + (match.route == Route::None ? QStringLiteral("(unknown path)") : match.templatePath);
    entry.status = response.status;
    if (const std::optional<QString> bearer = bearerToken(request.header("authorization")))
        entry.tokenFingerprint = TokenStore::fingerprint(*bearer);
    if (request.headers.contains("idempotency-key"))
        entry.idempotencyKey = QString::fromUtf8(request.header("idempotency-key"));
    if (request.headers.contains("if-match"))
        entry.ifMatch = QString::fromUtf8(request.header("if-match"));
    entry.body = loggedBody(request, match.route);
    m_state.log.append(std::move(entry));
}

QJsonValue ApiRouter::loggedBody(const SimRequest &request, Route route) const
{
    if (request.body.isEmpty() || request.body.size() > m_state.options.maxBodyBytes)
        return QJsonValue(QJsonValue::Null);
    if (route == Route::Token || route == Route::SignInToken) {
        QJsonObject form;
        for (const auto &item : parseFormBody(request.body).queryItems(QUrl::FullyDecoded))
            form.insert(item.first, item.second);
        return form; // redacted by the log
    }
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return document.array();
    return QJsonValue(QJsonValue::Null);
}

} // namespace cc::sim
