#include "sim_tenant.h"

#include "api/contract.h"
#include "health_model.h"
#include "model/field_error.h"
#include "model/json_reader.h"
#include "model/telemetry.h"
#include "sim_logging.h"
#include "system_clock.h"

#include <cmath>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrlQuery>

#include <limits>

namespace cc::sim {

namespace {

// Sim-side error codes the contract leaves open (the 5xx faults, the control API).
constexpr QLatin1String kErrorBadGateway("bad_gateway");
constexpr QLatin1String kErrorGatewayTimeout("gateway_timeout");
constexpr QLatin1String kErrorForbidden("forbidden");
constexpr QLatin1String kErrorExportUnavailable("receiver_unavailable");
constexpr QLatin1String kErrorInvalidBody("invalid_body");

constexpr QLatin1String kControlPrefix("/_sim/");
constexpr QLatin1String kUnknownChannelProblem("channel_id names no channel of this tenant");
constexpr QLatin1String kExportPath("/export");
constexpr QLatin1String kSignInTokenPath("/auth/token");

const QStringList &knownMetricNames()
{
    static const QStringList names{QString(api::kKeyLatencyMs), QString(api::kKeyJitterMs),
                                   QString(api::kKeyPacketLossPct), QString(api::kKeyCalls)};
    return names;
}

const QStringList &actionNames()
{
    static const QStringList names{
        QStringLiteral("set_status"), QStringLiteral("rate_limit_storm"), QStringLiteral("fail_next"),
        QStringLiteral("slow"), QStringLiteral("expire_tokens"), QStringLiteral("drop_after_commit"),
        QStringLiteral("revoke_scope"), QStringLiteral("grant_scope"), QStringLiteral("reject_credentials"),
        QStringLiteral("export_receiver"), QStringLiteral("drip"), QStringLiteral("oversize"),
        QStringLiteral("redirect"), QStringLiteral("loop_pages"), QStringLiteral("token_expires_in"),
        QStringLiteral("reset")};
    return names;
}

QByteArray toJsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Form bodies as OAuth sends them: '+' is a space there, not in QUrlQuery.
QUrlQuery parseForm(const QByteArray &body)
{
    QByteArray text = body;
    text.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(text));
}

QString formValue(const QUrlQuery &form, QLatin1String key)
{
    return form.queryItemValue(QString(key), QUrl::FullyDecoded);
}

// "Basic base64(id:secret)" -> {id, secret}.
std::optional<QPair<QString, QString>> basicCredentials(const QByteArray &authorization)
{
    if (!authorization.startsWith("Basic ") && !authorization.startsWith("basic "))
        return std::nullopt;
    const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return std::nullopt;
    return QPair<QString, QString>(QString::fromUtf8(decoded.left(colon)), QString::fromUtf8(decoded.mid(colon + 1)));
}

std::optional<QString> bearerToken(const QByteArray &authorization)
{
    if (authorization.size() < 7 || authorization.left(7).toLower() != "bearer ")
        return std::nullopt;
    const QByteArray token = authorization.mid(7).trimmed();
    if (token.isEmpty())
        return std::nullopt;
    return QString::fromUtf8(token);
}

// If-Match: "7", W/"7", 7 or *. nullopt for *, -1 when it names no version.
std::optional<qint64> parseIfMatch(const QByteArray &header)
{
    QByteArray text = header.trimmed();
    if (text == "*")
        return std::nullopt;
    if (text.startsWith("W/"))
        text = text.mid(2);
    if (text.size() >= 2 && text.startsWith('"') && text.endsWith('"'))
        text = text.mid(1, text.size() - 2);
    bool ok = false;
    const qint64 version = text.toLongLong(&ok);
    return ok ? version : -1;
}

QByteArray etagOf(qint64 version)
{
    return '"' + QByteArray::number(version) + '"';
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

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

QString decimal(qint64 value)
{
    return QString::number(value);
}

} // namespace

SimTenant::SimTenant(const SimOptions &options)
    : m_options(options)
    , m_clock(options.clock ? options.clock : std::make_shared<SystemClock>())
    , m_channels(options.seed)
    , m_rateLimiter(options.rateLimitPerMinute)
    , m_telemetry(options.seed)
{
    if (m_options.clientSecret.isEmpty())
        m_options.clientSecret = QString::fromLatin1(kDemoClientSecret);
    if (m_options.accessKeyId.isEmpty())
        m_options.accessKeyId = QString::fromLatin1(kDemoAccessKeyId);
    if (m_options.accessKeySecret.isEmpty())
        m_options.accessKeySecret = QString::fromLatin1(kDemoAccessKeySecret);
    m_startMs = m_clock->monotonicMs();
}

bool SimTenant::start(QString *errorText)
{
    if (m_options.channels < 0 || m_options.channels > 100000) {
        if (errorText)
            *errorText = QStringLiteral("--channels must be between 0 and 100000 (got %1)").arg(m_options.channels);
        return false;
    }
    if (!m_options.scenarioFile.isEmpty()) {
        if (!m_scenario.loadFile(m_options.scenarioFile, errorText))
            return false;
        const QList<QJsonObject> actions = m_scenario.actions();
        for (qsizetype i = 0; i < actions.size(); ++i) {
            const QString problem = actionError(actions.at(i));
            // Channel ids are checked when the event fires: the scenario may name
            // a channel created later.
            if (!problem.isEmpty() && problem != kUnknownChannelProblem) {
                if (errorText)
                    *errorText = QStringLiteral("scenario file %1: event %2 (sorted by at): %3")
                                     .arg(m_options.scenarioFile).arg(i).arg(problem);
                return false;
            }
        }
    }
    m_channels.seed(m_options.channels, m_clock->nowUtc());
    m_startMs = m_clock->monotonicMs();
    return true;
}

qint64 SimTenant::elapsedMs() const
{
    return m_clock->monotonicMs() - m_startMs;
}

void SimTenant::tick()
{
    for (const QJsonObject &action : m_scenario.takeDue(elapsedMs())) {
        QString problem;
        if (!applyAction(action, &problem))
            qCWarning(lcSim) << "scenario event skipped:" << problem;
    }
    m_channels.advanceHealth(m_clock->nowUtc());
}

std::optional<qint64> SimTenant::msUntilNextEvent() const
{
    const std::optional<qint64> due = m_scenario.nextDueMs();
    if (!due)
        return std::nullopt;
    return qMax<qint64>(0, *due - elapsedMs());
}

// ---------------------------------------------------------------- responses

SimResponse SimTenant::json(int status, const QJsonObject &body)
{
    SimResponse response;
    response.status = status;
    response.body = toJsonBytes(body);
    return response;
}

SimResponse SimTenant::error(int status, const QString &requestId, QLatin1String code, const QString &message,
                             const QJsonObject &extra)
{
    QJsonObject body = extra;
    body.insert(api::kKeyError, QString(code));
    body.insert(api::kKeyMessage, message);
    body.insert(api::kKeyRequestId, requestId);
    return json(status, body);
}

SimResponse SimTenant::validationFailed(const QString &requestId, const FieldErrors &errors)
{
    const QString message = errors.size() == 1 ? QStringLiteral("1 field is invalid")
                                               : QStringLiteral("%1 fields are invalid").arg(errors.size());
    return error(400, requestId, api::kErrorValidationFailed, message,
                 QJsonObject{{api::kKeyDetails, fieldErrorsToJson(errors)}});
}

SimResponse SimTenant::channelResponse(int status, const Channel &channel) const
{
    SimResponse response = json(status, channelToJson(channel));
    response.headers.append({QByteArray(api::kHeaderETag), etagOf(channel.version)});
    return response;
}

std::optional<QJsonObject> SimTenant::parseJsonObject(const Context &context, SimResponse *errorResponse) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(context.request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *errorResponse = error(400, context.requestId, api::kErrorMalformedJson,
                               QStringLiteral("the body is not valid JSON (%1 at offset %2): send a JSON object")
                                   .arg(parseError.errorString()).arg(parseError.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        *errorResponse = error(400, context.requestId, api::kErrorMalformedJson,
                               QStringLiteral("the body must be a JSON object"));
        return std::nullopt;
    }
    return document.object();
}

// ---------------------------------------------------------------- routing

SimTenant::Match SimTenant::matchRoute(const QString &path)
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

QJsonValue SimTenant::loggedBody(const SimRequest &request, Route route) const
{
    if (request.body.isEmpty() || request.body.size() > m_options.maxBodyBytes)
        return QJsonValue(QJsonValue::Null);
    if (route == Route::Token || route == Route::SignInToken) {
        QJsonObject form;
        const QUrlQuery query = parseForm(request.body);
        for (const auto &item : query.queryItems(QUrl::FullyDecoded))
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

SimResponse SimTenant::handle(const SimRequest &request)
{
    tick();
    const QString requestId = QStringLiteral("req_%1").arg(++m_requestCounter, 8, 16, QLatin1Char('0'));

    SimResponse response;
    if (request.path.startsWith(kControlPrefix) || request.path == QLatin1String("/_sim")) {
        response = handleControl(request, requestId);
    } else if (request.path == kExportPath || request.path.startsWith(kExportPath + QLatin1Char('/'))) {
        response = handleExport(request, requestId);
    } else {
        const Context context{request, requestId, matchRoute(request.path)};
        response = handleApi(context);

        RequestLog::Entry entry;
        entry.tMs = elapsedMs();
        entry.method = request.method;
        entry.path = request.path;
        entry.query = redactedQuery(request.query);
        entry.route = request.method + QLatin1Char(' ')
            + (context.match.route == Route::None ? QStringLiteral("(unknown path)") : context.match.templatePath);
        entry.status = response.status;
        if (const std::optional<QString> bearer = bearerToken(request.header("authorization")))
            entry.tokenFingerprint = TokenStore::fingerprint(*bearer);
        if (request.headers.contains("idempotency-key"))
            entry.idempotencyKey = QString::fromUtf8(request.header("idempotency-key"));
        if (request.headers.contains("if-match"))
            entry.ifMatch = QString::fromUtf8(request.header("if-match"));
        entry.body = loggedBody(request, context.match.route);
        m_log.append(std::move(entry));
    }
    response.headers.append({QByteArray(api::kHeaderRequestId), requestId.toLatin1()});
    return response;
}

SimResponse SimTenant::handleApi(const Context &context)
{
    const SimRequest &request = context.request;
    const Route route = context.match.route;
    const bool discovery = route == Route::OpenIdConfiguration || route == Route::CxoneConfiguration;
    const qint64 nowMs = m_clock->monotonicMs();

    SimResponse response;
    bool answered = false;
    if (!discovery) { // discovery documents belong to NICE's global host, not the tenant's budget
        if (const std::optional<int> retryAfter = m_faults.stormRetryAfter(nowMs)) {
            response = error(429, context.requestId, api::kErrorRateLimited,
                             QStringLiteral("too many requests (a rate-limit storm): wait %1 s, then retry with backoff").arg(*retryAfter));
            response.headers.append({QByteArray(api::kHeaderRetryAfter), QByteArray::number(*retryAfter)});
            answered = true;
        } else {
            const RateLimiter::Decision decision = m_rateLimiter.take(nowMs);
            if (!decision.allowed) {
                response = error(429, context.requestId, api::kErrorRateLimited,
                                 QStringLiteral("rate limit of %1 requests a minute reached: wait %2 s, then retry")
                                     .arg(decision.limit).arg(decision.resetSeconds));
                response.headers.append({QByteArray(api::kHeaderRetryAfter), QByteArray::number(decision.resetSeconds)});
                answered = true;
            }
        }
    }

    if (!answered && request.body.size() > m_options.maxBodyBytes) {
        response = error(413, context.requestId, api::kErrorPayloadTooLarge,
                         QStringLiteral("the body has %1 bytes; at most %2 are accepted")
                             .arg(decimal(request.body.size()), decimal(m_options.maxBodyBytes)));
        answered = true;
    }
    if (!answered && route == Route::None) {
        response = error(404, context.requestId, api::kErrorNotFound,
                         QStringLiteral("no such path: %1 (the channel API lives under %2)").arg(request.path, QString(api::kChannelsPath)));
        answered = true;
    }
    if (!answered && !context.match.methods.contains(request.method)) {
        response = error(405, context.requestId, api::kErrorMethodNotAllowed,
                         QStringLiteral("%1 is not allowed on %2; allowed: %3")
                             .arg(request.method, context.match.templatePath, context.match.methods.join(QStringLiteral(", "))));
        response.headers.append({QByteArrayLiteral("Allow"), context.match.methods.join(QStringLiteral(", ")).toLatin1()});
        answered = true;
    }
    const bool signIn = route == Route::Token || route == Route::SignInToken || discovery;
    if (!answered) {
        if (const std::optional<int> status = m_faults.takeFailure(request.path, signIn)) {
            QLatin1String code = api::kErrorInternal;
            if (*status == 502)
                code = kErrorBadGateway;
            else if (*status == 503)
                code = api::kErrorServiceUnavailable;
            else if (*status == 504)
                code = kErrorGatewayTimeout;
            response = error(*status, context.requestId, code,
                             QStringLiteral("simulated transient failure (fail_next fault): retry with backoff"));
            if (*status == 503)
                response.headers.append({QByteArray(api::kHeaderRetryAfter), QByteArrayLiteral("1")});
            answered = true;
        }
    }

    if (!answered) {
        if (const std::optional<FaultState::Redirect> redirect = m_faults.takeRedirect(request.path, signIn)) {
            // Another origin, or a proxy pretending: where a bearer token must not follow.
            response.status = redirect->status;
            response.body.clear();
            response.contentType.clear();
            QString location = redirect->location + request.path;
            if (!request.query.isEmpty())
                location += QLatin1Char('?') + request.query;
            response.headers.append({QByteArrayLiteral("Location"), location.toUtf8()});
            answered = true;
        }
    }

    if (!answered) {
        const QString &method = request.method;
        switch (route) {
        case Route::Token:
            response = token(context);
            break;
        case Route::SignInToken:
            response = signInToken(context);
            break;
        case Route::OpenIdConfiguration:
            response = openIdConfiguration(context);
            break;
        case Route::CxoneConfiguration:
            response = cxoneConfiguration(context);
            break;
        case Route::Channels:
            response = method == QLatin1String("GET") ? listChannels(context) : createChannel(context);
            break;
        case Route::Channel:
            if (method == QLatin1String("GET"))
                response = getChannel(context);
            else if (method == QLatin1String("PATCH"))
                response = patchChannel(context);
            else
                response = deleteChannel(context);
            break;
        case Route::Telemetry:
            response = queryTelemetry(context);
            break;
        case Route::None:
            break;
        }
        if (!signIn && m_faults.takeDrop(method, request.path))
            response.dropConnection = true;
    }

    response.delayMs = m_faults.takeDelayMs();
    if (const qint64 padding = m_faults.takeOversizeBytes(request.path, signIn); padding > 0)
        response.body.append(QByteArray(padding, ' '));   // still valid JSON, only far too large
    if (const std::optional<FaultState::Drip> drip = m_faults.takeDrip(request.path, signIn)) {
        response.dripIntervalMs = drip->intervalMs;
        response.dripChunkBytes = drip->chunkBytes;
    }
    if (!discovery) {
        const RateLimiter::Decision figures = m_rateLimiter.peek(nowMs);
        response.headers.append({QByteArray(api::kHeaderRateLimitLimit), QByteArray::number(figures.limit)});
        response.headers.append({QByteArray(api::kHeaderRateLimitRemaining), QByteArray::number(figures.remaining)});
        response.headers.append({QByteArray(api::kHeaderRateLimitReset), QByteArray::number(figures.resetSeconds)});
    }
    return response;
}

// ---------------------------------------------------------------- sign-in

int SimTenant::tokenTtlSeconds() const
{
    return m_faults.tokenExpiresIn() > 0 ? m_faults.tokenExpiresIn() : m_options.tokenTtlSeconds;
}

bool SimTenant::clientCredentialsMatch(const QString &clientId, const QString &clientSecret) const
{
    return !m_faults.rejectCredentials() && clientId == m_options.clientId && clientSecret == m_options.clientSecret;
}

SimResponse SimTenant::token(const Context &context)
{
    const QUrlQuery form = parseForm(context.request.body);
    QString clientId = formValue(form, api::kFormClientId);
    QString clientSecret = formValue(form, api::kFormClientSecret);
    if (const auto basic = basicCredentials(context.request.header("authorization")); basic && clientId.isEmpty()) {
        clientId = basic->first;
        clientSecret = basic->second;
    }
    if (!clientCredentialsMatch(clientId, clientSecret)) {
        SimResponse response = error(401, context.requestId, api::kErrorInvalidClient,
                                     QStringLiteral("unknown client or wrong secret: check the client id and secret of the profile"));
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"cxone-sim\"")});
        return response;
    }
    const QString grant = formValue(form, api::kFormGrantType);
    if (grant != api::kGrantClientCredentials) {
        return error(400, context.requestId, api::kErrorUnsupportedGrantType,
                     QStringLiteral("grant_type must be client_credentials (got \"%1\")").arg(grant));
    }
    QStringList scopes = formValue(form, api::kFormScope).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (scopes.isEmpty())
        scopes = TokenStore::knownScopes();
    for (const QString &scope : std::as_const(scopes)) {
        if (!TokenStore::knownScopes().contains(scope)) {
            return error(400, context.requestId, api::kErrorInvalidScope,
                         QStringLiteral("unknown scope \"%1\"; known: %2").arg(scope, QString(api::kAllScopes)));
        }
    }
    scopes.removeDuplicates();
    const TokenStore::Issued issued = m_tokens.issue(scopes, tokenTtlSeconds(), m_clock->monotonicMs());
    SimResponse response = json(200, QJsonObject{
                                         {api::kKeyAccessToken, issued.token},
                                         {api::kKeyTokenType, QString(api::kTokenTypeBearer)},
                                         {api::kKeyExpiresIn, issued.expiresInSeconds},
                                         {api::kFormScope, issued.scopes.join(QLatin1Char(' '))},
                                     });
    response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
    return response;
}

SimResponse SimTenant::signInToken(const Context &context)
{
    const auto basic = basicCredentials(context.request.header("authorization"));
    if (!basic || !clientCredentialsMatch(basic->first, basic->second)) {
        SimResponse response = error(401, context.requestId, api::kErrorInvalidClient,
                                     QStringLiteral("HTTP Basic client authentication failed: check the client id and secret"));
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"cxone-sim\"")});
        return response;
    }
    const QUrlQuery form = parseForm(context.request.body);
    const QString grant = formValue(form, api::kFormGrantType);
    if (grant != api::kGrantPassword) {
        return error(400, context.requestId, api::kErrorUnsupportedGrantType,
                     QStringLiteral("grant_type must be password (got \"%1\")").arg(grant));
    }
    if (formValue(form, api::kFormUsername) != m_options.accessKeyId
        || formValue(form, api::kFormPassword) != m_options.accessKeySecret) {
        return error(400, context.requestId, api::kErrorInvalidGrant,
                     QStringLiteral("unknown access key or wrong access key secret: check the profile's access key"));
    }
    const TokenStore::Issued issued = m_tokens.issue(TokenStore::knownScopes(), tokenTtlSeconds(),
                                                     m_clock->monotonicMs());
    const qint64 now = m_clock->nowUtc().toSecsSinceEpoch();
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("none")}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QJsonObject payload{
        {QStringLiteral("iss"), m_baseUrl.toString()},
        {QStringLiteral("sub"), m_options.accessKeyId},
        {api::kKeyTenantIdClaim, m_options.tenantId},
        {QStringLiteral("iat"), now},
        {QStringLiteral("exp"), now + issued.expiresInSeconds},
    };
    // Unsigned: the sim is not an identity provider, and clients only read the claim.
    const QByteArray idToken = base64Url(toJsonBytes(header)) + '.' + base64Url(toJsonBytes(payload)) + '.';
    SimResponse response = json(200, QJsonObject{
                                         {api::kKeyAccessToken, issued.token},
                                         {api::kKeyTokenType, QString(api::kTokenTypeBearer)},
                                         {api::kKeyExpiresIn, issued.expiresInSeconds},
                                         {api::kKeyIdToken, QString::fromLatin1(idToken)},
                                     });
    response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
    return response;
}

