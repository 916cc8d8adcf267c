#pragma once
// Sends one routing change the FailoverEngine handed out and feeds the
// tenant's answer back into the engine: done; 412, the channel re-read and the
// conflict judged; anything else, failed. One implementation for the monitor's
// worker and for a failover a person asks for without a monitor (cxonectl), so
// both follow the engine's one rule on the way back as on the way out.

#include "client/api_error.h"
#include "monitor/failover_engine.h"

#include <QJsonObject>

#include <functional>
#include <optional>

class QObject;

namespace cc {

class ApiClient;

// What the engine made of the answer, and the client's error when there was one.
using FailoverActionDone = std::function<void(const EngineOutput &output, const std::optional<ApiError> &error)>;

// `engine` and `client` must outlive `context`'s interest: the answer is
// delivered in `context`'s thread and dropped once `context` is gone.
void runFailoverAction(ApiClient *client, FailoverEngine *engine, const FailoverAction &action, const QObject *context,
                       FailoverActionDone done);

// {"kind", "http_status", "code", "request_id"} of a client error, as the
// monitor's events carry it (never a secret: no body, no header).
QJsonObject failoverErrorJson(const ApiError &error);

} // namespace cc
