// Fuzz target for the secret file (core/client/secret_file.h): whatever the
// file holds (no newline, CR LF, NUL bytes, invalid UTF-8, only blanks), the
// reader gives a secret or a problem naming the option and the file.

#include "fuzz_input.h"
#include "fuzz_targets.h"

#include "client/secret_file.h"

namespace cc::fuzz {

int secretFile(const uint8_t *data, size_t size)
{
    const QString path = inputFile(data, size, QStringLiteral("secret"));
    if (path.isEmpty())
        return 0;
    QString problem;
    QStringList warnings;
    const std::optional<QString> secret = readSecretFile(path, QStringLiteral("--client-secret-file"), &problem, &warnings);
    if (secret && secret->isEmpty())
        __builtin_trap();   // an empty secret is a problem, never a value
    if (!secret && problem.isEmpty())
        __builtin_trap();
    return 0;
}

} // namespace cc::fuzz
