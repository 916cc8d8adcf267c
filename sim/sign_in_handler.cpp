#include "sign_in_handler.h"

#include "api/contract.h"
#include "sim_reply.h"

#include <QUrlQuery>

namespace cc::sim {

namespace {

QString formValue(const QUrlQuery &form, QLatin1String key)
{
    return form.queryItemValue(QString(key), QUrl::FullyDecoded);
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

SimResponse unauthorizedClient(const QString &requestId, const QString &message)
{
    SimResponse response = errorReply(401, requestId, api::kErrorInvalidClient, message);
    response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"cxone-sim\"")});
    return response;
}

SimResponse tokenReply(QJsonObject body)
{
    body.insert(api::kKeyTokenType, QString(api::kTokenTypeBearer));
    SimResponse response = jsonReply(200, body);
    response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
    return response;
}

} // namespace

SignInHandler::SignInHandler(SimState &state)
    : m_state(state)
{
}

int SignInHandler::tokenTtlSeconds() const
{
    return m_state.faults.tokenExpiresIn() > 0 ? m_state.faults.tokenExpiresIn() : m_state.options.tokenTtlSeconds;
}

bool SignInHandler::clientCredentialsMatch(const QString &clientId, const QString &clientSecret) const
{
    return !m_state.faults.rejectCredentials() && clientId == m_state.options.clientId
        && clientSecret == m_state.options.clientSecret;
}

SimResponse SignInHandler::token(const SimCall &call)
{
    const QUrlQuery form = parseFormBody(call.request.body);
    QString clientId = formValue(form, api::kFormClientId);
    QString clientSecret = formValue(form, api::kFormClientSecret);
    if (const auto basic = basicCredentials(call.request.header("authorization")); basic && clientId.isEmpty()) {
        clientId = basic->first;
        clientSecret = basic->second;
    }
    if (!clientCredentialsMatch(clientId, clientSecret))
        return unauthorizedClient(call.requestId,
                                  QStringLiteral("unknown client or wrong secret: check the client id and secret of the profile"));
    const QString grant = formValue(form, api::kFormGrantType);
    if (grant != api::kGrantClientCredentials) {
        return errorReply(400, call.requestId, api::kErrorUnsupportedGrantType,
                          QStringLiteral("grant_type must be client_credentials (got \"%1\")").arg(grant));
    }
    QStringList scopes = formValue(form, api::kFormScope).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (scopes.isEmpty())
        scopes = TokenStore::knownScopes();
    for (const QString &scope : std::as_const(scopes)) {
        if (!TokenStore::knownScopes().contains(scope)) {
            return errorReply(400, call.requestId, api::kErrorInvalidScope,
                              QStringLiteral("unknown scope \"%1\"; known: %2").arg(scope, QString(api::kAllScopes)));
        }
    }
    scopes.removeDuplicates();
    const TokenStore::Issued issued = m_state.tokens.issue(scopes, tokenTtlSeconds(), m_state.clock->monotonicMs());
    return tokenReply(QJsonObject{{api::kKeyAccessToken, issued.token},
                                  {api::kKeyExpiresIn, issued.expiresInSeconds},
                                  {api::kFormScope, issued.scopes.join(QLatin1Char(' '))}});
}

SimResponse SignInHandler::signInToken(const SimCall &call)
{
    const auto basic = basicCredentials(call.request.header("authorization"));
    if (!basic || !clientCredentialsMatch(basic->first, basic->second))
        return unauthorizedClient(call.requestId,
                                  QStringLiteral("HTTP Basic client authentication failed: check the client id and secret"));
    const QUrlQuery form = parseFormBody(call.request.body);
    const QString grant = formValue(form, api::kFormGrantType);
    if (grant != api::kGrantPassword) {
        return errorReply(400, call.requestId, api::kErrorUnsupportedGrantType,
                          QStringLiteral("grant_type must be password (got \"%1\")").arg(grant));
    }
    if (formValue(form, api::kFormUsername) != m_state.options.accessKeyId
        || formValue(form, api::kFormPassword) != m_state.options.accessKeySecret) {
        return errorReply(400, call.requestId, api::kErrorInvalidGrant,
                          QStringLiteral("unknown access key or wrong access key secret: check the profile's access key"));
    }
    const TokenStore::Issued issued = m_state.tokens.issue(TokenStore::knownScopes(), tokenTtlSeconds(),
                                                           m_state.clock->monotonicMs());
    const qint64 now = m_state.clock->nowUtc().toSecsSinceEpoch();
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("none")}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QJsonObject payload{
        {QStringLiteral("iss"), m_state.baseUrl.toString()},
        {QStringLiteral("sub"), m_state.options.accessKeyId},
        {api::kKeyTenantIdClaim, m_state.options.tenantId},
        {QStringLiteral("iat"), now},
        {QStringLiteral("exp"), now + issued.expiresInSeconds},
    };
    // Unsigned: the sim is not an identity provider, and clients only read the claim.
    const QByteArray idToken = base64Url(toJsonBytes(header)) + '.' + base64Url(toJsonBytes(payload)) + '.';
    return tokenReply(QJsonObject{{api::kKeyAccessToken, issued.token},
                                  {api::kKeyExpiresIn, issued.expiresInSeconds},
                                  {api::kKeyIdToken, QString::fromLatin1(idToken)}});
}

SimResponse SignInHandler::openIdConfiguration() const
{
    const QString base = m_state.baseUrl.toString();
    return jsonReply(200, QJsonObject{{api::kKeyIssuer, base}, {api::kKeyTokenEndpoint, QString(base + kSignInTokenPath)}});
}

SimResponse SignInHandler::cxoneConfiguration(const SimCall &call) const
{
    const QString tenantId = QUrlQuery(call.request.query).queryItemValue(QString(api::kQueryTenantId), QUrl::FullyDecoded);
    if (tenantId.isEmpty())
        return errorReply(400, call.requestId, api::kErrorInvalidRequest,
                          QStringLiteral("tenantId is required (from the id_token's tenantId claim)"));
    if (tenantId != m_state.options.tenantId)
        return errorReply(404, call.requestId, api::kErrorNotFound, QStringLiteral("no tenant with id %1").arg(tenantId));
    return jsonReply(200, QJsonObject{{api::kKeyArea, QStringLiteral("sim1")}, {api::kKeyApiEndpoint, m_state.baseUrl.toString()}});
}

std::optional<SimResponse> SignInHandler::authorize(const SimCall &call, const QString &scope) const
{
    const std::optional<QString> bearer = bearerToken(call.request.header("authorization"));
    QString problem;
    if (!bearer) {
        problem = QStringLiteral("no bearer token: fetch one from POST %1 and send Authorization: Bearer <token>")
                      .arg(QString(api::kTokenPath));
    } else {
        switch (m_state.tokens.check(*bearer, m_state.clock->monotonicMs())) {
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
        SimResponse response = errorReply(401, call.requestId, api::kErrorInvalidToken, problem);
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer error=\"invalid_token\"")});
        return response;
    }
    if (!m_state.tokens.hasScope(*bearer, scope)) {
        return errorReply(403, call.requestId, api::kErrorInsufficientScope,
                          QStringLiteral("the token lacks the scope %1: add it to the client's scopes").arg(scope),
                          QJsonObject{{api::kKeyRequiredScope, scope}});
    }
    return std::nullopt;
}

} // namespace cc::sim
