#include "monitor/failover_action_runner.h"

#include "client/api_client.h"

namespace cc {

QJsonObject failoverErrorJson(const ApiError &error)
{
    QJsonObject json{{QStringLiteral("kind"), apiErrorKindName(error.kind)}};
    if (error.httpStatus > 0)
        json.insert(QStringLiteral("http_status"), error.httpStatus);
    if (!error.code.isEmpty())
        json.insert(QStringLiteral("code"), error.code);
    if (!error.requestId.isEmpty())
        json.insert(QStringLiteral("request_id"), error.requestId);
    return json;
}

namespace {

void rereadAfterConflict(ApiClient *client, FailoverEngine *engine, const FailoverAction &action, const QObject *context,
                         FailoverActionDone done)
{
    client->getChannel(action.channelId)->onFinished(context, [engine, action, done = std::move(done)](const ApiResult<Channel> &result) {
        if (result.ok()) {
            done(engine->actionConflicted(action, *result.value), std::nullopt);
            return;
        }
        done(engine->actionFailed(action,
                                  QStringLiteral("the channel changed meanwhile (412) and re-reading it failed: ")
                                      + result.error->text(),
                                  failoverErrorJson(*result.error)),
             result.error);
    });
}

} // namespace

void runFailoverAction(ApiClient *client, FailoverEngine *engine, const FailoverAction &action, const QObject *context,
                       FailoverActionDone done)
{
    Reply<Channel> *reply = action.kind == FailoverActionKind::Failover
        ? client->failover(action.channelId, action.targetId, action.expectedVersion)
        : client->failback(action.channelId, action.expectedVersion);
    reply->onFinished(context, [client, engine, action, context, done = std::move(done)](const ApiResult<Channel> &result) mutable {
        if (result.ok()) {
            done(engine->actionSucceeded(action, *result.value), std::nullopt);
            return;
        }
        const ApiError &error = *result.error;
        if (error.kind == ApiError::Kind::Conflict && error.httpStatus == 412) {
            rereadAfterConflict(client, engine, action, context, std::move(done));
            return;
        }
        done(engine->actionFailed(action, error.text(), failoverErrorJson(error)), error);
    });
}

} // namespace cc
