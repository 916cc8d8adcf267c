#pragma once
// The client every part of the product uses to talk to a CXone tenant: one typed,
// asynchronous method per endpoint of the contract (core/api/contract.h holds
// every path and key). It signs in with the profile's strategy (client
// credentials or access key) into its connection's TokenSource, shared with the
// connection's other clients, and fetches a new token when fewer than 60 s remain
// (concurrent calls, of this client or another of the connection, wait for one
// fetch; a 401 fetches once and repeats the call once), spends from the
// connection's rate budget (waiting on a timer rather than meeting a 429), retries 429, 5xx and timeouts with
// exponential backoff where the method allows it, and maps every failure to one
// ApiError.
//
// Threading: the client lives in the thread that creates it (or that it is moved
// to before first use) and is used only from that thread; it creates its own
// QNetworkAccessManager there. Nothing blocks: results arrive on Reply<T>
// (see api_call.h).
//
// Security: https with certificate verification (TLS errors are never ignored);
// plain http only to a loopback host. No secret (client secret, token, SIP
// password) reaches a log line or an ApiError.

#include "client/api_call.h"
#include "client/connection_profile.h"
#include "client/retry_policy.h"
#include "common/clock.h"
#include "model/channel.h"
#include "model/telemetry.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace cc {

class ChannelWalk;
class RateBudget;
class TokenSource;
class SignInStrategy;
struct RequestSpec;
struct HttpAnswer;

struct ClientOptions
{
    RetryPolicy retry;
    int maxRedirects = 3;
    // The largest answer one call accepts: far above a 500-channel page (about
    // 1 MB) or a 10,000-row telemetry answer (about 2 MB), far below memory
    // trouble. A larger answer is aborted as it arrives and refused.
    qint64 maxAnswerBytes = 32LL * 1024 * 1024;
    // Where time is read (token expiry, the rate budget, durations); null: the
    // system clock. Tests hand in a ManualClock to move token expiry.
    std::shared_ptr<const Clock> clock;
    // Jitter source in [0, 1); tests may make it deterministic.
    std::function<double()> random01;
    // One line per request (method, URL, status, elapsed ms, rate-limit
    // headers, Authorization shown as redacted), for `cxonectl --verbose`.
    // Lines also go to the cc.api logging category at debug level.
    std::function<void(const QString &line)> logSink;
    // The connection's rate budget and token, shared by every client of one
    // connection (TenantSession::clientOptions() fills both). Empty: the client
    // has its own.
    std::shared_ptr<RateBudget> budget;
    std::shared_ptr<TokenSource> tokens;
    // Told of every request once its answer (status > 0) or its failure to get
    // one (status 0) is known, in the client's thread: the metrics count them.
    std::function<void(const QByteArray &method, const QString &urlPath, int status)> requestObserver;
    // Asked, in the client's thread, right before each send of a request that
    // changes the tenant (any authenticated method but GET, telemetry queries
    // aside): a non-empty answer is why it may not, and the call fails with
    // Configuration and that reason, nothing sent. The leader lease's fence.
    std::function<QString()> writeGuard;
};

