#pragma once
// The stores report a failure's words through an optional `QString *error`
// out-parameter (null when the caller does not want them).

#include <QString>

namespace cc {

// Sets `*error` to `text` when the caller asked for the words.
void setError(QString *error, const QString &text);

} // namespace cc
