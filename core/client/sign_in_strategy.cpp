#include "client/sign_in_strategy.h"

#include "api/contract.h"
#include "client/access_key_sign_in.h"
#include "client/client_credentials_sign_in.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace cc {

namespace {
constexpr double kMaxTrustedTokenLifetimeSeconds = 86400.0;
} // namespace

std::unique_ptr<SignInStrategy> SignInStrategy::create(const ConnectionProfile &profile)
{
    switch (profile.signInMethod) {
    case SignInMethod::AccessKey: return std::make_unique<AccessKeySignIn>(profile);
    case SignInMethod::ClientCredentials: break;
    }
    return std::make_unique<ClientCredentialsSignIn>(profile);
}

QUrl urlWithPath(const QUrl &base, QLatin1String path)
{
    QUrl url = base;
    QString basePath = url.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}

RequestSpec tokenRequest(const QUrl &endpoint, const QUrlQuery &form, const QString &operation)
{
    RequestSpec spec;
    spec.method = QByteArrayLiteral("POST");
    spec.absoluteUrl = endpoint;
    // QUrlQuery leaves '+' alone, which a form decoder reads as a space.
    spec.body = form.toString(QUrl::FullyEncoded).replace(QLatin1Char('+'), QLatin1String("%2B")).toUtf8();
    spec.contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
    spec.authenticated = false;
    spec.signIn = true;
    spec.safeToRepeat = true;
    spec.operation = operation;
    return spec;
}

std::optional<ApiError> readTokenAnswer(const HttpAnswer &answer, const QString &operation, TokenGrant *grant)
{
    const auto bad = [&operation](const QString &what) {
        ApiError error = ApiError::make(ApiError::Kind::BadResponse, operation, what);
        error.duringSignIn = true;
        return error;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(answer.body, &parseError);
    if (!document.isObject())
        return bad(QStringLiteral("the token answer is not a JSON object"));
    const QJsonObject json = document.object();
    const QJsonValue token = json.value(api::kKeyAccessToken);
    if (!token.isString() || token.toString().isEmpty())
        return bad(QStringLiteral("%1: is required").arg(api::kKeyAccessToken));
    const QJsonValue expiresIn = json.value(api::kKeyExpiresIn);
    if (!expiresIn.isDouble() || expiresIn.toDouble() <= 0)
        return bad(QStringLiteral("%1: must be a positive number of seconds").arg(api::kKeyExpiresIn));
    const QJsonValue type = json.value(api::kKeyTokenType);
    if (type.isString() && type.toString().compare(api::kTokenTypeBearer, Qt::CaseInsensitive) != 0)
        return bad(QStringLiteral("%1: must be Bearer").arg(api::kKeyTokenType));
    grant->accessToken = token.toString().toUtf8();
    // A lifetime of years (or 1e300, which no integer holds: converting it is
    // undefined behaviour, fuzz/fuzz_token_answer_corpus/expires_huge) is not
    // believed: clamped before the conversion, the client asks again after a day at most.
    grant->expiresInSeconds = static_cast<qint64>(std::min(expiresIn.toDouble(), kMaxTrustedTokenLifetimeSeconds));
    return std::nullopt;
}

} // namespace cc
