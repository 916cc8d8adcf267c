#include "client/access_key_sign_in.h"

#include "api/contract.h"
#include "client/transport_security.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace cc {

namespace {

ApiError discoveryError(const QString &what)
{
    ApiError error = ApiError::make(ApiError::Kind::BadResponse, QStringLiteral("discover the tenant"), what);
    error.duringSignIn = true;
    return error;
}

// The endpoint a discovery document (`document`, as its name is written in
// errors) names under `key`; the error instead when it is missing or its
// transport is not safe for credentials. `what` names the endpoint in that error.
std::optional<ApiError> discoveredEndpoint(const QByteArray &body, QLatin1String key, QLatin1String document,
                                           const QString &what, QUrl *endpoint)
{
    const QUrl url(QJsonDocument::fromJson(body).object().value(key).toString());
    if (!url.isValid() || url.host().isEmpty())
        return discoveryError(QStringLiteral("%1: is required (%2)").arg(key, document));
    if (const QString problem = transportSecurityProblem(url); !problem.isEmpty()) {
        ApiError error = ApiError::make(ApiError::Kind::Configuration, QStringLiteral("sign in"),
                                        QStringLiteral("discovery named %1 that cannot be used: %2").arg(what, problem));
        error.duringSignIn = true;
        return error;
    }
    *endpoint = url;
    return std::nullopt;
}

} // namespace

AccessKeySignIn::AccessKeySignIn(const ConnectionProfile &profile)
    : m_profile(profile)
{
}

QString AccessKeySignIn::jwtClaim(const QByteArray &jwt, const QString &claim)
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() < 2)
        return QString();
    const QByteArray payload = QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding);
    const QJsonValue value = QJsonDocument::fromJson(payload).object().value(claim);
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return QString();
}

void AccessKeySignIn::fetchToken(const Send &send, std::function<void(const TokenGrant &)> done, OnError fail)
{
    if (m_tokenEndpoint.isValid()) {
        requestToken(send, std::move(done), std::move(fail));
        return;
    }
    RequestSpec spec;
    spec.absoluteUrl = urlWithPath(m_profile.discoveryUrl, api::kOpenIdConfigurationPath);
    spec.authenticated = false;
    spec.signIn = true;
    spec.operation = QStringLiteral("discover the token endpoint");
    send(spec,
         [this, send, done, fail](const HttpAnswer &answer) {
             if (const std::optional<ApiError> error = discoveredEndpoint(answer.body, api::kKeyTokenEndpoint,
                                                                          QLatin1String("openid-configuration"),
                                                                          QStringLiteral("a token endpoint"), &m_tokenEndpoint)) {
                 fail(*error);
                 return;
             }
             requestToken(send, done, fail);
         },
         fail);
}

void AccessKeySignIn::requestToken(const Send &send, std::function<void(const TokenGrant &)> done, OnError fail)
{
    QUrlQuery form;
    form.addQueryItem(api::kFormGrantType, api::kGrantPassword);
    form.addQueryItem(api::kFormUsername, m_profile.accessKeyId);
    form.addQueryItem(api::kFormPassword, m_profile.accessKeySecret);

    RequestSpec spec = tokenRequest(m_tokenEndpoint, form, QStringLiteral("sign in with the access key"));
    const QByteArray basic = (m_profile.clientId + QLatin1Char(':') + m_profile.clientSecret).toUtf8().toBase64();
    spec.headers.append({QByteArray(api::kHeaderAuthorization), QByteArrayLiteral("Basic ") + basic});

    send(spec,
         [this, send, done, fail, operation = spec.operation](const HttpAnswer &answer) {
             TokenGrant grant;
             if (const std::optional<ApiError> error = readTokenAnswer(answer, operation, &grant)) {
                 fail(*error);
                 return;
             }
             const QJsonObject json = QJsonDocument::fromJson(answer.body).object();
             const QString tenantId = jwtClaim(json.value(api::kKeyIdToken).toString().toUtf8(), QString(api::kKeyTenantIdClaim));
             if (tenantId.isEmpty()) {
                 fail(discoveryError(QStringLiteral("%1: the %2 claim is missing").arg(api::kKeyIdToken, api::kKeyTenantIdClaim)));
                 return;
             }
             if (m_apiEndpoint.isValid() && tenantId == m_tenantId) {
                 grant.apiBaseUrl = m_apiEndpoint;
                 grant.tenantId = m_tenantId;
                 done(grant);
                 return;
             }
             RequestSpec area;
             area.absoluteUrl = urlWithPath(m_profile.discoveryUrl, api::kCxoneConfigurationPath);
             QUrlQuery query;
             query.addQueryItem(api::kQueryTenantId, tenantId);
             area.query = query;
             area.authenticated = false;
             area.signIn = true;
             area.operation = QStringLiteral("discover the tenant's API endpoint");
             send(area,
                  [this, done, fail, grant, tenantId](const HttpAnswer &areaAnswer) {
                      QUrl endpoint;
                      if (const std::optional<ApiError> error = discoveredEndpoint(areaAnswer.body, api::kKeyApiEndpoint,
                                                                                   QLatin1String("cxone-configuration"),
                                                                                   QStringLiteral("an API endpoint"), &endpoint)) {
                          fail(*error);
                          return;
                      }
                      m_apiEndpoint = endpoint;
                      m_tenantId = tenantId;
                      TokenGrant complete = grant;
                      complete.apiBaseUrl = endpoint;
                      complete.tenantId = tenantId;
                      done(complete);
                  },
                  fail);
         },
         fail);
}

} // namespace cc
