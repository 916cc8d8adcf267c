#pragma once
// The answers every area of the simulated tenant builds the same way: a JSON
// body, the contract's error body (error, message, request_id), a validation
// failure, 204, 405 with Allow, and the request parts they all read (a JSON
// object body, the bearer token, HTTP Basic credentials).

#include "model/field_error.h"
#include "sim_request.h"
#include "sim_response.h"

#include <QJsonObject>
#include <QLatin1String>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace cc::sim {

QByteArray toJsonBytes(const QJsonObject &object);

SimResponse jsonReply(int status, const QJsonObject &body);
SimResponse errorReply(int status, const QString &requestId, QLatin1String code, const QString &message,
                       const QJsonObject &extra = {});
SimResponse validationFailedReply(const QString &requestId, const FieldErrors &errors);
SimResponse noContentReply();
// 405 naming what is allowed, with the Allow header.
SimResponse methodNotAllowedReply(const QString &requestId, const QString &method, const QString &path,
                                  const QString &allowed);

// The body as a JSON object, or nullopt with the 400 to answer in *errorResponse.
std::optional<QJsonObject> parseJsonBody(const SimRequest &request, const QString &requestId,
                                         SimResponse *errorResponse);

// A form body as OAuth sends it: '+' is a space there, not in QUrlQuery.
QUrlQuery parseFormBody(const QByteArray &body);

// "Bearer <token>" -> token; nullopt when absent or empty.
std::optional<QString> bearerToken(const QByteArray &authorization);
// "Basic base64(id:secret)" -> {id, secret}.
std::optional<QPair<QString, QString>> basicCredentials(const QByteArray &authorization);

} // namespace cc::sim
