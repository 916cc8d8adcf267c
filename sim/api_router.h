#pragma once
// The simulated tenant's API routing: matches a path to its route, answers what
// every call meets before its handler (a rate-limit storm or the fixed window,
// 413, 404, 405, the fail_next and redirect faults), hands the call to the
// area's handler (sign-in, channels, telemetry), applies the faults that shape
// the answer (slow, drop, oversize, drip), adds the rate-limit headers and logs
// the call, redacted.

#include "channel_handler.h"
#include "sign_in_handler.h"
#include "sim_request.h"
#include "sim_response.h"
#include "sim_state.h"
#include "telemetry_handler.h"

#include <QJsonValue>
#include <QStringList>

namespace cc::sim {

class ApiRouter final
{
public:
    explicit ApiRouter(SimState &state);

    // `elapsedMs` is the tenant's age, for the request log.
    SimResponse handle(const SimRequest &request, const QString &requestId, qint64 elapsedMs);

private:
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

    static Match matchRoute(const QString &path);
    static bool isDiscovery(Route route);
    static bool isSignIn(Route route);   // sign-in and discovery: spared by faults without a path_prefix
    // The answer before any handler runs, when there is one (limits, faults, 404, 405).
    std::optional<SimResponse> refusal(const SimRequest &request, const QString &requestId, const Match &match,
                                       qint64 nowMs);
    SimResponse dispatch(const SimCall &call, Route route);
    void log(const SimRequest &request, const Match &match, const SimResponse &response, qint64 elapsedMs);
    QJsonValue loggedBody(const SimRequest &request, Route route) const;

    SimState &m_state;
    SignInHandler m_signIn;
    ChannelHandler m_channels;
    TelemetryHandler m_telemetry;
};

} // namespace cc::sim
