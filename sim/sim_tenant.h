#pragma once
// The simulated CXone tenant's behaviour, without HTTP: it maps one SimRequest to
// one SimResponse following the contract. The control API (/_sim/), the
// customer's export receiver (/export) and the channel API each have their
// handler; this class owns the tenant's state, routes a request to its area and
// fires the scenario's events. SimServer only carries bytes between QHttpServer
// and this class.

#include "api_router.h"
#include "control_actions.h"
#include "control_api.h"
#include "export_receiver.h"
#include "scenario_timeline.h"
#include "sim_options.h"
#include "sim_request.h"
#include "sim_response.h"
#include "sim_state.h"

#include <QJsonObject>
#include <QUrl>

#include <optional>

namespace cc::sim {

class SimTenant final
{
public:
    explicit SimTenant(const SimOptions &options);

    // Seeds the channels and reads the scenario; false with a readable error.
    bool start(QString *error);
    // The URL clients reach the tenant at (Location headers, discovery documents).
    void setBaseUrl(const QUrl &baseUrl) { m_state.baseUrl = baseUrl; }
    QUrl baseUrl() const { return m_state.baseUrl; }

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
    ChannelStore &channels() { return m_state.channels; }
    TokenStore &tokens() { return m_state.tokens; }
    FaultState &faults() { return m_state.faults; }
    RequestLog &requestLog() { return m_state.log; }
    ExportInbox &exports() { return m_state.exports; }
    RateLimiter &rateLimiter() { return m_state.rateLimiter; }
    const TelemetryGenerator &telemetry() const { return m_state.telemetry; }
    Clock &clock() { return *m_state.clock; }
    const SimOptions &options() const { return m_state.options; }

private:
    SimState m_state;
    ApiRouter m_api;
    ControlActions m_actions;
    ControlApi m_control;
    ExportReceiver m_exportReceiver;
    ScenarioTimeline m_scenario;
    qint64 m_startMs = 0;
    qint64 m_requestCounter = 0;
};

} // namespace cc::sim
