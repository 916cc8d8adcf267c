#pragma once
// Contract section 1: POST {base}/api/v2/oauth/token with the client id and
// secret as a form.

#include "client/sign_in_strategy.h"

namespace cc {

class ClientCredentialsSignIn final : public SignInStrategy
{
public:
    explicit ClientCredentialsSignIn(const ConnectionProfile &profile);
    void fetchToken(const Send &send, std::function<void(const TokenGrant &)> done, OnError fail) override;

private:
    ConnectionProfile m_profile;
};

} // namespace cc
