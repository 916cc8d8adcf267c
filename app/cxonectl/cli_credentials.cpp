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

// Where a secret comes from: the file given by an option, else an environment
// variable. `what` names it in the list of what is missing.
struct SecretSource
{
    QString file;
    QString fileOption;
    QString variable;
    QString what;
};

// The secret from `source`; empty, with an entry in `missing`, when it has
// none; nullopt (with *problem) when its file cannot be used.
std::optional<QString> secretFrom(const SecretSource &source, const QProcessEnvironment &environment, QStringList *missing,
                                  QString *problem, QStringList *warnings)
{
    const std::optional<QString> secret = source.file.isEmpty() ? environment.value(source.variable).trimmed()
                                                                 : readSecretFile(source.file, source.fileOption, problem, warnings);
    if (secret && secret->isEmpty())
        missing->append(QStringLiteral("%1 (%2 or %3 FILE)").arg(source.what, source.variable, source.fileOption));
    return secret;
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

    const std::optional<QString> clientSecret =
        secretFrom({options.clientSecretFile, QStringLiteral("--client-secret-file"), kEnvClientSecret, QStringLiteral("the client secret")},
                   environment, &missing, problem, warnings);
    if (!clientSecret)
        return std::nullopt;
    profile.clientSecret = *clientSecret;

    if (profile.signInMethod == SignInMethod::AccessKey) {
        const std::optional<QString> keySecret =
            secretFrom({options.accessKeySecretFile, QStringLiteral("--access-key-secret-file"), kEnvAccessKeySecret,
                        QStringLiteral("the access key secret")},
                       environment, &missing, problem, warnings);
        if (!keySecret)
            return std::nullopt;
        profile.accessKeySecret = *keySecret;
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
