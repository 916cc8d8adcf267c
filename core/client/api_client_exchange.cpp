// The ApiClient's request engine, kept apart from api_client.cpp (state,
// tokens and the contract's endpoints): every call's token and rate budget,
// the send with its total deadline and size cap, the answer classified
// (success, retry, redirect within the origin, failure), the retries on a timer.

#include "client/api_client.h"

#include "api/contract.h"
#include "client/answer_parsers.h"
#include "client/rate_budget.h"
#include "client/token_source.h"
#include "client/request_spec.h"
#include "client/transport_security.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>

namespace cc {

namespace {

bool isTransientNetworkError(QNetworkReply::NetworkError error)
{
    // A lost connection or a timeout may succeed on a repeat; a refused
    // connection, an unknown host or a TLS failure will not, and retrying only
    // delays the message the person needs.
    switch (error) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownServerError:
        return true;
    default:
        return false;
    }
}

// "3 days", "5 h", "90 s": the wait a tenant asked for, readable.
QString describeWait(qint64 ms)
{
    const qint64 seconds = (ms + 999) / 1000;
    if (seconds >= 2 * 86400)
        return QStringLiteral("%1 s (%2 days)").arg(seconds).arg(seconds / 86400);
    if (seconds >= 2 * 3600)
        return QStringLiteral("%1 s (%2 h)").arg(seconds).arg(seconds / 3600);
    return QStringLiteral("%1 s").arg(seconds);
}

} // namespace

struct ApiClient::Exchange
{
    RequestSpec spec;
    QPointer<ApiCall> call;
    std::function<void(const HttpAnswer &)> onOk;
    std::function<void(const ApiError &)> onFail;
    int sends = 0;
    bool reauthenticated = false;
    QByteArray tokenUsed;
    // Why the client itself aborted the reply in flight (the total deadline or
    // the answer size cap), so that the abort is reported as what it was.
    enum class Abort { None, Deadline, TooLarge };
    Abort abort = Abort::None;
    qint64 bytesReceived = 0;
    // A same-origin redirect being followed (never another origin: see handleAnswer).
    QUrl redirectUrl;
    int redirects = 0;
};

void ApiClient::send(ApiCall *call, RequestSpec spec, std::function<void(const HttpAnswer &)> onOk,
                     std::function<void(const ApiError &)> onFail)
{
    auto exchange = std::make_shared<Exchange>();
    exchange->spec = std::move(spec);
    exchange->call = call;
    exchange->onOk = std::move(onOk);
    exchange->onFail = std::move(onFail);
    if (!m_profileProblem.isEmpty()) {
        // Nothing is sent with an unusable profile; the error still arrives
        // asynchronously, as every result does.
        QTimer::singleShot(0, call, [this, exchange] {
            failExchange(exchange, ApiError::make(ApiError::Kind::Configuration, exchange->spec.operation, m_profileProblem));
        });
        return;
    }
    startExchange(exchange);
}

void ApiClient::startExchange(const ExchangePtr &exchange)
{
    if (!exchange->call || exchange->call->isFinished())
        return;
    if (exchange->spec.authenticated && !haveUsableToken()) {
        withToken(exchange->call, [this, exchange](const std::optional<ApiError> &error) {
            if (error)
                failExchange(exchange, *error);
            else
                startExchange(exchange);
        });
        return;
    }
    const qint64 waitMs = m_budget->tryAcquire(now());
    if (waitMs > 0) {
        log(QStringLiteral("%1 %2: waiting %3 ms for the tenant's rate budget")
                .arg(QString::fromLatin1(exchange->spec.method), exchange->spec.operation)
                .arg(waitMs));
        QTimer::singleShot(std::chrono::milliseconds(waitMs), exchange->call, [this, exchange] { startExchange(exchange); });
        return;
    }
    publishBudget();
    transmit(exchange);
}