SimResponse SimTenant::openIdConfiguration(const Context &)
{
    const QString base = m_baseUrl.toString();
    return json(200, QJsonObject{{api::kKeyIssuer, base}, {api::kKeyTokenEndpoint, QString(base + kSignInTokenPath)}});
}

SimResponse SimTenant::cxoneConfiguration(const Context &context)
{
    const QString tenantId = QUrlQuery(context.request.query).queryItemValue(QString(api::kQueryTenantId), QUrl::FullyDecoded);
    if (tenantId.isEmpty())
        return error(400, context.requestId, api::kErrorInvalidRequest, QStringLiteral("tenantId is required (from the id_token's tenantId claim)"));
    if (tenantId != m_options.tenantId)
        return error(404, context.requestId, api::kErrorNotFound, QStringLiteral("no tenant with id %1").arg(tenantId));
    return json(200, QJsonObject{{api::kKeyArea, QStringLiteral("sim1")}, {api::kKeyApiEndpoint, m_baseUrl.toString()}});
}

std::optional<SimResponse> SimTenant::authorize(const Context &context, const QString &scope)
{
    const std::optional<QString> bearer = bearerToken(context.request.header("authorization"));
    QString problem;
    if (!bearer) {
        problem = QStringLiteral("no bearer token: fetch one from POST %1 and send Authorization: Bearer <token>").arg(QString(api::kTokenPath));
    } else {
        switch (m_tokens.check(*bearer, m_clock->monotonicMs())) {
        case TokenStore::Check::Valid:
            break;
        case TokenStore::Check::Unknown:
            problem = QStringLiteral("the bearer token was not issued by this tenant: fetch a new one");
            break;
        case TokenStore::Check::Expired:
            problem = QStringLiteral("the bearer token expired or was revoked: fetch a new one and repeat the call once");
            break;
        }
    }
    if (!problem.isEmpty()) {
        SimResponse response = error(401, context.requestId, api::kErrorInvalidToken, problem);
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer error=\"invalid_token\"")});
        return response;
    }
    if (!m_tokens.hasScope(*bearer, scope)) {
        return error(403, context.requestId, api::kErrorInsufficientScope,
                     QStringLiteral("the token lacks the scope %1: add it to the client's scopes").arg(scope),
                     QJsonObject{{api::kKeyRequiredScope, scope}});
    }
    return std::nullopt;
}

