#include "export_receiver.h"

#include "api/contract.h"
#include "sim_reply.h"

#include <QJsonArray>

namespace cc::sim {

namespace {

constexpr QLatin1String kErrorExportUnavailable("receiver_unavailable");

} // namespace

ExportReceiver::ExportReceiver(SimState &state)
    : m_state(state)
{
}

bool ExportReceiver::serves(const QString &path)
{
    return path == kExportPath || path.startsWith(kExportPath + QLatin1Char('/'));
}

SimResponse ExportReceiver::handle(const SimRequest &request, const QString &requestId)
{
    const bool bulk = request.path == kExportPath + QString(api::kMetricsBulkSuffix);
    if (request.path != kExportPath && !bulk)
        return errorReply(404, requestId, api::kErrorNotFound, QStringLiteral("no such export path: %1").arg(request.path));
    if (request.method != QLatin1String("POST")) {
        SimResponse response = errorReply(405, requestId, api::kErrorMethodNotAllowed, QStringLiteral("the export receiver takes POST only"));
        response.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("POST")});
        return response;
    }
    // A receiver behind a proxy that redirects elsewhere: the export token must not follow.
    if (const std::optional<FaultState::Redirect> redirect = m_state.faults.takeRedirect(request.path, true)) {
        SimResponse response;
        response.status = redirect->status;
        response.contentType.clear();
        response.headers.append({QByteArrayLiteral("Location"), (redirect->location + request.path).toUtf8()});
        return response;
    }
    if (!m_state.faults.exportReceiverUp()) {
        SimResponse response = errorReply(503, requestId, kErrorExportUnavailable,
                                          QStringLiteral("the export receiver is down (export_receiver fault): retry later"));
        response.headers.append({QByteArray(api::kHeaderRetryAfter), QByteArrayLiteral("1")});
        return response;
    }
    const std::optional<QString> bearer = bearerToken(request.header("authorization"));
    const bool cxoneToken = bearer && m_state.tokens.wasIssued(*bearer);
    const bool wrongToken = !m_state.options.exportToken.isEmpty() && (!bearer || *bearer != m_state.options.exportToken);
    if (cxoneToken || wrongToken) {
        m_state.exports.countBadAuth();
        const QString message = cxoneToken
            ? QStringLiteral("a CXone access token was sent to the export receiver: it is a different system, send its own token")
            : QStringLiteral("the export receiver needs Authorization: Bearer <export token>: check the export token setting");
        SimResponse response = errorReply(401, requestId, api::kErrorInvalidToken, message);
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return response;
    }
    if (request.body.size() > m_state.options.maxBodyBytes)
        return errorReply(413, requestId, api::kErrorPayloadTooLarge,
                          QStringLiteral("the body is larger than %1 bytes").arg(m_state.options.maxBodyBytes));
    SimResponse response;
    const std::optional<QJsonObject> body = parseJsonBody(request, requestId, &response);
    if (!body)
        return response;
    if (bulk) {
        if (!body->value(api::kKeyMetrics).isArray())
            return validationFailedReply(requestId, {{QString(api::kKeyMetrics), QStringLiteral("is required and must be an array")}});
        m_state.exports.addMetricsBatch(*body);
        return jsonReply(202, QJsonObject{{QStringLiteral("accepted"), body->value(api::kKeyMetrics).toArray().size()}});
    }
    if (!body->value(api::kKeyId).isString() || body->value(api::kKeyId).toString().isEmpty())
        return validationFailedReply(requestId, {{QString(api::kKeyId), QStringLiteral("is required: the receiver deduplicates by it")}});
    const bool isNew = m_state.exports.addEntry(*body);
    return jsonReply(isNew ? 202 : 200, QJsonObject{{api::kKeyId, body->value(api::kKeyId)}, {QStringLiteral("duplicate"), !isNew}});
}

} // namespace cc::sim
