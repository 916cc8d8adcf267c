#include "client/api_error.h"

namespace cc {

namespace {

QString statusPart(const ApiError &error)
{
    if (error.httpStatus == 0)
        return QString();
    QString part = QString::number(error.httpStatus);
    if (!error.code.isEmpty())
        part += QLatin1Char(' ') + error.code;
    return QStringLiteral(" (") + part + QLatin1Char(')');
}

QString profilePart(const ApiError &error)
{
    return error.profileName.isEmpty() ? QStringLiteral("of the connection profile")
                                       : QStringLiteral("of profile '%1'").arg(error.profileName);
}

QString tenantSaid(const ApiError &error)
{
    return error.message.isEmpty() ? QString() : QStringLiteral(" The tenant said: %1.").arg(error.message);
}

QString attemptsPart(const ApiError &error)
{
    return error.attempts > 1 ? QStringLiteral(" after %1 tries").arg(error.attempts) : QString();
}

} // namespace

ApiError ApiError::make(Kind kind, const QString &operation, const QString &message)
{
    ApiError error;
    error.kind = kind;
    error.operation = operation;
    error.message = message;
    return error;
}

QString apiErrorKindName(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::Network: return QStringLiteral("network");
    case ApiError::Kind::Timeout: return QStringLiteral("timeout");
    case ApiError::Kind::Auth: return QStringLiteral("auth");
    case ApiError::Kind::Forbidden: return QStringLiteral("forbidden");
    case ApiError::Kind::Validation: return QStringLiteral("validation");
    case ApiError::Kind::NotFound: return QStringLiteral("not_found");
    case ApiError::Kind::Conflict: return QStringLiteral("conflict");
    case ApiError::Kind::RateLimited: return QStringLiteral("rate_limited");
    case ApiError::Kind::Server: return QStringLiteral("server");
    case ApiError::Kind::Cancelled: return QStringLiteral("cancelled");
    case ApiError::Kind::BadResponse: return QStringLiteral("bad_response");
    case ApiError::Kind::Configuration: return QStringLiteral("configuration");
    }
    return QStringLiteral("unknown");
}

QString ApiError::text() const
{
    const QString what = operation.isEmpty() ? QStringLiteral("The request") : operation;
    const QString whatCap = what.left(1).toUpper() + what.mid(1);
    QString text;
    switch (kind) {
    case Kind::Network:
        text = QStringLiteral("Could not reach the tenant to %1%2: %3. Check the base URL %4 and the network.")
                   .arg(what, attemptsPart(*this), message.isEmpty() ? QStringLiteral("no connection") : message,
                        profilePart(*this));
        break;
    case Kind::Timeout:
        text = QStringLiteral("%1 got %2%3. The tenant may be slow or unreachable: "
                              "try again, or raise the timeout (cxonectl --timeout S).")
                   .arg(whatCap, message.isEmpty() ? QStringLiteral("no answer within the timeout") : message,
                        attemptsPart(*this));
        break;
    case Kind::Auth:
        if (duringSignIn)
            text = QStringLiteral("The tenant refused the credentials%1 while signing in. Check the client id and "
                                  "secret (or access key) %2.")
                       .arg(statusPart(*this), profilePart(*this));
        else
            text = QStringLiteral("The tenant refused a freshly issued token%1 to %2. Check that the client %3 is "
                                  "still enabled on the tenant, then sign in again.")
                       .arg(statusPart(*this), what, profilePart(*this));
        text += tenantSaid(*this);
        break;
    case Kind::Forbidden:
        if (!requiredScope.isEmpty())
            text = QStringLiteral("The client lacks the scope '%1' needed to %2%3. Ask the tenant's administrator "
                                  "to grant '%1' to the client %4.")
                       .arg(requiredScope, what, statusPart(*this), profilePart(*this));
        else
            text = QStringLiteral("The tenant forbids %1%2. Ask the tenant's administrator for access.%3")
                       .arg(what, statusPart(*this), tenantSaid(*this));
        break;
    case Kind::Validation:
        text = QStringLiteral("%1 was refused: %2 invalid. Correct %3 and try again.")
                   .arg(whatCap,
                        details.size() == 1 ? QStringLiteral("1 field is")
                                            : QStringLiteral("%1 fields are").arg(details.size()),
                        details.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"));
        if (details.isEmpty())
            text = QStringLiteral("%1 was refused as invalid%2.%3 Correct the request and try again.")
                       .arg(whatCap, statusPart(*this), tenantSaid(*this));
        else
            text += QLatin1Char('\n') + formatFieldErrors(details);
        break;
    case Kind::NotFound:
        text = QStringLiteral("%1 failed: the tenant has no such channel%2. Check the id (cxonectl channels list "
                              "shows every channel).")
                   .arg(whatCap, statusPart(*this));
        break;
    case Kind::Conflict:
        if (httpStatus == 412)
            text = QStringLiteral("%1 was refused because the channel changed since it was read%2. Read it again "
                                  "and reapply the change.")
                       .arg(whatCap, statusPart(*this));
        else if (!referencedBy.isEmpty())
            text = QStringLiteral("%1 was refused: the channel is a failover target of %2%3. Remove it from "
                                  "their failover lists first.")
                       .arg(whatCap, referencedBy.join(QStringLiteral(", ")), statusPart(*this));
        else
            text = QStringLiteral("%1 conflicts with the tenant's current state%2.%3 Read the channel again and "
                                  "retry.")
                       .arg(whatCap, statusPart(*this), tenantSaid(*this));
        break;
    case Kind::RateLimited:
        text = QStringLiteral("%1 was still rate limited by the tenant%2%3. Wait a minute and try again; if it "
                              "keeps happening, other clients share the tenant's budget.")
                   .arg(whatCap, attemptsPart(*this), statusPart(*this));
        if (retryAfterRefusedSeconds > 0)
            text = QStringLiteral("%1 was rate limited by the tenant%2: %3. Try again after that wait.")
                       .arg(whatCap, statusPart(*this), message);
        break;
    case Kind::Server:
        text = QStringLiteral("The tenant failed to %1%2%3.%4 Try again later; if it persists, report it to NICE "
                              "support.")
                   .arg(what, statusPart(*this), attemptsPart(*this), tenantSaid(*this));
        if (retryAfterRefusedSeconds > 0)
            text = QStringLiteral("The tenant failed to %1%2: %3. Try again after that wait.")
                       .arg(what, statusPart(*this), message);
        break;
    case Kind::Cancelled:
        text = QStringLiteral("%1 was cancelled.").arg(whatCap);
        break;
    case Kind::BadResponse:
        text = QStringLiteral("The tenant's answer to %1 is not what the contract describes: %2. Report it to the "
                              "tenant's administrator.")
                   .arg(what, message);
        break;
    case Kind::Configuration:
        text = QStringLiteral("Cannot %1: %2").arg(what, message);
        if (!text.endsWith(QLatin1Char('.')))
            text += QLatin1Char('.');
        break;
    }
    if (!requestId.isEmpty())
        text += QStringLiteral(" (request id %1)").arg(requestId);
    return text;
}

} // namespace cc
