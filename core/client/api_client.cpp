#include "client/api_client.h"

#include "api/contract.h"
#include "client/answer_parsers.h"
#include "client/channel_walk.h"
#include "client/rate_budget.h"
#include "client/request_spec.h"
#include "client/sign_in_strategy.h"
#include "model/channel_validator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <algorithm>

// Debug lines (one per request) are off unless QT_LOGGING_RULES="cc.api.debug=true"
// or a ClientOptions::logSink asks for them.
Q_LOGGING_CATEGORY(lcApi, "cc.api", QtWarningMsg)

// The client is single-threaded by design (see the header): a call from another
// thread is a programming error, caught in debug builds.
#define CC_ASSERT_CLIENT_THREAD() \
    Q_ASSERT_X(QThread::currentThread() == thread(), Q_FUNC_INFO, "ApiClient used from a thread it does not live in")

namespace cc {

namespace {

constexpr qint64 kRefreshMarginMs = 60000;   // contract section 1: fetch again when < 60 s remain
constexpr int kMaxTokenFetchesPerMinute = 6;
constexpr QLatin1String kJsonContentType("application/json");

QString encodedId(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

QString channelPath(const QString &id)
{
    return QString(api::kChannelsPath) + QLatin1Char('/') + encodedId(id);
}

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

QString describeFieldErrors(const FieldErrors &errors, const QString &prefix = QString())
{
    QStringList parts;
    for (const FieldError &error : errors)
        parts.append((prefix.isEmpty() ? error.field : prefix + QLatin1Char('.') + error.field) + QLatin1String(": ")
                     + error.message);
    return parts.join(QLatin1String("; "));
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

QByteArray ifMatchValue(qint64 version)
{
    // The ETag is the version in quotes ("7"); If-Match carries it the same way.
    return '"' + QByteArray::number(version) + '"';
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

ApiClient::ApiClient(const ConnectionProfile &profile, QObject *parent)
    : ApiClient(profile, ClientOptions(), parent)
{
}

ApiClient::ApiClient(const ConnectionProfile &profile, const ClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_options(options)
{
    init();
}

ApiClient::~ApiClient() = default;

void ApiClient::init()
{
    if (!m_options.clock)
        m_options.clock = [] { return QDateTime::currentMSecsSinceEpoch(); };
    if (!m_options.random01)
        m_options.random01 = [] { return QRandomGenerator::global()->generateDouble(); };
    m_options.retry.maxAttempts = std::max(1, m_options.retry.maxAttempts);

    m_network = new QNetworkAccessManager(this);
    // Redirects are decided here, not by Qt: a bearer token or a client secret
    // goes only to the origin it belongs to (see handleAnswer).
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_network->setAutoDeleteReplies(false);

    m_budget = m_options.budget ? m_options.budget : RateBudget::forTenant(m_profile.budgetKey());
    m_signIn = SignInStrategy::create(m_profile);
    m_apiBaseUrl = m_profile.baseUrl;

    const FieldErrors problems = m_profile.validate();
    if (!problems.isEmpty())
        m_profileProblem = QStringLiteral("the connection profile%1 cannot be used: %2")
                               .arg(m_profile.name.isEmpty() ? QString() : QStringLiteral(" '%1'").arg(m_profile.name),
                                    describeFieldErrors(problems));
}

qint64 ApiClient::now() const
{
    return m_options.clock();
}

void ApiClient::log(const QString &line) const
{
    qCDebug(lcApi).noquote() << line;
    if (m_options.logSink)
        m_options.logSink(line);
}

void ApiClient::publishBudget()
{
    emit budgetChanged(m_budget->remaining(now()), m_budget->limit());
}

QDateTime ApiClient::tokenExpiresAt() const
{
    CC_ASSERT_CLIENT_THREAD();
    if (m_token.isEmpty())
        return QDateTime();
    return QDateTime::fromMSecsSinceEpoch(m_tokenExpiresMs, Qt::UTC);
}

int ApiClient::budgetRemaining() const
{
    return m_budget->remaining(now());
}

int ApiClient::budgetLimit() const
{
    return m_budget->limit();
}

template <typename T>
Reply<T> *ApiClient::newReply(const QString &operation)
{
    CC_ASSERT_CLIENT_THREAD();
    return new Reply<T>(operation, this);
}

bool ApiClient::tokenUsable() const
{
    if (m_token.isEmpty())
        return false;
    // A token that lives less than twice the margin (a test tenant's short TTL)
    // is used for half its life instead of never.
    const qint64 margin = std::min(kRefreshMarginMs, m_tokenLifetimeMs / 2);
    return m_tokenExpiresMs - now() >= margin;
}

// ---------------------------------------------------------------------------
// The request engine: token, budget, send, classify, retry.

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
    if (exchange->spec.authenticated && !tokenUsable()) {
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
    request.setRawHeader("Accept", QByteArray(kJsonContentType.data(), kJsonContentType.size()));
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
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
    connect(reply, &QNetworkReply::finished, exchange->call,
            [this, exchange, reply, startedMs] { handleAnswer(exchange, reply, startedMs); });
}

void ApiClient::handleAnswer(const ExchangePtr &exchange, QNetworkReply *reply, qint64 startedMs)
{
    if (!exchange->call || exchange->call->isFinished())
        return;
    exchange->call->setNetworkReply(nullptr);
    const RequestSpec &spec = exchange->spec;
    const qint64 elapsedMs = QDateTime::currentMSecsSinceEpoch() - startedMs;

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

// ---------------------------------------------------------------------------
// Tokens.

void ApiClient::withToken(ApiCall *call, std::function<void(const std::optional<ApiError> &)> then)
{
    if (tokenUsable()) {
        then(std::nullopt);
        return;
    }
    QPointer<ApiCall> guard(call);
    m_tokenWaiters.append([guard, then = std::move(then)](const std::optional<ApiError> &error) {
        if (guard && !guard->isFinished())
            then(error);
    });
    if (!m_tokenFetchRunning)
        fetchToken();
}

void ApiClient::fetchToken()
{
    m_tokenFetchRunning = true;
    // Whatever expires_in says (a second, or less), no more than this many
    // token fetches a minute: a tenant whose tokens expire at once must not make
    // the client hammer its token endpoint.
    const qint64 nowMs = now();
    m_tokenFetchTimesMs.erase(std::remove_if(m_tokenFetchTimesMs.begin(), m_tokenFetchTimesMs.end(),
                                             [nowMs](qint64 at) { return nowMs - at >= 60000; }),
                              m_tokenFetchTimesMs.end());
    if (m_tokenFetchTimesMs.size() >= kMaxTokenFetchesPerMinute) {
        const qint64 waitMs = 60000 - (nowMs - m_tokenFetchTimesMs.first());
        ApiError error = ApiError::make(ApiError::Kind::BadResponse, QStringLiteral("sign in"),
                                        QStringLiteral("%1 tokens fetched in the last minute, the most this client "
                                                       "fetches (the tenant's last token was to live %2 s, expires_in); "
                                                       "try again in %3 s")
                                            .arg(kMaxTokenFetchesPerMinute)
                                            .arg(m_tokenLifetimeMs / 1000)
                                            .arg((waitMs + 999) / 1000));
        error.code = QStringLiteral("token_fetch_limit");
        error.duringSignIn = true;
        error.profileName = m_profile.name;
        // From the event loop, like every result.
        QTimer::singleShot(0, this, [this, error] {
            m_tokenFetchRunning = false;
            const auto waiters = std::exchange(m_tokenWaiters, {});
            for (const auto &waiter : waiters)
                waiter(error);
        });
        return;
    }
    m_tokenFetchTimesMs.append(nowMs);
    // The sign-in's own requests need a call to live on (timers, cancel); it
    // belongs to no caller, so one caller's cancel() does not stop the others'
    // token.
    auto *signInCall = new Reply<NoContent>(QStringLiteral("sign in"), this);
    const auto sendRequest = [this, signInCall](const RequestSpec &spec, SignInStrategy::OnAnswer ok,
                                                SignInStrategy::OnError fail) {
        send(signInCall, spec, std::move(ok), std::move(fail));
    };
    const auto notify = [this](const std::optional<ApiError> &error) {
        m_tokenFetchRunning = false;
        const auto waiters = std::exchange(m_tokenWaiters, {});
        for (const auto &waiter : waiters)
            waiter(error);
    };
    m_signIn->fetchToken(
        sendRequest,
        [this, signInCall, notify](const TokenGrant &grant) {
            m_token = grant.accessToken;
            m_tokenLifetimeMs = grant.expiresInSeconds * 1000;
            m_tokenExpiresMs = now() + m_tokenLifetimeMs;
            if (grant.apiBaseUrl.isValid())
                m_apiBaseUrl = grant.apiBaseUrl;
            m_tenantId = grant.tenantId;
            log(QStringLiteral("signed in: token valid for %1 s, API at %2")
                    .arg(grant.expiresInSeconds)
                    .arg(m_apiBaseUrl.toDisplayString(QUrl::RemoveUserInfo)));
            emit tokenLifetimeChanged(tokenExpiresAt());
            signInCall->succeed(NoContent{});
            notify(std::nullopt);
        },
        [signInCall, notify](const ApiError &failure) {
            ApiError error = failure;
            error.duringSignIn = true;
            signInCall->fail(error);
            notify(error);
        });
}

Reply<QDateTime> *ApiClient::signIn()
{
    auto *reply = newReply<QDateTime>(QStringLiteral("sign in"));
    QTimer::singleShot(0, reply, [this, reply] {
        if (!m_profileProblem.isEmpty()) {
            ApiError error = ApiError::make(ApiError::Kind::Configuration, reply->operation(), m_profileProblem);
            error.profileName = m_profile.name;
            reply->fail(error);
            return;
        }
        withToken(reply, [this, reply](const std::optional<ApiError> &error) {
            if (error)
                reply->fail(*error);
            else
                reply->succeed(tokenExpiresAt());
        });
    });
    return reply;
}

// ---------------------------------------------------------------------------
// Endpoints.

namespace {

// Completes `reply` with a parsed answer, keeping the HTTP status on a BadResponse.
template <typename T>
void complete(Reply<T> *reply, ApiResult<T> parsed, const HttpAnswer &answer)
{
    if (parsed.error) {
        parsed.error->httpStatus = answer.status;
        reply->fail(*parsed.error);
    } else {
        reply->succeed(std::move(*parsed.value));
    }
}

template <typename T>
void failLater(Reply<T> *reply, ApiError error)
{
    QTimer::singleShot(0, reply, [reply, error] { reply->fail(error); });
}

// The client's own check failed: the call ends as a validation error naming the
// fields, from the event loop like any answer, and nothing goes on the wire.
template <typename T>
void refuseUnsent(Reply<T> *reply, const FieldErrors &problems, const QString &profileName)
{
    ApiError error = ApiError::make(ApiError::Kind::Validation, reply->operation(),
                                    QStringLiteral("refused by the client's check; nothing was sent"));
    error.details = problems;
    error.profileName = profileName;
    failLater(reply, error);
}

} // namespace

Reply<QList<Channel>> *ApiClient::listChannels()
{
    auto *reply = newReply<QList<Channel>>(QStringLiteral("list channels"));
    fetchChannelPage(reply, 1, std::make_shared<ChannelWalk>());
    return reply;
}

void ApiClient::fetchChannelPage(Reply<QList<Channel>> *reply, int page, std::shared_ptr<ChannelWalk> walk)
{
    RequestSpec spec;
    spec.path = QString(api::kChannelsPath);
    spec.query.addQueryItem(api::kQueryPage, QString::number(page));
    spec.query.addQueryItem(api::kQueryPageSize, QString::number(api::kMaxPageSize));
    spec.operation = reply->operation();
    send(reply, spec,
         [this, reply, page, walk](const HttpAnswer &answer) {
             ApiResult<ChannelPage> parsed = parseChannelPageAnswer(answer.body, reply->operation(), walk->channels.size());
             if (parsed.error) {
                 parsed.error->httpStatus = answer.status;
                 parsed.error->message += QStringLiteral(" (page %1)").arg(page);
                 reply->fail(*parsed.error);
                 return;
             }
             const ChannelPage &received = *parsed.value;
             if (const QString problem = walk->add(received, page); !problem.isEmpty()) {
                 // Nothing of a walk that loops is trusted: a caller must not
                 // read a half list as "the other channels are gone".
                 ApiError error = ApiError::make(ApiError::Kind::BadResponse, reply->operation(), problem);
                 error.code = QStringLiteral("paging_broken");
                 error.profileName = m_profile.name;
                 reply->fail(error);
                 return;
             }
             // Stop on the last page: short, empty, or the total reached.
             const qint64 pageSize = std::max<qint64>(1, received.pageSize);
             const bool lastPage = received.channels.isEmpty() || received.channels.size() < pageSize
                                   || (received.total >= 0 && walk->channels.size() >= received.total);
             if (lastPage) {
                 reply->succeed(std::move(walk->channels));
                 return;
             }
             fetchChannelPage(reply, page + 1, walk);
         },
         [reply](const ApiError &error) { reply->fail(error); });
}

Reply<Channel> *ApiClient::getChannel(const QString &id)
{
    auto *reply = newReply<Channel>(QStringLiteral("get channel %1").arg(id));
    RequestSpec spec;
    spec.path = channelPath(id);
    spec.operation = reply->operation();
    send(reply, spec,
         [reply](const HttpAnswer &answer) { complete(reply, parseChannelAnswer(answer.body, reply->operation()), answer); },
         [reply](const ApiError &error) { reply->fail(error); });
    return reply;
}

Reply<Channel> *ApiClient::createChannel(const ChannelDraft &draft)
{
    auto *reply = newReply<Channel>(QStringLiteral("create channel '%1'").arg(draft.name));
    ValidationContext context;
    context.mode = ValidationContext::Mode::Create;
    const FieldErrors problems = validateChannelDraft(draft, context);
    if (!problems.isEmpty()) {
        refuseUnsent(reply, problems, m_profile.name);
        return reply;
    }
    RequestSpec spec;
    spec.method = QByteArrayLiteral("POST");
    spec.path = QString(api::kChannelsPath);
    spec.body = QJsonDocument(draftToCreateJson(draft)).toJson(QJsonDocument::Compact);
    spec.contentType = QByteArray(kJsonContentType.data(), kJsonContentType.size());
    // One key per create, kept across its retries: a create whose answer was
    // lost is repeated and the tenant answers the first answer again.
    spec.headers.append({QByteArray(api::kHeaderIdempotencyKey), QUuid::createUuid().toByteArray(QUuid::WithoutBraces)});
    spec.operation = reply->operation();
    send(reply, spec,
         [reply](const HttpAnswer &answer) { complete(reply, parseChannelAnswer(answer.body, reply->operation()), answer); },
         [reply](const ApiError &error) { reply->fail(error); });
    return reply;
}

Reply<Channel> *ApiClient::patchChannel(const QString &operation, const QString &id, const QJsonObject &patch,
                                        std::optional<qint64> ifMatchVersion)
{
    auto *reply = newReply<Channel>(operation);
    RequestSpec spec;
    spec.method = QByteArrayLiteral("PATCH");
    spec.path = channelPath(id);
    spec.body = QJsonDocument(patch).toJson(QJsonDocument::Compact);
    spec.contentType = QByteArray(kJsonContentType.data(), kJsonContentType.size());
    if (ifMatchVersion)
        spec.headers.append({QByteArray(api::kHeaderIfMatch), ifMatchValue(*ifMatchVersion)});
    spec.operation = operation;
    send(reply, spec,
         [reply](const HttpAnswer &answer) { complete(reply, parseChannelAnswer(answer.body, reply->operation()), answer); },
         [reply](const ApiError &error) { reply->fail(error); });
    return reply;
}

Reply<Channel> *ApiClient::updateChannel(const QString &id, const QJsonObject &mergePatch,
                                         std::optional<qint64> ifMatchVersion)
{
    CC_ASSERT_CLIENT_THREAD();
    return patchChannel(QStringLiteral("update channel %1").arg(id), id, mergePatch, ifMatchVersion);
}

Reply<Channel> *ApiClient::updateChannel(const QString &id, const ChannelDraft &draft,
                                         std::optional<qint64> ifMatchVersion)
{
    CC_ASSERT_CLIENT_THREAD();
    ValidationContext context;
    context.mode = ValidationContext::Mode::Update;
    context.selfId = id;
    const FieldErrors problems = validateChannelDraft(draft, context);
    if (!problems.isEmpty()) {
        auto *reply = newReply<Channel>(QStringLiteral("update channel %1").arg(id));
        refuseUnsent(reply, problems, m_profile.name);
        return reply;
    }
    return patchChannel(QStringLiteral("update channel %1").arg(id), id, draftToUpdatePatch(draft), ifMatchVersion);
}

Reply<Channel> *ApiClient::failover(const QString &id, const QString &backupId, std::optional<qint64> ifMatchVersion)
{
    CC_ASSERT_CLIENT_THREAD();
    return patchChannel(QStringLiteral("fail channel %1 over to %2").arg(id, backupId), id, failoverPatch(backupId),
                        ifMatchVersion);
}

Reply<Channel> *ApiClient::failback(const QString &id, std::optional<qint64> ifMatchVersion)
{
    CC_ASSERT_CLIENT_THREAD();
    return patchChannel(QStringLiteral("fail channel %1 back").arg(id), id, failbackPatch(), ifMatchVersion);
}

Reply<Channel> *ApiClient::applyCodecOrder(const QString &id, const QList<Codec> &codecs,
                                           std::optional<qint64> ifMatchVersion)
{
    CC_ASSERT_CLIENT_THREAD();
    return patchChannel(QStringLiteral("reorder the codecs of channel %1").arg(id), id, codecOrderPatch(codecs),
                        ifMatchVersion);
}

Reply<NoContent> *ApiClient::deleteChannel(const QString &id)
{
    auto *reply = newReply<NoContent>(QStringLiteral("delete channel %1").arg(id));
    RequestSpec spec;
    spec.method = QByteArrayLiteral("DELETE");
    spec.path = channelPath(id);
    spec.operation = reply->operation();
    send(reply, spec, [reply](const HttpAnswer &) { reply->succeed(NoContent{}); },
         [reply](const ApiError &error) { reply->fail(error); });
    return reply;
}

Reply<TelemetryResult> *ApiClient::queryTelemetry(const TelemetryQuery &query)
{
    auto *reply = newReply<TelemetryResult>(QStringLiteral("query telemetry"));
    FieldErrors problems;
    if (query.channelIds.isEmpty())
        problems.append({QString(api::kKeyFilter), QStringLiteral("names no channel: ask for at least one")});
    if (!query.from.isValid() || !query.to.isValid() || query.from >= query.to)
        problems.append({QString(api::kKeyFrom), QStringLiteral("must be a valid time before 'to'")});
    else if (query.expectedRows() > api::kTelemetryMaxRows)
        problems.append({QString(api::kKeyTo), QStringLiteral("the query spans %1 rows; the tenant answers at most %2: "
                                                              "shorten the range, widen the interval or ask for fewer channels")
                                                   .arg(query.expectedRows())
                                                   .arg(api::kTelemetryMaxRows)});
    if (!problems.isEmpty()) {
        refuseUnsent(reply, problems, m_profile.name);
        return reply;
    }
    RequestSpec spec;
    spec.method = QByteArrayLiteral("POST");
    spec.path = QString(api::kTelemetryPath);
    spec.body = QJsonDocument(telemetryQueryToJson(query)).toJson(QJsonDocument::Compact);
    spec.contentType = QByteArray(kJsonContentType.data(), kJsonContentType.size());
    // A telemetry POST is a query: it reads and changes nothing on the tenant,
    // so repeating it after a lost answer or a 5xx is as safe as a GET.
    spec.safeToRepeat = true;
    spec.operation = reply->operation();
    send(reply, spec,
         [reply](const HttpAnswer &answer) { complete(reply, parseTelemetryAnswer(answer.body, reply->operation()), answer); },
         [reply](const ApiError &error) { reply->fail(error); });
    return reply;
}

} // namespace cc
