#include "client/api_client.h"

#include "api/contract.h"
#include "client/answer_parsers.h"
#include "client/channel_walk.h"
#include "client/rate_budget.h"
#include "client/request_spec.h"
#include "client/sign_in_strategy.h"
#include "client/token_source.h"
#include "common/system_clock.h"
#include "model/channel_validator.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
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


QString encodedId(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

QString channelPath(const QString &id)
{
    return QString(api::kChannelsPath) + QLatin1Char('/') + encodedId(id);
}

// A request whose body is `body` as compact JSON.
RequestSpec jsonRequest(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &operation)
{
    RequestSpec spec;
    spec.method = method;
    spec.path = path;
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    spec.contentType = QByteArrayLiteral("application/json");
    spec.operation = operation;
    return spec;
}

QByteArray ifMatchValue(qint64 version)
{
    // The ETag is the version in quotes ("7"); If-Match carries it the same way.
    return '"' + QByteArray::number(version) + '"';
}

} // namespace

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

ApiClient::~ApiClient()
{
    // A sign-in in flight goes with this client: another client of the
    // connection that waits for it signs in instead.
    m_tokens->abandon(this);
}

void ApiClient::init()
{
    if (!m_options.clock)
        m_options.clock = std::make_shared<SystemClock>();
    if (!m_options.random01)
        m_options.random01 = [] { return QRandomGenerator::global()->generateDouble(); };
    m_options.retry.maxAttempts = std::max(1, m_options.retry.maxAttempts);

    m_network = new QNetworkAccessManager(this);
    // Redirects are decided here, not by Qt: a bearer token or a client secret
    // goes only to the origin it belongs to (see handleAnswer).
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_network->setAutoDeleteReplies(false);

    // A client made on its own (a test of a profile, a tool) has its own budget
    // and token; the clients of one connection share their TenantSession's.
    m_budget = m_options.budget ? m_options.budget : std::make_shared<RateBudget>();
    m_tokens = m_options.tokens ? m_options.tokens : std::make_shared<TokenSource>();
    connect(m_tokens.get(), &TokenSource::settled, this, &ApiClient::onTokenSettled);
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
    return m_options.clock->nowUtc().toMSecsSinceEpoch();
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

bool ApiClient::haveUsableToken()
{
    const std::optional<TokenSource::State> shared = m_tokens->usable(now());
    if (!shared)
        return false;
    if (shared->generation != m_tokenGeneration || m_token.isEmpty()) {
        // Another client of this connection signed in (or this one did): use its token.
        m_token = shared->token;
        m_tokenExpiresMs = shared->expiresMs;
        m_tokenLifetimeMs = shared->lifetimeMs;
        m_tokenGeneration = shared->generation;
        if (shared->apiBaseUrl.isValid())
            m_apiBaseUrl = shared->apiBaseUrl;
        m_tenantId = shared->tenantId;
        emit tokenLifetimeChanged(tokenExpiresAt());
    }
    return true;
}

// ---------------------------------------------------------------------------
// Tokens: one TokenSource per connection, shared by its clients.

void ApiClient::withToken(ApiCall *call, std::function<void(const std::optional<ApiError> &)> then)
{
    if (haveUsableToken()) {
        then(std::nullopt);
        return;
    }
    QPointer<ApiCall> guard(call);
    m_tokenWaiters.append([guard, then = std::move(then)](const std::optional<ApiError> &error) {
        if (guard && !guard->isFinished())
            then(error);
    });
    fetchToken();
}

void ApiClient::notifyTokenWaiters(const std::optional<ApiError> &error)
{
    const auto waiters = std::exchange(m_tokenWaiters, {});
    for (const auto &waiter : waiters)
        waiter(error);
}

void ApiClient::onTokenSettled()
{
    if (m_tokenWaiters.isEmpty()) {
        haveUsableToken();   // keeps tokenExpiresAt() (the status bar) current
        return;
    }
    if (haveUsableToken()) {
        notifyTokenWaiters(std::nullopt);
        return;
    }
    if (std::optional<ApiError> failure = m_tokens->lastFailure()) {
        failure->profileName = m_profile.name;
        notifyTokenWaiters(*failure);
        return;
    }
    fetchToken();   // the client that was signing in went away: this one does
}

void ApiClient::fetchToken()
{
    if (m_signingIn)
        return;
    ApiError limitError;
    switch (m_tokens->claim(this, now(), &limitError)) {
    case TokenSource::Claim::Wait:
        return;   // onTokenSettled() follows
    case TokenSource::Claim::Limited:
        limitError.profileName = m_profile.name;
        // From the event loop, like every result.
        QTimer::singleShot(0, this, [this, limitError] { notifyTokenWaiters(limitError); });
        return;
    case TokenSource::Claim::Fetch:
        break;
    }
    m_signingIn = true;
    // The sign-in's own requests need a call to live on (timers, cancel); it
    // belongs to no caller, so one caller's cancel() does not stop the others'
    // token.
    auto *signInCall = new Reply<NoContent>(QStringLiteral("sign in"), this);
    const auto sendRequest = [this, signInCall](const RequestSpec &spec, SignInStrategy::OnAnswer ok,
                                                SignInStrategy::OnError fail) {
        send(signInCall, spec, std::move(ok), std::move(fail));
    };
    m_signIn->fetchToken(
        sendRequest,
        [this, signInCall](const TokenGrant &grant) {
            m_signingIn = false;
            log(QStringLiteral("signed in: token valid for %1 s, API at %2")
                    .arg(grant.expiresInSeconds)
                    .arg((grant.apiBaseUrl.isValid() ? grant.apiBaseUrl : m_apiBaseUrl).toDisplayString(QUrl::RemoveUserInfo)));
            signInCall->succeed(NoContent{});
            m_tokens->grant(this, grant, now());   // settled(): this client's waiters and every other client's
        },
        [this, signInCall](const ApiError &failure) {
            m_signingIn = false;
            ApiError error = failure;
            error.duringSignIn = true;
            signInCall->fail(error);
            m_tokens->fail(this, error);
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
    RequestSpec spec = jsonRequest(QByteArrayLiteral("POST"), QString(api::kChannelsPath), draftToCreateJson(draft),
                                   reply->operation());
    // One key per create, kept across its retries: a create whose answer was
    // lost is repeated and the tenant answers the first answer again.
    spec.headers.append({QByteArray(api::kHeaderIdempotencyKey), QUuid::createUuid().toByteArray(QUuid::WithoutBraces)});
    send(reply, spec,
         [reply](const HttpAnswer &answer) { complete(reply, parseChannelAnswer(answer.body, reply->operation()), answer); },
         [reply](const ApiError &error) { reply->fail(error); });
    return reply;
}

Reply<Channel> *ApiClient::patchChannel(const QString &operation, const QString &id, const QJsonObject &patch,
                                        std::optional<qint64> ifMatchVersion)
{
    auto *reply = newReply<Channel>(operation);
    RequestSpec spec = jsonRequest(QByteArrayLiteral("PATCH"), channelPath(id), patch, operation);
    if (ifMatchVersion)
        spec.headers.append({QByteArray(api::kHeaderIfMatch), ifMatchValue(*ifMatchVersion)});
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
    RequestSpec spec = jsonRequest(QByteArrayLiteral("POST"), QString(api::kTelemetryPath), telemetryQueryToJson(query),
                                   reply->operation());
    // A telemetry POST is a query: it reads and changes nothing on the tenant,
    // so repeating it after a lost answer or a 5xx is as safe as a GET.
    spec.safeToRepeat = true;
    send(reply, spec,
         [reply](const HttpAnswer &answer) { complete(reply, parseTelemetryAnswer(answer.body, reply->operation()), answer); },
         [reply](const ApiError &error) { reply->fail(error); });
    return reply;
}

} // namespace cc
