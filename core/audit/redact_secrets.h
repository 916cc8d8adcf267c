#pragma once
// The one redaction applied to everything that is written into an audit entry's
// details, an export body or a metrics batch: the tutorial logged a create request
// whole, SIP password included. Exported so the client and the engine redact with
// the same rule before they log anything.

#include <QJsonValue>
#include <QStringView>

namespace cc {

// What replaces a secret value.
inline constexpr QLatin1String kRedactedValue("[redacted]");

// True when a JSON key names a secret: case-insensitive substring match, ignoring
// '-', '_', '.' and spaces, on password, passwd, passphrase, secret, token, authorization,
// api key, credential, private key, cookie. So `password`, `client_secret`,
// `access_token`, `Authorization`, `x-api-key` and `id_token` all match, and
// `authentication` (an object holding a username and a password) does not.
bool isSecretKey(QStringView key);

// A copy of `value` where every value under a secret key (see isSecretKey) is
// replaced by "[redacted]", recursively through objects and arrays, and every
// string that carries a bearer/basic credential ("Bearer ...", "Basic ...") is
// replaced too, whatever its key.
QJsonValue redactSecrets(const QJsonValue &value);

} // namespace cc