void ApiClient::transmit(const ExchangePtr &exchange)
{
    const RequestSpec &spec = exchange->spec;
    QUrl url = spec.absoluteUrl;
    if (!url.isValid() || url.isEmpty()) {
        url = m_apiBaseUrl;
        QString basePath = url.path();
        if (basePath.endsWith(QLatin1Char('/')))
            basePath.chop(1);
        url.setPath(basePath + spec.path, QUrl::TolerantMode);
    }
    if (!spec.query.isEmpty())
        url.setQuery(spec.query);
    if (exchange->redirectUrl.isValid())
        url = exchange->redirectUrl;
    if (const QString problem = transportSecurityProblem(url); !problem.isEmpty()) {
        failExchange(exchange, ApiError::make(ApiError::Kind::Configuration, spec.operation, problem));
        return;
    }

    if (m_options.writeGuard && spec.authenticated && spec.method != "GET" && !spec.safeToRepeat) {
        if (const QString refusal = m_options.writeGuard(); !refusal.isEmpty()) {
            // Asynchronously, as every result: this may run inside the call
            // that made the reply, before its caller could attach a handler.
            QTimer::singleShot(0, exchange->call, [this, exchange, refusal] {
                failExchange(exchange, ApiError::make(ApiError::Kind::Configuration, exchange->spec.operation, refusal));
            });
            return;
        }
    }

    QNetworkRequest request(url);
    request.setTransferTimeout(std::max(1, m_profile.timeoutSeconds) * 1000);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", QByteArrayLiteral("application/json"));
    if (!spec.contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, spec.contentType);
    for (const auto &header : spec.headers)
        request.setRawHeader(header.first, header.second);
    if (spec.authenticated) {
        exchange->tokenUsed = m_token;
        request.setRawHeader(api::kHeaderAuthorization, QByteArrayLiteral("Bearer ") + m_token);
    }

    ++exchange->sends;
    exchange->abort = Exchange::Abort::None;
    exchange->bytesReceived = 0;
    QNetworkReply *reply = m_network->sendCustomRequest(request, spec.method, spec.body);
    // Deleted whatever happens to the call (an aborted reply still finishes).
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    exchange->call->setNetworkReply(reply);
    // The transfer timeout only measures silence: a tenant that trickles a byte
    // now and then never trips it. The total deadline ends the request anyway.
    QTimer::singleShot(std::chrono::seconds(std::max(1, m_profile.timeoutSeconds)), Qt::PreciseTimer, reply, [exchange, reply] {
        if (reply->isFinished())
            return;
        exchange->abort = Exchange::Abort::Deadline;
        reply->abort();
    });
    const qint64 maxBytes = std::max<qint64>(1, m_options.maxAnswerBytes);
    connect(reply, &QNetworkReply::downloadProgress, reply, [exchange, reply, maxBytes](qint64 received, qint64 total) {
        exchange->bytesReceived = received;
        // (An answer that came in one piece is already finished here: the
        // flag alone then makes handleAnswer refuse it.)
        if (received <= maxBytes && total <= maxBytes)
            return;
        exchange->bytesReceived = std::max(received, total);
        exchange->abort = Exchange::Abort::TooLarge;
        reply->abort();
    });
    const qint64 startedMs = m_options.clock->monotonicMs();
    connect(reply, &QNetworkReply::finished, exchange->call,
            [this, exchange, reply, startedMs] { handleAnswer(exchange, reply, startedMs); });
}

