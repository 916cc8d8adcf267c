#include "client/connection_profile.h"

#include "client/transport_security.h"

namespace cc {

QString signInMethodName(SignInMethod method)
{
    switch (method) {
    case SignInMethod::ClientCredentials: return QStringLiteral("client_credentials");
    case SignInMethod::AccessKey: return QStringLiteral("access_key");
    }
    return QString();
}

std::optional<SignInMethod> signInMethodFromName(const QString &name)
{
    if (name == QLatin1String("client_credentials"))
        return SignInMethod::ClientCredentials;
    if (name == QLatin1String("access_key"))
        return SignInMethod::AccessKey;
    return std::nullopt;
}

FieldErrors ConnectionProfile::validate() const
{
    FieldErrors errors;
    const auto need = [&errors](const QString &value, const QString &field, const QString &what) {
        if (value.trimmed().isEmpty())
            errors.append({field, QStringLiteral("is required (%1)").arg(what)});
    };
    if (signInMethod == SignInMethod::ClientCredentials || !baseUrl.isEmpty()) {
        if (baseUrl.isEmpty())
            errors.append({QStringLiteral("base_url"), QStringLiteral("is required (the tenant's API address)")});
        else if (const QString problem = transportSecurityProblem(baseUrl); !problem.isEmpty())
            errors.append({QStringLiteral("base_url"), problem});
    }
    need(clientId, QStringLiteral("client_id"), QStringLiteral("the OAuth client id"));
    need(clientSecret, QStringLiteral("client_secret"), QStringLiteral("the OAuth client secret"));
    if (signInMethod == SignInMethod::AccessKey) {
        need(accessKeyId, QStringLiteral("access_key_id"), QStringLiteral("the CXone access key id"));
        need(accessKeySecret, QStringLiteral("access_key_secret"), QStringLiteral("the CXone access key secret"));
        if (const QString problem = transportSecurityProblem(discoveryUrl); !problem.isEmpty())
            errors.append({QStringLiteral("discovery_url"), problem});
    }
    if (!exportUrl.isEmpty()) {
        if (const QString problem = transportSecurityProblem(exportUrl); !problem.isEmpty())
            errors.append({QStringLiteral("export_url"), problem});
    }
    if (timeoutSeconds <= 0)
        errors.append({QStringLiteral("timeout"), QStringLiteral("must be at least 1 second")});
    return errors;
}

QUrl ConnectionProfile::signInUrl() const
{
    return signInMethod == SignInMethod::AccessKey ? discoveryUrl : baseUrl;
}

QString ConnectionProfile::budgetKey() const
{
    // The tenant is what the budget belongs to; the client id tells two tenants
    // apart behind one discovery host.
    const QUrl url = signInUrl().adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                                          | QUrl::RemoveUserInfo);
    return url.toString(QUrl::FullyEncoded).toLower() + QLatin1Char('|') + clientId;
}

} // namespace cc