// ---------------------------------------------------------------- channels

SimResponse SimTenant::listChannels(const Context &context)
{
    if (auto denied = authorize(context, QString(api::kScopeChannelRead)))
        return *denied;
    const QUrlQuery query(context.request.query);
    FieldErrors errors;
    const auto readInt = [&](QLatin1String key, int fallback, int min, int max) {
        if (!query.hasQueryItem(QString(key)))
            return fallback;
        bool ok = false;
        const int value = query.queryItemValue(QString(key)).toInt(&ok);
        if (!ok || value < min || value > max) {
            errors.append({QString(key), max == std::numeric_limits<int>::max()
                                             ? QStringLiteral("must be a whole number of at least %1").arg(min)
                                             : QStringLiteral("must be between %1 and %2").arg(min).arg(max)});
            return fallback;
        }
        return value;
    };
    const int page = readInt(api::kQueryPage, 1, 1, std::numeric_limits<int>::max());
    const int pageSize = readInt(api::kQueryPageSize, 100, 1, api::kMaxPageSize);
    if (!errors.isEmpty())
        return validationFailed(context.requestId, errors);

    // loop_pages: every page answers page 1 again, full (page_size is what it
    // holds), under a total no tenant has.
    const qint64 loopTotal = m_faults.loopPagesTotal();
    QJsonArray channels;
    for (const Channel &channel : m_channels.page(loopTotal > 0 ? 1 : page, pageSize))
        channels.append(channelToJson(channel));
    return json(200, QJsonObject{{api::kKeyChannels, channels}, {api::kKeyPage, page},
                                 {api::kKeyPageSize, loopTotal > 0 ? qMax(1, int(channels.size())) : pageSize},
                                 {api::kKeyTotal, loopTotal > 0 ? loopTotal : qint64(m_channels.count())}});
}