void ApiClient::handleAnswer(const ExchangePtr &exchange, QNetworkReply *reply, qint64 startedMs)
{
    if (!exchange->call || exchange->call->isFinished())
        return;
    exchange->call->setNetworkReply(nullptr);
    const RequestSpec &spec = exchange->spec;
    const qint64 elapsedMs = m_options.clock->monotonicMs() - startedMs;

    HttpAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &header : reply->rawHeaderPairs())
        answer.headers.insert(header.first.toLower(), header.second);
    answer.body = reply->isOpen() ? reply->readAll() : QByteArray();   // an aborted reply is closed

    const QString urlText = reply->request().url().toDisplayString(QUrl::RemoveUserInfo);
    QString line = QStringLiteral("%1 %2 -> ").arg(QString::fromLatin1(spec.method), urlText);
    if (answer.status > 0)
        line += QString::number(answer.status);
    else
        line += QStringLiteral("no answer (%1)").arg(reply->errorString());
    line += QStringLiteral(" in %1 ms").arg(elapsedMs);
    if (spec.authenticated)
        line += QStringLiteral(" [Authorization: Bearer <redacted>]");
    else if (spec.signIn)
        line += QStringLiteral(" [credentials redacted]");
    if (answer.headers.contains("x-ratelimit-limit") || answer.headers.contains("x-ratelimit-remaining"))
        line += QStringLiteral(" rate limit %1/%2 reset %3 s")
                    .arg(QString::fromLatin1(answer.header(api::kHeaderRateLimitRemaining)),
                         QString::fromLatin1(answer.header(api::kHeaderRateLimitLimit)),
                         QString::fromLatin1(answer.header(api::kHeaderRateLimitReset)));
    if (const QByteArray retryAfter = answer.header(api::kHeaderRetryAfter); !retryAfter.isEmpty())
        line += QStringLiteral(" retry-after %1 s").arg(QString::fromLatin1(retryAfter));
    if (const QByteArray requestId = answer.header(api::kHeaderRequestId); !requestId.isEmpty())
        line += QStringLiteral(" request-id %1").arg(QString::fromLatin1(requestId));
    log(line);
    if (m_options.requestObserver)
        m_options.requestObserver(spec.method, reply->request().url().path(), answer.status);

    if (answer.status > 0) {
        const auto toInt = [](std::optional<qint64> value) -> std::optional<int> {
            if (!value)
                return std::nullopt;
            return static_cast<int>(std::clamp<qint64>(*value, 0, 1000000000));
        };
        m_budget->updateFromHeaders(now(), toInt(answer.integerHeader(api::kHeaderRateLimitLimit)),
                                    toInt(answer.integerHeader(api::kHeaderRateLimitRemaining)),
                                    answer.integerHeader(api::kHeaderRateLimitReset));
        publishBudget();
    }

    const bool mayRepeat = spec.retryableAfterTransientFailure();
    const bool attemptsLeft = exchange->sends < m_options.retry.maxAttempts;
    const qint64 backoff = m_options.retry.backoffMs(exchange->sends - 1, m_options.random01());

    if (exchange->abort == Exchange::Abort::TooLarge) {
        // Refused, not retried: the same request would bring the same answer.
        failExchange(exchange, ApiError::make(ApiError::Kind::BadResponse, spec.operation,
                                              QStringLiteral("the tenant's answer is larger than the %1 MiB this client "
                                                             "accepts for one call (%2 bytes announced or received); refused")
                                                  .arg(m_options.maxAnswerBytes / (1024 * 1024))
                                                  .arg(exchange->bytesReceived)));
        return;
    }
    if (exchange->abort == Exchange::Abort::Deadline) {
        ApiError error = ApiError::make(ApiError::Kind::Timeout, spec.operation,
                                        QStringLiteral("no complete answer in %1 s").arg(std::max(1, m_profile.timeoutSeconds)));
        error.duringSignIn = spec.signIn;
        if (exchange->bytesReceived > 0 || answer.status > 0)
            error.message += QStringLiteral(" (the tenant had sent %1 bytes%2 and was still sending)")
                                 .arg(exchange->bytesReceived)
                                 .arg(answer.status > 0 ? QStringLiteral(" after HTTP %1").arg(answer.status) : QString());
        if (mayRepeat && attemptsLeft)
            retryLater(exchange, backoff, error);
        else
            failExchange(exchange, error);
        return;
    }

    if (answer.status == 0) {
        const QNetworkReply::NetworkError code = reply->error();
        ApiError error;
        error.operation = spec.operation;
        error.duringSignIn = spec.signIn;
        if (code == QNetworkReply::OperationCanceledError || code == QNetworkReply::TimeoutError) {
            // Only the transfer timeout aborts a reply behind our back: cancel()
            // disconnects before it aborts, so it never reaches this point.
            error.kind = ApiError::Kind::Timeout;
            error.message = QStringLiteral("no answer within %1 s").arg(m_profile.timeoutSeconds);
        } else {
            error.kind = ApiError::Kind::Network;
            error.message = reply->errorString();
        }
        if (mayRepeat && attemptsLeft && isTransientNetworkError(code))
            retryLater(exchange, backoff, error);
        else
            failExchange(exchange, error);
        return;
    }

    if (answer.status >= 200 && answer.status < 300) {
        exchange->onOk(answer);
        return;
    }

    if (answer.status >= 300 && answer.status < 400 && !answer.header("location").isEmpty()) {
        followRedirect(exchange, reply->url(), answer);
        return;
    }

    ApiError error = apiErrorFromAnswer(answer, spec);

    if (answer.status == 401 && spec.authenticated && !exchange->reauthenticated) {
        // Contract section 1: the token was revoked or expired early. Fetch one
        // new token (shared with every other call that met the same 401) and
        // repeat this call once.
        exchange->reauthenticated = true;
        m_tokens->invalidate(exchange->tokenUsed);
        if (m_token == exchange->tokenUsed) {
            m_token.clear();
            m_tokenExpiresMs = 0;
        }
        log(QStringLiteral("%1: token refused, fetching a new one and repeating once").arg(spec.operation));
        startExchange(exchange);
        return;
    }

    const std::optional<qint64> askedWaitMs = answer.retryAfterMs(now());
    if ((answer.status == 429 || answer.status >= 500) && askedWaitMs && *askedWaitMs > m_options.retry.maxRetryAfterMs) {
        // Not slept on: a wait of hours or days would hold the call (and every
        // call of the tenant behind the shared budget) for that long.
        error.retryAfterRefusedSeconds = (*askedWaitMs + 999) / 1000;
        error.message = QStringLiteral("the tenant asked to wait %1 (Retry-After) before the next request, longer than "
                                       "the %2 s this client waits; not retried")
                            .arg(describeWait(*askedWaitMs))
                            .arg(m_options.retry.maxRetryAfterMs / 1000);
        failExchange(exchange, error);
        return;
    }

    if (answer.status == 429) {
        const qint64 retryAfter = std::min(askedWaitMs.value_or(backoff), m_options.retry.maxRetryAfterMs);
        // Every call of this tenant waits, not only this one: the budget is shared.
        m_budget->pauseFor(now(), retryAfter);
        publishBudget();
        if (attemptsLeft)
            retryLater(exchange, std::max(backoff, retryAfter), error);
        else
            failExchange(exchange, error);
        return;
    }

    if (answer.status >= 500) {
        qint64 delay = backoff;
        if (const std::optional<qint64> retryAfter = answer.retryAfterMs(now()))
            delay = std::max(delay, std::min(*retryAfter, m_options.retry.maxRetryAfterMs));
        if (mayRepeat && attemptsLeft)
            retryLater(exchange, delay, error);
        else
            failExchange(exchange, error);
        return;
    }

    failExchange(exchange, error);
}

