#include "client/client_credentials_sign_in.h"

#include "api/contract.h"

#include <QUrlQuery>

namespace cc {

ClientCredentialsSignIn::ClientCredentialsSignIn(const ConnectionProfile &profile)
    : m_profile(profile)
{
}

void ClientCredentialsSignIn::fetchToken(const Send &send, std::function<void(const TokenGrant &)> done, OnError fail)
{
    QUrl url = m_profile.baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + api::kTokenPath);

    QUrlQuery form;
    form.addQueryItem(api::kFormClientId, m_profile.clientId);
    form.addQueryItem(api::kFormClientSecret, m_profile.clientSecret);
    form.addQueryItem(api::kFormGrantType, api::kGrantClientCredentials);
    form.addQueryItem(api::kFormScope, m_profile.scopes);

    RequestSpec spec;
    spec.method = QByteArrayLiteral("POST");
    spec.absoluteUrl = url;
    // QUrlQuery leaves '+' alone, which a form decoder reads as a space.
    spec.body = form.toString(QUrl::FullyEncoded).replace(QLatin1Char('+'), QLatin1String("%2B")).toUtf8();
    spec.contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
    spec.authenticated = false;
    spec.signIn = true;
    spec.safeToRepeat = true;
    spec.operation = QStringLiteral("sign in");

    const QUrl apiBase = m_profile.baseUrl;
    send(spec,
         [done, fail, apiBase, operation = spec.operation](const HttpAnswer &answer) {
             TokenGrant grant;
             if (const std::optional<ApiError> error = readTokenAnswer(answer, operation, &grant)) {
                 fail(*error);
                 return;
             }
             grant.apiBaseUrl = apiBase;
             done(grant);
         },
         fail);
}

} // namespace cc
