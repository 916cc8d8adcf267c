#pragma once
// The simulated CXone tenant's behaviour, without HTTP: it maps one SimRequest to
// one SimResponse following the contract (sign-in, channels, telemetry, rate
// limit, errors), serves the control API under /_sim/ and the customer's export
// receiver, and applies faults from the control API and the scenario timeline.
// SimServer only carries bytes between QHttpServer and this class.

#include "channel_store.h"
#include "export_inbox.h"
#include "fault_state.h"
#include "idempotency_cache.h"
#include "rate_limiter.h"
#include "request_log.h"
#include "scenario_timeline.h"
#include "sim_request.h"
#include "sim_response.h"
#include "sim_options.h"
#include "telemetry_generator.h"
#include "token_store.h"

#include <QJsonObject>
#include <QUrl>

#include <memory>
#include <optional>

namespace cc::sim {

class SimTenant final
{
public:
    explicit SimTenant(const SimOptions &options);

    // Seeds the channels and reads the scenario; false with a readable error.
    bool start(QString *error);
    // The URL clients reach the tenant at (Location headers, discovery documents).
    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }
    QUrl baseUrl() const { return m_baseUrl; }

    SimResponse handle(const SimRequest &request);

    // Fires the scenario events that are due and runs due health checks.
    void tick();
    // Milliseconds until the next scenario event, if one is pending.
    std::optional<qint64> msUntilNextEvent() const;
    qint64 elapsedMs() const;

    // One control action (the same objects as POST /_sim/faults and the scenario).
    QString actionError(const QJsonObject &action) const;
    bool applyAction(const QJsonObject &action, QString *error = nullptr);

    // Direct access for tests and the benchmark.
    ChannelStore &channels() { return m_channels; }
    TokenStore &tokens() { return m_tokens; }
    FaultState &faults() { return m_faults; }
    RequestLog &requestLog() { return m_log; }
    ExportInbox &exports() { return m_exports; }
    RateLimiter &rateLimiter() { return m_rateLimiter; }
    const TelemetryGenerator &telemetry() const { return m_telemetry; }
    Clock &clock() { return *m_clock; }
    const SimOptions &options() const { return m_options; }

private:
    // The finest interval the tenant stores; coarser rows are rolled up from it.
    static constexpr qint64 kFinestStepSeconds = 10;
    TelemetryPoint finestRow(const QString &id, const QDateTime &bucket, const QDateTime &now) const;
    std::optional<TelemetryPoint> aggregateRow(const Channel &channel, const QDateTime &bucket, qint64 step,
                                               const QDateTime &now) const;
    enum class Route {
        None,
        Token,
        SignInToken,
        OpenIdConfiguration,
        CxoneConfiguration,
        Channels,
        Channel,
        Telemetry,
    };
    struct Match
    {
        Route route = Route::None;
        QString channelId;
        QString templatePath;
        QStringList methods;
    };
    struct Context
    {
        const SimRequest &request;
        QString requestId;
        Match match;
    };

    static Match matchRoute(const QString &path);

    SimResponse handleApi(const Context &context);
    SimResponse handleControl(const SimRequest &request, const QString &requestId);
    SimResponse handleExport(const SimRequest &request, const QString &requestId);

    SimResponse token(const Context &context);
    SimResponse signInToken(const Context &context);
    SimResponse openIdConfiguration(const Context &context);
    SimResponse cxoneConfiguration(const Context &context);
    SimResponse listChannels(const Context &context);
    SimResponse createChannel(const Context &context);
    SimResponse getChannel(const Context &context);
    SimResponse patchChannel(const Context &context);
    SimResponse deleteChannel(const Context &context);
    SimResponse queryTelemetry(const Context &context);

    // Bearer check and scope check: a response when the call may not proceed.
    std::optional<SimResponse> authorize(const Context &context, const QString &scope);
    int tokenTtlSeconds() const;
    bool clientCredentialsMatch(const QString &clientId, const QString &clientSecret) const;

    std::optional<QJsonObject> parseJsonObject(const Context &context, SimResponse *error) const;
    static SimResponse json(int status, const QJsonObject &body);
    static SimResponse error(int status, const QString &requestId, QLatin1String code, const QString &message,
                             const QJsonObject &extra = {});
    static SimResponse validationFailed(const QString &requestId, const FieldErrors &errors);
    SimResponse channelResponse(int status, const Channel &channel) const;
    QJsonValue loggedBody(const SimRequest &request, Route route) const;

    SimOptions m_options;
    std::shared_ptr<Clock> m_clock;
    qint64 m_startMs = 0;
    QUrl m_baseUrl;
    ChannelStore m_channels;
    TokenStore m_tokens;
    RateLimiter m_rateLimiter;
    IdempotencyCache m_idempotency;
    TelemetryGenerator m_telemetry;
    FaultState m_faults;
    RequestLog m_log;
    ExportInbox m_exports;
    ScenarioTimeline m_scenario;
    qint64 m_requestCounter = 0;
};

} // namespace cc::sim
