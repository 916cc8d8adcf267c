#include "sim_tenant.h"

#include "api/contract.h"
#include "sim_logging.h"

namespace cc::sim {

SimTenant::SimTenant(const SimOptions &options)
    : m_state(options)
    , m_api(m_state)
    , m_actions(m_state)
    , m_control(m_state, m_actions)
    , m_exportReceiver(m_state)
{
    m_startMs = m_state.clock->monotonicMs();
}

bool SimTenant::start(QString *errorText)
{
    const SimOptions &options = m_state.options;
    if (options.channels < 0 || options.channels > 100000) {
        if (errorText)
            *errorText = QStringLiteral("--channels must be between 0 and 100000 (got %1)").arg(options.channels);
        return false;
    }
    if (!options.scenarioFile.isEmpty()) {
        if (!m_scenario.loadFile(options.scenarioFile, errorText))
            return false;
        const QList<QJsonObject> actions = m_scenario.actions();
        for (qsizetype i = 0; i < actions.size(); ++i) {
            const QString problem = m_actions.problem(actions.at(i));
            // Channel ids are checked when the event fires: the scenario may name
            // a channel created later.
            if (!problem.isEmpty() && problem != ControlActions::unknownChannelProblem()) {
                if (errorText)
                    *errorText = QStringLiteral("scenario file %1: event %2 (sorted by at): %3")
                                     .arg(options.scenarioFile).arg(i).arg(problem);
                return false;
            }
        }
    }
    m_state.channels.seed(options.channels, m_state.clock->nowUtc());
    m_startMs = m_state.clock->monotonicMs();
    return true;
}

qint64 SimTenant::elapsedMs() const
{
    return m_state.clock->monotonicMs() - m_startMs;
}

void SimTenant::tick()
{
    for (const QJsonObject &action : m_scenario.takeDue(elapsedMs())) {
        QString problem;
        if (!m_actions.apply(action, &problem))
            qCWarning(lcSim) << "scenario event skipped:" << problem;
    }
    m_state.channels.advanceHealth(m_state.clock->nowUtc());
}

std::optional<qint64> SimTenant::msUntilNextEvent() const
{
    const std::optional<qint64> due = m_scenario.nextDueMs();
    if (!due)
        return std::nullopt;
    return qMax<qint64>(0, *due - elapsedMs());
}

QString SimTenant::actionError(const QJsonObject &action) const
{
    return m_actions.problem(action);
}

bool SimTenant::applyAction(const QJsonObject &action, QString *error)
{
    return m_actions.apply(action, error);
}

SimResponse SimTenant::handle(const SimRequest &request)
{
    tick();
    const QString requestId = QStringLiteral("req_%1").arg(++m_requestCounter, 8, 16, QLatin1Char('0'));

    SimResponse response;
    if (ControlApi::serves(request.path))
        response = m_control.handle(request, requestId);
    else if (ExportReceiver::serves(request.path))
        response = m_exportReceiver.handle(request, requestId);
    else
        response = m_api.handle(request, requestId, elapsedMs());
    response.headers.append({QByteArray(api::kHeaderRequestId), requestId.toLatin1()});
    return response;
}

} // namespace cc::sim
