#include "control_api.h"

#include "api/contract.h"
#include "sim_reply.h"

#include <QJsonArray>

namespace cc::sim {

namespace {

constexpr QLatin1String kControlPrefix("/_sim/");
constexpr QLatin1String kErrorForbidden("forbidden");
constexpr QLatin1String kErrorInvalidBody("invalid_body");

} // namespace

ControlApi::ControlApi(SimState &state, ControlActions &actions)
    : m_state(state)
    , m_actions(actions)
{
}

bool ControlApi::serves(const QString &path)
{
    return path.startsWith(kControlPrefix) || path == QLatin1String("/_sim");
}

QJsonObject ControlApi::faultState() const
{
    QJsonObject state = m_state.faults.toJson(m_state.clock->monotonicMs());
    state.insert(QStringLiteral("revoked_scopes"), QJsonArray::fromStringList(m_state.tokens.revokedScopes()));
    return state;
}

SimResponse ControlApi::handle(const SimRequest &request, const QString &requestId)
{
    if (!request.fromLoopback)
        return errorReply(403, requestId, kErrorForbidden, QStringLiteral("the control API answers loopback clients only"));
    const QString &path = request.path;
    const QString &method = request.method;
    if (path == QLatin1String("/_sim/stats")) {
        if (method != QLatin1String("GET"))
            return methodNotAllowedReply(requestId, method, path, QStringLiteral("GET"));
        return jsonReply(200, m_state.log.statsJson(m_state.tokens.issuedCount()));
    }
    if (path == QLatin1String("/_sim/requests")) {
        return collection(request, requestId, [this] { return m_state.log.requestsJson(); }, [this] {
            m_state.log.clear();
            m_state.tokens.resetIssuedCount();
        });
    }
    if (path == QLatin1String("/_sim/faults"))
        return faults(request, requestId);
    if (path == QLatin1String("/_sim/exports"))
        return collection(request, requestId, [this] { return m_state.exports.toJson(); }, [this] { m_state.exports.clear(); });
    return errorReply(404, requestId, api::kErrorNotFound,
                      QStringLiteral("no such control path: %1 (known: /_sim/stats, /_sim/requests, /_sim/faults, /_sim/exports)").arg(path));
}

SimResponse ControlApi::collection(const SimRequest &request, const QString &requestId,
                                  const std::function<QJsonObject()> &read, const std::function<void()> &clear)
{
    if (request.method == QLatin1String("GET"))
        return jsonReply(200, read());
    if (request.method != QLatin1String("DELETE"))
        return methodNotAllowedReply(requestId, request.method, request.path, QStringLiteral("GET, DELETE"));
    clear();
    return noContentReply();
}

SimResponse ControlApi::faults(const SimRequest &request, const QString &requestId)
{
    if (request.method == QLatin1String("GET"))
        return jsonReply(200, faultState());
    if (request.method != QLatin1String("POST"))
        return methodNotAllowedReply(requestId, request.method, request.path, QStringLiteral("GET, POST"));
    SimResponse response;
    const std::optional<QJsonObject> body = parseJsonBody(request, requestId, &response);
    if (!body)
        return response;
    QList<QJsonObject> actions;
    if (body->contains(QStringLiteral("actions"))) {
        if (!body->value(QStringLiteral("actions")).isArray())
            return errorReply(400, requestId, kErrorInvalidBody, QStringLiteral("actions must be an array of action objects"));
        for (const QJsonValue &value : body->value(QStringLiteral("actions")).toArray())
            actions.append(value.toObject());
    } else {
        actions.append(*body);
    }
    // All or nothing: a typo in the third action does not leave two applied.
    for (qsizetype i = 0; i < actions.size(); ++i) {
        const QString problem = m_actions.problem(actions.at(i));
        if (!problem.isEmpty())
            return errorReply(400, requestId, kErrorInvalidBody, QStringLiteral("action %1: %2").arg(i).arg(problem));
    }
    for (const QJsonObject &action : std::as_const(actions))
        m_actions.apply(action);
    return jsonReply(200, QJsonObject{{QStringLiteral("applied"), actions.size()}, {QStringLiteral("faults"), faultState()}});
}

} // namespace cc::sim
