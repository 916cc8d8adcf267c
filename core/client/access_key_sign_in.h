#pragma once
// Contract section 6: discovery's openid-configuration names the token
// endpoint; POST there with HTTP Basic client_id:client_secret and
// grant_type=password with the access key; the id_token's tenantId claim picks
// the area, whose api_endpoint becomes the base of every API call. Discovery is
// fetched once per client and kept.

#include "client/sign_in_strategy.h"

namespace cc {

class AccessKeySignIn final : public SignInStrategy
{
public:
    explicit AccessKeySignIn(const ConnectionProfile &profile);
    void fetchToken(const Send &send, std::function<void(const TokenGrant &)> done, OnError fail) override;

    // The payload claim of an unsigned or signed JWT (not verified: the token
    // came over TLS from the endpoint discovery named). Empty when absent.
    static QString jwtClaim(const QByteArray &jwt, const QString &claim);

private:
    void requestToken(const Send &send, std::function<void(const TokenGrant &)> done, OnError fail);

    ConnectionProfile m_profile;
    QUrl m_tokenEndpoint;
    QUrl m_apiEndpoint;
    QString m_tenantId;
};

} // namespace cc
