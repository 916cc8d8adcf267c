#pragma once
// The client's internal description of one HTTP request and of its answer,
// shared by ApiClient and the sign-in strategies, and the mapping of a non-2xx
// answer to an ApiError (pure, so it is unit-tested without a server).

#include "client/api_error.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace cc {

struct RequestSpec
{
    QByteArray method = QByteArrayLiteral("GET");
    // Either a path below the API base (API calls) or an absolute URL (sign-in,
    // discovery).
    QString path;
    QUrl absoluteUrl;
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;   // never logged (may hold Basic auth)
    bool authenticated = true;                      // carries the bearer token
    bool signIn = false;                            // part of fetching a token
    // A POST that may be sent twice without harm: a telemetry query reads only,
    // and the token request only issues another token.
    bool safeToRepeat = false;
    QString operation;

    bool retryableAfterTransientFailure() const;
};

struct HttpAnswer
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers;   // names in lower case

    QByteArray header(const char *name) const;
    std::optional<qint64> integerHeader(const char *name) const;
    // Retry-After in ms: seconds, or an HTTP date; nullopt when absent.
    std::optional<qint64> retryAfterMs(qint64 nowMs) const;
};

// The ApiError of a non-2xx answer: kind from the status, the contract's error
// body (error, message, request_id, details, required_scope, referenced_by).
ApiError apiErrorFromAnswer(const HttpAnswer &answer, const RequestSpec &spec);

} // namespace cc