SimResponse SimTenant::createChannel(const Context &context)
{
    if (auto denied = authorize(context, QString(api::kScopeChannelWrite)))
        return *denied;
    const qint64 nowMs = m_clock->monotonicMs();
    const QString key = QString::fromUtf8(context.request.header("idempotency-key"));
    if (!key.isEmpty()) {
        if (const std::optional<IdempotencyCache::Answer> earlier = m_idempotency.find(key, nowMs)) {
            SimResponse replay;
            replay.status = earlier->status;
            replay.body = earlier->body;
            replay.headers = earlier->headers;
            replay.headers.append({QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")});
            return replay;
        }
    }

    SimResponse response;
    if (const std::optional<QJsonObject> body = parseJsonObject(context, &response)) {
        const Parsed<ChannelDraft> draft = draftFromJson(*body);
        if (!draft.ok()) {
            response = validationFailed(context.requestId, draft.errors);
        } else {
            const ChannelStore::CreateResult created = m_channels.create(draft.value, m_clock->nowUtc());
            if (!created.errors.isEmpty()) {
                response = validationFailed(context.requestId, created.errors);
            } else {
                response = channelResponse(201, created.channel);
                // The address the client used: right also when bound to 0.0.0.0.
                QUrl location = m_baseUrl;
                const QByteArray host = context.request.header("host");
                if (!host.isEmpty())
                    location = QUrl(QStringLiteral("http://") + QString::fromLatin1(host));
                location.setPath(QString(api::kChannelsPath) + QLatin1Char('/') + created.channel.id);
                response.headers.append({QByteArray(api::kHeaderLocation), location.toEncoded()});
            }
        }
    }
    // A malformed body is not remembered: the client may fix it and reuse the key.
    if (!key.isEmpty() && (response.status == 201 || response.body.contains("validation_failed")))
        m_idempotency.store(key, {response.status, response.body, response.headers}, nowMs);
    return response;
}

SimResponse SimTenant::getChannel(const Context &context)
{
    if (auto denied = authorize(context, QString(api::kScopeChannelRead)))
        return *denied;
    const Channel *channel = m_channels.find(context.match.channelId);
    if (!channel)
        return error(404, context.requestId, api::kErrorNotFound, QStringLiteral("no channel with id %1").arg(context.match.channelId));
    return channelResponse(200, *channel);
}

SimResponse SimTenant::patchChannel(const Context &context)
{
    if (auto denied = authorize(context, QString(api::kScopeChannelWrite)))
        return *denied;
    const QString &id = context.match.channelId;
    if (!m_channels.find(id))
        return error(404, context.requestId, api::kErrorNotFound, QStringLiteral("no channel with id %1").arg(id));
    SimResponse response;
    const std::optional<QJsonObject> patch = parseJsonObject(context, &response);
    if (!patch)
        return response;

    std::optional<qint64> ifMatch;
    const QByteArray ifMatchHeader = context.request.header("if-match");
    if (!ifMatchHeader.isEmpty())
        ifMatch = parseIfMatch(ifMatchHeader);
    const ChannelStore::PatchResult result = m_channels.patch(id, *patch, ifMatch, m_clock->nowUtc());
    switch (result.outcome) {
    case ChannelStore::PatchOutcome::NotFound:
        return error(404, context.requestId, api::kErrorNotFound, QStringLiteral("no channel with id %1").arg(id));
    case ChannelStore::PatchOutcome::VersionMismatch: {
        SimResponse mismatch = error(412, context.requestId, api::kErrorPreconditionFailed,
                                     QStringLiteral("If-Match names %1 but the channel is at version %2: GET it again and reapply the change")
                                         .arg(QString::fromUtf8(ifMatchHeader)).arg(result.channel.version));
        mismatch.headers.append({QByteArray(api::kHeaderETag), etagOf(result.channel.version)});
        return mismatch;
    }
    case ChannelStore::PatchOutcome::Invalid:
        return validationFailed(context.requestId, result.errors);
    case ChannelStore::PatchOutcome::Updated:
        break;
    }
    return channelResponse(200, result.channel);
}

SimResponse SimTenant::deleteChannel(const Context &context)
{
    if (auto denied = authorize(context, QString(api::kScopeChannelWrite)))
        return *denied;
    const QString &id = context.match.channelId;
    QStringList referencedBy;
    switch (m_channels.remove(id, &referencedBy)) {
    case ChannelStore::RemoveOutcome::NotFound:
        return error(404, context.requestId, api::kErrorNotFound, QStringLiteral("no channel with id %1").arg(id));
    case ChannelStore::RemoveOutcome::InUse:
        return error(409, context.requestId, api::kErrorInUse,
                     QStringLiteral("%1 is a failover target of %2: remove it from their failover_channels first")
                         .arg(id, referencedBy.join(QStringLiteral(", "))),
                     QJsonObject{{api::kKeyReferencedBy, QJsonArray::fromStringList(referencedBy)}});
    case ChannelStore::RemoveOutcome::Removed:
        break;
    }
    SimResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

// ---------------------------------------------------------------- telemetry

SimResponse SimTenant::queryTelemetry(const Context &context)
{
    if (auto denied = authorize(context, QString(api::kScopeTelemetryRead)))
        return *denied;
    SimResponse response;
    const std::optional<QJsonObject> body = parseJsonObject(context, &response);
    if (!body)
        return response;
    Parsed<TelemetryQuery> parsed = telemetryQueryFromJson(*body);
    for (qsizetype i = 0; i < parsed.value.metrics.size(); ++i) {
        if (!knownMetricNames().contains(parsed.value.metrics.at(i)))
            parsed.errors.append({indexPath(QString(api::kKeyMetrics), i),
                                  QStringLiteral("must be one of ") + knownMetricNames().join(QStringLiteral(", "))});
    }
    if (!parsed.ok())
        return validationFailed(context.requestId, parsed.errors);

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
        return error(400, context.requestId, api::kErrorQueryTooLarge, message,
                     QJsonObject{{QStringLiteral("rows_requested"), rows}, {QStringLiteral("max_rows"), api::kTelemetryMaxRows}});
    }

    const QDateTime now = m_clock->nowUtc();
    // Trunks carry voice: a filter on any other conversation type matches nothing.
    if (!query.conversationType.isEmpty() && query.conversationType != api::kConversationVoice)
        ids.clear();
    const bool wantLatency = query.metrics.contains(api::kKeyLatencyMs);
    const bool wantJitter = query.metrics.contains(api::kKeyJitterMs);
    const bool wantLoss = query.metrics.contains(api::kKeyPacketLossPct);
    QJsonArray metrics;
    const QDateTime first = TelemetryGenerator::alignDown(query.from, step);
    for (const QString &id : std::as_const(ids)) {
        const Channel *channel = m_channels.find(id);
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
    return json(200, QJsonObject{{api::kKeyInterval, telemetryIntervalName(query.interval)}, {api::kKeyMetrics, metrics}});
}

TelemetryPoint SimTenant::finestRow(const QString &id, const QDateTime &bucket, const QDateTime &now) const
{
    // Status during the bucket: the recorded one while the tenant watched,
    // before that the channel's hashed history.
    const QDateTime sampleAt = qMin(bucket.addSecs(kFinestStepSeconds / 2), now);
    const ChannelStatus status = m_channels.recordedStatusAt(id, sampleAt)
                                     .value_or(HealthModel::historicalStatus(m_options.seed, id, sampleAt.toSecsSinceEpoch()));
    return m_telemetry.row(id, bucket, kFinestStepSeconds, status);
}

std::optional<TelemetryPoint> SimTenant::aggregateRow(const Channel &channel, const QDateTime &bucket, qint64 step,
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

// ---------------------------------------------------------------- control API

QString SimTenant::actionError(const QJsonObject &action) const
{
    const QString name = action.value(QStringLiteral("action")).toString();
    const auto intField = [&action](const QString &key, int min, int max, bool required) -> QString {
        const QJsonValue value = action.value(key);
        if (value.isUndefined())
            return required ? key + QStringLiteral(" is required") : QString();
        if (!value.isDouble() || value.toDouble() != static_cast<double>(value.toInt()) || value.toInt() < min || value.toInt() > max)
            return key + QStringLiteral(" must be a whole number from %1 to %2").arg(min).arg(max);
        return QString();
    };
    const auto stringField = [&action](const QString &key, bool required) -> QString {
        const QJsonValue value = action.value(key);
        if (value.isUndefined())
            return required ? key + QStringLiteral(" is required") : QString();
        return value.isString() ? QString() : key + QStringLiteral(" must be a string");
    };
    const auto boolField = [&action](const QString &key, bool required) -> QString {
        const QJsonValue value = action.value(key);
        if (value.isUndefined())
            return required ? key + QStringLiteral(" is required") : QString();
        return value.isBool() ? QString() : key + QStringLiteral(" must be true or false");
    };
    const auto first = [](std::initializer_list<QString> problems) {
        for (const QString &problem : problems) {
            if (!problem.isEmpty())
                return problem;
        }
        return QString();
    };

    if (!actionNames().contains(name))
        return QStringLiteral("action must be one of ") + actionNames().join(QStringLiteral(", "));
    if (name == QLatin1String("set_status")) {
        if (QString problem = first({stringField(QStringLiteral("status"), true)}); !problem.isEmpty())
            return problem;
        const QString status = action.value(QStringLiteral("status")).toString();
        if (status != QLatin1String("auto") && !channelStatusFromName(status))
            return QStringLiteral("status must be auto or one of ") + channelStatusNames().join(QStringLiteral(", "));
        if (QString problem = stringField(QStringLiteral("channel_id"), true); !problem.isEmpty())
            return QStringLiteral("channel_id: ") + problem;
        if (!m_channels.find(action.value(QStringLiteral("channel_id")).toString()))
            return QString(kUnknownChannelProblem);
        return QString();
    }
    if (name == QLatin1String("rate_limit_storm"))
        return first({intField(QStringLiteral("seconds"), 1, 86400, true),
                      intField(QStringLiteral("retry_after"), 1, 30 * 86400, false)});
    if (name == QLatin1String("drip"))
        return first({intField(QStringLiteral("count"), -1, 1000000, false), intField(QStringLiteral("interval_ms"), 1, 60000, false),
                      intField(QStringLiteral("chunk_bytes"), 1, 1 << 20, false), stringField(QStringLiteral("path_prefix"), false)});
    if (name == QLatin1String("oversize"))
        return first({intField(QStringLiteral("count"), -1, 1000000, false),
                      intField(QStringLiteral("bytes"), 1, 1 << 30, true), stringField(QStringLiteral("path_prefix"), false)});
    if (name == QLatin1String("redirect")) {
        if (QString problem = first({intField(QStringLiteral("count"), -1, 1000000, false), intField(QStringLiteral("status"), 301, 308, false),
                                     stringField(QStringLiteral("location"), true), stringField(QStringLiteral("path_prefix"), false)});
            !problem.isEmpty())
            return problem;
        const QUrl location(action.value(QStringLiteral("location")).toString());
        if (!location.isValid() || location.host().isEmpty())
            return QStringLiteral("location must be an absolute URL (scheme, host and port of the other origin)");
        return QString();
    }
    if (name == QLatin1String("loop_pages"))
        return intField(QStringLiteral("total"), 0, 2000000000, false);
    if (name == QLatin1String("token_expires_in"))
        return intField(QStringLiteral("seconds"), 0, 2000000000, true);
    if (name == QLatin1String("fail_next")) {
        if (QString problem = first({intField(QStringLiteral("count"), 1, 1000000, false), intField(QStringLiteral("status"), 500, 504, false),
                                     stringField(QStringLiteral("path_prefix"), false)});
            !problem.isEmpty())
            return problem;
        if (action.value(QStringLiteral("status")).toInt(503) == 501)
            return QStringLiteral("status must be 500, 502, 503 or 504");
        return QString();
    }
    if (name == QLatin1String("slow"))
        return first({intField(QStringLiteral("delay_ms"), 0, 600000, true), intField(QStringLiteral("count"), 1, 1000000, false)});
    if (name == QLatin1String("drop_after_commit"))
        return first({intField(QStringLiteral("count"), 1, 1000000, false), stringField(QStringLiteral("method"), false),
                      stringField(QStringLiteral("path_prefix"), false)});
    if (name == QLatin1String("revoke_scope") || name == QLatin1String("grant_scope")) {
        if (QString problem = stringField(QStringLiteral("scope"), true); !problem.isEmpty())
            return problem;
        if (!TokenStore::knownScopes().contains(action.value(QStringLiteral("scope")).toString()))
            return QStringLiteral("scope must be one of ") + QString(api::kAllScopes);
        return QString();
    }
    if (name == QLatin1String("reject_credentials"))
        return boolField(QStringLiteral("value"), false);
    if (name == QLatin1String("export_receiver"))
        return boolField(QStringLiteral("up"), true);
    return QString(); // expire_tokens, reset
}

bool SimTenant::applyAction(const QJsonObject &action, QString *errorText)
{
    const QString problem = actionError(action);
    if (!problem.isEmpty()) {
        if (errorText)
            *errorText = problem;
        return false;
    }
    const QString name = action.value(QStringLiteral("action")).toString();
    const qint64 nowMs = m_clock->monotonicMs();
    if (name == QLatin1String("set_status")) {
        const QString status = action.value(QStringLiteral("status")).toString();
        m_channels.holdStatus(action.value(QStringLiteral("channel_id")).toString(),
                              status == QLatin1String("auto") ? std::nullopt : channelStatusFromName(status),
                              m_clock->nowUtc());
    } else if (name == QLatin1String("rate_limit_storm")) {
        const int seconds = action.value(QStringLiteral("seconds")).toInt();
        m_faults.startRateLimitStorm(nowMs, seconds, action.value(QStringLiteral("retry_after")).toInt(qMin(seconds, 5)));
    } else if (name == QLatin1String("fail_next")) {
        m_faults.failNext(action.value(QStringLiteral("count")).toInt(1), action.value(QStringLiteral("status")).toInt(503),
                          action.value(QStringLiteral("path_prefix")).toString());
    } else if (name == QLatin1String("slow")) {
        m_faults.setSlow(action.value(QStringLiteral("delay_ms")).toInt(), action.value(QStringLiteral("count")).toInt(-1));
    } else if (name == QLatin1String("expire_tokens")) {
        m_tokens.expireAll();
    } else if (name == QLatin1String("drop_after_commit")) {
        m_faults.dropAfterCommit(action.value(QStringLiteral("count")).toInt(1), action.value(QStringLiteral("method")).toString(),
                                 action.value(QStringLiteral("path_prefix")).toString());
    } else if (name == QLatin1String("revoke_scope")) {
        m_tokens.revokeScope(action.value(QStringLiteral("scope")).toString());
    } else if (name == QLatin1String("grant_scope")) {
        m_tokens.grantScope(action.value(QStringLiteral("scope")).toString());
    } else if (name == QLatin1String("reject_credentials")) {
        m_faults.setRejectCredentials(action.value(QStringLiteral("value")).toBool(true));
    } else if (name == QLatin1String("export_receiver")) {
        m_faults.setExportReceiverUp(action.value(QStringLiteral("up")).toBool());
    } else if (name == QLatin1String("drip")) {
        m_faults.setDrip(action.value(QStringLiteral("count")).toInt(1), action.value(QStringLiteral("interval_ms")).toInt(200),
                         action.value(QStringLiteral("chunk_bytes")).toInt(1), action.value(QStringLiteral("path_prefix")).toString());
    } else if (name == QLatin1String("oversize")) {
        m_faults.setOversize(action.value(QStringLiteral("count")).toInt(1), action.value(QStringLiteral("bytes")).toInt(),
                             action.value(QStringLiteral("path_prefix")).toString());
    } else if (name == QLatin1String("redirect")) {
        m_faults.setRedirect(action.value(QStringLiteral("count")).toInt(-1), action.value(QStringLiteral("status")).toInt(307),
                             action.value(QStringLiteral("location")).toString().chopped(
                                 action.value(QStringLiteral("location")).toString().endsWith(QLatin1Char('/')) ? 1 : 0),
                             action.value(QStringLiteral("path_prefix")).toString());
    } else if (name == QLatin1String("loop_pages")) {
        m_faults.setLoopPages(action.value(QStringLiteral("total")).toInt(1000000));
    } else if (name == QLatin1String("token_expires_in")) {
        m_faults.setTokenExpiresIn(action.value(QStringLiteral("seconds")).toInt());
    } else if (name == QLatin1String("reset")) {
        m_faults.reset();
        m_tokens.clearScopeFaults();
        for (const QString &id : m_channels.orderedIds())
            m_channels.holdStatus(id, std::nullopt, m_clock->nowUtc());
    }
    return true;
}

SimResponse SimTenant::handleControl(const SimRequest &request, const QString &requestId)
{
    if (!request.fromLoopback)
        return error(403, requestId, kErrorForbidden, QStringLiteral("the control API answers loopback clients only"));
    const QString &path = request.path;
    const QString &method = request.method;
    const Context context{request, requestId, {}};
    const auto wrongMethod = [&](const QString &allowed) {
        SimResponse response = error(405, requestId, api::kErrorMethodNotAllowed,
                                     QStringLiteral("%1 is not allowed on %2; allowed: %3").arg(method, path, allowed));
        response.headers.append({QByteArrayLiteral("Allow"), allowed.toLatin1()});
        return response;
    };

    if (path == QLatin1String("/_sim/stats")) {
        if (method != QLatin1String("GET"))
            return wrongMethod(QStringLiteral("GET"));
        return json(200, m_log.statsJson(m_tokens.issuedCount()));
    }
    if (path == QLatin1String("/_sim/requests")) {
        if (method == QLatin1String("GET"))
            return json(200, m_log.requestsJson());
        if (method == QLatin1String("DELETE")) {
            m_log.clear();
            m_tokens.resetIssuedCount();
            SimResponse response;
            response.status = 204;
            response.contentType.clear();
            return response;
        }
        return wrongMethod(QStringLiteral("GET, DELETE"));
    }
    if (path == QLatin1String("/_sim/faults")) {
        if (method == QLatin1String("GET")) {
            QJsonObject state = m_faults.toJson(m_clock->monotonicMs());
            state.insert(QStringLiteral("revoked_scopes"), QJsonArray::fromStringList(m_tokens.revokedScopes()));
            return json(200, state);
        }
        if (method != QLatin1String("POST"))
            return wrongMethod(QStringLiteral("GET, POST"));
        SimResponse response;
        const std::optional<QJsonObject> body = parseJsonObject(context, &response);
        if (!body)
            return response;
        QList<QJsonObject> actions;
        if (body->contains(QStringLiteral("actions"))) {
            if (!body->value(QStringLiteral("actions")).isArray())
                return error(400, requestId, kErrorInvalidBody, QStringLiteral("actions must be an array of action objects"));
            for (const QJsonValue &value : body->value(QStringLiteral("actions")).toArray())
                actions.append(value.toObject());
        } else {
            actions.append(*body);
        }
        // All or nothing: a typo in the third action does not leave two applied.
        for (qsizetype i = 0; i < actions.size(); ++i) {
            const QString problem = actionError(actions.at(i));
            if (!problem.isEmpty())
                return error(400, requestId, kErrorInvalidBody, QStringLiteral("action %1: %2").arg(i).arg(problem));
        }
        for (const QJsonObject &action : std::as_const(actions))
            applyAction(action);
        QJsonObject state = m_faults.toJson(m_clock->monotonicMs());
        state.insert(QStringLiteral("revoked_scopes"), QJsonArray::fromStringList(m_tokens.revokedScopes()));
        return json(200, QJsonObject{{QStringLiteral("applied"), actions.size()}, {QStringLiteral("faults"), state}});
    }
    if (path == QLatin1String("/_sim/exports")) {
        if (method == QLatin1String("GET"))
            return json(200, m_exports.toJson());
        if (method == QLatin1String("DELETE")) {
            m_exports.clear();
            SimResponse response;
            response.status = 204;
            response.contentType.clear();
            return response;
        }
        return wrongMethod(QStringLiteral("GET, DELETE"));
    }
    return error(404, requestId, api::kErrorNotFound,
                 QStringLiteral("no such control path: %1 (known: /_sim/stats, /_sim/requests, /_sim/faults, /_sim/exports)").arg(path));
}

// ---------------------------------------------------------------- export receiver

SimResponse SimTenant::handleExport(const SimRequest &request, const QString &requestId)
{
    const bool bulk = request.path == kExportPath + QString(api::kMetricsBulkSuffix);
    if (request.path != kExportPath && !bulk)
        return error(404, requestId, api::kErrorNotFound, QStringLiteral("no such export path: %1").arg(request.path));
    if (request.method != QLatin1String("POST")) {
        SimResponse response = error(405, requestId, api::kErrorMethodNotAllowed, QStringLiteral("the export receiver takes POST only"));
        response.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("POST")});
        return response;
    }
    // A receiver behind a proxy that redirects elsewhere: the export token must not follow.
    if (const std::optional<FaultState::Redirect> redirect = m_faults.takeRedirect(request.path, true)) {
        SimResponse response;
        response.status = redirect->status;
        response.contentType.clear();
        response.headers.append({QByteArrayLiteral("Location"), (redirect->location + request.path).toUtf8()});
        return response;
    }
    if (!m_faults.exportReceiverUp()) {
        SimResponse response = error(503, requestId, kErrorExportUnavailable,
                                     QStringLiteral("the export receiver is down (export_receiver fault): retry later"));
        response.headers.append({QByteArray(api::kHeaderRetryAfter), QByteArrayLiteral("1")});
        return response;
    }
    const std::optional<QString> bearer = bearerToken(request.header("authorization"));
    const bool cxoneToken = bearer && m_tokens.wasIssued(*bearer);
    const bool wrongToken = !m_options.exportToken.isEmpty() && (!bearer || *bearer != m_options.exportToken);
    if (cxoneToken || wrongToken) {
        m_exports.countBadAuth();
        const QString message = cxoneToken
            ? QStringLiteral("a CXone access token was sent to the export receiver: it is a different system, send its own token")
            : QStringLiteral("the export receiver needs Authorization: Bearer <export token>: check the export token setting");
        SimResponse response = error(401, requestId, api::kErrorInvalidToken, message);
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return response;
    }
    if (request.body.size() > m_options.maxBodyBytes)
        return error(413, requestId, api::kErrorPayloadTooLarge, QStringLiteral("the body is larger than %1 bytes").arg(m_options.maxBodyBytes));
    const Context context{request, requestId, {}};
    SimResponse response;
    const std::optional<QJsonObject> body = parseJsonObject(context, &response);
    if (!body)
        return response;
    if (bulk) {
        if (!body->value(api::kKeyMetrics).isArray())
            return validationFailed(requestId, {{QString(api::kKeyMetrics), QStringLiteral("is required and must be an array")}});
        m_exports.addMetricsBatch(*body);
        return json(202, QJsonObject{{QStringLiteral("accepted"), body->value(api::kKeyMetrics).toArray().size()}});
    }
    if (!body->value(api::kKeyId).isString() || body->value(api::kKeyId).toString().isEmpty())
        return validationFailed(requestId, {{QString(api::kKeyId), QStringLiteral("is required: the receiver deduplicates by it")}});
    const bool isNew = m_exports.addEntry(*body);
    return json(isNew ? 202 : 200, QJsonObject{{api::kKeyId, body->value(api::kKeyId)}, {QStringLiteral("duplicate"), !isNew}});
}

} // namespace cc::sim