void ApiClient::followRedirect(const ExchangePtr &exchange, const QUrl &from, const HttpAnswer &answer)
{
    const RequestSpec &spec = exchange->spec;
    const QUrl to = from.resolved(QUrl::fromEncoded(answer.header("location")));
    const auto origin = [](const QUrl &url) -> QString {
        return url.scheme().toLower() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':')
               + QString::number(url.port(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80));
    };
    if (origin(to) != origin(from)) {
        // The token was issued for this origin (and a sign-in carries the
        // client secret): neither is sent anywhere else.
        ApiError error = ApiError::make(ApiError::Kind::BadResponse, spec.operation,
                                        QStringLiteral("it answered HTTP %1, a redirect to another origin (%2; the request "
                                                       "went to %3); not followed, so no credential left %3. Check the "
                                                       "base URL, or the proxy in front of the tenant")
                                            .arg(answer.status)
                                            .arg(to.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery).toDisplayString(),
                                                 from.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery).toDisplayString()));
        error.code = QStringLiteral("redirect_refused");
        error.httpStatus = answer.status;
        error.duringSignIn = spec.signIn;
        failExchange(exchange, error);
        return;
    }
    if (++exchange->redirects > m_options.maxRedirects) {
        ApiError error = ApiError::make(ApiError::Kind::BadResponse, spec.operation,
                                        QStringLiteral("more than %1 redirects; stopped").arg(m_options.maxRedirects));
        error.httpStatus = answer.status;
        failExchange(exchange, error);
        return;
    }
    log(QStringLiteral("%1: following HTTP %2 to %3 (same origin)")
            .arg(spec.operation)
            .arg(answer.status)
            .arg(to.toDisplayString(QUrl::RemoveUserInfo)));
    if (answer.status == 303) {
        exchange->spec.method = QByteArrayLiteral("GET");
        exchange->spec.body.clear();
        exchange->spec.contentType.clear();
    }
    exchange->redirectUrl = to;
    --exchange->sends;   // a redirect followed is not a retry
    transmit(exchange);
}

void ApiClient::retryLater(const ExchangePtr &exchange, qint64 delayMs, const ApiError &lastError)
{
    exchange->redirectUrl = QUrl();
    exchange->redirects = 0;
    log(QStringLiteral("%1: %2 (%3), retrying in %4 ms (send %5 of at most %6)")
            .arg(exchange->spec.operation, apiErrorKindName(lastError.kind),
                 lastError.httpStatus > 0 ? QString::number(lastError.httpStatus) : lastError.message)
            .arg(delayMs)
            .arg(exchange->sends + 1)
            .arg(m_options.retry.maxAttempts));
    QTimer::singleShot(std::chrono::milliseconds(std::max<qint64>(0, delayMs)), exchange->call,
                       [this, exchange] { startExchange(exchange); });
}

void ApiClient::failExchange(const ExchangePtr &exchange, ApiError error)
{
    if (error.operation.isEmpty())
        error.operation = exchange->spec.operation;
    if (error.attempts == 0)
        error.attempts = exchange->sends;
    if (error.profileName.isEmpty())
        error.profileName = m_profile.name;
    exchange->onFail(error);
}

} // namespace cc