// One client per connection profile and thread. `ifMatchVersion` sends
// If-Match: "<version>" so that the tenant refuses (412, Conflict) a change made
// over a version someone else has since changed.
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    explicit ApiClient(const ConnectionProfile &profile, QObject *parent = nullptr);
    ApiClient(const ConnectionProfile &profile, const ClientOptions &options, QObject *parent = nullptr);
    ~ApiClient() override;

    const ConnectionProfile &profile() const { return m_profile; }
    // The clock this client reads (ClientOptions::clock, or the system's).
    const Clock &clock() const { return *m_options.clock; }

    // Every channel of the tenant: all pages (page_size 500), in the tenant's order.
    Reply<QList<Channel>> *listChannels();
    Reply<Channel> *getChannel(const QString &id);
    // Validated first (the contract's rules, create mode): an invalid draft
    // finishes with Validation and nothing is sent. One Idempotency-Key per
    // create, the same across its retries, so a lost answer never makes two.
    Reply<Channel> *createChannel(const ChannelDraft &draft);
    // A JSON merge patch of writable fields, sent as given.
    Reply<Channel> *updateChannel(const QString &id, const QJsonObject &mergePatch,
                                  std::optional<qint64> ifMatchVersion = std::nullopt);
    // Validated first (update mode, the channel may not fail over to itself).
    Reply<Channel> *updateChannel(const QString &id, const ChannelDraft &draft,
                                  std::optional<qint64> ifMatchVersion = std::nullopt);
    Reply<NoContent> *deleteChannel(const QString &id);
    // The contract's failover PATCH: status active, routed via `backupId`.
    Reply<Channel> *failover(const QString &id, const QString &backupId,
                             std::optional<qint64> ifMatchVersion = std::nullopt);
    // Routing back to the channel itself (primary_channel_id null).
    Reply<Channel> *failback(const QString &id, std::optional<qint64> ifMatchVersion = std::nullopt);
    // Media path optimisation: a new codec order, RFC2833 DTMF, dynamic payload.
    Reply<Channel> *applyCodecOrder(const QString &id, const QList<Codec> &codecs,
                                    std::optional<qint64> ifMatchVersion = std::nullopt);
    // One query for many channels; refused before sending when it spans more than
    // the contract's 10,000 rows.
    Reply<TelemetryResult> *queryTelemetry(const TelemetryQuery &query);
    // Signs in now (otherwise the first call does): fills tokenExpiresAt().
    Reply<QDateTime> *signIn();

    // For the status bar. Invalid until the first token.
    QDateTime tokenExpiresAt() const;
    int budgetRemaining() const;
    int budgetLimit() const;
    // Where API calls go: the profile's base URL, or discovery's api_endpoint.
    QUrl apiBaseUrl() const { return m_apiBaseUrl; }
    // The tenant id named by an access-key sign-in (empty otherwise).
    QString tenantId() const { return m_tenantId; }

signals:
    void budgetChanged(int remaining, int limit);
    void tokenLifetimeChanged(const QDateTime &expiresAt);

private:
    struct Exchange;
    using ExchangePtr = std::shared_ptr<Exchange>;

    void init();
    template <typename T>
    Reply<T> *newReply(const QString &operation);
    void send(ApiCall *call, RequestSpec spec, std::function<void(const HttpAnswer &)> onOk,
              std::function<void(const ApiError &)> onFail);
    void startExchange(const ExchangePtr &exchange);
    void transmit(const ExchangePtr &exchange);
    void handleAnswer(const ExchangePtr &exchange, QNetworkReply *reply, qint64 startedMs);
    void followRedirect(const ExchangePtr &exchange, const QUrl &from, const HttpAnswer &answer);
    void retryLater(const ExchangePtr &exchange, qint64 delayMs, const ApiError &lastError);
    void failExchange(const ExchangePtr &exchange, ApiError error);
    void withToken(ApiCall *call, std::function<void(const std::optional<ApiError> &)> then);
    void fetchToken();
    void onTokenSettled();
    void notifyTokenWaiters(const std::optional<ApiError> &error);
    void fetchChannelPage(Reply<QList<Channel>> *reply, int page, std::shared_ptr<ChannelWalk> walk);
    Reply<Channel> *patchChannel(const QString &operation, const QString &id, const QJsonObject &patch,
                                 std::optional<qint64> ifMatchVersion);
    bool haveUsableToken();   // adopts the connection's newer token
    qint64 now() const;   // wall-clock ms since the epoch, from the clock
    void log(const QString &line) const;
    void publishBudget();

    ConnectionProfile m_profile;
    ClientOptions m_options;
    QNetworkAccessManager *m_network = nullptr;
    std::shared_ptr<RateBudget> m_budget;
    std::unique_ptr<SignInStrategy> m_signIn;
    QUrl m_apiBaseUrl;
    QString m_tenantId;
    QByteArray m_token;              // secret: never logged
    qint64 m_tokenExpiresMs = 0;
    qint64 m_tokenLifetimeMs = 0;
    quint64 m_tokenGeneration = 0;   // which of the connection's tokens m_token is
    std::shared_ptr<TokenSource> m_tokens;
    bool m_signingIn = false;        // this client holds the connection's sign-in
    QList<std::function<void(const std::optional<ApiError> &)>> m_tokenWaiters;
    QString m_profileProblem;        // non-empty: every call fails with Configuration
};

} // namespace cc
