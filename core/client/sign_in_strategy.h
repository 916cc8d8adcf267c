#pragma once
// How a profile gets a bearer token: the contract's client credentials
// (section 1) or access key with discovery (section 6). A strategy only builds
// requests and reads answers; ApiClient sends them (budget, retries, timeout,
// redacted log) and caches the token, so the rest of the client does not care
// which one was used.

#include "client/api_error.h"
#include "client/connection_profile.h"
#include "client/request_spec.h"

#include <QByteArray>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>

namespace cc {

struct TokenGrant
{
    QByteArray accessToken;      // secret
    qint64 expiresInSeconds = 0;
    QUrl apiBaseUrl;             // where API calls go from now on
    QString tenantId;            // named by an access-key sign-in
};

class SignInStrategy
{
public:
    using OnAnswer = std::function<void(const HttpAnswer &)>;
    using OnError = std::function<void(const ApiError &)>;
    // Sends one request; calls exactly one of the two (a non-2xx answer is an error).
    using Send = std::function<void(const RequestSpec &, OnAnswer, OnError)>;

    virtual ~SignInStrategy() = default;
    virtual void fetchToken(const Send &send, std::function<void(const TokenGrant &)> done, OnError fail) = 0;

    static std::unique_ptr<SignInStrategy> create(const ConnectionProfile &profile);
};

// `path` appended to `base`'s own path (one slash between them).
QUrl urlWithPath(const QUrl &base, QLatin1String path);

// A sign-in's POST of `form` to a token endpoint: unauthenticated, safe to
// repeat (asking for a token changes nothing on the tenant).
RequestSpec tokenRequest(const QUrl &endpoint, const QUrlQuery &form, const QString &operation);

// A token endpoint's JSON answer (access_token, expires_in); BadResponse naming
// the field otherwise.
std::optional<ApiError> readTokenAnswer(const HttpAnswer &answer, const QString &operation, TokenGrant *grant);

} // namespace cc
