#pragma once
// The one error type of the CXone client: what kind of failure, what the tenant
// said (status, `error` code, message, field details, missing scope, the channels
// that reference a channel, the request id) and a text that tells a person what
// to do next. It never carries a secret: no token, client secret or password is
// ever put into any of its fields.

#include "model/field_error.h"

#include <QString>
#include <QStringList>

namespace cc {

struct ApiError
{
    enum class Kind {
        Network,        // could not reach the tenant, connection lost, TLS failure
        Timeout,        // no complete answer within the per-call timeout
        Auth,           // 401 after one new token, or the token endpoint refused the credentials
        Forbidden,      // 403: the client lacks a scope (requiredScope)
        Validation,     // the client's own check or a 400 (details)
        NotFound,       // 404
        Conflict,       // 409 (referencedBy) or 412 (If-Match names an older version)
        RateLimited,    // still 429 after the bounded retries
        Server,         // 5xx after the bounded retries, or another unexpected status
        Cancelled,      // ApiCall::cancel()
        BadResponse,    // the tenant's answer is not the contract's shape (names the field)
        Configuration,  // the profile cannot be used: missing value, plain http to a non-loopback host
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;          // 0 when there was no HTTP answer
    QString code;                // the tenant's `error` field, e.g. "invalid_client"
    QString message;             // the tenant's `message`, or what the client observed
    FieldErrors details;         // Validation: one entry per bad field
    QString requiredScope;       // Forbidden: the scope the token lacks
    QStringList referencedBy;    // Conflict 409 in_use: the channels that list this one
    QString requestId;           // the tenant's `request_id`, for a support ticket
    QString operation;           // what was attempted, e.g. "update channel ch_7f3a2c"
    QString profileName;         // the connection profile in use, when named
    int attempts = 0;            // how many times the request was sent
    bool duringSignIn = false;   // the failure happened while fetching a token
    qint64 retryAfterRefusedSeconds = 0;  // the Retry-After the client refused to wait (above its ceiling)

    // One or more sentences: what failed, and what to do next. Field details of
    // a validation error follow, one "field: message" per line.
    QString text() const;

    static ApiError make(Kind kind, const QString &operation, const QString &message);
};

// "network", "timeout", "auth", ... : stable names for logs and --json output.
QString apiErrorKindName(ApiError::Kind kind);

} // namespace cc
