#include "sim_reply.h"

#include "api/contract.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace cc::sim {

QByteArray toJsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

SimResponse jsonReply(int status, const QJsonObject &body)
{
    SimResponse response;
    response.status = status;
    response.body = toJsonBytes(body);
    return response;
}

SimResponse errorReply(int status, const QString &requestId, QLatin1String code, const QString &message,
                       const QJsonObject &extra)
{
    QJsonObject body = extra;
    body.insert(api::kKeyError, QString(code));
    body.insert(api::kKeyMessage, message);
    body.insert(api::kKeyRequestId, requestId);
    return jsonReply(status, body);
}

SimResponse validationFailedReply(const QString &requestId, const FieldErrors &errors)
{
    const QString message = errors.size() == 1 ? QStringLiteral("1 field is invalid")
                                               : QStringLiteral("%1 fields are invalid").arg(errors.size());
    return errorReply(400, requestId, api::kErrorValidationFailed, message,
                      QJsonObject{{api::kKeyDetails, fieldErrorsToJson(errors)}});
}

SimResponse noContentReply()
{
    SimResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

SimResponse methodNotAllowedReply(const QString &requestId, const QString &method, const QString &path,
                                  const QString &allowed)
{
    SimResponse response = errorReply(405, requestId, api::kErrorMethodNotAllowed,
                                      QStringLiteral("%1 is not allowed on %2; allowed: %3").arg(method, path, allowed));
    response.headers.append({QByteArrayLiteral("Allow"), allowed.toLatin1()});
    return response;
}

std::optional<QJsonObject> parseJsonBody(const SimRequest &request, const QString &requestId,
                                         SimResponse *errorResponse)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *errorResponse = errorReply(400, requestId, api::kErrorMalformedJson,
                                    QStringLiteral("the body is not valid JSON (%1 at offset %2): send a JSON object")
                                        .arg(parseError.errorString()).arg(parseError.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        *errorResponse = errorReply(400, requestId, api::kErrorMalformedJson,
                                    QStringLiteral("the body must be a JSON object"));
        return std::nullopt;
    }
    return document.object();
}

QUrlQuery parseFormBody(const QByteArray &body)
{
    QByteArray text = body;
    text.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(text));
}

std::optional<QString> bearerToken(const QByteArray &authorization)
{
    if (authorization.size() < 7 || authorization.left(7).toLower() != "bearer ")
        return std::nullopt;
    const QByteArray token = authorization.mid(7).trimmed();
    if (token.isEmpty())
        return std::nullopt;
    return QString::fromUtf8(token);
}

std::optional<QPair<QString, QString>> basicCredentials(const QByteArray &authorization)
{
    if (!authorization.startsWith("Basic ") && !authorization.startsWith("basic "))
        return std::nullopt;
    const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return std::nullopt;
    return QPair<QString, QString>(QString::fromUtf8(decoded.left(colon)), QString::fromUtf8(decoded.mid(colon + 1)));
}

} // namespace cc::sim
