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
    QUrlQuery form;
    form.addQueryItem(api::kFormClientId, m_profile.clientId);
    form.addQueryItem(api::kFormClientSecret, m_profile.clientSecret);
    form.addQueryItem(api::kFormGrantType, api::kGrantClientCredentials);
    form.addQueryItem(api::kFormScope, m_profile.scopes);

    const RequestSpec spec = tokenRequest(urlWithPath(m_profile.baseUrl, api::kTokenPath), form, QStringLiteral("sign in"));

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
