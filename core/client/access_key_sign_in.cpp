#include "client/access_key_sign_in.h"

#include "api/contract.h"
#include "client/transport_security.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace cc {

namespace {

QUrl withPath(const QUrl &base, QLatin1String path)
{
    QUrl url = base;
    QString basePath = url.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}

ApiError discoveryError(const QString &what)
{
    ApiError error = ApiError::make(ApiError::Kind::BadResponse, QStringLiteral("discover the tenant"), what);
    error.duringSignIn = true;
    return error;
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
    spec.absoluteUrl = withPath(m_profile.discoveryUrl, api::kOpenIdConfigurationPath);
    spec.authenticated = false;
    spec.signIn = true;
    spec.operation = QStringLiteral("discover the token endpoint");
    send(spec,
         [this, send, done, fail](const HttpAnswer &answer) {
             const QJsonObject json = QJsonDocument::fromJson(answer.body).object();
             const QUrl endpoint(json.value(api::kKeyTokenEndpoint).toString());
             if (!endpoint.isValid() || endpoint.host().isEmpty()) {
                 fail(discoveryError(QStringLiteral("%1: is required (openid-configuration)").arg(api::kKeyTokenEndpoint)));
                 return;
             }
             if (const QString problem = transportSecurityProblem(endpoint); !problem.isEmpty()) {
                 ApiError error = ApiError::make(ApiError::Kind::Configuration, QStringLiteral("sign in"),
                                                 QStringLiteral("discovery named a token endpoint that cannot be used: ") + problem);
                 error.duringSignIn = true;
                 fail(error);
                 return;
             }
             m_tokenEndpoint = endpoint;
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

    RequestSpec spec;
    spec.method = QByteArrayLiteral("POST");
    spec.absoluteUrl = m_tokenEndpoint;
    spec.body = form.toString(QUrl::FullyEncoded).replace(QLatin1Char('+'), QLatin1String("%2B")).toUtf8();
    spec.contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
    const QByteArray basic = (m_profile.clientId + QLatin1Char(':') + m_profile.clientSecret).toUtf8().toBase64();
    spec.headers.append({QByteArray(api::kHeaderAuthorization), QByteArrayLiteral("Basic ") + basic});
    spec.authenticated = false;
    spec.signIn = true;
    spec.safeToRepeat = true;
    spec.operation = QStringLiteral("sign in with the access key");

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
             area.absoluteUrl = withPath(m_profile.discoveryUrl, api::kCxoneConfigurationPath);
             QUrlQuery query;
             query.addQueryItem(api::kQueryTenantId, tenantId);
             area.query = query;
             area.authenticated = false;
             area.signIn = true;
             area.operation = QStringLiteral("discover the tenant's API endpoint");
             send(area,
                  [this, done, fail, grant, tenantId](const HttpAnswer &areaAnswer) {
                      const QJsonObject config = QJsonDocument::fromJson(areaAnswer.body).object();
                      const QUrl endpoint(config.value(api::kKeyApiEndpoint).toString());
                      if (!endpoint.isValid() || endpoint.host().isEmpty()) {
                          fail(discoveryError(QStringLiteral("%1: is required (cxone-configuration)").arg(api::kKeyApiEndpoint)));
                          return;
                      }
                      if (const QString problem = transportSecurityProblem(endpoint); !problem.isEmpty()) {
                          ApiError error = ApiError::make(ApiError::Kind::Configuration, QStringLiteral("sign in"),
                                                          QStringLiteral("discovery named an API endpoint that cannot be used: ") + problem);
                          error.duringSignIn = true;
                          fail(error);
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
