#include "cli_credentials.h"

#include "client/secret_file.h"

namespace cc::cli {

namespace {

const QString kEnvBaseUrl = QStringLiteral("CXONE_BASE_URL");
const QString kEnvClientId = QStringLiteral("CXONE_CLIENT_ID");
const QString kEnvClientSecret = QStringLiteral("CXONE_CLIENT_SECRET");
const QString kEnvAccessKeyId = QStringLiteral("CXONE_ACCESS_KEY_ID");
const QString kEnvAccessKeySecret = QStringLiteral("CXONE_ACCESS_KEY_SECRET");
const QString kEnvDiscoveryUrl = QStringLiteral("CXONE_DISCOVERY_URL");

QString firstOf(const QString &option, const QProcessEnvironment &environment, const QString &variable)
{
    return option.isEmpty() ? environment.value(variable).trimmed() : option.trimmed();
}

} // namespace

std::optional<ConnectionProfile> profileFromCommandLine(const CredentialOptions &options,
                                                        const QProcessEnvironment &environment, QString *problem,
                                                        QStringList *warnings)
{
    ConnectionProfile profile;
    profile.timeoutSeconds = options.timeoutSeconds;
    const QString baseUrl = firstOf(options.baseUrl, environment, kEnvBaseUrl);
    profile.clientId = firstOf(options.clientId, environment, kEnvClientId);
    profile.accessKeyId = firstOf(options.accessKeyId, environment, kEnvAccessKeyId);
    if (!profile.accessKeyId.isEmpty())
        profile.signInMethod = SignInMethod::AccessKey;
    const QString discovery = firstOf(options.discoveryUrl, environment, kEnvDiscoveryUrl);
    if (!discovery.isEmpty())
        profile.discoveryUrl = QUrl(discovery);
    if (!baseUrl.isEmpty())
        profile.baseUrl = QUrl(baseUrl);

    QStringList missing;
    if (profile.signInMethod == SignInMethod::ClientCredentials && baseUrl.isEmpty())
        missing.append(QStringLiteral("the tenant's base URL (%1 or --base-url)").arg(kEnvBaseUrl));
    if (profile.clientId.isEmpty())
        missing.append(QStringLiteral("the client id (%1 or --client-id)").arg(kEnvClientId));

    if (!options.clientSecretFile.isEmpty()) {
        const std::optional<QString> secret = readSecretFile(options.clientSecretFile, QStringLiteral("--client-secret-file"), problem, warnings);
        if (!secret)
            return std::nullopt;
        profile.clientSecret = *secret;
    } else {
        profile.clientSecret = environment.value(kEnvClientSecret).trimmed();
    }
    if (profile.clientSecret.isEmpty())
        missing.append(QStringLiteral("the client secret (%1 or --client-secret-file FILE)").arg(kEnvClientSecret));

    if (profile.signInMethod == SignInMethod::AccessKey) {
        if (!options.accessKeySecretFile.isEmpty()) {
            const std::optional<QString> secret =
                readSecretFile(options.accessKeySecretFile, QStringLiteral("--access-key-secret-file"), problem, warnings);
            if (!secret)
                return std::nullopt;
            profile.accessKeySecret = *secret;
        } else {
            profile.accessKeySecret = environment.value(kEnvAccessKeySecret).trimmed();
        }
        if (profile.accessKeySecret.isEmpty())
            missing.append(QStringLiteral("the access key secret (%1 or --access-key-secret-file FILE)").arg(kEnvAccessKeySecret));
    }

    if (!missing.isEmpty()) {
        *problem = QStringLiteral("missing %1.").arg(missing.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    const FieldErrors errors = profile.validate();
    if (!errors.isEmpty()) {
        *problem = formatFieldErrors(errors);
        return std::nullopt;
    }
    return profile;
}

} // namespace cc::cli
