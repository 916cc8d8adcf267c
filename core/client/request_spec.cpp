#include "client/request_spec.h"

#include "api/contract.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace cc {

namespace {

// Far beyond any real wait or lifetime (about 31 years), far inside qint64 ms.
constexpr double kMaxHeaderSeconds = 1e9;

} // namespace

bool RequestSpec::retryableAfterTransientFailure() const
{
    // Contract section 4: GET, PATCH and DELETE may be repeated; a POST only
    // with its Idempotency-Key (the tenant answers the first answer again) or
    // when it changes nothing (safeToRepeat).
    if (method == "GET" || method == "PATCH" || method == "DELETE" || method == "PUT" || method == "HEAD")
        return true;
    if (safeToRepeat)
        return true;
    for (const auto &header : headers) {
        if (header.first == api::kHeaderIdempotencyKey)
            return true;
    }
    return false;
}

QByteArray HttpAnswer::header(const char *name) const
{
    return headers.value(QByteArray(name).toLower());
}

std::optional<qint64> HttpAnswer::integerHeader(const char *name) const
{
    const QByteArray value = header(name).trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    return ok ? std::optional<qint64>(number) : std::nullopt;
}

std::optional<qint64> HttpAnswer::retryAfterMs(qint64 nowMs) const
{
    const QByteArray value = header(api::kHeaderRetryAfter).trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = value.toDouble(&ok);
    if (ok) {
        // Clamped before the conversion: a double beyond qint64 (1e300, inf,
        // nan) is undefined behaviour to convert and came out negative, a wait
        // of none (fuzz/fuzz_error_answer_corpus/429_beyond_qint64).
        if (!(seconds > 0))
            return 0;
        return static_cast<qint64>(std::min(seconds, kMaxHeaderSeconds) * 1000.0);
    }
    // RFC 9110 also allows an HTTP date.
    const QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(value), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    return std::max<qint64>(0, utc.toMSecsSinceEpoch() - nowMs);
}

ApiError apiErrorFromAnswer(const HttpAnswer &answer, const RequestSpec &spec)
{
    ApiError error;
    error.httpStatus = answer.status;
    error.operation = spec.operation;
    error.duringSignIn = spec.signIn;

    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
    error.code = body.value(api::kKeyError).toString();
    error.message = body.value(api::kKeyMessage).toString();
    error.requestId = body.value(api::kKeyRequestId).toString();
    if (error.requestId.isEmpty())
        error.requestId = QString::fromLatin1(answer.header(api::kHeaderRequestId));

    const int status = answer.status;
    if (status == 400) {
        error.kind = ApiError::Kind::Validation;
        error.details = fieldErrorsFromJson(body.value(api::kKeyDetails).toArray());
        // A sign-in 400 (unsupported_grant_type, invalid_scope, invalid_grant)
        // is a credential problem for the person, not a bad field.
        if (spec.signIn)
            error.kind = ApiError::Kind::Auth;
    } else if (status == 401) {
        error.kind = ApiError::Kind::Auth;
    } else if (status == 403) {
        error.kind = ApiError::Kind::Forbidden;
        error.requiredScope = body.value(api::kKeyRequiredScope).toString();
    } else if (status == 404) {
        error.kind = ApiError::Kind::NotFound;
    } else if (status == 409 || status == 412) {
        error.kind = ApiError::Kind::Conflict;
        for (const QJsonValue &id : body.value(api::kKeyReferencedBy).toArray())
            error.referencedBy.append(id.toString());
    } else if (status == 429) {
        error.kind = ApiError::Kind::RateLimited;
    } else if (status == 422) {
        error.kind = ApiError::Kind::Validation;
        error.details = fieldErrorsFromJson(body.value(api::kKeyDetails).toArray());
    } else {
        error.kind = ApiError::Kind::Server;
        if (error.message.isEmpty() && status < 500)
            error.message = QStringLiteral("unexpected HTTP status %1").arg(status);
    }
    return error;
}

} // namespace cc
