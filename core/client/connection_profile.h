#pragma once
// Where and how to reach one CXone tenant: the base URL, the sign-in method and
// its credentials, the export endpoint, the per-call timeout. Secrets live in
// this struct in memory only; whoever persists a profile keeps them in the
// system keychain, never in a settings file.

#include "model/field_error.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace cc {

enum class SignInMethod {
    ClientCredentials,  // contract section 1: POST {baseUrl}/api/v2/oauth/token
    AccessKey,          // contract section 6: discovery, Basic auth + access key, api_endpoint
};

QString signInMethodName(SignInMethod method);           // "client_credentials" | "access_key"
std::optional<SignInMethod> signInMethodFromName(const QString &name);

struct ConnectionProfile
{
    QString name;
    SignInMethod signInMethod = SignInMethod::ClientCredentials;
    // The tenant's API base (client credentials). With an access key it is
    // optional: discovery's api_endpoint replaces it.
    QUrl baseUrl;
    QString clientId;
    QString clientSecret;                                 // secret: memory only
    QString accessKeyId;
    QString accessKeySecret;                              // secret: memory only
    QUrl discoveryUrl = QUrl(QStringLiteral("https://cxone.niceincontact.com"));
    QString scopes = QStringLiteral("channel:read channel:write telemetry:read analytics:read");
    int timeoutSeconds = 15;                              // per request (transfer timeout)
    // The customer's own export receiver (contract section 5) and its bearer
    // token: never the CXone token.
    QUrl exportUrl;
    QString exportToken;                                  // secret: memory only

    // Every problem that stops the profile from being used, by field name
    // ("base_url: plain http is allowed only for loopback addresses ...").
    FieldErrors validate() const;
    // The key of the tenant's shared rate budget: one per tenant and client id.
    QString budgetKey() const;
    // The URL the sign-in starts from: baseUrl, or discoveryUrl for an access key.
    QUrl signInUrl() const;
};

} // namespace cc
